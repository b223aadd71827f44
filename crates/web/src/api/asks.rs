//! Asks over the API: the public coach, create with the coach's reading,
//! revise, change status, revisions, 「知り合いにいます」, and the board —
//! JSON over [`crate::services::asks`].
//!
//! Each handler's doc comment is its summary in the OpenAPI document.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use serde::Deserialize;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use antenna_ask::{Community, Reading};
use antenna_store::{Ask, AskRevision, AskStatus, Id, Intent, Store};

use super::{openapi as doc, ApiPath, ApiQuery, Call, JsonBody};
use crate::board::BoardItem;
use crate::error::{ApiResult, AppError, FieldError, Msg};
use crate::i18n::UiLang;
use crate::services::asks::{self, AskView};
use crate::state::AppState;

pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(check))
        .routes(routes!(list, create))
        .routes(routes!(get_one, update))
        .routes(routes!(set_status))
        .routes(routes!(revisions))
        .routes(routes!(intents, add_intent))
        .routes(routes!(board))
}

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
    summary = "Read an ask with the coach",
    description = "No login needed; throttled per address. Logged in and without `members` \
        or `acquaintances`, the reading is the one saving the ask would store.",
    request_body = CheckBody,
    responses(
        (status = 200, description = "The coach's reading", body = Reading),
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

/// Create an ask; the coach's reading is stored with it
#[utoipa::path(
    post,
    path = "/asks",
    request_body = NewAsk,
    responses((status = 201, description = "The new ask", body = AskView), doc::WriteErrors),
    extensions(("x-role" = json!("member"))),
)]
pub async fn create(c: Call, JsonBody(body): JsonBody<NewAsk>) -> ApiResult<impl IntoResponse> {
    let status = match asks::non_empty(body.status.as_deref()) {
        None => AskStatus::Published,
        Some(s) => asks::parse_status(&s).map_err(|e| e.lang(c.lang))?,
    };
    let cmd = asks::NewAsk {
        text: body.text,
        status,
        expires_on: asks::non_empty(body.expires_on.as_deref()),
    };
    let ask = asks::create(&c.state, &c.p, &cmd)
        .await
        .map_err(|e| e.lang(c.lang))?;
    Ok((StatusCode::CREATED, Json(asks::view(&c.state, &ask).await?)))
}

/// One ask with its reading
#[utoipa::path(
    get,
    path = "/asks/{id}",
    params(("id" = i64, Path, description = "The ask's id")),
    responses(
        (status = 200, description = "The ask", body = AskView),
        doc::BadRequest,
        doc::Unauthorized,
        doc::NotFound,
    ),
    extensions(("x-role" = json!("member"))),
)]
pub async fn get_one(c: Call, ApiPath(id): ApiPath<Id>) -> ApiResult<Json<AskView>> {
    let a = asks::visible(&c.state, &c.p, id)
        .await
        .map_err(|e| e.lang(c.lang))?;
    Ok(Json(asks::view(&c.state, &a).await?))
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

/// List asks
///
/// Published asks and your own; with `mine=true` only yours, in every state.
#[utoipa::path(
    get,
    path = "/asks",
    params(ListQuery),
    responses(
        (status = 200, description = "Asks, newest first", body = Vec<AskView>),
        doc::BadRequest,
        doc::Unauthorized,
        doc::Invalid,
    ),
    extensions(("x-role" = json!("member"))),
)]
pub async fn list(c: Call, ApiQuery(q): ApiQuery<ListQuery>) -> ApiResult<Json<Vec<AskView>>> {
    let status = match q.status.as_deref() {
        Some(s) => Some(asks::parse_status(s).map_err(|e| e.lang(c.lang))?),
        None => None,
    };
    let list = asks::list(
        &c.state,
        &c.p,
        q.mine.unwrap_or(false),
        status,
        q.limit.unwrap_or(100).clamp(1, 1000),
        q.offset.unwrap_or(0).max(0),
    )
    .await
    .map_err(|e| e.lang(c.lang))?;
    let mut out = Vec::with_capacity(list.len());
    for a in &list {
        out.push(asks::view(&c.state, a).await?);
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

/// The answer of a change to an ask: the ask as saved.
#[derive(utoipa::IntoResponses)]
#[response(status = 200, description = "The ask as saved")]
pub struct Saved(AskView);

impl IntoResponse for Saved {
    fn into_response(self) -> axum::response::Response {
        Json(self.0).into_response()
    }
}

/// `ask` as [`Saved`], or its error in the caller's language.
async fn saved(c: &Call, ask: ApiResult<Ask>) -> ApiResult<Saved> {
    let ask = ask.map_err(|e| e.lang(c.lang))?;
    Ok(Saved(asks::view(&c.state, &ask).await?))
}

/// Revise an ask's text (a new revision) or its expiry; author only
#[utoipa::path(
    patch,
    path = "/asks/{id}",
    params(("id" = i64, Path, description = "The ask's id")),
    request_body = AskPatch,
    responses(Saved, doc::WriteErrors, doc::NotFound),
    extensions(("x-role" = json!("member"))),
)]
pub async fn update(
    c: Call,
    ApiPath(id): ApiPath<Id>,
    JsonBody(patch): JsonBody<AskPatch>,
) -> ApiResult<Saved> {
    let change = asks::AskChange {
        text: patch.text,
        expires_on: patch.expires_on.map(|d| asks::non_empty(Some(d.as_str()))),
    };
    saved(&c, asks::update(&c.state, &c.p, id, &change).await).await
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct StatusBody {
    #[schema(value_type = antenna_store::AskStatus)]
    pub status: String,
}

/// Publish, pause, mark fulfilled, close (organizers may pause or close any ask)
#[utoipa::path(
    post,
    path = "/asks/{id}/status",
    params(("id" = i64, Path, description = "The ask's id")),
    request_body = StatusBody,
    responses(Saved, doc::WriteErrors, doc::NotFound),
    extensions(("x-role" = json!("member"))),
)]
pub async fn set_status(
    c: Call,
    ApiPath(id): ApiPath<Id>,
    JsonBody(body): JsonBody<StatusBody>,
) -> ApiResult<Saved> {
    let ask = async {
        let status = asks::parse_status(&body.status)?;
        asks::change_status(&c.state, &c.p, id, status).await
    };
    saved(&c, ask.await).await
}

