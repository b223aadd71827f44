//! Numbers as people write them in asks: 30, ３０, 1,000, 3.5, 100万, 1億2千万,
//! 三十, 二十五, 五千万, $20 million, 5k.

/// A number found at some position: its value and the character range it covers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub value: f64,
    pub start: usize,
    pub end: usize,
    /// Written with kanji numerals only (三十), which needs a part-of-speech check.
    pub kanji_only: bool,
}

fn kanji_digit(c: char) -> Option<f64> {
    Some(match c {
        '〇' | '零' => 0.0,
        '一' | '壱' => 1.0,
        '二' | '弐' => 2.0,
        '三' | '参' => 3.0,
        '四' => 4.0,
        '五' => 5.0,
        '六' => 6.0,
        '七' => 7.0,
        '八' => 8.0,
        '九' => 9.0,
        _ => return None,
    })
}

fn small_unit(c: char) -> Option<f64> {
    Some(match c {
        '十' => 10.0,
        '百' => 100.0,
        '千' => 1000.0,
        _ => return None,
    })
}

fn big_unit(c: char) -> Option<f64> {
    Some(match c {
        '万' => 1e4,
        '億' => 1e8,
        '兆' => 1e12,
        _ => return None,
    })
}

pub fn is_number_start(c: char) -> bool {
    c.is_ascii_digit() || kanji_digit(c).is_some() || small_unit(c).is_some()
}

/// Parses ASCII digits with thousands separators and a decimal point at `i`.
fn ascii_digits(chars: &[char], mut i: usize) -> Option<(f64, usize)> {
    let start = i;
    let mut s = String::new();
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            s.push(c);
            i += 1;
        } else if c == ','
            && i + 3 < chars.len() + 1
            && i > start
            && chars[i + 1..].iter().take(3).all(|d| d.is_ascii_digit())
            && chars.get(i + 4).is_none_or(|d| !d.is_ascii_digit())
        {
            i += 1;
        } else if c == '.'
            && i > start
            && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())
            && !s.contains('.')
        {
            s.push('.');
            i += 1;
        } else {
            break;
        }
    }
    if s.is_empty() {
        return None;
    }
    s.parse().ok().map(|v| (v, i))
}

/// Reads a Japanese-style number (digits, kanji numerals, 万/億 groupings) at `i`.
pub fn parse_at(chars: &[char], i: usize) -> Option<Number> {
    if i >= chars.len() || !is_number_start(chars[i]) {
        return None;
    }
    let mut total = 0.0;
    let mut section = 0.0;
    let mut cur: Option<f64> = None;
    let mut j = i;
    let mut any = false;
    let mut kanji_only = true;
    while j < chars.len() {
        let c = chars[j];
        if c.is_ascii_digit() {
            if cur.is_some() {
                break;
            }
            let (v, e) = ascii_digits(chars, j)?;
            cur = Some(v);
            j = e;
            any = true;
            kanji_only = false;
        } else if let Some(d) = kanji_digit(c) {
            cur = Some(cur.map_or(d, |v| v * 10.0 + d));
            j += 1;
            any = true;
        } else if let Some(m) = small_unit(c) {
            section += cur.unwrap_or(1.0) * m;
            cur = None;
            j += 1;
            any = true;
        } else if let Some(m) = big_unit(c) {
            if !any {
                break;
            }
            let v = section + cur.unwrap_or(0.0);
            if v == 0.0 {
                break;
            }
            total += v * m;
            section = 0.0;
            cur = None;
            j += 1;
        } else {
            break;
        }
    }
    if !any {
        return None;
    }
    Some(Number {
        value: total + section + cur.unwrap_or(0.0),
        start: i,
        end: j,
        kanji_only,
    })
}

/// Reads an English-style number token such as `20`, `1,500`, `3.5`, `20m`, `5k`, `$2.5`.
/// Returns the value and the scale suffix letters found inside the token.
pub fn parse_english(word: &str) -> Option<(f64, f64)> {
    let w = word.trim_start_matches('$');
    let digits_end = w
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(w.len());
    if digits_end == 0 {
        return None;
    }
    let v: f64 = w[..digits_end].replace(',', "").parse().ok()?;
    let scale = match &w[digits_end..] {
        "" => 1.0,
        "k" => 1e3,
        "m" | "mm" | "mil" => 1e6,
        "b" | "bn" => 1e9,
        _ => return None,
    };
    Some((v, scale))
}

/// Scale words after a number: million, thousand, billion.
pub fn english_scale(word: &str) -> Option<f64> {
    Some(match word {
        "thousand" | "k" => 1e3,
        "million" | "millions" | "mil" | "m" | "mm" => 1e6,
        "billion" | "billions" | "bn" | "b" => 1e9,
        "hundred" => 1e2,
        _ => return None,
    })
}

pub fn english_word_number(word: &str) -> Option<f64> {
    Some(match word {
        "one" | "a" | "an" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "twelve" => 12.0,
        "fifteen" => 15.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "fifty" => 50.0,
        "hundred" => 100.0,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> f64 {
        let c: Vec<char> = s.chars().collect();
        parse_at(&c, 0).unwrap().value
    }

    #[test]
    fn japanese_numbers_in_every_form() {
        assert_eq!(p("30"), 30.0);
        assert_eq!(p("1,000"), 1000.0);
        assert_eq!(p("3.5万"), 35000.0);
        assert_eq!(p("100万"), 1_000_000.0);
        assert_eq!(p("1億2千万"), 120_000_000.0);
        assert_eq!(p("1億2000万"), 120_000_000.0);
        assert_eq!(p("三十"), 30.0);
        assert_eq!(p("二十五"), 25.0);
        assert_eq!(p("五千万"), 50_000_000.0);
        assert_eq!(p("十"), 10.0);
    }

    #[test]
    fn a_lone_myriad_sign_is_not_a_number() {
        let c: Vec<char> = "万が一".chars().collect();
        assert!(parse_at(&c, 0).is_none());
    }

    #[test]
    fn english_number_tokens() {
        assert_eq!(parse_english("20m"), Some((20.0, 1e6)));
        assert_eq!(parse_english("$1,500"), Some((1500.0, 1.0)));
        assert_eq!(parse_english("abc"), None);
    }
}
