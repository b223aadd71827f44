//! The plain data an ask check produces (the contract of `shared/docs/ask-json.md`).
//!
//! Everything here is a value type with no behaviour beyond (de)serialization,
//! so that the web layer, routing and seating consume a [`Reading`] as it is,
//! without parsing the ask again.

use serde::{Deserialize, Serialize};

/// The language an ask is written in; findings answer in the same language.
/// (Defined in `antenna-i18n`, serialized as `"ja"` / `"en"`.)
pub use antenna_i18n::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Gender {
    Male,
    Female,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Level {
    Country,
    Prefecture,
    City,
    Ward,
    Area,
    Other,
}

/// How the person relates to a place: lives there, works there, comes from there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Relation {
    Lives,
    Works,
    From,
    Any,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Intensity {
    Normal,
    High,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Op {
    #[serde(rename = ">=")]
    Ge,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "=")]
    Eq,
    #[serde(rename = "between")]
    Between,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum NamedType {
    Person,
    Organization,
}

/// What a criterion says, by kind. Serialized as `"kind"` and `"value"`; the
/// kind's name is the same in [`Value::kind`] (strum).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, strum::IntoStaticStr)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "openapi",
    schema(as = CriterionValue, description = "What a criterion says: `kind`, and its `value` by kind.")
)]
pub enum Value {
    Gender(Gender),
    Age {
        min: Option<u32>,
        max: Option<u32>,
    },
    Location {
        name: String,
        level: Level,
        relation: Relation,
    },
    Role {
        role: String,
    },
    Industry {
        industry: String,
    },
    Interest {
        topic: String,
        intensity: Intensity,
    },
    LifeStage {
        stage: String,
    },
    Skill {
        skill: String,
    },
    Desire {
        phrase: String,
    },
    Numeric {
        op: Op,
        value: f64,
        #[serde(skip_serializing_if = "Option::is_none", default)]
        max: Option<f64>,
        unit: String,
        attribute: String,
    },
    Named {
        name: String,
        #[serde(rename = "type")]
        kind: NamedType,
    },
    Other {
        text: String,
    },
}

impl Value {
    /// The contract's `kind` string (`life_stage`, …), as serialized.
    pub fn kind(&self) -> &'static str {
        self.into()
    }
}

/// One condition read from the ask: what it says and where it stands in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Criterion {
    #[serde(flatten)]
    // `r#`: utoipa takes a type named plain `Value` for any JSON value.
    #[cfg_attr(feature = "openapi", schema(value_type = r#Value))]
    pub value: Value,
    /// Exactly `text[span]`, in Unicode scalar values.
    pub surface: String,
    /// Character offsets, end exclusive.
    pub span: [usize; 2],
    /// A short label for chips (「30代」「世田谷区」「フットサル」), in the ask's language.
    pub label: String,
    /// This criterion's own share of the reference population (before combining).
    pub share: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum FindingCode {
    NoCondition,
    NearUniversal,
    Unquantified,
    TooNarrow,
    NotAPerson,
    /// A near-universal or vague part inside an otherwise clear ask: harmless, worth trimming.
    WeakCondition,
}

/// A problem a person should fix, with a concrete suggestion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Finding {
    pub code: FindingCode,
    pub span: Option<[usize; 2]>,
    pub message: String,
    pub suggestion: String,
}

/// How specific an ask is. Its name (`thin`, …) is the same in JSON
/// (serde), in [`Band::as_str`] and `Display`, and in the store (strum).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::Display,
    strum::VariantArray,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(description = "How specific an ask is."))]
pub enum Band {
    Thin,
    Fuzzy,
    Clear,
    Narrow,
}

impl Band {
    /// `thin`, `fuzzy`, `clear` or `narrow`.
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Specificity {
    pub bits: f64,
    pub share: f64,
    pub band: Band,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reach {
    pub members: u32,
    pub acquaintances_each: u32,
    pub expected_people: f64,
}

/// The whole answer for one ask.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reading {
    pub text: String,
    pub lang: Lang,
    pub criteria: Vec<Criterion>,
    pub findings: Vec<Finding>,
    pub specificity: Specificity,
    pub reach: Reach,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `kind()` is the `"kind"` the contract serializes, for every kind.
    #[test]
    fn kind_is_the_serialized_kind() {
        let s = String::new;
        let values = [
            Value::Gender(Gender::Female),
            Value::Age {
                min: None,
                max: Some(30),
            },
            Value::Location {
                name: s(),
                level: Level::Ward,
                relation: Relation::Any,
            },
            Value::Role { role: s() },
            Value::Industry { industry: s() },
            Value::Interest {
                topic: s(),
                intensity: Intensity::High,
            },
            Value::LifeStage { stage: s() },
            Value::Skill { skill: s() },
            Value::Desire { phrase: s() },
            Value::Numeric {
                op: Op::Ge,
                value: 1.0,
                max: None,
                unit: s(),
                attribute: s(),
            },
            Value::Named {
                name: s(),
                kind: NamedType::Person,
            },
            Value::Other { text: s() },
        ];
        let mut kinds = Vec::new();
        for v in &values {
            let json = serde_json::to_value(v).unwrap();
            assert_eq!(json["kind"], v.kind(), "{v:?}");
            kinds.push(v.kind());
        }
        kinds.dedup();
        assert_eq!(kinds.len(), 12);
        assert!(kinds.contains(&"life_stage"));
    }
}
