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
pub enum Gender {
    Male,
    Female,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
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
pub enum Relation {
    Lives,
    Works,
    From,
    Any,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Intensity {
    Normal,
    High,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
pub enum NamedType {
    Person,
    Organization,
}

/// What a criterion says, by kind. Serialized as `"kind"` and `"value"`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
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
    /// The contract's `kind` string.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Gender(_) => "gender",
            Value::Age { .. } => "age",
            Value::Location { .. } => "location",
            Value::Role { .. } => "role",
            Value::Industry { .. } => "industry",
            Value::Interest { .. } => "interest",
            Value::LifeStage { .. } => "life_stage",
            Value::Skill { .. } => "skill",
            Value::Desire { .. } => "desire",
            Value::Numeric { .. } => "numeric",
            Value::Named { .. } => "named",
            Value::Other { .. } => "other",
        }
    }
}

/// One condition read from the ask: what it says and where it stands in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    #[serde(flatten)]
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
pub struct Specificity {
    pub bits: f64,
    pub share: f64,
    pub band: Band,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Reach {
    pub members: u32,
    pub acquaintances_each: u32,
    pub expected_people: f64,
}

/// The whole answer for one ask.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    pub text: String,
    pub lang: Lang,
    pub criteria: Vec<Criterion>,
    pub findings: Vec<Finding>,
    pub specificity: Specificity,
    pub reach: Reach,
}
