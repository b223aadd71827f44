//! # The demo community (`antenna serve --demo`)
//!
//! Stores the community `antenna_fixtures` plans for the demo (an organizer
//! and 220 members with Japanese names and ふりがな, profiles with mixed
//! visibilities, 1–3 circles each, and about four hundred asks of every
//! quality, revised, paused, fulfilled, closed or drafts, many with
//! 「知り合いにいます」), so a newcomer sees the product at work at once.
//!
//! The plan is the same on every run; only the timestamps follow the clock
//! (the demo always looks recent). Asks are read by the engine for a
//! community of the demo's size, as the public coach
//! (`POST /api/v1/asks/check`) reads them. [`new_member`], [`ask_status`]
//! and [`write_ask`] also serve `antenna bench-seed`, which stores a large
//! plan the same way.

use std::collections::HashMap;

use antenna_ask::Community;
use antenna_fixtures::{Ask, Member, Plan, Status};
use antenna_store::{AskDraft, AskStatus, Id, MemberStatus, NewMember, Role, Store};

use crate::auth::{hash_password, now};
use crate::error::AppError;
use crate::i18n::today_jst;
use crate::services::asks::draft_of;
use crate::state::AppState;

/// A login to print after seeding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLogin {
    /// `organizer` or `member`.
    pub role: &'static str,
    pub email: String,
    pub password: String,
    /// 姓 名.
    pub name: String,
}

/// The community's name.
pub const COMMUNITY: &str = "アンテナ交流会（デモ）";
/// Everyone's password in the demo.
pub const PASSWORD: &str = "antenna-demo";
/// Members besides the organizer.
pub const MEMBERS: usize = antenna_fixtures::DEMO_MEMBERS;
const DAY: i64 = 86_400;

/// Seeds the demo community unless the store already has one; returns the logins to print.
///
/// With a community already there nothing is written; the demo logins are
/// returned if those accounts exist (so a restart with `--demo` prints them
/// again), and none when the community is not the demo's.
pub async fn seed(state: &AppState) -> Result<Vec<DemoLogin>, AppError> {
    let plan = antenna_fixtures::demo();
    if state.store.community().await?.is_some() {
        let mut known = Vec::new();
        for login in logins(&plan) {
            if state.store.member_by_email(&login.email).await?.is_some() {
                known.push(login);
            }
        }
        return Ok(known);
    }
    let started = std::time::Instant::now();
    let now = now();
    let founded = now - 150 * DAY;
    state.store.create_community(COMMUNITY, founded).await?;

    // Argon2 is slow by design: hash once, share the hash.
    let hash = hash_password(PASSWORD)?;
    let new: Vec<NewMember> = plan.members.iter().map(|m| new_member(m, &hash)).collect();
    let ids: Vec<Id> = state
        .store
        .import_members(&new, founded)
        .await?
        .iter()
        .map(|m| m.id)
        .collect();
    for (i, (m, &id)) in plan.members.iter().zip(&ids).enumerate() {
        let t = founded + DAY + i as i64 * 1_800;
        if let Some(profile) = &m.profile {
            let json = serde_json::to_string(profile).map_err(AppError::internal)?;
            state.store.put_profile(id, &json, t).await?;
        }
        for c in &m.circles {
            state
                .store
                .add_circle(id, &c.name, &c.description, t + 60)
                .await?;
        }
    }
    // Read for a community of this size, as the public coach does; the
    // member-blended reading (`services::asks::coach`) swings with a few demo
    // members and costs a matcher per call.
    let community = Community {
        members: plan.members.len() as u32,
        acquaintances_each: 150,
        matching_members: None,
    };
    let mut drafts: HashMap<String, AskDraft> = HashMap::new();
    for ask in &plan.asks {
        for text in &ask.texts {
            if !drafts.contains_key(text) {
                let reading = state
                    .engine
                    .check_for(text, &community)
                    .map_err(|e| AppError::internal(format!("demo ask {text:?}: {e}")))?;
                drafts.insert(text.clone(), draft_of(text, &reading));
            }
        }
        write_ask(state.store.as_ref(), &ids, ask, &drafts, now).await?;
    }
    state.reload().await?;
    tracing::info!(
        "demo community seeded: {} members, {} asks in {} ms",
        plan.members.len(),
        state.store.count_asks().await?,
        started.elapsed().as_millis()
    );
    Ok(logins(&plan))
}

