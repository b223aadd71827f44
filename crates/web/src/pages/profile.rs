//! A member's own profile: basics, matching attributes with per-item
//! visibility, and circles.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use antenna_ask::{Gender, Intensity, Lang};
use antenna_matching::{Area, Attr, Profile, Visibility};
use antenna_store::{Id, MemberUpdate};

use super::profile_form::{profile_from_form, ProfileForm};
use super::{error_page, field_messages, ok, render, Chrome, FieldMessage, Page};
use crate::services::members::{create_circle, save_profile};
use crate::state::{parse_profile, AppState};

pub struct Row {
    pub key: &'static str,
    pub label: &'static str,
    pub value: String,
    pub vis: &'static str,
}

#[derive(Template)]
#[template(path = "profile.html")]
struct ProfilePage {
    c: Chrome,
    b: MemberUpdate,
    basics: Vec<BasicField>,
    areas: Vec<AreaRow>,
    gender: String,
    attrs: Vec<Row>,
    gender_vis: &'static str,
    circles: Vec<CircleRow>,
    errors: Vec<FieldMessage>,
    saved: bool,
}

/// A text field of the member's basics (name, company, …).
struct BasicField {
    /// The form field's name and id.
    name: &'static str,
    label_key: &'static str,
    value: String,
}

/// An area attribute (residence, work area) as two fields and a visibility.
struct AreaRow {
    /// The form fields' prefix: `res` gives `res_pref`, `res_muni`, `res_vis`.
    prefix: &'static str,
    label_key: &'static str,
    prefecture: String,
    municipality: String,
    visibility: &'static str,
    /// The profile attribute its errors are reported under.
    field: &'static str,
}

/// One of the member's own circles.
struct CircleRow {
    id: Id,
    name: String,
    description: String,
}

fn vis_str(v: Visibility) -> &'static str {
    match v {
        Visibility::Public => "public",
        Visibility::Members => "members",
        Visibility::Private => "private",
    }
}

pub(super) fn vis_of(s: &str) -> Visibility {
    match s {
        "public" => Visibility::Public,
        "private" => Visibility::Private,
        _ => Visibility::Members,
    }
}

pub(super) fn topic_label(state: &AppState, id: &str, ja: bool) -> String {
    state
        .engine
        .lexicon()
        .interests
        .iter()
        .find(|c| c.id == id)
        .map(|c| if ja { c.ja.clone() } else { c.en.clone() })
        .unwrap_or_else(|| id.to_string())
}

pub(super) fn stage_label(state: &AppState, id: &str, ja: bool) -> String {
    state
        .engine
        .lexicon()
        .life_stages
        .iter()
        .find(|c| c.id == id)
        .map(|c| if ja { c.ja.clone() } else { c.en.clone() })
        .unwrap_or_else(|| id.to_string())
}

