//! Languages: pages in Japanese by default, English by the switch (a `lang`
//! cookie) or the browser's Accept-Language.

use serde_json::json;

use crate::support::*;

backends!(
    pages_switch_between_japanese_and_english,
    the_language_switch_only_redirects_inside_the_site,
);

async fn pages_switch_between_japanese_and_english(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    app.ask(
        &org,
        "世田谷区に住んでいる、30代の男性を紹介して下さい",
        "published",
    )
    .await;
    let m = app.member(&org, "member@example.jp", "佐藤", "一郎").await;

    // Japanese by default
    let board = m.get("/board").await.expect(200);
    assert!(
        board.text.contains("<html lang=\"ja\">") && board.text.contains("紹介依頼ボード"),
        "{}",
        snippet(&board.text)
    );
    assert!(!board.text.contains("Ask board"));
    assert!(
        board.text.contains("href=\"/lang/en?next=%2Fboard\"")
            || board.text.contains("href=\"/lang/en?next=/board\""),
        "a switch back to this page"
    );

    // the switch: a cookie, then back to the page
    let r = m
        .get("/lang/en?next=/board")
        .await
        .expect_redirect("/board");
    assert_eq!(r.location(), "/board");
    let cookie = r
        .headers
        .get("set-cookie")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cookie.starts_with("lang=en") && cookie.contains("Path=/"),
        "{cookie}"
    );
    let board = m.get("/board").await.expect(200);
    assert!(
        board.text.contains("<html lang=\"en\">") && board.text.contains("Ask board"),
        "{}",
        snippet(&board.text)
    );
    assert!(!board.text.contains("紹介依頼ボード"));
    for (path, words) in [
        ("/me/profile", "Profile"),
        ("/asks/new", "Write an ask"),
        ("/members", "Members"),
    ] {
        let page = m.get(path).await.expect(200);
        assert!(
            page.text.contains("<html lang=\"en\">") && page.text.contains(words),
            "{path}: {}",
            snippet(&page.text)
        );
    }
    // the cookie wins over Accept-Language, and the API follows it too
    let mut m2 = app.login("member@example.jp", PASSWORD).await;
    m2.get("/lang/en").await.expect_redirect("/");
    m2.accept_language = Some("ja");
    assert!(m2.get("/board").await.text.contains("Ask board"));
    let r = m2
        .post("/api/v1/asks", json!({"text": ""}))
        .await
        .expect_error(422, "invalid");
    assert_eq!(
        r.json()["error"]["message"],
        "Please check the fields below."
    );
    // and back
    m.get("/lang/ja?next=/board")
        .await
        .expect_redirect("/board");
    let board = m.get("/board").await.expect(200);
    assert!(board.text.contains("<html lang=\"ja\">") && board.text.contains("紹介依頼ボード"));
    // any other code means Japanese
    m.get("/lang/fr?next=/board")
        .await
        .expect_redirect("/board");
    assert!(m.get("/board").await.text.contains("<html lang=\"ja\">"));

    // a visitor's browser asking for English gets English
    let mut v = app.visitor();
    v.accept_language = Some("en-GB,en;q=0.8,ja;q=0.5");
    let home = v.get("/").await.expect(200);
    assert!(
        home.text.contains("<html lang=\"en\">") && home.text.contains("Check your ask"),
        "{}",
        snippet(&home.text)
    );
    let login = v.get("/login").await.expect(200);
    assert!(login.text.contains("<html lang=\"en\">") && login.text.contains("Log in"));
    let coach = v
        .form_raw(
            "/coach",
            &[("text", "世田谷区に住んでいる、30代の男性を紹介して下さい")],
        )
        .await
        .expect(200);
    assert!(
        coach.text.contains("Conditions read") && coach.text.contains("place"),
        "{}",
        snippet(&coach.text)
    );
    v.accept_language = Some("ja,en;q=0.5");
    assert!(v.get("/").await.text.contains("<html lang=\"ja\">"));
}

async fn the_language_switch_only_redirects_inside_the_site(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let v = app.visitor();
    for next in [
        "https://evil.example/",
        "//evil.example",
        "/%5Cevil.example",
        "/%5C%5Cevil.example",
        "%2F%2Fevil.example",
    ] {
        let r = v.get(&format!("/lang/en?next={next}")).await;
        let to = r.location();
        assert!((300..400).contains(&r.status), "{next}: {}", r.status);
        assert!(
            to.starts_with('/')
                && !to.starts_with("//")
                && !to.contains('\\')
                && !to.contains("evil.example"),
            "next={next} redirects to {to:?}"
        );
    }
    // the login form's next is just as careful
    let r = v.get("/login?next=/%5Cevil.example").await.expect(200);
    assert!(!r.text.contains("evil.example"), "{}", snippet(&r.text));
}