/// The organizer and the first two members.
fn logins(plan: &Plan) -> Vec<DemoLogin> {
    plan.members
        .iter()
        .take(3)
        .map(|m| DemoLogin {
            role: if m.organizer { "organizer" } else { "member" },
            email: m.email.clone(),
            password: PASSWORD.to_string(),
            name: format!("{} {}", m.family_name, m.given_name),
        })
        .collect()
}

/// A planned member as the store imports one (active, Japanese, with this password hash).
pub fn new_member(m: &Member, password_hash: &str) -> NewMember {
    NewMember {
        email: m.email.clone(),
        role: Some(if m.organizer {
            Role::Organizer
        } else {
            Role::Member
        }),
        status: Some(MemberStatus::Active),
        family_name: m.family_name.clone(),
        given_name: m.given_name.clone(),
        family_kana: m.family_kana.clone(),
        given_kana: m.given_kana.clone(),
        company: m.company.clone(),
        title: m.title.clone(),
        industry: m.industry.clone(),
        offer: m.offer.clone(),
        lang: Some(antenna_ask::Lang::Ja),
        password_hash: Some(password_hash.to_string()),
    }
}

pub fn ask_status(s: Status) -> AskStatus {
    match s {
        Status::Draft => AskStatus::Draft,
        Status::Published => AskStatus::Published,
        Status::Paused => AskStatus::Paused,
        Status::Fulfilled => AskStatus::Fulfilled,
        Status::Closed => AskStatus::Closed,
    }
}

