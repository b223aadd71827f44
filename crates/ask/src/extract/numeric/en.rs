//! English numeric conditions: "100 to 500 employees", "over $20 million",
//! "3 or more chairs", "before 1970", "twice a week".

use std::sync::LazyLock;

use crate::extract::number::{english_scale, english_word_number, parse_english};
use crate::extract::{symbol, Ctx};
use crate::types::{Op, Value};

/// A comparison around an English number: its words, how many, and the op.
struct Comparison {
    before: bool,
    words: &'static str,
    len: usize,
    op: Op,
}

static COMPARISONS_EN: LazyLock<Vec<Comparison>> = table!("comparisons_en.tsv", |r| {
    let before = match *r.first()? {
        "before" => true,
        "after" => false,
        _ => return None,
    };
    let words = *r.get(1)?;
    Some(Comparison {
        before,
        words,
        len: words.split(' ').count(),
        op: symbol(r.get(2)?)?,
    })
});

fn singular(w: &str) -> String {
    if let Some(s) = w.strip_suffix("ies") {
        format!("{s}y")
    } else if w.ends_with("ss") {
        w.to_string()
    } else if let Some(s) = w.strip_suffix('s') {
        s.to_string()
    } else {
        w.to_string()
    }
}

const EN_STOP: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "for", "with", "who", "that",
    "which", "years", "year", "old", "more", "less", "fewer", "plus", "per", "from", "by", "is",
    "are", "was", "were",
];

fn en_unit(word: &str) -> (String, String) {
    let w = singular(word);
    let (unit, attr) = match w.as_str() {
        "employee" | "staff" | "worker" | "person" | "people" | "member" | "head" | "fte" => {
            ("people", "employees")
        }
        "location" | "store" | "shop" | "outlet" | "branch" | "restaurant" | "salon" | "clinic"
        | "office" | "site" => ("stores", "stores"),
        "year" => ("years", "years"),
        "month" => ("months", "months"),
        "sq" | "sqft" | "square" => ("sqft", "area"),
        "acre" => ("acres", "area"),
        "follower" | "subscriber" => ("followers", "followers"),
        "client" | "customer" => ("customers", "customers"),
        "student" => ("students", "students"),
        "patient" => ("patients", "patients"),
        "unit" | "door" | "apartment" | "property" | "home" | "house" => ("units", "units"),
        "bed" => ("beds", "beds"),
        "truck" | "vehicle" | "car" => ("vehicles", "vehicles"),
        _ => {
            return (format!("{w}s"), format!("{w}s"));
        }
    };
    (unit.to_string(), attr.to_string())
}

/// "twice a week", "at least 3 times a month", "once per week or more".
fn frequency_en(ctx: &mut Ctx) {
    let words = ctx.words();
    let w = |i: usize| words.get(i).map(|x| x.2.as_str()).unwrap_or("");
    let mut out = Vec::new();
    for k in 0..words.len() {
        let (count, unit_k) = match w(k) {
            "once" => (1.0, k + 1),
            "twice" => (2.0, k + 1),
            "thrice" => (3.0, k + 1),
            x => match (
                x.parse::<f64>().ok().or_else(|| english_word_number(x)),
                w(k + 1),
            ) {
                (Some(n), "times" | "days") => (n, k + 2),
                _ => continue,
            },
        };
        if !matches!(w(unit_k), "a" | "per" | "every" | "each") {
            continue;
        }
        let unit = match w(unit_k + 1) {
            "week" => "per_week",
            "month" => "per_month",
            "day" => "per_day",
            "year" => "per_year",
            _ => continue,
        };
        let mut start = words[k].0;
        let mut end = words[unit_k + 1].1;
        let mut op = Op::Eq;
        let pre = if k >= 2 {
            format!("{} {}", w(k - 2), w(k - 1))
        } else {
            String::new()
        };
        if pre.ends_with("at least") || pre.ends_with("more than") {
            op = if pre.ends_with("at least") {
                Op::Ge
            } else {
                Op::Gt
            };
            start = words[k - 2].0;
        } else if k >= 1 && matches!(w(k - 1), "over") {
            op = Op::Gt;
            start = words[k - 1].0;
        }
        if matches!((w(unit_k + 2), w(unit_k + 3)), ("or", "more")) {
            op = Op::Ge;
            end = words[unit_k + 3].1;
        }
        out.push((start, end, op, count, unit));
    }
    for (start, end, op, v, unit) in out {
        if ctx.free(start, end) {
            ctx.push_surface(start, end, 1.0, |_| Value::Numeric {
                op,
                value: v,
                max: None,
                unit: unit.into(),
                attribute: unit.into(),
            });
        }
    }
}

