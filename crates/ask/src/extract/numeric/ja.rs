//! Japanese numeric conditions: 30坪以上, 月収100万円以上, 従業員50〜200名,
//! 築30年以上, 週3回以上, 1億2千万円.

use std::sync::LazyLock;

use crate::extract::number::parse_at;
use crate::extract::{symbol, Ctx};
use crate::tokens::Pos;
use crate::types::{Op, Value};

/// Japanese counters and units, with their ids.
static UNITS_JA: LazyLock<Vec<(&'static str, &'static str)>> =
    table!("units_ja.tsv", |r| Some((*r.first()?, *r.get(1)?)));
/// What the number measures, from the word just before it.
static ATTRS_JA: LazyLock<Vec<(&'static str, &'static str)>> =
    table!("attributes_ja.tsv", |r| Some((*r.first()?, *r.get(1)?)));
/// Comparisons after the number or its unit (以上, 未満, 程度).
static COMPARISONS_JA: LazyLock<Vec<(&'static str, Op)>> = table!("comparisons_ja.tsv", |r| Some(
    (*r.first()?, symbol(r.get(1)?)?)
));

fn op_after_ja(ctx: &Ctx, j: usize) -> Option<(Op, usize)> {
    COMPARISONS_JA
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

fn number_ja(ctx: &Ctx, i: usize) -> Option<crate::extract::number::Number> {
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

pub(super) fn japanese(ctx: &mut Ctx) {
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
    ctx.push_surface(start, end, 1.0, |_| Value::Numeric {
        op,
        value,
        max,
        unit: unit.to_string(),
        attribute: attribute.to_string(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row of the tables reads (a bad one panics).
    #[test]
    fn tables_read() {
        assert!(UNITS_JA.contains(&("坪", "tsubo")));
        assert!(ATTRS_JA.contains(&("従業員", "employees")));
        assert!(COMPARISONS_JA.contains(&("以上", Op::Ge)));
        assert!(COMPARISONS_JA.contains(&("未満", Op::Lt)));
    }
}
