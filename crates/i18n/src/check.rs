//! Test helpers: is a catalogue complete, and does the code use exactly its keys?

use std::collections::{BTreeSet, HashMap};
use std::fmt;

use crate::catalogue::{Catalogue, Seg};

/// What a check found, one problem a line (`file:line: …`). `Debug` prints the
/// same lines, so `check_complete(&MSG).unwrap()` fails readably.
#[derive(Clone, PartialEq, Eq)]
pub struct Problems(pub Vec<String>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.0 {
            writeln!(f, "{p}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} problem(s):\n{self}", self.0.len())
    }
}

fn result(problems: Vec<String>) -> Result<(), Problems> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Problems(problems))
    }
}

/// Every key has a Japanese and an English text, both non-empty and with the
/// same `{placeholders}`, and no key appears twice.
pub fn check_complete(cat: &Catalogue) -> Result<(), Problems> {
    let mut problems = Vec::new();
    let mut first: HashMap<&str, usize> = HashMap::new();
    for e in &cat.entries {
        let at = format!("{}:{}: `{}`", cat.name(), e.line, e.key);
        if let Some(line) = first.get(e.key) {
            problems.push(format!("{at}: duplicate key (first on line {line})"));
            continue;
        }
        first.insert(e.key, e.line);
        for (lang, text) in [("Japanese", e.text[0]), ("English", e.text[1])] {
            if text.trim().is_empty() {
                problems.push(format!("{at}: the {lang} text is empty"));
            }
        }
        let names = |i: usize| -> BTreeSet<&str> {
            e.segs[i]
                .iter()
                .filter_map(|s| match s {
                    Seg::Arg(n) => Some(*n),
                    Seg::Lit(_) => None,
                })
                .collect()
        };
        let (ja, en) = (names(0), names(1));
        for n in ja.difference(&en) {
            problems.push(format!("{at}: {{{n}}} is in Japanese but not in English"));
        }
        for n in en.difference(&ja) {
            problems.push(format!("{at}: {{{n}}} is in English but not in Japanese"));
        }
    }
    result(problems)
}

/// The keys quoted in `text` that belong to one of `namespaces`: every
/// `"ns.rest"` whose inside is made of key characters. Works on any source
/// (Rust, templates) without parsing it.
fn quoted_keys<'a>(text: &'a str, namespaces: &BTreeSet<&str>) -> Vec<&'a str> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices('"') {
        let rest = &text[i + 1..];
        let len = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')))
            .unwrap_or(rest.len());
        let inside = &rest[..len];
        if rest[len..].starts_with('"') {
            if let Some((ns, tail)) = inside.split_once('.') {
                if !tail.is_empty() && namespaces.contains(ns) {
                    out.push(inside);
                }
            }
        }
    }
    out
}

/// The code and the catalogue agree: every quoted key of a known namespace
/// (`"finding.anyone"`: the part before the first `.` is the first part of some
/// key in the catalogue) exists, and every key of the catalogue is quoted
/// (`"key"`) in at least one source. `sources` are `(name, text)`, for example
/// each `.rs` file of the crate read in a test.
///
/// A key built at run time (`format!("fix.{dim}")`) is invisible to this
/// check: write keys whole, as literals.
pub fn check_used(cat: &Catalogue, sources: &[(&str, &str)]) -> Result<(), Problems> {
    let namespaces: BTreeSet<&str> = cat
        .keys()
        .filter_map(|k| k.split_once('.').map(|(ns, _)| ns))
        .collect();
    let mut problems = Vec::new();
    let mut quoted: BTreeSet<&str> = BTreeSet::new();
    for (name, text) in sources {
        for k in quoted_keys(text, &namespaces) {
            if quoted.insert(k) && !cat.contains(k) {
                problems.push(format!("{name}: \"{k}\" is not in {}", cat.name()));
            }
        }
    }
    for k in cat.keys() {
        if quoted.contains(k) {
            continue;
        }
        // keys outside any namespace ("app") are looked for as plain literals
        let lit = format!("\"{k}\"");
        if !sources.iter().any(|(_, t)| t.contains(&lit)) {
            problems.push(format!(
                "{}: `{k}` is never used by the code given",
                cat.name()
            ));
        }
    }
    result(problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &'static str) -> Catalogue {
        Catalogue::parse("t.tsv", src).unwrap()
    }

    #[test]
    fn a_complete_catalogue_passes() {
        let c = parse("a\tあ\ta\nb.c\t{n}個の{x}\t{x}: {n}\nd\t、\t, or \n");
        assert_eq!(check_complete(&c), Ok(()));
    }

    #[test]
    fn an_empty_text_fails() {
        let c = parse("a\t\ta\nb\tび\t \n");
        let e = check_complete(&c).unwrap_err();
        assert_eq!(
            e.0,
            [
                "t.tsv:1: `a`: the Japanese text is empty",
                "t.tsv:2: `b`: the English text is empty"
            ]
        );
    }

    #[test]
    fn a_placeholder_in_one_language_only_fails() {
        let c = parse("a\t{s}は{n}件\t{s}: {m}\n");
        let e = check_complete(&c).unwrap_err();
        assert_eq!(
            e.0,
            [
                "t.tsv:1: `a`: {n} is in Japanese but not in English",
                "t.tsv:1: `a`: {m} is in English but not in Japanese"
            ]
        );
        let shown = format!("{e:?}");
        assert!(shown.starts_with("2 problem(s):\n"), "{shown}");
    }

    #[test]
    fn a_duplicate_key_fails() {
        let c = parse("a\tあ\ta\n# x\na\tい\ti\n");
        let e = check_complete(&c).unwrap_err();
        assert_eq!(e.0, ["t.tsv:3: `a`: duplicate key (first on line 1)"]);
    }

    #[test]
    fn check_used_finds_missing_and_unused_keys() {
        let c = parse("app\tア\tA\nf.one\t一\tone\nf.two\t二\ttwo\ng.x\tx\tx\n");
        let code = r#"MSG.get(lang, "f.one"); t.s("app"); let q = '"'; "f.three" "x.y" "g.x""#;
        let e = check_used(&c, &[("src/a.rs", code)]).unwrap_err();
        assert_eq!(
            e.0,
            [
                "src/a.rs: \"f.three\" is not in t.tsv",
                "t.tsv: `f.two` is never used by the code given"
            ]
        );
        let all = r#""f.one" "f.two" "app" "g.x""#;
        assert!(check_used(&c, &[("a", code), ("b", all)]).is_err());
        assert_eq!(check_used(&c, &[("b", all)]), Ok(()));
    }

    #[test]
    fn quoted_keys_need_a_known_namespace_and_a_closing_quote() {
        let ns: BTreeSet<&str> = ["f"].into_iter().collect();
        let got = quoted_keys(r#""f.a" "f." "g.b" "f.c d" "f.e"#, &ns);
        assert_eq!(got, ["f.a"]);
    }
}
