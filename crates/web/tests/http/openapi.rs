//! The OpenAPI document: every route is in it, it says what schemathesis
//! found the old hand-written one did not (201/204, required bodies, int64
//! ids, JSON errors, security), and the limits it states are the server's.

use std::collections::BTreeSet;

use serde_json::{json, Value};

use crate::support::*;

backends!(
    openapi_document_lists_every_operation,
    openapi_document_describes_answers_and_inputs,
    documented_limits_are_the_servers
);

/// Every operation of `/api/v1`, as a client may rely on.
const EXPECTED: &[(&str, &str)] = &[
    ("post", "/api/v1/asks/check"),
    ("get", "/api/v1/asks"),
    ("post", "/api/v1/asks"),
    ("get", "/api/v1/asks/{id}"),
    ("patch", "/api/v1/asks/{id}"),
    ("post", "/api/v1/asks/{id}/status"),
    ("get", "/api/v1/asks/{id}/revisions"),
    ("get", "/api/v1/asks/{id}/intents"),
    ("post", "/api/v1/asks/{id}/intents"),
    ("get", "/api/v1/board"),
    ("get", "/api/v1/me"),
    ("put", "/api/v1/me/profile"),
    ("get", "/api/v1/me/circles"),
    ("post", "/api/v1/me/circles"),
    ("delete", "/api/v1/me/circles/{id}"),
    ("get", "/api/v1/members"),
    ("get", "/api/v1/members/{id}"),
    ("post", "/api/v1/members/{id}/password-reset"),
    ("get", "/api/v1/invitations"),
    ("post", "/api/v1/invitations"),
    ("post", "/api/v1/invitations/accept"),
    ("post", "/api/v1/auth/login"),
    ("post", "/api/v1/auth/logout"),
    ("get", "/api/v1/tokens"),
    ("post", "/api/v1/tokens"),
    ("delete", "/api/v1/tokens/{id}"),
    ("post", "/api/v1/import"),
    ("get", "/api/v1/export.csv"),
    ("get", "/api/v1/openapi.json"),
];

async fn openapi_document_lists_every_operation(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let doc = app
        .visitor()
        .get("/api/v1/openapi.json")
        .await
        .expect(200)
        .json();
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(
        &doc,
        antenna_web::openapi_document(),
        "the served document is the generated one"
    );
    let mut listed = BTreeSet::new();
    let mut ids = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            listed.insert((method.clone(), path.clone()));
            let id = op["operationId"].as_str().unwrap_or_default();
            assert!(ids.insert(id.to_string()), "operationId {id:?} twice");
            let role = op["x-role"].as_str().unwrap_or_default();
            assert!(
                ["public", "member", "organizer"].contains(&role),
                "{method} {path}: x-role {role:?}"
            );
        }
    }
    let expected: BTreeSet<_> = EXPECTED
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(listed, expected);
    assert_eq!(operations().len(), EXPECTED.len());
}

/// `#/components/schemas/X` → the schema.
fn resolve<'a>(doc: &'a Value, v: &'a Value) -> &'a Value {
    match v["$ref"].as_str() {
        Some(r) => &doc["components"]["schemas"][r.trim_start_matches("#/components/schemas/")],
        None => v,
    }
}

