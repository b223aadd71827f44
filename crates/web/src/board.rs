//! The ask board: other members' open asks, those the viewer can most likely
//! help with first (their circles and their own profile against each ask's
//! criteria), each shown as chips (30代 / 男性 / 世田谷区).

use serde::Serialize;

use antenna_store::Id;

use crate::auth::now;
use crate::state::AppState;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Chip {
    pub kind: &'static str,
    pub label: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct BoardItem {
    pub id: Id,
    pub member_id: Id,
    pub author: String,
    pub text: String,
    pub bits: f64,
    #[schema(value_type = crate::api::schema::Band)]
    pub band: antenna_ask::Band,
    pub chips: Vec<Chip>,
    pub fit: f64,
    #[serde(with = "antenna_store::iso_date::option")]
    #[schema(value_type = Option<String>, format = Date)]
    pub expires_on: Option<time::Date>,
    pub updated_at: i64,
}

/// A criterion's chip in the viewer's language: vocabulary words by their
/// canonical label, ages and genders rewritten, anything else as written.
pub fn chip_label(
    c: &antenna_ask::Criterion,
    lang: antenna_ask::Lang,
    lex: &antenna_ask::lexicon::Lexicon,
) -> String {
    use crate::pages::text::UI;
    use antenna_ask::{Gender, Lang, Value};
    let ja = lang == Lang::Ja;
    let concept = |list: &[antenna_ask::lexicon::Concept], id: &str| {
        list.iter()
            .find(|x| x.id == id)
            .map(|x| if ja { x.ja.clone() } else { x.en.clone() })
            .filter(|l| !l.is_empty())
    };
    let label = match &c.value {
        Value::Role { role } => concept(&lex.roles, role),
        Value::Industry { industry } => concept(&lex.industries, industry),
        Value::Interest { topic, .. } => concept(&lex.interests, topic),
        Value::LifeStage { stage } => concept(&lex.life_stages, stage),
        Value::Gender(g) => Some(
            UI.get(
                lang,
                match g {
                    Gender::Male => "chip.men",
                    Gender::Female => "chip.women",
                },
            )
            .to_string(),
        ),
        Value::Age { min, max } => Some(match (min, max) {
            (Some(a), Some(b)) if *b == a + 9 && a.is_multiple_of(10) => {
                UI.fill(lang, "chip.decade", &[("n", a)])
            }
            (Some(a), Some(b)) => UI.fill(lang, "chip.age_range", &[("min", a), ("max", b)]),
            (Some(a), None) => UI.fill(lang, "chip.age_min", &[("n", a)]),
            (None, Some(b)) => UI.fill(lang, "chip.age_max", &[("n", b)]),
            _ => c.label.clone(),
        }),
        _ => None,
    };
    label.unwrap_or_else(|| c.label.clone())
}

pub fn chips(
    criteria: &[antenna_ask::Criterion],
    lang: antenna_ask::Lang,
    lex: &antenna_ask::lexicon::Lexicon,
) -> Vec<Chip> {
    criteria
        .iter()
        .map(|c| Chip {
            kind: c.value.kind(),
            label: chip_label(c, lang, lex),
        })
        .collect()
}

/// The board for `viewer`: ranked, expired asks hidden, paged.
pub async fn board(
    state: &AppState,
    viewer: Id,
    offset: usize,
    limit: usize,
    lang: antenna_ask::Lang,
) -> Vec<BoardItem> {
    let today = crate::i18n::today_jst(now());
    let index = state.index.read().await;
    let ranked = ranking(state, &index, viewer, today);
    let page: Vec<(f64, &crate::state::OpenAsk)> = ranked
        .iter()
        .filter_map(|&(fit, id)| index.open.get(&id).map(|o| (fit, o)))
        .skip(offset)
        .take(limit)
        .collect();
    page.into_iter()
        .map(|(fit, o)| BoardItem {
            id: o.ask.id,
            member_id: o.ask.member_id,
            author: index
                .names
                .get(&o.ask.member_id)
                .cloned()
                .unwrap_or_default(),
            text: o.ask.text.clone(),
            bits: o.ask.bits,
            band: o.ask.band,
            chips: chips(&o.criteria, lang, state.engine.lexicon()),
            fit: (fit * 100.0).round() / 100.0,
            expires_on: o.ask.expires_on,
            updated_at: o.ask.updated_at,
        })
        .collect()
}

/// The viewer's whole board order, (fit, ask id) best first. Ranking scores
/// every open ask, so it is kept per viewer until the index changes (any ask,
/// profile or circle written) or the day turns (expiry dates).
fn ranking(
    state: &AppState,
    index: &crate::state::Index,
    viewer: Id,
    today: time::Date,
) -> std::sync::Arc<Vec<(f64, Id)>> {
    let key = (index.generation, today);
    if let Some((k, r)) = state
        .board_cache
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(&viewer)
    {
        if *k == key {
            return r.clone();
        }
    }
    let Some(sig) = index.signatures.get(&viewer) else {
        return std::sync::Arc::new(Vec::new());
    };
    let inputs: Vec<antenna_matching::BoardAsk> = index
        .open
        .values()
        .filter(|o| o.ask.member_id != viewer && o.ask.expires_on.is_none_or(|d| d >= today))
        .map(|o| antenna_matching::BoardAsk {
            ask_id: o.ask.id,
            criteria: &o.values,
            bits: o.ask.bits,
            updated_at: o.ask.updated_at,
        })
        .collect();
    let year = crate::i18n::year_jst(now());
    let ranked: Vec<(f64, Id)> =
        antenna_matching::rank_board(sig, &inputs, state.engine.lexicon(), year)
            .into_iter()
            .map(|r| (r.fit.score, r.ask_id))
            .collect();
    let ranked = std::sync::Arc::new(ranked);
    let mut cache = state.board_cache.lock().unwrap_or_else(|e| e.into_inner());
    if cache.len() > 5_000 {
        cache.clear();
    }
    cache.insert(viewer, (key, ranked.clone()));
    ranked
}
