//! One translation mechanism for the whole product.
//!
//! Every text a person reads lives in a *catalogue*: a TSV data file of
//! `key<TAB>ja<TAB>en` lines kept beside the crate that uses it
//! (`crates/ask/data/messages.tsv`, …). A crate parses its catalogue once,
//! into a `static`, and looks texts up by key:
//!
//! ```
//! use antenna_i18n::{Catalogue, Lang};
//! use std::sync::LazyLock;
//!
//! // in a real crate: `antenna_i18n::catalogue!(static MSG = "../data/messages.tsv");`
//! static MSG: LazyLock<Catalogue> = LazyLock::new(|| {
//!     Catalogue::parse_or_panic("messages.tsv", "greet\tこんにちは、{name}さん\tHello, {name}\n")
//! });
//!
//! assert_eq!(MSG.fill(Lang::Ja, "greet", &[("name", &"山田")]), "こんにちは、山田さん");
//! assert_eq!(MSG.fill(Lang::En, "greet", &[("name", &"Yamada")]), "Hello, Yamada");
//! assert_eq!(MSG.get(Lang::En, "greet"), "Hello, {name}");
//! assert_eq!(MSG.get(Lang::En, "no.such.key"), "no.such.key"); // a missing key shows itself
//! ```
//!
//! The file format: one entry per line, exactly three fields separated by
//! tabs; the texts are taken verbatim (no trimming, no escapes; a text cannot
//! hold a tab or a line break). Blank lines and lines starting with `#` are
//! skipped. `{name}` (letters, digits, `_`) is a placeholder that [`Catalogue::fill`]
//! replaces; any other brace is literal text.
//!
//! Tests call [`check_complete`] (no empty text, the same placeholders in
//! both languages, no duplicate key) and [`check_used`] (every key the code
//! quotes exists, every key in the file is quoted somewhere).

mod catalogue;
mod check;

pub use catalogue::{Catalogue, ParseError};
pub use check::{check_complete, check_used, Problems};

use serde::{Deserialize, Serialize};

/// A language the product speaks. Serialized as `"ja"` / `"en"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    /// Every language, Japanese first (the product's default).
    pub const ALL: [Lang; 2] = [Lang::Ja, Lang::En];

    /// The language's code: `"ja"` or `"en"` (as in JSON, cookies and `<html lang>`).
    pub const fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// The inverse of [`Lang::code`]: exactly `"ja"` or `"en"`, else `None`
    /// (for stored values, cookies, form fields).
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// Reads a language tag as browsers send it: `ja`, `EN`, `en-US`, `ja_JP`.
    /// Only the primary subtag counts, case-insensitively; anything else is `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or("");
        Lang::ALL
            .into_iter()
            .find(|l| primary.eq_ignore_ascii_case(l.code()))
    }

    /// 0 for Japanese, 1 for English: the column of a catalogue.
    pub const fn index(self) -> usize {
        match self {
            Lang::Ja => 0,
            Lang::En => 1,
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Declares a catalogue held in a `static`, parsed on first use from a TSV
/// file included at compile time (the path is relative to the file that
/// invokes the macro, as with `include_str!`). A file that does not parse
/// panics on first use, naming the line; a test that touches the catalogue
/// (as [`check_complete`] does) catches it before any release.
///
/// ```ignore
/// antenna_i18n::catalogue!(pub(crate) static MSG = "../data/messages.tsv");
/// let text: &'static str = MSG.get(lang, "finding.no_condition");
/// ```
#[macro_export]
macro_rules! catalogue {
    ($vis:vis static $name:ident = $path:literal) => {
        $vis static $name: ::std::sync::LazyLock<$crate::Catalogue> =
            ::std::sync::LazyLock::new(|| {
                $crate::Catalogue::parse_or_panic($path, include_str!($path))
            });
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lang_serializes_as_its_code() {
        for lang in Lang::ALL {
            let json = serde_json::to_string(&lang).unwrap();
            assert_eq!(json, format!("\"{}\"", lang.code()));
            assert_eq!(serde_json::from_str::<Lang>(&json).unwrap(), lang);
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            assert_eq!(lang.to_string(), lang.code());
            assert_eq!(Lang::ALL[lang.index()], lang);
        }
        assert!(serde_json::from_str::<Lang>("\"fr\"").is_err());
    }

    #[test]
    fn from_code_is_exact_and_from_tag_takes_the_primary_subtag() {
        assert_eq!(Lang::from_code("en"), Some(Lang::En));
        assert_eq!(Lang::from_code("EN"), None);
        assert_eq!(Lang::from_code("en-US"), None);
        assert_eq!(Lang::from_code(""), None);
        assert_eq!(Lang::from_tag("en-US"), Some(Lang::En));
        assert_eq!(Lang::from_tag(" JA_jp "), Some(Lang::Ja));
        assert_eq!(Lang::from_tag("EN"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::from_tag("eng"), None);
        assert_eq!(Lang::from_tag(""), None);
    }
}
