//! Every route answers: each documented API operation is routed (never a
//! routing 404 or a 405) and succeeds for the right user with a plausible
//! body; each page answers for the right user.

use std::collections::BTreeSet;

use reqwest::multipart::{Form, Part};
use reqwest::Method;
use serde_json::{json, Value};

use crate::support::*;

backends!(
    api_operations_are_all_routed,
    pages_answer_for_the_right_user
);

/// A routing miss: 405, or a 404 whose code is the fallback's `not_found`.
fn routing_miss(r: &Resp) -> bool {
    r.status == 405 || (r.status == 404 && r.code() == "not_found")
}

async fn api_operations_are_all_routed(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let m = app.member(&org, "member@example.jp", "佐藤", "一郎").await;

    // the detector itself: an unknown path and a wrong method are misses
    let unknown = m
        .get("/api/v1/no-such-thing")
        .await
        .expect_error(404, "not_found");
    assert!(routing_miss(&unknown));
    let wrong_method = m.api("put", "/api/v1/board", Some(json!({}))).await;
    assert!(
        routing_miss(&wrong_method),
        "PUT /api/v1/board: {}",
        wrong_method.status
    );

    // real ids for every {id}
    let ask_id = app
        .ask(
            &m,
            "世田谷区に住んでいる、30代の男性を紹介して下さい",
            "published",
        )
        .await;
    let circle_id = m.new_circle("世田谷区の商店会").await;
    let token_id = m.new_token("script").await["token"]["id"].as_i64().unwrap();
    let invited = org
        .post(
            "/api/v1/invitations",
            json!({"email": "invited@example.jp", "family_name": "鈴木", "given_name": "次郎"}),
        )
        .await
        .expect(201)
        .json();
    let invited_id = invited["invitation"]["member_id"].as_i64().unwrap();
    let accept_url = app
        .invite(&org, "accepter@example.jp", "高橋", "三郎")
        .await;

    let me = m.me().await;
    let profile_body = json!({
        "family_name": "佐藤", "given_name": "一郎", "family_kana": "さとう", "given_kana": "いちろう",
        "company": me["company"], "title": me["title"], "industry": me["industry"], "offer": me["offer"], "lang": "ja",
        "profile": {"residence": {"value": {"prefecture": "東京都", "municipality": "世田谷区"}, "visibility": "members"}}
    });

    // deletions and logout last, so the ids and the session stay valid
    let mut ops = operations();
    assert!(ops.len() >= 29, "{} operations", ops.len());
    ops.sort_by_key(|o| match (o.method.as_str(), o.path.as_str()) {
        (_, "/api/v1/auth/logout") => 2,
        ("delete", _) => 1,
        _ => 0,
    });
    let visitor = app.visitor();
    let mut seen = BTreeSet::new();
    for op in &ops {
        let (method, path, auth) = (op.method.as_str(), op.path.as_str(), op.role.as_str());
        let real = if !path.contains("{id}") {
            path.to_string()
        } else {
            path.replace(
                "{id}",
                &match path {
                    p if p.starts_with("/api/v1/asks/") => ask_id,
                    p if p.starts_with("/api/v1/me/circles/") => circle_id,
                    p if p.starts_with("/api/v1/tokens/") => token_id,
                    p if p.starts_with("/api/v1/members/") && p.ends_with("password-reset") => {
                        invited_id
                    }
                    p if p.starts_with("/api/v1/members/") => org.id,
                    p => panic!("no id known for {p}"),
                }
                .to_string(),
            )
        };
        let who = match (auth, method, path) {
            ("public", ..) => &visitor,
            ("organizer", ..) => &org,
            // someone else's ask: the author cannot answer their own
            (_, "post", "/api/v1/asks/{id}/intents") => &org,
            _ => &m,
        };
        let payload: Option<Value> = match (method, path) {
            ("post", "/api/v1/asks/check") => {
                Some(json!({"text": "世田谷区に住んでいる、30代の男性を紹介して下さい"}))
            }
            ("post", "/api/v1/asks") => {
                Some(json!({"text": "フットサルが好きな大学生を紹介して下さい"}))
            }
            ("patch", "/api/v1/asks/{id}") => {
                Some(json!({"text": "世田谷区に住んでいる、30代後半の男性を紹介して下さい"}))
            }
            ("post", "/api/v1/asks/{id}/status") => Some(json!({"status": "published"})),
            ("post", "/api/v1/asks/{id}/intents") => Some(json!({"note": "大学の同級生にいます"})),
            ("put", "/api/v1/me/profile") => Some(profile_body.clone()),
            ("post", "/api/v1/me/circles") => Some(json!({"name": "三軒茶屋フットサル部"})),
            ("post", "/api/v1/invitations") => Some(
                json!({"email": "new@example.jp", "family_name": "田中", "given_name": "四郎"}),
            ),
            ("post", "/api/v1/invitations/accept") => {
                Some(json!({"token": token_of(&accept_url), "password": PASSWORD}))
            }
            ("post", "/api/v1/auth/login") => {
                Some(json!({"email": ORG_EMAIL, "password": PASSWORD}))
            }
            ("post", "/api/v1/tokens") => Some(json!({"name": "another"})),
            _ => op.body.as_ref().map(|_| json!({})),
        };
        let r = if path == "/api/v1/import" {
            let csv = "姓,名,メールアドレス\n伊藤,五郎,goro@example.jp\n";
            who.send(
                who.request(Method::POST, &real)
                    .header("x-csrf-token", &who.csrf)
                    .header("content-type", "text/csv")
                    .body(csv),
            )
            .await
        } else {
            who.api(method, &real, payload).await
        };
        assert!(
            !routing_miss(&r),
            "{} {real} is not routed: {} {}",
            method.to_uppercase(),
            r.status,
            snippet(&r.text)
        );
        assert!(
            (200..300).contains(&r.status),
            "{} {real} as {auth}: {} {}",
            method.to_uppercase(),
            r.status,
            snippet(&r.text)
        );
        // the answer is one the document describes
        assert!(
            op.statuses.contains(&r.status.to_string()),
            "{} {path} answered {}, documented: {:?}",
            method.to_uppercase(),
            r.status,
            op.statuses
        );
        seen.insert((method, path));
    }
    assert_eq!(seen.len(), ops.len(), "an operation is listed twice");
    // the logout above really ended the session
    m.get("/api/v1/me").await.expect_error(401, "unauthorized");
}

