//! The member directory and a member's page, as another member sees it.

use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;

use antenna_ask::Gender;
use antenna_matching::Viewer;
use antenna_store::Id;

use super::profile::{stage_label, topic_label};
use super::{error_page, ok, Chrome, Page};
use crate::state::{parse_profile, AppState};

#[derive(Template)]
#[template(path = "members.html")]
struct Members {
    c: Chrome,
    members: Vec<MemberRow>,
}

/// A member in the directory.
struct MemberRow {
    id: Id,
    name: String,
    company: String,
    title: String,
}

pub async fn members(State(state): State<AppState>, page: Page) -> Response {
    if let Err(r) = page.member() {
        return r;
    }
    let list = state.store.members().await.unwrap_or_default();
    let members = list
        .into_iter()
        .filter(|m| m.status == antenna_store::MemberStatus::Active)
        .map(|m| MemberRow {
            id: m.id,
            name: format!("{} {}", m.family_name, m.given_name),
            company: m.company,
            title: m.title,
        })
        .collect();
    ok(&Members {
        c: page.chrome(),
        members,
    })
}

#[derive(Template)]
#[template(path = "member.html")]
struct MemberPage {
    c: Chrome,
    name: String,
    kana: String,
    company: String,
    title: String,
    industry: String,
    offer: String,
    facts: Vec<Fact>,
    circles: Vec<CircleView>,
}

/// A profile attribute the viewer may see: its name and its value as text.
struct Fact {
    label: &'static str,
    value: String,
}

fn fact(label: &'static str, value: String) -> Fact {
    Fact { label, value }
}

/// One of the member's circles, as another member sees it.
struct CircleView {
    name: String,
    description: String,
}

pub async fn member(State(state): State<AppState>, page: Page, Path(id): Path<Id>) -> Response {
    let viewer = match page.member() {
        Ok(p) => p.clone(),
        Err(r) => return r,
    };
    let Ok(Some(m)) = state.store.member(id).await else {
        return error_page(page.lang, &crate::error::AppError::not_found());
    };
    let t = page.t();
    let ja = t.is_ja();
    let full = state
        .store
        .profile(id)
        .await
        .ok()
        .flatten()
        .map(|r| parse_profile(&r.data))
        .unwrap_or_default();
    // private attributes never reach another member's page
    let p = full.visible_to(if viewer.member.id == id {
        Viewer::Owner
    } else {
        Viewer::Member
    });
    let mut facts = Vec::new();
    if let Some(g) = &p.gender {
        facts.push(fact(
            t.s("profile.gender"),
            t.s(if g.value == Gender::Male {
                "gender.male"
            } else {
                "gender.female"
            })
            .to_string(),
        ));
    }
    if let Some(b) = &p.birth_year {
        facts.push(fact(t.s("profile.birth_year"), b.value.to_string()));
    }
    if let Some(a) = &p.residence {
        facts.push(fact(
            t.s("profile.residence"),
            format!(
                "{}{}",
                a.value.prefecture,
                a.value.municipality.clone().unwrap_or_default()
            ),
        ));
    }
    if let Some(a) = &p.work_area {
        facts.push(fact(
            t.s("profile.work_area"),
            format!(
                "{}{}",
                a.value.prefecture,
                a.value.municipality.clone().unwrap_or_default()
            ),
        ));
    }
    if let Some(i) = &p.interests {
        facts.push(fact(
            t.s("profile.interests"),
            i.value
                .iter()
                .map(|x| topic_label(&state, &x.topic, ja))
                .collect::<Vec<_>>()
                .join("、"),
        ));
    }
    if let Some(l) = &p.life_stages {
        facts.push(fact(
            t.s("profile.life_stages"),
            l.value
                .iter()
                .map(|x| stage_label(&state, x, ja))
                .collect::<Vec<_>>()
                .join("、"),
        ));
    }
    if let Some(c) = &p.company_size {
        facts.push(fact(t.s("profile.company_size"), c.value.to_string()));
    }
    if let Some(o) = &p.office_tsubo {
        facts.push(fact(t.s("profile.office_tsubo"), o.value.to_string()));
    }
    let circles = state
        .store
        .circles(id)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|c| CircleView {
            name: c.name,
            description: c.description,
        })
        .collect();
    ok(&MemberPage {
        c: page.chrome(),
        name: format!("{} {}", m.family_name, m.given_name),
        kana: format!("{} {}", m.family_kana, m.given_kana)
            .trim()
            .to_string(),
        company: m.company,
        title: m.title,
        industry: m.industry,
        offer: m.offer,
        facts,
        circles,
    })
}
