//! Asks: the coach's reading for this community, writing and revising asks,
//! moving them between states, who may see which, and 「知り合いにいます」.
//! Commands are typed (an [`AskStatus`], not a string): the adapters parse.

use serde::Serialize;

use antenna_ask::{AskError, Band, Community, Reading};
use antenna_store::{Ask, AskDraft, AskFilter, AskStatus, Id, Intent};
use time::Date;

use crate::auth::{now, Principal};
use crate::error::{ApiResult, AppError, FieldError, Msg, Text};
use crate::state::AppState;

/// The coach's complaint about a text, as a field message.
pub fn ask_error(e: &AskError) -> FieldError {
    let en = e.to_string();
    let mut chars = en.chars();
    let en = match chars.next() {
        Some(first) => format!("{}{}", first.to_uppercase(), chars.as_str()),
        None => en,
    };
    FieldError::new(
        "text",
        Text {
            ja: e.message_ja(),
            en,
        },
    )
}

/// Reads an ask for this community: its size and its own members' fit, the
/// latter only where no private attribute of fewer than `privacy_k` members
/// could show (`antenna_matching::publishable_share`).
pub async fn coach(state: &AppState, text: &str) -> Result<Reading, AskError> {
    let first = state.engine.check(text)?;
    let values: Vec<_> = first.criteria.iter().map(|c| c.value.clone()).collect();
    let members = state.community_size().await;
    let year = crate::i18n::year_jst(now());
    // counted under the read lock: no copy of every member's signature per call
    let share = {
        let index = state.index.read().await;
        let lex = state.engine.lexicon();
        antenna_matching::community_share(&values, index.signatures.values(), lex, year)
    };
    let community = Community {
        members,
        acquaintances_each: 150,
        matching_members: antenna_matching::publishable_share(share, state.config.privacy_k, 10),
    };
    state.engine.check_for(text, &community)
}

