//! A member's own profile: basics, matching attributes with per-item
//! visibility, and circles.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use serde::Deserialize;

use antenna_ask::{Gender, Intensity, Lang, Value};
use antenna_matching::{Area, Attr, InterestAttr, Profile, Visibility};
use antenna_store::{Id, MemberUpdate};

use super::{error_page, field_messages, ok, render, Chrome, Page};
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
    basics: Vec<(&'static str, &'static str, String)>,
    areas: Vec<(
        &'static str,
        &'static str,
        String,
        String,
        &'static str,
        &'static str,
    )>,
    gender: String,
    attrs: Vec<Row>,
    gender_vis: &'static str,
    circles: Vec<(Id, String, String)>,
    errors: Vec<(String, String)>,
    saved: bool,
}

fn vis_str(v: Visibility) -> &'static str {
    match v {
        Visibility::Public => "public",
        Visibility::Members => "members",
        Visibility::Private => "private",
    }
}

fn vis_of(s: &str) -> Visibility {
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
    circles: Vec<(Id, String, String)>,
    errors: Vec<(String, String)>,
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
    let area = |a: &Option<Attr<Area>>| {
        a.as_ref()
            .map(|a| {
                (
                    a.value.prefecture.clone(),
                    a.value.municipality.clone().unwrap_or_default(),
                    vis_str(a.visibility),
                )
            })
            .unwrap_or((String::new(), String::new(), "members"))
    };
    let (res_pref, res_muni, res_vis) = area(&p.residence);
    let (work_pref, work_muni, work_vis) = area(&p.work_area);
    let basics = vec![
        ("family_name", "name.family", b.family_name.clone()),
        ("given_name", "name.given", b.given_name.clone()),
        ("family_kana", "name.family_kana", b.family_kana.clone()),
        ("given_kana", "name.given_kana", b.given_kana.clone()),
        ("company", "profile.company", b.company.clone()),
        ("title", "profile.title_field", b.title.clone()),
        ("industry", "profile.industry", b.industry.clone()),
    ];
    let areas = vec![
        (
            "res",
            "profile.residence",
            res_pref.clone(),
            res_muni.clone(),
            res_vis,
            "residence",
        ),
        (
            "work",
            "profile.work_area",
            work_pref.clone(),
            work_muni.clone(),
            work_vis,
            "work_area",
        ),
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

async fn circles_of(state: &AppState, id: Id) -> Vec<(Id, String, String)> {
    state
        .store
        .circles(id)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|c| (c.id, c.name, c.description))
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

#[derive(Deserialize, Default)]
pub struct ProfileForm {
    #[serde(default)]
    pub csrf: String,
    pub family_name: String,
    pub given_name: String,
    #[serde(default)]
    pub family_kana: String,
    #[serde(default)]
    pub given_kana: String,
    #[serde(default)]
    pub company: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub industry: String,
    #[serde(default)]
    pub offer: String,
    #[serde(default)]
    pub lang: String,
    #[serde(default)]
    pub gender: String,
    #[serde(default)]
    pub gender_vis: String,
    #[serde(default)]
    pub birth_year: String,
    #[serde(default)]
    pub birth_year_vis: String,
    #[serde(default)]
    pub res_pref: String,
    #[serde(default)]
    pub res_muni: String,
    #[serde(default)]
    pub res_vis: String,
    #[serde(default)]
    pub work_pref: String,
    #[serde(default)]
    pub work_muni: String,
    #[serde(default)]
    pub work_vis: String,
    #[serde(default)]
    pub interests: String,
    #[serde(default)]
    pub interests_vis: String,
    #[serde(default)]
    pub life_stages: String,
    #[serde(default)]
    pub life_stages_vis: String,
    #[serde(default)]
    pub company_size: String,
    #[serde(default)]
    pub company_size_vis: String,
    #[serde(default)]
    pub office_tsubo: String,
    #[serde(default)]
    pub office_tsubo_vis: String,
}

fn split_list(s: &str) -> Vec<String> {
    s.split(['、', ',', '，', '\n', '・'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

/// Reads the form into a profile; numbers that do not parse become field errors.
fn profile_from_form(
    state: &AppState,
    f: &ProfileForm,
    errors: &mut Vec<crate::error::FieldError>,
) -> Profile {
    use crate::error::{FieldError, Msg};
    let num_err = |field: &str| FieldError {
        field: field.into(),
        message: Msg("page.enter_number").into(),
    };
    let mut p = Profile {
        gender: match f.gender.as_str() {
            "male" => Some(Attr {
                value: Gender::Male,
                visibility: vis_of(&f.gender_vis),
            }),
            "female" => Some(Attr {
                value: Gender::Female,
                visibility: vis_of(&f.gender_vis),
            }),
            _ => None,
        },
        ..Profile::default()
    };
    let digits =
        |s: &str| -> String { s.trim().chars().map(antenna_ask::text::fold_char).collect() };
    if !f.birth_year.trim().is_empty() {
        match crate::i18n::parse_year(&f.birth_year).ok_or(()) {
            Ok(y) => {
                p.birth_year = Some(Attr {
                    value: y,
                    visibility: vis_of(&f.birth_year_vis),
                })
            }
            Err(_) => errors.push(num_err("birth_year")),
        }
    }
    let area = |pref: &str, muni: &str, vis: &str| {
        (!pref.trim().is_empty()).then(|| Attr {
            value: Area {
                prefecture: pref.trim().into(),
                municipality: Some(muni.trim().to_string()).filter(|m| !m.is_empty()),
            },
            visibility: vis_of(vis),
        })
    };
    p.residence = area(&f.res_pref, &f.res_muni, &f.res_vis);
    p.work_area = area(&f.work_pref, &f.work_muni, &f.work_vis);
    let items = split_list(&f.interests);
    if !items.is_empty() {
        let value = items
            .iter()
            .map(|item| {
                let high = item.ends_with('!') || item.ends_with('！');
                let word = item.trim_end_matches(['!', '！']);
                // the coach's vocabulary turns words into ids (フットサル → futsal)
                let topic = state
                    .engine
                    .check(word)
                    .ok()
                    .and_then(|r| {
                        r.criteria.into_iter().find_map(|c| {
                            if let Value::Interest { topic, .. } = c.value {
                                Some(topic)
                            } else {
                                None
                            }
                        })
                    })
                    .unwrap_or_else(|| word.to_string());
                InterestAttr {
                    topic,
                    intensity: if high {
                        Intensity::High
                    } else {
                        Intensity::Normal
                    },
                }
            })
            .collect();
        p.interests = Some(Attr {
            value,
            visibility: vis_of(&f.interests_vis),
        });
    }
    let stages = split_list(&f.life_stages);
    if !stages.is_empty() {
        let value = stages
            .iter()
            .map(|s| {
                state
                    .engine
                    .check(s)
                    .ok()
                    .and_then(|r| {
                        r.criteria.into_iter().find_map(|c| {
                            if let Value::LifeStage { stage } = c.value {
                                Some(stage)
                            } else {
                                None
                            }
                        })
                    })
                    .unwrap_or_else(|| s.clone())
            })
            .collect();
        p.life_stages = Some(Attr {
            value,
            visibility: vis_of(&f.life_stages_vis),
        });
    }
    if !f.company_size.trim().is_empty() {
        match digits(&f.company_size).replace(',', "").parse::<i64>() {
            Ok(n) => {
                p.company_size = Some(Attr {
                    value: n,
                    visibility: vis_of(&f.company_size_vis),
                })
            }
            Err(_) => errors.push(num_err("company_size")),
        }
    }
    if !f.office_tsubo.trim().is_empty() {
        match digits(&f.office_tsubo).replace(',', "").parse::<f64>() {
            Ok(n) => {
                p.office_tsubo = Some(Attr {
                    value: n,
                    visibility: vis_of(&f.office_tsubo_vis),
                })
            }
            Err(_) => errors.push(num_err("office_tsubo")),
        }
    }
    p
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
        let (pref, muni, vis) = if a.0 == "res" {
            (&f.res_pref, &f.res_muni, &f.res_vis)
        } else {
            (&f.work_pref, &f.work_muni, &f.work_vis)
        };
        a.2 = pref.clone();
        a.3 = muni.clone();
        a.4 = vis_str(vis_of(vis));
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
