//! CSRF: forms carry the session's token in a `csrf` field, API calls with
//! the session cookie send it as `X-CSRF-Token`; Bearer tokens need neither.

use reqwest::Method;
use serde_json::json;

use crate::support::*;

backends!(
    forms_with_a_wrong_token_are_refused_and_write_nothing,
    forms_without_a_token_are_refused_and_write_nothing,
    forms_without_a_token_answer_403,
    api_calls_with_a_session_need_the_csrf_header,
    bearer_tokens_need_no_csrf,
);

async fn forms_with_a_wrong_token_are_refused_and_write_nothing(ctx: Ctx) {
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
    let wrong = "0".repeat(64);
    let posts: Vec<(String, Vec<(&str, &str)>)> = vec![
        (
            "/asks".into(),
            vec![
                ("text", "横浜市で飲食店を経営している人を紹介して下さい"),
                ("action", "publish"),
            ],
        ),
        (format!("/asks/{ask}/intent"), vec![("note", "います")]),
        (
            "/me/profile".into(),
            vec![
                ("family_name", "偽"),
                ("given_name", "名前"),
                ("company", "乗っ取り商事"),
                ("lang", "ja"),
            ],
        ),
        ("/me/circles".into(), vec![("name", "怪しいサークル")]),
        ("/me/tokens".into(), vec![("name", "盗む")]),
        ("/logout".into(), vec![]),
    ];
    for token in [wrong.as_str(), "", org.csrf.as_str()] {
        for (path, fields) in &posts {
            let mut all = vec![("csrf", token)];
            all.extend(fields.iter().copied());
            let r = m.form_raw(path, &all).await;
            assert_eq!(
                r.status,
                403,
                "POST {path} with csrf {token:?}: {}",
                snippet(&r.text)
            );
            assert!(
                r.text.contains("フォームの有効期限が切れました"),
                "POST {path}: {}",
                snippet(&r.text)
            );
        }
    }
    // the organizer's forms too
    let r = org
        .form_raw(
            "/org/invite",
            &[
                ("csrf", &wrong),
                ("email", "x@example.jp"),
                ("family_name", "田中"),
                ("given_name", "四郎"),
            ],
        )
        .await;
    assert_eq!(r.status, 403);
    let r = org
        .form_raw(&format!("/org/members/{}/reset", m.id), &[("csrf", &wrong)])
        .await;
    assert_eq!(r.status, 403);
    let r = org
        .send(
            org.request(Method::POST, "/org/import").multipart(
                reqwest::multipart::Form::new()
                    .text("csrf", wrong.clone())
                    .text("action", "commit")
                    .text("csv", "姓,名,メールアドレス\n伊藤,五郎,goro@example.jp\n"),
            ),
        )
        .await;
    assert_eq!(r.status, 403);

    // nothing was written, and both are still logged in
    let me = m.me().await;
    assert_eq!(
        (me["family_name"].as_str(), me["company"].as_str()),
        (Some("佐藤"), Some(""))
    );
    assert_eq!(me["circles"], json!([]));
    assert_eq!(m.get("/api/v1/asks?mine=true").await.json(), json!([]));
    assert_eq!(m.get("/api/v1/tokens").await.json(), json!([]));
    assert_eq!(
        org.get(&format!("/api/v1/asks/{ask}/intents"))
            .await
            .expect(200)
            .json(),
        json!([])
    );
    assert_eq!(org.count("/api/v1/invitations").await, 1);
    assert_eq!(org.count("/api/v1/members").await, 2);
}

/// The same posts with no `csrf` field at all.
async fn without_token(m: &User) -> Vec<(String, u16)> {
    let posts: Vec<(&str, Vec<(&str, &str)>)> = vec![
        (
            "/asks",
            vec![
                ("text", "横浜市で飲食店を経営している人を紹介して下さい"),
                ("action", "publish"),
            ],
        ),
        (
            "/me/profile",
            vec![
                ("family_name", "偽"),
                ("given_name", "名前"),
                ("company", "乗っ取り商事"),
                ("lang", "ja"),
            ],
        ),
        ("/me/circles", vec![("name", "怪しいサークル")]),
        ("/logout", vec![]),
    ];
    let mut out = Vec::new();
    for (path, fields) in posts {
        out.push((path.to_string(), m.form_raw(path, &fields).await.status));
    }
    out
}

async fn forms_without_a_token_are_refused_and_write_nothing(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let m = app.member(&org, "member@example.jp", "佐藤", "一郎").await;
    for (path, status) in without_token(&m).await {
        assert!(
            (400..500).contains(&status),
            "POST {path} without csrf: {status}"
        );
    }
    let me = m.me().await;
    assert_eq!(
        (me["family_name"].as_str(), me["company"].as_str()),
        (Some("佐藤"), Some(""))
    );
    assert_eq!(me["circles"], json!([]));
    assert_eq!(m.get("/api/v1/asks?mine=true").await.json(), json!([]));
}

async fn forms_without_a_token_answer_403(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let m = app.member(&org, "member@example.jp", "佐藤", "一郎").await;
    for (path, status) in without_token(&m).await {
        assert_eq!(status, 403, "POST {path} without csrf");
    }
}

