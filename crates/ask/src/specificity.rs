//! How specific an ask is: the share of people it fits, in bits, and how many
//! such people a community can be expected to know.
//!
//! The model (documented in `docs/specificity.md`): the reference population
//! is people in Japan aged 20 and over (2020 census). Sex, age and place are
//! read jointly from the census table; every other criterion multiplies in its
//! own share, as if independent. Criteria of one kind joined in one ask are
//! alternatives (社長や役員), so their shares add up; an interest and its own
//! parent (キャンプ and アウトドア) count once, as the narrower one.

use crate::census::{AgeRange, Census};
use crate::extract::{Flag, FlagKind, Found};
use crate::lexicon::Lexicon;
use crate::types::{Band, Gender, Intensity, Op, Reach, Relation, Specificity, Value};

/// Bits below which an ask is thin: it fits more than one person in sixteen.
pub const THIN_BELOW_BITS: f64 = 4.0;
/// Bits from which an ask is clear: one person in about 45 or fewer.
pub const CLEAR_FROM_BITS: f64 = 5.5;

/// The community an ask is read for: its size, and optionally its own members' fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Community {
    pub members: u32,
    /// People each member knows well enough to introduce (Dunbar's ~150).
    pub acquaintances_each: u32,
    /// Members whose profile matches the ask, out of members with a profile.
    pub matching_members: Option<(u32, u32)>,
}

impl Default for Community {
    fn default() -> Self {
        Community {
            members: 120,
            acquaintances_each: 150,
            matching_members: None,
        }
    }
}

/// Share of an interest's followers who are as intense as 廃人レベル or 毎週末.
const HIGH_INTENSITY: f64 = 0.05;

/// Weight of the population prior against the community's own members, in members.
const PRIOR_MEMBERS: f64 = 30.0;

fn pareto(v: f64, scale: f64, alpha: f64) -> f64 {
    if v <= scale {
        1.0
    } else {
        (scale / v).powf(alpha)
    }
}

/// P(X ≥ v) for a numeric attribute.
fn tail(attribute: &str, unit: &str, v: f64) -> f64 {
    match (attribute, unit) {
        ("monthly_income", _) => pareto(v, 200_000.0, 2.4),
        ("annual_income", "USD") => pareto(v, 40_000.0, 2.0),
        ("annual_income", _) => pareto(v, 2_400_000.0, 2.4),
        ("annual_revenue", "USD" | "GBP" | "EUR" | "AUD" | "CAD" | "NZD")
        | ("amount", "USD" | "GBP" | "EUR" | "AUD" | "CAD" | "NZD") => pareto(v, 100_000.0, 0.8),
        ("annual_revenue", _) => pareto(v, 10_000_000.0, 0.8),
        ("monthly_revenue", _) => pareto(v, 1_000_000.0, 0.8),
        ("profit", _) => pareto(v, 1_000_000.0, 0.8),
        ("capital", _) => pareto(v, 3_000_000.0, 1.0),
        ("assets", "USD") => pareto(v, 50_000.0, 1.2),
        ("assets", _) => pareto(v, 5_000_000.0, 1.2),
        ("budget", _) | ("price", _) => pareto(v, 10_000.0, 0.7),
        (_, "JPY") => pareto(v, 100_000.0, 0.8),
        (_, "USD" | "GBP" | "EUR" | "AUD" | "CAD" | "NZD") => pareto(v, 1_000.0, 0.8),
        ("employees", _) | (_, "people") => pareto(v, 3.0, 1.0),
        (_, "stores") | ("stores", _) => pareto(v, 1.0, 1.6),
        (_, "tsubo") => pareto(v, 10.0, 1.2),
        (_, "sqm") => pareto(v, 33.0, 1.2),
        (_, "sqft") => pareto(v, 350.0, 1.2),
        ("building_age", _) => (-v / 25.0).exp(),
        ("company_age", _) => (-v / 30.0).exp(),
        ("experience_years", _) => (-v / 12.0).exp(),
        (_, "years") => (-v / 15.0).exp(),
        (_, "per_week") => (-v / 1.5).exp(),
        (_, "per_month") => (-v / 4.0).exp(),
        (_, "per_day") => (-v / 0.7).exp(),
        ("followers", _) | ("subscribers", _) => pareto(v, 200.0, 0.7),
        _ => pareto(v, 1.0, 0.8),
    }
}