/// The coach for a visitor: the default community, never the live member count.
pub fn public_coach(state: &AppState, text: &str, community: &Community) -> ApiResult<Reading> {
    state
        .engine
        .check_for(text, community)
        .map_err(|e| AppError::invalid(vec![ask_error(&e)]))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct AskView {
    pub id: Id,
    pub member_id: Id,
    pub author: String,
    pub text: String,
    pub status: AskStatus,
    #[serde(with = "antenna_store::iso_date::option")]
    #[schema(value_type = Option<String>, format = Date)]
    pub expires_on: Option<Date>,
    pub revision: i64,
    pub bits: f64,
    #[schema(value_type = crate::api::schema::Band)]
    pub band: Band,
    pub created_at: i64,
    pub updated_at: i64,
    #[schema(value_type = Option<crate::api::schema::Reading>)]
    pub reading: Option<Reading>,
}

pub async fn view(state: &AppState, a: &Ask) -> ApiResult<AskView> {
    let author = state.index.read().await.names.get(&a.member_id).cloned();
    let author = match author {
        Some(n) => n,
        None => state
            .store
            .member(a.member_id)
            .await?
            .map(|m| format!("{} {}", m.family_name, m.given_name))
            .unwrap_or_default(),
    };
    Ok(AskView {
        id: a.id,
        member_id: a.member_id,
        author,
        text: a.text.clone(),
        status: a.status,
        expires_on: a.expires_on,
        revision: a.revision,
        bits: a.bits,
        band: a.band,
        created_at: a.created_at,
        updated_at: a.updated_at,
        reading: crate::state::reading_of(a),
    })
}

pub fn draft_of(text: &str, r: &Reading) -> AskDraft {
    AskDraft {
        text: text.to_string(),
        reading: serde_json::to_string(r).unwrap_or_default(),
        bits: r.specificity.bits,
        band: r.specificity.band,
    }
}

/// Reads an expiry date: a real `YYYY-MM-DD` date, today or later (JST).
pub fn expiry(d: &str) -> Result<Date, Msg> {
    let Some(date) = crate::i18n::parse_date(d) else {
        return Err(Msg("asks.write_date_as_2026"));
    };
    if date < crate::i18n::today_jst(now()) {
        return Err(Msg("asks.expiry_date_must_today"));
    }
    Ok(date)
}

/// A status named by a form or a JSON body.
pub fn parse_status(s: &str) -> ApiResult<AskStatus> {
    s.parse().map_err(|_| {
        AppError::invalid(vec![FieldError::new(
            "status",
            Msg("asks.status_one_draft_published"),
        )])
    })
}

/// A new ask.
pub struct NewAsk {
    pub text: String,
    pub status: AskStatus,
    /// `YYYY-MM-DD`, or none.
    pub expires_on: Option<String>,
}

/// A change to an ask: a new text, and/or an expiry (`Some(None)` removes it).
pub struct AskChange {
    pub text: Option<String>,
    pub expires_on: Option<Option<String>>,
}

/// Blank text as no value.
pub fn non_empty(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Validates and saves a new ask.
pub async fn create(state: &AppState, p: &Principal, cmd: &NewAsk) -> ApiResult<Ask> {
    let mut fields = Vec::new();
    let reading = coach(state, &cmd.text)
        .await
        .map_err(|e| fields.push(ask_error(&e)))
        .ok();
    let expires_on = cmd
        .expires_on
        .as_deref()
        .map(expiry)
        .transpose()
        .map_err(|problem| fields.push(FieldError::new("expires_on", problem)))
        .unwrap_or_default();
    let Some(reading) = reading.filter(|_| fields.is_empty()) else {
        return Err(AppError::invalid(fields));
    };
    let ask = state
        .store
        .create_ask(
            p.member.id,
            &draft_of(&cmd.text, &reading),
            cmd.status,
            expires_on,
            now(),
        )
        .await?;
    state.refresh_ask(&ask).await;
    Ok(ask)
}

/// The ask if `p` may see it: published asks to every member; others to
/// their author and organizers.
pub async fn visible(state: &AppState, p: &Principal, id: Id) -> ApiResult<Ask> {
    let a = state.store.ask(id).await?.ok_or_else(AppError::not_found)?;
    if a.status == AskStatus::Published || a.member_id == p.member.id || p.is_organizer() {
        Ok(a)
    } else {
        Err(AppError::not_found())
    }
}

/// The ask if `p` wrote it or runs the community (revisions, intents).
pub async fn own_or_organizer(state: &AppState, p: &Principal, id: Id) -> ApiResult<Ask> {
    let a = visible(state, p, id).await?;
    if a.member_id != p.member.id && !p.is_organizer() {
        return Err(AppError::forbidden());
    }
    Ok(a)
}

/// Asks `p` may list: `mine`, or by status (members see every published
/// ask and their own in any state; organizers everything).
pub async fn list(
    state: &AppState,
    p: &Principal,
    mine: bool,
    status: Option<AskStatus>,
    limit: i64,
    offset: i64,
) -> ApiResult<Vec<Ask>> {
    let mut f = AskFilter {
        limit: Some(limit),
        offset: Some(offset),
        statuses: status.into_iter().collect(),
        ..AskFilter::default()
    };
    if mine {
        f.member_id = Some(p.member.id);
    } else if !p.is_organizer() {
        if f.statuses.is_empty() {
            f.statuses = vec![AskStatus::Published];
        } else if f.statuses != [AskStatus::Published] {
            f.member_id = Some(p.member.id);
        }
    }
    Ok(state.store.asks(&f).await?)
}

/// Saves a new revision and/or expiry; only the author may.
pub async fn update(state: &AppState, p: &Principal, id: Id, change: &AskChange) -> ApiResult<Ask> {
    let a = visible(state, p, id).await?;
    if a.member_id != p.member.id {
        return Err(AppError::forbidden());
    }
    let mut fields = Vec::new();
    let mut reading = None;
    if let Some(t) = change.text.as_deref() {
        match coach(state, t).await {
            Ok(r) => reading = Some(r),
            Err(e) => fields.push(ask_error(&e)),
        }
    }
    // `Some(None)` removes the expiry.
    let mut expires_on = None;
    if let Some(d) = &change.expires_on {
        match d.as_deref().map(expiry).transpose() {
            Ok(d) => expires_on = Some(d),
            Err(problem) => fields.push(FieldError::new("expires_on", problem)),
        }
    }
    if !fields.is_empty() {
        return Err(AppError::invalid(fields));
    }
    let mut ask = a;
    if let (Some(t), Some(r)) = (change.text.as_deref(), reading) {
        if t != ask.text {
            ask = state.store.revise_ask(id, &draft_of(t, &r), now()).await?;
        }
    }
    if let Some(d) = expires_on {
        ask = state.store.set_ask_expiry(id, d, now()).await?;
    }
    state.refresh_ask(&ask).await;
    Ok(ask)
}

/// Authors move their asks between every state; organizers may pause or
/// close any ask.
pub async fn change_status(
    state: &AppState,
    p: &Principal,
    id: Id,
    status: AskStatus,
) -> ApiResult<Ask> {
    let a = visible(state, p, id).await?;
    let own = a.member_id == p.member.id;
    let moderation = p.is_organizer() && matches!(status, AskStatus::Paused | AskStatus::Closed);
    if !own && !moderation {
        return Err(AppError::forbidden());
    }
    let ask = state.store.set_ask_status(id, status, now()).await?;
    state.refresh_ask(&ask).await;
    Ok(ask)
}

fn refused(field: &str, key: &'static str) -> AppError {
    AppError::invalid(vec![FieldError::new(field, Msg(key))])
}

/// 「知り合いにいます」: records that `p` knows someone for the ask.
pub async fn record_intent(
    state: &AppState,
    p: &Principal,
    id: Id,
    note: &str,
) -> ApiResult<Intent> {
    let a = visible(state, p, id).await?;
    if a.member_id == p.member.id {
        return Err(refused("ask", "asks.own_ask"));
    }
    if a.status != AskStatus::Published {
        return Err(refused("ask", "asks.not_open"));
    }
    if note.chars().count() > 1000 {
        return Err(refused("note", "asks.note_too_long"));
    }
    Ok(state
        .store
        .add_intent(id, p.member.id, note.trim(), now())
        .await?)
}
