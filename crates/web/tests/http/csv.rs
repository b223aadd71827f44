//! Members in and out as CSV: Shift_JIS previews, all-or-nothing imports with
//! every bad line listed, one invitation link per imported member, export.

use reqwest::Method;
use serde_json::{json, Value};

use crate::support::*;

backends!(
    a_shift_jis_file_is_previewed_then_imported,
    a_file_with_a_bad_row_imports_nothing,
    crlf_files_report_the_right_line_numbers,
);

const GOOD: &str = "氏名,ふりがな,メールアドレス,会社名,役職\n山田 太郎,やまだ たろう,Taro@Example.jp,山田商店,店主\n鈴木 花子,すずき はなこ,hanako@example.jp,鈴木工務店,代表取締役\n髙橋 一郎,たかはし いちろう,ichiro@example.jp,\"髙橋商事, 株式会社\",営業部長\n";
const BAD: &str = "姓,名,メールアドレス\n山田,太郎,taro@example.jp\n鈴木,花子,not-an-email\n佐藤,一郎,ichiro@example.jp\n";

fn sjis(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(text);
    assert!(!unmappable, "the test text fits Shift_JIS");
    bytes.into_owned()
}

async fn import(org: &User, query: &str, body: Vec<u8>) -> Resp {
    org.send(
        org.request(Method::POST, &format!("/api/v1/import{query}"))
            .header("x-csrf-token", &org.csrf)
            .header("content-type", "text/csv")
            .body(body),
    )
    .await
}

fn emails(members: &Value) -> Vec<String> {
    members
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["email"].as_str().unwrap().to_string())
        .collect()
}

async fn a_shift_jis_file_is_previewed_then_imported(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let file = sjis(GOOD);
    assert!(std::str::from_utf8(&file).is_err(), "really Shift_JIS");

    // preview: rows read, nothing written
    let preview = import(&org, "?dry_run=true", file.clone())
        .await
        .expect(200)
        .json();
    assert_eq!(preview["encoding"], "Shift_JIS");
    assert_eq!(preview["errors"], json!([]));
    let rows = preview["rows"].as_array().unwrap();
    let got: Vec<(u64, &str, &str, &str, &str)> = rows
        .iter()
        .map(|r| {
            let m = &r["member"];
            (
                r["line"].as_u64().unwrap(),
                m["family_name"].as_str().unwrap(),
                m["given_kana"].as_str().unwrap(),
                m["email"].as_str().unwrap(),
                m["company"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (2, "山田", "たろう", "taro@example.jp", "山田商店"),
            (3, "鈴木", "はなこ", "hanako@example.jp", "鈴木工務店"),
            (
                4,
                "髙橋",
                "いちろう",
                "ichiro@example.jp",
                "髙橋商事, 株式会社"
            )
        ]
    );
    assert_eq!(
        emails(&org.get("/api/v1/members").await.json()),
        vec![ORG_EMAIL]
    );

    // import: every row, one invitation link each
    let out = import(&org, "", file.clone()).await.expect(201).json();
    assert_eq!(out["imported"], 3);
    let invitations = out["invitations"].as_array().unwrap();
    assert_eq!(invitations.len(), 3);
    let mut urls = Vec::new();
    for (i, email) in
        invitations
            .iter()
            .zip(["taro@example.jp", "hanako@example.jp", "ichiro@example.jp"])
    {
        assert_eq!(i["invitation"]["email"], email);
        let url = i["url"].as_str().unwrap();
        assert!(url.starts_with(&format!("{}/invite/", app.base)), "{url}");
        urls.push(url.to_string());
    }
    let mut all = urls.clone();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), 3, "a different link for each");
    let members = org.get("/api/v1/members").await.json();
    assert_eq!(
        emails(&members),
        vec![
            ORG_EMAIL,
            "taro@example.jp",
            "hanako@example.jp",
            "ichiro@example.jp"
        ]
    );
    let taro = &members[1];
    assert_eq!(
        (
            taro["family_name"].as_str(),
            taro["given_name"].as_str(),
            taro["title"].as_str(),
            taro["role"].as_str()
        ),
        (Some("山田"), Some("太郎"), Some("店主"), Some("member"))
    );

    // the links work: the invitation page greets them by name, and accepting logs in
    let page = app
        .visitor()
        .get(urls[0].trim_start_matches(&app.base))
        .await
        .expect(200);
    assert!(
        page.text.contains("value=\"山田\"") && page.text.contains("value=\"やまだ\""),
        "{}",
        snippet(&page.text)
    );
    let taro = app.accept(&urls[0], "taro@example.jp").await;
    assert_eq!(taro.me().await["company"], "山田商店");

    // export: the imported names, as a spreadsheet opens them
    let export = org.get("/api/v1/export.csv").await.expect(200);
    assert!(export.content_type().starts_with("text/csv"));
    assert!(export
        .headers
        .get("content-disposition")
        .unwrap()
        .to_str()
        .unwrap()
        .contains("attachment"));
    assert!(
        export.text.starts_with('\u{feff}'),
        "a BOM so Excel reads UTF-8"
    );
    for needle in [
        "山田,太郎,やまだ,たろう,taro@example.jp,山田商店,店主",
        "鈴木,花子",
        "\"髙橋商事, 株式会社\"",
        ORG_EMAIL,
    ] {
        assert!(
            export.text.contains(needle),
            "{needle} not in {}",
            export.text
        );
    }
    assert_eq!(export.text.lines().count(), 5);

    // the same file again: everyone is already a member, nothing changes
    let again = import(&org, "", file)
        .await
        .expect_error(422, "invalid_rows");
    assert_eq!(
        again.fields(),
        vec!["line 2: email", "line 3: email", "line 4: email"]
    );
    assert_eq!(org.count("/api/v1/members").await, 4);

    // cells that a spreadsheet would run as formulas are defused on export
    let formula =
        "姓,名,メールアドレス,会社名\n=HYPERLINK(\"x\"),太郎,formula@example.jp,@SUM(A1)\n";
    import(&org, "", formula.as_bytes().to_vec())
        .await
        .expect(201);
    let export = org.get("/api/v1/export.csv").await.expect(200);
    assert!(
        export.text.contains("\"'=HYPERLINK(\"\"x\"\")\"") && export.text.contains("'@SUM(A1)"),
        "{}",
        export.text
    );
    assert!(!export.text.contains(",=HYPERLINK") && !export.text.contains(",@SUM"));

    // UTF-8 with a BOM and English headers is read too
    let utf8 = "\u{feff}family_name,given_name,email,role\nSmith,Jane,jane@example.com,organizer\n";
    let p = import(&org, "?dry_run=true", utf8.as_bytes().to_vec())
        .await
        .expect(200)
        .json();
    assert_eq!(
        (
            p["encoding"].as_str(),
            p["rows"][0]["member"]["role"].as_str()
        ),
        (Some("UTF-8"), Some("organizer"))
    );
}

