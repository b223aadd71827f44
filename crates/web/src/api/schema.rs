//! JSON schemas of the API's types that live in crates without utoipa: the
//! coach's [`antenna_ask::Reading`] (the contract of `docs/ask-json.md`), a
//! member's [`antenna_matching::Profile`], the CSV import preview, and the
//! error body of [`crate::error::AppError`]. These types are only described
//! here, never built; `scripts/schemathesis.sh` checks real answers against
//! them, and objects that cannot grow by accident refuse unknown fields
//! (`additionalProperties: false`), so a field added on one side only fails
//! the test command.
//!
//! Request limits here are those that `crate::validate` enforces.

// Described, never constructed: the fields exist for the derive only.
#![allow(dead_code)]

use utoipa::ToSchema;

/// The error body of every API error, in the language of `Accept-Language`
/// or the `lang` cookie.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Error {
    error: ErrorDetail,
}

#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorDetail {
    /// Stable, for programs: `invalid`, `unauthorized`, `forbidden`, `csrf`,
    /// `not_found`, `invalid_json`, `too_many_requests`…
    #[schema(example = "invalid")]
    code: String,
    /// For people, in their language.
    message: String,
    /// With `invalid`: each field's problem. Absent when there is none.
    #[serde(default)]
    fields: Vec<FieldProblem>,
}

#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldProblem {
    /// The request field (`text`, `family_name`, …) or, for CSV rows, `line N: column`.
    field: String,
    message: String,
}

// --- the coach's reading (antenna_ask) ---------------------------------------

/// The language an ask is written in; findings answer in the same language.
#[derive(ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Ja,
    En,
}

#[derive(ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    Male,
    Female,
}

#[derive(ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Country,
    Prefecture,
    City,
    Ward,
    Area,
    Other,
}

#[derive(ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    Lives,
    Works,
    From,
    Any,
}

#[derive(ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Intensity {
    Normal,
    High,
}

#[derive(ToSchema)]
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

#[derive(ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum NamedType {
    Person,
    Organization,
}

/// What a criterion says: `kind`, and its `value` by kind.
#[derive(ToSchema)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum CriterionValue {
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

/// One condition read from the ask and where it stands in the text.
#[derive(ToSchema)]
pub struct Criterion {
    #[serde(flatten)]
    value: CriterionValue,
    /// Exactly `text[span]`, in Unicode scalar values.
    surface: String,
    /// Character offsets, end exclusive.
    span: [usize; 2],
    /// A short label for chips (「30代」「世田谷区」), in the ask's language.
    label: String,
    /// This criterion's own share of the reference population.
    share: f64,
}

#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum FindingCode {
    NoCondition,
    NearUniversal,
    Unquantified,
    TooNarrow,
    NotAPerson,
    WeakCondition,
}

/// A problem a person should fix, with a concrete suggestion.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Finding {
    code: FindingCode,
    span: Option<[usize; 2]>,
    message: String,
    suggestion: String,
}

#[derive(ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Band {
    Thin,
    Fuzzy,
    Clear,
    Narrow,
}

#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Specificity {
    bits: f64,
    share: f64,
    band: Band,
}

#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Reach {
    members: u32,
    acquaintances_each: u32,
    expected_people: f64,
}

/// The coach's reading of an ask (`docs/ask-json.md`).
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    text: String,
    lang: Lang,
    criteria: Vec<Criterion>,
    findings: Vec<Finding>,
    specificity: Specificity,
    reach: Reach,
}

// --- a member's profile (antenna_matching) ------------------------------------

/// Who may see an attribute: `private` ones only count for matching.
#[derive(ToSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    Public,
    #[default]
    Members,
    Private,
}

/// A place: a prefecture of the census, optionally a municipality or ward in it.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Area {
    /// e.g. 東京都
    #[schema(example = "東京都")]
    prefecture: String,
    /// e.g. 世田谷区, 横浜市青葉区
    #[serde(default, skip_serializing_if = "Option::is_none")]
    municipality: Option<String>,
}

/// An interest by its vocabulary id (`futsal`) or the member's words.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Interest {
    #[schema(min_length = 1, max_length = 50)]
    topic: String,
    /// `normal` when absent.
    #[serde(default)]
    intensity: Intensity,
}

/// Each attribute of a profile: a value and who may see it (default `members`).
macro_rules! attrs {
    ($($(#[$doc:meta])* $name:ident: $ty:ty $([$($f:tt)*])?;)*) => {$(
        $(#[$doc])*
        #[derive(ToSchema)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $(#[schema($($f)*)])?
            value: $ty,
            #[serde(default)]
            visibility: Visibility,
        }
    )*};
}

attrs! {
    GenderAttr: Gender;
    /// From 1900 to this year.
    BirthYearAttr: i32 [minimum = 1900];
    AreaAttr: Area;
    /// Up to 30.
    InterestsAttr: Vec<Interest> [max_items = 30];
    /// Up to 20 life-stage ids (`housewife`, `university_student`…), 1 to 50 characters each.
    LifeStagesAttr: Vec<String> [max_items = 20];
    /// Employees of the member's company.
    CompanySizeAttr: i64 [minimum = 0, maximum = 10_000_000];
    /// Office floor area in 坪.
    OfficeTsuboAttr: f64 [minimum = 0, maximum = 1_000_000];
}

/// A member's matching attributes. What a viewer may not see is absent.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    gender: Option<GenderAttr>,
    birth_year: Option<BirthYearAttr>,
    residence: Option<AreaAttr>,
    work_area: Option<AreaAttr>,
    interests: Option<InterestsAttr>,
    life_stages: Option<LifeStagesAttr>,
    company_size: Option<CompanySizeAttr>,
    office_tsubo: Option<OfficeTsuboAttr>,
}

// --- the CSV import preview (crate::csv_io) -----------------------------------

/// A message in both languages.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Text {
    ja: String,
    en: String,
}

#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviewRow {
    line: usize,
    member: antenna_store::NewMember,
}

#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PreviewError {
    line: usize,
    field: String,
    message: Text,
}

/// `?dry_run=true`: what an import would do, nothing saved.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportPreview {
    /// How the file was read.
    #[schema(example = "utf-8")]
    encoding: String,
    rows: Vec<PreviewRow>,
    errors: Vec<PreviewError>,
}
