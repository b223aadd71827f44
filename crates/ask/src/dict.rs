//! The Japanese dictionary: found at run time, built once from IPADIC sources, then loaded.
//!
//! Debian's `mecab-ipadic` package carries the IPADIC sources (CSV lexicon,
//! `matrix.def`, `char.def`, `unk.def`, all EUC-JP). [`build_from_ipadic`]
//! transcodes them and compiles a vibrato dictionary; [`save`] writes it in
//! vibrato's binary form and [`load`] reads it back. This is the only module
//! of the crate that touches the file system, and the engine itself only ever
//! sees a loaded [`vibrato::Dictionary`].
//!
//! Where the dictionary is looked for is decided at run time by a [`Lookup`]
//! (nothing is baked in at build time, so a copied binary still finds its
//! dictionary), in this order:
//!
//! 1. the explicit path (`--dict` / `ANTENNA_DICT`); when given, it is the only one;
//! 2. `<data-dir>/dict/ipadic.vibrato` (the server's data directory);
//! 3. next to the binary: `<exe dir>/antenna-dict/ipadic.vibrato`, and for a
//!    cargo build `target/antenna-dict/ipadic.vibrato`;
//! 4. `/usr/share/antenna/ipadic.vibrato`, `/var/lib/antenna/ipadic.vibrato`.
//!
//! When none exists but IPADIC sources do (`ANTENNA_IPADIC_SRC`, `src/` beside
//! one of those places, where `antenna dict fetch` puts them, or
//! `/usr/share/mecab/dic/ipadic`), the dictionary is built from them (about
//! 3 s) and saved in the first of those places that can be written.

use std::fs;
use std::io::{BufReader, BufWriter, Cursor};
use std::path::{Path, PathBuf};

use crate::AskError;

/// File name of the built dictionary.
pub const DICT_FILE: &str = "ipadic.vibrato";
/// Where the IPADIC sources sit under a dictionary directory once Debian's
/// package is extracted there (`dpkg-deb -x mecab-ipadic_*.deb <dir>/src`).
pub const SOURCES_SUBDIR: &str = "src/usr/share/mecab/dic/ipadic";
/// Where Debian's `mecab-ipadic` package installs the sources.
pub const SYSTEM_SOURCES: &str = "/usr/share/mecab/dic/ipadic";
/// System-wide dictionary directories, in lookup order.
pub const SYSTEM_DIRS: [&str; 2] = ["/usr/share/antenna", "/var/lib/antenna"];

/// Why a place is on the lookup list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// `--dict` / `ANTENNA_DICT`.
    Explicit,
    /// `<data-dir>/dict`.
    DataDir,
    /// `<exe dir>/antenna-dict`.
    BesideBinary,
    /// `target/antenna-dict` for a binary (or test) built by cargo.
    CargoTarget,
    /// `/usr/share/antenna`, `/var/lib/antenna`.
    System,
    /// This source checkout's `target/antenna-dict` (tests only).
    Workspace,
    /// `ANTENNA_IPADIC_SRC`.
    SourcesEnv,
    /// `/usr/share/mecab/dic/ipadic`.
    SystemSources,
}

impl Origin {
    /// A few words for `antenna dict status`.
    pub fn describe(self) -> &'static str {
        match self {
            Origin::Explicit => "--dict / ANTENNA_DICT",
            Origin::DataDir => "the data directory",
            Origin::BesideBinary => "beside the binary",
            Origin::CargoTarget => "the cargo target directory",
            Origin::System => "system-wide",
            Origin::Workspace => "this checkout (tests)",
            Origin::SourcesEnv => "ANTENNA_IPADIC_SRC",
            Origin::SystemSources => "Debian's mecab-ipadic package",
        }
    }
}

/// One place on a lookup list: a dictionary file or an IPADIC source directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spot {
    pub path: PathBuf,
    pub origin: Origin,
}

/// What a [`Lookup`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolution {
    /// A built dictionary.
    Found(PathBuf),
    /// No built dictionary, but sources to build one; saved to the first of `out` that can be written.
    Buildable { src: PathBuf, out: Vec<PathBuf> },
    /// Neither.
    Missing,
}

