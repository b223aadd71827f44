//! Members, profiles and circles over the API. Private attributes never leave
//! the server except to their owner.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use serde::{Deserialize, Serialize};

use antenna_matching::{Profile, Viewer};
use antenna_store::{Circle, Id, Member, MemberUpdate, Role};

use super::JsonBody;
use crate::auth::{now, ApiUser, Principal};
use crate::error::{ApiResult, AppError};
use crate::i18n::{Lang, UiLang};
use crate::state::{parse_profile, AppState};

/// A member as another member (or the public) may see them.
#[derive(Serialize)]
pub struct MemberView {
    pub id: Id,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub role: Role,
    pub family_name: String,
    pub given_name: String,
    pub family_kana: String,
    pub given_kana: String,
    pub company: String,
    pub title: String,
    pub industry: String,
    pub offer: String,
    pub profile: Profile,
    pub circles: Vec<Circle>,
}

pub async fn member_view(
    state: &AppState,
    m: &Member,
    viewer: &Principal,
) -> ApiResult<MemberView> {
    let own = viewer.member.id == m.id;
    let profile = state
        .store
        .profile(m.id)
        .await?
        .map(|r| parse_profile(&r.data))
        .unwrap_or_default();
    let shown = profile.visible_to(if own { Viewer::Owner } else { Viewer::Member });
    Ok(MemberView {
        id: m.id,
        email: (own || viewer.is_organizer()).then(|| m.email.clone()),
        role: m.role,
        family_name: m.family_name.clone(),
        given_name: m.given_name.clone(),
        family_kana: m.family_kana.clone(),
        given_kana: m.given_kana.clone(),
        company: m.company.clone(),
        title: m.title.clone(),
        industry: m.industry.clone(),
        offer: m.offer.clone(),
        profile: shown,
        circles: state.store.circles(m.id).await?,
    })
}

pub async fn me(State(state): State<AppState>, ApiUser(p): ApiUser) -> ApiResult<Json<MemberView>> {
    Ok(Json(member_view(&state, &p.member, &p).await?))
}

#[derive(Deserialize)]
pub struct ProfileBody {
    #[serde(flatten)]
    pub basics: MemberUpdate,
    #[serde(default)]
    pub profile: Profile,
}

/// Validates and saves basics and attributes together (nothing saved on error).
pub async fn save_profile(
    state: &AppState,
    p: &Principal,
    basics: &MemberUpdate,
    profile: &Profile,
    lang: Lang,
) -> ApiResult<()> {
    let mut basics = basics.clone();
    if basics.lang.is_empty() {
        basics.lang = p.member.lang.clone();
    }
    let basics = &basics;
    let mut fields = crate::validate::basics(basics);
    fields.extend(crate::validate::profile(
        profile,
        state.engine.lexicon(),
        crate::i18n::year_jst(now()),
    ));
    if !fields.is_empty() {
        return Err(AppError::invalid(fields).lang(lang));
    }
    let trimmed = MemberUpdate {
        family_name: basics.family_name.trim().into(),
        given_name: basics.given_name.trim().into(),
        family_kana: basics.family_kana.trim().into(),
        given_kana: basics.given_kana.trim().into(),
        company: basics.company.trim().into(),
        title: basics.title.trim().into(),
        industry: basics.industry.trim().into(),
        offer: basics.offer.trim().into(),
        lang: basics.lang.clone(),
    };
    state.store.update_member(p.member.id, &trimmed).await?;
    let data = serde_json::to_string(profile).map_err(AppError::internal)?;
    state.store.put_profile(p.member.id, &data, now()).await?;
    state.refresh_member(p.member.id).await?;
    Ok(())
}

pub async fn put_profile(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiUser(p): ApiUser,
    JsonBody(body): JsonBody<ProfileBody>,
) -> ApiResult<Json<MemberView>> {
    save_profile(&state, &p, &body.basics, &body.profile, lang).await?;
    let m = state
        .store
        .member(p.member.id)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok(Json(member_view(&state, &m, &p).await?))
}

pub async fn my_circles(
    State(state): State<AppState>,
    ApiUser(p): ApiUser,
) -> ApiResult<Json<Vec<Circle>>> {
    Ok(Json(state.store.circles(p.member.id).await?))
}

#[derive(Deserialize)]
pub struct CircleBody {
    pub name: String,
    #[serde(default)]
    pub description: String,
}

pub async fn create_circle(
    state: &AppState,
    p: &Principal,
    name: &str,
    description: &str,
    lang: Lang,
) -> ApiResult<Circle> {
    let fields = crate::validate::circle(name, description);
    if !fields.is_empty() {
        return Err(AppError::invalid(fields).lang(lang));
    }
    if state.store.circles(p.member.id).await?.len() >= 30 {
        return Err(AppError::invalid(vec![crate::error::FieldError {
            field: "name".into(),
            message: crate::error::Msg::new("サークルは30件までです。", "Up to 30 circles.").into(),
        }])
        .lang(lang));
    }
    let c = state
        .store
        .add_circle(p.member.id, name.trim(), description.trim(), now())
        .await?;
    state.refresh_member(p.member.id).await?;
    Ok(c)
}

pub async fn add_circle(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiUser(p): ApiUser,
    JsonBody(body): JsonBody<CircleBody>,
) -> ApiResult<impl IntoResponse> {
    let c = create_circle(&state, &p, &body.name, &body.description, lang).await?;
    Ok((StatusCode::CREATED, Json(c)))
}

pub async fn delete_circle(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiUser(p): ApiUser,
    super::ApiPath(id): super::ApiPath<Id>,
) -> ApiResult<StatusCode> {
    if !state.store.delete_circle(p.member.id, id).await? {
        return Err(AppError::not_found().lang(lang));
    }
    state.refresh_member(p.member.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

pub async fn list(
    State(state): State<AppState>,
    ApiUser(p): ApiUser,
) -> ApiResult<Json<Vec<MemberView>>> {
    let mut out = Vec::new();
    for m in state.store.members().await? {
        if m.status == antenna_store::MemberStatus::Disabled && !p.is_organizer() {
            continue;
        }
        out.push(member_view(&state, &m, &p).await?);
    }
    Ok(Json(out))
}

pub async fn get_one(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiUser(p): ApiUser,
    super::ApiPath(id): super::ApiPath<Id>,
) -> ApiResult<Json<MemberView>> {
    let m = state
        .store
        .member(id)
        .await?
        .ok_or_else(|| AppError::not_found().lang(lang))?;
    Ok(Json(member_view(&state, &m, &p).await?))
}
