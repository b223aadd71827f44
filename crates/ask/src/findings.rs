//! Findings: what makes an ask thin, in the ask's own language, each with a
//! concrete fix in the spirit of the seed article (「◯◯に住んでいる30代の男性」,
//! 「廃人レベルのゲーム好き」, 「30坪以上のオフィスの社長」).

use crate::extract::{Flag, FlagKind, Found};
use crate::lexicon::{Lexicon, Marker, TraitKind};
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

fn dim_text(d: Dim, lang: Lang) -> &'static str {
    match (d, lang) {
        (Dim::Place, Lang::Ja) => "住んでいる・働いている場所（例：「世田谷区在住」「渋谷駅周辺で働く」）",
        (Dim::Age, Lang::Ja) => "年代（例：「30代」「40代前半」）",
        (Dim::Role, Lang::Ja) => "職業や立場（例：「飲食店のオーナー」「人事部長」「子育て中の主婦」）",
        (Dim::Trait, Lang::Ja) => "思い浮かぶ特徴（例：「フットサルが好き」「廃人レベルのゲーム好き」）",
        (Dim::Number, Lang::Ja) => "数字（例：「従業員50名以上」「30坪以上のオフィス」「月収100万円以上」）",
        (Dim::Place, Lang::En) => "where they live or work (e.g. \"living in Setagaya\", \"works near Shibuya Station\")",
        (Dim::Age, Lang::En) => "an age band (e.g. \"in their 30s\", \"early 40s\")",
        (Dim::Role, Lang::En) => "a role or situation (e.g. \"restaurant owner\", \"HR director\", \"parent of young children\")",
        (Dim::Trait, Lang::En) => "a trait people remember (e.g. \"plays futsal every weekend\", \"hardcore gamer\")",
        (Dim::Number, Lang::En) => "a number (e.g. \"50+ employees\", \"revenue over $5 million\")",
    }
}

fn add_dims(found: &[Found], lang: Lang, n: usize) -> String {
    let dims: Vec<&str> = missing_dims(found)
        .into_iter()
        .take(n)
        .map(|d| dim_text(d, lang))
        .collect();
    match lang {
        Lang::Ja => format!(
            "{}を加えると、聞いた人の頭に具体的な顔が浮かびます。",
            dims.join("、")
        ),
        Lang::En => format!(
            "Add {} so that listeners can picture someone they know.",
            dims.join(", or ")
        ),
    }
}

