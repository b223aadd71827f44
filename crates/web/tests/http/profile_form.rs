//! The profile form as a member fills it: a field that comes back with an
//! error keeps every value and visibility the member chose, and years are
//! read as Japanese users write them (和暦).

use crate::support::*;

backends!(
    a_form_with_an_error_keeps_every_choice,
    birth_years_may_be_written_in_the_japanese_era,
);

/// The `<option>` marked selected in the select named `name`.
fn selected(html: &str, name: &str) -> String {
    let start = html
        .find(&format!("name=\"{name}\""))
        .unwrap_or_else(|| panic!("no select {name}"));
    let end = start + html[start..].find("</select>").unwrap();
    let select = &html[start..end];
    let at = select
        .find(" selected")
        .unwrap_or_else(|| panic!("nothing selected in {name}: {select}"));
    let before = &select[..at];
    let v = before.rfind("value=\"").unwrap() + "value=\"".len();
    before[v..].split('"').next().unwrap().to_string()
}

/// The value of the text input named `name`.
fn input(html: &str, name: &str) -> String {
    let start = html
        .find(&format!("name=\"{name}\" value=\""))
        .unwrap_or_else(|| panic!("no input {name}"))
        + format!("name=\"{name}\" value=\"").len();
    html[start..].split('"').next().unwrap().to_string()
}

async fn a_form_with_an_error_keeps_every_choice(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let mut m = app.member(&org, "form@example.jp", "山田", "花子").await;
    m.refresh_csrf().await;
    let r = m
        .form(
            "/me/profile",
            &[
                ("family_name", "山田"),
                ("given_name", "花子"),
                ("gender", "female"),
                ("gender_vis", "private"),
                ("birth_year", "昭和60年"),
                ("birth_year_vis", "private"),
                ("res_pref", "東京都"),
                ("res_muni", "世田谷区"),
                ("res_vis", "private"),
                ("interests", "フットサル"),
                ("interests_vis", "public"),
                ("office_tsubo", "とても広い"),
                ("office_tsubo_vis", "private"),
            ],
        )
        .await
        .expect(422);
    let html = &r.text;
    assert_eq!(input(html, "birth_year"), "昭和60年");
    assert_eq!(input(html, "office_tsubo"), "とても広い");
    assert_eq!(input(html, "res_muni"), "世田谷区");
    for (name, vis) in [
        ("birth_year_vis", "private"),
        ("gender_vis", "private"),
        ("res_vis", "private"),
        ("office_tsubo_vis", "private"),
        ("interests_vis", "public"),
    ] {
        assert_eq!(selected(html, name), vis, "{name}");
    }
    assert_eq!(selected(html, "gender"), "female");
    // nothing was saved
    assert!(m.me().await["profile"].get("birth_year").is_none());
}

async fn birth_years_may_be_written_in_the_japanese_era(ctx: Ctx) {
    let app = ctx.spawn_app().await;
    let org = app.setup().await;
    let mut m = app.member(&org, "era@example.jp", "佐藤", "一郎").await;
    m.refresh_csrf().await;
    for (written, year) in [("昭和60年", 1985), ("S60", 1985), ("平成3年", 1991)] {
        let r = m
            .form(
                "/me/profile",
                &[
                    ("family_name", "佐藤"),
                    ("given_name", "一郎"),
                    ("birth_year", written),
                    ("birth_year_vis", "private"),
                ],
            )
            .await;
        assert_eq!(r.status, 303, "{written}: {}", snippet(&r.text));
        let me = m.me().await;
        assert_eq!(me["profile"]["birth_year"]["value"], year, "{written}");
        assert_eq!(me["profile"]["birth_year"]["visibility"], "private");
    }
}
