//! Numeric conditions: a number, its unit, a comparison and what it measures.
//! 30坪以上, 月収100万円以上, 従業員50〜200名, 築30年以上, 週3回以上, 1億2千万円,
//! "100 to 500 employees", "over $20 million", "3 or more chairs", "before 1970".

use super::number::{english_scale, english_word_number, parse_at, parse_english};
use super::{Ctx, Found};
use crate::tokens::Pos;
use crate::types::{Lang, Op, Value};

/// Japanese counters and units, longest first where they share a prefix.
const UNITS_JA: &[(&str, &str)] = &[
    ("円", "JPY"),
    ("ドル", "USD"),
    ("坪", "tsubo"),
    ("平米", "sqm"),
    ("平方メートル", "sqm"),
    ("㎡", "sqm"),
    ("m2", "sqm"),
    ("名", "people"),
    ("人", "people"),
    ("店舗", "stores"),
    ("店", "stores"),
    ("社", "companies"),
    ("ヶ月", "months"),
    ("か月", "months"),
    ("カ月", "months"),
    ("ヵ月", "months"),
    ("ケ月", "months"),
    ("年", "years"),
    ("回", "times"),
    ("台", "units"),
    ("棟", "buildings"),
    ("部屋", "rooms"),
    ("室", "rooms"),
    ("戸", "units"),
    ("件", "cases"),
    ("床", "beds"),
    ("軒", "houses"),
    ("校", "schools"),
    ("教室", "classrooms"),
    ("拠点", "locations"),
    ("席", "seats"),
    ("時間", "hours"),
    ("%", "percent"),
    ("％", "percent"),
    ("倍", "times"),
    ("匹", "animals"),
    ("頭", "animals"),
    ("冊", "books"),
    ("本", "items"),
    ("個", "items"),
    ("枚", "items"),
    ("期", "terms"),
    ("代目", "generation"),
    ("院", "clinics"),
    ("階", "floors"),
    ("日", "days"),
    ("ha", "hectares"),
    ("ヘクタール", "hectares"),
    ("キロ", "km"),
    ("km", "km"),
];

/// What the number measures, from the word just before it.
const ATTRS_JA: &[(&str, &str)] = &[
    ("月収", "monthly_income"),
    ("年収", "annual_income"),
    ("所得", "annual_income"),
    ("年商", "annual_revenue"),
    ("月商", "monthly_revenue"),
    ("売上高", "annual_revenue"),
    ("売上", "annual_revenue"),
    ("売り上げ", "annual_revenue"),
    ("売上げ", "annual_revenue"),
    ("年間売上", "annual_revenue"),
    ("利益", "profit"),
    ("営業利益", "profit"),
    ("経常利益", "profit"),
    ("資本金", "capital"),
    ("資産", "assets"),
    ("金融資産", "assets"),
    ("総資産", "assets"),
    ("純資産", "assets"),
    ("予算", "budget"),
    ("客単価", "price"),
    ("単価", "price"),
    ("従業員数", "employees"),
    ("従業員", "employees"),
    ("社員数", "employees"),
    ("社員", "employees"),
    ("スタッフ", "employees"),
    ("職員", "employees"),
    ("従業員規模", "employees"),
    ("築", "building_age"),
    ("創業", "company_age"),
    ("設立", "company_age"),
    ("創立", "company_age"),
    ("業歴", "company_age"),
    ("経験", "experience_years"),
    ("キャリア", "experience_years"),
    ("勤続", "experience_years"),
    ("歴", "experience_years"),
    ("週", "per_week"),
    ("週に", "per_week"),
    ("毎週", "per_week"),
    ("月", "per_month"),
    ("月に", "per_month"),
    ("毎月", "per_month"),
    ("年に", "per_year"),
    ("毎年", "per_year"),
    ("1日", "per_day"),
    ("一日", "per_day"),
    ("フォロワー", "followers"),
    ("フォロワー数", "followers"),
    ("登録者", "subscribers"),
    ("登録者数", "subscribers"),
    ("チャンネル登録者", "subscribers"),
    ("会員", "members"),
    ("会員数", "members"),
    ("生徒", "students"),
    ("生徒数", "students"),
    ("顧客", "customers"),
    ("顧客数", "customers"),
    ("取引先", "customers"),
    ("店舗数", "stores"),
    ("広さ", "area"),
    ("面積", "area"),
    ("敷地", "area"),
    ("延床", "area"),
    ("オフィス", "office_area"),
    ("身長", "height"),
    ("子供", "children"),
    ("子ども", "children"),
    ("お子さん", "children"),
];