fn numeric_factor(op: Op, v: f64, max: Option<f64>, unit: &str, attribute: &str) -> f64 {
    if unit == "year" || attribute == "year" {
        return 0.3;
    }
    let t = |x: f64| tail(attribute, unit, x);
    let f = match op {
        Op::Ge | Op::Gt => t(v),
        Op::Le | Op::Lt => 1.0 - t(v.max(1e-9) * 1.0001),
        Op::Between => t(v) - t(max.unwrap_or(v) * 1.0001),
        Op::Eq => t(v * 0.8) - t(v * 1.25),
    };
    f.clamp(0.01, 0.95)
}

/// The share of the reference population that fits all criteria and traits.
pub fn population_share(lex: &Lexicon, census: &Census, found: &[Found], flags: &[Flag]) -> f64 {
    let mut genders = Vec::new();
    let mut age: Option<AgeRange> = None;
    for f in found {
        match &f.value {
            Value::Gender(g) if !genders.contains(g) => genders.push(*g),
            // 40代・50代: several ages are one wider range
            Value::Age { min, max } => {
                age = Some(match age {
                    None => AgeRange {
                        min: *min,
                        max: *max,
                    },
                    Some(a) => AgeRange {
                        min: a.min.zip(*min).map(|(x, y)| x.min(y)),
                        max: a.max.zip(*max).map(|(x, y)| x.max(y)),
                    },
                })
            }
            _ => {}
        }
    }
    let stage_gender: Option<Gender> = found.iter().find_map(|f| match f.value {
        Value::LifeStage { .. } => f.concept.and_then(|c| lex.life_stages[c].gender),
        _ => None,
    });
    let sex = if genders.len() == 1 {
        Some(genders[0])
    } else {
        None
    };
    // Place × sex × age, jointly where the census has the place.
    let mut groups: Vec<(Relation, f64)> = Vec::new();
    for f in found {
        let Value::Location { relation, .. } = &f.value else {
            continue;
        };
        let place_share = match f.concept.map(|p| &lex.places[p]) {
            Some(p)
                if p.code5.as_deref().is_some_and(|c| census.has_area(c)) && f.share == p.share =>
            {
                census.share(p.code5.as_deref().unwrap_or(""), sex, age)
            }
            _ => f.share * census.demographic_share(sex, age),
        };
        match groups.iter_mut().find(|(r, _)| r == relation) {
            Some((_, s)) => *s += place_share,
            None => groups.push((*relation, place_share)),
        }
    }
    let demo = census.demographic_share(sex, age);
    let mut share = match groups.first() {
        Some((_, s)) => s.min(demo),
        None => demo,
    };
    for (_, s) in groups.iter().skip(1) {
        share *= (s / demo.max(1e-12)).min(1.0);
    }
    // Other kinds: alternatives within a kind add up, kinds multiply.
    let has_role = found.iter().any(|f| matches!(f.value, Value::Role { .. }));
    let sum_kind = |pred: &dyn Fn(&Found) -> bool, factor: &dyn Fn(&Found) -> f64| -> Option<f64> {
        let v: Vec<f64> = found.iter().filter(|f| pred(f)).map(factor).collect();
        (!v.is_empty()).then(|| v.iter().sum::<f64>().min(0.95))
    };
    if let Some(s) = sum_kind(&|f| matches!(f.value, Value::Role { .. }), &|f| f.share) {
        share *= s;
    }
    if let Some(s) = sum_kind(&|f| matches!(f.value, Value::Industry { .. }), &|f| {
        if has_role {
            // roles cluster in their trades (医師 in 病院): partial dependence
            f.share.sqrt()
        } else {
            f.share * 0.6
        }
    }) {
        share *= s;
    }
    let interests: Vec<&Found> = found
        .iter()
        .filter(|f| matches!(f.value, Value::Interest { .. }))
        .collect();
    let narrowest: Vec<&Found> = interests
        .iter()
        .copied()
        .filter(|f| {
            // drop an interest whose descendant is also named
            !interests.iter().any(|g| {
                g.concept != f.concept
                    && matches!((g.concept, f.concept), (Some(a), Some(b)) if lex.interest_within(a, b))
            })
        })
        .collect();
    if !narrowest.is_empty() {
        let s: f64 = narrowest
            .iter()
            .map(|f| match f.value {
                Value::Interest {
                    intensity: Intensity::High,
                    ..
                } => f.share * HIGH_INTENSITY,
                _ => f.share,
            })
            .sum();
        share *= s.min(0.95);
    }
    if let Some(s) = sum_kind(&|f| matches!(f.value, Value::LifeStage { .. }), &|f| {
        f.share
    }) {
        // a stage that implies the sex already asked for does not halve twice
        let implied = match (stage_gender, sex) {
            (Some(a), Some(b)) if a == b => 0.5,
            _ => 1.0,
        };
        share *= (s / implied).min(0.95);
    }
    for f in found {
        share *= match &f.value {
            Value::Numeric {
                op,
                value,
                max,
                unit,
                attribute,
            } => {
                let factor = numeric_factor(*op, *value, *max, unit, attribute);
                // a CFO or 人事部長 already implies a company of some size: count the size half
                let company_size = matches!(
                    attribute.as_str(),
                    "employees" | "annual_revenue" | "capital" | "monthly_revenue"
                );
                if company_size && has_role {
                    factor.sqrt()
                } else {
                    factor
                }
            }
            Value::Desire { .. } | Value::Skill { .. } | Value::Other { .. } => f.share,
            Value::Named { .. } => f.share,
            _ => 1.0,
        };
    }
    for fl in flags {
        if let FlagKind::Trait(t) = fl.kind {
            let covered = found
                .iter()
                .any(|f| f.weak && f.start < fl.end && fl.start < f.end);
            if !covered {
                // a vague word barely narrows: a listener cannot apply it
                share *= lex.traits[t].share.clamp(0.5, 1.0);
            }
        }
    }
    share.clamp(1e-15, 1.0)
}