/// The store, once the caller is the ask's author or an organizer.
async fn for_author(c: &Call, id: Id) -> ApiResult<&dyn Store> {
    asks::own_or_organizer(&c.state, &c.p, id)
        .await
        .map_err(|e| e.lang(c.lang))?;
    Ok(&*c.state.store)
}

/// Every saved version of an ask; author or organizer
#[utoipa::path(
    get,
    path = "/asks/{id}/revisions",
    params(("id" = i64, Path, description = "The ask's id")),
    responses(
        (status = 200, description = "Revisions, oldest first", body = Vec<AskRevision>),
        doc::ItemErrors,
    ),
    extensions(("x-role" = json!("member"))),
)]
pub async fn revisions(c: Call, ApiPath(id): ApiPath<Id>) -> ApiResult<Json<Vec<AskRevision>>> {
    Ok(Json(for_author(&c, id).await?.revisions(id).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct IntentBody {
    #[serde(default)]
    #[schema(max_length = 1000)]
    pub note: String,
}

/// Say 「知り合いにいます」 for someone else's published ask
#[utoipa::path(
    post,
    path = "/asks/{id}/intents",
    params(("id" = i64, Path, description = "The ask's id")),
    request_body = IntentBody,
    responses(
        (
            status = 201,
            description = "Recorded (a second time replaces the note)",
            body = Intent,
        ),
        doc::WriteErrors,
        doc::NotFound,
    ),
    extensions(("x-role" = json!("member"))),
)]
pub async fn add_intent(
    c: Call,
    ApiPath(id): ApiPath<Id>,
    JsonBody(body): JsonBody<IntentBody>,
) -> ApiResult<impl IntoResponse> {
    let i = asks::record_intent(&c.state, &c.p, id, &body.note)
        .await
        .map_err(|e| e.lang(c.lang))?;
    Ok((StatusCode::CREATED, Json(i)))
}

/// Who said 「知り合いにいます」; author or organizer
#[utoipa::path(
    get,
    path = "/asks/{id}/intents",
    params(("id" = i64, Path, description = "The ask's id")),
    responses(
        (status = 200, description = "The members who know someone", body = Vec<Intent>),
        doc::ItemErrors,
    ),
    extensions(("x-role" = json!("member"))),
)]
pub async fn intents(c: Call, ApiPath(id): ApiPath<Id>) -> ApiResult<Json<Vec<Intent>>> {
    Ok(Json(for_author(&c, id).await?.intents(id).await?))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BoardQuery {
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

/// Other members' open asks, those you can most likely help with first
#[utoipa::path(
    get,
    path = "/board",
    params(BoardQuery),
    responses(
        (status = 200, description = "The board", body = Vec<BoardItem>),
        doc::BadRequest,
        doc::Unauthorized,
    ),
    extensions(("x-role" = json!("member"))),
)]
pub async fn board(c: Call, ApiQuery(q): ApiQuery<BoardQuery>) -> ApiResult<Json<Vec<BoardItem>>> {
    let offset = q.offset.unwrap_or(0);
    let limit = q.limit.unwrap_or(50).clamp(1, 200);
    let items = crate::board::board(&c.state, c.p.member.id, offset, limit, c.lang).await;
    Ok(Json(items))
}
