//! Members, profiles and circles over the API, over
//! [`crate::services::members`]. Private attributes never leave the server
//! except to their owner.
//!
//! Each handler's doc comment is its summary in the OpenAPI document.

use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use antenna_matching::Profile;
use antenna_store::{Circle, Id, MemberUpdate};

use super::{openapi as doc, ApiPath, Call, JsonBody};
use crate::error::{ApiResult, AppError};
use crate::services::members::{self, MemberView};
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(me))
        .routes(routes!(put_profile))
        .routes(routes!(my_circles, add_circle))
        .routes(routes!(delete_circle))
        .routes(routes!(list))
        .routes(routes!(get_one))
}

/// Your member record, profile (private attributes included) and circles
#[utoipa::path(
    get,
    path = "/me",
    responses((status = 200, description = "You", body = MemberView), doc::Unauthorized),
    extensions(("x-role" = json!("member"))),
)]
pub async fn me(c: Call) -> ApiResult<Json<MemberView>> {
    Ok(Json(
        members::member_view(&c.state, &c.p.member, &c.p).await?,
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ProfileBody {
    #[serde(flatten)]
    pub basics: MemberUpdate,
    #[serde(default)]
    pub profile: Profile,
}

/// Save your basics and matching attributes
///
/// Nothing is saved when a field is not valid.
#[utoipa::path(
    put,
    path = "/me/profile",
    request_body = ProfileBody,
    responses((status = 200, description = "You, as saved", body = MemberView), doc::WriteErrors),
    extensions(("x-role" = json!("member"))),
)]
pub async fn put_profile(
    c: Call,
    JsonBody(body): JsonBody<ProfileBody>,
) -> ApiResult<Json<MemberView>> {
    members::save_profile(&c.state, &c.p, &body.basics, &body.profile)
        .await
        .map_err(|e| e.lang(c.lang))?;
    let m = c.state.store.member(c.p.member.id).await?;
    let m = m.ok_or_else(AppError::not_found)?;
    Ok(Json(members::member_view(&c.state, &m, &c.p).await?))
}

/// Your circles
#[utoipa::path(
    get,
    path = "/me/circles",
    responses((status = 200, description = "Your circles", body = Vec<Circle>), doc::Unauthorized),
    extensions(("x-role" = json!("member"))),
)]
pub async fn my_circles(c: Call) -> ApiResult<Json<Vec<Circle>>> {
    Ok(Json(c.state.store.circles(c.p.member.id).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CircleBody {
    #[schema(min_length = 1, max_length = 100)]
    pub name: String,
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub description: String,
}

/// Add a circle (up to 30)
#[utoipa::path(
    post,
    path = "/me/circles",
    request_body = CircleBody,
    responses((status = 201, description = "The new circle", body = Circle), doc::WriteErrors),
    extensions(("x-role" = json!("member"))),
)]
pub async fn add_circle(
    c: Call,
    JsonBody(body): JsonBody<CircleBody>,
) -> ApiResult<impl IntoResponse> {
    let circle = members::create_circle(&c.state, &c.p, &body.name, &body.description)
        .await
        .map_err(|e| e.lang(c.lang))?;
    Ok((StatusCode::CREATED, Json(circle)))
}

/// Remove one of your circles
#[utoipa::path(
    delete,
    path = "/me/circles/{id}",
    params(("id" = i64, Path, description = "The circle's id")),
    responses((status = 204, description = "Removed"), doc::ItemErrors),
    extensions(("x-role" = json!("member"))),
)]
pub async fn delete_circle(c: Call, ApiPath(id): ApiPath<Id>) -> ApiResult<StatusCode> {
    let deleted = c.state.store.delete_circle(c.p.member.id, id).await?;
    super::found(&c, deleted)?;
    c.state.refresh_member(c.p.member.id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Members, as members may see them
#[utoipa::path(
    get,
    path = "/members",
    responses((status = 200, description = "Members", body = Vec<MemberView>), doc::Unauthorized),
    extensions(("x-role" = json!("member"))),
)]
pub async fn list(c: Call) -> ApiResult<Json<Vec<MemberView>>> {
    let mut out = Vec::new();
    for m in c.state.store.members().await? {
        if m.status == antenna_store::MemberStatus::Disabled && !c.p.is_organizer() {
            continue;
        }
        out.push(members::member_view(&c.state, &m, &c.p).await?);
    }
    Ok(Json(out))
}

/// One member
#[utoipa::path(
    get,
    path = "/members/{id}",
    params(("id" = i64, Path, description = "The member's id")),
    responses(
        (status = 200, description = "The member", body = MemberView),
        doc::BadRequest,
        doc::Unauthorized,
        doc::NotFound,
    ),
    extensions(("x-role" = json!("member"))),
)]
pub async fn get_one(c: Call, ApiPath(id): ApiPath<Id>) -> ApiResult<Json<MemberView>> {
    let m = c.state.store.member(id).await?;
    let m = m.ok_or_else(|| AppError::not_found().lang(c.lang))?;
    Ok(Json(members::member_view(&c.state, &m, &c.p).await?))
}
