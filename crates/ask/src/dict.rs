//! The Japanese dictionary: built once from IPADIC sources, then loaded.
//!
//! Debian's `mecab-ipadic` package carries the IPADIC sources (CSV lexicon,
//! `matrix.def`, `char.def`, `unk.def`, all EUC-JP). [`build_from_ipadic`]
//! transcodes them and compiles a vibrato dictionary; [`save`] writes it in
//! vibrato's binary form and [`load`] reads it back. This is the only module
//! of the crate that touches the file system, and the engine itself only ever
//! sees a loaded [`vibrato::Dictionary`].

use std::fs;
use std::io::{BufReader, BufWriter, Cursor};
use std::path::{Path, PathBuf};

use crate::AskError;

/// File name of the built dictionary.
pub const DICT_FILE: &str = "ipadic.vibrato";

/// Where a source checkout keeps the built dictionary (`target/antenna-dict`).
pub fn default_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/antenna-dict")
}

/// Places the IPADIC sources are looked for, in order.
pub fn ipadic_source_candidates() -> Vec<PathBuf> {
    let mut v = Vec::new();
    if let Ok(p) = std::env::var("ANTENNA_IPADIC_SRC") {
        v.push(PathBuf::from(p));
    }
    v.push(default_dir().join("src/usr/share/mecab/dic/ipadic"));
    v.push(PathBuf::from("/usr/share/mecab/dic/ipadic"));
    v
}

/// The dictionary path: `ANTENNA_DICT` if set, else the default directory.
pub fn default_path() -> PathBuf {
    match std::env::var("ANTENNA_DICT") {
        Ok(p) if !p.is_empty() => PathBuf::from(p),
        _ => default_dir().join(DICT_FILE),
    }
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

/// Writes a built dictionary.
pub fn save(dict: &vibrato::Dictionary, path: &Path) -> Result<(), AskError> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)
            .map_err(|e| AskError::Dictionary(format!("{}: {e}", dir.display())))?;
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let f = fs::File::create(&tmp)
        .map_err(|e| AskError::Dictionary(format!("{}: {e}", tmp.display())))?;
    dict.write(BufWriter::new(f))
        .map_err(|e| AskError::Dictionary(format!("{}: {e}", tmp.display())))?;
    fs::rename(&tmp, path).map_err(|e| AskError::Dictionary(format!("{}: {e}", path.display())))?;
    Ok(())
}

/// Reads a dictionary written by [`save`].
pub fn load(path: &Path) -> Result<vibrato::Dictionary, AskError> {
    let f = fs::File::open(path).map_err(|e| {
        AskError::Dictionary(format!(
            "{}: {e} (build it with `scripts/setup-dict.sh` or `antenna dict build`)",
            path.display()
        ))
    })?;
    vibrato::Dictionary::read(BufReader::with_capacity(1 << 20, f))
        .map_err(|e| AskError::Dictionary(format!("{}: {e}", path.display())))
}

/// Loads the dictionary at `path`, building it first from the IPADIC sources
/// when it does not exist yet.
pub fn load_or_build(path: &Path) -> Result<vibrato::Dictionary, AskError> {
    if path.exists() {
        return load(path);
    }
    let src = ipadic_source_candidates()
        .into_iter()
        .find(|p| p.join("matrix.def").exists())
        .ok_or_else(|| {
            AskError::Dictionary(format!(
                "{} does not exist and no IPADIC sources were found (run scripts/setup-dict.sh)",
                path.display()
            ))
        })?;
    let dict = build_from_ipadic(&src)?;
    save(&dict, path)?;
    load(path)
}