fn dimension_fix(dim: &str, lang: Lang) -> &'static str {
    match (dim, lang) {
        ("age", Lang::Ja) => {
            "「若い」「年配」ではなく「20代」「30代前半」のように年代で書きましょう。"
        }
        ("income", Lang::Ja) => {
            "「月収100万円以上」「年収1,000万円以上」のように金額で書きましょう。"
        }
        ("revenue", Lang::Ja) => "「年商1億円以上」のように売上の数字で書きましょう。",
        ("company_size" | "employees", Lang::Ja) => {
            "「従業員50名以上」「上場企業」のように規模を数字や区分で書きましょう。"
        }
        ("assets", Lang::Ja) => "「金融資産1億円以上」のように金額で書きましょう。",
        ("followers", Lang::Ja) => {
            "「フォロワー1万人以上」「経営者の知り合いが100人以上」のように数で書きましょう。"
        }
        ("years", Lang::Ja) => "「業歴10年以上」「創業30年以上」のように年数で書きましょう。",
        ("frequency", Lang::Ja) => "「週3回以上」のように頻度で書きましょう。",
        (_, Lang::Ja) => {
            "誰が聞いても同じ人を思い浮かべる条件（数字・場所・職業）に置き換えましょう。"
        }
        ("age", Lang::En) => "Say an age band instead: \"in their 20s\", \"early 30s\".",
        ("income", Lang::En) => "Give an amount: \"earning over $150k a year\".",
        ("revenue", Lang::En) => "Give a revenue figure: \"revenue over $5 million\".",
        ("company_size" | "employees", Lang::En) => {
            "Give a size: \"50+ employees\", \"publicly listed\"."
        }
        ("assets", Lang::En) => "Give an amount: \"over $1 million in investable assets\".",
        ("followers", Lang::En) => "Give a number: \"10k+ followers\".",
        ("years", Lang::En) => "Give a number of years: \"10+ years in business\".",
        ("frequency", Lang::En) => "Give a frequency: \"three times a week or more\".",
        (_, Lang::En) => {
            "Replace it with something everyone pictures the same way: a number, a place, a role."
        }
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
                message: match lang {
                    Lang::Ja => format!("「{s}」は広いようで、実は薄い依頼です。聞いた人は誰を思い浮かべればよいか分からず、後回しになりがちです。"),
                    Lang::En => format!("\"{s}\" looks wide but is thin: listeners have no one to picture, so the ask gets put off."),
                },
                suggestion: add_dims(found, lang, 3),
            });
        }
    } else if strong.is_empty() && sale.is_none() {
        out.push(Finding {
            code: FindingCode::NoCondition,
            span: None,
            message: match lang {
                Lang::Ja => "どんな人を紹介してほしいのか、条件がひとつもありません。".to_string(),
                Lang::En => {
                    "The ask names no condition: it does not say who you want to meet.".to_string()
                }
            },
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
                match lang {
                    Lang::Ja => format!("「{s}」はほとんど誰にでも当てはまるため、条件になっていません（およそ{:.0}%の人が当てはまります）。", tr.share * 100.0),
                    Lang::En => format!("\"{s}\" fits almost everyone (about {:.0}% of people), so it narrows nothing.", tr.share * 100.0),
                },
                add_dims(found, lang, 2),
            ),
            TraitKind::Unquantified => (
                FindingCode::Unquantified,
                match lang {
                    Lang::Ja => format!("「{s}」は程度の問題で、人によって思い浮かべる基準が違います。"),
                    Lang::En => format!("\"{s}\" is a matter of degree: each listener pictures a different threshold."),
                },
                dimension_fix(&tr.dimension, lang).to_string(),
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
                message: match lang {
                    Lang::Ja => format!(
                        "「{s}」はほとんどの人に当てはまります（およそ{:.0}%）。",
                        f.share.min(0.99) * 100.0
                    ),
                    Lang::En => format!(
                        "\"{s}\" applies to most people (about {:.0}%).",
                        f.share.min(0.99) * 100.0
                    ),
                },
                suggestion: match lang {
                    Lang::Ja => format!(
                        "「{s}」の中でも特にどんな人か、具体的に絞りましょう。{}",
                        add_dims(found, lang, 2)
                    ),
                    Lang::En => format!(
                        "Say which \"{s}\" people exactly. {}",
                        add_dims(found, lang, 2)
                    ),
                },
            },
            lang,
        ));
    }
    if let Some(f) = sale {
        let s = surface(f.start, f.end);
        out.push(Finding {
            code: FindingCode::NotAPerson,
            span: span(f.start, f.end),
            message: match lang {
                Lang::Ja => format!("「{s}」は人との出会いではなく、販売や案件を求める依頼になっています。"),
                Lang::En => format!("\"{s}\" asks for a sale or a lead, not for a person to meet."),
            },
            suggestion: match lang {
                Lang::Ja => "目の前の相手に売るのではなく、あなたのお客様とつながっている人（例：「新築を建てた人とよく会う工務店の社長」）との協力関係を依頼しましょう。".to_string(),
                Lang::En => "Instead of asking for buyers, ask for a partner who meets your customers first (e.g. \"a builder who hands over new homes every month\").".to_string(),
            },
        });
    }
    if band == Band::Narrow && !named {
        out.push(Finding {
            code: FindingCode::TooNarrow,
            span: None,
            message: match lang {
                Lang::Ja => "条件が重なりすぎて、メンバーの知り合いの中に当てはまる人がほとんどいない見込みです。".to_string(),
                Lang::En => "So many conditions together that almost nobody the members know is likely to match.".to_string(),
            },
            suggestion: match lang {
                Lang::Ja => "一番大事な条件を残し、場所を市区町村から都道府県に、年代を10歳から20歳の幅に広げるなど、ひとつ緩めてみましょう。".to_string(),
                Lang::En => "Keep the condition that matters most and relax one other: a wider area or a wider age band.".to_string(),
            },
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
        f.message = match lang {
            Lang::Ja => format!(
                "{}（ほかの条件で十分に絞れているので、削っても構いません）",
                f.message
            ),
            Lang::En => format!(
                "{} (the other conditions already narrow the ask; this part can go)",
                f.message
            ),
        };
    }
    f
}
