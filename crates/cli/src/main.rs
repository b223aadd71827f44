//! `antenna`: the command line. Thin by design: parsing flags, reading files,
//! printing; the work happens in the library crates.

mod bench;
mod check;
mod dict;
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
    /// The built dictionary (default: looked for beside the data directory, the binary and
    /// in /usr/share/antenna; built there from IPADIC sources on first use: see `antenna dict status`)
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
        command: dict::DictCommand,
    },
    /// Print the JSON API's OpenAPI document (as served at /api/v1/openapi.json)
    Openapi,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lookup = antenna_ask::dict::Lookup::for_program(cli.dict);
    let result = match cli.command {
        Command::Check(args) => check::run(&lookup, args),
        Command::Serve(args) => serve::run(&lookup, args),
        Command::BenchSeed(args) => bench::run(&lookup, args),
        Command::Dict { command } => dict::run(&lookup, command),
        Command::Openapi => print_openapi(),
    };
    match result {
        Ok(code) => code,
        Err(e) => match e.downcast_ref::<dict::Missing>() {
            Some(missing) => {
                eprintln!("antenna: {missing}");
                ExitCode::from(2)
            }
            None => {
                eprintln!("antenna: {e:#}");
                ExitCode::from(1)
            }
        },
    }
}

fn print_openapi() -> anyhow::Result<ExitCode> {
    println!(
        "{}",
        serde_json::to_string_pretty(antenna_web::openapi_document())?
    );
    Ok(ExitCode::SUCCESS)
}
