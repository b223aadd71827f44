//! The OpenAPI 3.1 document of `/api/v1`. Written by hand, and kept honest by
//! a test that calls every documented operation and expects the router to
//! know it (never 404/405 from routing).

use axum::Json;
use serde_json::{json, Value};

/// Every operation: method, path, summary, auth ("public" | "member" | "organizer"), body schema name.
pub const OPERATIONS: &[(&str, &str, &str, &str, Option<&str>)] = &[
    (
        "post",
        "/api/v1/asks/check",
        "Read an ask with the coach (no login; throttled per address)",
        "public",
        Some("CheckBody"),
    ),
    (
        "get",
        "/api/v1/asks",
        "List asks (published ones, and your own with ?mine=true)",
        "member",
        None,
    ),
    (
        "post",
        "/api/v1/asks",
        "Create an ask; the coach's reading is stored with it",
        "member",
        Some("NewAsk"),
    ),
    (
        "get",
        "/api/v1/asks/{id}",
        "One ask with its reading",
        "member",
        None,
    ),
    (
        "patch",
        "/api/v1/asks/{id}",
        "Revise an ask's text (a new revision) or its expiry; author only",
        "member",
        Some("AskPatch"),
    ),
    (
        "post",
        "/api/v1/asks/{id}/status",
        "Publish, pause, mark fulfilled, close (organizers may pause or close any ask)",
        "member",
        Some("StatusBody"),
    ),
    (
        "get",
        "/api/v1/asks/{id}/revisions",
        "Every saved version of an ask; author or organizer",
        "member",
        None,
    ),
    (
        "get",
        "/api/v1/asks/{id}/intents",
        "Who said 「知り合いにいます」; author or organizer",
        "member",
        None,
    ),
    (
        "post",
        "/api/v1/asks/{id}/intents",
        "Say 「知り合いにいます」 for someone else's ask",
        "member",
        Some("IntentBody"),
    ),
    (
        "get",
        "/api/v1/board",
        "Other members' open asks, those you can most likely help with first",
        "member",
        None,
    ),
    (
        "get",
        "/api/v1/me",
        "Your member record, profile (private attributes included) and circles",
        "member",
        None,
    ),
    (
        "put",
        "/api/v1/me/profile",
        "Save your basics and matching attributes",
        "member",
        Some("ProfileBody"),
    ),
    ("get", "/api/v1/me/circles", "Your circles", "member", None),
    (
        "post",
        "/api/v1/me/circles",
        "Add a circle",
        "member",
        Some("CircleBody"),
    ),
    (
        "delete",
        "/api/v1/me/circles/{id}",
        "Remove one of your circles",
        "member",
        None,
    ),
    (
        "get",
        "/api/v1/members",
        "Members, as members may see them",
        "member",
        None,
    ),
    ("get", "/api/v1/members/{id}", "One member", "member", None),
    (
        "post",
        "/api/v1/members/{id}/password-reset",
        "A one-time link for a member to set a new password",
        "organizer",
        None,
    ),
    (
        "get",
        "/api/v1/invitations",
        "Invitations sent",
        "organizer",
        None,
    ),
    (
        "post",
        "/api/v1/invitations",
        "Invite a member (returns the one-time link)",
        "organizer",
        Some("InviteBody"),
    ),
    (
        "post",
        "/api/v1/invitations/accept",
        "Accept an invitation: set your password, get a session",
        "public",
        Some("AcceptBody"),
    ),
    (
        "post",
        "/api/v1/auth/login",
        "Log in (session cookie; returns the CSRF token)",
        "public",
        Some("LoginBody"),
    ),
    ("post", "/api/v1/auth/logout", "Log out", "member", None),
    ("get", "/api/v1/tokens", "Your API tokens", "member", None),
    (
        "post",
        "/api/v1/tokens",
        "Create an API token (the secret is shown once)",
        "member",
        Some("TokenBody"),
    ),
    (
        "delete",
        "/api/v1/tokens/{id}",
        "Revoke an API token",
        "member",
        None,
    ),
    (
        "post",
        "/api/v1/import",
        "Import members from CSV (UTF-8 or Shift_JIS); ?dry_run=true previews",
        "organizer",
        Some("csv"),
    ),
    (
        "get",
        "/api/v1/export.csv",
        "Members as CSV",
        "organizer",
        None,
    ),
    (
        "get",
        "/api/v1/openapi.json",
        "This document",
        "public",
        None,
    ),
];

