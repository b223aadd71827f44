//! # The ask engine (紹介依頼コーチ)
//!
//! An ask is a referral request: 「世田谷区に住んでいる、30代の男性を紹介して
//! 下さい」. This crate reads one and answers with a [`Reading`]: the criteria
//! it names (each with its place in the text), the findings that make it thin
//! (誰でも良い, 元気な人, お金を稼いでいる人), how specific it is in bits, and how
//! many matching people a community can be expected to know.
//!
//! ## Design
//! - **Pure core.** [`Engine::check`] does no I/O and no async; it borrows
//!   a loaded dictionary and compiled vocabularies. Only [`dict`] touches the
//!   file system, to build and load the IPADIC dictionary.
//! - **Spans by construction.** All matching runs on a folded copy of the text
//!   where each character maps to exactly one character ([`text`]), so every
//!   `surface` is `text[span]` without re-mapping.
//! - **Words first, patterns second.** A lexicon pass (one Aho-Corasick
//!   automaton over every vocabulary and the census gazetteer) finds words on
//!   morpheme boundaries; ages, numbers and phrases are read around them with
//!   the help of parts of speech (numerals, people's names, たい).
//! - **One value for everyone.** A [`Criterion`]'s `value` carries canonical
//!   ids (`ceo`, `futsal`, `世田谷区`), the same values routing indexes and
//!   seating weighs, so nothing downstream parses the ask again.
//! - **Statistics, not vibes.** Specificity multiplies shares from the 2020
//!   census and sourced base rates (see `docs/specificity.md`).

pub mod census;
pub mod dict;
mod extract;
pub mod findings;
pub mod lexicon;
mod messages;
pub mod specificity;
pub mod text;
pub mod tokens;
pub mod types;

use std::path::Path;

pub use specificity::Community;
pub use types::*;

/// Why an ask could not be read.
#[derive(Debug, thiserror::Error)]
pub enum AskError {
    #[error("the ask is empty")]
    Empty,
    #[error("the ask is {chars} characters long; the limit is {max}")]
    TooLong { chars: usize, max: usize },
    #[error("the ask contains a control character (U+{code:04X}) at position {at}")]
    ControlChar { at: usize, code: u32 },
    #[error("dictionary: {0}")]
    Dictionary(String),
}

impl AskError {
    /// A stable machine-readable code for APIs.
    pub fn code(&self) -> &'static str {
        match self {
            AskError::Empty => "empty",
            AskError::TooLong { .. } => "too_long",
            AskError::ControlChar { .. } => "control_character",
            AskError::Dictionary(_) => "dictionary",
        }
    }

    /// The message in Japanese, for the UI.
    pub fn message_ja(&self) -> String {
        match self {
            AskError::Empty => {
                "紹介依頼が空です。どんな人を紹介してほしいか書いてください。".into()
            }
            AskError::TooLong { chars, max } => {
                format!("紹介依頼が長すぎます（{chars}文字）。{max}文字以内にしてください。")
            }
            AskError::ControlChar { at, .. } => {
                format!("{}文字目に使えない制御文字が含まれています。", at + 1)
            }
            AskError::Dictionary(m) => format!("辞書を読み込めません: {m}"),
        }
    }
}

/// The loaded engine: dictionary, vocabularies, census. Build once, share freely.
pub struct Engine {
    tokenizer: vibrato::Tokenizer,
    lexicon: lexicon::Lexicon,
    census: census::Census,
}

impl Engine {
    /// An engine over an already loaded dictionary.
    pub fn new(dict: vibrato::Dictionary) -> Result<Self, AskError> {
        let tokenizer = vibrato::Tokenizer::new(dict)
            .ignore_space(true)
            .map_err(|e| AskError::Dictionary(e.to_string()))?;
        Ok(Engine {
            tokenizer,
            lexicon: lexicon::Lexicon::load(),
            census: census::Census::load(),
        })
    }

    /// Loads the dictionary from `path` (building it from IPADIC sources if needed).
    pub fn from_path(path: &Path) -> Result<Self, AskError> {
        Self::new(dict::load_or_build(path)?)
    }

