//! Accounts: invitations, logging in and out, lockout, password resets.

use serde_json::json;

use crate::support::*;

backends!(
    an_invitation_sets_the_password_once,
    an_invitation_accepted_through_its_page,
    wrong_passwords_lock_the_account,
    a_password_reset_link_works_and_ends_old_sessions,
    logout_ends_the_session,
    login_redirects_only_inside_the_site,
);

async fn an_invitation_sets_the_password_once(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let url = app.invite(&org, "Member@Example.jp", "佐藤", "一郎").await;
    let token = token_of(&url);
    let invitations = org.get("/api/v1/invitations").await.expect(200);
    assert!(
        !invitations.text.contains(&token),
        "only the token's hash is stored"
    );
    // invited, not yet active: cannot log in
    app.visitor()
        .post(
            "/api/v1/auth/login",
            json!({"email": "member@example.jp", "password": ""}),
        )
        .await
        .expect_error(401, "wrong_credentials");

    let v = app.visitor();
    // a bad password is refused and the link stays valid
    let r = v
        .post(
            "/api/v1/invitations/accept",
            json!({"token": token, "password": "short"}),
        )
        .await
        .expect_error(422, "invalid");
    assert_eq!(r.fields(), vec!["password"]);
    assert!(v.session_cookie().is_none());
    let r = v
        .post(
            "/api/v1/invitations/accept",
            json!({"token": token, "password": PASSWORD, "family_kana": "sato"}),
        )
        .await
        .expect_error(422, "invalid");
    assert_eq!(r.fields(), vec!["family_kana"]);

    // accepted: logged in at once
    let r = v
        .post(
            "/api/v1/invitations/accept",
            json!({"token": token, "password": PASSWORD, "family_kana": "さとう"}),
        )
        .await
        .expect(200);
    let body = r.json();
    assert_eq!(body["role"], "member");
    assert!(body["csrf_token"].as_str().is_some_and(|t| t.len() >= 32));
    assert!(v.session_cookie().is_some());
    let set_cookie = r
        .headers
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
        "{set_cookie}"
    );
    let me = v.me().await;
    assert_eq!(
        (
            me["email"].as_str(),
            me["family_kana"].as_str(),
            me["id"].as_i64()
        ),
        (
            Some("member@example.jp"),
            Some("さとう"),
            body["member_id"].as_i64()
        )
    );

    // the link is spent
    app.visitor()
        .post(
            "/api/v1/invitations/accept",
            json!({"token": token, "password": "another password"}),
        )
        .await
        .expect_error(404, "invalid_invitation");
    let page = app
        .visitor()
        .get(&format!("/invite/{token}"))
        .await
        .expect(404);
    assert!(
        page.text
            .contains("この招待リンクは無効か、期限が切れています"),
        "{}",
        snippet(&page.text)
    );
    let r = app
        .visitor()
        .form_raw(
            &format!("/invite/{token}"),
            &[
                ("family_name", "佐藤"),
                ("given_name", "一郎"),
                ("password", "another password"),
            ],
        )
        .await;
    assert_eq!(r.status, 404);
    app.visitor()
        .post(
            "/api/v1/invitations/accept",
            json!({"token": "0".repeat(64), "password": PASSWORD}),
        )
        .await
        .expect_error(404, "invalid_invitation");
    // the password is the first one
    app.visitor()
        .post(
            "/api/v1/auth/login",
            json!({"email": "member@example.jp", "password": "another password"}),
        )
        .await
        .expect_error(401, "wrong_credentials");
    let again = app.login("MEMBER@example.jp", PASSWORD).await;
    assert_eq!(again.id, me["id"].as_i64().unwrap());
    // inviting an active member again is refused
    org.post(
        "/api/v1/invitations",
        json!({"email": "member@example.jp", "family_name": "佐藤", "given_name": "一郎"}),
    )
    .await
    .expect_error(409, "already_member");
}