fn page_of(
    state: &AppState,
    page: &Page,
    b: MemberUpdate,
    p: &Profile,
    circles: Vec<CircleRow>,
    errors: Vec<FieldMessage>,
    saved: bool,
) -> ProfilePage {
    let t = page.t();
    let ja = t.is_ja();
    let vis = |v: Option<Visibility>| vis_str(v.unwrap_or_default());
    let interests = p
        .interests
        .as_ref()
        .map(|a| {
            a.value
                .iter()
                .map(|i| {
                    format!(
                        "{}{}",
                        topic_label(state, &i.topic, ja),
                        if i.intensity == Intensity::High {
                            "!"
                        } else {
                            ""
                        }
                    )
                })
                .collect::<Vec<_>>()
                .join("、")
        })
        .unwrap_or_default();
    let stages = p
        .life_stages
        .as_ref()
        .map(|a| {
            a.value
                .iter()
                .map(|s| stage_label(state, s, ja))
                .collect::<Vec<_>>()
                .join("、")
        })
        .unwrap_or_default();
    let attrs = vec![
        Row {
            key: "birth_year",
            label: t.s("profile.birth_year"),
            value: p
                .birth_year
                .as_ref()
                .map(|a| a.value.to_string())
                .unwrap_or_default(),
            vis: vis(p.birth_year.as_ref().map(|a| a.visibility)),
        },
        Row {
            key: "interests",
            label: t.s("profile.interests"),
            value: interests,
            vis: vis(p.interests.as_ref().map(|a| a.visibility)),
        },
        Row {
            key: "life_stages",
            label: t.s("profile.life_stages"),
            value: stages,
            vis: vis(p.life_stages.as_ref().map(|a| a.visibility)),
        },
        Row {
            key: "company_size",
            label: t.s("profile.company_size"),
            value: p
                .company_size
                .as_ref()
                .map(|a| a.value.to_string())
                .unwrap_or_default(),
            vis: vis(p.company_size.as_ref().map(|a| a.visibility)),
        },
        Row {
            key: "office_tsubo",
            label: t.s("profile.office_tsubo"),
            value: p
                .office_tsubo
                .as_ref()
                .map(|a| a.value.to_string())
                .unwrap_or_default(),
            vis: vis(p.office_tsubo.as_ref().map(|a| a.visibility)),
        },
    ];
    let area = |prefix, label_key, field, a: &Option<Attr<Area>>| AreaRow {
        prefix,
        label_key,
        prefecture: a
            .as_ref()
            .map(|a| a.value.prefecture.clone())
            .unwrap_or_default(),
        municipality: a
            .as_ref()
            .and_then(|a| a.value.municipality.clone())
            .unwrap_or_default(),
        visibility: a.as_ref().map_or("members", |a| vis_str(a.visibility)),
        field,
    };
    let basic = |name, label_key, value: &String| BasicField {
        name,
        label_key,
        value: value.clone(),
    };
    let basics = vec![
        basic("family_name", "name.family", &b.family_name),
        basic("given_name", "name.given", &b.given_name),
        basic("family_kana", "name.family_kana", &b.family_kana),
        basic("given_kana", "name.given_kana", &b.given_kana),
        basic("company", "profile.company", &b.company),
        basic("title", "profile.title_field", &b.title),
        basic("industry", "profile.industry", &b.industry),
    ];
    let areas = vec![
        area("res", "profile.residence", "residence", &p.residence),
        area("work", "profile.work_area", "work_area", &p.work_area),
    ];
    ProfilePage {
        c: page.chrome(),
        b,
        basics,
        areas,
        gender: match p.gender.as_ref().map(|g| g.value) {
            Some(Gender::Male) => "male".into(),
            Some(Gender::Female) => "female".into(),
            None => String::new(),
        },
        gender_vis: vis(p.gender.as_ref().map(|a| a.visibility)),
        attrs,
        circles,
        errors,
        saved,
    }
}

async fn circles_of(state: &AppState, id: Id) -> Vec<CircleRow> {
    state
        .store
        .circles(id)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|c| CircleRow {
            id: c.id,
            name: c.name,
            description: c.description,
        })
        .collect()
}

#[derive(Deserialize)]
pub struct SavedQuery {
    pub saved: Option<u8>,
}

pub async fn form(
    State(state): State<AppState>,
    page: Page,
    axum::extract::Query(q): axum::extract::Query<SavedQuery>,
) -> Response {
    let p = match page.member() {
        Ok(p) => p.clone(),
        Err(r) => return r,
    };
    let m = &p.member;
    let b = MemberUpdate {
        family_name: m.family_name.clone(),
        given_name: m.given_name.clone(),
        family_kana: m.family_kana.clone(),
        given_kana: m.given_kana.clone(),
        company: m.company.clone(),
        title: m.title.clone(),
        industry: m.industry.clone(),
        offer: m.offer.clone(),
        lang: Some(m.lang),
    };
    let prof = state
        .store
        .profile(m.id)
        .await
        .ok()
        .flatten()
        .map(|r| parse_profile(&r.data))
        .unwrap_or_default();
    let circles = circles_of(&state, m.id).await;
    ok(&page_of(
        &state,
        &page,
        b,
        &prof,
        circles,
        vec![],
        q.saved == Some(1),
    ))
}