/// A loaded dictionary and where it came from.
pub struct Loaded {
    pub dict: vibrato::Dictionary,
    /// The file it was read from or saved to (none when it could be saved nowhere).
    pub path: Option<PathBuf>,
    /// The IPADIC sources it was just built from, if it was.
    pub built_from: Option<PathBuf>,
}

/// Where the dictionary and the IPADIC sources are looked for (see the module docs).
#[derive(Debug, Clone, Default)]
pub struct Lookup {
    explicit: Option<PathBuf>,
    data_dir: Option<PathBuf>,
    exe: Option<PathBuf>,
    sources_env: Option<PathBuf>,
    workspace: bool,
}

fn non_empty(p: Option<PathBuf>) -> Option<PathBuf> {
    p.filter(|p| !p.as_os_str().is_empty())
}

fn env_path(name: &str) -> Option<PathBuf> {
    non_empty(std::env::var_os(name).map(PathBuf::from))
}

/// The cargo profile directory (`target/debug`) a binary or test runs from, if it does.
fn cargo_profile_dir(exe_dir: &Path) -> Option<&Path> {
    let dir = match exe_dir.file_name().and_then(|n| n.to_str()) {
        Some("deps" | "examples") => exe_dir.parent()?,
        _ => exe_dir,
    };
    dir.join(".fingerprint").is_dir().then_some(dir)
}

impl Lookup {
    /// The lookup of a program: `explicit` from `--dict` / `ANTENNA_DICT`, the
    /// running binary's directory, and `ANTENNA_IPADIC_SRC`.
    pub fn for_program(explicit: Option<PathBuf>) -> Self {
        Lookup {
            explicit: non_empty(explicit),
            data_dir: None,
            exe: std::env::current_exe().ok(),
            sources_env: env_path("ANTENNA_IPADIC_SRC"),
            workspace: false,
        }
    }

    /// The lookup of tests and benchmarks ([`default_path`]): `ANTENNA_DICT`, the
    /// program's places, and this checkout's `target/antenna-dict` last.
    pub fn for_tests() -> Self {
        Lookup {
            workspace: true,
            ..Self::for_program(env_path("ANTENNA_DICT"))
        }
    }

