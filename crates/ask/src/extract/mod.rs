//! From text to criteria: the extractors and the context they share.
//!
//! Extraction runs in a fixed order over one [`Ctx`]: the lexicon pass
//! (vocabularies and places, longest match on word boundaries), then ages,
//! then numeric conditions, then phrases (desires, skills, named people and
//! companies, station areas). Each pass marks the characters it consumed, so
//! a later pass never reads 千代田区 as the number 千 or 30代 as a count.

/// A closed word list of the extractors, read once from `data/extract/`.
type Words = std::sync::LazyLock<Vec<&'static str>>;

/// `static NAME: Words = words!("file.txt");`: the list in `data/extract/file.txt`
/// (see [`word_list`]).
macro_rules! words {
    ($file:literal) => {
        std::sync::LazyLock::new(|| {
            $crate::extract::word_list(include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/data/extract/",
                $file
            )))
        })
    };
}

/// `static NAME: LazyLock<Vec<T>> = table!("file.tsv", |row| ...);`: the rows of
/// `data/extract/file.tsv` (see [`crate::lexicon::rows`]), each made a `T` by
/// the closure. A row it cannot read (`None`) is a mistake in the file: it
/// panics on first use, which every test of the extractor reading it shows.
macro_rules! table {
    ($file:literal, $row:expr) => {
        std::sync::LazyLock::new(|| {
            let read: fn(Vec<&'static str>) -> Option<_> = $row;
            $crate::lexicon::rows(include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/data/extract/",
                $file
            )))
            .map(|r| {
                let shown = format!("{r:?}");
                read(r).unwrap_or_else(|| panic!("data/extract/{}: bad row {shown}", $file))
            })
            .collect()
        })
    };
}

mod age;
mod lexical;
pub mod number;
mod numeric;
mod phrase;
mod relation;

use crate::lexicon::{Lexicon, Marker};
use crate::text::Folded;
use crate::tokens::{Boundaries, Pos, Token};
use crate::types::{Lang, Value};

/// The words of a list in `data/extract/`: one a line, `#` lines and blank
/// lines skipped; a word with a space at either end is written in double
/// quotes (`"ask "`).
fn word_list(src: &'static str) -> Vec<&'static str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            l.strip_prefix('"')
                .and_then(|w| w.strip_suffix('"'))
                .unwrap_or(l)
        })
        .collect()
}

/// A value of the output's enums (`>=`, `between`, `lives`) from its name in
/// the contract, as a data file writes it.
fn symbol<T: serde::de::DeserializeOwned>(name: &str) -> Option<T> {
    use serde::de::IntoDeserializer;
    T::deserialize(IntoDeserializer::<serde::de::value::Error>::into_deserializer(name)).ok()
}

/// A criterion before it is turned into the public [`crate::Criterion`].
#[derive(Debug, Clone)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub value: Value,
    /// Share of the reference population this criterion alone fits (see `specificity`).
    pub share: f64,
    pub label: String,
    /// Index into the lexicon's concept table, for taxonomy checks.
    pub concept: Option<usize>,
    /// Set when the criterion is a near-universal interest or desire.
    pub weak: bool,
}

/// A trait word (元気な, 大きい) or marker (誰でも, 買ってくれる) found in the text.
#[derive(Debug, Clone)]
pub struct Flag {
    pub start: usize,
    pub end: usize,
    pub kind: FlagKind,
}

#[derive(Debug, Clone)]
pub enum FlagKind {
    Trait(usize),
    Marker(Marker),
    /// A desire that is itself near-universal (お金を稼ぎたい), with its share.
    WeakDesire,
}

pub struct Ctx<'a> {
    pub lex: &'a Lexicon,
    pub original: &'a str,
    pub folded: &'a Folded,
    pub chars: Vec<char>,
    pub tokens: Vec<Token<'a>>,
    pub bounds: Boundaries,
    pub lang: Lang,
    pub taken: Vec<bool>,
    pub found: Vec<Found>,
    pub flags: Vec<Flag>,
    /// Self-introduction sentences, read as nothing.
    pub masked: Vec<(usize, usize)>,
    /// Byte offset of each character of the original text (plus the end).
    pub orig_at: Vec<usize>,
    words: std::rc::Rc<Vec<(usize, usize, String)>>,
}