async fn a_file_with_a_bad_row_imports_nothing(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let bad = sjis(BAD);

    // the preview lists the bad line, and the good ones
    let p = import(&org, "?dry_run=true", bad.clone())
        .await
        .expect(200)
        .json();
    let errors: Vec<(u64, &str)> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["line"].as_u64().unwrap(), e["field"].as_str().unwrap()))
        .collect();
    assert_eq!(errors, vec![(3, "email")]);
    assert_eq!(p["rows"].as_array().unwrap().len(), 2);

    // the import refuses the whole file
    let r = import(&org, "", bad)
        .await
        .expect_error(422, "invalid_rows");
    assert_eq!(r.fields(), vec!["line 3: email"]);
    assert!(r.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("何も取り込んでいません"));
    assert_eq!(
        emails(&org.get("/api/v1/members").await.json()),
        vec![ORG_EMAIL],
        "nothing was imported"
    );
    assert_eq!(org.get("/api/v1/invitations").await.json(), json!([]));

    // more kinds of bad rows, each by its line, in English on request
    let mut en = app.login(ORG_EMAIL, PASSWORD).await;
    en.accept_language = Some("en");
    let worse = "姓,名,せい,メールアドレス,役割\n山田,太郎,やまだ,taro@example.jp,\n,花子,,hanako@example.jp,\n佐藤,一郎,sato,ichiro@example.jp,\n田中,四郎,,taro@example.jp,\n伊藤,五郎,,goro@example.jp,boss\n";
    let r = import(&en, "", worse.as_bytes().to_vec())
        .await
        .expect_error(422, "invalid_rows");
    assert_eq!(
        r.fields(),
        vec![
            "line 3: family_name",
            "line 4: family_kana",
            "line 5: email",
            "line 6: role"
        ]
    );
    assert_eq!(
        r.json()["error"]["message"],
        "Some rows have problems; nothing was imported."
    );
    // a file without the needed columns
    let r = import(&org, "", "会社名,役職\n山田商店,店主\n".as_bytes().to_vec())
        .await
        .expect_error(422, "invalid_rows");
    let f = r.fields();
    assert!(
        f.contains(&"line 1: email".to_string()) && f.contains(&"line 1: family_name".to_string()),
        "{f:?}"
    );
    // bytes that are no text at all
    let r = import(&org, "", vec![0x82, 0xa0, 0xff, 0xfe, 0x81]).await;
    assert_eq!(
        (r.status, r.code()),
        (422, "invalid_rows".to_string()),
        "{}",
        r.text
    );
    assert_eq!(org.count("/api/v1/members").await, 1);

    // the organizer's page shows the same preview
    let page = org
        .send(
            org.request(Method::POST, "/org/import").multipart(
                reqwest::multipart::Form::new()
                    .text("csrf", org.csrf.clone())
                    .text("action", "preview")
                    .part(
                        "file",
                        reqwest::multipart::Part::bytes(sjis(BAD)).file_name("members.csv"),
                    ),
            ),
        )
        .await
        .expect(422);
    assert!(
        page.text.contains("id=\"import-errors\"")
            && page.text.contains("<td>3</td><td>email</td>"),
        "{}",
        snippet(&page.text)
    );
    assert_eq!(org.count("/api/v1/members").await, 1);
}

/// The same files as Excel saves them: CRLF line endings.
async fn crlf_files_report_the_right_line_numbers(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let p = import(&org, "?dry_run=true", sjis(&GOOD.replace('\n', "\r\n")))
        .await
        .expect(200)
        .json();
    let lines: Vec<u64> = p["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, vec![2, 3, 4]);
    let r = import(&org, "", sjis(&BAD.replace('\n', "\r\n")))
        .await
        .expect_error(422, "invalid_rows");
    assert_eq!(r.fields(), vec!["line 3: email"]);
}
