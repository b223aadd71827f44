//! JSON schemas for the OpenAPI document that the API's own types do not
//! derive: the error body of [`crate::error::AppError`] and the CSV import
//! preview (described here, never built), and what the API adds to the
//! schemas that `antenna-ask` (the coach's [`antenna_ask::Reading`], the
//! contract of `docs/ask-json.md`) and `antenna-matching` (a member's
//! [`antenna_matching::Profile`]) derive with their `openapi` feature: see
//! [`refine`].
//!
//! `scripts/schemathesis.sh` checks real answers against these schemas, and
//! objects that cannot grow by accident refuse unknown fields
//! (`additionalProperties: false`), so a field the server sends that the
//! document does not know fails the test command. Request limits here are
//! those that `crate::validate` enforces.

// Described, never constructed: the fields exist for the derive only.
#![allow(dead_code)]

use serde_json::{json, Map, Value};
use utoipa::ToSchema;

pub use antenna_ask::{Band, Reading};
pub use antenna_matching::Profile;

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

// --- refinements of the derived schemas --------------------------------------

/// Derived objects that the server sends with exactly their fields.
const CLOSED: [&str; 7] = [
    "Reading",
    "Finding",
    "Specificity",
    "Reach",
    "Profile",
    "Area",
    "Interest",
];

