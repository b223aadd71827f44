//! # Matching (pure)
//!
//! Which asks a member is likely able to help with, and how many members of a
//! community themselves fit an ask. No I/O: callers hand in the ask's
//! criteria (the coach's [`antenna_ask::Criterion`] values) and members'
//! [`Profile`]s and circle readings, turned into [`MemberSignature`]s by
//! [`signature_from_profile`].
//!
//! ## The model (「あ！そういう人、知り合いにいます！」)
//! People know people like themselves and people in their circles. For each
//! criterion of an ask, [`fit`] takes the best match among the member's values:
//!
//! | criterion | match | strength |
//! |---|---|---|
//! | location | same place, or the member's place inside the asked one (世田谷区 for 東京都, 青葉区 for 横浜市) | 1.0 |
//! | | same designated city (横浜市青葉区 / 横浜市港北区), or a neighbourhood and its ward (銀座 / 中央区) | 0.7 |
//! | | same prefecture (目黒区 or 東京都 for 世田谷区) | 0.5 (0.25 from a region such as 首都圏) |
//! | | same foreign country | 0.3 |
//! | interest | same topic / parent or child / further ancestor or descendant / sibling | 1.0 / 0.6 / 0.4 / 0.3 |
//! | role, industry, life stage | same id | 1.0 |
//! | age | the member's age (or a circle's age range) inside the asked range / within ten years | 0.5 / 0.25 |
//! | gender | same | 0.3 |
//! | numeric, desire, skill, named, other | — | 0 |
//!
//! Circles count fully, the member's `own` values ×[`OWN_FACTOR`] (0.7). The
//! score is the weighted mean over the ask's criteria with [`kind_weight`]
//! (location 1.0, role 1.2, industry 1.0, interest 1.2, life stage 1.0, age 0.6,
//! gender 0.3, others 0.5). Criteria of one kind in one ask are alternatives,
//! as the ask engine reads them (社長や役員, 港区・渋谷区): such a group counts
//! once, with its best match; places are grouped by relation (lives / works /
//! from / any). Relations do not otherwise matter for fit: a member who works
//! in 世田谷区 knows people who live there. Interest intensity is not used.
//!
//! ## Batches
//! The free functions build a [`Matcher`] (place footprints, the interest
//! taxonomy) per call; [`rank_board`], [`routing_targets`] and
//! [`community_share`] build it once per call and prepare each member once.
//! Callers doing many calls can keep a [`Matcher`] and use
//! [`Matcher::prepare`] / [`Matcher::fit_prepared`] themselves.

mod fasthash;
mod matcher;
mod places;
pub mod profile;
mod signature;

use antenna_ask::lexicon::Lexicon;
use antenna_ask::Value;
use serde::{Deserialize, Serialize};

pub use matcher::{kind_weight, Fit, Matcher, PreparedMember, Reason, Via, OWN_FACTOR};
pub use profile::*;
pub use signature::{signature_from_profile, MemberSignature};

/// How well `member` can help with an ask whose criteria are `ask`: who they know (circles) and
/// who they are (own, ×0.7) against each criterion. An ask with no criteria scores 0.
/// `this_year` turns the member's birth year into an age. See the crate docs for the model.
pub fn fit(ask: &[Value], member: &MemberSignature, lex: &Lexicon, this_year: i32) -> Fit {
    Matcher::new(lex).fit(ask, member, this_year)
}

/// An open ask on the board, as [`rank_board`] needs it.
#[derive(Debug, Clone, Copy)]
pub struct BoardAsk<'c> {
    pub ask_id: i64,
    /// The ask's criteria values (its reading's `criteria[i].value`, in order).
    pub criteria: &'c [Value],
    /// The ask's specificity in bits.
    pub bits: f64,
    /// When the ask was last updated (any monotonic unit, e.g. unix seconds).
    pub updated_at: i64,
}

/// An ask placed on a viewer's board, with why it fits them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankedAsk {
    pub ask_id: i64,
    pub fit: Fit,
    pub bits: f64,
    pub updated_at: i64,
}

/// An f64 as an integer with the same total order (as [`f64::total_cmp`]).
fn total_key(x: f64) -> i64 {
    let b = x.to_bits() as i64;
    b ^ (((b >> 63) as u64) >> 1) as i64
}