/// Blends the population share with the community's own members, then scores it.
pub fn score(pop_share: f64, named: bool, community: &Community) -> (Specificity, Reach) {
    // How specific the ask is stays a property of the ask (the population share);
    // how many people the community reaches leans on its own members when known.
    let share = pop_share.clamp(1e-15, 1.0);
    let reach_share = match community.matching_members {
        Some((m, total)) if total > 0 => {
            (m as f64 + PRIOR_MEMBERS * share) / (total as f64 + PRIOR_MEMBERS)
        }
        _ => share,
    };
    let bits = -share.log2();
    let pool = community.members as f64 * community.acquaintances_each as f64;
    let expected = pool * reach_share;
    let band = if named {
        Band::Clear
    } else if expected < 1.0 {
        Band::Narrow
    } else if bits < THIN_BELOW_BITS {
        Band::Thin
    } else if bits < CLEAR_FROM_BITS {
        Band::Fuzzy
    } else {
        Band::Clear
    };
    let round = |x: f64, d: i32| (x * 10f64.powi(d)).round() / 10f64.powi(d);
    let share_out = if share >= 0.001 {
        round(share, 4)
    } else {
        (share * 1e6).round() / 1e6
    };
    (
        Specificity {
            bits: round(bits.max(0.0), 1),
            share: if share_out == 0.0 { share } else { share_out },
            band,
        },
        Reach {
            members: community.members,
            acquaintances_each: community.acquaintances_each,
            expected_people: round(expected, 1),
        },
    )
}
