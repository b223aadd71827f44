//! Regressions for the holes an attacker found: links that outlive their
//! successors, credentials that outlive a reset, an open redirect, private
//! attributes leaking through counts, a setup race, a lockout anyone could
//! trigger, cookies and caching, login CSRF, and limits.

use reqwest::Method;
use serde_json::json;

use crate::support::*;
use antenna_web::Config;

backends!(
    a_new_invitation_revokes_the_earlier_link,
    an_invitation_cannot_take_over_an_active_account,
    a_new_reset_link_revokes_the_earlier_one,
    setting_a_password_ends_earlier_sessions_and_tokens,
    next_never_leads_to_another_host,
    private_attributes_do_not_leak_through_reach,
    the_public_coach_does_not_reveal_the_member_count,
    concurrent_setups_make_one_organizer,
    a_stranger_cannot_lock_out_a_member,
    unknown_and_known_emails_get_the_same_answers,
    successful_logins_from_one_address_are_not_throttled,
    cookies_are_secure_over_https_and_pages_are_not_cached,
    cross_site_forms_are_refused,
    the_body_limit_applies_and_api_errors_are_json,
    throttled_answers_say_when_to_retry,
);

async fn a_new_invitation_revokes_the_earlier_link(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let first = app.invite(&org, "twice@example.jp", "二度", "招").await;
    let second = app.invite(&org, "twice@example.jp", "二度", "招").await;
    let v = app.visitor();
    v.post(
        "/api/v1/invitations/accept",
        json!({"token": token_of(&first), "password": PASSWORD}),
    )
    .await
    .expect_error(404, "invalid_invitation");
    v.get(&format!("/invite/{}", token_of(&first)))
        .await
        .expect(404);
    let member = app.accept(&second, "twice@example.jp").await;
    // the link that was used cannot set a password again
    v.post(
        "/api/v1/invitations/accept",
        json!({"token": token_of(&second), "password": "attacker password"}),
    )
    .await
    .expect_error(404, "invalid_invitation");
    app.login("twice@example.jp", PASSWORD).await;
    assert!(member.me().await["id"].as_i64().is_some());
}

async fn an_invitation_cannot_take_over_an_active_account(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    // invite twice, accept the second: the first must not set a new password
    let first = app.invite(&org, "active@example.jp", "有効", "太郎").await;
    let url = app.invite(&org, "active@example.jp", "有効", "太郎").await;
    app.accept(&url, "active@example.jp").await;
    let v = app.visitor();
    v.post(
        "/api/v1/invitations/accept",
        json!({"token": token_of(&first), "password": "taken over 123"}),
    )
    .await
    .expect_error(404, "invalid_invitation");
    v.post(
        "/api/v1/auth/login",
        json!({"email": "active@example.jp", "password": "taken over 123"}),
    )
    .await
    .expect_error(401, "wrong_credentials");
    app.login("active@example.jp", PASSWORD).await;
}

async fn a_new_reset_link_revokes_the_earlier_one(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let m = app.member(&org, "reset@example.jp", "再設定", "花").await;
    let first = reset_link(&org, m.id).await;
    let second = reset_link(&org, m.id).await;
    let v = app.visitor();
    v.post(
        "/api/v1/invitations/accept",
        json!({"token": token_of(&first), "password": "new password 1"}),
    )
    .await
    .expect_error(404, "invalid_invitation");
    v.post(
        "/api/v1/invitations/accept",
        json!({"token": token_of(&second), "password": "new password 2"}),
    )
    .await
    .expect(200);
    app.login("reset@example.jp", "new password 2").await;
}

async fn reset_link(org: &User, id: i64) -> String {
    org.post(&format!("/api/v1/members/{id}/password-reset"), json!({}))
        .await
        .expect(201)
        .json()["url"]
        .as_str()
        .unwrap()
        .to_string()
}

async fn setting_a_password_ends_earlier_sessions_and_tokens(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let m = app.member(&org, "creds@example.jp", "資格", "一").await;
    let token = m.new_token("script").await["secret"]
        .as_str()
        .unwrap()
        .to_string();
    let url = reset_link(&org, m.id).await;
    // a session started after the link was issued, with the old password
    let later = app.login("creds@example.jp", PASSWORD).await;
    later.get("/api/v1/me").await.expect(200);
    let mut script = app.visitor();
    script.bearer = Some(token.clone());
    script.get("/api/v1/me").await.expect(200);
    app.visitor()
        .post(
            "/api/v1/invitations/accept",
            json!({"token": token_of(&url), "password": "brand new pass"}),
        )
        .await
        .expect(200);
    later
        .get("/api/v1/me")
        .await
        .expect_error(401, "unauthorized");
    m.get("/api/v1/me").await.expect_error(401, "unauthorized");
    script
        .get("/api/v1/me")
        .await
        .expect_error(401, "unauthorized");
    app.login("creds@example.jp", "brand new pass").await;
}

