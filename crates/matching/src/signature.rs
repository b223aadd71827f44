//! A member as matching sees them: who they are (`own`) and who they know (`circles`).

use antenna_ask::{Op, Relation, Value};
use serde::{Deserialize, Serialize};

use crate::profile::{Area, Profile};

/// A member described for matching.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MemberSignature {
    pub member_id: i64,
    /// Who the member is: from their profile attributes (all visibilities — private ones count for
    /// matching) plus criteria read from their title/industry/company text.
    pub own: Vec<Value>,
    /// Who the member knows: criteria read by the coach from their circles (「世田谷区の商店会」→
    /// location 世田谷区; 「フットサルチームを運営」→ interest futsal) and from their "offer" text.
    pub circles: Vec<Value>,
    /// Birth year, for age matching of `own` (None if unknown).
    pub birth_year: Option<i32>,
}

fn location(area: &Area, relation: Relation) -> Value {
    Value::Location {
        name: area.place_name().to_string(),
        level: area.level(),
        relation,
    }
}

/// The member's signature: profile attributes as values, then the criteria read from their own
/// texts (title, industry, company) and from their circles and offer.
///
/// Every attribute counts whatever its visibility: matching and counts use private attributes too;
/// hiding them on display is the web layer's job. The mapping:
/// gender → [`Value::Gender`]; residence → [`Value::Location`] (lives) and work area →
/// [`Value::Location`] (works), named by municipality when given, else prefecture; interests →
/// [`Value::Interest`]; life stages → [`Value::LifeStage`]; company size → `Numeric` employees
/// (`= n people`); office area → `Numeric` office_area (`= n tsubo`).
pub fn signature_from_profile(
    member_id: i64,
    profile: &Profile,
    own_text_criteria: Vec<Value>,
    circle_criteria: Vec<Value>,
) -> MemberSignature {
    let mut own = Vec::new();
    if let Some(g) = &profile.gender {
        own.push(Value::Gender(g.value));
    }
    if let Some(a) = &profile.residence {
        own.push(location(&a.value, Relation::Lives));
    }
    if let Some(a) = &profile.work_area {
        own.push(location(&a.value, Relation::Works));
    }
    if let Some(i) = &profile.interests {
        own.extend(
            i.value
                .iter()
                .filter(|t| !t.topic.trim().is_empty())
                .map(|t| Value::Interest {
                    topic: t.topic.clone(),
                    intensity: t.intensity,
                }),
        );
    }
    if let Some(s) = &profile.life_stages {
        own.extend(
            s.value
                .iter()
                .filter(|s| !s.trim().is_empty())
                .map(|s| Value::LifeStage { stage: s.clone() }),
        );
    }
    if let Some(n) = &profile.company_size {
        own.push(Value::Numeric {
            op: Op::Eq,
            value: n.value as f64,
            max: None,
            unit: "people".into(),
            attribute: "employees".into(),
        });
    }
    if let Some(t) = &profile.office_tsubo {
        own.push(Value::Numeric {
            op: Op::Eq,
            value: t.value,
            max: None,
            unit: "tsubo".into(),
            attribute: "office_area".into(),
        });
    }
    own.extend(own_text_criteria);
    MemberSignature {
        member_id,
        own,
        circles: circle_criteria,
        birth_year: profile.birth_year.as_ref().map(|b| b.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{Attr, InterestAttr, Visibility};
    use antenna_ask::{Gender, Intensity, Level};

    fn private<T>(value: T) -> Option<Attr<T>> {
        Some(Attr {
            value,
            visibility: Visibility::Private,
        })
    }

    #[test]
    fn every_profile_attribute_becomes_a_value_private_ones_included() {
        let p = Profile {
            gender: private(Gender::Female),
            birth_year: private(1985),
            residence: private(Area {
                prefecture: "東京都".into(),
                municipality: Some("世田谷区".into()),
            }),
            work_area: private(Area {
                prefecture: "神奈川県".into(),
                municipality: None,
            }),
            interests: private(vec![InterestAttr {
                topic: "futsal".into(),
                intensity: Intensity::High,
            }]),
            life_stages: private(vec!["working_mother".into()]),
            company_size: private(12),
            office_tsubo: private(30.0),
        };
        let s = signature_from_profile(
            7,
            &p,
            vec![Value::Role { role: "ceo".into() }],
            vec![Value::Other { text: "x".into() }],
        );
        assert_eq!(s.member_id, 7);
        assert_eq!(s.birth_year, Some(1985));
        assert_eq!(s.own[0], Value::Gender(Gender::Female));
        assert_eq!(
            s.own[1],
            Value::Location {
                name: "世田谷区".into(),
                level: Level::Ward,
                relation: Relation::Lives
            }
        );
        assert_eq!(
            s.own[2],
            Value::Location {
                name: "神奈川県".into(),
                level: Level::Prefecture,
                relation: Relation::Works
            }
        );
        assert_eq!(
            s.own[3],
            Value::Interest {
                topic: "futsal".into(),
                intensity: Intensity::High
            }
        );
        assert_eq!(
            s.own[4],
            Value::LifeStage {
                stage: "working_mother".into()
            }
        );
        assert!(
            matches!(&s.own[5], Value::Numeric { attribute, value, .. } if attribute == "employees" && *value == 12.0)
        );
        assert!(
            matches!(&s.own[6], Value::Numeric { unit, value, .. } if unit == "tsubo" && *value == 30.0)
        );
        assert_eq!(s.own[7], Value::Role { role: "ceo".into() });
        assert_eq!(s.own.len(), 8);
        assert_eq!(s.circles, vec![Value::Other { text: "x".into() }]);
    }

    #[test]
    fn an_empty_profile_gives_only_the_text_criteria() {
        let s = signature_from_profile(
            1,
            &Profile::default(),
            vec![],
            vec![Value::Interest {
                topic: "golf".into(),
                intensity: Intensity::Normal,
            }],
        );
        assert!(s.own.is_empty());
        assert_eq!(s.circles.len(), 1);
        assert_eq!(s.birth_year, None);
    }
}
