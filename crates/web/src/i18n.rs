//! The UI language: Japanese by default, English by switch (a `lang` cookie
//! set from the header link) or by the browser's `Accept-Language`.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

pub use antenna_ask::Lang;
use antenna_store::ISO_DATE;
use time::{Date, OffsetDateTime, UtcOffset};

pub fn lang_from_parts(parts: &Parts) -> Lang {
    lang_from_headers(&parts.headers)
}

/// The `lang` cookie, else the first `Accept-Language` tag, else Japanese.
pub fn lang_from_headers(headers: &axum::http::HeaderMap) -> Lang {
    if let Some(c) = crate::auth::cookie(headers, "lang") {
        return Lang::from_code(&c).unwrap_or(Lang::Ja);
    }
    headers
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split([',', ';']).next())
        .and_then(|tag| Lang::from_tag(tag.trim()))
        .unwrap_or(Lang::Ja)
}

/// The request's UI language.
#[derive(Debug, Clone, Copy)]
pub struct UiLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for UiLang {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(UiLang(lang_from_parts(parts)))
    }
}

/// Japan Standard Time, in which every date the product shows is written.
const JST: UtcOffset = match UtcOffset::from_hms(9, 0, 0) {
    Ok(o) => o,
    Err(_) => UtcOffset::UTC,
};

fn jst(ts: i64) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(ts)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
        .to_offset(JST)
}

/// Formats a Unix time as Japanese users write dates: 2026年11月28日 (or 2026-11-28 in English).
pub fn date(lang: Lang, ts: i64) -> String {
    let d = jst(ts).date();
    match lang {
        Lang::Ja => format!("{}年{}月{}日", d.year(), u8::from(d.month()), d.day()),
        Lang::En => d.format(ISO_DATE).unwrap_or_default(),
    }
}

/// Today's date in Japan (JST).
pub fn today_jst(now: i64) -> Date {
    jst(now).date()
}

/// The current year in Japan.
pub fn year_jst(now: i64) -> i32 {
    jst(now).year()
}

/// `s` as a date if it is a real `YYYY-MM-DD` date between 1900 and 2200.
pub fn parse_date(s: &str) -> Option<Date> {
    Date::parse(s, ISO_DATE)
        .ok()
        .filter(|d| s.len() == 10 && (1900..=2200).contains(&d.year()))
}

/// The Japanese eras (元号) a living member's birth year can fall in, with
/// the Gregorian year of their first year and the letter people abbreviate
/// them with (S60 = 昭和60年).
const ERAS: &[(&str, char, i32)] = &[
    ("明治", 'm', 1868),
    ("大正", 't', 1912),
    ("昭和", 's', 1926),
    ("平成", 'h', 1989),
    ("令和", 'r', 2019),
];

/// A year as Japanese users write it: 1985, 1985年, １９８５, 昭和60年, 昭和６０,
/// S60, s.60, H3, 平成元年. `None` when it is none of these.
pub fn parse_year(s: &str) -> Option<i32> {
    let folded: String = s
        .trim()
        .chars()
        .map(antenna_ask::text::fold_char)
        .filter(|c| !c.is_whitespace())
        .collect();
    let t = folded.strip_suffix('年').unwrap_or(&folded);
    if let Ok(y) = t.parse::<i32>() {
        return Some(y);
    }
    let (base, rest) = ERAS.iter().find_map(|(name, letter, first)| {
        t.strip_prefix(name)
            .or_else(|| t.strip_prefix(*letter).map(|r| r.trim_start_matches('.')))
            .map(|rest| (*first, rest))
    })?;
    let n = if rest == "元" {
        1
    } else {
        rest.parse::<i32>().ok().filter(|n| *n >= 1)?
    };
    Some(base + n - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_the_japanese_way() {
        assert_eq!(date(Lang::Ja, 1_795_833_600), "2026年11月28日");
        assert_eq!(date(Lang::En, 1_795_833_600), "2026-11-28");
        assert_eq!(
            today_jst(1_795_833_600),
            time::macros::date!(2026 - 11 - 28)
        );
    }

    #[test]
    fn years_are_read_as_japanese_users_write_them() {
        for (text, year) in [
            ("1985", 1985),
            ("1985年", 1985),
            ("１９８５", 1985),
            ("昭和60年", 1985),
            ("昭和６０年", 1985),
            ("S60", 1985),
            ("s.60", 1985),
            ("平成3年", 1991),
            ("H3", 1991),
            ("平成元年", 1989),
            ("令和2年", 2020),
            ("大正15年", 1926),
        ] {
            assert_eq!(parse_year(text), Some(year), "{text}");
        }
        for text in ["", "昭和", "昭和0年", "X60", "六十年", "1985-01"] {
            assert_eq!(parse_year(text), None, "{text}");
        }
    }

    #[test]
    fn only_real_dates_are_valid() {
        assert_eq!(
            parse_date("2024-02-29"),
            Some(time::macros::date!(2024 - 02 - 29))
        );
        assert_eq!(parse_date("2023-02-29"), None);
        assert_eq!(parse_date("2024-13-01"), None);
        assert_eq!(parse_date("2024/01/01"), None);
        assert_eq!(parse_date("+2024-01-01"), None);
        assert_eq!(parse_date("1899-12-31"), None);
        assert!(parse_date("2200-12-31").is_some());
        assert_eq!(year_jst(1_798_729_200), 2027, "2027-01-01 00:00 JST");
        assert_eq!(
            today_jst(1_798_729_199),
            time::macros::date!(2026 - 12 - 31)
        );
    }
}