/// Each attribute of a [`Profile`] (derived generically, `Attr_i32`…) under
/// its own name, with a description and what `crate::validate` enforces on
/// its value.
fn profile_attrs() -> [(&'static str, &'static str, Option<&'static str>, Value); 8] {
    [
        ("gender", "GenderAttr", None, json!({})),
        (
            "birth_year",
            "BirthYearAttr",
            Some("From 1900 to this year."),
            json!({"minimum": 1900}),
        ),
        ("residence", "AreaAttr", None, json!({})),
        ("work_area", "AreaAttr", None, json!({})),
        (
            "interests",
            "InterestsAttr",
            Some("Up to 30."),
            json!({"maxItems": 30}),
        ),
        (
            "life_stages",
            "LifeStagesAttr",
            Some(
                "Up to 20 life-stage ids (`housewife`, `university_student`…), \
                 1 to 50 characters each.",
            ),
            json!({"maxItems": 20}),
        ),
        (
            "company_size",
            "CompanySizeAttr",
            None,
            json!({"minimum": 0, "maximum": 10_000_000}),
        ),
        (
            "office_tsubo",
            "OfficeTsuboAttr",
            None,
            json!({"minimum": 0, "maximum": 1_000_000}),
        ),
    ]
}

/// Applies to the generated document what derives cannot say: the profile's
/// attributes by name with their limits, referring to the named schemas
/// their values are, and the closed objects. A missing schema or property
/// is skipped here and fails the unit tests below.
pub fn refine(doc: &mut Value) {
    let Some(schemas) = doc["components"]["schemas"].as_object_mut() else {
        return;
    };
    for (property, name, description, limits) in profile_attrs() {
        let Some(generic) = schemas.get(PROFILE).and_then(|p| attr_ref(p, property)) else {
            continue;
        };
        let Some(mut attr) = schemas.get(&generic).or(schemas.get(name)).cloned() else {
            continue;
        };
        if let Some(value) = attr.pointer_mut("/properties/value") {
            merge(value, &limits);
            refer(value, schemas);
            if let Some(items) = value.get_mut("items") {
                refer(items, schemas);
            }
        }
        if let Some(d) = description {
            attr["description"] = json!(d);
        }
        schemas.remove(&generic);
        schemas.insert(name.to_string(), attr);
        if let Some(r) = schemas
            .get_mut(PROFILE)
            .and_then(|p| p.pointer_mut(&format!("/properties/{property}/oneOf/0/$ref")))
        {
            *r = json!(reference(name));
        }
    }
    let attrs = profile_attrs().map(|(_, name, ..)| name);
    for name in CLOSED.into_iter().chain(attrs) {
        if let Some(Value::Object(o)) = schemas.get_mut(name) {
            o.insert("additionalProperties".into(), json!(false));
        }
    }
}

const PROFILE: &str = "Profile";

fn reference(name: &str) -> String {
    format!("#/components/schemas/{name}")
}

/// The name of the schema an optional property of `schema` refers to.
fn attr_ref(schema: &Value, property: &str) -> Option<String> {
    let r = schema.pointer(&format!("/properties/{property}/oneOf/0/$ref"))?;
    r.as_str()?.strip_prefix(&reference("")).map(str::to_string)
}

fn merge(into: &mut Value, extra: &Value) {
    if let (Value::Object(into), Value::Object(extra)) = (into, extra) {
        into.extend(extra.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
}

/// A schema written out where a named one is the same (derives write out
/// the type arguments of generic types) becomes a reference to it.
fn refer(schema: &mut Value, named: &Map<String, Value>) {
    if let Some((name, _)) = named.iter().find(|(_, s)| *s == schema) {
        *schema = json!({"$ref": reference(name)});
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    fn schemas() -> &'static Map<String, Value> {
        super::super::openapi::spec()["components"]["schemas"]
            .as_object()
            .unwrap()
    }

    #[test]
    fn every_profile_attribute_is_named_with_its_limits() {
        let schemas = schemas();
        let properties = schemas[PROFILE]["properties"].as_object().unwrap();
        let listed: BTreeSet<&str> = profile_attrs().iter().map(|a| a.0).collect();
        let derived: BTreeSet<&str> = properties.keys().map(String::as_str).collect();
        assert_eq!(derived, listed, "every property of Profile, named here");
        for (property, name, description, limits) in profile_attrs() {
            let r = &properties[property]["oneOf"][0]["$ref"];
            assert_eq!(r, &json!(reference(name)), "{property}");
            let attr = &schemas[name];
            assert_eq!(attr["additionalProperties"], false, "{name}");
            assert_eq!(attr["required"], json!(["value"]), "{name}");
            assert_eq!(attr["description"].as_str(), description, "{name}");
            for (k, v) in limits.as_object().unwrap() {
                assert_eq!(&attr["properties"]["value"][k], v, "{name}: {k}");
            }
        }
        assert!(
            !schemas.keys().any(|k| k.starts_with("Attr_")),
            "no generic name is left"
        );
        let value = |name: &str| &schemas[name]["properties"]["value"];
        assert_eq!(value("GenderAttr")["$ref"], reference("Gender"));
        assert_eq!(value("AreaAttr")["$ref"], reference("Area"));
        assert_eq!(
            value("InterestsAttr")["items"]["$ref"],
            reference("Interest")
        );
        assert_eq!(value("InterestsAttr")["type"], "array");
        assert_eq!(value("BirthYearAttr")["type"], "integer");
        let topic = &schemas["Interest"]["properties"]["topic"];
        assert_eq!(
            (&topic["minLength"], &topic["maxLength"]),
            (&json!(1), &json!(50))
        );
    }

    #[test]
    fn the_closed_objects_are_there_and_closed() {
        for name in CLOSED {
            let s = &schemas()[name];
            assert_eq!(s["type"], "object", "{name}");
            assert_eq!(s["additionalProperties"], false, "{name}");
        }
        // flattened, so open: its properties are in two schemas
        assert!(schemas()["Criterion"].get("additionalProperties").is_none());
    }

    #[test]
    fn every_reference_resolves() {
        fn walk(v: &Value, refs: &mut Vec<String>) {
            match v {
                Value::Object(o) => {
                    if let Some(Value::String(r)) = o.get("$ref") {
                        refs.push(r.clone());
                    }
                    o.values().for_each(|v| walk(v, refs));
                }
                Value::Array(a) => a.iter().for_each(|v| walk(v, refs)),
                _ => {}
            }
        }
        let mut refs = Vec::new();
        walk(super::super::openapi::spec(), &mut refs);
        assert!(refs.len() > 50, "{}", refs.len());
        for r in refs {
            let name = r.strip_prefix(&reference("")).unwrap_or(&r);
            assert!(schemas().contains_key(name), "{r} does not resolve");
        }
    }
}
