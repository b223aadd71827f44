//! `antenna dict …` and the engine's dictionary for the other commands.
//!
//! The lookup itself (which places, in which order) is `antenna_ask::dict::Lookup`;
//! this module prints it, fetches Debian's IPADIC sources through apt
//! (`apt-get download mecab-ipadic`, `dpkg-deb -x`) and turns a missing
//! dictionary into a clear message with exit code 2.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use antenna_ask::dict::{self, Lookup, Resolution};
use antenna_ask::Engine;
use anyhow::{bail, Context};

#[derive(clap::Subcommand)]
pub enum DictCommand {
    /// Download the IPADIC sources (Debian's mecab-ipadic, through apt) and build the dictionary
    Fetch {
        /// Directory to put them in (default: where the dictionary is built: the cargo
        /// target directory for a cargo build, else antenna-dict beside the binary)
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Show where the dictionary and its sources are looked for, and what is there
    Status,
    /// Build the dictionary from IPADIC sources (*.csv, matrix.def, char.def, unk.def; EUC-JP)
    Build {
        /// Directory with the IPADIC sources (default: the first found)
        #[arg(long)]
        src: Option<PathBuf>,
        /// Where to write the dictionary (default: where it is built on first use)
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

/// Neither a dictionary nor sources: the message names the command to run; exit code 2.
#[derive(Debug)]
pub struct Missing(pub String);

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Missing {}

/// The engine over the dictionary `lookup` finds, built on first use from sources.
pub fn engine(lookup: &Lookup) -> anyhow::Result<Engine> {
    match lookup.resolve() {
        Resolution::Missing => return Err(Missing(lookup.missing_message()).into()),
        Resolution::Buildable { src, out } => eprintln!(
            "antenna: building the Japanese dictionary from {} into {} (once, about 3 s)",
            src.display(),
            out[0].display()
        ),
        Resolution::Found(_) => {}
    }
    let loaded = lookup.load()?;
    if loaded.built_from.is_some() && loaded.path.is_none() {
        eprintln!("antenna: could not save the dictionary anywhere; it is built again next time");
    }
    Ok(Engine::new(loaded.dict)?)
}

pub fn run(lookup: &Lookup, command: DictCommand) -> anyhow::Result<ExitCode> {
    match command {
        DictCommand::Fetch { dir } => fetch(lookup, dir),
        DictCommand::Status => Ok(status(lookup)),
        DictCommand::Build { src, out } => build(lookup, src, out),
    }
}

fn mark(p: &Path, is: impl Fn(&Path) -> bool) -> &'static str {
    if is(p) {
        "found  "
    } else {
        "missing"
    }
}

fn status(lookup: &Lookup) -> ExitCode {
    println!(
        "Dictionary ({}), looked for in this order:",
        dict::DICT_FILE
    );
    for s in lookup.dictionaries() {
        let m = mark(&s.path, Path::is_file);
        println!("  {m} {}  ({})", s.path.display(), s.origin.describe());
    }
    println!("IPADIC sources to build it from, in this order:");
    for s in lookup.sources() {
        let m = mark(&s.path, |p| p.join("matrix.def").is_file());
        println!("  {m} {}  ({})", s.path.display(), s.origin.describe());
    }
    match lookup.resolve() {
        Resolution::Found(p) => {
            println!("Using {}", p.display());
            ExitCode::SUCCESS
        }
        Resolution::Buildable { src, out } => {
            println!(
                "No dictionary yet: it is built from {} into {} on first use (about 3 s)",
                src.display(),
                out[0].display()
            );
            ExitCode::SUCCESS
        }
        Resolution::Missing => {
            println!("Nothing found: run `antenna dict fetch`");
            ExitCode::from(2)
        }
    }
}

/// Where `dict fetch` puts the sources by default: the directory the dictionary is built in.
fn fetch_dir(lookup: &Lookup) -> PathBuf {
    let out = lookup.build_targets(None).into_iter().next();
    out.and_then(|p| p.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("antenna-dict"))
}

fn fetch(lookup: &Lookup, dir: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let built = |p: PathBuf| {
        eprintln!("the dictionary is already built: {}", p.display());
        Ok(ExitCode::SUCCESS)
    };
    if dir.is_none() {
        if let Some(p) = lookup.find() {
            return built(p);
        }
    }
    let src = match (dir, lookup.find_sources()) {
        (Some(d), _) => download(&d)?,
        (None, Some(src)) => {
            eprintln!("IPADIC sources already in {}", src.display());
            src
        }
        (None, None) => download(&fetch_dir(lookup))?,
    };
    match lookup.find() {
        Some(p) => built(p),
        None => build(lookup, Some(src), None),
    }
}

/// `apt-get download mecab-ipadic` into `<dir>/deb`, extracted into `<dir>/src`.
fn download(dir: &Path) -> anyhow::Result<PathBuf> {
    let src = dir.join(dict::SOURCES_SUBDIR);
    if src.join("matrix.def").is_file() {
        eprintln!("IPADIC sources already in {}", src.display());
        return Ok(src);
    }
    let deb_dir = dir.join("deb");
    std::fs::create_dir_all(&deb_dir).with_context(|| format!("creating {}", deb_dir.display()))?;
    let deb = match find_deb(&deb_dir)? {
        Some(d) => d,
        None => {
            eprintln!("antenna: downloading Debian's mecab-ipadic (IPADIC sources)");
            let get = |quiet: bool| {
                let mut c = Command::new("apt-get");
                c.args(["download", "mecab-ipadic"]).current_dir(&deb_dir);
                if quiet {
                    c.stdout(Stdio::null()).stderr(Stdio::null());
                }
                c.status()
            };
            let ok = match get(true) {
                Ok(s) => s.success(),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
                    "apt-get not found: install Debian's mecab-ipadic package, or set \
                     ANTENNA_IPADIC_SRC to a directory with the IPADIC sources"
                ),
                Err(e) => return Err(e).context("running apt-get"),
            };
            if !ok {
                // the package lists may be missing or stale
                Command::new("apt-get")
                    .args(["update", "-qq"])
                    .stdout(Stdio::null())
                    .status()
                    .ok();
                if !get(false).is_ok_and(|s| s.success()) {
                    bail!("apt-get download mecab-ipadic failed (see above)");
                }
            }
            find_deb(&deb_dir)?.context("apt-get download left no mecab-ipadic_*.deb")?
        }
    };
    let out = dir.join("src");
    let s = Command::new("dpkg-deb")
        .arg("-x")
        .arg(&deb)
        .arg(&out)
        .status()
        .context("running dpkg-deb")?;
    if !s.success() || !src.join("matrix.def").is_file() {
        bail!(
            "dpkg-deb -x {} {} did not give {}",
            deb.display(),
            out.display(),
            src.display()
        );
    }
    eprintln!("IPADIC sources in {}", src.display());
    Ok(src)
}

fn find_deb(dir: &Path) -> anyhow::Result<Option<PathBuf>> {
    let mut debs: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("mecab-ipadic_") && n.ends_with(".deb"))
        })
        .collect();
    debs.sort();
    Ok(debs.pop())
}

fn build(lookup: &Lookup, src: Option<PathBuf>, out: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let src = match src.or_else(|| lookup.find_sources()) {
        Some(s) => s,
        None => {
            return Err(Missing(format!(
                "no IPADIC sources found; pass --src or run `antenna dict fetch`\n{}",
                lookup.missing_message()
            ))
            .into())
        }
    };
    let t = Instant::now();
    let built = dict::build_from_ipadic(&src)?;
    let targets = match out {
        Some(o) => vec![o],
        None => lookup.build_targets(Some(&src)),
    };
    let mut last = None;
    for out in targets {
        match dict::save(&built, &out) {
            Ok(()) => {
                eprintln!(
                    "built {} from {} in {:.1}s",
                    out.display(),
                    src.display(),
                    t.elapsed().as_secs_f64()
                );
                return Ok(ExitCode::SUCCESS);
            }
            Err(e) => last = Some(e),
        }
    }
    Err(last.map_or_else(
        || anyhow::anyhow!("nowhere to save the dictionary"),
        Into::into,
    ))
}