impl<'a> Ctx<'a> {
    pub fn new(
        lex: &'a Lexicon,
        original: &'a str,
        folded: &'a Folded,
        tokens: Vec<Token<'a>>,
        lang: Lang,
    ) -> Self {
        let chars: Vec<char> = folded.text.chars().collect();
        let n = chars.len();
        let bounds = Boundaries::new(n, &tokens);
        let mut ctx = Ctx {
            lex,
            original,
            folded,
            chars,
            tokens,
            bounds,
            lang,
            taken: vec![false; n],
            found: Vec::new(),
            flags: Vec::new(),
            masked: Vec::new(),
            orig_at: original
                .char_indices()
                .map(|(b, _)| b)
                .chain(std::iter::once(original.len()))
                .collect(),
            words: std::rc::Rc::new(Vec::new()),
        };
        if lang == Lang::En {
            let words: Vec<(usize, usize, String)> = ctx
                .tokens
                .iter()
                .filter(|t| t.pos != Pos::Symbol)
                .map(|t| (t.start, t.end, folded.slice(t.start, t.end).to_string()))
                .collect();
            ctx.words = std::rc::Rc::new(words);
        }
        ctx
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// Whether the folded text has `pat` at character `i`.
    pub fn at(&self, i: usize, pat: &str) -> bool {
        if i >= self.chars.len() {
            return false;
        }
        let b = &self.folded.text.as_bytes()[self.folded.byte_at[i]..];
        let p = pat.as_bytes();
        // most patterns differ in their first character: compare it inline
        let head = p.len().min(3);
        b.len() >= p.len() && b[..head] == p[..head] && b[head..p.len()] == p[head..]
    }

    /// The longest of `pats` found at `i`, as its length in characters.
    pub fn at_any(&self, i: usize, pats: &[&str]) -> Option<usize> {
        pats.iter()
            .filter(|p| self.at(i, p))
            .map(|p| p.chars().count())
            .max()
    }

    /// Whether the text just before `i` ends with `pat`.
    pub fn before(&self, i: usize, pat: &str) -> bool {
        let n = pat.chars().count();
        i >= n && self.at(i - n, pat)
    }

    pub fn before_any(&self, i: usize, pats: &[&str]) -> Option<usize> {
        pats.iter()
            .filter(|p| self.before(i, p))
            .map(|p| p.chars().count())
            .max()
    }

    pub fn free(&self, a: usize, b: usize) -> bool {
        self.taken[a..b].iter().all(|t| !t)
    }

    pub fn take(&mut self, a: usize, b: usize) {
        for t in &mut self.taken[a..b] {
            *t = true;
        }
    }

    /// Characters `a..b` of the folded text (no allocation).
    pub fn folded_slice(&self, a: usize, b: usize) -> &'a str {
        let f: &'a Folded = self.folded;
        f.slice(a, b)
    }

    /// Characters `a..b` of the original text.
    pub fn original_slice(&self, a: usize, b: usize) -> String {
        self.original[self.orig_at[a]..self.orig_at[b]].to_string()
    }