/// The board's order as one integer key, smallest first: fit, bits, recency, id, all descending.
fn rank_key(r: &RankedAsk) -> (i64, i64, i64, i64) {
    (
        !total_key(r.fit.score),
        !total_key(r.bits),
        !r.updated_at,
        !r.ask_id,
    )
}

/// The board as `viewer` should see it: every ask in `asks` (other members' open asks; the caller
/// filters), best fit first; ties by bits (more specific first), then by `updated_at` (newest
/// first), then by ask id (highest first). Each entry carries its [`Fit`] so the UI can say why
/// (「あなたのサークル『世田谷区の商店会』が『世田谷区』に合っています」: `reasons[k].value_index`
/// indexes the viewer's `circles` or `own`, `criterion_index` the ask's criteria).
pub fn rank_board(
    viewer: &MemberSignature,
    asks: &[BoardAsk],
    lex: &Lexicon,
    this_year: i32,
) -> Vec<RankedAsk> {
    let m = Matcher::new(lex);
    let p = m.prepare(viewer, this_year);
    let ranked: Vec<RankedAsk> = asks
        .iter()
        .map(|a| RankedAsk {
            ask_id: a.ask_id,
            fit: m.fit_prepared(a.criteria, &p),
            bits: a.bits,
            updated_at: a.updated_at,
        })
        .collect();
    // sort small integer keys, then move the entries once
    let mut order: Vec<((i64, i64, i64, i64), usize)> =
        ranked.iter().map(rank_key).zip(0..).collect();
    order.sort_unstable();
    let mut slots: Vec<Option<RankedAsk>> = ranked.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|(_, i)| slots[i].take())
        .collect()
}

/// Whether the member THEMSELVES fits every demographic and attribute criterion of the ask
/// (gender; age by birth year; location against their residence or work area, relations
/// permitting; role; industry; interest, a narrower topic satisfying a broader one; life stage),
/// from their `own` values only. Criteria of one kind are alternatives (any one suffices).
/// Kinds the member has no data for are ignored; desire, skill, named, numeric and other
/// criteria are ignored. `None` when the member has data for none of the ask's criteria.
///
/// Age uses `this_year - birth_year` (a birthday later in the year is not known).
pub fn member_satisfies(
    ask: &[Value],
    member: &MemberSignature,
    lex: &Lexicon,
    this_year: i32,
) -> Option<bool> {
    Matcher::new(lex).satisfies(ask, member, this_year)
}

/// `(matching, with_data)`: how many members satisfy the ask themselves, out of how many have data
/// for it ([`member_satisfies`] is `Some`) — for [`antenna_ask::Community::matching_members`].
pub fn community_share<'a>(
    ask: &[Value],
    members: impl IntoIterator<Item = &'a MemberSignature>,
    lex: &Lexicon,
    this_year: i32,
) -> (u32, u32) {
    let m = Matcher::new(lex);
    members.into_iter().fold((0, 0), |(yes, data), member| {
        match m.satisfies(ask, member, this_year) {
            Some(true) => (yes + 1, data + 1),
            Some(false) => (yes, data + 1),
            None => (yes, data),
        }
    })
}

/// The community's own share as the coach may use it, or `None` when it
/// would reveal members' private attributes: it counts only when at least `k`
/// members match and at least `k` do not (so neither group is small enough to
/// point at someone), and when at least `min_data` members have data at all.
pub fn publishable_share(
    (matching, with_data): (u32, u32),
    k: u32,
    min_data: u32,
) -> Option<(u32, u32)> {
    let k = k.max(1);
    (with_data >= min_data && matching >= k && with_data - matching >= k)
        .then_some((matching, with_data))
}

/// Members whose [`fit`] to the ask is at least `min_fit`, best first (ties by member id,
/// lowest first).
pub fn routing_targets(
    ask: &[Value],
    members: &[MemberSignature],
    lex: &Lexicon,
    this_year: i32,
    min_fit: f64,
) -> Vec<(i64, Fit)> {
    let m = Matcher::new(lex);
    let mut out: Vec<(i64, Fit)> = members
        .iter()
        .map(|member| (member.member_id, m.fit(ask, member, this_year)))
        .filter(|(_, f)| f.score >= min_fit)
        .collect();
    out.sort_by(|a, b| b.1.score.total_cmp(&a.1.score).then_with(|| a.0.cmp(&b.0)));
    out
}

#[cfg(test)]
mod tests;
