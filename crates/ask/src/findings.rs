//! Findings: what makes an ask thin, in the ask's own language, each with a
//! concrete fix in the spirit of the seed article (「◯◯に住んでいる30代の男性」,
//! 「廃人レベルのゲーム好き」, 「30坪以上のオフィスの社長」).

use crate::extract::{Flag, FlagKind, Found};
use crate::lexicon::{Lexicon, Marker, TraitKind};
use crate::messages::MSG;
use crate::types::{Band, Finding, FindingCode, Lang, Value};

/// A criterion that fits this share of people or more is near-universal.
pub const NEAR_UNIVERSAL_SHARE: f64 = 0.4;

/// The dimensions an ask can add, in the order a coach suggests them.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dim {
    Place,
    Age,
    Role,
    Trait,
    Number,
}

fn missing_dims(found: &[Found]) -> Vec<Dim> {
    let has = |p: fn(&Value) -> bool| found.iter().any(|f| p(&f.value));
    let mut v = Vec::new();
    if !has(|v| matches!(v, Value::Location { .. })) {
        v.push(Dim::Place);
    }
    if !has(|v| matches!(v, Value::Age { .. })) {
        v.push(Dim::Age);
    }
    if !has(|v| {
        matches!(
            v,
            Value::Role { .. } | Value::Industry { .. } | Value::LifeStage { .. }
        )
    }) {
        v.push(Dim::Role);
    }
    if !has(|v| {
        matches!(
            v,
            Value::Interest { .. } | Value::Skill { .. } | Value::Desire { .. }
        )
    }) {
        v.push(Dim::Trait);
    }
    if !has(|v| matches!(v, Value::Numeric { .. })) {
        v.push(Dim::Number);
    }
    v
}

/// The catalogue key of a dimension's text.
fn dim_key(d: Dim) -> &'static str {
    match d {
        Dim::Place => "dim.place",
        Dim::Age => "dim.age",
        Dim::Role => "dim.role",
        Dim::Trait => "dim.trait",
        Dim::Number => "dim.number",
    }
}

fn add_dims(found: &[Found], lang: Lang, n: usize) -> String {
    let sep = MSG.get(lang, "dim.sep");
    let mut dims = String::new();
    for (i, d) in missing_dims(found).into_iter().take(n).enumerate() {
        if i > 0 {
            dims.push_str(sep);
        }
        dims.push_str(MSG.get(lang, dim_key(d)));
    }
    MSG.fill(lang, "dim.add", &[("dims", &dims)])
}

/// The catalogue key of the fix for a vague word, by the trait's dimension.
fn fix_key(dim: &str) -> &'static str {
    match dim {
        "age" => "fix.age",
        "income" => "fix.income",
        "revenue" => "fix.revenue",
        "company_size" | "employees" => "fix.company_size",
        "assets" => "fix.assets",
        "followers" => "fix.followers",
        "years" => "fix.years",
        "frequency" => "fix.frequency",
        _ => "fix.other",
    }
}

