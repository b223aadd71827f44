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
        message: Text::fill("check.too_long", &[("max", &max)]),
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
    (!ok).then_some(Msg("check.not_valid_email_address"))
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
                    Msg("check.enter_family_name")
                } else {
                    Msg("check.enter_given_name")
                },
            ));
        } else if t.chars().count() > 50 {
            v.push(too_long(field, 50));
        } else if field.ends_with("kana") && !t.is_empty() && !is_kana(t) {
            v.push(err(field, Msg("check.write_reading_furigana_hiragana")));
        } else if t.chars().any(char::is_control) {
            v.push(err(field, Msg("check.contains_characters_that_cannot")));
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
            v.push(err("birth_year", Msg("check.birth_year_must_between")));
        }
    }
    for (field, area) in [("residence", &p.residence), ("work_area", &p.work_area)] {
        if let Some(a) = area {
            if !is_prefecture(lex, &a.value.prefecture) {
                v.push(err(field, Msg("check.choose_prefecture_e_g")));
            } else if let Some(m) = a.value.municipality.as_deref().filter(|m| !m.is_empty()) {
                if !is_municipality(lex, &a.value.prefecture, m) {
                    v.push(err(field, Msg("check.that_municipality_not_prefecture")));
                }
            }
        }
    }
    if let Some(i) = &p.interests {
        if i.value.len() > 30 {
            v.push(err("interests", Msg("check.up_30_interests")));
        }
        if i.value
            .iter()
            .any(|x| x.topic.trim().is_empty() || x.topic.chars().count() > 50)
        {
            v.push(err("interests", Msg("check.each_interest_must_1")));
        }
    }
    if let Some(l) = &p.life_stages {
        if l.value.len() > 20
            || l.value
                .iter()
                .any(|x| x.trim().is_empty() || x.chars().count() > 50)
        {
            v.push(err("life_stages", Msg("check.up_20_life_stages")));
        }
    }
    if let Some(c) = &p.company_size {
        if !(0..=10_000_000).contains(&c.value) {
            v.push(err("company_size", Msg("check.employees_must_number_0")));
        }
    }
    if let Some(o) = &p.office_tsubo {
        if !(0.0..=1_000_000.0).contains(&o.value) || !o.value.is_finite() {
            v.push(err("office_tsubo", Msg("check.office_size_tsubo_must")));
        }
    }
    v
}

pub fn circle(name: &str, description: &str) -> Vec<FieldError> {
    let mut v = Vec::new();
    if name.trim().is_empty() {
        v.push(err("name", Msg("check.enter_circle_s_name")));
    } else if name.chars().count() > 100 {
        v.push(too_long("name", 100));
    }
    if description.chars().count() > 1000 {
        v.push(too_long("description", 1000));
    }
    v
}
