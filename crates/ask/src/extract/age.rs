//! Ages: 30代, 20〜30代, 三十代, ３０代, 40歳以上, アラサー, 20代後半, in her 40s,
//! aged 25-35, over 50, 30-somethings.

use super::number::{parse_at, Number};
use super::{Ctx, Found, Words};
use crate::messages::MSG;
use crate::tokens::Pos;
use crate::types::{Lang, Value};

fn age_found(start: usize, end: usize, min: Option<u32>, max: Option<u32>, lang: Lang) -> Found {
    let key = match (min, max) {
        (Some(a), Some(b)) if b == a + 9 && a % 10 == 0 => Some("label.age.decade"),
        (Some(_), Some(_)) => Some("label.age.range"),
        (Some(_), None) => Some("label.age.min"),
        (None, Some(_)) => Some("label.age.max"),
        (None, None) => None,
    };
    // each text names only the bounds it has
    let (a, b) = (min.unwrap_or(0), max.unwrap_or(0));
    let label = key.map_or_else(String::new, |k| MSG.fill(lang, k, &[("a", &a), ("b", &b)]));
    Found {
        start,
        end,
        value: Value::Age { min, max },
        share: 1.0,
        label,
        concept: None,
        weak: false,
    }
}

/// A number at `i` that may be an age (kanji numerals only where the tokenizer says 数).
fn number(ctx: &Ctx, i: usize) -> Option<Number> {
    let n = parse_at(&ctx.chars, i)?;
    if n.kanji_only && ctx.token_at(i).is_some_and(|t| t.pos != Pos::Numeral) {
        return None;
    }
    if i > 0 && (ctx.chars[i - 1].is_ascii_digit() || ctx.chars[i - 1] == '.') {
        return None;
    }
    Some(n)
}

fn as_age(v: f64) -> Option<u32> {
    (v.fract() == 0.0 && (0.0..=120.0).contains(&v)).then_some(v as u32)
}

const RANGE: &[&str] = &["〜", "-", "から", "・", "~", "ー"];

/// 代 (or the common slip 台 before a person word).
fn decade_mark(ctx: &Ctx, i: usize, n: u32) -> bool {
    if ctx.at(i, "代") {
        return !ctx.at(i + 1, "目")
            && !ctx.at(i + 1, "表")
            && !ctx.at(i + 1, "理")
            && !ctx.at(i + 1, "金");
    }
    ctx.at(i, "台")
        && n.is_multiple_of(10)
        && (10..=90).contains(&n)
        && ctx
            .at_any(i + 1, &["の", "前半", "後半", "男", "女", "半ば"])
            .is_some()
        && ctx
            .at_any(i + 1, &["の車", "のトラック", "の台数"])
            .is_none()
}

