//! Asks over the API: the public coach, create with the coach's reading,
//! revise, change status, revisions, 「知り合いにいます」, and the board.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use serde::{Deserialize, Serialize};

use antenna_ask::{Community, Reading};
use antenna_store::{Ask, AskDraft, AskFilter, AskStatus, Id};

use super::JsonBody;
use crate::auth::{now, ApiUser, Principal};
use crate::error::{ApiResult, AppError, FieldError, Msg, Text};
use crate::i18n::{Lang, UiLang};
use crate::state::AppState;

#[derive(Deserialize)]
pub struct CheckBody {
    pub text: String,
    pub members: Option<u32>,
    pub acquaintances: Option<u32>,
}

fn ask_error(e: &antenna_ask::AskError) -> FieldError {
    let en = e.to_string();
    FieldError {
        field: "text".into(),
        message: Text {
            ja: e.message_ja(),
            en: format!("{}{}", en[..1].to_uppercase(), &en[1..]),
        },
    }
}

/// `POST /api/v1/asks/check`: the coach for anyone, throttled per address.
pub async fn check(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    JsonBody(body): JsonBody<CheckBody>,
) -> ApiResult<Json<Reading>> {
    if !state.coach_limiter.allow(addr.ip()) {
        return Err(AppError::too_many().lang(lang));
    }
    let members = match body.members {
        Some(m) if (1..=1_000_000).contains(&m) => m,
        Some(_) => {
            return Err(AppError::invalid(vec![FieldError {
                field: "members".into(),
                message: Msg::new(
                    "メンバー数は1〜1,000,000で指定してください。",
                    "members must be between 1 and 1,000,000.",
                )
                .into(),
            }])
            .lang(lang))
        }
        None => state.community_size().await,
    };
    let community = Community {
        members,
        acquaintances_each: body.acquaintances.unwrap_or(150).clamp(1, 5000),
        matching_members: None,
    };
    state
        .engine
        .check_for(&body.text, &community)
        .map(Json)
        .map_err(|e| AppError::invalid(vec![ask_error(&e)]).lang(lang))
}

/// Reads an ask for this community: its size and its own members' fit.
pub async fn coach(state: &AppState, text: &str) -> Result<Reading, antenna_ask::AskError> {
    let first = state.engine.check(text)?;
    let values: Vec<_> = first.criteria.iter().map(|c| c.value.clone()).collect();
    let members = state.community_size().await;
    let index = state.index.read().await;
    let sigs: Vec<_> = index.signatures.values().cloned().collect();
    drop(index);
    let year = crate::i18n::year_jst(now());
    let (matching, with_data) =
        antenna_matching::community_share(&values, &sigs, state.engine.lexicon(), year);
    let community = Community {
        members,
        acquaintances_each: 150,
        matching_members: (with_data >= 10).then_some((matching, with_data)),
    };
    state.engine.check_for(text, &community)
}

#[derive(Serialize)]
pub struct AskView {
    pub id: Id,
    pub member_id: Id,
    pub author: String,
    pub text: String,
    pub status: AskStatus,
    pub expires_on: Option<String>,
    pub revision: i64,
    pub bits: f64,
    pub band: String,
    pub created_at: i64,
    pub updated_at: i64,
    pub reading: Option<Reading>,
}

pub async fn view(state: &AppState, a: &Ask) -> ApiResult<AskView> {
    let author = state
        .store
        .member(a.member_id)
        .await?
        .map(|m| format!("{} {}", m.family_name, m.given_name))
        .unwrap_or_default();
    Ok(AskView {
        id: a.id,
        member_id: a.member_id,
        author,
        text: a.text.clone(),
        status: a.status,
        expires_on: a.expires_on.clone(),
        revision: a.revision,
        bits: a.bits,
        band: a.band.clone(),
        created_at: a.created_at,
        updated_at: a.updated_at,
        reading: crate::state::reading_of(a),
    })
}

#[derive(Deserialize)]
pub struct NewAsk {
    pub text: String,
    pub status: Option<String>,
    pub expires_on: Option<String>,
}