async fn openapi_document_describes_answers_and_inputs(_ctx: Ctx) {
    let doc = antenna_web::openapi_document();
    let schemes = &doc["components"]["securitySchemes"];
    assert_eq!(schemes["bearer"]["scheme"], "bearer");
    assert_eq!(schemes["session"]["in"], "cookie");
    assert_eq!(schemes["csrf"]["name"], "X-CSRF-Token");
    for op in operations() {
        let o = &doc["paths"][&op.path][&op.method];
        let what = format!("{} {}", op.method, op.path);
        assert!(
            op.statuses.iter().any(|s| s.starts_with('2')),
            "{what}: no success documented"
        );
        for p in o["parameters"].as_array().into_iter().flatten() {
            if p["in"] == "path" {
                assert_eq!(p["required"], true, "{what}: {p}");
                assert_eq!(p["schema"]["format"], "int64", "{what}: {p}");
            }
        }
        if op.path.contains("{id}") {
            assert!(op.statuses.contains(&"404".into()), "{what}: no 404");
            assert!(op.statuses.contains(&"400".into()), "{what}: no 400");
        }
        if let Some(body) = &op.body {
            assert_eq!(o["requestBody"]["required"], true, "{what}: optional body");
            if body == "application/json" {
                for s in ["400", "413", "415"] {
                    assert!(op.statuses.contains(&s.into()), "{what}: no {s}");
                }
            }
        }
        if op.role != "public" {
            assert!(o["security"].is_array(), "{what}: no security");
            assert!(op.statuses.contains(&"401".into()), "{what}: no 401");
            if op.method != "get" || op.role == "organizer" {
                assert!(op.statuses.contains(&"403".into()), "{what}: no 403");
            }
        }
        for (status, r) in o["responses"].as_object().unwrap() {
            if status.starts_with('4') {
                let schema = &r["content"]["application/json"]["schema"];
                assert_eq!(
                    schema["$ref"], "#/components/schemas/Error",
                    "{what} {status}"
                );
            }
        }
    }
    let status = &doc["paths"]["/api/v1/me/circles"]["post"]["responses"];
    assert!(status.get("201").is_some() && status.get("200").is_none());
    let deleted = &doc["paths"]["/api/v1/tokens/{id}"]["delete"]["responses"];
    assert!(deleted.get("204").is_some() && deleted["204"].get("content").is_none());
    let error = &doc["components"]["schemas"]["Error"];
    assert_eq!(error["required"], json!(["error"]));
    let detail = resolve(doc, &error["properties"]["error"]);
    assert_eq!(detail["required"], json!(["code", "message"]));
    let field = resolve(doc, &detail["properties"]["fields"]["items"]);
    assert_eq!(field["required"], json!(["field", "message"]));
}

/// `maxLength` of `field` in the request body of `method path`, through `allOf`.
fn max_length(doc: &Value, method: &str, path: &str, field: &str) -> usize {
    let body = &doc["paths"][path][method]["requestBody"]["content"]["application/json"]["schema"];
    let mut todo = vec![resolve(doc, body)];
    while let Some(s) = todo.pop() {
        if let Some(n) = s["properties"][field]["maxLength"].as_u64() {
            return n as usize;
        }
        for part in s["allOf"].as_array().into_iter().flatten() {
            todo.push(resolve(doc, part));
        }
    }
    panic!("no maxLength for {field} in {method} {path}")
}

async fn documented_limits_are_the_servers(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let m = app.member(&org, "member@example.jp", "佐藤", "一郎").await;
    let ask = app
        .ask(
            &org,
            "世田谷区に住んでいる、30代の男性を紹介して下さい",
            "published",
        )
        .await;
    let intents = format!("/api/v1/asks/{ask}/intents");
    let doc = antenna_web::openapi_document();
    let ask_text = |n: usize| {
        let head = "世田谷区に住んでいる30代の男性を紹介して下さい";
        head.chars()
            .chain(std::iter::repeat('。'))
            .take(n)
            .collect::<String>()
    };
    // each case: the operation, the field, a valid body around it
    let cases = [
        ("post", "/api/v1/asks/check", "text", json!({})),
        ("post", "/api/v1/me/circles", "name", json!({})),
        (
            "post",
            "/api/v1/me/circles",
            "description",
            json!({"name": "商店会"}),
        ),
        ("post", "/api/v1/tokens", "name", json!({})),
        ("post", intents.as_str(), "note", json!({})),
        (
            "put",
            "/api/v1/me/profile",
            "family_name",
            json!({"given_name": "一郎", "lang": "ja"}),
        ),
        (
            "put",
            "/api/v1/me/profile",
            "offer",
            json!({"family_name": "佐藤", "given_name": "一郎"}),
        ),
    ];
    for (method, path, field, around) in cases {
        let doc_path = path.replace(&format!("/asks/{ask}/"), "/asks/{id}/");
        let n = max_length(doc, method, &doc_path, field);
        let body = |n: usize| {
            let mut b = around.clone();
            b[field] = json!(if field == "text" {
                ask_text(n)
            } else {
                "あ".repeat(n)
            });
            b
        };
        let at = m.api(method, path, Some(body(n))).await;
        assert!(
            (200..300).contains(&at.status),
            "{method} {path} with {field} of {n} characters: {} {}",
            at.status,
            snippet(&at.text)
        );
        let over = m
            .api(method, path, Some(body(n + 1)))
            .await
            .expect_error(422, "invalid");
        assert_eq!(over.fields(), vec![field.to_string()], "{method} {path}");
    }
    // the ask text limit is the engine's
    assert_eq!(
        max_length(doc, "post", "/api/v1/asks", "text"),
        antenna_ask::text::MAX_CHARS
    );
}