    /// Also looks in (and builds into) `<dir>/dict`.
    pub fn with_data_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.data_dir = Some(dir.into());
        self
    }

    /// Looks beside this binary instead of the running one.
    pub fn with_exe(mut self, exe: impl Into<PathBuf>) -> Self {
        self.exe = Some(exe.into());
        self
    }

    /// The explicit dictionary path, if one was given.
    pub fn explicit(&self) -> Option<&Path> {
        self.explicit.as_deref()
    }

    /// Directories a dictionary may sit in, besides an explicit path, in lookup order.
    fn dirs(&self) -> Vec<Spot> {
        let mut v = Vec::new();
        let mut push = |path: PathBuf, origin| {
            if !v.iter().any(|s: &Spot| s.path == path) {
                v.push(Spot { path, origin });
            }
        };
        if let Some(d) = &self.data_dir {
            push(d.join("dict"), Origin::DataDir);
        }
        if let Some(exe_dir) = self.exe.as_deref().and_then(Path::parent) {
            push(exe_dir.join("antenna-dict"), Origin::BesideBinary);
            if let Some(target) = cargo_profile_dir(exe_dir).and_then(Path::parent) {
                push(target.join("antenna-dict"), Origin::CargoTarget);
            }
        }
        for d in SYSTEM_DIRS {
            push(PathBuf::from(d), Origin::System);
        }
        if self.workspace {
            push(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/antenna-dict"),
                Origin::Workspace,
            );
        }
        v
    }

    /// Every place a built dictionary is looked for, in order.
    pub fn dictionaries(&self) -> Vec<Spot> {
        match &self.explicit {
            Some(p) => vec![Spot {
                path: p.clone(),
                origin: Origin::Explicit,
            }],
            None => self
                .dirs()
                .into_iter()
                .map(|s| Spot {
                    path: s.path.join(DICT_FILE),
                    origin: s.origin,
                })
                .collect(),
        }
    }

    /// Every place IPADIC sources are looked for, in order.
    pub fn sources(&self) -> Vec<Spot> {
        let mut v = Vec::new();
        if let Some(p) = &self.sources_env {
            v.push(Spot {
                path: p.clone(),
                origin: Origin::SourcesEnv,
            });
        }
        if let Some(dir) = self.explicit.as_deref().and_then(Path::parent) {
            v.push(Spot {
                path: dir.join(SOURCES_SUBDIR),
                origin: Origin::Explicit,
            });
        }
        for s in self.dirs() {
            let path = s.path.join(SOURCES_SUBDIR);
            if !v.iter().any(|x: &Spot| x.path == path) {
                v.push(Spot {
                    path,
                    origin: s.origin,
                });
            }
        }
        v.push(Spot {
            path: PathBuf::from(SYSTEM_SOURCES),
            origin: Origin::SystemSources,
        });
        v
    }

    /// The first built dictionary that exists.
    pub fn find(&self) -> Option<PathBuf> {
        self.dictionaries()
            .into_iter()
            .map(|s| s.path)
            .find(|p| p.is_file())
    }

    /// The first IPADIC source directory that exists.
    pub fn find_sources(&self) -> Option<PathBuf> {
        self.sources()
            .into_iter()
            .map(|s| s.path)
            .find(|p| p.join("matrix.def").is_file())
    }

    /// Where a dictionary built from `src` is saved, best first: the explicit
    /// path alone if given; else the place the sources sit in, the data
    /// directory, the cargo target directory, beside the binary, `/var/lib/antenna`.
    pub fn build_targets(&self, src: Option<&Path>) -> Vec<PathBuf> {
        if let Some(p) = &self.explicit {
            return vec![p.clone()];
        }
        let dirs = self.dirs();
        let mut out: Vec<PathBuf> = Vec::new();
        let mut push = |p: PathBuf| {
            if !out.contains(&p) {
                out.push(p);
            }
        };
        if let Some(src) = src {
            if let Some(s) = dirs.iter().find(|s| s.path.join(SOURCES_SUBDIR) == src) {
                push(s.path.join(DICT_FILE));
            }
        }
        let rank = |o: Origin| match o {
            Origin::DataDir => Some(0),
            Origin::CargoTarget => Some(1),
            Origin::BesideBinary => Some(2),
            Origin::Workspace => Some(3),
            _ => None,
        };
        let mut ranked: Vec<&Spot> = dirs.iter().filter(|s| rank(s.origin).is_some()).collect();
        ranked.sort_by_key(|s| rank(s.origin));
        for s in ranked {
            push(s.path.join(DICT_FILE));
        }
        push(Path::new(SYSTEM_DIRS[1]).join(DICT_FILE));
        out
    }

    /// What this lookup finds now.
    pub fn resolve(&self) -> Resolution {
        if let Some(p) = self.find() {
            return Resolution::Found(p);
        }
        match self.find_sources() {
            Some(src) => {
                let out = self.build_targets(Some(&src));
                Resolution::Buildable { src, out }
            }
            None => Resolution::Missing,
        }
    }

    /// Loads the dictionary, building and saving it first when only sources exist.
    pub fn load(&self) -> Result<Loaded, AskError> {
        match self.resolve() {
            Resolution::Found(path) => Ok(Loaded {
                dict: load(&path)?,
                path: Some(path),
                built_from: None,
            }),
            Resolution::Buildable { src, out } => {
                let dict = build_from_ipadic(&src)?;
                let mut last = None;
                for path in out {
                    match save(&dict, &path) {
                        Ok(()) => {
                            return Ok(Loaded {
                                dict: load(&path)?,
                                path: Some(path),
                                built_from: Some(src),
                            })
                        }
                        Err(e) => last = Some(e),
                    }
                }
                // saved nowhere: an explicit path must be written, else use it unsaved
                match (&self.explicit, last) {
                    (Some(_), Some(e)) => Err(e),
                    _ => Ok(Loaded {
                        dict,
                        path: None,
                        built_from: Some(src),
                    }),
                }
            }
            Resolution::Missing => Err(AskError::Dictionary(self.missing_message())),
        }
    }

    /// What to tell someone when there is neither a dictionary nor sources.
    pub fn missing_message(&self) -> String {
        let mut m = String::from("no Japanese dictionary found; looked for:\n");
        for s in self.dictionaries() {
            m.push_str(&format!("  {}\n", s.path.display()));
        }
        m.push_str("and no IPADIC sources to build one from in:\n");
        for s in self.sources() {
            m.push_str(&format!("  {}\n", s.path.display()));
        }
        m.push_str(
            "Run `antenna dict fetch` to download them (Debian's mecab-ipadic); \
             the dictionary is then built on first use. \
             Or point --dict / ANTENNA_DICT at a built ipadic.vibrato.",
        );
        m
    }
}