/// A form that comes back with an error shows what the member typed and the
/// visibility they chose for every field, also for values that did not
/// parse: fixing one field must not publish another.
fn keep_input(page: &mut ProfilePage, f: &ProfileForm) {
    let raw = |key: &str| -> (&str, &str) {
        match key {
            "birth_year" => (&f.birth_year, &f.birth_year_vis),
            "interests" => (&f.interests, &f.interests_vis),
            "life_stages" => (&f.life_stages, &f.life_stages_vis),
            "company_size" => (&f.company_size, &f.company_size_vis),
            "office_tsubo" => (&f.office_tsubo, &f.office_tsubo_vis),
            _ => ("", ""),
        }
    };
    for row in &mut page.attrs {
        let (value, vis) = raw(row.key);
        row.value = value.to_string();
        row.vis = vis_str(vis_of(vis));
    }
    page.gender = f.gender.clone();
    page.gender_vis = vis_str(vis_of(&f.gender_vis));
    for a in &mut page.areas {
        let (pref, muni, vis) = if a.prefix == "res" {
            (&f.res_pref, &f.res_muni, &f.res_vis)
        } else {
            (&f.work_pref, &f.work_muni, &f.work_vis)
        };
        a.prefecture = pref.clone();
        a.municipality = muni.clone();
        a.visibility = vis_str(vis_of(vis));
    }
}

pub async fn save(
    State(state): State<AppState>,
    page: Page,
    Form(f): Form<ProfileForm>,
) -> Response {
    let p = match page.csrf(&f.csrf) {
        Ok(p) => p.clone(),
        Err(r) => return r,
    };
    let b = MemberUpdate {
        family_name: f.family_name.clone(),
        given_name: f.given_name.clone(),
        family_kana: f.family_kana.clone(),
        given_kana: f.given_kana.clone(),
        company: f.company.clone(),
        title: f.title.clone(),
        industry: f.industry.clone(),
        offer: f.offer.clone(),
        lang: Some(if f.lang == "en" { Lang::En } else { Lang::Ja }),
    };
    let mut parse_errors = Vec::new();
    let prof = profile_from_form(&state, &f, &mut parse_errors);
    let result = if parse_errors.is_empty() {
        save_profile(&state, &p, &b, &prof).await
    } else {
        Err(crate::error::AppError::invalid(parse_errors))
    };
    match result {
        Ok(()) => Redirect::to("/me/profile?saved=1").into_response(),
        Err(e) if !e.fields.is_empty() => {
            let errors = field_messages(&e, page.lang);
            let circles = circles_of(&state, p.member.id).await;
            let mut shown = page_of(&state, &page, b, &prof, circles, errors, false);
            keep_input(&mut shown, &f);
            render(StatusCode::UNPROCESSABLE_ENTITY, &shown)
        }
        Err(e) => error_page(page.lang, &e),
    }
}

#[derive(Deserialize)]
pub struct CircleForm {
    #[serde(default)]
    pub csrf: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
}

pub async fn add_circle(
    State(state): State<AppState>,
    page: Page,
    Form(f): Form<CircleForm>,
) -> Response {
    let p = match page.csrf(&f.csrf) {
        Ok(p) => p.clone(),
        Err(r) => return r,
    };
    match create_circle(&state, &p, &f.name, &f.description).await {
        Ok(_) => Redirect::to("/me/profile#circles").into_response(),
        Err(e) => error_page(page.lang, &e),
    }
}

#[derive(Deserialize)]
pub struct CsrfOnly {
    #[serde(default)]
    pub csrf: String,
}

pub async fn delete_circle(
    State(state): State<AppState>,
    page: Page,
    Path(id): Path<Id>,
    Form(f): Form<CsrfOnly>,
) -> Response {
    let p = match page.csrf(&f.csrf) {
        Ok(p) => p.clone(),
        Err(r) => return r,
    };
    match state.store.delete_circle(p.member.id, id).await {
        Ok(true) => {
            let _ = state.refresh_member(p.member.id).await;
            Redirect::to("/me/profile#circles").into_response()
        }
        Ok(false) => error_page(page.lang, &crate::error::AppError::not_found()),
        Err(e) => error_page(page.lang, &e.into()),
    }
}
