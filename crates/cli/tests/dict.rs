//! The dictionary is found at run time: a copied binary finds the one beside
//! it from any directory, `ANTENNA_DICT` wins over everything, the server
//! looks in its data directory, and a missing one is a clear message with
//! exit code 2.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

use antenna_ask::dict;

const ASK: &str = "世田谷区に住んでいる、30代の男性を紹介して下さい。";

/// The checkout's built dictionary (built on first use, as the tests' engine does).
fn built() -> &'static Path {
    static P: OnceLock<PathBuf> = OnceLock::new();
    P.get_or_init(|| {
        let p = dict::default_path();
        dict::load_or_build(&p).expect("the dictionary (run scripts/setup-dict.sh)");
        p
    })
}

/// A scratch directory with a copy of the binary in `bin/` and an empty `cwd/`.
struct Sandbox {
    root: PathBuf,
}

impl Sandbox {
    fn new(name: &str) -> Self {
        let root = std::env::temp_dir().join(format!("antenna-dict-{name}-{}", std::process::id()));
        std::fs::remove_dir_all(&root).ok();
        std::fs::create_dir_all(root.join("bin")).unwrap();
        std::fs::create_dir_all(root.join("cwd")).unwrap();
        std::fs::copy(env!("CARGO_BIN_EXE_antenna"), root.join("bin/antenna")).unwrap();
        Sandbox { root }
    }

    fn beside(&self) -> PathBuf {
        self.root.join("bin/antenna-dict").join(dict::DICT_FILE)
    }

    /// Puts the built dictionary (a hard link when possible) at `to`.
    fn place_dictionary(&self, to: &Path) {
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        if std::fs::hard_link(built(), to).is_err() {
            std::fs::copy(built(), to).unwrap();
        }
    }

    /// Runs the copy from `cwd/`, with no dictionary setting from outside.
    fn run(&self, args: &[&str], dict_env: Option<&Path>) -> Output {
        let mut c = Command::new(self.root.join("bin/antenna"));
        c.args(args)
            .current_dir(self.root.join("cwd"))
            .env_remove("ANTENNA_DICT")
            .env_remove("ANTENNA_IPADIC_SRC")
            .env_remove("ANTENNA_DATA_DIR")
            .env_remove("ANTENNA_DATABASE_URL");
        if let Some(p) = dict_env {
            c.env("ANTENNA_DICT", p);
        }
        c.output().expect("the copied antenna runs")
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.root).ok();
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A dictionary or IPADIC sources installed system-wide would be found by
/// every lookup; the tests of a missing dictionary cannot run then.
fn system_wide() -> bool {
    dict::SYSTEM_DIRS
        .iter()
        .any(|d| Path::new(d).join(dict::DICT_FILE).exists())
        || Path::new(dict::SYSTEM_SOURCES).join("matrix.def").exists()
}

#[test]
fn a_copied_binary_finds_the_dictionary_beside_it_from_another_directory() {
    let s = Sandbox::new("beside");
    s.place_dictionary(&s.beside());
    let o = s.run(&["check", ASK], None);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("[世田谷区]"), "{}", stdout(&o));
    let o = s.run(&["dict", "status"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let status = stdout(&o);
    assert!(
        status.contains(&format!("Using {}", s.beside().display())),
        "{status}"
    );
}

#[test]
fn a_missing_dictionary_names_the_command_to_run_and_exits_with_2() {
    if system_wide() {
        eprintln!("skipped: a dictionary or IPADIC sources are installed system-wide");
        return;
    }
    let s = Sandbox::new("missing");
    for args in [vec!["check", ASK], vec!["dict", "status"]] {
        let o = s.run(&args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
        let all = format!("{}{}", stdout(&o), stderr(&o));
        assert!(all.contains("antenna dict fetch"), "{all}");
        assert!(!all.contains("panicked"), "{all}");
    }
    let o = s.run(&["check", ASK], None);
    assert!(
        stderr(&o).contains(&s.beside().display().to_string()),
        "{}",
        stderr(&o)
    );
    // the server says so before it creates anything, and looks in its data directory
    let data = s.root.join("data");
    let o = s.run(&["serve", "--data-dir", data.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let want = data.join("dict").join(dict::DICT_FILE);
    assert!(
        stderr(&o).contains(&want.display().to_string()),
        "{}",
        stderr(&o)
    );
    assert!(!data.exists(), "no database without a dictionary");
}

#[test]
fn antenna_dict_wins_over_the_dictionary_beside_the_binary() {
    let s = Sandbox::new("env");
    std::fs::create_dir_all(s.beside().parent().unwrap()).unwrap();
    std::fs::write(s.beside(), b"not a dictionary").unwrap();
    // beside the binary: a broken file, so it is read and refused
    let o = s.run(&["check", ASK], None);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&s.beside().display().to_string()),
        "{}",
        stderr(&o)
    );
    // ANTENNA_DICT, and --dict, point at the real one
    let o = s.run(&["check", ASK], Some(built()));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("[世田谷区]"));
    let o = s.run(&["--dict", built().to_str().unwrap(), "check", ASK], None);
    assert!(o.status.success(), "{}", stderr(&o));
    // an explicit path is the only one looked at, even when it is missing
    if !system_wide() {
        std::fs::remove_file(s.beside()).unwrap();
        s.place_dictionary(&s.beside());
        let nowhere = s.root.join("nowhere/ipadic.vibrato");
        let o = s.run(&["check", ASK], Some(&nowhere));
        assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        assert!(
            stderr(&o).contains(&nowhere.display().to_string()),
            "{}",
            stderr(&o)
        );
        assert!(s.run(&["check", ASK], None).status.success());
    }
}

#[test]
fn the_server_finds_the_dictionary_in_its_data_directory() {
    let s = Sandbox::new("data");
    let data = s.root.join("data");
    s.place_dictionary(&data.join("dict").join(dict::DICT_FILE));
    // the data directory's dictionary is found: serve gets past it and fails
    // only on binding an address that is taken
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let bind = taken.local_addr().unwrap().to_string();
    let o = s.run(
        &[
            "serve",
            "--data-dir",
            data.to_str().unwrap(),
            "--bind",
            &bind,
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("binding"), "{err}");
    assert!(!err.contains("dict fetch"), "{err}");
    assert!(data.join("antenna.db").exists());
}
