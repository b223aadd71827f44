//! Bad input: malformed or mistyped bodies, oversized bodies, unknown ids,
//! and form validation on pages (messages beside the fields, nothing saved).

use reqwest::Method;
use serde_json::json;

use crate::support::*;

backends!(
    malformed_json_is_400,
    wrong_content_type_is_415,
    oversized_bodies_are_413,
    unknown_ids_are_404,
    api_errors_are_always_json,
    profile_body_needs_only_the_documented_fields,
    page_forms_show_messages_beside_the_fields,
    the_setup_form_validates,
);

async fn malformed_json_is_400(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let raw = |path: &'static str, method: Method, body: &'static str| {
        org.request(method, path)
            .header("x-csrf-token", &org.csrf)
            .header("content-type", "application/json")
            .body(body)
    };
    for (path, method) in [
        ("/api/v1/asks", Method::POST),
        ("/api/v1/asks/check", Method::POST),
        ("/api/v1/me/profile", Method::PUT),
        ("/api/v1/tokens", Method::POST),
    ] {
        for body in ["{\"text\": ", "not json", "[1, 2", ""] {
            let r = org.send(raw(path, method.clone(), body)).await;
            assert_eq!(
                (r.status, r.code()),
                (400, "invalid_json".to_string()),
                "{method} {path} with {body:?}: {}",
                r.text
            );
        }
    }
    // well-formed JSON of the wrong shape
    org.post("/api/v1/asks", json!({"text": 42}))
        .await
        .expect_error(400, "invalid_json");
    org.post("/api/v1/asks", json!(["a list"]))
        .await
        .expect_error(400, "invalid_json");
    assert_eq!(org.get("/api/v1/asks?mine=true").await.json(), json!([]));
}

