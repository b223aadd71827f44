//! Members, profiles and circles over the API, over
//! [`crate::services::members`]. Private attributes never leave the server
//! except to their owner.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use serde::Deserialize;

use antenna_matching::Profile;
use antenna_store::{Circle, Id, MemberUpdate};

use super::{openapi as doc, JsonBody};
use crate::auth::ApiUser;
use crate::error::{ApiResult, AppError};
use crate::i18n::UiLang;
use crate::services::members::{self, MemberView};
use crate::state::AppState;

#[utoipa::path(
    get,
    path = "/me",
    operation_id = "members_me",
    tag = "members",
    summary = "Your member record, profile (private attributes included) and circles",
    responses(
        (status = 200, description = "You", body = MemberView),
        doc::Unauthorized,
    ),
    extensions(("x-role" = json!("member"))),
)]
pub async fn me(State(state): State<AppState>, ApiUser(p): ApiUser) -> ApiResult<Json<MemberView>> {
    Ok(Json(members::member_view(&state, &p.member, &p).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ProfileBody {
    #[serde(flatten)]
    pub basics: MemberUpdate,
    #[serde(default)]
    #[schema(value_type = super::schema::Profile)]
    pub profile: Profile,
}

#[utoipa::path(
    put,
    path = "/me/profile",
    operation_id = "members_put_profile",
    tag = "members",
    summary = "Save your basics and matching attributes",
    description = "Nothing is saved when a field is not valid.",
    request_body = ProfileBody,
    responses(
        (status = 200, description = "You, as saved", body = MemberView),
        doc::BodyErrors,
        doc::Unauthorized,
        doc::Forbidden,
        doc::Invalid,
    ),
    extensions(("x-role" = json!("member"))),
)]
pub async fn put_profile(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiUser(p): ApiUser,
    JsonBody(body): JsonBody<ProfileBody>,
) -> ApiResult<Json<MemberView>> {
    members::save_profile(&state, &p, &body.basics, &body.profile)
        .await
        .map_err(|e| e.lang(lang))?;
    let m = state
        .store
        .member(p.member.id)
        .await?
        .ok_or_else(AppError::not_found)?;
    Ok(Json(members::member_view(&state, &m, &p).await?))
}

#[utoipa::path(
    get,
    path = "/me/circles",
    operation_id = "members_my_circles",
    tag = "members",
    summary = "Your circles",
    responses(
        (status = 200, description = "Your circles", body = Vec<Circle>),
        doc::Unauthorized,
    ),
    extensions(("x-role" = json!("member"))),
)]
pub async fn my_circles(
    State(state): State<AppState>,
    ApiUser(p): ApiUser,
) -> ApiResult<Json<Vec<Circle>>> {
    Ok(Json(state.store.circles(p.member.id).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CircleBody {
    #[schema(min_length = 1, max_length = 100)]
    pub name: String,
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub description: String,
}

#[utoipa::path(
    post,
    path = "/me/circles",
    operation_id = "members_add_circle",
    tag = "members",
    summary = "Add a circle (up to 30)",
    request_body = CircleBody,
    responses(
        (status = 201, description = "The new circle", body = Circle),
        doc::BodyErrors,
        doc::Unauthorized,
        doc::Forbidden,
        doc::Invalid,
    ),
    extensions(("x-role" = json!("member"))),
)]
pub async fn add_circle(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiUser(p): ApiUser,
    JsonBody(body): JsonBody<CircleBody>,
) -> ApiResult<impl IntoResponse> {
    let c = members::create_circle(&state, &p, &body.name, &body.description)
        .await
        .map_err(|e| e.lang(lang))?;
    Ok((StatusCode::CREATED, Json(c)))
}

#[utoipa::path(
    delete,
    path = "/me/circles/{id}",
    operation_id = "members_delete_circle",
    tag = "members",
    summary = "Remove one of your circles",
    params(("id" = i64, Path, description = "The circle's id")),
    responses(
        (status = 204, description = "Removed"),
        doc::BadRequest,
        doc::Unauthorized,
        doc::Forbidden,
        doc::NotFound,
    ),
    extensions(("x-role" = json!("member"))),
)]
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

#[utoipa::path(
    get,
    path = "/members",
    operation_id = "members_list",
    tag = "members",
    summary = "Members, as members may see them",
    responses(
        (status = 200, description = "Members", body = Vec<MemberView>),
        doc::Unauthorized,
    ),
    extensions(("x-role" = json!("member"))),
)]
pub async fn list(
    State(state): State<AppState>,
    ApiUser(p): ApiUser,
) -> ApiResult<Json<Vec<MemberView>>> {
    let mut out = Vec::new();
    for m in state.store.members().await? {
        if m.status == antenna_store::MemberStatus::Disabled && !p.is_organizer() {
            continue;
        }
        out.push(members::member_view(&state, &m, &p).await?);
    }
    Ok(Json(out))
}

#[utoipa::path(
    get,
    path = "/members/{id}",
    operation_id = "members_get_one",
    tag = "members",
    summary = "One member",
    params(("id" = i64, Path, description = "The member's id")),
    responses(
        (status = 200, description = "The member", body = MemberView),
        doc::BadRequest,
        doc::Unauthorized,
        doc::NotFound,
    ),
    extensions(("x-role" = json!("member"))),
)]
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
    Ok(Json(members::member_view(&state, &m, &p).await?))
}