#[allow(clippy::too_many_arguments)]
pub fn findings(
    lex: &Lexicon,
    lang: Lang,
    text: &str,
    found: &[Found],
    flags: &[Flag],
    band: Band,
    named: bool,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let span = |a: usize, b: usize| Some([a, b]);
    let surface = |a: usize, b: usize| text.chars().skip(a).take(b - a).collect::<String>();
    let strong: Vec<&Found> = found.iter().filter(|f| !f.weak).collect();
    let clear = matches!(band, Band::Clear | Band::Narrow);
    // a vague word is only harmless beside at least two real conditions
    let well_specified = clear && strong.len() >= 2;
    // 誰でも: anyone will do
    let anyone = flags
        .iter()
        .find(|f| matches!(f.kind, FlagKind::Marker(Marker::Anyone)));
    let sale = flags
        .iter()
        .find(|f| matches!(f.kind, FlagKind::Marker(Marker::Sale)));
    let traits: Vec<&Flag> = flags
        .iter()
        .filter(|f| matches!(f.kind, FlagKind::Trait(_)))
        .collect();
    // 誰でも always says "anyone will do"; English "anyone who…" is often just a frame
    let anyone = anyone.filter(|_| lang == Lang::Ja || !clear || strong.is_empty());
    if let Some(a) = anyone {
        {
            let s = surface(a.start, a.end);
            out.push(Finding {
                code: FindingCode::NoCondition,
                span: span(a.start, a.end),
                message: MSG.fill(lang, "finding.anyone", &[("s", &s)]),
                suggestion: add_dims(found, lang, 3),
            });
        }
    } else if strong.is_empty() && sale.is_none() {
        out.push(Finding {
            code: FindingCode::NoCondition,
            span: None,
            message: MSG.get(lang, "finding.no_condition").to_string(),
            suggestion: add_dims(found, lang, 3),
        });
    }
    // near-universal and unquantified traits
    for f in &traits {
        let FlagKind::Trait(t) = f.kind else { continue };
        let tr = &lex.traits[t];
        let s = surface(f.start, f.end);
        let (code, message, suggestion) = match tr.kind {
            TraitKind::NearUniversal => (
                FindingCode::NearUniversal,
                MSG.fill(
                    lang,
                    "finding.trait_near_universal",
                    &[("s", &s), ("pct", &format_args!("{:.0}", tr.share * 100.0))],
                ),
                add_dims(found, lang, 2),
            ),
            TraitKind::Unquantified => (
                FindingCode::Unquantified,
                MSG.fill(lang, "finding.unquantified", &[("s", &s)]),
                MSG.get(lang, fix_key(&tr.dimension)).to_string(),
            ),
        };
        let overlaps_weak_desire = found
            .iter()
            .any(|g| g.weak && g.start < f.end && f.start < g.end);
        if overlaps_weak_desire {
            continue;
        }
        out.push(weak_if(
            well_specified,
            Finding {
                code,
                span: span(f.start, f.end),
                message,
                suggestion,
            },
            lang,
        ));
    }
    // near-universal criteria: 美容に興味, お金を稼ぎたい
    for f in found {
        let near = f.weak
            || (matches!(
                f.value,
                Value::Interest {
                    intensity: crate::types::Intensity::Normal,
                    ..
                } | Value::LifeStage { .. }
            ) && f.share >= NEAR_UNIVERSAL_SHARE);
        if !near {
            continue;
        }
        let s = surface(f.start, f.end);
        out.push(weak_if(
            well_specified,
            Finding {
                code: FindingCode::NearUniversal,
                span: span(f.start, f.end),
                message: MSG.fill(
                    lang,
                    "finding.near_universal",
                    &[
                        ("s", &s),
                        ("pct", &format_args!("{:.0}", f.share.min(0.99) * 100.0)),
                    ],
                ),
                suggestion: MSG.fill(
                    lang,
                    "finding.near_universal.fix",
                    &[("s", &s), ("add", &add_dims(found, lang, 2))],
                ),
            },
            lang,
        ));
    }
    if let Some(f) = sale {
        let s = surface(f.start, f.end);
        out.push(Finding {
            code: FindingCode::NotAPerson,
            span: span(f.start, f.end),
            message: MSG.fill(lang, "finding.not_a_person", &[("s", &s)]),
            suggestion: MSG.get(lang, "finding.not_a_person.fix").to_string(),
        });
    }
    if band == Band::Narrow && !named {
        out.push(Finding {
            code: FindingCode::TooNarrow,
            span: None,
            message: MSG.get(lang, "finding.too_narrow").to_string(),
            suggestion: MSG.get(lang, "finding.too_narrow.fix").to_string(),
        });
    }
    out
}

/// Inside an otherwise clear ask a vague part is only worth trimming.
fn weak_if(clear: bool, mut f: Finding, lang: Lang) -> Finding {
    if clear
        && matches!(
            f.code,
            FindingCode::NearUniversal | FindingCode::Unquantified
        )
    {
        f.code = FindingCode::WeakCondition;
        f.message = MSG.fill(lang, "finding.weak", &[("message", &f.message)]);
    }
    f
}
