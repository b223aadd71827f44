//! Fit of a member to an ask (「あ！そういう人、知り合いにいます！」) and whether a member
//! themselves satisfies an ask.
//!
//! [`Matcher`] holds what is derived from the [`Lexicon`] once (place footprints, the interest
//! taxonomy); [`PreparedMember`] holds what is derived from one member once (id sets, places
//! with their footprints, interests expanded over the taxonomy), so that scoring one ask against
//! one member is a handful of hash lookups.

use antenna_ask::lexicon::Lexicon;
use antenna_ask::{Gender, Relation, Value};
use serde::{Deserialize, Serialize};

use crate::fasthash::FastMap;
use crate::places::{contains, place_score, PlaceIndex, PlaceView};
use crate::signature::MemberSignature;

/// How much a member's own situation counts against their circles: knowing your peers is weaker
/// evidence than running a circle of such people.
pub const OWN_FACTOR: f64 = 0.7;

/// Oldest age an open-ended range (60歳以上) reaches.
const AGE_MAX: u32 = 120;

/// Where the member's knowing someone comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Via {
    /// One of the member's circles or their offer: counts fully.
    Circle,
    /// The member's own situation (people know people like themselves): counts ×[`OWN_FACTOR`].
    Own,
}

/// Why a member fits an ask: one of the ask's criteria, and what of the member answers it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// Index into the ask's criteria.
    pub criterion_index: usize,
    pub via: Via,
    /// The match strength in 0..=1, ×[`OWN_FACTOR`] already applied for `Own`.
    pub strength: f64,
    /// Index into the member's `circles` (for `Circle`) or `own` (for `Own`) of the value that
    /// matched; `None` when it is the member's birth year.
    pub value_index: Option<usize>,
}

/// How well a member can help with an ask.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Fit {
    /// 0..=1: the weighted mean over the ask's criteria of the best match among the member's values.
    pub score: f64,
    /// Criteria the member matched (strength > 0), in the ask's order.
    pub reasons: Vec<Reason>,
}

/// The weight of a criterion kind in the score: kinds that single out fewer people weigh more.
pub fn kind_weight(v: &Value) -> f64 {
    match v {
        Value::Location { .. } => 1.0,
        Value::Role { .. } => 1.2,
        Value::Industry { .. } => 1.0,
        Value::Interest { .. } => 1.2,
        Value::LifeStage { .. } => 1.0,
        Value::Age { .. } => 0.6,
        Value::Gender(_) => 0.3,
        _ => 0.5,
    }
}

const SLOTS: usize = 15;

/// The group a criterion belongs to: criteria of one kind in one ask are alternatives
/// (社長や役員, 港区・渋谷区), as the ask engine reads them; places are grouped by relation,
/// since living in one place and working in another are two conditions.
fn slot(v: &Value) -> usize {
    match v {
        Value::Gender(_) => 0,
        Value::Age { .. } => 1,
        Value::Location { relation, .. } => match relation {
            Relation::Lives => 2,
            Relation::Works => 3,
            Relation::From => 4,
            Relation::Any => 5,
        },
        Value::Role { .. } => 6,
        Value::Industry { .. } => 7,
        Value::Interest { .. } => 8,
        Value::LifeStage { .. } => 9,
        Value::Skill { .. } => 10,
        Value::Desire { .. } => 11,
        Value::Numeric { .. } => 12,
        Value::Named { .. } => 13,
        Value::Other { .. } => 14,
    }
}

fn gender_slot(g: Gender) -> usize {
    match g {
        Gender::Male => 0,
        Gender::Female => 1,
    }
}

fn age_bounds(min: Option<u32>, max: Option<u32>) -> (u32, u32) {
    let lo = min.unwrap_or(0);
    (lo, max.unwrap_or(AGE_MAX).max(lo))
}

/// Ask age range vs a member's age range: overlapping 0.5, within ten years 0.25.
fn age_score(ask: (u32, u32), m: (u32, u32)) -> f64 {
    if m.0 <= ask.1 && ask.0 <= m.1 {
        0.5
    } else {
        let gap = if m.1 < ask.0 {
            ask.0 - m.1
        } else {
            m.0.saturating_sub(ask.1)
        };
        if gap <= 10 {
            0.25
        } else {
            0.0
        }
    }
}

