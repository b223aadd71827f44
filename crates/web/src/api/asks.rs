//! Asks over the API: the public coach, create with the coach's reading,
//! revise, change status, revisions, 「知り合いにいます」, and the board —
//! JSON over [`crate::services::asks`].

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use serde::Deserialize;

use antenna_ask::{Community, Reading};
use antenna_store::{AskStatus, Id};

use super::{openapi as doc, schema, JsonBody};
use crate::auth::ApiUser;
use crate::error::{ApiResult, AppError, FieldError, Msg};
use crate::i18n::UiLang;
use crate::services::asks::{self, AskView};
use crate::state::AppState;

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CheckBody {
    #[schema(min_length = 1, max_length = 2000)]
    pub text: String,
    #[schema(minimum = 1, maximum = 1_000_000)]
    pub members: Option<u32>,
    pub acquaintances: Option<u32>,
}

/// `POST /api/v1/asks/check`: the coach for anyone, throttled per address
/// (by [`crate::throttle::coach_limit`]).
#[utoipa::path(
    post,
    path = "/asks/check",
    operation_id = "asks_check",
    tag = "asks",
    summary = "Read an ask with the coach",
    description = "No login needed; throttled per address. Logged in and without `members` \
        or `acquaintances`, the reading is the one saving the ask would store.",
    request_body = CheckBody,
    responses(
        (status = 200, description = "The coach's reading", body = schema::Reading),
        doc::BodyErrors,
        doc::BadToken,
        doc::CrossOrigin,
        doc::Invalid,
        doc::TooMany,
    ),
    security((), ("bearer" = []), ("session" = [])),
    extensions(("x-role" = json!("public"))),
)]
pub async fn check(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    crate::auth::MaybeUser(user): crate::auth::MaybeUser,
    JsonBody(body): JsonBody<CheckBody>,
) -> ApiResult<Json<Reading>> {
    let plain = body.members.is_none() && body.acquaintances.is_none();
    if user.is_some() && plain {
        // a member's live coach reads the ask as saving it would
        return asks::coach(&state, &body.text)
            .await
            .map(Json)
            .map_err(|e| AppError::invalid(vec![asks::ask_error(&e)]).lang(lang));
    }
    let members = match body.members {
        Some(m) if (1..=1_000_000).contains(&m) => m,
        Some(_) => {
            return Err(AppError::invalid(vec![FieldError::new(
                "members",
                Msg("api.members_must_between_1"),
            )])
            .lang(lang))
        }
        // anyone else is not told how many members the community has
        None => Community::default().members,
    };
    let community = Community {
        members,
        acquaintances_each: body.acquaintances.unwrap_or(150).clamp(1, 5000),
        matching_members: None,
    };
    asks::public_coach(&state, &body.text, &community)
        .map(Json)
        .map_err(|e| e.lang(lang))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewAsk {
    #[schema(min_length = 1, max_length = 2000)]
    pub text: String,
    #[schema(value_type = Option<antenna_store::AskStatus>)]
    pub status: Option<String>,
    #[schema(pattern = "^([0-9]{4}-[0-9]{2}-[0-9]{2})?$")]
    pub expires_on: Option<String>,
}

#[utoipa::path(
    post,
    path = "/asks",
    operation_id = "asks_create",
    tag = "asks",
    summary = "Create an ask; the coach's reading is stored with it",
    request_body = NewAsk,
    responses(
        (status = 201, description = "The new ask", body = AskView),
        doc::BodyErrors,
        doc::Unauthorized,
        doc::Forbidden,
        doc::Invalid,
    ),
    extensions(("x-role" = json!("member"))),
)]
pub async fn create(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiUser(p): ApiUser,
    JsonBody(body): JsonBody<NewAsk>,
) -> ApiResult<impl IntoResponse> {
    let status = match asks::non_empty(body.status.as_deref()) {
        None => AskStatus::Published,
        Some(s) => asks::parse_status(&s).map_err(|e| e.lang(lang))?,
    };
    let cmd = asks::NewAsk {
        text: body.text,
        status,
        expires_on: asks::non_empty(body.expires_on.as_deref()),
    };
    let ask = asks::create(&state, &p, &cmd)
        .await
        .map_err(|e| e.lang(lang))?;
    Ok((StatusCode::CREATED, Json(asks::view(&state, &ask).await?)))
}