fn op_after_ja(ctx: &Ctx, j: usize) -> Option<(Op, usize)> {
    const TABLE: &[(&str, Op)] = &[
        ("以上", Op::Ge),
        ("から", Op::Ge),
        ("超え", Op::Gt),
        ("を超える", Op::Gt),
        ("を超えて", Op::Gt),
        ("を超えた", Op::Gt),
        ("を超え", Op::Gt),
        ("超えの", Op::Gt),
        ("を上回る", Op::Gt),
        ("を下回る", Op::Lt),
        ("を超えている", Op::Gt),
        ("超", Op::Gt),
        ("より多い", Op::Gt),
        ("より上", Op::Gt),
        ("以下", Op::Le),
        ("以内", Op::Le),
        ("まで", Op::Le),
        ("未満", Op::Lt),
        ("より少ない", Op::Lt),
        ("に満たない", Op::Lt),
        ("前後", Op::Eq),
        ("程度", Op::Eq),
        ("くらい", Op::Eq),
        ("ぐらい", Op::Eq),
        ("位", Op::Eq),
        ("ほど", Op::Eq),
        ("規模", Op::Eq),
        ("強", Op::Ge),
        ("弱", Op::Le),
        ("オーバー", Op::Gt),
        ("+", Op::Ge),
    ];
    TABLE
        .iter()
        .filter(|(w, _)| ctx.at(j, w))
        .max_by_key(|(w, _)| w.chars().count())
        .map(|(w, op)| (*op, j + w.chars().count()))
}

fn unit_at_ja(ctx: &Ctx, j: usize) -> Option<(&'static str, usize)> {
    UNITS_JA
        .iter()
        .filter(|(w, _)| ctx.at(j, w))
        .max_by_key(|(w, _)| w.chars().count())
        .map(|(w, u)| (*u, j + w.chars().count()))
}

fn attr_before_ja(ctx: &Ctx, i: usize) -> Option<(&'static str, usize)> {
    // allow one joining particle or space: 従業員が50名, 年商は1億円, 社員 10名
    let mut k = i;
    for p in [
        "が",
        "は",
        "の",
        ":",
        " ",
        "約",
        "およそ",
        "最低",
        "最大",
        "少なくとも",
    ] {
        if ctx.before(k, p) {
            k -= p.chars().count();
        }
    }
    for k in [i, k] {
        if let Some((w, a)) = ATTRS_JA
            .iter()
            .filter(|(w, _)| ctx.before(k, w))
            .max_by_key(|(w, _)| w.chars().count())
        {
            let s = k - w.chars().count();
            if ctx.free(s, k) || ctx.taken[s..k].iter().all(|t| !t) {
                return Some((a, s));
            }
        }
    }
    None
}

fn number_ja(ctx: &Ctx, i: usize) -> Option<super::number::Number> {
    let n = parse_at(&ctx.chars, i)?;
    if n.kanji_only && ctx.token_at(i).is_some_and(|t| t.pos != Pos::Numeral) {
        return None;
    }
    if i > 0 && (ctx.chars[i - 1].is_ascii_digit() || ctx.chars[i - 1].is_ascii_alphabetic()) {
        return None;
    }
    Some(n)
}

fn money_attr(attr: &str) -> bool {
    matches!(
        attr,
        "monthly_income"
            | "annual_income"
            | "annual_revenue"
            | "monthly_revenue"
            | "profit"
            | "capital"
            | "assets"
            | "budget"
            | "price"
    )
}

fn label_ja(op: Op, value: f64, max: Option<f64>, unit: &str, surface: &str) -> String {
    let _ = (op, value, max, unit);
    surface.to_string()
}

