//! Who may do what: authors own their asks, private attributes stay with
//! their owner, organizer tools are for organizers, and visitors who are not
//! logged in see only the public pages.

use reqwest::Method;
use serde_json::{json, Value};

use crate::support::*;

backends!(
    members_cannot_touch_others_asks,
    private_attributes_never_leave_their_owner,
    members_cannot_reach_organizer_tools,
    visitors_see_only_public_pages,
    what_members_write_is_escaped_in_pages,
);

async fn members_cannot_touch_others_asks(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let a = app.member(&org, "a@example.jp", "佐藤", "一郎").await;
    let b = app.member(&org, "b@example.jp", "鈴木", "花子").await;
    let text = "世田谷区に住んでいる、30代の男性を紹介して下さい";
    let published = app.ask(&a, text, "published").await;
    let draft = app
        .ask(
            &a,
            "横浜市で飲食店を経営している人を紹介して下さい",
            "draft",
        )
        .await;

    // someone else's published ask: readable, not editable
    b.get(&format!("/api/v1/asks/{published}"))
        .await
        .expect(200);
    b.api(
        "patch",
        &format!("/api/v1/asks/{published}"),
        Some(json!({"text": "誰でも良いので紹介して下さい"})),
    )
    .await
    .expect_error(403, "forbidden");
    b.api(
        "patch",
        &format!("/api/v1/asks/{published}"),
        Some(json!({"expires_on": "2099-12-31"})),
    )
    .await
    .expect_error(403, "forbidden");
    for status in ["closed", "paused", "fulfilled", "draft"] {
        b.post(
            &format!("/api/v1/asks/{published}/status"),
            json!({"status": status}),
        )
        .await
        .expect_error(403, "forbidden");
    }
    b.get(&format!("/api/v1/asks/{published}/revisions"))
        .await
        .expect_error(403, "forbidden");
    b.get(&format!("/api/v1/asks/{published}/intents"))
        .await
        .expect_error(403, "forbidden");
    // nor through the pages
    let edit = b.get(&format!("/asks/{published}/edit")).await.expect(403);
    assert!(edit.text.contains("<html"));
    b.form(
        &format!("/asks/{published}"),
        &[("text", "誰でも良いので紹介して下さい"), ("expires_on", "")],
    )
    .await
    .expect(403);
    b.form(
        &format!("/asks/{published}/status"),
        &[("status", "closed")],
    )
    .await
    .expect(403);
    let page = b.get(&format!("/asks/{published}")).await.expect(200);
    assert!(
        !page
            .text
            .contains(&format!("action=\"/asks/{published}/status\"")),
        "no status buttons for others"
    );

    // someone else's draft: not even there
    b.get(&format!("/api/v1/asks/{draft}"))
        .await
        .expect_error(404, "not_found");
    b.get(&format!("/asks/{draft}")).await.expect(404);
    b.api(
        "patch",
        &format!("/api/v1/asks/{draft}"),
        Some(json!({"text": "誰でも良いので紹介して下さい"})),
    )
    .await
    .expect_error(404, "not_found");
    b.post(
        &format!("/api/v1/asks/{draft}/status"),
        json!({"status": "published"}),
    )
    .await
    .expect_error(404, "not_found");
    b.post(&format!("/api/v1/asks/{draft}/intents"), json!({}))
        .await
        .expect_error(404, "not_found");
    let listed: Vec<i64> = b
        .get("/api/v1/asks")
        .await
        .expect(200)
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect();
    assert_eq!(listed, vec![published]);
    let drafts = b.get("/api/v1/asks?status=draft").await.expect(200).json();
    assert_eq!(drafts, json!([]), "another member's drafts are not listed");

    // nothing changed
    let after = a
        .get(&format!("/api/v1/asks/{published}"))
        .await
        .expect(200)
        .json();
    assert_eq!(
        (
            after["text"].as_str(),
            after["status"].as_str(),
            after["revision"].as_i64()
        ),
        (Some(text), Some("published"), Some(1))
    );
    assert_eq!(
        a.get(&format!("/api/v1/asks/{draft}"))
            .await
            .expect(200)
            .json()["status"],
        "draft"
    );

    // the organizer may pause or close any ask, but not rewrite it
    org.post(
        &format!("/api/v1/asks/{published}/status"),
        json!({"status": "fulfilled"}),
    )
    .await
    .expect_error(403, "forbidden");
    org.api(
        "patch",
        &format!("/api/v1/asks/{published}"),
        Some(json!({"text": "誰でも良いので紹介して下さい"})),
    )
    .await
    .expect_error(403, "forbidden");
    org.post(
        &format!("/api/v1/asks/{published}/status"),
        json!({"status": "paused"}),
    )
    .await
    .expect(200);
    assert_eq!(
        a.get(&format!("/api/v1/asks/{published}")).await.json()["status"],
        "paused"
    );
}