async fn api_calls_with_a_session_need_the_csrf_header(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let mut m = app.member(&org, "member@example.jp", "佐藤", "一郎").await;
    let circle = m.new_circle("世田谷区の商店会").await;
    let ask = app
        .ask(
            &m,
            "世田谷区に住んでいる、30代の男性を紹介して下さい",
            "published",
        )
        .await;
    let good = m.csrf.clone();

    for token in ["", "0000", org.csrf.as_str()] {
        m.csrf = token.to_string();
        let no = |r: Resp| r.expect_error(403, "csrf");
        no(m.post(
            "/api/v1/asks",
            json!({"text": "横浜市で飲食店を経営している人を紹介して下さい"}),
        )
        .await);
        no(m.api(
            "patch",
            &format!("/api/v1/asks/{ask}"),
            Some(json!({"text": "誰でも良いので紹介して下さい"})),
        )
        .await);
        no(m.post(
            &format!("/api/v1/asks/{ask}/status"),
            json!({"status": "closed"}),
        )
        .await);
        no(m.api("put", "/api/v1/me/profile", Some(json!({"family_name": "偽", "given_name": "名前", "family_kana": "", "given_kana": "", "company": "乗っ取り商事", "title": "", "industry": "", "offer": "", "lang": "ja"}))).await);
        no(
            m.api("delete", &format!("/api/v1/me/circles/{circle}"), None)
                .await,
        );
        no(m.post("/api/v1/tokens", json!({"name": "盗む"})).await);
        no(m.post("/api/v1/auth/logout", json!({})).await);
    }
    // reads need no token
    m.csrf.clear();
    m.get("/api/v1/me").await.expect(200);
    m.get("/api/v1/board").await.expect(200);

    // nothing was written
    m.csrf = good;
    let me = m.me().await;
    assert_eq!(
        (me["family_name"].as_str(), me["company"].as_str()),
        (Some("佐藤"), Some(""))
    );
    assert_eq!(me["circles"].as_array().unwrap().len(), 1);
    let asks = m.get("/api/v1/asks?mine=true").await.json();
    assert_eq!(asks.as_array().unwrap().len(), 1);
    assert_eq!(
        (asks[0]["status"].as_str(), asks[0]["revision"].as_i64()),
        (Some("published"), Some(1))
    );
    assert_eq!(m.get("/api/v1/tokens").await.json(), json!([]));
    // with the right token it works
    m.post(
        "/api/v1/asks",
        json!({"text": "横浜市で飲食店を経営している人を紹介して下さい"}),
    )
    .await
    .expect(201);
    m.api("delete", &format!("/api/v1/me/circles/{circle}"), None)
        .await
        .expect(204);
}

async fn bearer_tokens_need_no_csrf(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let m = app.member(&org, "member@example.jp", "佐藤", "一郎").await;
    let created = m
        .post("/api/v1/tokens", json!({"name": "スクリプト"}))
        .await
        .expect(201)
        .json();
    let secret = created["secret"].as_str().unwrap().to_string();
    let token_id = created["token"]["id"].as_i64().unwrap();
    assert!(secret.starts_with("ant_"));
    assert!(
        !created["token"].to_string().contains(&secret),
        "only the hash is kept"
    );

    // a script: no cookies, no CSRF header
    let mut script = app.visitor();
    script.bearer = Some(secret.clone());
    assert_eq!(script.me().await["id"], m.id);
    let r = script
        .post(
            "/api/v1/asks",
            json!({"text": "世田谷区に住んでいる、30代の男性を紹介して下さい"}),
        )
        .await
        .expect(201);
    let ask = r.json()["id"].as_i64().unwrap();
    assert_eq!(r.json()["member_id"], m.id);
    script
        .api(
            "patch",
            &format!("/api/v1/asks/{ask}"),
            Some(json!({"text": "世田谷区に住んでいる、30代後半の男性を紹介して下さい"})),
        )
        .await
        .expect(200);
    script
        .post(
            &format!("/api/v1/asks/{ask}/status"),
            json!({"status": "paused"}),
        )
        .await
        .expect(200);
    assert!(
        script.session_cookie().is_none(),
        "a token call starts no session"
    );
    // the organizer's token is an organizer's
    let org_secret = org.new_token("運営スクリプト").await["secret"]
        .as_str()
        .unwrap()
        .to_string();
    let mut org_script = app.visitor();
    org_script.bearer = Some(org_secret);
    org_script.get("/api/v1/invitations").await.expect(200);
    script
        .get("/api/v1/invitations")
        .await
        .expect_error(403, "forbidden");

    // revoked: no longer accepted
    m.api("delete", &format!("/api/v1/tokens/{token_id}"), None)
        .await
        .expect(204);
    script
        .get("/api/v1/me")
        .await
        .expect_error(401, "unauthorized");
    script
        .post(
            "/api/v1/asks",
            json!({"text": "誰でも良いので紹介して下さい"}),
        )
        .await
        .expect_error(401, "unauthorized");
    assert_eq!(m.count("/api/v1/asks?mine=true").await, 1);
}