fn japanese(ctx: &mut Ctx) {
    let mut i = 0;
    while i < ctx.len() {
        if ctx.taken[i] {
            i += 1;
            continue;
        }
        let Some(n1) = number_ja(ctx, i) else {
            i += 1;
            continue;
        };
        let mut j = n1.end;
        let mut unit = unit_at_ja(ctx, j);
        if let Some((_, e)) = unit {
            j = e;
        }
        let mut op = Op::Eq;
        let value = n1.value;
        let mut max: Option<f64> = None;
        // a range: N〜M unit, N unit〜M unit, NからM unit
        let range_sep = ctx.at_any(j, &["〜", "-", "から", "ー", "・"]);
        let mut ranged = false;
        if let Some(k) = range_sep {
            if let Some(n2) = number_ja(ctx, j + k) {
                let mut jj = n2.end;
                let unit2 = unit_at_ja(ctx, jj);
                if let Some((u2, e)) = unit2 {
                    if unit.is_none() || unit.map(|u| u.0) == Some(u2) {
                        unit = Some((u2, e));
                        jj = e;
                    }
                }
                if unit.is_some() && n2.value > n1.value {
                    // 1000万〜1億円: the scale of the second applies to a bare first
                    op = Op::Between;
                    max = Some(n2.value);
                    j = jj;
                    ranged = true;
                    if let Some(k2) = ctx.at_any(j, &["まで", "以内", "程度", "くらい", "ぐらい"])
                    {
                        j += k2;
                    }
                }
            }
        }
        let Some((unit_id, _)) = unit else {
            // 月収100万以上 with no 円: money implied by the attribute; 週5: days a week
            if let Some((attr, s)) = attr_before_ja(ctx, i) {
                if matches!(attr, "per_week" | "per_month") && n1.value < 32.0 && !ranged {
                    let (o, e) = op_after_ja(ctx, j).unwrap_or((Op::Eq, j));
                    push_ja(ctx, s, e, o, n1.value, None, attr, attr);
                    i = e;
                    continue;
                }
                if money_attr(attr) && n1.value >= 1000.0 {
                    let (o, e) = op_after_ja(ctx, j).unwrap_or((Op::Eq, j));
                    push_ja(ctx, s, e, o, n1.value, None, "JPY", attr);
                    i = e;
                    continue;
                }
            }
            i = n1.end.max(i + 1);
            continue;
        };
        if !ranged {
            if let Some((o, e)) = op_after_ja(ctx, j) {
                // から alone is a range start unless it ends the condition
                if !(o == Op::Ge
                    && ctx.at(j, "から")
                    && ctx.at_any(e, &["の", "で", "、", "。", " "]).is_none())
                {
                    op = o;
                    j = e;
                }
            }
            // 100万円台: the hundreds of ten-thousands, a band
            if unit_id == "JPY" && ctx.at(j, "台") {
                let scale = 10f64.powi(value.log10().floor() as i32);
                op = Op::Between;
                max = Some(value + scale - 1.0);
                j += 1;
            }
        }
        if let Some(k) = ctx.before_any(i, &["最低", "少なくとも", "最低でも"]) {
            let _ = k;
            if op == Op::Eq {
                op = Op::Ge;
            }
        }
        let mut start = i;
        let attr_found = attr_before_ja(ctx, i);
        let mut attribute = unit_id.to_string();
        if let Some((a, s)) = attr_found {
            attribute = a.to_string();
            start = s;
        }
        let unit_out = match (unit_id, attribute.as_str()) {
            ("times", "per_week") => "per_week",
            ("times", "per_month") => "per_month",
            ("times", "per_year") => "per_year",
            ("times", "per_day") => "per_day",
            ("days", "per_week") => "per_week",
            ("days", "per_month") => "per_month",
            ("people", "per_week" | "per_month") => "people",
            (u, _) => u,
        };
        if unit_id == "years" && attribute == "years" {
            // 年 after a bare number is usually a duration; 2020年 is a calendar year
            if value >= 1900.0 {
                attribute = "year".into();
            }
        }
        if unit_id == "generation" {
            i = j;
            continue;
        }
        push_ja(ctx, start, j, op, value, max, unit_out, &attribute);
        i = j;
    }
}