fn schemas() -> Value {
    let s = |props: Value, required: &[&str]| json!({"type": "object", "properties": props, "required": required});
    json!({
        "CheckBody": s(json!({"text": {"type": "string", "maxLength": 2000}, "members": {"type": "integer"}, "acquaintances": {"type": "integer"}}), &["text"]),
        "NewAsk": s(json!({"text": {"type": "string"}, "status": {"type": "string", "enum": ["draft", "published", "paused", "fulfilled", "closed"]}, "expires_on": {"type": "string", "format": "date"}}), &["text"]),
        "AskPatch": s(json!({"text": {"type": "string"}, "expires_on": {"type": "string", "description": "YYYY-MM-DD, or \"\" to remove"}}), &[]),
        "StatusBody": s(json!({"status": {"type": "string", "enum": ["draft", "published", "paused", "fulfilled", "closed"]}}), &["status"]),
        "IntentBody": s(json!({"note": {"type": "string", "maxLength": 1000}}), &[]),
        "ProfileBody": s(json!({
            "family_name": {"type": "string"}, "given_name": {"type": "string"}, "family_kana": {"type": "string"}, "given_kana": {"type": "string"},
            "company": {"type": "string"}, "title": {"type": "string"}, "industry": {"type": "string"}, "offer": {"type": "string"},
            "lang": {"type": "string", "enum": ["ja", "en"]},
            "profile": {"type": "object", "description": "Attributes, each {value, visibility: public|members|private}: gender, birth_year, residence {prefecture, municipality}, work_area, interests [{topic, intensity}], life_stages [id], company_size, office_tsubo"}
        }), &["family_name", "given_name", "lang"]),
        "CircleBody": s(json!({"name": {"type": "string", "maxLength": 100}, "description": {"type": "string", "maxLength": 1000}}), &["name"]),
        "InviteBody": s(json!({"email": {"type": "string"}, "family_name": {"type": "string"}, "given_name": {"type": "string"}, "family_kana": {"type": "string"}, "given_kana": {"type": "string"}, "role": {"type": "string", "enum": ["member", "organizer"]}}), &["email", "family_name", "given_name"]),
        "AcceptBody": s(json!({"token": {"type": "string"}, "password": {"type": "string", "minLength": 8}, "family_name": {"type": "string"}, "given_name": {"type": "string"}}), &["token", "password"]),
        "LoginBody": s(json!({"email": {"type": "string"}, "password": {"type": "string"}}), &["email", "password"]),
        "TokenBody": s(json!({"name": {"type": "string"}}), &["name"]),
        "Error": s(json!({"error": {"type": "object", "properties": {"code": {"type": "string"}, "message": {"type": "string"}, "fields": {"type": "array", "items": {"type": "object", "properties": {"field": {"type": "string"}, "message": {"type": "string"}}}}}}}), &["error"])
    })
}

pub fn spec() -> Value {
    let mut paths = serde_json::Map::new();
    for (method, path, summary, auth, body) in OPERATIONS {
        let mut op = json!({
            "summary": summary,
            "responses": {
                "200": {"description": "OK"},
                "4XX": {"description": "Error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            }
        });
        if *auth != "public" {
            op["security"] = json!([{"bearer": []}, {"session": []}]);
            op["x-role"] = json!(auth);
        }
        if let Some(b) = body {
            op["requestBody"] = if *b == "csv" {
                json!({"content": {"text/csv": {"schema": {"type": "string", "format": "binary"}}}})
            } else {
                json!({"content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{b}")}}}})
            };
        }
        if path.contains("{id}") {
            op["parameters"] = json!([{"name": "id", "in": "path", "required": true, "schema": {"type": "integer"}}]);
        }
        let entry = paths.entry(path.to_string()).or_insert_with(|| json!({}));
        entry[*method] = op;
    }
    json!({
        "openapi": "3.1.0",
        "info": {"title": "Antenna API", "version": env!("CARGO_PKG_VERSION"), "description": "Referrals for business networking communities. Errors are JSON {error: {code, message, fields}} in the language of Accept-Language or the lang cookie."},
        "servers": [{"url": "/"}],
        "paths": paths,
        "components": {
            "schemas": schemas(),
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "description": "An API token from /api/v1/tokens"},
                "session": {"type": "apiKey", "in": "cookie", "name": "antenna_session", "description": "Unsafe methods also need the X-CSRF-Token header"}
            }
        }
    })
}

pub async fn document() -> Json<Value> {
    Json(spec())
}