/// Every serialization of a private value that must not appear.
fn assert_no_private(what: &str, body: &str) {
    for needle in [
        "\"female\"",
        "birth_year",
        ">1987<",
        ": 1987",
        "女性",
        "生まれ年",
        "Female",
    ] {
        assert!(
            !body.contains(needle),
            "{what} shows a private attribute ({needle}): {}",
            snippet(body)
        );
    }
}

async fn private_attributes_never_leave_their_owner(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let owner = app.member(&org, "owner@example.jp", "佐藤", "陽子").await;
    let other = app.member(&org, "other@example.jp", "鈴木", "一郎").await;
    let body = json!({
        "family_name": "佐藤", "given_name": "陽子", "family_kana": "さとう", "given_kana": "ようこ",
        "company": "佐藤デザイン", "title": "代表", "industry": "デザイン", "offer": "ロゴと名刺のデザイン", "lang": "ja",
        "profile": {
            "gender": {"value": "female", "visibility": "private"},
            "birth_year": {"value": 1987, "visibility": "private"},
            "residence": {"value": {"prefecture": "東京都", "municipality": "世田谷区"}, "visibility": "members"}
        }
    });
    let saved = owner
        .api("put", "/api/v1/me/profile", Some(body))
        .await
        .expect(200)
        .json();
    // the owner sees everything
    assert_eq!(saved["profile"]["gender"]["value"], "female");
    assert_eq!(saved["profile"]["birth_year"]["value"], 1987);
    let mine = owner.me().await;
    assert_eq!(mine["profile"]["gender"]["visibility"], "private");
    let own_page = owner.get("/me/profile").await.expect(200);
    assert!(
        own_page.text.contains("value=\"1987\""),
        "the owner's form shows the private value"
    );
    let own_member_page = owner
        .get(&format!("/members/{}", owner.id))
        .await
        .expect(200);
    assert!(
        own_member_page.text.contains("女性"),
        "the owner sees their own private attributes"
    );

    // an ask of theirs, and one they can see from others
    let ask = app
        .ask(
            &owner,
            "フットサルが好きな大学生を紹介して下さい",
            "published",
        )
        .await;
    app.ask(
        &other,
        "横浜市で飲食店を経営している人を紹介して下さい",
        "published",
    )
    .await;

    for viewer in [&other, &org] {
        let one = viewer
            .get(&format!("/api/v1/members/{}", owner.id))
            .await
            .expect(200);
        assert_no_private("GET /api/v1/members/{id}", &one.text);
        let v: Value = one.json();
        // what is shared with members is there: the check above can see things
        assert_eq!(
            v["profile"]["residence"]["value"]["municipality"],
            "世田谷区"
        );
        assert_eq!(v["company"], "佐藤デザイン");
        assert!(v["profile"].get("gender").is_none() && v["profile"].get("birth_year").is_none());
        // the email address is for the member and the organizers
        assert_eq!(
            v.get("email").is_some(),
            viewer.id == org.id,
            "email shown to {}: {v}",
            viewer.email
        );

        let all = viewer.get("/api/v1/members").await.expect(200);
        assert_no_private("GET /api/v1/members", &all.text);
        assert!(all.text.contains("世田谷区"));

        let page = viewer
            .get(&format!("/members/{}", owner.id))
            .await
            .expect(200);
        assert_no_private("/members/{id}", &page.text);
        assert!(
            page.text.contains("世田谷区") && page.text.contains("佐藤デザイン"),
            "{}",
            snippet(&page.text)
        );

        for path in [
            "/api/v1/board".to_string(),
            format!("/api/v1/asks/{ask}"),
            "/api/v1/asks".into(),
            "/board".into(),
            format!("/asks/{ask}"),
            "/members".into(),
        ] {
            let r = viewer.get(&path).await.expect(200);
            assert_no_private(&path, &r.text);
        }
        let board = viewer.get("/api/v1/board").await.json();
        assert!(
            board.as_array().unwrap().iter().any(|i| i["id"] == ask),
            "the owner's ask is on the board"
        );
    }
    // the organizer's own views too
    let dash = org.get("/org").await.expect(200);
    assert_no_private("/org", &dash.text);
    let export = org.get("/api/v1/export.csv").await.expect(200);
    assert_no_private("/api/v1/export.csv", &export.text);
}