async fn an_invitation_accepted_through_its_page(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let url = app.invite(&org, "member@example.jp", "佐藤", "一郎").await;
    let path = url.trim_start_matches(&app.base).to_string();
    let v = app.visitor();
    let page = v.get(&path).await.expect(200);
    assert!(page.text.contains("value=\"一郎\""));
    // a short password: the form again, with the message beside the field
    let r = v
        .form_raw(
            &path,
            &[
                ("family_name", "佐藤"),
                ("given_name", "一郎"),
                ("password", "short"),
            ],
        )
        .await
        .expect(422);
    assert!(
        r.text.contains("id=\"err-password\"")
            && r.text.contains("パスワードは8文字以上にしてください。"),
        "{}",
        snippet(&r.text)
    );
    assert!(v.session_cookie().is_none());
    // accepted
    v.form_raw(
        &path,
        &[
            ("family_name", "佐藤"),
            ("given_name", "一朗"),
            ("password", PASSWORD),
        ],
    )
    .await
    .expect_redirect("/me/profile");
    let me = v.me().await;
    assert_eq!(me["given_name"], "一朗");
    v.get("/board").await.expect(200);
    // spent
    v.get(&path).await.expect(404);
    app.visitor()
        .post(
            "/api/v1/invitations/accept",
            json!({"token": token_of(&url), "password": PASSWORD}),
        )
        .await
        .expect_error(404, "invalid_invitation");
    app.login("member@example.jp", PASSWORD).await;
}

async fn wrong_passwords_lock_the_account(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let m = app.member(&org, "member@example.jp", "佐藤", "一郎").await;
    let v = app.visitor();
    let login = |password: &'static str| {
        v.post(
            "/api/v1/auth/login",
            json!({"email": "member@example.jp", "password": password}),
        )
    };

    // an unknown address looks the same as a wrong password
    v.post(
        "/api/v1/auth/login",
        json!({"email": "nobody@example.jp", "password": PASSWORD}),
    )
    .await
    .expect_error(401, "wrong_credentials");
    for attempt in 1..=4 {
        let r = login("wrong password").await;
        assert_eq!(
            (r.status, r.code()),
            (401, "wrong_credentials".into()),
            "attempt {attempt}: {}",
            r.text
        );
    }
    // the fifth failure locks
    let fifth = login("wrong password").await;
    assert!(
        matches!(
            (fifth.status, fifth.code().as_str()),
            (401, "wrong_credentials") | (429, "locked")
        ),
        "fifth: {}",
        fifth.text
    );
    // now even the right password is refused
    login(PASSWORD).await.expect_error(429, "locked");
    let page = v
        .form_raw(
            "/login",
            &[("email", "member@example.jp"), ("password", PASSWORD)],
        )
        .await
        .expect(429);
    assert!(
        page.text.contains("15分間ログインできません"),
        "{}",
        snippet(&page.text)
    );
    assert!(v.session_cookie().is_none());
    // others are not affected, nor the session the member already had
    app.login(ORG_EMAIL, PASSWORD).await;
    m.get("/api/v1/me").await.expect(200);

    // the organizer's reset link unlocks the account
    let url = org
        .post(
            &format!("/api/v1/members/{}/password-reset", m.id),
            json!({}),
        )
        .await
        .expect(201)
        .json()["url"]
        .as_str()
        .unwrap()
        .to_string();
    app.visitor()
        .post(
            "/api/v1/invitations/accept",
            json!({"token": token_of(&url), "password": "a brand new password"}),
        )
        .await
        .expect(200);
    app.login("member@example.jp", "a brand new password").await;
}