#[utoipa::path(
    get,
    path = "/asks/{id}",
    operation_id = "asks_get_one",
    tag = "asks",
    summary = "One ask with its reading",
    params(("id" = i64, Path, description = "The ask's id")),
    responses(
        (status = 200, description = "The ask", body = AskView),
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
) -> ApiResult<Json<AskView>> {
    let a = asks::visible(&state, &p, id)
        .await
        .map_err(|e| e.lang(lang))?;
    Ok(Json(asks::view(&state, &a).await?))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    pub mine: Option<bool>,
    #[param(value_type = Option<antenna_store::AskStatus>)]
    pub status: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

#[utoipa::path(
    get,
    path = "/asks",
    operation_id = "asks_list",
    tag = "asks",
    summary = "List asks",
    description = "Published asks and your own; with `mine=true` only yours, in every state.",
    params(ListQuery),
    responses(
        (status = 200, description = "Asks, newest first", body = Vec<AskView>),
        doc::BadRequest,
        doc::Unauthorized,
        doc::Invalid,
    ),
    extensions(("x-role" = json!("member"))),
)]
pub async fn list(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiUser(p): ApiUser,
    super::ApiQuery(q): super::ApiQuery<ListQuery>,
) -> ApiResult<Json<Vec<AskView>>> {
    let status = match q.status.as_deref() {
        Some(s) => Some(asks::parse_status(s).map_err(|e| e.lang(lang))?),
        None => None,
    };
    let list = asks::list(
        &state,
        &p,
        q.mine.unwrap_or(false),
        status,
        q.limit.unwrap_or(100).clamp(1, 1000),
        q.offset.unwrap_or(0).max(0),
    )
    .await
    .map_err(|e| e.lang(lang))?;
    let mut out = Vec::with_capacity(list.len());
    for a in &list {
        out.push(asks::view(&state, a).await?);
    }
    Ok(Json(out))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct AskPatch {
    #[schema(min_length = 1, max_length = 2000)]
    pub text: Option<String>,
    /// `""` removes the expiry.
    #[schema(pattern = "^([0-9]{4}-[0-9]{2}-[0-9]{2})?$")]
    pub expires_on: Option<String>,
}

#[utoipa::path(
    patch,
    path = "/asks/{id}",
    operation_id = "asks_update",
    tag = "asks",
    summary = "Revise an ask's text (a new revision) or its expiry; author only",
    params(("id" = i64, Path, description = "The ask's id")),
    request_body = AskPatch,
    responses(
        (status = 200, description = "The ask as saved", body = AskView),
        doc::BodyErrors,
        doc::Unauthorized,
        doc::Forbidden,
        doc::NotFound,
        doc::Invalid,
    ),
    extensions(("x-role" = json!("member"))),
)]
pub async fn update(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiUser(p): ApiUser,
    super::ApiPath(id): super::ApiPath<Id>,
    JsonBody(patch): JsonBody<AskPatch>,
) -> ApiResult<Json<AskView>> {
    let change = asks::AskChange {
        text: patch.text,
        expires_on: patch.expires_on.map(|d| asks::non_empty(Some(d.as_str()))),
    };
    let ask = asks::update(&state, &p, id, &change)
        .await
        .map_err(|e| e.lang(lang))?;
    Ok(Json(asks::view(&state, &ask).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct StatusBody {
    #[schema(value_type = antenna_store::AskStatus)]
    pub status: String,
}

#[utoipa::path(
    post,
    path = "/asks/{id}/status",
    operation_id = "asks_set_status",
    tag = "asks",
    summary = "Publish, pause, mark fulfilled, close (organizers may pause or close any ask)",
    params(("id" = i64, Path, description = "The ask's id")),
    request_body = StatusBody,
    responses(
        (status = 200, description = "The ask as saved", body = AskView),
        doc::BodyErrors,
        doc::Unauthorized,
        doc::Forbidden,
        doc::NotFound,
        doc::Invalid,
    ),
    extensions(("x-role" = json!("member"))),
)]
pub async fn set_status(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiUser(p): ApiUser,
    super::ApiPath(id): super::ApiPath<Id>,
    JsonBody(body): JsonBody<StatusBody>,
) -> ApiResult<Json<AskView>> {
    let ask = async {
        let status = asks::parse_status(&body.status)?;
        asks::change_status(&state, &p, id, status).await
    }
    .await
    .map_err(|e| e.lang(lang))?;
    Ok(Json(asks::view(&state, &ask).await?))
}

#[utoipa::path(
    get,
    path = "/asks/{id}/revisions",
    operation_id = "asks_revisions",
    tag = "asks",
    summary = "Every saved version of an ask; author or organizer",
    params(("id" = i64, Path, description = "The ask's id")),
    responses(
        (
            status = 200,
            description = "Revisions, oldest first",
            body = Vec<antenna_store::AskRevision>,
        ),
        doc::BadRequest,
        doc::Unauthorized,
        doc::Forbidden,
        doc::NotFound,
    ),
    extensions(("x-role" = json!("member"))),
)]
pub async fn revisions(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiUser(p): ApiUser,
    super::ApiPath(id): super::ApiPath<Id>,
) -> ApiResult<Json<Vec<antenna_store::AskRevision>>> {
    asks::own_or_organizer(&state, &p, id)
        .await
        .map_err(|e| e.lang(lang))?;
    Ok(Json(state.store.revisions(id).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct IntentBody {
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub note: String,
}

#[utoipa::path(
    post,
    path = "/asks/{id}/intents",
    operation_id = "asks_add_intent",
    tag = "asks",
    summary = "Say 「知り合いにいます」 for someone else's published ask",
    params(("id" = i64, Path, description = "The ask's id")),
    request_body = IntentBody,
    responses(
        (
            status = 201,
            description = "Recorded (a second time replaces the note)",
            body = antenna_store::Intent,
        ),
        doc::BodyErrors,
        doc::Unauthorized,
        doc::Forbidden,
        doc::NotFound,
        doc::Invalid,
    ),
    extensions(("x-role" = json!("member"))),
)]
pub async fn add_intent(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiUser(p): ApiUser,
    super::ApiPath(id): super::ApiPath<Id>,
    JsonBody(body): JsonBody<IntentBody>,
) -> ApiResult<impl IntoResponse> {
    let i = asks::record_intent(&state, &p, id, &body.note)
        .await
        .map_err(|e| e.lang(lang))?;
    Ok((StatusCode::CREATED, Json(i)))
}

#[utoipa::path(
    get,
    path = "/asks/{id}/intents",
    operation_id = "asks_intents",
    tag = "asks",
    summary = "Who said 「知り合いにいます」; author or organizer",
    params(("id" = i64, Path, description = "The ask's id")),
    responses(
        (
            status = 200,
            description = "The members who know someone",
            body = Vec<antenna_store::Intent>,
        ),
        doc::BadRequest,
        doc::Unauthorized,
        doc::Forbidden,
        doc::NotFound,
    ),
    extensions(("x-role" = json!("member"))),
)]
pub async fn intents(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiUser(p): ApiUser,
    super::ApiPath(id): super::ApiPath<Id>,
) -> ApiResult<Json<Vec<antenna_store::Intent>>> {
    asks::own_or_organizer(&state, &p, id)
        .await
        .map_err(|e| e.lang(lang))?;
    Ok(Json(state.store.intents(id).await?))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BoardQuery {
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

#[utoipa::path(
    get,
    path = "/board",
    operation_id = "asks_board",
    tag = "asks",
    summary = "Other members' open asks, those you can most likely help with first",
    params(BoardQuery),
    responses(
        (status = 200, description = "The board", body = Vec<crate::board::BoardItem>),
        doc::BadRequest,
        doc::Unauthorized,
    ),
    extensions(("x-role" = json!("member"))),
)]
pub async fn board(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiUser(p): ApiUser,
    super::ApiQuery(q): super::ApiQuery<BoardQuery>,
) -> ApiResult<Json<Vec<crate::board::BoardItem>>> {
    let items = crate::board::board(
        &state,
        p.member.id,
        q.offset.unwrap_or(0),
        q.limit.unwrap_or(50).clamp(1, 200),
        lang,
    )
    .await;
    Ok(Json(items))
}
