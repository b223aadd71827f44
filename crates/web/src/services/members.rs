//! Members: how one member appears to another (private attributes removed
//! before anything is built), saving one's profile, and circles.

use serde::Serialize;

use antenna_matching::{Profile, Viewer};
use antenna_store::{Circle, Id, Member, MemberUpdate, Role};

use crate::auth::{now, Principal};
use crate::error::{ApiResult, AppError, FieldError, Msg};
use crate::state::{parse_profile, AppState};

/// A member as another member (or the public) may see them.
#[derive(Serialize, utoipa::ToSchema)]
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
    #[schema(value_type = crate::api::schema::Profile)]
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

/// Validates and saves basics and attributes together (nothing saved on error).
pub async fn save_profile(
    state: &AppState,
    p: &Principal,
    basics: &MemberUpdate,
    profile: &Profile,
) -> ApiResult<()> {
    let mut fields = crate::validate::basics(basics);
    fields.extend(crate::validate::profile(
        profile,
        state.engine.lexicon(),
        crate::i18n::year_jst(now()),
    ));
    if !fields.is_empty() {
        return Err(AppError::invalid(fields));
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
        // None keeps the saved language.
        lang: basics.lang,
    };
    let data = serde_json::to_string(profile).map_err(AppError::internal)?;
    state
        .store
        .save_member_profile(p.member.id, &trimmed, &data, now())
        .await?;
    state.refresh_member(p.member.id).await?;
    Ok(())
}

pub async fn create_circle(
    state: &AppState,
    p: &Principal,
    name: &str,
    description: &str,
) -> ApiResult<Circle> {
    let fields = crate::validate::circle(name, description);
    if !fields.is_empty() {
        return Err(AppError::invalid(fields));
    }
    if state.store.circles(p.member.id).await?.len() >= 30 {
        return Err(AppError::invalid(vec![FieldError::new(
            "name",
            Msg("members.up_30_circles"),
        )]));
    }
    let c = state
        .store
        .add_circle(p.member.id, name.trim(), description.trim(), now())
        .await?;
    state.refresh_member(p.member.id).await?;
    Ok(c)
}