async fn wrong_content_type_is_415(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let body = r#"{"text": "世田谷区に住んでいる、30代の男性を紹介して下さい"}"#;
    for ct in [
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
        None,
    ] {
        for path in ["/api/v1/asks/check", "/api/v1/asks"] {
            let mut rb = org
                .request(Method::POST, path)
                .header("x-csrf-token", &org.csrf)
                .body(body);
            if let Some(ct) = ct {
                rb = rb.header("content-type", ct);
            }
            let r = org.send(rb).await;
            assert_eq!(
                (r.status, r.code()),
                (415, "unsupported_media_type".to_string()),
                "{path} as {ct:?}: {}",
                r.text
            );
        }
    }
    // a charset parameter is fine
    let r = org
        .send(
            org.request(Method::POST, "/api/v1/asks/check")
                .header("content-type", "application/json; charset=utf-8")
                .body(body),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(org.get("/api/v1/asks?mine=true").await.json(), json!([]));
}

async fn oversized_bodies_are_413(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let limit = antenna_web::IMPORT_LIMIT;
    let json_ct = ("content-type", "application/json");
    let csrf = ("x-csrf-token", org.csrf.as_str());

    // the API reads bodies up to BODY_LIMIT (256 KiB): 200 KiB is read (and
    // refused for its content); 3 MiB is refused unread; only the import
    // takes up to IMPORT_LIMIT
    let big = format!(r#"{{"text": "{}"}}"#, "a".repeat(200 * 1024));
    org.raw("POST", "/api/v1/asks/check", &[json_ct], big.into_bytes())
        .await
        .expect_error(422, "invalid");
    let big = format!(r#"{{"text": "{}"}}"#, "a".repeat(3 * 1024 * 1024));
    org.raw("POST", "/api/v1/asks/check", &[json_ct], big.into_bytes())
        .await
        .expect_error(413, "payload_too_large");
    // over the limit: 413, as JSON
    let huge = format!(r#"{{"text": "{}"}}"#, "a".repeat(limit));
    org.raw(
        "POST",
        "/api/v1/asks/check",
        &[json_ct],
        huge.clone().into_bytes(),
    )
    .await
    .expect_error(413, "payload_too_large");
    org.raw("POST", "/api/v1/asks", &[json_ct, csrf], huge.into_bytes())
        .await
        .expect_error(413, "payload_too_large");
    let mut csv = String::from("姓,名,メールアドレス\n");
    while csv.len() <= limit {
        csv.push_str("山田,太郎,taro@example.jp\n");
    }
    let r = org
        .raw(
            "POST",
            "/api/v1/import?dry_run=true",
            &[("content-type", "text/csv"), csrf],
            csv.into_bytes(),
        )
        .await;
    assert_eq!(r.status, 413, "{}", snippet(&r.text));

    // pages have the same limit (256 KiB): a 3 MiB form is refused
    let form_ct = ("content-type", "application/x-www-form-urlencoded");
    let r = org
        .raw(
            "POST",
            "/coach",
            &[form_ct],
            format!("text={}", "a".repeat(3 * 1024 * 1024)).into_bytes(),
        )
        .await;
    assert_eq!(r.status, 413, "{}", snippet(&r.text));
    let r = org
        .raw(
            "POST",
            "/asks",
            &[form_ct],
            format!("csrf={}&text={}", org.csrf, "a".repeat(3 * 1024 * 1024)).into_bytes(),
        )
        .await;
    assert_eq!(r.status, 413, "{}", snippet(&r.text));
    // just under it, a form is read (and its text refused as too long)
    let r = org
        .raw(
            "POST",
            "/coach",
            &[form_ct],
            format!("text={}", "a".repeat(200 * 1024)).into_bytes(),
        )
        .await;
    assert_eq!(r.status, 422, "{}", snippet(&r.text));
    assert_eq!(org.get("/api/v1/asks?mine=true").await.json(), json!([]));
}

async fn unknown_ids_are_404(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let id = 987_654;
    org.get(&format!("/api/v1/asks/{id}"))
        .await
        .expect_error(404, "not_found");
    org.api(
        "patch",
        &format!("/api/v1/asks/{id}"),
        Some(json!({"text": "誰でも良いので紹介して下さい"})),
    )
    .await
    .expect_error(404, "not_found");
    org.post(
        &format!("/api/v1/asks/{id}/status"),
        json!({"status": "closed"}),
    )
    .await
    .expect_error(404, "not_found");
    org.get(&format!("/api/v1/asks/{id}/revisions"))
        .await
        .expect_error(404, "not_found");
    org.get(&format!("/api/v1/asks/{id}/intents"))
        .await
        .expect_error(404, "not_found");
    org.post(&format!("/api/v1/asks/{id}/intents"), json!({}))
        .await
        .expect_error(404, "not_found");
    org.get(&format!("/api/v1/members/{id}"))
        .await
        .expect_error(404, "not_found");
    org.post(&format!("/api/v1/members/{id}/password-reset"), json!({}))
        .await
        .expect_error(404, "not_found");
    org.api("delete", &format!("/api/v1/me/circles/{id}"), None)
        .await
        .expect_error(404, "not_found");
    org.api("delete", &format!("/api/v1/tokens/{id}"), None)
        .await
        .expect_error(404, "not_found");
    for page in [
        format!("/asks/{id}"),
        format!("/asks/{id}/edit"),
        format!("/members/{id}"),
    ] {
        let r = org.get(&page).await.expect(404);
        assert!(
            r.text.contains("見つかりません"),
            "{page}: {}",
            snippet(&r.text)
        );
    }
    // someone else's circle or token is as good as unknown
    let m = app.member(&org, "member@example.jp", "佐藤", "一郎").await;
    let circle = m.new_circle("世田谷区の商店会").await;
    let token = m.new_token("script").await["token"]["id"].as_i64().unwrap();
    org.api("delete", &format!("/api/v1/me/circles/{circle}"), None)
        .await
        .expect_error(404, "not_found");
    org.api("delete", &format!("/api/v1/tokens/{token}"), None)
        .await
        .expect_error(404, "not_found");
    assert_eq!(m.me().await["circles"].as_array().unwrap().len(), 1);
    assert_eq!(m.count("/api/v1/tokens").await, 1);
}

async fn api_errors_are_always_json(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    for path in [
        "/api/v1/asks/abc",
        "/api/v1/asks?limit=many",
        "/api/v1/board?offset=-1",
        "/api/v1/members/x",
    ] {
        let r = org.get(path).await;
        assert!(r.status >= 400 && r.status < 500, "{path}: {}", r.status);
        assert!(
            r.content_type().starts_with("application/json") && !r.code().is_empty(),
            "{path}: {} {:?} {}",
            r.status,
            r.content_type(),
            r.text
        );
    }
    let r = org
        .send(
            org.request(Method::POST, "/api/v1/import?dry_run=perhaps")
                .header("x-csrf-token", &org.csrf)
                .body("姓,名,メールアドレス\n"),
        )
        .await;
    assert!(
        r.content_type().starts_with("application/json") && !r.code().is_empty(),
        "import ?dry_run=perhaps: {} {}",
        r.status,
        r.text
    );
}

async fn profile_body_needs_only_the_documented_fields(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let r = org
        .api(
            "put",
            "/api/v1/me/profile",
            Some(json!({"family_name": "運営", "given_name": "花子", "lang": "en"})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(org.me().await["given_name"], "花子");
    // a body without a language keeps the saved one (pages follow it)
    let r = org
        .api(
            "put",
            "/api/v1/me/profile",
            Some(json!({"family_name": "運営", "given_name": "桜"})),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(org.me().await["given_name"], "桜");
    assert!(org.get("/board").await.text.contains("<html lang=\"en\">"));
    // a language that is not ja or en is refused, nothing saved
    org.api(
        "put",
        "/api/v1/me/profile",
        Some(json!({"family_name": "運営", "given_name": "楓", "lang": "fr"})),
    )
    .await
    .expect_error(400, "invalid_json");
    assert_eq!(org.me().await["given_name"], "桜");
}

async fn page_forms_show_messages_beside_the_fields(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let m = app.member(&org, "member@example.jp", "佐藤", "一郎").await;
    m.form(
        "/me/profile",
        &[
            ("family_name", "佐藤"),
            ("given_name", "一郎"),
            ("family_kana", "さとう"),
            ("company", "佐藤工務店"),
            ("lang", "ja"),
        ],
    )
    .await
    .expect_redirect("/me/profile?saved=1");

    // latin letters in a kana field
    let r = m
        .form(
            "/me/profile",
            &[
                ("family_name", "佐藤"),
                ("given_name", "一郎"),
                ("family_kana", "sato"),
                ("company", "新しい会社"),
                ("birth_year", "1987"),
                ("lang", "ja"),
            ],
        )
        .await
        .expect(422);
    assert!(r.content_type().starts_with("text/html"));
    let at = r
        .text
        .find("id=\"err-family_kana\"")
        .unwrap_or_else(|| panic!("no message for family_kana: {}", snippet(&r.text)));
    let input = r.text.find("id=\"family_kana\"").unwrap();
    let next_input = r.text[input..]
        .find("<input")
        .map_or(usize::MAX, |i| i + input);
    assert!(
        input < at && at < next_input,
        "the message stands right after its field"
    );
    assert!(r.text[at..].starts_with("id=\"err-family_kana\" role=\"alert\">ふりがなはひらがなかカタカナで入力してください。</p>"), "{}", &r.text[at - 30..at + 200]);
    assert!(r
        .text
        .contains("class=\"field-error\" id=\"err-family_kana\""));
    assert!(r
        .text
        .contains("aria-invalid=\"true\" aria-describedby=\"err-family_kana\""));
    assert!(r.text.contains("value=\"sato\""), "what was typed is kept");
    // nothing saved: not the bad field, nor the good ones beside it
    let me = m.me().await;
    assert_eq!(
        (me["family_kana"].as_str(), me["company"].as_str()),
        (Some("さとう"), Some("佐藤工務店"))
    );
    assert!(me["profile"].get("birth_year").is_none());

    // several problems at once, in English
    let mut en = app.login("member@example.jp", PASSWORD).await;
    en.accept_language = Some("en");
    en.refresh_csrf().await;
    let r = en
        .form(
            "/me/profile",
            &[
                ("family_name", ""),
                ("given_name", "一郎"),
                ("birth_year", "next year"),
                ("res_pref", "東京都"),
                ("res_muni", "梅田区"),
                ("lang", "ja"),
            ],
        )
        .await;
    // a number that does not parse is reported first, alone
    assert_eq!(r.status, 422);
    assert!(
        r.text.contains("id=\"err-birth_year\"") && r.text.contains("Enter a number."),
        "{}",
        snippet(&r.text)
    );
    let r = en
        .form(
            "/me/profile",
            &[
                ("family_name", ""),
                ("given_name", "一郎"),
                ("birth_year", "1850"),
                ("res_pref", "東京都"),
                ("res_muni", "梅田区"),
                ("lang", "ja"),
            ],
        )
        .await
        .expect(422);
    assert!(r.text.contains("<html lang=\"en\">"));
    for (field, message) in [
        ("family_name", "Enter a family name."),
        (
            "birth_year",
            "Birth year must be between 1900 and this year.",
        ),
        ("residence", "That municipality is not in this prefecture"),
    ] {
        assert!(
            r.text.contains(message),
            "{field}: {message} missing: {}",
            snippet(&r.text)
        );
    }
    assert!(r
        .text
        .contains("class=\"field-error\" id=\"err-family_name\""));
    let me = m.me().await;
    assert_eq!(
        (me["family_name"].as_str(), me["profile"].get("residence")),
        (Some("佐藤"), None)
    );

    // the API says the same with field names
    let r = m
        .api(
            "put",
            "/api/v1/me/profile",
            Some(json!({"family_name": "佐藤", "given_name": "一郎", "family_kana": "sato", "given_kana": "", "company": "新しい会社", "title": "", "industry": "", "offer": "", "lang": "ja"})),
        )
        .await
        .expect_error(422, "invalid");
    assert_eq!(r.fields(), vec!["family_kana"]);
    assert_eq!(m.me().await["company"], "佐藤工務店");

    // the invitation form too
    let url = app.invite(&org, "new@example.jp", "田中", "四郎").await;
    let path = url.trim_start_matches(&app.base).to_string();
    let v = app.visitor();
    let r = v
        .form_raw(
            &path,
            &[
                ("family_name", "田中"),
                ("given_name", ""),
                ("family_kana", "tanaka"),
                ("password", PASSWORD),
            ],
        )
        .await
        .expect(422);
    assert!(
        r.text.contains("名を入力してください。")
            && r.text
                .contains("ふりがなはひらがなかカタカナで入力してください。"),
        "{}",
        snippet(&r.text)
    );
    assert_eq!(r.text.matches("class=\"field-error\"").count(), 2);
    assert!(v.session_cookie().is_none());
    v.get(&path).await.expect(200);
}

async fn the_setup_form_validates(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let v = app.visitor();
    let r = v
        .form_raw(
            "/setup",
            &[
                ("community", ""),
                ("family_name", "運営"),
                ("given_name", "花子"),
                ("email", "not-an-email"),
                ("password", "short"),
            ],
        )
        .await
        .expect(422);
    for message in [
        "コミュニティ名を1〜100文字で入力してください。",
        "メールアドレスの形式が正しくありません。",
        "パスワードは8文字以上にしてください。",
    ] {
        assert!(
            r.text.contains(&format!(
                "<p class=\"field-error\" role=\"alert\">{message}</p>"
            )),
            "{message}: {}",
            snippet(&r.text)
        );
    }
    assert!(
        r.text.contains("value=\"not-an-email\""),
        "what was typed is kept"
    );
    assert!(!r.text.contains("short"), "but never the password");
    assert!(v.session_cookie().is_none());
    // nothing was created: the first run is still ahead
    v.get("/").await.expect_redirect("/setup");
    v.post(
        "/api/v1/auth/login",
        serde_json::json!({"email": "not-an-email", "password": "short"}),
    )
    .await
    .expect_error(401, "wrong_credentials");
    app.setup().await;
}
