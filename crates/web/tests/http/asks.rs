//! Asks: written with the coach, revised, moved between states, answered
//! with 「知り合いにいます」, and ranked on the board.

use antenna_store::Store;
use serde_json::{json, Value};

use crate::support::*;

backends!(
    an_ask_is_read_revised_and_closed,
    ask_input_is_validated,
    intents_are_recorded_once_per_member,
    the_board_shows_others_open_asks_by_fit,
);

const SETAGAYA: &str = "世田谷区に住んでいる、30代の男性を紹介して下さい";

fn kinds(reading: &Value) -> Vec<String> {
    reading["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap().to_string())
        .collect()
}

async fn an_ask_is_read_revised_and_closed(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    // a community of realistic size (members who accepted), so a clear ask reaches someone
    let urls = app.import_members(&org, 20).await;
    for (i, url) in urls.iter().take(12).enumerate() {
        app.accept(url, &format!("member{i}@example.jp")).await;
    }
    let a = app.member(&org, "a@example.jp", "佐藤", "一郎").await;

    let created = a
        .post("/api/v1/asks", json!({"text": SETAGAYA}))
        .await
        .expect(201)
        .json();
    let id = created["id"].as_i64().unwrap();
    assert_eq!(
        (
            created["status"].as_str(),
            created["revision"].as_i64(),
            created["member_id"].as_i64()
        ),
        (Some("published"), Some(1), Some(a.id))
    );
    assert_eq!(created["author"], "佐藤 一郎");
    // the coach's reading is stored with it
    let stored = a
        .get(&format!("/api/v1/asks/{id}"))
        .await
        .expect(200)
        .json();
    let reading = &stored["reading"];
    let k = kinds(reading);
    for kind in ["location", "age", "gender"] {
        assert!(k.iter().any(|x| x == kind), "{kind} in {k:?}");
    }
    assert_eq!(reading["text"], SETAGAYA);
    assert_eq!(reading["specificity"]["band"], "clear", "{reading}");
    assert_eq!(stored["band"], "clear");
    assert_eq!(stored["bits"], reading["specificity"]["bits"]);
    assert_eq!(
        reading["reach"]["members"], 14,
        "the community's own size: its active members"
    );
    let location = reading["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "location")
        .unwrap();
    assert_eq!(location["surface"], "世田谷区");
    let age = reading["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "age")
        .unwrap();
    assert_eq!(age["value"], json!({"min": 30, "max": 39}));

    // revised twice: three revisions, in order
    let t2 = "世田谷区に住んでいる、30代後半の男性を紹介して下さい";
    let t3 = "誰でも良いので紹介して下さい";
    let r2 = a
        .api(
            "patch",
            &format!("/api/v1/asks/{id}"),
            Some(json!({"text": t2})),
        )
        .await
        .expect(200)
        .json();
    assert_eq!(
        (r2["revision"].as_i64(), r2["text"].as_str()),
        (Some(2), Some(t2))
    );
    let r3 = a
        .api(
            "patch",
            &format!("/api/v1/asks/{id}"),
            Some(json!({"text": t3})),
        )
        .await
        .expect(200)
        .json();
    assert_eq!(
        (r3["revision"].as_i64(), r3["text"].as_str()),
        (Some(3), Some(t3))
    );
    assert_eq!(
        r3["band"], "thin",
        "the reading follows the text: {}",
        r3["reading"]
    );
    assert!(r3["reading"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == "no_condition"));
    // the same text again makes no new revision
    let same = a
        .api(
            "patch",
            &format!("/api/v1/asks/{id}"),
            Some(json!({"text": t3})),
        )
        .await
        .expect(200)
        .json();
    assert_eq!(same["revision"], 3);
    let revisions = a
        .get(&format!("/api/v1/asks/{id}/revisions"))
        .await
        .expect(200)
        .json();
    let got: Vec<(i64, &str)> = revisions
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["revision"].as_i64().unwrap(), r["text"].as_str().unwrap()))
        .collect();
    assert_eq!(got, vec![(1, SETAGAYA), (2, t2), (3, t3)]);
    // the organizer sees them too; the ask page lists them for the author
    org.get(&format!("/api/v1/asks/{id}/revisions"))
        .await
        .expect(200);
    let page = a.get(&format!("/asks/{id}")).await.expect(200);
    assert!(
        page.text.contains("v1") && page.text.contains("v3") && page.text.contains(t2),
        "{}",
        snippet(&page.text)
    );

    // states
    for status in ["paused", "published", "fulfilled"] {
        let r = a
            .post(
                &format!("/api/v1/asks/{id}/status"),
                json!({"status": status}),
            )
            .await
            .expect(200)
            .json();
        assert_eq!(r["status"], status);
        assert_eq!(
            a.get(&format!("/api/v1/asks/{id}")).await.json()["status"],
            status
        );
    }
    a.post(
        &format!("/api/v1/asks/{id}/status"),
        json!({"status": "archived"}),
    )
    .await
    .expect_error(422, "invalid");
    let mine = a.get("/api/v1/asks?mine=true").await.json();
    assert_eq!(mine[0]["status"], "fulfilled");

    // expiry
    let r = a
        .api(
            "patch",
            &format!("/api/v1/asks/{id}"),
            Some(json!({"expires_on": "2020-01-01"})),
        )
        .await
        .expect_error(422, "invalid");
    assert_eq!(r.fields(), vec!["expires_on"]);
    let r = a
        .api(
            "patch",
            &format!("/api/v1/asks/{id}"),
            Some(json!({"expires_on": "2099-02-30"})),
        )
        .await
        .expect_error(422, "invalid");
    assert_eq!(r.fields(), vec!["expires_on"]);
    assert_eq!(
        a.get(&format!("/api/v1/asks/{id}")).await.json()["expires_on"],
        Value::Null
    );
    let r = a
        .api(
            "patch",
            &format!("/api/v1/asks/{id}"),
            Some(json!({"expires_on": "2099-12-31"})),
        )
        .await
        .expect(200)
        .json();
    assert_eq!(r["expires_on"], "2099-12-31");
    let r = a
        .api(
            "patch",
            &format!("/api/v1/asks/{id}"),
            Some(json!({"expires_on": ""})),
        )
        .await
        .expect(200)
        .json();
    assert_eq!(r["expires_on"], Value::Null);
    assert_eq!(r["revision"], 3, "an expiry change is not a new revision");
}

async fn ask_input_is_validated(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let a = app.member(&org, "a@example.jp", "佐藤", "一郎").await;

    let r = a
        .post(
            "/api/v1/asks",
            json!({"text": SETAGAYA, "expires_on": "2020-01-01"}),
        )
        .await
        .expect_error(422, "invalid");
    assert_eq!(r.fields(), vec!["expires_on"]);
    assert!(
        r.json()["error"]["fields"][0]["message"]
            .as_str()
            .unwrap()
            .contains("今日以降"),
        "{}",
        r.text
    );
    let r = a
        .post("/api/v1/asks", json!({"text": ""}))
        .await
        .expect_error(422, "invalid");
    assert_eq!(r.fields(), vec!["text"]);
    let r = a
        .post("/api/v1/asks", json!({"text": "   \n "}))
        .await
        .expect_error(422, "invalid");
    assert_eq!(r.fields(), vec!["text"]);
    let long = "あ".repeat(2001);
    let r = a
        .post("/api/v1/asks", json!({"text": long}))
        .await
        .expect_error(422, "invalid");
    assert_eq!(r.fields(), vec!["text"]);
    let r = a
        .post(
            "/api/v1/asks",
            json!({"text": SETAGAYA, "status": "secret"}),
        )
        .await
        .expect_error(422, "invalid");
    assert_eq!(r.fields(), vec!["status"]);
    // both problems at once
    let r = a
        .post(
            "/api/v1/asks",
            json!({"text": "", "expires_on": "yesterday"}),
        )
        .await
        .expect_error(422, "invalid");
    let mut f = r.fields();
    f.sort();
    assert_eq!(f, vec!["expires_on", "text"]);
    assert_eq!(
        a.get("/api/v1/asks?mine=true").await.json(),
        json!([]),
        "nothing was saved"
    );

    // a revision is validated the same way
    let id = app.ask(&a, SETAGAYA, "published").await;
    let r = a
        .api(
            "patch",
            &format!("/api/v1/asks/{id}"),
            Some(json!({"text": ""})),
        )
        .await
        .expect_error(422, "invalid");
    assert_eq!(r.fields(), vec!["text"]);
    a.api(
        "patch",
        &format!("/api/v1/asks/{id}"),
        Some(json!({"text": "い".repeat(2001)})),
    )
    .await
    .expect_error(422, "invalid");
    let after = a.get(&format!("/api/v1/asks/{id}")).await.json();
    assert_eq!(
        (after["text"].as_str(), after["revision"].as_i64()),
        (Some(SETAGAYA), Some(1))
    );

    // 2,000 characters are fine
    let max = format!("{SETAGAYA}{}", "。".repeat(2000 - SETAGAYA.chars().count()));
    a.post("/api/v1/asks", json!({"text": max, "status": "draft"}))
        .await
        .expect(201);
    // the page form: messages beside the fields, nothing saved
    let r = a
        .form(
            "/asks",
            &[
                ("text", ""),
                ("expires_on", "2020-01-01"),
                ("action", "publish"),
            ],
        )
        .await
        .expect(422);
    assert!(
        r.text.contains("id=\"err-text\"") && r.text.contains("id=\"err-expires_on\""),
        "{}",
        snippet(&r.text)
    );
    assert!(
        r.text.contains("class=\"field-error\"")
            && r.text.contains("期限は今日以降の日付にしてください。")
    );
    assert_eq!(a.count("/api/v1/asks?mine=true").await, 2);
}

async fn intents_are_recorded_once_per_member(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let a = app.member(&org, "a@example.jp", "佐藤", "一郎").await;
    let b = app.member(&org, "b@example.jp", "鈴木", "花子").await;
    let id = app.ask(&a, SETAGAYA, "published").await;
    let path = format!("/api/v1/asks/{id}/intents");

    let first = b
        .post(&path, json!({"note": "大学の同級生にいます"}))
        .await
        .expect(201)
        .json();
    assert_eq!(
        (first["ask_id"].as_i64(), first["member_id"].as_i64()),
        (Some(id), Some(b.id))
    );
    b.post(&path, json!({"note": "二人います"}))
        .await
        .expect(201);
    org.post(&path, json!({})).await.expect(201);
    let intents = a.get(&path).await.expect(200).json();
    let mut got: Vec<(i64, &str)> = intents
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["member_id"].as_i64().unwrap(),
                i["note"].as_str().unwrap(),
            )
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![(org.id, ""), (b.id, "二人います")],
        "one per member, the latest note kept"
    );
    let b_intent = intents
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["member_id"] == b.id)
        .unwrap();
    assert_eq!(
        b_intent["created_at"], first["created_at"],
        "an update keeps the first time"
    );
    // the author cannot answer their own ask
    let r = a
        .post(&path, json!({"note": "自分で"}))
        .await
        .expect_error(422, "invalid");
    assert_eq!(r.fields(), vec!["ask"]);
    let r = a
        .form(&format!("/asks/{id}/intent"), &[("note", "自分で")])
        .await;
    assert_eq!(r.status, 422, "{}", snippet(&r.text));
    // a note over 1,000 characters is refused
    b.post(&path, json!({"note": "あ".repeat(1001)}))
        .await
        .expect_error(422, "invalid");
    // the page form records through the same rule
    let c = app.member(&org, "c@example.jp", "高橋", "三郎").await;
    c.form(&format!("/asks/{id}/intent"), &[("note", "ページから")])
        .await
        .expect_redirect(&format!("/asks/{id}?sent=1"));
    c.form(
        &format!("/asks/{id}/intent"),
        &[("note", "ページからもう一度")],
    )
    .await
    .expect_redirect(&format!("/asks/{id}?sent=1"));
    let intents = a.get(&path).await.json();
    assert_eq!(intents.as_array().unwrap().len(), 3);
    let c_intent = intents
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["member_id"] == c.id)
        .unwrap();
    assert_eq!(c_intent["note"], "ページからもう一度");
    // the author's page lists them
    let page = a.get(&format!("/asks/{id}")).await.expect(200);
    assert!(
        page.text.contains("鈴木 花子") && page.text.contains("二人います"),
        "{}",
        snippet(&page.text)
    );
    // a closed ask takes no more
    a.post(
        &format!("/api/v1/asks/{id}/status"),
        json!({"status": "paused"}),
    )
    .await
    .expect(200);
    let d = app.member(&org, "d@example.jp", "田中", "四郎").await;
    d.post(&path, json!({}))
        .await
        .expect_error(404, "not_found");
    // the organizer still sees it, but it takes no answer
    let r = org
        .post(&path, json!({"note": "もう一度"}))
        .await
        .expect_error(422, "invalid");
    assert_eq!(r.fields(), vec!["ask"]);
    assert_eq!(a.get(&path).await.json().as_array().unwrap().len(), 3);
}

