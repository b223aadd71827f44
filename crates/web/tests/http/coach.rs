//! The public coach, `POST /api/v1/asks/check`: the reading's JSON shape
//! (shared/docs/ask-json.md), messages in Japanese and English, throttling.

use antenna_web::Config;
use serde_json::{json, Value};

use crate::support::*;

backends!(
    the_coach_answers_in_the_documented_shape,
    the_coach_speaks_the_callers_language,
    the_coach_is_throttled_per_address
);

/// Checks one reading against the contract; returns it.
fn assert_contract(text: &str, r: &Value) {
    assert_eq!(r["text"], text);
    let chars: Vec<char> = text.chars().collect();
    for c in r["criteria"].as_array().expect("criteria") {
        let kind = c["kind"].as_str().expect("kind");
        assert!(
            [
                "gender",
                "age",
                "location",
                "role",
                "industry",
                "interest",
                "life_stage",
                "skill",
                "desire",
                "numeric",
                "named",
                "other"
            ]
            .contains(&kind),
            "kind {kind}"
        );
        let span = c["span"].as_array().expect("span");
        let (start, end) = (
            span[0].as_u64().unwrap() as usize,
            span[1].as_u64().unwrap() as usize,
        );
        assert!(start < end && end <= chars.len(), "span {span:?} in {text}");
        assert_eq!(
            c["surface"].as_str().unwrap(),
            chars[start..end].iter().collect::<String>(),
            "surface is text[span] (characters, not bytes)"
        );
        assert!(!c["value"].is_null(), "{c}");
    }
    for f in r["findings"].as_array().expect("findings") {
        assert!(
            f["code"].is_string() && f["message"].is_string() && f["suggestion"].is_string(),
            "{f}"
        );
        assert!(
            f["span"].is_null() || f["span"].as_array().is_some_and(|s| s.len() == 2),
            "{f}"
        );
    }
    let sp = &r["specificity"];
    let (bits, share) = (sp["bits"].as_f64().unwrap(), sp["share"].as_f64().unwrap());
    assert!(share > 0.0 && share <= 1.0, "{sp}");
    assert!(
        (bits - (-share.log2())).abs() < 0.2,
        "bits = -log2(share): {sp}"
    );
    assert!(
        ["thin", "fuzzy", "clear", "narrow"].contains(&sp["band"].as_str().unwrap()),
        "{sp}"
    );
    let reach = &r["reach"];
    let expected =
        reach["members"].as_f64().unwrap() * reach["acquaintances_each"].as_f64().unwrap() * share;
    assert!(
        (reach["expected_people"].as_f64().unwrap() - expected).abs() <= 0.05 * expected + 0.1,
        "{reach} vs {expected}"
    );
}

fn criterion<'a>(r: &'a Value, kind: &str) -> &'a Value {
    r["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} in {}", r["criteria"]))
}

async fn the_coach_answers_in_the_documented_shape(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let v = app.visitor();

    let text = "世田谷区に住んでいる、30代の男性を紹介して下さい。";
    let r = v
        .post("/api/v1/asks/check", json!({"text": text, "members": 120}))
        .await
        .expect(200);
    assert!(r.content_type().starts_with("application/json"));
    let r = r.json();
    assert_contract(text, &r);
    assert_eq!(r["lang"], "ja");
    let loc = criterion(&r, "location");
    assert_eq!(
        (loc["surface"].as_str(), loc["span"].clone()),
        (Some("世田谷区"), json!([0, 4]))
    );
    assert_eq!(
        (
            loc["value"]["name"].as_str(),
            loc["value"]["level"].as_str(),
            loc["value"]["relation"].as_str()
        ),
        (Some("世田谷区"), Some("ward"), Some("lives"))
    );
    let age = criterion(&r, "age");
    assert_eq!(
        (
            age["surface"].as_str(),
            age["span"].clone(),
            age["value"].clone()
        ),
        (Some("30代"), json!([11, 14]), json!({"min": 30, "max": 39}))
    );
    let gender = criterion(&r, "gender");
    assert_eq!(
        (
            gender["surface"].as_str(),
            gender["span"].clone(),
            gender["value"].clone()
        ),
        (Some("男性"), json!([15, 17]), json!("male"))
    );
    assert_eq!(r["specificity"]["band"], "clear");
    assert_eq!(r["reach"]["members"], 120);
    assert_eq!(r["reach"]["acquaintances_each"], 150);

    // without "members", a visitor gets the default community, never the
    // live member count; a member gets the community's own size (one
    // organizer here)
    let public = v
        .post("/api/v1/asks/check", json!({"text": text}))
        .await
        .expect(200)
        .json();
    assert_eq!(public["reach"]["members"], 120);
    let small = org
        .post("/api/v1/asks/check", json!({"text": text}))
        .await
        .expect(200)
        .json();
    assert_eq!(small["reach"]["members"], 1);
    let more = v
        .post(
            "/api/v1/asks/check",
            json!({"text": text, "members": 120, "acquaintances": 300}),
        )
        .await
        .expect(200)
        .json();
    assert_eq!(more["reach"]["acquaintances_each"], 300);

    // a thin ask: findings say why
    let thin = "誰でも良いので紹介して下さい";
    let r = v
        .post("/api/v1/asks/check", json!({"text": thin, "members": 120}))
        .await
        .expect(200)
        .json();
    assert_contract(thin, &r);
    assert_eq!(r["specificity"]["band"], "thin");
    let codes: Vec<&str> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"no_condition"), "{codes:?}");
    assert!(r["specificity"]["bits"].as_f64().unwrap() < 9.0);

    // English asks are read as English
    let en = "Please introduce me to men in their 30s who live in Denver.";
    let r = v
        .post("/api/v1/asks/check", json!({"text": en, "members": 120}))
        .await
        .expect(200)
        .json();
    assert_contract(en, &r);
    assert_eq!(r["lang"], "en");
    assert_eq!(criterion(&r, "gender")["value"], "male");
    assert_eq!(criterion(&r, "age")["value"], json!({"min": 30, "max": 39}));

    // the body is checked
    let r = v
        .post("/api/v1/asks/check", json!({"text": text, "members": 0}))
        .await
        .expect_error(422, "invalid");
    assert_eq!(r.fields(), vec!["members"]);
    let r = v
        .post("/api/v1/asks/check", json!({"text": "あ".repeat(2001)}))
        .await
        .expect_error(422, "invalid");
    assert_eq!(r.fields(), vec!["text"]);
    v.post("/api/v1/asks/check", json!({"members": 10}))
        .await
        .expect_error(400, "invalid_json");
}