/// A value's provenance in a member's signature.
#[derive(Debug, Clone, Copy)]
struct Src {
    via: Via,
    index: Option<usize>,
}

impl Src {
    fn factor(self) -> f64 {
        match self.via {
            Via::Circle => 1.0,
            Via::Own => OWN_FACTOR,
        }
    }
}

/// A scored match: strength with the via factor applied.
#[derive(Debug, Clone, Copy)]
struct Hit {
    strength: f64,
    src: Src,
}

fn put<'p>(map: &mut FastMap<&'p str, Hit>, key: &'p str, strength: f64, src: Src) {
    let s = strength * src.factor();
    let e = map.entry(key).or_insert(Hit { strength: 0.0, src });
    if s > e.strength {
        *e = Hit { strength: s, src };
    }
}

fn better(a: Option<Hit>, b: Hit) -> Option<Hit> {
    match a {
        Some(a) if a.strength >= b.strength => Some(a),
        _ if b.strength > 0.0 => Some(b),
        _ => a,
    }
}

/// What matching derives from the lexicon once: place footprints and the interest taxonomy.
pub struct Matcher<'a> {
    lex: &'a Lexicon,
    places: PlaceIndex<'a>,
    interest_ix: FastMap<&'a str, usize>,
    children: Vec<Vec<usize>>,
}

/// One member's values indexed for scoring many asks (see [`Matcher::prepare`]).
pub struct PreparedMember<'p> {
    pub member_id: i64,
    places: Vec<(PlaceView<'p, 'p>, Src)>,
    roles: FastMap<&'p str, Hit>,
    industries: FastMap<&'p str, Hit>,
    stages: FastMap<&'p str, Hit>,
    /// Interests expanded over the taxonomy: the member's topics, their parents and children, siblings.
    interests: FastMap<&'p str, Hit>,
    genders: [Option<Hit>; 2],
    ages: Vec<((u32, u32), Src)>,
}