    /// The token covering character `i`.
    pub fn token_at(&self, i: usize) -> Option<&Token<'a>> {
        self.bounds
            .token_at
            .get(i)
            .and_then(|&k| self.tokens.get(k))
    }

    pub fn token_index_at(&self, i: usize) -> Option<usize> {
        self.bounds
            .token_at
            .get(i)
            .copied()
            .filter(|&k| k != usize::MAX)
    }

    /// English word boundary: no letter or digit on the other side.
    pub fn word_edge(&self, i: usize) -> bool {
        let before = i
            .checked_sub(1)
            .and_then(|k| self.chars.get(k))
            .is_some_and(|c| c.is_ascii_alphanumeric());
        let after = self.chars.get(i).is_some_and(|c| c.is_ascii_alphanumeric());
        !(before && after)
    }

    /// Whether `a..b` may be a word: it starts and ends on boundaries.
    pub fn is_word(&self, a: usize, b: usize) -> bool {
        // unknown katakana runs come out as one token (フットサルチーム): a known katakana
        // word of three or more letters may stand inside one
        if b - a >= 3
            && self.chars[a..b]
                .iter()
                .all(|c| crate::text::is_katakana(*c))
            && (self.bounds.starts[a] || self.bounds.ends[b])
        {
            return true;
        }
        let ascii_edge = |i: usize| self.word_edge(i);
        let start_ok = if self.chars[a].is_ascii_alphanumeric() {
            ascii_edge(a)
        } else {
            self.bounds.starts[a] || self.script_change(a)
        };
        let end_ok = if self.chars[b - 1].is_ascii_alphanumeric() {
            ascii_edge(b)
        } else {
            self.bounds.ends[b] || self.script_change(b)
        };
        start_ok && end_ok
    }

    /// Whether a word may start at `a`.
    pub fn is_word_start(&self, a: usize) -> bool {
        if self.chars[a].is_ascii_alphanumeric() {
            self.word_edge(a)
        } else {
            self.bounds.starts[a] || self.script_change(a)
        }
    }

    /// A change of script between characters `i - 1` and `i` (kanji | kana | latin).
    fn script_change(&self, i: usize) -> bool {
        if i == 0 || i >= self.len() {
            return true;
        }
        script(self.chars[i - 1]) != script(self.chars[i])
    }

    pub fn push(&mut self, f: Found) {
        self.take(f.start, f.end);
        self.found.push(f);
    }

    /// Pushes characters `start..end` as a criterion labelled with their
    /// original text, its value made from that text
    /// (`|skill| Value::Skill { skill }`).
    pub fn push_surface(
        &mut self,
        start: usize,
        end: usize,
        share: f64,
        value: impl FnOnce(String) -> Value,
    ) {
        let surface = self.original_slice(start, end);
        self.push(Found {
            start,
            end,
            value: value(surface.clone()),
            share,
            label: surface,
            concept: None,
            weak: false,
        });
    }

    /// Words (tokens) in English, lower-cased, with their ranges.
    pub fn words(&self) -> std::rc::Rc<Vec<(usize, usize, String)>> {
        self.words.clone()
    }
}

#[derive(PartialEq, Eq)]
enum Script {
    Kanji,
    Hiragana,
    Katakana,
    Latin,
    Other,
}

fn script(c: char) -> Script {
    if crate::text::is_kanji(c) {
        Script::Kanji
    } else if crate::text::is_hiragana(c) {
        Script::Hiragana
    } else if crate::text::is_katakana(c) {
        Script::Katakana
    } else if c.is_alphanumeric() {
        Script::Latin
    } else {
        Script::Other
    }
}

static REQUEST_JA: Words = words!("request_ja.txt");
static INTRO_START_JA: Words = words!("intro_start_ja.txt");
static INTRO_VERBS_JA: Words = words!("intro_verbs_ja.txt");
static REQUEST_EN: Words = words!("request_en.txt");
static INTRO_START_EN: Words = words!("intro_start_en.txt");