fn japanese(ctx: &mut Ctx) {
    let mut i = 0;
    while i < ctx.len() {
        if ctx.taken[i] {
            i += 1;
            continue;
        }
        // アラサー and friends
        if ctx.chars[i] != 'ア' && !crate::extract::number::is_number_start(ctx.chars[i]) {
            i += 1;
            continue;
        }
        if let Some((len, lo, hi)) = [
            ("アラサー", 28, 32),
            ("アラフォー", 38, 42),
            ("アラフィフ", 48, 52),
            ("アラフィフティ", 48, 52),
            ("アラカン", 58, 62),
            ("アラ還", 58, 62),
            ("アラ還暦", 58, 62),
            ("アラハタ", 18, 22),
            ("アラシックス", 58, 62),
        ]
        .iter()
        .filter(|(w, _, _)| ctx.at(i, w))
        .map(|(w, a, b)| (w.chars().count(), *a, *b))
        .max_by_key(|x| x.0)
        {
            let f = age_found(i, i + len, Some(lo), Some(hi), Lang::Ja);
            ctx.push(f);
            i += len;
            continue;
        }
        let Some(n1) = number(ctx, i) else {
            i += 1;
            continue;
        };
        let Some(a) = as_age(n1.value) else {
            i = n1.end;
            continue;
        };
        let mut j = n1.end;
        let mut found: Option<(Option<u32>, Option<u32>, usize)> = None;
        if decade_mark(ctx, j, a) {
            j += 1;
            let (mut lo, mut hi) = (a, a + 9);
            if let Some(k) = ctx.at_any(j, &["前半"]) {
                hi = a + 4;
                j += k;
            } else if let Some(k) = ctx.at_any(j, &["後半"]) {
                lo = a + 5;
                j += k;
            } else if let Some(k) = ctx.at_any(j, &["半ば"]) {
                lo = a + 3;
                hi = a + 7;
                j += k;
            } else if let Some(k) = ctx.at_any(j, &["中盤"]) {
                lo = a + 3;
                hi = a + 6;
                j += k;
            }
            let mut max = Some(hi);
            let mut min = Some(lo);
            if let Some(k) = ctx.at_any(j, &["以上", "より上", "から上"]) {
                max = None;
                j += k;
            } else if let Some(k) = ctx.at_any(j, &["以下", "まで"]) {
                j += k;
                min = None;
            } else if let Some(k) = ctx.at_any(j, RANGE).filter(|_| !ctx.at(j, "・")) {
                // 20代〜30代 (but 40代・50代 is two decades)
                if let Some(n2) = number(ctx, j + k) {
                    if let Some(b) = as_age(n2.value) {
                        if decade_mark(ctx, n2.end, b) && b > a {
                            max = Some(b + 9);
                            j = n2.end + 1;
                            if let Some(k2) = ctx.at_any(j, &["前半"]) {
                                max = Some(b + 4);
                                j += k2;
                            } else if let Some(k2) = ctx.at_any(j, &["後半"]) {
                                j += k2;
                            }
                        }
                    }
                }
            }
            found = Some((min, max, j));
        } else if ctx.at_any(j, &["歳", "才", "さい"]).is_some() {
            j += ctx.at_any(j, &["歳", "才", "さい"]).unwrap_or(1);
            let mut min = Some(a);
            let mut max = Some(a);
            if let Some(k) = ctx.at_any(j, &["以上", "から上"]) {
                max = None;
                j += k;
            } else if let Some(k) = ctx.at_any(j, &["以下", "まで"]) {
                min = None;
                j += k;
            } else if let Some(k) = ctx.at_any(j, &["未満"]) {
                min = None;
                max = a.checked_sub(1);
                j += k;
            } else if let Some(k) = ctx.at_any(j, &["超", "より上", "を超える"]) {
                min = Some(a + 1);
                max = None;
                j += k;
            } else if let Some(k) = ctx.at_any(j, &["前後", "くらい", "ぐらい", "位", "程度"])
            {
                min = Some(a.saturating_sub(2));
                max = Some(a + 2);
                j += k;
            } else if let Some(k) = ctx.at_any(j, RANGE) {
                if let Some(n2) = number(ctx, j + k) {
                    if let Some(b) = as_age(n2.value) {
                        if b > a {
                            max = Some(b);
                            j = n2.end;
                            j += ctx.at_any(j, &["歳", "才"]).unwrap_or(0);
                            if let Some(k2) = ctx.at_any(j, &["まで", "以下"]) {
                                j += k2;
                            }
                        }
                    }
                }
            }
            found = Some((min, max, j));
        } else if let Some(k) = ctx.at_any(j, RANGE) {
            // 20〜30代, 25〜35歳
            if let Some(n2) = number(ctx, j + k) {
                if let Some(b) = as_age(n2.value) {
                    let e = n2.end;
                    if decade_mark(ctx, e, b) && b > a && a % 10 == 0 {
                        let mut jj = e + 1;
                        let mut hi = b + 9;
                        if let Some(k2) = ctx.at_any(jj, &["前半"]) {
                            hi = b + 4;
                            jj += k2;
                        } else if let Some(k2) = ctx.at_any(jj, &["後半"]) {
                            jj += k2;
                        }
                        found = Some((Some(a), Some(hi), jj));
                    } else if ctx.at_any(e, &["歳", "才"]).is_some() && b > a {
                        let mut jj = e + 1;
                        jj += ctx.at_any(jj, &["まで", "以下"]).unwrap_or(0);
                        found = Some((Some(a), Some(b), jj));
                    }
                }
            }
        }
        match found {
            Some((min, max, end)) if ctx.free(i, end) => {
                // 年齢 just before belongs to the surface
                let start = if ctx.before(i, "年齢") { i - 2 } else { i };
                let f = age_found(start, end, min, max, Lang::Ja);
                ctx.push(f);
                i = end;
            }
            _ => i = n1.end.max(i + 1),
        }
    }
}

fn decade_word(w: &str) -> Option<u32> {
    Some(match w {
        "twenties" => 20,
        "thirties" => 30,
        "forties" => 40,
        "fifties" => 50,
        "sixties" => 60,
        "seventies" => 70,
        "eighties" => 80,
        _ => {
            let d = w
                .strip_suffix('s')?
                .strip_suffix('\'')
                .unwrap_or(w.strip_suffix('s')?);
            let v: u32 = d.parse().ok()?;
            if v.is_multiple_of(10) && (10..=90).contains(&v) {
                v
            } else {
                return None;
            }
        }
    })
}

