//! A catalogue: `key → (ja, en)` parsed once from TSV text.

use std::collections::HashMap;
use std::fmt::{self, Write as _};

use crate::Lang;

/// A piece of a text: literal, or a `{name}` placeholder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seg {
    Lit(&'static str),
    Arg(&'static str),
}

#[derive(Debug)]
pub(crate) struct Entry {
    pub(crate) key: &'static str,
    /// 1-based line in the source.
    pub(crate) line: usize,
    /// Japanese and English, by [`Lang::index`].
    pub(crate) text: [&'static str; 2],
    pub(crate) segs: [Box<[Seg]>; 2],
}

/// Texts by key in Japanese and English. Parse it once (into a `static`, see
/// [`crate::catalogue!`]); lookups then never allocate.
#[derive(Debug)]
pub struct Catalogue {
    name: &'static str,
    /// Every entry in file order, duplicates included (for [`crate::check_complete`]).
    pub(crate) entries: Vec<Entry>,
    /// Key → the first entry with that key.
    index: HashMap<&'static str, usize>,
}

/// A line that is not `key<TAB>ja<TAB>en`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The catalogue's name as given to [`Catalogue::parse`] (its file).
    pub name: &'static str,
    /// 1-based line number.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.name, self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

fn is_key_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')
}

fn is_arg_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Splits a text into literals and `{name}` placeholders.
pub(crate) fn segments(text: &'static str) -> Vec<Seg> {
    let mut out = Vec::new();
    let mut lit_start = 0;
    let mut i = 0;
    while let Some(off) = text[i..].find('{') {
        let open = i + off;
        let rest = &text[open + 1..];
        let name_len = rest.find(|c: char| !is_arg_char(c)).unwrap_or(rest.len());
        if name_len > 0 && rest[name_len..].starts_with('}') {
            if lit_start < open {
                out.push(Seg::Lit(&text[lit_start..open]));
            }
            out.push(Seg::Arg(&rest[..name_len]));
            i = open + 1 + name_len + 1;
            lit_start = i;
        } else {
            i = open + 1;
        }
    }
    if lit_start < text.len() {
        out.push(Seg::Lit(&text[lit_start..]));
    }
    out
}

impl Catalogue {
    /// Parses `key<TAB>ja<TAB>en` lines; `name` (the file) is only used in messages.
    /// Duplicate keys are kept for [`crate::check_complete`] to report; lookups
    /// use the first.
    pub fn parse(name: &'static str, src: &'static str) -> Result<Catalogue, ParseError> {
        let src = src.strip_prefix('\u{feff}').unwrap_or(src);
        let mut entries = Vec::new();
        let mut index = HashMap::new();
        for (i, raw) in src.split('\n').enumerate() {
            let line = i + 1;
            let l = raw.strip_suffix('\r').unwrap_or(raw);
            if l.trim().is_empty() || l.starts_with('#') {
                continue;
            }
            let err = |message: String| ParseError {
                name,
                line,
                message,
            };
            let fields: Vec<&'static str> = l.split('\t').collect();
            let [key, ja, en] = fields[..] else {
                return Err(err(format!(
                    "expected key<TAB>ja<TAB>en, found {} field(s)",
                    fields.len()
                )));
            };
            if key.is_empty() || !key.chars().all(is_key_char) {
                return Err(err(format!(
                    "bad key {key:?}: use letters, digits, '_', '.', '-'"
                )));
            }
            index.entry(key).or_insert(entries.len());
            entries.push(Entry {
                key,
                line,
                text: [ja, en],
                segs: [segments(ja).into(), segments(en).into()],
            });
        }
        Ok(Catalogue {
            name,
            entries,
            index,
        })
    }

    /// [`Catalogue::parse`], panicking with the error (for a `static` over
    /// `include_str!`, whose file the tests check).
    pub fn parse_or_panic(name: &'static str, src: &'static str) -> Catalogue {
        Catalogue::parse(name, src).unwrap_or_else(|e| panic!("catalogue {e}"))
    }

    /// The catalogue's name (its file), as given to [`Catalogue::parse`].
    pub fn name(&self) -> &'static str {
        self.name
    }

    fn entry(&self, key: &str) -> Option<&Entry> {
        self.index.get(key).map(|&i| &self.entries[i])
    }

    /// The text of `key` in `lang`, placeholders left as they are. A missing
    /// key returns the key itself, so that it shows where the text should be
    /// (with a `'static` key, as every literal is, the answer is `'static`).
    pub fn get<'k>(&self, lang: Lang, key: &'k str) -> &'k str {
        match self.entry(key) {
            Some(e) => e.text[lang.index()],
            None => key,
        }
    }

    /// The text of `key` in `lang`, or `None` when the key is missing.
    pub fn try_get(&self, lang: Lang, key: &str) -> Option<&'static str> {
        self.entry(key).map(|e| e.text[lang.index()])
    }

    /// The text of `key` in `lang` with each `{name}` replaced by the value
    /// given for `name` (by its `Display`). A placeholder without a value stays
    /// as `{name}`; a missing key returns the key itself.
    ///
    /// `MSG.fill(lang, "finding.near_universal", &[("s", &surface), ("pct", &pct)])`
    pub fn fill(&self, lang: Lang, key: &str, args: &[(&str, &dyn fmt::Display)]) -> String {
        let Some(e) = self.entry(key) else {
            return key.to_string();
        };
        let text = e.text[lang.index()];
        let mut out = String::with_capacity(text.len() + 24 * args.len());
        for seg in e.segs[lang.index()].iter() {
            match *seg {
                Seg::Lit(s) => out.push_str(s),
                Seg::Arg(name) => match args.iter().find(|(n, _)| *n == name) {
                    // writing into a String cannot fail
                    Some((_, v)) => {
                        let _ = write!(out, "{v}");
                    }
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                },
            }
        }
        out
    }

    /// Whether `key` is in the catalogue.
    pub fn contains(&self, key: &str) -> bool {
        self.index.contains_key(key)
    }

    /// Every key once, in file order.
    pub fn keys(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.entries
            .iter()
            .enumerate()
            .filter(|(i, e)| self.index.get(e.key) == Some(i))
            .map(|(_, e)| e.key)
    }

    /// The number of distinct keys.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str = "\u{feff}# a comment\n\
        \n\
        app\tアンテナ\tAntenna\r\n\
        finding.anyone\t「{s}」は広いようで\t\"{s}\" looks wide\n\
        pct\tおよそ{pct}%（{s}）\tabout {pct}% ({s})\n\
        braces\t{ 例 }{}{a-b}\t{ e.g. }{}{a-b}\n\
        dup\t一\tone\n\
        dup\t二\ttwo\n";

    fn cat() -> Catalogue {
        Catalogue::parse("test.tsv", SRC).unwrap()
    }

    #[test]
    fn get_returns_each_language_and_the_key_when_missing() {
        let c = cat();
        assert_eq!(c.name(), "test.tsv");
        assert_eq!(c.get(Lang::Ja, "app"), "アンテナ");
        assert_eq!(
            c.get(Lang::En, "app"),
            "Antenna",
            "a CRLF line ending is not text"
        );
        assert_eq!(c.get(Lang::En, "finding.anyone"), "\"{s}\" looks wide");
        assert_eq!(c.get(Lang::Ja, "nope"), "nope");
        assert_eq!(c.try_get(Lang::Ja, "nope"), None);
        assert_eq!(c.try_get(Lang::Ja, "app"), Some("アンテナ"));
        assert_eq!(c.get(Lang::Ja, "dup"), "一", "the first of duplicates wins");
    }

    #[test]
    fn get_with_a_static_key_is_static() {
        static C: std::sync::LazyLock<Catalogue> =
            std::sync::LazyLock::new(|| Catalogue::parse_or_panic("test.tsv", SRC));
        let s: &'static str = C.get(Lang::Ja, "app");
        assert_eq!(s, "アンテナ");
    }

    #[test]
    fn keys_are_in_file_order_once() {
        let c = cat();
        let keys: Vec<_> = c.keys().collect();
        assert_eq!(keys, ["app", "finding.anyone", "pct", "braces", "dup"]);
        assert_eq!(c.len(), 5);
        assert!(!c.is_empty());
        assert!(c.contains("pct") && !c.contains("pc"));
    }

    #[test]
    fn fill_replaces_placeholders_by_name() {
        let c = cat();
        let s = String::from("誰でも");
        assert_eq!(
            c.fill(Lang::Ja, "finding.anyone", &[("s", &s)]),
            "「誰でも」は広いようで"
        );
        assert_eq!(
            c.fill(
                Lang::En,
                "pct",
                &[("s", &"x"), ("pct", &format_args!("{:.0}", 89.6))]
            ),
            "about 90% (x)"
        );
        assert_eq!(c.fill(Lang::Ja, "pct", &[("pct", &7)]), "およそ7%（{s}）");
        assert_eq!(c.fill(Lang::Ja, "nope", &[("s", &1)]), "nope");
        assert_eq!(c.fill(Lang::Ja, "app", &[]), "アンテナ");
    }

    #[test]
    fn only_name_braces_are_placeholders() {
        let c = cat();
        assert_eq!(c.fill(Lang::Ja, "braces", &[("a", &1)]), "{ 例 }{}{a-b}");
        assert_eq!(
            segments("{a}{b}x{c"),
            [Seg::Arg("a"), Seg::Arg("b"), Seg::Lit("x{c")]
        );
        assert_eq!(segments(""), []);
        assert_eq!(segments("}{"), [Seg::Lit("}{")]);
    }

    #[test]
    fn parse_errors_name_the_line() {
        let e = Catalogue::parse("x.tsv", "# c\nok\tはい\tyes\nbroken\tだけ\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert_eq!(
            e.to_string(),
            "x.tsv:3: expected key<TAB>ja<TAB>en, found 2 field(s)"
        );
        let e = Catalogue::parse("x.tsv", "a\tb\tc\td\n").unwrap_err();
        assert_eq!((e.line, e.message.contains("4 field")), (1, true));
        let e = Catalogue::parse("x.tsv", "\n\nbad key\tあ\ta\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.starts_with("bad key"), "{e}");
        let e = Catalogue::parse("x.tsv", "\tあ\ta\n").unwrap_err();
        assert_eq!(e.line, 1);
    }

    #[test]
    #[should_panic(expected = "catalogue x.tsv:1:")]
    fn parse_or_panic_panics_with_the_line() {
        Catalogue::parse_or_panic("x.tsv", "only-a-key\n");
    }

    #[test]
    fn an_empty_source_is_an_empty_catalogue() {
        let c = Catalogue::parse("e.tsv", "").unwrap();
        assert!(c.is_empty());
        assert_eq!(c.keys().count(), 0);
    }
}