async fn pages_answer_for_the_right_user(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let visitor = app.visitor();

    // before the first run
    visitor.get("/").await.expect_redirect("/setup");
    let setup = visitor.get("/setup").await.expect(200);
    assert!(
        setup.text.contains("コミュニティを作成"),
        "{}",
        snippet(&setup.text)
    );
    let org = app.setup().await; // POST /setup → 303 /org
    visitor.get("/setup").await.expect_redirect("/login");

    // public pages
    let home = visitor.get("/").await.expect(200);
    assert!(home.text.contains("紹介依頼を診断する"));
    let coach = visitor
        .form_raw(
            "/coach",
            &[("text", "世田谷区に住んでいる、30代の男性を紹介して下さい")],
        )
        .await
        .expect(200);
    assert!(
        coach.text.contains("<mark>世田谷区</mark>"),
        "{}",
        snippet(&coach.text)
    );
    assert!(coach.text.contains("class=\"chip\""));
    visitor.get("/login").await.expect(200);
    let css = visitor.get("/static/app.css").await.expect(200);
    assert!(css.content_type().starts_with("text/css"));
    let js = visitor.get("/static/coach.js").await.expect(200);
    assert!(js.content_type().starts_with("text/javascript"));
    assert_eq!(visitor.get("/healthz").await.expect(200).text, "ok");
    app.visitor()
        .get("/lang/en?next=/login")
        .await
        .expect_redirect("/login");
    let missing = visitor.get("/no-such-page").await.expect(404);
    assert!(missing.text.contains("<html"), "the 404 page is HTML");

    // an invitation, accepted through its page
    let url = app.invite(&org, "member@example.jp", "佐藤", "一郎").await;
    let path = url.trim_start_matches(&app.base).to_string();
    let invite = visitor.get(&path).await.expect(200);
    assert!(
        invite.text.contains("value=\"佐藤\""),
        "{}",
        snippet(&invite.text)
    );
    let mut m = app.visitor();
    m.form_raw(
        &path,
        &[
            ("family_name", "佐藤"),
            ("given_name", "一郎"),
            ("family_kana", "さとう"),
            ("given_kana", "いちろう"),
            ("password", PASSWORD),
        ],
    )
    .await
    .expect_redirect("/me/profile");
    m.refresh_csrf().await;
    m.id = m.me().await["id"].as_i64().unwrap();

    // profile and circles
    let profile = m.get("/me/profile").await.expect(200);
    assert!(profile.text.contains("value=\"さとう\""));
    m.form(
        "/me/profile",
        &[
            ("family_name", "佐藤"),
            ("given_name", "一郎"),
            ("family_kana", "さとう"),
            ("given_kana", "いちろう"),
            ("company", "佐藤工務店"),
            ("lang", "ja"),
        ],
    )
    .await
    .expect_redirect("/me/profile?saved=1");
    assert_eq!(m.me().await["company"], "佐藤工務店");
    m.form(
        "/me/circles",
        &[
            ("name", "世田谷区の商店会"),
            ("description", "毎月の定例会"),
        ],
    )
    .await
    .expect_redirect("/me/profile");
    let circles = m.get("/api/v1/me/circles").await.expect(200).json();
    assert_eq!(circles[0]["name"], "世田谷区の商店会");
    let circle_id = circles[0]["id"].as_i64().unwrap();
    m.form(&format!("/me/circles/{circle_id}/delete"), &[])
        .await
        .expect_redirect("/me/profile");
    assert_eq!(m.get("/api/v1/me/circles").await.json(), json!([]));

    // asks
    m.get("/asks/new").await.expect(200);
    let created = m
        .form(
            "/asks",
            &[
                ("text", "世田谷区に住んでいる、30代の男性を紹介して下さい"),
                ("action", "publish"),
            ],
        )
        .await
        .expect_redirect("/asks/");
    let ask_id: i64 = created
        .location()
        .trim_start_matches("/asks/")
        .parse()
        .unwrap();
    let ask = m.get(&format!("/asks/{ask_id}")).await.expect(200);
    assert!(ask.text.contains("data-status=\"published\""));
    m.get(&format!("/asks/{ask_id}/edit")).await.expect(200);
    m.form(
        &format!("/asks/{ask_id}"),
        &[
            (
                "text",
                "世田谷区に住んでいる、30代後半の男性を紹介して下さい",
            ),
            ("expires_on", ""),
        ],
    )
    .await
    .expect_redirect(&format!("/asks/{ask_id}"));
    m.form(&format!("/asks/{ask_id}/status"), &[("status", "paused")])
        .await
        .expect_redirect(&format!("/asks/{ask_id}"));
    m.form(
        &format!("/asks/{ask_id}/status"),
        &[("status", "published")],
    )
    .await
    .expect_redirect(&format!("/asks/{ask_id}"));
    org.form(
        &format!("/asks/{ask_id}/intent"),
        &[("note", "同級生にいます")],
    )
    .await
    .expect_redirect(&format!("/asks/{ask_id}?sent=1"));
    let mine = m.get("/me/asks").await.expect(200);
    assert!(mine.text.contains("30代後半"));
    let board = org.get("/board").await.expect(200);
    assert!(board.text.contains(&format!("data-ask=\"{ask_id}\"")));
    let members = m.get("/members").await.expect(200);
    assert!(members.text.contains("運営 花子"));
    let member = m.get(&format!("/members/{}", org.id)).await.expect(200);
    assert!(member.text.contains("運営 花子"));

    // API tokens
    m.get("/me/tokens").await.expect(200);
    let created = m
        .form("/me/tokens", &[("name", "スクリプト")])
        .await
        .expect(200);
    assert!(created.text.contains("ant_"), "the secret is shown once");
    let token_id = m.get("/api/v1/tokens").await.json()[0]["id"]
        .as_i64()
        .unwrap();
    m.form(&format!("/me/tokens/{token_id}/delete"), &[])
        .await
        .expect_redirect("/me/tokens");
    assert_eq!(m.get("/api/v1/tokens").await.json(), json!([]));

    // logging in through the page
    let other = app.visitor();
    other
        .form_raw(
            "/login",
            &[
                ("email", "member@example.jp"),
                ("password", PASSWORD),
                ("next", "/me/asks"),
            ],
        )
        .await
        .expect_redirect("/me/asks");
    other.get("/login").await.expect_redirect("/board");
    other.get("/me/asks").await.expect(200);

    // the organizer's pages
    let dash = org.get("/org").await.expect(200);
    assert!(dash.text.contains("member@example.jp"));
    let invited = org
        .form(
            "/org/invite",
            &[
                ("email", "page-invite@example.jp"),
                ("family_name", "田中"),
                ("given_name", "四郎"),
                ("role", "member"),
            ],
        )
        .await
        .expect(200);
    assert!(
        invited.text.contains("class=\"invite-link\""),
        "{}",
        snippet(&invited.text)
    );
    let reset = org
        .form(&format!("/org/members/{}/reset", m.id), &[])
        .await
        .expect(200);
    assert!(reset.text.contains("class=\"invite-link\""));
    let csv = "姓,名,メールアドレス\n伊藤,五郎,goro@example.jp\n";
    let preview = org
        .send(
            org.request(Method::POST, "/org/import").multipart(
                Form::new()
                    .text("csrf", org.csrf.clone())
                    .text("action", "preview")
                    .part(
                        "file",
                        Part::bytes(csv.as_bytes().to_vec()).file_name("members.csv"),
                    ),
            ),
        )
        .await
        .expect(200);
    assert!(
        preview.text.contains("goro@example.jp") && preview.text.contains("id=\"import-rows\""),
        "{}",
        snippet(&preview.text)
    );
    let commit = org
        .send(
            org.request(Method::POST, "/org/import").multipart(
                Form::new()
                    .text("csrf", org.csrf.clone())
                    .text("action", "commit")
                    .text("csv", csv),
            ),
        )
        .await
        .expect(200);
    assert!(
        commit.text.contains("class=\"invite-link\""),
        "{}",
        snippet(&commit.text)
    );
    let export = org.get("/org/export.csv").await.expect(200);
    assert!(export.content_type().starts_with("text/csv"));
    assert!(export.text.contains("goro@example.jp") && export.text.contains("伊藤"));

    // logging out through the page
    org.form("/logout", &[]).await.expect_redirect("/");
    org.get("/board").await.expect_redirect("/login");
}