/// The currency code and prefix length written just before character `s`.
fn currency_before(ctx: &Ctx, s: usize) -> Option<(&'static str, usize)> {
    let c = |i: usize| {
        if s >= i {
            ctx.chars.get(s - i).copied()
        } else {
            None
        }
    };
    match c(1)? {
        '£' => Some(("GBP", 1)),
        '€' => Some(("EUR", 1)),
        '¥' | '￥' => Some(("JPY", 1)),
        '$' => match (c(3), c(2)) {
            (Some('u'), Some('s')) => Some(("USD", 3)),
            (Some('a'), Some('u')) => Some(("AUD", 3)),
            (Some('n'), Some('z')) => Some(("NZD", 3)),
            (_, Some('a')) if c(3).is_none_or(|x| !x.is_alphabetic()) => Some(("AUD", 2)),
            (_, Some('c')) if c(3).is_none_or(|x| !x.is_alphabetic()) => Some(("CAD", 2)),
            _ => Some(("USD", 1)),
        },
        _ => None,
    }
}

pub(super) fn english(ctx: &mut Ctx) {
    frequency_en(ctx);
    let words = ctx.words();
    let n = words.len();
    let mut k = 0;
    while k < n {
        let (s, e, ref w) = words[k];
        if !ctx.free(s, e) {
            k += 1;
            continue;
        }
        // currency written before the number: $, US$, A$, C$, £, €, ¥
        let currency = currency_before(ctx, s);
        let dollar = currency.is_some() || w.starts_with('$');
        // "1. Homeowners": a list number, not a quantity
        let line_start = ctx.chars[..s]
            .iter()
            .rev()
            .take_while(|c| **c != '\n')
            .all(|c| c.is_whitespace());
        if line_start && e < ctx.len() && matches!(ctx.chars[e], '.' | ')') {
            k += 1;
            continue;
        }
        let parsed =
            parse_english(w).or_else(|| english_word_number(w).filter(|_| k > 0).map(|v| (v, 1.0)));
        let Some((mut v, mut scale)) = parsed else {
            k += 1;
            continue;
        };
        if english_word_number(w).is_some() && matches!(w.as_str(), "a" | "an" | "one") {
            k += 1;
            continue;
        }
        let mut last = k;
        if let Some(sc) = words.get(k + 1).and_then(|x| english_scale(&x.2)) {
            scale *= sc;
            last = k + 1;
        }
        v *= scale;
        let word = |i: usize| words.get(i).map(|x| x.2.as_str());
        let prevw = |d: usize| if k >= d { word(k - d) } else { None };
        let mut start = currency.map_or(s, |(_, len)| s - len);
        let mut op = Op::Eq;
        let mut max = None;
        // prefix comparators
        let two = match (prevw(2), prevw(1)) {
            (Some(a), Some(b)) => format!("{a} {b}"),
            _ => String::new(),
        };
        for c in COMPARISONS_EN.iter().filter(|c| c.before) {
            let hit = if c.len > 1 {
                two.ends_with(c.words)
            } else {
                prevw(1) == Some(c.words)
            };
            if hit {
                op = c.op;
                if k >= c.len {
                    start = words[k - c.len].0;
                }
                break;
            }
        }
        let mut end = words[last].1;
        let mut next = last + 1;
        // ranges: N to M, N-M, between N and M
        let joiner = word(next);
        let dash = end < ctx.len()
            && matches!(ctx.chars[end], '-' | '〜')
            && word(next).and_then(parse_english).is_some();
        if matches!(joiner, Some("to") | Some("and") | Some("through")) || dash {
            let idx = if dash { next } else { next + 1 };
            if let Some((v2, sc2)) = word(idx).and_then(parse_english) {
                let mut m = v2 * sc2;
                // $10-50M: the second number's scale applies to a bare first
                if scale == 1.0 && sc2 > 1.0 {
                    v *= sc2;
                }
                let mut li = idx;
                if let Some(sc) = word(idx + 1).and_then(english_scale) {
                    m *= sc;
                    li = idx + 1;
                    if scale == 1.0 {
                        v *= sc;
                    }
                }
                if m > v && (op == Op::Eq || op == Op::Between) {
                    op = Op::Between;
                    max = Some(m);
                    end = words[li].1;
                    next = li + 1;
                }
            }
        } else if op == Op::Between {
            op = Op::Eq;
        }
        // suffix comparators: "or more", "and up"
        let suffix = |a: &str, b: &str| {
            COMPARISONS_EN
                .iter()
                .find(|c| !c.before && c.words.split_once(' ') == Some((a, b)))
                .map(|c| c.op)
        };
        let plus = end < ctx.len() && ctx.chars[end] == '+';
        if plus {
            op = Op::Ge;
            end += 1;
        }
        // unit: the noun after the number (possibly after the suffix comparator)
        let mut unit: Option<(String, String, usize)> = None;
        let try_unit = |i: usize, unit: &mut Option<(String, String, usize)>| {
            if let Some(u) = word(i) {
                if u.chars().all(|c| c.is_alphabetic() || c == '-') && !EN_STOP.contains(&u) {
                    let (un, at) = en_unit(u);
                    let mut ue = words[i].1;
                    if matches!(u, "sq" | "square")
                        && matches!(word(i + 1), Some("ft") | Some("feet") | Some("foot"))
                    {
                        ue = words[i + 1].1;
                    }
                    *unit = Some((un, at, ue));
                } else if matches!(u, "years" | "year") {
                    *unit = Some(("years".into(), "years".into(), words[i].1));
                }
            }
        };
        if let (Some(a), Some(b)) = (word(next), word(next + 1)) {
            if let Some(o) = suffix(a, b) {
                op = o;
                end = words[next + 1].1;
                try_unit(next + 2, &mut unit);
            }
        }
        if unit.is_none() {
            try_unit(next, &mut unit);
            if let (Some((_, _, ue)), Some(a), Some(b)) =
                (unit.as_ref(), word(next + 1), word(next + 2))
            {
                if let Some(o) = suffix(a, b) {
                    op = o;
                    let _ = ue;
                    unit = unit.map(|(u, at, _)| (u, at, words[next + 2].1));
                }
            }
        }
        let is_year = !dollar
            && (1900.0..=2100.0).contains(&v)
            && v.fract() == 0.0
            && matches!(
                prevw(1),
                Some("before")
                    | Some("after")
                    | Some("since")
                    | Some("in")
                    | Some("from")
                    | Some("until")
            );
        let (unit_s, attr, uend) = if dollar {
            let mut attr = "amount".to_string();
            let around: String = ctx.chars[start.saturating_sub(24)..(end + 24).min(ctx.len())]
                .iter()
                .collect();
            if around.contains("revenue")
                || around.contains("sales")
                || around.contains("turnover")
                || around.contains("turning over")
                || around.contains(" arr")
            {
                attr = "annual_revenue".into();
            } else if around.contains("income")
                || around.contains("salary")
                || around.contains("earn")
            {
                attr = "annual_income".into();
            } else if around.contains("asset") || around.contains("net worth") {
                attr = "assets".into();
            }
            let ue = unit
                .as_ref()
                .filter(|u| matches!(u.0.as_str(), "revenues" | "sales" | "incomes"))
                .map_or(end, |u| u.2);
            (currency.map_or("USD", |(c, _)| c).to_string(), attr, ue)
        } else if is_year {
            ("year".to_string(), "year".to_string(), end)
        } else if let Some((u, at, ue)) = unit {
            if matches!(u.as_str(), "yens") {
                ("JPY".to_string(), "amount".to_string(), ue)
            } else {
                (u, at, ue)
            }
        } else {
            k += 1;
            continue;
        };
        let end = uend.max(end);
        // "5 or more dentists": a role read as a word is here the counted unit
        if !ctx.free(start, end) {
            let counted: Vec<usize> = ctx
                .found
                .iter()
                .enumerate()
                .filter(|(_, f)| {
                    matches!(
                        f.value,
                        Value::Role { .. } | Value::Industry { .. } | Value::Interest { .. }
                    ) && f.start >= start
                        && f.end <= end
                        && f.start > s
                })
                .map(|(i, _)| i)
                .collect();
            for i in counted.into_iter().rev() {
                let f = ctx.found.remove(i);
                for t in &mut ctx.taken[f.start..f.end] {
                    *t = false;
                }
            }
        }
        if ctx.free(start, end) {
            ctx.push_surface(start, end, 1.0, |_| Value::Numeric {
                op,
                value: v,
                max,
                unit: unit_s,
                attribute: attr,
            });
        }
        while k < n && words[k].0 < end {
            k += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row of the comparisons reads (a bad one panics), with its length in words.
    #[test]
    fn comparisons_read() {
        let find = |before: bool, words: &str| {
            COMPARISONS_EN
                .iter()
                .find(|c| c.before == before && c.words == words)
                .map(|c| (c.len, c.op))
        };
        assert_eq!(find(true, "at least"), Some((2, Op::Ge)));
        assert_eq!(find(true, "over"), Some((1, Op::Gt)));
        assert_eq!(find(false, "or more"), Some((2, Op::Ge)));
        assert_eq!(find(false, "over"), None);
    }
}