/// Words for people: a number just after one (or near one) is an age.
static PERSON_WORDS: Words = words!("person_words_en.txt");

fn english(ctx: &mut Ctx) {
    let words = ctx.words();
    let n = words.len();
    let mut k = 0;
    while k < n {
        let (s, e, ref w) = words[k];
        if !ctx.free(s, e) {
            k += 1;
            continue;
        }
        let prev = |d: usize| {
            if k >= d {
                Some(words[k - d].2.as_str())
            } else {
                None
            }
        };
        let next = |d: usize| words.get(k + d).map(|x| x.2.as_str());
        // (early|mid|late)? 40s / forties; 30-somethings
        let (mut start, mut end) = (s, e);
        let mut range: Option<(Option<u32>, Option<u32>)> = None;
        let (modifier, core) = match w.split_once('-') {
            Some((m @ ("early" | "mid" | "late"), rest)) => (Some(m), rest),
            _ => (
                prev(1).filter(|p| matches!(*p, "early" | "mid" | "late")),
                w.as_str(),
            ),
        };
        if let Some(d) = decade_word(core).or_else(|| {
            let stem = w
                .strip_suffix("-somethings")
                .or_else(|| w.strip_suffix("-something"))?;
            stem.parse::<u32>()
                .ok()
                .filter(|v| v % 10 == 0)
                .or(match stem {
                    "twenty" => Some(20),
                    "thirty" => Some(30),
                    "forty" => Some(40),
                    "fifty" => Some(50),
                    _ => None,
                })
        }) {
            // not a decade of years (the 1970s) nor money ($40s)
            let is_year = d >= 100 || (s > 0 && ctx.chars[s - 1] == '$');
            if !is_year {
                let (mut lo, mut hi) = (d, d + 9);
                match modifier {
                    Some("early") => hi = d + 3,
                    Some("mid") => {
                        lo = d + 4;
                        hi = d + 6;
                    }
                    Some("late") => lo = d + 7,
                    _ => {}
                }
                if modifier.is_some() && core.len() == w.len() {
                    start = words[k - 1].0;
                }
                range = Some((Some(lo), Some(hi)));
                // 30s or older / and up
                if matches!(
                    (next(1), next(2)),
                    (Some("or"), Some("older"))
                        | (Some("and"), Some("up"))
                        | (Some("and"), Some("older"))
                        | (Some("or"), Some("above"))
                ) {
                    range = Some((Some(lo), None));
                    end = words[k + 2].1;
                } else if matches!(
                    next(1),
                    Some("to") | Some("through") | Some("and") | Some("or")
                ) {
                    if let Some(d2) = next(2).and_then(decade_word) {
                        if d2 > d {
                            range = Some((Some(lo), Some(d2 + 9)));
                            end = words[k + 2].1;
                        }
                    }
                } else if s > 0 && ctx.chars.get(s.wrapping_sub(1)) == Some(&'-') {
                    // "30-40s" handled below through numbers
                }
            }
        } else if let Some(v) = w.parse::<u32>().ok().filter(|v| (15..=100).contains(v)) {
            // aged 25-35, ages 25 to 35, 25-35 years old, 40+, over 50 (people), under 30
            let after_years_old = |i: usize| {
                matches!(
                    (
                        words.get(i).map(|x| x.2.as_str()),
                        words.get(i + 1).map(|x| x.2.as_str())
                    ),
                    (Some("years"), Some("old")) | (Some("year"), Some("old"))
                ) || matches!(words.get(i).map(|x| x.2.as_str()), Some("yo") | Some("y.o"))
            };
            let aged = matches!(
                prev(1),
                Some("aged") | Some("age") | Some("ages") | Some("ages:")
            );
            let cmp = prev(1);
            let dollar = s > 0 && ctx.chars[s - 1] == '$';
            // a role, gender or stage already read just before ("entrepreneurs over 50")
            let person_found = |d: usize| {
                k >= d
                    && ctx.found.iter().any(|f| {
                        matches!(
                            f.value,
                            Value::Role { .. } | Value::Gender(_) | Value::LifeStage { .. }
                        ) && f.start <= words[k - d].0
                            && words[k - d].1 <= f.end
                    })
            };
            let person_before = !dollar
                && (prev(2).is_some_and(|p| {
                    PERSON_WORDS.contains(&p)
                        || p.ends_with("ers")
                        || p.ends_with("ists")
                        || p.ends_with("ors")
                }) || prev(1).is_some_and(|p| PERSON_WORDS.contains(&p))
                    || person_found(1)
                    || person_found(2));
            let has_range = matches!(next(1), Some("to") | Some("and"))
                || (e < ctx.len() && matches!(ctx.chars[e], '-' | '〜'));
            let second = if matches!(next(1), Some("to") | Some("and")) {
                next(2)
                    .and_then(|x| x.parse::<u32>().ok())
                    .map(|b| (b, k + 2))
            } else {
                None
            }
            .or_else(|| {
                if e < ctx.len() && matches!(ctx.chars[e], '-' | '〜') {
                    next(1)
                        .and_then(|x| x.parse::<u32>().ok())
                        .map(|b| (b, k + 1))
                } else {
                    None
                }
            });
            if has_range {
                if let Some((b, kb)) = second.filter(|(b, _)| *b > v && *b <= 110) {
                    if aged || after_years_old(kb + 1) || person_before {
                        range = Some((Some(v), Some(b)));
                        if aged {
                            start = words[k - 1].0;
                        }
                        end = words[kb].1;
                        if after_years_old(kb + 1) {
                            end = words[kb + 2].1;
                        }
                    }
                }
            }
            if range.is_none() {
                let plus = e < ctx.len() && ctx.chars[e] == '+';
                let no_unit = next(1).is_none_or(|x| {
                    !x.chars().all(|c| c.is_alphabetic())
                        || [
                            "who", "and", "in", "with", "that", "living", "from", "based", "or",
                            "working", "at",
                        ]
                        .contains(&x)
                }) || after_years_old(k + 1);
                // "under 30 who", "over 60 in Phoenix": an age when a person word is near
                let near_person = person_before
                    || (!dollar
                        && (18..=99).contains(&v)
                        && words[..k].iter().rev().take(4).any(|x| {
                            PERSON_WORDS.contains(&x.2.as_str())
                                || x.2.ends_with("ers")
                                || x.2.ends_with("ists")
                                || x.2.ends_with("naut")
                        }));
                let person_before = near_person;
                let end_here = if after_years_old(k + 1) {
                    words[k + 2].1
                } else if plus {
                    e + 1
                } else {
                    e
                };
                match cmp {
                    Some("over") | Some("above") | Some("older")
                        if (person_before || aged || after_years_old(k + 1)) && no_unit =>
                    {
                        range = Some((Some(v + 1), None));
                        start = words[k - 1].0;
                        end = end_here;
                    }
                    Some("under") | Some("below") | Some("younger")
                        if (person_before || aged || after_years_old(k + 1)) && no_unit =>
                    {
                        range = Some((None, Some(v - 1)));
                        start = words[k - 1].0;
                        end = end_here;
                    }
                    _ if aged && (plus || no_unit) => {
                        range = Some((Some(v), if plus { None } else { Some(v) }));
                        start = words[k - 1].0;
                        end = end_here;
                    }
                    _ if after_years_old(k + 1) && person_before => {
                        range = Some((Some(v), Some(v)));
                        end = end_here;
                    }
                    _ if plus && person_before => {
                        range = Some((Some(v), None));
                        end = e + 1;
                    }
                    _ => {}
                }
                if let Some((a, None)) = range {
                    // "50 and over", "50 or older"
                    let _ = a;
                }
                // "turning 65", "that's 62 or older"
                if range.is_none()
                    && matches!(cmp, Some("turning") | Some("turns") | Some("turned"))
                {
                    range = Some((Some(v), Some(v)));
                    start = words[k - 1].0;
                    end = e;
                }
                let older = matches!(
                    (next(1), next(2)),
                    (Some("or"), Some("older"))
                        | (Some("and"), Some("older"))
                        | (Some("or"), Some("over"))
                );
                if range.is_none()
                    && (older
                        || matches!(
                            (next(1), next(2)),
                            (Some("and"), Some("over")) | (Some("and"), Some("up"))
                        ) && (person_before || aged))
                {
                    range = Some((Some(v), None));
                    end = words[k + 2].1;
                }
            }
        }
        if let Some((min, max)) = range {
            if ctx.free(start, end) {
                // "in her 40s": the possessive belongs to the phrase
                let f = age_found(start, end, min, max, Lang::En);
                ctx.push(f);
                while k < n && words[k].0 < end {
                    k += 1;
                }
                continue;
            }
        }
        k += 1;
    }
}

pub fn run(ctx: &mut Ctx) {
    match ctx.lang {
        Lang::Ja => japanese(ctx),
        Lang::En => english(ctx),
    }
}
