//! `antenna`: the command line. Thin by design: parsing flags, reading files,
//! printing; the work happens in the library crates.

mod bench;
mod check;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "antenna",
    version,
    about = "Antenna: referrals for business networking communities"
)]
struct Cli {
    /// The built dictionary (default: target/antenna-dict/ipadic.vibrato, built on first use)
    #[arg(long, global = true, env = "ANTENNA_DICT")]
    dict: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read an ask: its criteria, what makes it thin, how specific it is
    Check(check::CheckArgs),
    /// Run the web app (SQLite in --data-dir by default; --demo for a demo community)
    Serve(serve::ServeArgs),
    /// Fill an empty database with a generated community for the load benchmark
    #[command(hide = true)]
    BenchSeed(bench::Args),
    /// Manage the Japanese dictionary
    Dict {
        #[command(subcommand)]
        command: DictCommand,
    },
}

#[derive(Subcommand)]
enum DictCommand {
    /// Build the dictionary from IPADIC sources (Debian's mecab-ipadic)
    Build {
        /// Directory with the IPADIC sources (*.csv, matrix.def, char.def, unk.def; EUC-JP)
        #[arg(long)]
        src: Option<PathBuf>,
        /// Where to write the dictionary
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let dict = cli.dict.unwrap_or_else(antenna_ask::dict::default_path);
    let result = match cli.command {
        Command::Check(args) => check::run(&dict, args),
        Command::Serve(args) => serve::run(&dict, args),
        Command::BenchSeed(args) => bench::run(&dict, args),
        Command::Dict {
            command: DictCommand::Build { src, out },
        } => build_dict(src, out.unwrap_or(dict)),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("antenna: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn build_dict(src: Option<PathBuf>, out: PathBuf) -> anyhow::Result<ExitCode> {
    let src = match src {
        Some(s) => s,
        None => antenna_ask::dict::ipadic_source_candidates()
            .into_iter()
            .find(|p| p.join("matrix.def").exists())
            .ok_or_else(|| {
                anyhow::anyhow!("no IPADIC sources found; pass --src or run scripts/setup-dict.sh")
            })?,
    };
    let t = std::time::Instant::now();
    let dict = antenna_ask::dict::build_from_ipadic(&src)?;
    antenna_ask::dict::save(&dict, &out)?;
    eprintln!(
        "built {} from {} in {:.1}s",
        out.display(),
        src.display(),
        t.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