fn band_name(r: &Reading) -> String {
    serde_json::to_value(r.specificity.band)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

pub fn draft_of(text: &str, r: &Reading) -> AskDraft {
    AskDraft {
        text: text.to_string(),
        reading: serde_json::to_string(r).unwrap_or_default(),
        bits: r.specificity.bits,
        band: band_name(r),
    }
}

/// Validates an expiry date: a real date, today or later (JST).
pub fn expiry_problem(d: &str) -> Option<Msg> {
    if !crate::i18n::valid_date(d) {
        return Some(Msg::new(
            "日付は「2026-12-31」の形式で入力してください。",
            "Write the date as 2026-12-31.",
        ));
    }
    if d < crate::i18n::today_jst(now()).as_str() {
        return Some(Msg::new(
            "期限は今日以降の日付にしてください。",
            "The expiry date must be today or later.",
        ));
    }
    None
}

fn parse_status(s: &str, lang: Lang) -> ApiResult<AskStatus> {
    AskStatus::parse(s).ok_or_else(|| {
        AppError::invalid(vec![FieldError {
            field: "status".into(),
            message: Msg::new(
                "状態は draft, published, paused, fulfilled, closed のいずれかです。",
                "status is one of draft, published, paused, fulfilled, closed.",
            )
            .into(),
        }])
        .lang(lang)
    })
}

/// Validates and saves a new ask; shared by the page and the API.
pub async fn create_ask(
    state: &AppState,
    p: &Principal,
    body: &NewAsk,
    lang: Lang,
) -> ApiResult<Ask> {
    let mut fields = Vec::new();
    let reading = match coach(state, &body.text).await {
        Ok(r) => Some(r),
        Err(e) => {
            fields.push(ask_error(&e));
            None
        }
    };
    let status = match body.status.as_deref().filter(|s| !s.is_empty()) {
        None => AskStatus::Published,
        Some(s) => parse_status(s, lang)?,
    };
    let expires = body
        .expires_on
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    if let Some(problem) = expires.and_then(expiry_problem) {
        fields.push(FieldError {
            field: "expires_on".into(),
            message: problem.into(),
        });
    }
    let Some(reading) = reading.filter(|_| fields.is_empty()) else {
        return Err(AppError::invalid(fields).lang(lang));
    };
    let ask = state
        .store
        .create_ask(
            p.member.id,
            &draft_of(&body.text, &reading),
            status,
            expires,
            now(),
        )
        .await?;
    state.refresh_ask(&ask).await;
    Ok(ask)
}

pub async fn create(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiUser(p): ApiUser,
    JsonBody(body): JsonBody<NewAsk>,
) -> ApiResult<impl IntoResponse> {
    let ask = create_ask(&state, &p, &body, lang).await?;
    Ok((StatusCode::CREATED, Json(view(&state, &ask).await?)))
}

/// The ask if `p` may see it: published asks to every member; others to their author and organizers.
pub async fn visible_ask(state: &AppState, p: &Principal, id: Id, lang: Lang) -> ApiResult<Ask> {
    let a = state
        .store
        .ask(id)
        .await?
        .ok_or_else(|| AppError::not_found().lang(lang))?;
    if a.status == AskStatus::Published || a.member_id == p.member.id || p.is_organizer() {
        Ok(a)
    } else {
        Err(AppError::not_found().lang(lang))
    }
}

pub async fn get_one(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiUser(p): ApiUser,
    super::ApiPath(id): super::ApiPath<Id>,
) -> ApiResult<Json<AskView>> {
    let a = visible_ask(&state, &p, id, lang).await?;
    Ok(Json(view(&state, &a).await?))
}

#[derive(Deserialize)]
pub struct ListQuery {
    pub mine: Option<bool>,
    pub status: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

pub async fn list(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiUser(p): ApiUser,
    super::ApiQuery(q): super::ApiQuery<ListQuery>,
) -> ApiResult<Json<Vec<AskView>>> {
    let mut f = AskFilter {
        limit: Some(q.limit.unwrap_or(100).clamp(1, 1000)),
        offset: q.offset.map(|o| o.max(0)),
        ..AskFilter::default()
    };
    if let Some(s) = q.status.as_deref() {
        f.statuses = vec![parse_status(s, lang)?];
    }
    if q.mine.unwrap_or(false) {
        f.member_id = Some(p.member.id);
    } else if !p.is_organizer() {
        // members see every published ask and their own in any state
        if f.statuses.is_empty() {
            f.statuses = vec![AskStatus::Published];
        } else if f.statuses != [AskStatus::Published] {
            f.member_id = Some(p.member.id);
        }
    }
    let asks = state.store.asks(&f).await?;
    let mut out = Vec::with_capacity(asks.len());
    for a in &asks {
        out.push(view(&state, a).await?);
    }
    Ok(Json(out))
}

#[derive(Deserialize)]
pub struct AskPatch {
    pub text: Option<String>,
    /// `""` removes the expiry.
    pub expires_on: Option<String>,
}

/// Saves a new revision and/or expiry; only the author may.
pub async fn update_ask(
    state: &AppState,
    p: &Principal,
    id: Id,
    patch: &AskPatch,
    lang: Lang,
) -> ApiResult<Ask> {
    let a = visible_ask(state, p, id, lang).await?;
    if a.member_id != p.member.id {
        return Err(AppError::forbidden().lang(lang));
    }
    let mut fields = Vec::new();
    let mut reading = None;
    if let Some(t) = patch.text.as_deref() {
        match coach(state, t).await {
            Ok(r) => reading = Some(r),
            Err(e) => fields.push(ask_error(&e)),
        }
    }
    let expiry = patch.expires_on.as_deref().map(str::trim);
    if let Some(problem) = expiry.filter(|d| !d.is_empty()).and_then(expiry_problem) {
        fields.push(FieldError {
            field: "expires_on".into(),
            message: problem.into(),
        });
    }
    if !fields.is_empty() {
        return Err(AppError::invalid(fields).lang(lang));
    }
    let mut ask = a;
    if let (Some(t), Some(r)) = (patch.text.as_deref(), reading) {
        if t != ask.text {
            ask = state.store.revise_ask(id, &draft_of(t, &r), now()).await?;
        }
    }
    if let Some(d) = expiry {
        ask = state
            .store
            .set_ask_expiry(id, (!d.is_empty()).then_some(d), now())
            .await?;
    }
    state.refresh_ask(&ask).await;
    Ok(ask)
}

pub async fn update(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiUser(p): ApiUser,
    super::ApiPath(id): super::ApiPath<Id>,
    JsonBody(patch): JsonBody<AskPatch>,
) -> ApiResult<Json<AskView>> {
    let ask = update_ask(&state, &p, id, &patch, lang).await?;
    Ok(Json(view(&state, &ask).await?))
}

#[derive(Deserialize)]
pub struct StatusBody {
    pub status: String,
}

/// Authors move their asks between every state; organizers may pause or close any ask.
pub async fn change_status(
    state: &AppState,
    p: &Principal,
    id: Id,
    status: &str,
    lang: Lang,
) -> ApiResult<Ask> {
    let status = parse_status(status, lang)?;
    let a = visible_ask(state, p, id, lang).await?;
    let own = a.member_id == p.member.id;
    let moderation = p.is_organizer() && matches!(status, AskStatus::Paused | AskStatus::Closed);
    if !own && !moderation {
        return Err(AppError::forbidden().lang(lang));
    }
    let ask = state.store.set_ask_status(id, status, now()).await?;
    state.refresh_ask(&ask).await;
    Ok(ask)
}

pub async fn set_status(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiUser(p): ApiUser,
    super::ApiPath(id): super::ApiPath<Id>,
    JsonBody(body): JsonBody<StatusBody>,
) -> ApiResult<Json<AskView>> {
    let ask = change_status(&state, &p, id, &body.status, lang).await?;
    Ok(Json(view(&state, &ask).await?))
}

pub async fn revisions(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiUser(p): ApiUser,
    super::ApiPath(id): super::ApiPath<Id>,
) -> ApiResult<Json<Vec<antenna_store::AskRevision>>> {
    let a = visible_ask(&state, &p, id, lang).await?;
    if a.member_id != p.member.id && !p.is_organizer() {
        return Err(AppError::forbidden().lang(lang));
    }
    Ok(Json(state.store.revisions(id).await?))
}

#[derive(Deserialize)]
pub struct IntentBody {
    #[serde(default)]
    pub note: String,
}

/// 「知り合いにいます」: records that `p` knows someone for the ask.
pub async fn record_intent(
    state: &AppState,
    p: &Principal,
    id: Id,
    note: &str,
    lang: Lang,
) -> ApiResult<antenna_store::Intent> {
    let a = visible_ask(state, p, id, lang).await?;
    if a.member_id == p.member.id {
        return Err(AppError::invalid(vec![FieldError {
            field: "ask".into(),
            message: Msg::new(
                "自分の紹介依頼には登録できません。",
                "You cannot answer your own ask.",
            )
            .into(),
        }])
        .lang(lang));
    }
    if a.status != AskStatus::Published {
        return Err(AppError::invalid(vec![FieldError {
            field: "ask".into(),
            message: Msg::new(
                "この紹介依頼は現在受け付けていません。",
                "This ask is not open.",
            )
            .into(),
        }])
        .lang(lang));
    }
    if note.chars().count() > 1000 {
        return Err(AppError::invalid(vec![FieldError {
            field: "note".into(),
            message: Msg::new(
                "メモは1,000文字以内にしてください。",
                "Keep the note under 1,000 characters.",
            )
            .into(),
        }])
        .lang(lang));
    }
    Ok(state
        .store
        .add_intent(id, p.member.id, note.trim(), now())
        .await?)
}

pub async fn add_intent(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiUser(p): ApiUser,
    super::ApiPath(id): super::ApiPath<Id>,
    JsonBody(body): JsonBody<IntentBody>,
) -> ApiResult<impl IntoResponse> {
    let i = record_intent(&state, &p, id, &body.note, lang).await?;
    Ok((StatusCode::CREATED, Json(i)))
}

pub async fn intents(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    ApiUser(p): ApiUser,
    super::ApiPath(id): super::ApiPath<Id>,
) -> ApiResult<Json<Vec<antenna_store::Intent>>> {
    let a = visible_ask(&state, &p, id, lang).await?;
    if a.member_id != p.member.id && !p.is_organizer() {
        return Err(AppError::forbidden().lang(lang));
    }
    Ok(Json(state.store.intents(id).await?))
}

#[derive(Deserialize)]
pub struct BoardQuery {
    pub limit: Option<usize>,
    pub offset: Option<usize>,
}

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
