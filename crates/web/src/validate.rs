//! Field validation shared by pages and the API: each problem names its
//! field and says what to do, in both languages.

use antenna_ask::lexicon::Lexicon;
use antenna_ask::Level;
use antenna_matching::Profile;
use antenna_store::MemberUpdate;

use crate::error::{FieldError, Msg, Text};

fn err(field: &str, m: Msg) -> FieldError {
    FieldError {
        field: field.to_string(),
        message: m.into(),
    }
}

fn too_long(field: &str, max: usize) -> FieldError {
    FieldError {
        field: field.into(),
        message: Text {
            ja: format!("{max}文字以内で入力してください。"),
            en: format!("Use at most {max} characters."),
        },
    }
}

fn is_kana(s: &str) -> bool {
    s.chars()
        .all(|c| matches!(c as u32, 0x3041..=0x309F | 0x30A0..=0x30FF | 0x3000 | 0x20) || c == 'ー')
}

pub fn email_problem(email: &str) -> Option<Msg> {
    let e = email.trim();
    let ok = e.len() <= 254
        && e.split_once('@').is_some_and(|(u, d)| {
            !u.is_empty() && d.contains('.') && !d.starts_with('.') && !d.ends_with('.')
        })
        && !e.chars().any(|c| c.is_whitespace() || c.is_control());
    (!ok).then_some(Msg::new(
        "メールアドレスの形式が正しくありません。",
        "This is not a valid email address.",
    ))
}

pub fn name_fields(
    family: &str,
    given: &str,
    family_kana: &str,
    given_kana: &str,
) -> Vec<FieldError> {
    let mut v = Vec::new();
    for (field, value, required) in [
        ("family_name", family, true),
        ("given_name", given, true),
        ("family_kana", family_kana, false),
        ("given_kana", given_kana, false),
    ] {
        let t = value.trim();
        if required && t.is_empty() {
            v.push(err(
                field,
                if field == "family_name" {
                    Msg::new("姓を入力してください。", "Enter a family name.")
                } else {
                    Msg::new("名を入力してください。", "Enter a given name.")
                },
            ));
        } else if t.chars().count() > 50 {
            v.push(too_long(field, 50));
        } else if field.ends_with("kana") && !t.is_empty() && !is_kana(t) {
            v.push(err(
                field,
                Msg::new(
                    "ふりがなはひらがなかカタカナで入力してください。",
                    "Write the reading (furigana) in hiragana or katakana.",
                ),
            ));
        } else if t.chars().any(char::is_control) {
            v.push(err(
                field,
                Msg::new(
                    "使えない文字が含まれています。",
                    "This contains characters that cannot be used.",
                ),
            ));
        }
    }
    v
}

pub fn basics(u: &MemberUpdate) -> Vec<FieldError> {
    let mut v = name_fields(&u.family_name, &u.given_name, &u.family_kana, &u.given_kana);
    for (field, value, max) in [
        ("company", &u.company, 100),
        ("title", &u.title, 100),
        ("industry", &u.industry, 100),
        ("offer", &u.offer, 2000),
    ] {
        if value.chars().count() > max {
            v.push(too_long(field, max));
        }
    }
    if !matches!(u.lang.as_str(), "ja" | "en") {
        v.push(err(
            "lang",
            Msg::new("言語は ja か en です。", "Language is ja or en."),
        ));
    }
    v
}

/// Whether `name` is a prefecture of the census table.
pub fn is_prefecture(lex: &Lexicon, name: &str) -> bool {
    lex.places
        .iter()
        .any(|p| p.level == Level::Prefecture && p.code5.is_some() && !p.stem && p.name == name)
}

/// Whether `name` is a municipality or ward inside `pref`.
pub fn is_municipality(lex: &Lexicon, pref: &str, name: &str) -> bool {
    let pref_code = lex
        .places
        .iter()
        .find(|p| p.level == Level::Prefecture && p.name == pref && !p.stem)
        .and_then(|p| p.code5.clone());
    lex.places.iter().any(|p| {
        !p.stem
            && matches!(p.level, Level::City | Level::Ward)
            && p.name == name
            && p.code5
                .as_deref()
                .zip(pref_code.as_deref())
                .is_some_and(|(c, pc)| c[..2] == pc[..2])
    })
}

pub fn profile(p: &Profile, lex: &Lexicon, this_year: i32) -> Vec<FieldError> {
    let mut v = Vec::new();
    if let Some(b) = &p.birth_year {
        if !(1900..=this_year).contains(&b.value) {
            v.push(err(
                "birth_year",
                Msg::new(
                    "生まれ年は1900年から今年までで入力してください。",
                    "Birth year must be between 1900 and this year.",
                ),
            ));
        }
    }
    for (field, area) in [("residence", &p.residence), ("work_area", &p.work_area)] {
        if let Some(a) = area {
            if !is_prefecture(lex, &a.value.prefecture) {
                v.push(err(
                    field,
                    Msg::new(
                        "都道府県を選んでください（例：東京都）。",
                        "Choose a prefecture (e.g. 東京都).",
                    ),
                ));
            } else if let Some(m) = a.value.municipality.as_deref().filter(|m| !m.is_empty()) {
                if !is_municipality(lex, &a.value.prefecture, m) {
                    v.push(err(
                        field,
                        Msg::new(
                            "その都道府県にない市区町村です（例：世田谷区、横浜市）。",
                            "That municipality is not in this prefecture (e.g. 世田谷区, 横浜市).",
                        ),
                    ));
                }
            }
        }
    }
    if let Some(i) = &p.interests {
        if i.value.len() > 30 {
            v.push(err(
                "interests",
                Msg::new("興味は30件までです。", "Up to 30 interests."),
            ));
        }
        if i.value
            .iter()
            .any(|x| x.topic.trim().is_empty() || x.topic.chars().count() > 50)
        {
            v.push(err(
                "interests",
                Msg::new(
                    "興味はそれぞれ1〜50文字で入力してください。",
                    "Each interest must be 1 to 50 characters.",
                ),
            ));
        }
    }
    if let Some(l) = &p.life_stages {
        if l.value.len() > 20
            || l.value
                .iter()
                .any(|x| x.trim().is_empty() || x.chars().count() > 50)
        {
            v.push(err(
                "life_stages",
                Msg::new(
                    "ライフステージは20件まで、それぞれ1〜50文字です。",
                    "Up to 20 life stages of 1 to 50 characters.",
                ),
            ));
        }
    }
    if let Some(c) = &p.company_size {
        if !(0..=10_000_000).contains(&c.value) {
            v.push(err(
                "company_size",
                Msg::new(
                    "従業員数は0以上の数で入力してください。",
                    "Employees must be a number of 0 or more.",
                ),
            ));
        }
    }
    if let Some(o) = &p.office_tsubo {
        if !(0.0..=1_000_000.0).contains(&o.value) || !o.value.is_finite() {
            v.push(err(
                "office_tsubo",
                Msg::new(
                    "オフィスの広さ（坪）は0以上の数で入力してください。",
                    "Office size (tsubo) must be a number of 0 or more.",
                ),
            ));
        }
    }
    v
}

pub fn circle(name: &str, description: &str) -> Vec<FieldError> {
    let mut v = Vec::new();
    if name.trim().is_empty() {
        v.push(err(
            "name",
            Msg::new(
                "サークル名を入力してください（例：世田谷区の商店会）。",
                "Enter the circle's name (e.g. a futsal team you run).",
            ),
        ));
    } else if name.chars().count() > 100 {
        v.push(too_long("name", 100));
    }
    if description.chars().count() > 1000 {
        v.push(too_long("description", 1000));
    }
    v
}