#[allow(clippy::too_many_arguments)]
fn push_ja(
    ctx: &mut Ctx,
    start: usize,
    end: usize,
    op: Op,
    value: f64,
    max: Option<f64>,
    unit: &str,
    attribute: &str,
) {
    if !ctx.free(start, end) {
        return;
    }
    let surface = ctx.original_slice(start, end);
    let f = Found {
        start,
        end,
        value: Value::Numeric {
            op,
            value,
            max,
            unit: unit.to_string(),
            attribute: attribute.to_string(),
        },
        share: 1.0,
        label: label_ja(op, value, max, unit, &surface),
        concept: None,
        weak: false,
    };
    ctx.push(f);
}

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
            let surface = ctx.original_slice(start, end);
            ctx.push(Found {
                start,
                end,
                value: Value::Numeric {
                    op,
                    value: v,
                    max: None,
                    unit: unit.into(),
                    attribute: unit.into(),
                },
                share: 1.0,
                label: surface,
                concept: None,
                weak: false,
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

fn english(ctx: &mut Ctx) {
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
        let pre: &[(&str, Op, usize)] = &[
            ("more than", Op::Gt, 2),
            ("greater than", Op::Gt, 2),
            ("at least", Op::Ge, 2),
            ("minimum of", Op::Ge, 2),
            ("upwards of", Op::Ge, 2),
            ("fewer than", Op::Lt, 2),
            ("less than", Op::Lt, 2),
            ("up to", Op::Le, 2),
            ("at most", Op::Le, 2),
            ("no more than", Op::Le, 2),
            ("maximum of", Op::Le, 2),
            ("over", Op::Gt, 1),
            ("above", Op::Gt, 1),
            ("exceeding", Op::Gt, 1),
            ("under", Op::Lt, 1),
            ("below", Op::Lt, 1),
            ("before", Op::Lt, 1),
            ("after", Op::Gt, 1),
            ("since", Op::Ge, 1),
            ("between", Op::Between, 1),
            ("from", Op::Between, 1),
            ("around", Op::Eq, 1),
            ("about", Op::Eq, 1),
            ("approximately", Op::Eq, 1),
            ("roughly", Op::Eq, 1),
            ("min", Op::Ge, 1),
        ];
        for (p, o, len) in pre {
            let hit = if *len == 2 {
                two.ends_with(p)
            } else {
                prevw(1) == Some(p)
            };
            if hit {
                op = *o;
                let back = if *len == 2 && p.split(' ').count() == 3 {
                    3
                } else {
                    *len
                };
                let back = if p.split(' ').count() == 3 { 3 } else { back };
                if k >= back {
                    start = words[k - back].0;
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
        // suffix comparators
        let suffix: &[(&str, &str, Op)] = &[
            ("or", "more", Op::Ge),
            ("or", "greater", Op::Ge),
            ("or", "above", Op::Ge),
            ("and", "up", Op::Ge),
            ("and", "above", Op::Ge),
            ("and", "over", Op::Ge),
            ("or", "fewer", Op::Le),
            ("or", "less", Op::Le),
            ("and", "under", Op::Le),
            ("and", "below", Op::Le),
        ];
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
            if let Some((_, _, o)) = suffix.iter().find(|(x, y, _)| *x == a && *y == b) {
                op = *o;
                end = words[next + 1].1;
                try_unit(next + 2, &mut unit);
            }
        }
        if unit.is_none() {
            try_unit(next, &mut unit);
            if let (Some((_, _, ue)), Some(a), Some(b)) =
                (unit.as_ref(), word(next + 1), word(next + 2))
            {
                if let Some((_, _, o)) = suffix.iter().find(|(x, y, _)| *x == a && *y == b) {
                    op = *o;
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
            let surface = ctx.original_slice(start, end);
            let f = Found {
                start,
                end,
                value: Value::Numeric {
                    op,
                    value: v,
                    max,
                    unit: unit_s,
                    attribute: attr,
                },
                share: 1.0,
                label: surface,
                concept: None,
                weak: false,
            };
            ctx.push(f);
        }
        while k < n && words[k].0 < end {
            k += 1;
        }
    }
}

pub fn run(ctx: &mut Ctx) {
    match ctx.lang {
        Lang::Ja => japanese(ctx),
        Lang::En => english(ctx),
    }
}