/// Sentences where the asker introduces themselves (私は世田谷区で税理士をしております。
/// / I'm a mortgage broker in Plano.) describe the asker, not the person sought:
/// nothing in them becomes a criterion.
fn mask_self_introductions(ctx: &mut Ctx) {
    let n = ctx.len();
    let breaks = ctx
        .chars
        .iter()
        .filter(|c| matches!(c, '。' | '！' | '？' | '!' | '?' | '\n' | '.'))
        .count();
    if breaks == 0
        || (breaks == 1
            && ctx
                .chars
                .last()
                .is_some_and(|c| matches!(c, '。' | '！' | '？' | '!' | '?' | '.')))
    {
        return;
    }
    let mut start = 0;
    let mut i = 0;
    while i <= n {
        let end_here = i == n
            || matches!(ctx.chars[i], '。' | '！' | '？' | '!' | '?' | '\n')
            || (ctx.chars[i] == '.' && ctx.chars.get(i + 1).is_none_or(|c| c.is_whitespace()));
        if end_here {
            let sentence: String = ctx.chars[start..i].iter().collect();
            let trimmed = sentence.trim_start_matches(|c: char| {
                c.is_whitespace() || "【】「」『』()（）・●★※-".contains(c)
            });
            let greeting = [
                "はじめまして",
                "こんにちは",
                "こんばんは",
                "おはようございます",
            ]
            .iter()
            .any(|g| trimmed.starts_with(g));
            let intro = match ctx.lang {
                Lang::Ja => {
                    let requests = REQUEST_JA.iter().any(|w| trimmed.contains(w));
                    let first_person = INTRO_START_JA.iter().any(|w| trimmed.starts_with(w));
                    let describes_self = INTRO_VERBS_JA.iter().any(|w| trimmed.contains(w))
                        && (trimmed.ends_with("です")
                            || trimmed.ends_with("ます")
                            || trimmed.ends_with("おります")
                            || greeting);
                    !requests && (first_person || describes_self)
                }
                Lang::En => {
                    let requests = REQUEST_EN.iter().any(|w| trimmed.contains(w));
                    !requests && INTRO_START_EN.iter().any(|w| trimmed.starts_with(w))
                }
            };
            if intro {
                for t in &mut ctx.taken[start..i] {
                    *t = true;
                }
                ctx.masked.push((start, i));
            }
            start = i + 1;
        }
        i += 1;
    }
}

/// Runs every extractor in order.
pub fn run(ctx: &mut Ctx) {
    mask_self_introductions(ctx);
    lexical::run(ctx);
    let masked = ctx.masked.clone();
    ctx.flags
        .retain(|f| !masked.iter().any(|&(a, b)| f.start >= a && f.end <= b));
    age::run(ctx);
    numeric::run(ctx);
    phrase::run(ctx);
    relation::relations(ctx);
    relation::share_listed_relations(ctx);
    lexical::intensities(ctx);
    ctx.flags
        .retain(|f| !masked.iter().any(|&(a, b)| f.start >= a && f.end <= b));
    // "62 or older": a vague word inside a quantified condition is quantified
    let quantified: Vec<(usize, usize)> = ctx
        .found
        .iter()
        .filter(|f| matches!(f.value, Value::Age { .. } | Value::Numeric { .. }))
        .map(|f| (f.start, f.end))
        .collect();
    let lex = ctx.lex;
    ctx.flags.retain(|f| match f.kind {
        FlagKind::Trait(t) => {
            lex.traits[t].kind != crate::lexicon::TraitKind::Unquantified
                || !quantified.iter().any(|&(a, b)| f.start < b && a < f.end)
        }
        _ => true,
    });
    // お金 inside お金稼ぎたい is the wish's object, not an interest of its own
    let phrases: Vec<(usize, usize)> = ctx
        .found
        .iter()
        .filter(|f| matches!(f.value, Value::Desire { .. }))
        .map(|f| (f.start, f.end))
        .collect();
    ctx.found.retain(|f| {
        !(matches!(f.value, Value::Interest { .. })
            && f.share >= crate::findings::NEAR_UNIVERSAL_SHARE
            && phrases.iter().any(|&(a, b)| a <= f.start && f.end <= b))
    });
    ctx.found.sort_by_key(|f| (f.start, f.end));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_skip_comments_and_keep_quoted_spaces() {
        let src = "# what the list is\n\nfoo\n  bar \n\"ask \"\n\"\n";
        assert_eq!(word_list(src), ["foo", "bar", "ask ", "\""]);
    }

    #[test]
    fn symbols_are_the_contract_names() {
        assert_eq!(symbol::<crate::types::Op>(">="), Some(crate::types::Op::Ge));
        assert_eq!(
            symbol::<crate::types::Relation>("works"),
            Some(crate::types::Relation::Works)
        );
        assert_eq!(symbol::<crate::types::Op>("≥"), None);
    }
}