    /// Loads the dictionary from its default place ([`dict::default_path`]).
    pub fn load_default() -> Result<Self, AskError> {
        Self::from_path(&dict::default_path())
    }

    pub fn lexicon(&self) -> &lexicon::Lexicon {
        &self.lexicon
    }

    /// Reads an ask for the default community (120 members knowing 150 people each).
    pub fn check(&self, text: &str) -> Result<Reading, AskError> {
        self.check_for(text, &Community::default())
    }

    /// Reads an ask for a given community.
    pub fn check_for(&self, text: &str, community: &Community) -> Result<Reading, AskError> {
        text::validate(text)?;
        let folded = text::Folded::new(text);
        let lang = detect_lang(&folded.text);
        let toks = match lang {
            Lang::Ja => {
                let mut worker = self.tokenizer.new_worker();
                tokens::japanese(&mut worker, &folded)
            }
            Lang::En => tokens::english(&folded),
        };
        let mut ctx = extract::Ctx::new(&self.lexicon, text, &folded, toks, lang);
        extract::run(&mut ctx);
        let named = ctx
            .found
            .iter()
            .any(|f| matches!(f.value, Value::Named { .. }));
        let pop =
            specificity::population_share(&self.lexicon, &self.census, &ctx.found, &ctx.flags);
        let (mut spec, reach) = specificity::score(pop, named, community);
        // 社長なら誰でもOK: one condition plus "anyone" is still an ask for anyone
        let anyone = lang == Lang::Ja
            && ctx
                .flags
                .iter()
                .any(|f| matches!(f.kind, extract::FlagKind::Marker(lexicon::Marker::Anyone)));
        let strong = ctx.found.iter().filter(|f| !f.weak).count();
        // うちの商品を買ってくれる人: a sale, however precisely described, finds no partner
        let sale = ctx
            .flags
            .iter()
            .any(|f| matches!(f.kind, extract::FlagKind::Marker(lexicon::Marker::Sale)));
        // 東京の人, Women.: one demographic dimension alone fits a crowd
        let kinds: std::collections::HashSet<&str> = ctx
            .found
            .iter()
            .filter(|f| !f.weak)
            .map(|f| f.value.kind())
            .collect();
        let demographic_only = !kinds.is_empty()
            && kinds.len() <= 1
            && kinds
                .iter()
                .all(|k| matches!(*k, "location" | "gender" | "age"));
        if ((anyone && strong <= 2) || sale || demographic_only)
            && !named
            && matches!(spec.band, Band::Fuzzy | Band::Clear | Band::Narrow)
        {
            spec.band = Band::Thin;
        }
        let findings = findings::findings(
            &self.lexicon,
            lang,
            text,
            &ctx.found,
            &ctx.flags,
            spec.band,
            named,
        );
        let criteria = ctx
            .found
            .iter()
            .map(|f| Criterion {
                value: f.value.clone(),
                surface: ctx.original_slice(f.start, f.end),
                span: [f.start, f.end],
                label: f.label.clone(),
                share: (f.share * 1e6).round() / 1e6,
            })
            .collect();
        Ok(Reading {
            text: text.to_string(),
            lang,
            criteria,
            findings,
            specificity: spec,
            reach,
        })
    }

    /// Tokenizes only (the benchmark's baseline): returns the number of tokens.
    pub fn tokenize_only(&self, text: &str) -> usize {
        let folded = text::Folded::new(text);
        match detect_lang(&folded.text) {
            Lang::Ja => {
                let mut worker = self.tokenizer.new_worker();
                tokens::japanese(&mut worker, &folded).len()
            }
            Lang::En => tokens::english(&folded).len(),
        }
    }
}

/// Japanese when the text has any kana or kanji, else English.
pub fn detect_lang(folded: &str) -> Lang {
    if folded.chars().any(text::is_kana_or_kanji) {
        Lang::Ja
    } else {
        Lang::En
    }
}