async fn next_never_leads_to_another_host(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    app.setup().await;
    let v = app.visitor();
    for next in [
        "/%09/evil.example/",
        "/%0D%0A/evil.example",
        "/%0Aevil",
        "/%5C/evil.example",
    ] {
        let r = v.get(&format!("/lang/en?next={next}")).await;
        assert!((300..400).contains(&r.status), "{next}: {}", r.status);
        assert_eq!(r.location(), "/", "next={next}");
        let fresh = app.visitor();
        let form = fresh.get(&format!("/login?next={next}")).await.expect(200);
        assert!(!form.text.contains("evil"), "{}", snippet(&form.text));
        let r = fresh
            .form_raw(
                "/login",
                &[
                    ("email", ORG_EMAIL),
                    ("password", PASSWORD),
                    (
                        "next",
                        &next
                            .replace("%09", "\t")
                            .replace("%0A", "\n")
                            .replace("%0D", "\r")
                            .replace("%5C", "\\"),
                    ),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{next}: {}", snippet(&r.text));
        assert_eq!(r.location(), "/board", "login next={next}");
    }
}

/// Members with a residence; `private` of them in 稚内市, privately.
async fn community_with_residences(app: &TestApp, org: &User, private: usize) -> Vec<User> {
    let mut people = Vec::new();
    for i in 0..12 {
        let u = app
            .member(
                org,
                &format!("res{i}@example.jp"),
                "住人",
                &format!("{i}号"),
            )
            .await;
        let (muni, pref, vis) = if i < private {
            ("稚内市", "北海道", "private")
        } else {
            ("世田谷区", "東京都", "members")
        };
        let body = json!({
            "family_name": "住人", "given_name": format!("{i}号"),
            "profile": {
                "gender": {"value": "male", "visibility": "private"},
                "residence": {"value": {"prefecture": pref, "municipality": muni}, "visibility": vis}
            }
        });
        u.api("put", "/api/v1/me/profile", Some(body))
            .await
            .expect(200);
        people.push(u);
    }
    people
}

/// The reach the coach gave an ask `author` saved.
async fn saved_reach(app: &TestApp, author: &User, text: &str) -> f64 {
    let id = app.ask(author, text, "published").await;
    author
        .get(&format!("/api/v1/asks/{id}"))
        .await
        .expect(200)
        .json()["reading"]["reach"]["expected_people"]
        .as_f64()
        .unwrap()
}

async fn private_attributes_do_not_leak_through_reach(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let people = community_with_residences(&app, &org, 1).await;
    let author = &people[5];
    let wakkanai = saved_reach(&app, author, "北海道稚内市に住んでいる人を紹介してください").await;
    let abashiri = saved_reach(&app, author, "北海道網走市に住んでいる人を紹介してください").await;
    // both towns are about the same size: one member's private residence
    // must not make one of them a hundred times more reachable
    assert!(
        wakkanai < abashiri * 3.0,
        "稚内市 {wakkanai} vs 網走市 {abashiri}: a private residence shows"
    );
    // the live coach says the same as the saved ask
    let live = author
        .post(
            "/api/v1/asks/check",
            json!({"text": "北海道稚内市に住んでいる人を紹介してください"}),
        )
        .await
        .expect(200)
        .json();
    assert_eq!(live["reach"]["expected_people"].as_f64(), Some(wakkanai));
}

async fn the_public_coach_does_not_reveal_the_member_count(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let v = app.visitor();
    let body = json!({"text": "世田谷区に住んでいる、30代の男性を紹介して下さい"});
    let before = v
        .post("/api/v1/asks/check", body.clone())
        .await
        .expect(200)
        .json();
    app.member(&org, "one@example.jp", "一", "人").await;
    app.member(&org, "two@example.jp", "二", "人").await;
    let after = v.post("/api/v1/asks/check", body).await.expect(200).json();
    assert_eq!(
        before["reach"], after["reach"],
        "the reach follows the live member count"
    );
}

async fn concurrent_setups_make_one_organizer(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let mut tasks = Vec::new();
    for i in 0..10 {
        let v = app.visitor();
        tasks.push(tokio::spawn(async move {
            v.form_raw(
                "/setup",
                &[
                    ("community", "競争会"),
                    ("family_name", "運営"),
                    ("given_name", &format!("{i}号")),
                    ("email", &format!("org{i}@example.jp")),
                    ("password", PASSWORD),
                ],
            )
            .await
            .status
        }));
    }
    let mut created = 0;
    for t in tasks {
        if t.await.unwrap() == 303 {
            created += 1;
        }
    }
    assert_eq!(created, 1, "exactly one setup succeeds");
    let members = app.store.members().await.unwrap();
    assert_eq!(members.len(), 1, "{members:?}");
    assert!(app.store.community().await.unwrap().is_some());
}

async fn a_stranger_cannot_lock_out_a_member(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    app.setup().await;
    let attacker = app.visitor_from("127.0.0.2");
    let mut last = (0, String::new());
    for _ in 0..8 {
        let r = attacker
            .post(
                "/api/v1/auth/login",
                json!({"email": ORG_EMAIL, "password": "guess guess"}),
            )
            .await;
        last = (r.status, r.code());
    }
    assert_eq!(last, (429, "locked".into()), "the attacker is held back");
    // the organizer, elsewhere, logs in as usual
    let org = app.visitor_from("127.0.0.3");
    org.post(
        "/api/v1/auth/login",
        json!({"email": ORG_EMAIL, "password": PASSWORD}),
    )
    .await
    .expect(200);
    // and the attacker is still held back, even with the right password
    attacker
        .post(
            "/api/v1/auth/login",
            json!({"email": ORG_EMAIL, "password": PASSWORD}),
        )
        .await
        .expect_error(429, "locked");
}

async fn unknown_and_known_emails_get_the_same_answers(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    app.setup().await;
    let answers = |ip: &'static str, email: &'static str| {
        let v = app.visitor_from(ip);
        async move {
            let mut out = Vec::new();
            for _ in 0..7 {
                let r = v
                    .post(
                        "/api/v1/auth/login",
                        json!({"email": email, "password": "wrong wrong"}),
                    )
                    .await;
                out.push((r.status, r.code(), r.json()["error"]["message"].clone()));
            }
            out
        }
    };
    let known = answers("127.0.0.4", ORG_EMAIL).await;
    let unknown = answers("127.0.0.5", "nobody@example.jp").await;
    assert_eq!(known, unknown);
    assert_eq!(known.last().unwrap().0, 429, "{known:?}");
}

async fn successful_logins_from_one_address_are_not_throttled(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    app.setup().await;
    // a venue: everyone behind one address, logging in over the evening
    let venue = app.visitor_from("127.0.0.6");
    for i in 0..35 {
        let r = venue
            .post(
                "/api/v1/auth/login",
                json!({"email": ORG_EMAIL, "password": PASSWORD}),
            )
            .await;
        assert_eq!(r.status, 200, "login {i}: {}", r.text);
    }
}

async fn cookies_are_secure_over_https_and_pages_are_not_cached(ctx: Ctx) {
    let app = ctx
        .spawn_app_with(Config {
            base_url: "https://antenna.example.jp".into(),
            ..Config::default()
        })
        .await;
    let v = app.visitor();
    let r = v
        .form_raw(
            "/setup",
            &[
                ("community", "安全会"),
                ("family_name", "運営"),
                ("given_name", "花子"),
                ("email", ORG_EMAIL),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(r.status, 303, "{}", snippet(&r.text));
    let set = r
        .headers
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    assert!(set.starts_with("antenna_session="), "{set}");
    assert!(set.contains("Secure") && set.contains("HttpOnly"), "{set}");
    let api = v
        .post(
            "/api/v1/auth/login",
            json!({"email": ORG_EMAIL, "password": PASSWORD}),
        )
        .await
        .expect(200);
    let set = api.headers["set-cookie"].to_str().unwrap();
    assert!(set.contains("Secure"), "{set}");
    // plain http keeps working without Secure
    let plain = ctx.spawn_app().await;
    let r = plain
        .visitor()
        .post(
            "/api/v1/auth/login",
            json!({"email": ORG_EMAIL, "password": PASSWORD}),
        )
        .await
        .expect(200);
    assert!(!r.headers["set-cookie"].to_str().unwrap().contains("Secure"));
    let org = plain.login(ORG_EMAIL, PASSWORD).await;
    for path in ["/me/tokens", "/board", "/org", "/api/v1/me"] {
        let r = org.get(path).await.expect(200);
        let cc = r.headers.get("cache-control").map(|v| v.to_str().unwrap());
        assert_eq!(cc, Some("no-store"), "{path}");
    }
}

async fn cross_site_forms_are_refused(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let v = app.visitor();
    let evil = v
        .send(
            v.request(Method::POST, "/login")
                .header("origin", "https://evil.example")
                .form(&[("email", ORG_EMAIL), ("password", PASSWORD)]),
        )
        .await;
    assert_eq!(evil.status, 403, "{}", snippet(&evil.text));
    assert!(
        v.session_cookie().is_none(),
        "no session from a foreign form"
    );
    let fetch = v
        .send(
            v.request(Method::POST, "/login")
                .header("sec-fetch-site", "cross-site")
                .form(&[("email", ORG_EMAIL), ("password", PASSWORD)]),
        )
        .await;
    assert_eq!(fetch.status, 403);
    // a cross-site form with a stolen CSRF token is refused too
    let r = org
        .send(
            org.request(Method::POST, "/logout")
                .header("origin", "https://evil.example")
                .form(&[("csrf", org.csrf.as_str())]),
        )
        .await;
    assert_eq!(r.status, 403);
    org.get("/api/v1/me").await.expect(200);
    // the same site is fine
    let own = v
        .send(
            v.request(Method::POST, "/login")
                .header("origin", &app.base)
                .form(&[("email", ORG_EMAIL), ("password", PASSWORD)]),
        )
        .await;
    assert_eq!(own.status, 303, "{}", snippet(&own.text));
    // an API call with a cookie from another site: JSON 403
    org.send(
        org.request(Method::POST, "/api/v1/tokens")
            .header("origin", "https://evil.example")
            .header("x-csrf-token", &org.csrf)
            .json(&json!({"name": "x"})),
    )
    .await
    .expect_error(403, "cross_origin");
}

async fn the_body_limit_applies_and_api_errors_are_json(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let v = app.visitor();
    let big = format!("{{\"text\": \"{}\"}}", "あ".repeat(400_000));
    let r = v
        .raw(
            "POST",
            "/api/v1/asks/check",
            &[("content-type", "application/json")],
            big.into_bytes(),
        )
        .await;
    assert_eq!(r.status, 413, "{}", snippet(&r.text));
    assert!(
        r.content_type().starts_with("application/json"),
        "{}",
        r.text
    );
    let r = org.api("delete", "/api/v1/board", None).await;
    assert_eq!(r.status, 405);
    assert!(
        r.content_type().starts_with("application/json"),
        "{}",
        r.text
    );
    assert_eq!(r.code(), "method_not_allowed");
    let huge = vec![b'a'; 9 * 1024 * 1024];
    let r = org
        .raw(
            "POST",
            "/api/v1/import",
            &[("content-type", "text/csv"), ("x-csrf-token", &org.csrf)],
            huge,
        )
        .await;
    assert_eq!(r.status, 413, "{}", snippet(&r.text));
    assert!(
        r.content_type().starts_with("application/json"),
        "{}",
        r.text
    );
    // a large CSV below the import limit is still read (and refused for its content)
    let mut csv = String::from("姓,名,メールアドレス\n");
    while csv.len() < 400 * 1024 {
        csv.push_str("会員,号,bad-email\n");
    }
    let r = org
        .send(
            org.request(Method::POST, "/api/v1/import")
                .header("x-csrf-token", &org.csrf)
                .header("content-type", "text/csv")
                .body(csv),
        )
        .await;
    assert_ne!(r.status, 413, "{}", snippet(&r.text));
}

async fn throttled_answers_say_when_to_retry(ctx: Ctx) {
    let app = ctx
        .spawn_app_with(Config {
            coach_per_minute: 2,
            ..Config::default()
        })
        .await;
    app.setup().await;
    let v = app.visitor();
    let body = json!({"text": "税理士を紹介してください"});
    for _ in 0..2 {
        v.post("/api/v1/asks/check", body.clone()).await.expect(200);
    }
    let r = v
        .post("/api/v1/asks/check", body)
        .await
        .expect_error(429, "too_many_requests");
    let secs: u64 = r.headers["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&secs), "{secs}");
    let page = v
        .form_raw("/coach", &[("text", "税理士を紹介してください")])
        .await
        .expect(429);
    assert!(page.headers.contains_key("retry-after"));
    let locked = app.visitor_from("127.0.0.7");
    let mut last = None;
    for _ in 0..6 {
        last = Some(
            locked
                .post(
                    "/api/v1/auth/login",
                    json!({"email": ORG_EMAIL, "password": "nope nope"}),
                )
                .await,
        );
    }
    let last = last.unwrap().expect_error(429, "locked");
    assert!(last.headers.contains_key("retry-after"));
}