async fn the_board_shows_others_open_asks_by_fit(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let author = app.member(&org, "author@example.jp", "佐藤", "一郎").await;
    let viewer = app.member(&org, "viewer@example.jp", "鈴木", "花子").await;
    viewer
        .post(
            "/api/v1/me/circles",
            json!({"name": "世田谷区の商店会", "description": "毎月の定例会"}),
        )
        .await
        .expect(201);

    let setagaya = app.ask(&author, SETAGAYA, "published").await;
    // unrelated, more specific and newer: ahead of the Setagaya ask on every tie-break
    let unrelated = app
        .ask(
            &author,
            "フットサルが好きな大学生を紹介して下さい",
            "published",
        )
        .await;
    let draft = app
        .ask(
            &author,
            "世田谷区で飲食店を経営している人を紹介して下さい",
            "draft",
        )
        .await;
    let paused = app
        .ask(
            &author,
            "世田谷区の不動産会社の社長を紹介して下さい",
            "published",
        )
        .await;
    author
        .post(
            &format!("/api/v1/asks/{paused}/status"),
            json!({"status": "paused"}),
        )
        .await
        .expect(200);
    let fulfilled = app
        .ask(&author, "世田谷区の税理士を紹介して下さい", "published")
        .await;
    author
        .post(
            &format!("/api/v1/asks/{fulfilled}/status"),
            json!({"status": "fulfilled"}),
        )
        .await
        .expect(200);
    let expired = author
        .post(
            "/api/v1/asks",
            json!({"text": "世田谷区の弁護士を紹介して下さい", "expires_on": "2099-12-31"}),
        )
        .await
        .expect(201)
        .json()["id"]
        .as_i64()
        .unwrap();
    let own = app
        .ask(
            &viewer,
            "横浜市で飲食店を経営している人を紹介して下さい",
            "published",
        )
        .await;

    // time passes: the expiry is now behind us (the index is rebuilt from the store, as at a restart)
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let store: &dyn Store = app.store.as_ref();
    store
        .set_ask_expiry(expired, Some(time::macros::date!(2001 - 01 - 01)), now)
        .await
        .unwrap();
    app.state.reload().await.unwrap();

    let board = viewer.get("/api/v1/board").await.expect(200).json();
    let items = board.as_array().unwrap();
    let ids: Vec<i64> = items.iter().map(|i| i["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, vec![setagaya, unrelated], "only others' published, unexpired asks, the fitting one first (draft {draft}, paused {paused}, fulfilled {fulfilled}, expired {expired}, own {own})");
    let (s, u) = (&items[0], &items[1]);
    assert!(
        s["fit"].as_f64().unwrap() > u["fit"].as_f64().unwrap(),
        "{s} vs {u}"
    );
    assert!(
        u["bits"].as_f64().unwrap() > s["bits"].as_f64().unwrap(),
        "the order comes from the fit, not the bits"
    );
    assert_eq!(s["author"], "佐藤 一郎");
    let chips: Vec<&str> = s["chips"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["label"].as_str().unwrap())
        .collect();
    assert!(
        chips.contains(&"世田谷区") && chips.contains(&"30代") && chips.contains(&"男性"),
        "{chips:?}"
    );

    // the page shows the same order
    let page = viewer.get("/board").await.expect(200);
    let at = |id: i64| {
        page.text
            .find(&format!("data-ask=\"{id}\""))
            .unwrap_or_else(|| panic!("ask {id} not on the board page"))
    };
    assert!(at(setagaya) < at(unrelated));
    for hidden in [draft, paused, fulfilled, expired, own] {
        assert!(
            !page.text.contains(&format!("data-ask=\"{hidden}\"")),
            "ask {hidden} is on the board page"
        );
    }

    // the author's board has only the viewer's ask
    let theirs: Vec<i64> = author
        .get("/api/v1/board")
        .await
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert_eq!(theirs, vec![own]);
    // paging
    let second = viewer.get("/api/v1/board?offset=1&limit=1").await.json();
    assert_eq!(second.as_array().unwrap().len(), 1);
    assert_eq!(second[0]["id"], unrelated);
    // republished: back on the board
    author
        .post(
            &format!("/api/v1/asks/{paused}/status"),
            json!({"status": "published"}),
        )
        .await
        .expect(200);
    let ids: Vec<i64> = viewer
        .get("/api/v1/board")
        .await
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_i64().unwrap())
        .collect();
    assert!(ids.contains(&paused) && ids.len() == 3, "{ids:?}");
}