async fn members_cannot_reach_organizer_tools(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let m = app.member(&org, "member@example.jp", "佐藤", "一郎").await;

    let page = m.get("/org").await.expect(403);
    assert!(
        page.text.contains("<html") && page.text.contains("この操作は許可されていません"),
        "{}",
        snippet(&page.text)
    );
    m.get("/org/export.csv").await.expect(403);
    m.form(
        "/org/invite",
        &[
            ("email", "x@example.jp"),
            ("family_name", "田中"),
            ("given_name", "四郎"),
            ("role", "organizer"),
        ],
    )
    .await
    .expect(403);
    m.form(&format!("/org/members/{}/reset", org.id), &[])
        .await
        .expect(403);
    let csv = "姓,名,メールアドレス\n伊藤,五郎,goro@example.jp\n";
    m.send(
        m.request(Method::POST, "/org/import").multipart(
            reqwest::multipart::Form::new()
                .text("csrf", m.csrf.clone())
                .text("action", "commit")
                .text("csv", csv),
        ),
    )
    .await
    .expect(403);
    let nav = m.get("/board").await.expect(200);
    assert!(
        !nav.text.contains("href=\"/org\""),
        "no organizer link for members"
    );

    m.get("/api/v1/invitations")
        .await
        .expect_error(403, "forbidden");
    m.post("/api/v1/invitations", json!({"email": "x@example.jp", "family_name": "田中", "given_name": "四郎", "role": "organizer"})).await.expect_error(403, "forbidden");
    m.get("/api/v1/export.csv")
        .await
        .expect_error(403, "forbidden");
    let r = m
        .send(
            m.request(Method::POST, "/api/v1/import")
                .header("x-csrf-token", &m.csrf)
                .header("content-type", "text/csv")
                .body(csv),
        )
        .await;
    r.expect_error(403, "forbidden");
    m.post(
        &format!("/api/v1/members/{}/password-reset", org.id),
        json!({}),
    )
    .await
    .expect_error(403, "forbidden");
    // every organizer operation, whatever it is
    for op in operations().iter().filter(|o| o.role == "organizer") {
        let (method, path, auth) = (&op.method, &op.path, &op.role);
        let r = m
            .api(
                method,
                &path.replace("{id}", &org.id.to_string()),
                Some(json!({})),
            )
            .await;
        assert_eq!(
            (r.status, r.code()),
            (403, "forbidden".to_string()),
            "{method} {path} ({auth}) as a member: {}",
            r.text
        );
    }

    // nothing happened: no invitation, no import, the organizer still logs in
    let members: Vec<String> = org
        .get("/api/v1/members")
        .await
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["email"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        members,
        vec![ORG_EMAIL.to_string(), "member@example.jp".to_string()]
    );
    assert_eq!(
        org.get("/api/v1/invitations")
            .await
            .expect(200)
            .json()
            .as_array()
            .unwrap()
            .len(),
        1
    );
    org.get("/api/v1/me").await.expect(200);
}

