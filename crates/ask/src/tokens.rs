//! Words of an ask: morphemes for Japanese (vibrato over IPADIC), words for English.
//!
//! Extraction needs three things from tokenization: where words start and end
//! (a lexicon match must not cut a word: 大家 is not in 大家族), the part of
//! speech (numerals are 名詞,数; people's names are 固有名詞,人名; たい is an
//! auxiliary), and dictionary forms (稼いでいる → 稼ぐ).

use crate::text::Folded;

/// A coarse part of speech, from IPADIC's first and second fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pos {
    Noun,
    Numeral,
    ProperPerson,
    ProperPlace,
    ProperOrg,
    Suffix,
    Verb,
    Adjective,
    Auxiliary,
    Particle,
    Prefix,
    Adverb,
    Adnominal,
    Symbol,
    Word,
    Other,
}

#[derive(Debug, Clone, Copy)]
pub struct Token<'a> {
    /// Character range in the text.
    pub start: usize,
    pub end: usize,
    pub pos: Pos,
    /// The IPADIC feature string (empty for English).
    pub feature: &'a str,
    /// The second part-of-speech field (品詞細分類1), read once.
    pub sub: &'a str,
    base_form: Option<&'a str>,
}

impl<'a> Token<'a> {
    /// The dictionary form (基本形), when the dictionary knows it.
    pub fn base(&self) -> Option<&'a str> {
        self.base_form
    }

    pub fn field(&self, i: usize) -> &'a str {
        if i == 1 {
            return self.sub;
        }
        self.feature.split(',').nth(i).unwrap_or("")
    }
}

fn pos_of(feature: &str) -> Pos {
    let mut it = feature.split(',');
    let p1 = it.next().unwrap_or("");
    let p2 = it.next().unwrap_or("");
    let p3 = it.next().unwrap_or("");
    match p1 {
        "名詞" => match p2 {
            "数" => Pos::Numeral,
            "接尾" => Pos::Suffix,
            "固有名詞" => match p3 {
                "人名" => Pos::ProperPerson,
                "地域" => Pos::ProperPlace,
                "組織" => Pos::ProperOrg,
                _ => Pos::Noun,
            },
            _ => Pos::Noun,
        },
        "動詞" => Pos::Verb,
        "形容詞" => Pos::Adjective,
        "助動詞" => Pos::Auxiliary,
        "助詞" => Pos::Particle,
        "接頭詞" => Pos::Prefix,
        "副詞" => Pos::Adverb,
        "連体詞" => Pos::Adnominal,
        "記号" => Pos::Symbol,
        _ => Pos::Other,
    }
}

/// Japanese tokens of the folded text.
pub fn japanese<'t>(
    worker: &mut vibrato::tokenizer::worker::Worker<'t>,
    folded: &Folded,
) -> Vec<Token<'t>> {
    worker.reset_sentence(&folded.text);
    worker.tokenize();
    let mut out = Vec::with_capacity(worker.num_tokens());
    for i in 0..worker.num_tokens() {
        let t = worker.token(i);
        let r = t.range_char();
        let feature = t.feature();
        let mut fields = feature.split(',');
        let _ = fields.next();
        let sub = fields.next().unwrap_or("");
        let base_form = fields.nth(4).filter(|b| *b != "*");
        out.push(Token {
            start: r.start,
            end: r.end,
            pos: pos_of(feature),
            feature,
            sub,
            base_form,
        });
    }
    out
}

/// English words of the folded text: runs of letters, digits and inner
/// apostrophes or hyphens; everything else is a one-character symbol.
pub fn english(folded: &Folded) -> Vec<Token<'static>> {
    let chars: Vec<char> = folded.text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let s = i;
            while i < chars.len()
                && (chars[i].is_alphanumeric()
                    || (i + 1 < chars.len() && joins(chars[i - 1], chars[i], chars[i + 1])))
            {
                i += 1;
            }
            let pos = if chars[s].is_ascii_digit() {
                Pos::Numeral
            } else {
                Pos::Word
            };
            out.push(Token {
                start: s,
                end: i,
                pos,
                feature: "",
                sub: "",
                base_form: None,
            });
        } else {
            out.push(Token {
                start: i,
                end: i + 1,
                pos: Pos::Symbol,
                feature: "",
                sub: "",
                base_form: None,
            });
            i += 1;
        }
    }
    out
}

/// Whether `mid` joins its neighbours into one word: it's, e-commerce, 1,000, 3.5, 30-somethings.
fn joins(prev: char, mid: char, next: char) -> bool {
    match mid {
        '\'' | '’' => prev.is_alphabetic() && next.is_alphabetic(),
        '-' => next.is_alphanumeric() && (prev.is_alphabetic() || next.is_alphabetic()),
        ',' | '.' => prev.is_ascii_digit() && next.is_ascii_digit(),
        _ => false,
    }
}

/// Word boundaries: `starts[i]` when a token starts at character `i`, `ends[i]` when one ends there.
pub struct Boundaries {
    pub starts: Vec<bool>,
    pub ends: Vec<bool>,
    /// For each character, the index of the token covering it (or usize::MAX).
    pub token_at: Vec<usize>,
}

impl Boundaries {
    pub fn new(n: usize, tokens: &[Token]) -> Self {
        let mut starts = vec![false; n + 1];
        let mut ends = vec![false; n + 1];
        let mut token_at = vec![usize::MAX; n];
        starts[n] = true;
        ends[0] = true;
        for (k, t) in tokens.iter().enumerate() {
            starts[t.start] = true;
            ends[t.end] = true;
            for slot in token_at.iter_mut().take(t.end).skip(t.start) {
                *slot = k;
            }
        }
        // Characters no token covers (spaces) are boundaries on both sides.
        for i in 0..n {
            if token_at[i] == usize::MAX {
                starts[i] = true;
                ends[i] = true;
                starts[i + 1] = true;
                ends[i + 1] = true;
            }
        }
        Boundaries {
            starts,
            ends,
            token_at,
        }
    }
}