async fn a_password_reset_link_works_and_ends_old_sessions(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let m = app.member(&org, "member@example.jp", "佐藤", "一郎").await;
    let second = app.login("member@example.jp", PASSWORD).await;
    m.get("/api/v1/me").await.expect(200);
    second.get("/api/v1/me").await.expect(200);

    let r = org
        .post(
            &format!("/api/v1/members/{}/password-reset", m.id),
            json!({}),
        )
        .await
        .expect(201)
        .json();
    let url = r["url"].as_str().unwrap().to_string();
    assert!(url.starts_with(&format!("{}/invite/", app.base)));
    assert_eq!(r["invitation"]["member_id"], m.id);

    // every session of the member ended; other people's did not
    m.get("/api/v1/me").await.expect_error(401, "unauthorized");
    second
        .get("/api/v1/me")
        .await
        .expect_error(401, "unauthorized");
    m.get("/board").await.expect_redirect("/login");
    org.get("/api/v1/me").await.expect(200);

    // the link sets a new password and logs in
    let v = app.visitor();
    v.get(&format!("/invite/{}", token_of(&url)))
        .await
        .expect(200);
    let out = v
        .post(
            "/api/v1/invitations/accept",
            json!({"token": token_of(&url), "password": "a brand new password"}),
        )
        .await
        .expect(200)
        .json();
    assert_eq!(out["member_id"], m.id);
    assert_eq!(v.me().await["id"], m.id);
    app.login("member@example.jp", "a brand new password").await;
    app.visitor()
        .post(
            "/api/v1/auth/login",
            json!({"email": "member@example.jp", "password": PASSWORD}),
        )
        .await
        .expect_error(401, "wrong_credentials");
    // once only
    app.visitor()
        .post(
            "/api/v1/invitations/accept",
            json!({"token": token_of(&url), "password": "yet another password"}),
        )
        .await
        .expect_error(404, "invalid_invitation");
    // the member's data is still theirs
    assert_eq!(v.me().await["email"], "member@example.jp");
}

async fn logout_ends_the_session(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let m = app.member(&org, "member@example.jp", "佐藤", "一郎").await;

    // through the API
    let cookie = m.session_cookie().expect("a session cookie");
    let r = m.post("/api/v1/auth/logout", json!({})).await.expect(204);
    assert!(r
        .headers
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .contains("Max-Age=0"));
    assert!(m.session_cookie().is_none(), "the cookie is cleared");
    m.get("/api/v1/me").await.expect_error(401, "unauthorized");
    // and on the server: the old cookie no longer works
    let replay = app.visitor();
    let r = replay
        .send(
            replay
                .request(reqwest::Method::GET, "/api/v1/me")
                .header("cookie", format!("antenna_session={cookie}")),
        )
        .await;
    r.expect_error(401, "unauthorized");

    // through the page
    let mut again = app.visitor();
    again
        .form_raw(
            "/login",
            &[
                ("email", "member@example.jp"),
                ("password", PASSWORD),
                ("next", "/board"),
            ],
        )
        .await
        .expect_redirect("/board");
    again.refresh_csrf().await;
    let cookie = again.session_cookie().unwrap();
    again.form("/logout", &[]).await.expect_redirect("/");
    again.get("/board").await.expect_redirect("/login");
    let r = replay
        .send(
            replay
                .request(reqwest::Method::GET, "/board")
                .header("cookie", format!("antenna_session={cookie}")),
        )
        .await;
    r.expect_redirect("/login");
    // the organizer was not logged out
    org.get("/api/v1/me").await.expect(200);
}

async fn login_redirects_only_inside_the_site(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    app.setup().await;
    for next in [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "javascript:alert(1)",
    ] {
        let v = app.visitor();
        let r = v
            .form_raw(
                "/login",
                &[("email", ORG_EMAIL), ("password", PASSWORD), ("next", next)],
            )
            .await;
        assert_eq!(
            (r.status, r.location().as_str()),
            (303, "/board"),
            "next={next}"
        );
    }
    let v = app.visitor();
    v.form_raw(
        "/login",
        &[
            ("email", ORG_EMAIL),
            ("password", PASSWORD),
            ("next", "/members?x=1"),
        ],
    )
    .await
    .expect_redirect("/members?x=1");
    // a wrong password shows the form again, with the message
    let r = app
        .visitor()
        .form_raw(
            "/login",
            &[
                ("email", ORG_EMAIL),
                ("password", "wrong password"),
                ("next", "/board"),
            ],
        )
        .await
        .expect(401);
    assert!(
        r.text.contains("id=\"login-error\"")
            && r.text.contains("メールアドレスかパスワードが違います。"),
        "{}",
        snippet(&r.text)
    );
    assert!(
        r.text.contains(&format!("value=\"{ORG_EMAIL}\"")),
        "the email is kept"
    );
    // a page that needs a login sends back to it afterwards
    let v = app.visitor();
    let to = v
        .get("/members")
        .await
        .expect_redirect("/login?next=")
        .location();
    let form = v.get(&to).await.expect(200);
    assert!(
        form.text.contains("name=\"next\" value=\"/members\""),
        "{}",
        snippet(&form.text)
    );
}