fn has_japanese(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c as u32, 0x3040..=0x30FF | 0x4E00..=0x9FFF))
}

async fn the_coach_speaks_the_callers_language(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    app.setup().await;
    let ja = app.visitor();
    let mut en = app.visitor();
    en.accept_language = Some("en-US,en;q=0.9");

    let message = |r: &Resp| {
        (
            r.json()["error"]["message"].as_str().unwrap().to_string(),
            r.json()["error"]["fields"][0]["message"]
                .as_str()
                .unwrap_or("")
                .to_string(),
        )
    };
    for body in [
        json!({"text": ""}),
        json!({"text": "あ".repeat(2001)}),
        json!({"text": "紹介\u{0007}して"}),
    ] {
        let rj = ja
            .post("/api/v1/asks/check", body.clone())
            .await
            .expect_error(422, "invalid");
        let re = en
            .post("/api/v1/asks/check", body.clone())
            .await
            .expect_error(422, "invalid");
        let ((mj, fj), (me, fe)) = (message(&rj), message(&re));
        assert!(
            has_japanese(&mj) && has_japanese(&fj),
            "Japanese by default: {mj} / {fj}"
        );
        assert!(
            !has_japanese(&me) && !has_japanese(&fe),
            "English on request: {me} / {fe}"
        );
        assert_eq!(me, "Please check the fields below.");
        assert!(fe.chars().next().unwrap().is_uppercase(), "{fe}");
        assert_eq!(rj.fields(), re.fields());
    }
    let r = en
        .post("/api/v1/asks/check", json!({"text": "", "members": 0}))
        .await;
    assert!(r.text.contains("members must be between"), "{}", r.text);
    // other errors too
    let r = en.get("/api/v1/me").await.expect_error(401, "unauthorized");
    assert_eq!(r.json()["error"]["message"], "You need to log in.");
    let r = ja.get("/api/v1/me").await.expect_error(401, "unauthorized");
    assert_eq!(r.json()["error"]["message"], "ログインが必要です。");
    let r = en
        .send(
            en.request(reqwest::Method::POST, "/api/v1/asks/check")
                .header("content-type", "application/json")
                .body("{"),
        )
        .await
        .expect_error(400, "invalid_json");
    assert!(!has_japanese(&r.json()["error"]["message"].to_string()));
    let r = en
        .get("/api/v1/nothing-here")
        .await
        .expect_error(404, "not_found");
    assert_eq!(r.json()["error"]["message"], "Not found.");
    // the English reading's findings are in English
    let r = en
        .post(
            "/api/v1/asks/check",
            json!({"text": "Introduce me to anyone, please."}),
        )
        .await
        .expect(200)
        .json();
    for f in r["findings"].as_array().unwrap() {
        assert!(!has_japanese(f["message"].as_str().unwrap()), "{f}");
    }
}

async fn the_coach_is_throttled_per_address(ctx: Ctx) {
    let app = ctx
        .spawn_app_with(Config {
            coach_per_minute: 3,
            ..Config::default()
        })
        .await;
    let org = app.setup().await;
    let v = app.visitor();
    let body = json!({"text": "世田谷区に住んでいる、30代の男性を紹介して下さい"});
    for i in 1..=3 {
        let r = v.post("/api/v1/asks/check", body.clone()).await;
        assert_eq!(r.status, 200, "request {i}: {}", r.text);
    }
    let r = v
        .post("/api/v1/asks/check", body.clone())
        .await
        .expect_error(429, "too_many_requests");
    assert!(r.content_type().starts_with("application/json"));
    // per address, not per client: a logged-in member from the same address is throttled too
    org.post("/api/v1/asks/check", body.clone())
        .await
        .expect_error(429, "too_many_requests");
    // the front-page form shares the limit
    let page = v
        .form_raw(
            "/coach",
            &[("text", "世田谷区に住んでいる、30代の男性を紹介して下さい")],
        )
        .await
        .expect(429);
    assert!(
        page.text.contains("リクエストが多すぎます"),
        "{}",
        snippet(&page.text)
    );
    // the rest of the app is not throttled
    org.get("/api/v1/me").await.expect(200);
    app.ask(
        &org,
        "世田谷区に住んでいる、30代の男性を紹介して下さい",
        "published",
    )
    .await;

    // the default limit is generous
    let relaxed = ctx.spawn_app().await;
    let v = relaxed.visitor();
    for _ in 0..10 {
        v.post("/api/v1/asks/check", body.clone()).await.expect(200);
    }
}