/// Stores one planned ask for `now`: created (published, or a draft), its
/// later revisions, its intents, then its status. `ids` are the members'
/// ids in plan order; `drafts` holds the reading of every text.
pub async fn write_ask(
    store: &dyn Store,
    ids: &[Id],
    ask: &Ask,
    drafts: &HashMap<String, AskDraft>,
    now: i64,
) -> antenna_store::Result<()> {
    let t = ask.timeline(now);
    let expires = ask.expires_in_days.map(|d| today_jst(now + d * DAY));
    let created = store
        .create_ask(
            ids[ask.author],
            &drafts[&ask.texts[0]],
            ask_status(ask.first_status()),
            expires,
            t.created,
        )
        .await?;
    for (text, &at) in ask.texts.iter().skip(1).zip(&t.revised) {
        store.revise_ask(created.id, &drafts[text], at).await?;
    }
    for (intent, &at) in ask.intents.iter().zip(&t.intents) {
        store
            .add_intent(created.id, ids[intent.giver], &intent.note, at)
            .await?;
    }
    if let Some(at) = t.settled {
        store
            .set_ask_status(created.id, ask_status(ask.status), at)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::sync::{Arc, OnceLock};

    use antenna_ask::Engine;
    use antenna_store::AskFilter;

    use super::*;
    use crate::state::Config;

    fn engine() -> Arc<Engine> {
        static ENGINE: OnceLock<Arc<Engine>> = OnceLock::new();
        ENGINE
            .get_or_init(|| {
                Arc::new(
                    Engine::load_default()
                        .expect("the dictionary (run `bash scripts/setup-dict.sh`)"),
                )
            })
            .clone()
    }

    async fn fresh() -> AppState {
        let store = antenna_store::open("sqlite::memory:").await.unwrap();
        AppState::new(store, engine(), Config::default())
            .await
            .unwrap()
    }

    async fn names_and_texts(state: &AppState) -> (Vec<String>, Vec<String>) {
        let names = state
            .store
            .members()
            .await
            .unwrap()
            .into_iter()
            .map(|m| format!("{} {}", m.family_name, m.given_name))
            .collect();
        let mut asks = state.store.asks(&AskFilter::default()).await.unwrap();
        asks.sort_by_key(|a| a.id);
        (names, asks.into_iter().map(|a| a.text).collect())
    }

    #[tokio::test]
    async fn seeds_a_living_community_once() {
        let state = fresh().await;
        let started = std::time::Instant::now();
        let logins = seed(&state).await.unwrap();
        let took = started.elapsed();
        eprintln!("seeded in {took:?}");

        assert_eq!(logins.len(), 3);
        assert_eq!(logins[0].role, "organizer");
        assert_eq!(logins[0].email, "organizer@demo.antenna.jp");
        assert_eq!(logins[1].email, "member001@demo.antenna.jp");
        assert_eq!(logins[2].email, "member002@demo.antenna.jp");
        let organizer = state
            .store
            .member_by_email(&logins[0].email)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(organizer.role, Role::Organizer);
        assert!(crate::auth::verify_password(
            PASSWORD,
            organizer.password_hash.as_deref().unwrap()
        ));
        assert_eq!(
            state.store.community().await.unwrap().unwrap().name,
            COMMUNITY
        );

        let members = state.store.members().await.unwrap();
        assert!(members.len() >= 200, "{} members", members.len());
        assert!(members
            .iter()
            .all(|m| m.status == MemberStatus::Active && m.password_hash.is_some()));
        assert!(members.iter().all(|m| !m.family_kana.is_empty()
            && m.family_kana
                .chars()
                .chain(m.given_kana.chars())
                .all(|c| ('\u{3041}'..='\u{309F}').contains(&c))));
        let names: HashSet<String> = members
            .iter()
            .map(|m| format!("{}{}", m.family_name, m.given_name))
            .collect();
        assert_eq!(names.len(), members.len(), "names are unique");

        let asks = state.store.asks(&AskFilter::default()).await.unwrap();
        let published: Vec<_> = asks
            .iter()
            .filter(|a| a.status == AskStatus::Published)
            .collect();
        assert!(asks.len() >= 300, "{} asks", asks.len());
        assert!(published.len() * 2 > asks.len(), "most asks are published");
        use antenna_ask::Band;
        for band in [Band::Thin, Band::Fuzzy, Band::Clear] {
            assert!(
                published.iter().any(|a| a.band == band),
                "no published {band} ask"
            );
        }
        for status in [
            AskStatus::Paused,
            AskStatus::Fulfilled,
            AskStatus::Closed,
            AskStatus::Draft,
        ] {
            assert!(asks.iter().any(|a| a.status == status), "no {status:?} ask");
        }
        let revised = asks
            .iter()
            .find(|a| a.revision >= 2)
            .expect("a revised ask");
        let history = state.store.revisions(revised.id).await.unwrap();
        assert!(history.len() >= 2);
        assert!(asks.iter().any(|a| a.expires_on.is_some()));
        let mut intents = 0;
        for a in &published {
            intents += state.store.intents(a.id).await.unwrap().len();
        }
        assert!(intents >= 50, "{intents} intents");
        assert_eq!(state.index.read().await.open.len(), published.len());
        assert!(state.store.all_circles().await.unwrap().len() >= members.len());
        assert!(state.store.profiles().await.unwrap().len() >= 180);

        // the showcase: member001's asks as the browser tests and screenshots show them
        let mine: Vec<&str> = asks
            .iter()
            .filter(|a| a.member_id == members[1].id)
            .map(|a| a.text.as_str())
            .collect();
        assert!(mine.contains(&"廃人レベルのゲーム好きがいたらご紹介して下さい"));
        assert_eq!(mine.len(), 4, "{mine:?}");

        // twice: nothing new, the same logins
        let before = names_and_texts(&state).await;
        let again = seed(&state).await.unwrap();
        assert_eq!(again, logins);
        assert_eq!(names_and_texts(&state).await, before);
    }

    #[tokio::test]
    async fn is_deterministic() {
        let (a, b) = (fresh().await, fresh().await);
        seed(&a).await.unwrap();
        seed(&b).await.unwrap();
        let (x, y) = (names_and_texts(&a).await, names_and_texts(&b).await);
        assert!(!x.0.is_empty() && !x.1.is_empty());
        assert_eq!(x, y);
    }

    #[tokio::test]
    async fn leaves_another_community_alone() {
        let state = fresh().await;
        state.store.create_community("本番の会", 0).await.unwrap();
        assert!(seed(&state).await.unwrap().is_empty());
        assert_eq!(state.store.count_members().await.unwrap(), 0);
    }

    #[test]
    fn statuses_map_one_to_one() {
        for s in [
            Status::Draft,
            Status::Published,
            Status::Paused,
            Status::Fulfilled,
            Status::Closed,
        ] {
            assert_eq!(ask_status(s).as_str(), s.as_str());
        }
    }
}