impl<'a> Matcher<'a> {
    /// Indexes the lexicon's places and interests (a few milliseconds at most; build once per batch).
    pub fn new(lex: &'a Lexicon) -> Self {
        let interest_ix = lex
            .interests
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.as_str(), i))
            .collect();
        let mut children = vec![Vec::new(); lex.interests.len()];
        for (i, c) in lex.interests.iter().enumerate() {
            if let Some(p) = c.parent {
                children[p].push(i);
            }
        }
        Matcher {
            lex,
            places: PlaceIndex::new(lex),
            interest_ix,
            children,
        }
    }

    pub fn lexicon(&self) -> &'a Lexicon {
        self.lex
    }

    /// Indexes a member's values once for scoring many asks against them.
    pub fn prepare<'p>(
        &'p self,
        member: &'p MemberSignature,
        this_year: i32,
    ) -> PreparedMember<'p> {
        let mut p = PreparedMember {
            member_id: member.member_id,
            places: Vec::new(),
            roles: FastMap::default(),
            industries: FastMap::default(),
            stages: FastMap::default(),
            interests: FastMap::default(),
            genders: [None, None],
            ages: Vec::new(),
        };
        let circles = member.circles.iter().enumerate().map(|(i, v)| {
            (
                v,
                Src {
                    via: Via::Circle,
                    index: Some(i),
                },
            )
        });
        let own = member.own.iter().enumerate().map(|(i, v)| {
            (
                v,
                Src {
                    via: Via::Own,
                    index: Some(i),
                },
            )
        });
        for (v, src) in circles.chain(own) {
            match v {
                Value::Gender(g) => {
                    let slot = &mut p.genders[gender_slot(*g)];
                    *slot = better(
                        *slot,
                        Hit {
                            strength: 0.3 * src.factor(),
                            src,
                        },
                    );
                }
                Value::Age { min, max } => p.ages.push((age_bounds(*min, *max), src)),
                // the same place twice (a circle and the member's own): the first, stronger one is enough
                Value::Location { name, .. } if !p.places.iter().any(|(v, _)| v.name == name) => {
                    p.places.push((self.places.view(name), src))
                }
                Value::Role { role } => put(&mut p.roles, role, 1.0, src),
                Value::Industry { industry } => put(&mut p.industries, industry, 1.0, src),
                Value::LifeStage { stage } => put(&mut p.stages, stage, 1.0, src),
                Value::Interest { topic, .. } => self.expand_interest(&mut p.interests, topic, src),
                _ => {}
            }
        }
        if let Some(by) = member.birth_year {
            let age = this_year - by;
            if (0..=AGE_MAX as i32).contains(&age) {
                p.ages.push((
                    (age as u32, age as u32),
                    Src {
                        via: Via::Own,
                        index: None,
                    },
                ));
            }
        }
        p
    }

    /// Puts a member's topic and its taxonomy neighbours: itself 1.0; parent or child 0.6;
    /// further ancestors or descendants 0.4; siblings (same parent) 0.3.
    fn expand_interest<'p>(&'p self, map: &mut FastMap<&'p str, Hit>, topic: &'p str, src: Src) {
        let ancestors = self.lex.interest_ancestors(topic);
        let Some(&ix) = self.interest_ix.get(topic) else {
            // the member's own words: only the same words match
            put(map, topic, 1.0, src);
            return;
        };
        for (depth, id) in ancestors.into_iter().enumerate() {
            put(map, id, [1.0, 0.6].get(depth).copied().unwrap_or(0.4), src);
        }
        let mut stack: Vec<(usize, usize)> = self.children[ix].iter().map(|&c| (c, 1)).collect();
        while let Some((c, depth)) = stack.pop() {
            put(
                map,
                &self.lex.interests[c].id,
                if depth == 1 { 0.6 } else { 0.4 },
                src,
            );
            if depth < 8 {
                stack.extend(self.children[c].iter().map(|&g| (g, depth + 1)));
            }
        }
        if let Some(parent) = self.lex.interests[ix].parent {
            for &s in self.children[parent].iter().filter(|&&s| s != ix) {
                put(map, &self.lex.interests[s].id, 0.3, src);
            }
        }
    }

    /// The best match of one ask criterion among a prepared member's values.
    fn best(&self, v: &Value, p: &PreparedMember) -> Option<Hit> {
        match v {
            Value::Gender(g) => p.genders[gender_slot(*g)],
            Value::Age { min, max } => {
                let ask = age_bounds(*min, *max);
                p.ages.iter().fold(None, |best, (m, src)| {
                    better(
                        best,
                        Hit {
                            strength: age_score(ask, *m) * src.factor(),
                            src: *src,
                        },
                    )
                })
            }
            Value::Location { name, .. } => {
                if p.places.is_empty() {
                    return None;
                }
                let ask = self.places.view(name);
                p.places.iter().fold(None, |best, (m, src)| {
                    better(
                        best,
                        Hit {
                            strength: place_score(ask, *m) * src.factor(),
                            src: *src,
                        },
                    )
                })
            }
            Value::Role { role } => p.roles.get(role.as_str()).copied(),
            Value::Industry { industry } => p.industries.get(industry.as_str()).copied(),
            Value::LifeStage { stage } => p.stages.get(stage.as_str()).copied(),
            Value::Interest { topic, .. } => p.interests.get(topic.as_str()).copied(),
            _ => None,
        }
    }

    /// How well a prepared member fits an ask. See [`crate::fit`] for the model.
    pub fn fit_prepared(&self, ask: &[Value], p: &PreparedMember) -> Fit {
        let mut best = [0.0f64; SLOTS];
        let mut weight = [0.0f64; SLOTS];
        let mut reasons = Vec::new();
        for (i, v) in ask.iter().enumerate() {
            let s = slot(v);
            weight[s] = kind_weight(v);
            if let Some(h) = self.best(v, p).filter(|h| h.strength > 0.0) {
                best[s] = best[s].max(h.strength);
                reasons.push(Reason {
                    criterion_index: i,
                    via: h.src.via,
                    strength: round6(h.strength),
                    value_index: h.src.index,
                });
            }
        }
        let total: f64 = weight.iter().sum();
        if total <= 0.0 {
            return Fit::default();
        }
        let sum: f64 = best.iter().zip(&weight).map(|(b, w)| b * w).sum();
        Fit {
            score: round6((sum / total).clamp(0.0, 1.0)),
            reasons,
        }
    }

    /// [`crate::fit`] with this matcher's indexes.
    pub fn fit(&self, ask: &[Value], member: &MemberSignature, this_year: i32) -> Fit {
        self.fit_prepared(ask, &self.prepare(member, this_year))
    }

    /// Whether member topic `have` is the asked topic `want` or within it (futsal within soccer).
    fn interest_within(&self, have: &str, want: &str) -> bool {
        if have == want {
            return true;
        }
        match (self.interest_ix.get(have), self.interest_ix.get(want)) {
            (Some(&a), Some(&b)) => self.lex.interest_within(a, b),
            _ => false,
        }
    }

    /// One criterion against the member's own values: None without data of that kind.
    fn satisfies_one(&self, v: &Value, member: &MemberSignature, this_year: i32) -> Option<bool> {
        let own = &member.own;
        match v {
            Value::Gender(g) => any_of(own, |o| match o {
                Value::Gender(h) => Some(h == g),
                _ => None,
            }),
            Value::Age { min, max } => {
                let (lo, hi) = age_bounds(*min, *max);
                if let Some(by) = member.birth_year {
                    let age = this_year - by;
                    return Some(age >= lo as i32 && age <= hi as i32);
                }
                any_of(own, |o| match o {
                    Value::Age { min, max } => {
                        let (mlo, mhi) = age_bounds(*min, *max);
                        Some(mlo >= lo && mhi <= hi)
                    }
                    _ => None,
                })
            }
            Value::Location { name, relation, .. } => {
                let ask = self.places.view(name);
                any_of(own, |o| match o {
                    Value::Location {
                        name: m,
                        relation: r,
                        ..
                    } if relations_agree(*relation, *r) => Some(
                        m == name
                            || matches!((ask.place, self.places.lookup(m)), (Some(a), Some(b)) if contains(a, b)),
                    ),
                    _ => None,
                })
            }
            Value::Role { role } => any_of(own, |o| match o {
                Value::Role { role: r } => Some(r == role),
                _ => None,
            }),
            Value::Industry { industry } => any_of(own, |o| match o {
                Value::Industry { industry: i } => Some(i == industry),
                _ => None,
            }),
            Value::LifeStage { stage } => any_of(own, |o| match o {
                Value::LifeStage { stage: s } => Some(s == stage),
                _ => None,
            }),
            Value::Interest { topic, .. } => any_of(own, |o| match o {
                Value::Interest { topic: t, .. } => Some(self.interest_within(t, topic)),
                _ => None,
            }),
            _ => None,
        }
    }

    /// [`crate::member_satisfies`] with this matcher's indexes.
    pub fn satisfies(
        &self,
        ask: &[Value],
        member: &MemberSignature,
        this_year: i32,
    ) -> Option<bool> {
        let mut data = [false; SLOTS];
        let mut ok = [false; SLOTS];
        for v in ask {
            if let Some(b) = self.satisfies_one(v, member, this_year) {
                let s = slot(v);
                data[s] = true;
                ok[s] |= b;
            }
        }
        data.iter()
            .any(|d| *d)
            .then(|| data.iter().zip(&ok).all(|(d, o)| !d || *o))
    }
}

/// Whether any of `own` answers (Some(true)); Some(false) when some are of the kind but none
/// answers; None when none is of the kind.
fn any_of(own: &[Value], f: impl Fn(&Value) -> Option<bool>) -> Option<bool> {
    let mut seen = false;
    for o in own {
        match f(o) {
            Some(true) => return Some(true),
            Some(false) => seen = true,
            None => {}
        }
    }
    seen.then_some(false)
}

/// Whether a member's place with relation `have` can answer an ask's place with relation `want`.
fn relations_agree(want: Relation, have: Relation) -> bool {
    want == Relation::Any || have == Relation::Any || want == have
}

fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}
