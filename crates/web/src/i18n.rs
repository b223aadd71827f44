//! The UI language: Japanese by default, English by switch (a `lang` cookie
//! set from the header link) or by the browser's `Accept-Language`.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;

pub use antenna_ask::Lang;

pub fn lang_from_parts(parts: &Parts) -> Lang {
    if let Some(c) = crate::auth::cookie(&parts.headers, "lang") {
        return if c == "en" { Lang::En } else { Lang::Ja };
    }
    let accept = parts
        .headers
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if accept.trim_start().to_ascii_lowercase().starts_with("en") {
        Lang::En
    } else {
        Lang::Ja
    }
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

pub fn code(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "ja",
        Lang::En => "en",
    }
}

/// Formats a Unix time as Japanese users write dates: 2026年11月28日 (or 2026-11-28 in English).
pub fn date(lang: Lang, ts: i64) -> String {
    let (y, m, d) = civil_from_days((ts + 9 * 3600).div_euclid(86_400));
    match lang {
        Lang::Ja => format!("{y}年{m}月{d}日"),
        Lang::En => format!("{y}-{m:02}-{d:02}"),
    }
}

/// Today's date in Japan (JST), as `YYYY-MM-DD`.
pub fn today_jst(now: i64) -> String {
    let (y, m, d) = civil_from_days((now + 9 * 3600).div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// The current year in Japan.
pub fn year_jst(now: i64) -> i32 {
    civil_from_days((now + 9 * 3600).div_euclid(86_400)).0
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian.
pub fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

/// Whether `s` is a real `YYYY-MM-DD` date.
pub fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Ok(y), Ok(m), Ok(d)) = (
        s[0..4].parse::<i32>(),
        s[5..7].parse::<u32>(),
        s[8..10].parse::<u32>(),
    ) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    (1..=12).contains(&m) && d >= 1 && d <= days[(m - 1) as usize] && (1900..=2200).contains(&y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_the_japanese_way() {
        assert_eq!(date(Lang::Ja, 1_795_833_600), "2026年11月28日");
        assert_eq!(date(Lang::En, 1_795_833_600), "2026-11-28");
        assert_eq!(today_jst(1_795_833_600), "2026-11-28");
    }

    #[test]
    fn only_real_dates_are_valid() {
        assert!(valid_date("2024-02-29"));
        assert!(!valid_date("2023-02-29"));
        assert!(!valid_date("2024-13-01"));
        assert!(!valid_date("2024/01/01"));
    }
}