async fn visitors_see_only_public_pages(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let ask = app
        .ask(
            &org,
            "世田谷区に住んでいる、30代の男性を紹介して下さい",
            "published",
        )
        .await;
    let url = app.invite(&org, "invited@example.jp", "佐藤", "一郎").await;
    let v = app.visitor();

    // public
    v.get("/").await.expect(200);
    v.get("/login").await.expect(200);
    v.get(url.trim_start_matches(&app.base)).await.expect(200);
    v.get("/invite/not-a-real-token").await.expect(404);
    v.get("/static/app.css").await.expect(200);
    v.get("/static/coach.js").await.expect(200);
    v.form_raw(
        "/coach",
        &[("text", "世田谷区に住んでいる、30代の男性を紹介して下さい")],
    )
    .await
    .expect(200);
    v.post(
        "/api/v1/asks/check",
        json!({"text": "世田谷区に住んでいる、30代の男性を紹介して下さい"}),
    )
    .await
    .expect(200);
    v.get("/api/v1/openapi.json").await.expect(200);
    // /setup only while there is no community
    v.get("/setup").await.expect_redirect("/login");
    let again = v
        .form_raw(
            "/setup",
            &[
                ("community", "乗っ取り会"),
                ("family_name", "悪"),
                ("given_name", "太郎"),
                ("email", "evil@example.jp"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(
        again.status,
        403,
        "a second setup: {}",
        snippet(&again.text)
    );
    assert!(v.session_cookie().is_none());

    // every other page sends the visitor to /login
    let pages = [
        "/board".to_string(),
        "/asks/new".into(),
        format!("/asks/{ask}"),
        format!("/asks/{ask}/edit"),
        "/me/asks".into(),
        "/me/profile".into(),
        "/me/tokens".into(),
        "/members".into(),
        format!("/members/{}", org.id),
        "/org".into(),
        "/org/export.csv".into(),
    ];
    for p in &pages {
        let r = v.get(p).await;
        assert!(
            r.status == 303 && r.location().starts_with("/login?next="),
            "GET {p}: {} {:?}",
            r.status,
            r.location()
        );
    }
    let posts = [
        "/asks".to_string(),
        format!("/asks/{ask}"),
        format!("/asks/{ask}/status"),
        format!("/asks/{ask}/intent"),
        "/me/profile".into(),
        "/me/circles".into(),
        "/me/circles/1/delete".into(),
        "/me/tokens".into(),
        "/me/tokens/1/delete".into(),
        "/org/invite".into(),
        format!("/org/members/{}/reset", org.id),
        "/logout".into(),
    ];
    let fields = [
        ("csrf", "x"),
        ("text", "誰でも良いので紹介して下さい"),
        ("status", "closed"),
        ("name", "n"),
        ("family_name", "悪"),
        ("given_name", "太郎"),
        ("email", "evil@example.jp"),
    ];
    for p in &posts {
        let r = v.form_raw(p, &fields).await;
        assert!(
            r.status == 303 && r.location().starts_with("/login"),
            "POST {p}: {} {:?} {}",
            r.status,
            r.location(),
            snippet(&r.text)
        );
    }
    let r = v
        .send(
            v.request(Method::POST, "/org/import").multipart(
                reqwest::multipart::Form::new()
                    .text("csrf", "x")
                    .text("action", "commit")
                    .text("csv", "姓,名,メールアドレス\n悪,太郎,evil@example.jp\n"),
            ),
        )
        .await;
    assert!(
        r.status == 303 && r.location().starts_with("/login"),
        "POST /org/import: {}",
        r.status
    );

    // every API operation that is not public answers 401 JSON
    for op in operations() {
        let (method, path) = (&op.method, &op.path);
        let real = path.replace("{id}", &ask.to_string());
        if op.role == "public" {
            continue;
        }
        let r = v.api(method, &real, Some(json!({}))).await;
        assert_eq!(
            (r.status, r.code()),
            (401, "unauthorized".to_string()),
            "{method} {real} as a visitor: {}",
            r.text
        );
    }
    // a made-up bearer token is no better
    let mut bearer = app.visitor();
    bearer.bearer = Some("ant_0000".into());
    bearer
        .get("/api/v1/me")
        .await
        .expect_error(401, "unauthorized");
    bearer
        .post(
            "/api/v1/asks",
            json!({"text": "誰でも良いので紹介して下さい"}),
        )
        .await
        .expect_error(401, "unauthorized");

    // and nothing was written
    let asks = org.get("/api/v1/asks").await.json();
    assert_eq!(asks.as_array().unwrap().len(), 1);
    assert_eq!(asks[0]["status"], "published");
    assert_eq!(org.count("/api/v1/members").await, 2);
    assert_eq!(org.count("/api/v1/invitations").await, 1);
}

async fn what_members_write_is_escaped_in_pages(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let m = app
        .member(&org, "member@example.jp", "佐藤", "<b>一郎</b>")
        .await;
    let text = "世田谷区に住んでいる<script>alert(1)</script>30代の男性を紹介して下さい";
    let id = app.ask(&m, text, "published").await;
    m.post(
        "/api/v1/me/circles",
        json!({"name": "<img src=x onerror=alert(1)>"}),
    )
    .await
    .expect(201);
    for path in [
        "/board".to_string(),
        format!("/asks/{id}"),
        format!("/members/{}", m.id),
        "/members".into(),
        "/org".into(),
    ] {
        let page = org.get(&path).await.expect(200);
        for raw in ["<script>alert(1)</script>", "<b>一郎</b>", "<img src=x"] {
            assert!(!page.text.contains(raw), "{path} shows {raw} unescaped");
        }
    }
    let page = org.get(&format!("/asks/{id}")).await;
    assert!(
        page.text.contains("&lt;script&gt;") || page.text.contains("&#60;script&#62;"),
        "{}",
        snippet(&page.text)
    );
    // and the security headers are there
    for path in ["/board", "/api/v1/board"] {
        let r = org.get(path).await.expect(200);
        let h = |k: &str| {
            r.headers
                .get(k)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        assert_eq!(
            (
                h("x-content-type-options"),
                h("x-frame-options"),
                h("referrer-policy")
            ),
            ("nosniff".into(), "DENY".into(), "same-origin".into()),
            "{path}"
        );
    }
}