/// The dictionary tests and benchmarks use: `ANTENNA_DICT` if set, else the
/// first built one on [`Lookup::for_tests`], else where one would be built.
pub fn default_path() -> PathBuf {
    let lookup = Lookup::for_tests();
    lookup.find().unwrap_or_else(|| {
        let src = lookup.find_sources();
        lookup
            .build_targets(src.as_deref())
            .into_iter()
            .next()
            .unwrap_or_else(|| PathBuf::from(DICT_FILE))
    })
}

fn read_euc_jp(path: &Path) -> Result<String, AskError> {
    let bytes =
        fs::read(path).map_err(|e| AskError::Dictionary(format!("{}: {e}", path.display())))?;
    let (text, _, had_errors) = encoding_rs::EUC_JP.decode(&bytes);
    if had_errors {
        return Err(AskError::Dictionary(format!(
            "{}: not EUC-JP",
            path.display()
        )));
    }
    Ok(text.into_owned())
}

/// Compiles a dictionary from an IPADIC source directory (EUC-JP).
pub fn build_from_ipadic(src: &Path) -> Result<vibrato::Dictionary, AskError> {
    let mut lex = String::new();
    let mut csvs: Vec<PathBuf> = fs::read_dir(src)
        .map_err(|e| AskError::Dictionary(format!("{}: {e}", src.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .collect();
    csvs.sort();
    if csvs.is_empty() {
        return Err(AskError::Dictionary(format!(
            "{}: no *.csv lexicon files",
            src.display()
        )));
    }
    for p in &csvs {
        lex.push_str(&read_euc_jp(p)?);
        if !lex.ends_with('\n') {
            lex.push('\n');
        }
    }
    let matrix = read_euc_jp(&src.join("matrix.def"))?;
    let chardef = read_euc_jp(&src.join("char.def"))?;
    let unk = read_euc_jp(&src.join("unk.def"))?;
    vibrato::SystemDictionaryBuilder::from_readers(
        Cursor::new(lex),
        Cursor::new(matrix),
        Cursor::new(chardef),
        Cursor::new(unk),
    )
    .map_err(|e| AskError::Dictionary(format!("building from {}: {e}", src.display())))
}

/// Writes a built dictionary (through a temporary file, so readers never see half of one).
pub fn save(dict: &vibrato::Dictionary, path: &Path) -> Result<(), AskError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir)
            .map_err(|e| AskError::Dictionary(format!("{}: {e}", dir.display())))?;
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let written = fs::File::create(&tmp)
        .map_err(|e| AskError::Dictionary(format!("{}: {e}", tmp.display())))
        .and_then(|f| {
            dict.write(BufWriter::new(f))
                .map_err(|e| AskError::Dictionary(format!("{}: {e}", tmp.display())))
        })
        .and_then(|_| {
            fs::rename(&tmp, path)
                .map_err(|e| AskError::Dictionary(format!("{}: {e}", path.display())))
        });
    if written.is_err() {
        fs::remove_file(&tmp).ok();
    }
    written
}

/// Reads a dictionary written by [`save`].
pub fn load(path: &Path) -> Result<vibrato::Dictionary, AskError> {
    let f = fs::File::open(path).map_err(|e| {
        AskError::Dictionary(format!(
            "{}: {e} (prepare it with `antenna dict fetch`)",
            path.display()
        ))
    })?;
    vibrato::Dictionary::read(BufReader::with_capacity(1 << 20, f))
        .map_err(|e| AskError::Dictionary(format!("{}: {e}", path.display())))
}

/// Loads the dictionary at `path`, building it there first from the IPADIC
/// sources (found as by [`Lookup::for_program`]) when it does not exist yet.
pub fn load_or_build(path: &Path) -> Result<vibrato::Dictionary, AskError> {
    Ok(Lookup::for_program(Some(path.to_path_buf())).load()?.dict)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("antenna-dict-{name}-{}", std::process::id()));
        fs::remove_dir_all(&d).ok();
        fs::create_dir_all(&d).unwrap();
        d
    }

    fn bare(exe: &Path) -> Lookup {
        Lookup {
            exe: Some(exe.to_path_buf()),
            ..Lookup::default()
        }
    }

    #[test]
    fn the_order_is_data_dir_binary_system() {
        let d = scratch("order");
        let exe = d.join("bin/antenna");
        let l = bare(&exe).with_data_dir(d.join("data"));
        let got: Vec<PathBuf> = l.dictionaries().into_iter().map(|s| s.path).collect();
        assert_eq!(
            got,
            vec![
                d.join("data/dict").join(DICT_FILE),
                d.join("bin/antenna-dict").join(DICT_FILE),
                Path::new("/usr/share/antenna").join(DICT_FILE),
                Path::new("/var/lib/antenna").join(DICT_FILE),
            ]
        );
        let src: Vec<PathBuf> = l.sources().into_iter().map(|s| s.path).collect();
        assert_eq!(src[0], d.join("data/dict").join(SOURCES_SUBDIR));
        assert_eq!(src.last().unwrap(), Path::new(SYSTEM_SOURCES));
        fs::remove_dir_all(&d).ok();
    }

    #[test]
    fn a_cargo_build_looks_in_the_target_dir() {
        let d = scratch("cargo");
        fs::create_dir_all(d.join("target/debug/.fingerprint")).unwrap();
        fs::create_dir_all(d.join("target/debug/deps")).unwrap();
        for exe in ["target/debug/antenna", "target/debug/deps/cli-0123"] {
            let l = bare(&d.join(exe));
            let shared = d.join("target/antenna-dict").join(DICT_FILE);
            let got: Vec<PathBuf> = l.dictionaries().into_iter().map(|s| s.path).collect();
            assert!(got.contains(&shared), "{exe}: {got:?}");
            // built into target/antenna-dict, shared by debug, release and tests
            assert_eq!(l.build_targets(None)[0], shared, "{exe}");
        }
        // a binary copied elsewhere does not look one level up
        let l = bare(&d.join("antenna"));
        assert!(!l
            .dictionaries()
            .iter()
            .any(|s| s.origin == Origin::CargoTarget));
        fs::remove_dir_all(&d).ok();
    }

    #[test]
    fn the_explicit_path_is_the_only_one_and_is_built_into() {
        let d = scratch("explicit");
        let p = d.join("mine.vibrato");
        let l = Lookup {
            explicit: Some(p.clone()),
            ..bare(&d.join("antenna"))
        };
        assert_eq!(l.dictionaries().len(), 1);
        assert_eq!(l.build_targets(Some(Path::new("/x"))), vec![p.clone()]);
        // found beside the binary or not, the explicit path wins
        fs::create_dir_all(d.join("antenna-dict")).unwrap();
        fs::write(d.join("antenna-dict").join(DICT_FILE), b"x").unwrap();
        assert_eq!(l.find(), None);
        fs::remove_dir_all(&d).ok();
    }

    #[test]
    fn sources_beside_a_place_are_built_there_and_nothing_is_a_clear_error() {
        let d = scratch("sources");
        let l = bare(&d.join("antenna")).with_data_dir(d.join("data"));
        let src = d.join("antenna-dict").join(SOURCES_SUBDIR);
        fs::create_dir_all(&src).unwrap();
        fs::write(src.join("matrix.def"), b"").unwrap();
        if Path::new(SYSTEM_SOURCES).join("matrix.def").exists()
            || SYSTEM_DIRS
                .iter()
                .any(|s| Path::new(s).join(DICT_FILE).exists())
        {
            eprintln!("skipped: a system-wide dictionary or sources exist");
            return;
        }
        match l.resolve() {
            Resolution::Buildable { src: s, out } => {
                assert_eq!(s, src);
                assert_eq!(out[0], d.join("antenna-dict").join(DICT_FILE));
                assert_eq!(out[1], d.join("data/dict").join(DICT_FILE));
            }
            r => panic!("{r:?}"),
        }
        fs::remove_dir_all(d.join("antenna-dict")).unwrap();
        assert_eq!(l.resolve(), Resolution::Missing);
        let e = l.load().err().unwrap().to_string();
        assert!(e.contains("antenna dict fetch"), "{e}");
        assert!(
            e.contains(&d.join("data/dict").display().to_string()),
            "{e}"
        );
        fs::remove_dir_all(&d).ok();
    }
}
