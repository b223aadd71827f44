//! Shared state: the store, the ask engine, and an in-memory index of open
//! asks and members' matching signatures, so the board ranks 50,000 asks
//! without reading them from the database on every request. Every write
//! that changes an ask, a profile or a circle refreshes its entry.

use std::collections::HashMap;
use std::sync::Arc;

use antenna_ask::{Criterion, Engine, Value};
use antenna_matching::{MemberSignature, Profile};
use antenna_store::{Ask, AskFilter, AskStatus, Id, Member, Store, StoreError};
use tokio::sync::RwLock;

use crate::throttle::{LoginThrottle, RateLimit};

#[derive(Debug, Clone)]
pub struct Config {
    /// Requests per minute per address on the public coach (0 = unlimited).
    pub coach_per_minute: u32,
    /// Where the server is reached, for invitation links (and, when it is
    /// https, `Secure` cookies).
    pub base_url: String,
    /// No figure computed from members' private attributes is shown unless at
    /// least this many members contribute to it.
    pub privacy_k: u32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            coach_per_minute: 120,
            base_url: "http://127.0.0.1:8080".into(),
            privacy_k: 5,
        }
    }
}

impl Config {
    /// Whether cookies carry `Secure`: the site is served over https.
    pub fn secure_cookies(&self) -> bool {
        self.base_url
            .trim()
            .get(..8)
            .is_some_and(|s| s.eq_ignore_ascii_case("https://"))
    }
}

/// An open ask as the board needs it.
#[derive(Debug, Clone)]
pub struct OpenAsk {
    pub ask: Ask,
    pub criteria: Vec<Criterion>,
    pub values: Vec<Value>,
}

#[derive(Default)]
pub struct Index {
    pub open: HashMap<Id, OpenAsk>,
    pub signatures: HashMap<Id, MemberSignature>,
    /// Display names (姓 名) by member.
    pub names: HashMap<Id, String>,
    /// Members who have accepted their invitation: the community's size for the coach.
    pub active: std::collections::HashSet<Id>,
    /// Bumped by every change, so cached board rankings know they are stale.
    pub generation: u64,
}

/// Per-viewer board order: (index generation, day) → ranking.
pub type BoardCache = std::sync::Mutex<HashMap<Id, ((u64, time::Date), Arc<Vec<(f64, Id)>>)>>;

#[derive(Clone)]
pub struct AppState {
    pub store: Arc<dyn Store>,
    pub engine: Arc<Engine>,
    pub index: Arc<RwLock<Index>>,
    pub board_cache: Arc<BoardCache>,
    pub coach_limit: Arc<RateLimit>,
    pub login_throttle: Arc<LoginThrottle>,
    pub config: Arc<Config>,
}

impl AppState {
    pub async fn new(
        store: Arc<dyn Store>,
        engine: Arc<Engine>,
        config: Config,
    ) -> Result<Self, StoreError> {
        let state = AppState {
            store,
            engine,
            index: Arc::new(RwLock::new(Index::default())),
            board_cache: Arc::new(std::sync::Mutex::new(HashMap::new())),
            coach_limit: Arc::new(RateLimit::per_minute(config.coach_per_minute)),
            login_throttle: Arc::new(LoginThrottle::default()),
            config: Arc::new(config),
        };
        state.reload().await?;
        Ok(state)
    }

    /// Rebuilds the whole index from the store.
    pub async fn reload(&self) -> Result<(), StoreError> {
        let asks = self
            .store
            .asks(&AskFilter {
                statuses: vec![AskStatus::Published],
                ..AskFilter::default()
            })
            .await?;
        let members = self.store.members().await?;
        let profiles: HashMap<Id, String> = self
            .store
            .profiles()
            .await?
            .into_iter()
            .map(|p| (p.member_id, p.data))
            .collect();
        let mut circles: HashMap<Id, Vec<antenna_store::Circle>> = HashMap::new();
        for c in self.store.all_circles().await? {
            circles.entry(c.member_id).or_default().push(c);
        }
        let mut index = Index::default();
        for a in asks {
            index.open.insert(a.id, open_ask(a));
        }
        for m in &members {
            index
                .names
                .insert(m.id, format!("{} {}", m.family_name, m.given_name));
            if m.status == antenna_store::MemberStatus::Active {
                index.active.insert(m.id);
            }
            let p = profiles
                .get(&m.id)
                .map(|d| parse_profile(d))
                .unwrap_or_default();
            let cs = circles.remove(&m.id).unwrap_or_default();
            index.signatures.insert(m.id, self.signature(m, &p, &cs));
        }
        let mut current = self.index.write().await;
        index.generation = current.generation + 1;
        *current = index;
        Ok(())
    }

    /// Who a member is and whom they know, as the coach reads their profile and circles.
    pub fn signature(
        &self,
        m: &Member,
        p: &Profile,
        circles: &[antenna_store::Circle],
    ) -> MemberSignature {
        let read = |text: &str| -> Vec<Value> {
            if text.trim().is_empty() {
                return Vec::new();
            }
            let text: String = text.chars().take(antenna_ask::text::MAX_CHARS).collect();
            self.engine
                .check(&text)
                .map(|r| r.criteria.into_iter().map(|c| c.value).collect())
                .unwrap_or_default()
        };
        let own_text = format!("{} {} {}", m.title, m.industry, m.company);
        let mut circle_values = Vec::new();
        for c in circles {
            circle_values.extend(read(&format!("{} {}", c.name, c.description)));
        }
        circle_values.extend(read(&m.offer));
        antenna_matching::signature_from_profile(m.id, p, read(&own_text), circle_values)
    }

    /// Refreshes one member's signature after a profile or circle change.
    pub async fn refresh_member(&self, member_id: Id) -> Result<(), StoreError> {
        let Some(m) = self.store.member(member_id).await? else {
            let mut index = self.index.write().await;
            index.generation += 1;
            index.signatures.remove(&member_id);
            return Ok(());
        };
        let p = self
            .store
            .profile(member_id)
            .await?
            .map(|r| parse_profile(&r.data))
            .unwrap_or_default();
        let cs = self.store.circles(member_id).await?;
        let sig = self.signature(&m, &p, &cs);
        let mut index = self.index.write().await;
        index.generation += 1;
        index.signatures.insert(member_id, sig);
        if m.status == antenna_store::MemberStatus::Active {
            index.active.insert(member_id);
        } else {
            index.active.remove(&member_id);
        }
        index
            .names
            .insert(member_id, format!("{} {}", m.family_name, m.given_name));
        Ok(())
    }

    /// Members who can be asked: the community's size for reach estimates.
    pub async fn community_size(&self) -> u32 {
        (self.index.read().await.active.len() as u32).max(1)
    }

    /// Refreshes one ask on the board after it changed.
    pub async fn refresh_ask(&self, ask: &Ask) {
        let mut index = self.index.write().await;
        index.generation += 1;
        if ask.status == AskStatus::Published {
            index.open.insert(ask.id, open_ask(ask.clone()));
        } else {
            index.open.remove(&ask.id);
        }
    }
}

pub fn parse_profile(data: &str) -> Profile {
    serde_json::from_str(data).unwrap_or_default()
}

pub fn reading_of(ask: &Ask) -> Option<antenna_ask::Reading> {
    serde_json::from_str(&ask.reading).ok()
}

fn open_ask(ask: Ask) -> OpenAsk {
    let criteria = reading_of(&ask).map(|r| r.criteria).unwrap_or_default();
    let values = criteria.iter().map(|c| c.value.clone()).collect();
    OpenAsk {
        ask,
        criteria,
        values,
    }
}
