//! The lexicon pass: vocabulary words and places, chosen longest first.

use super::{Ctx, Flag, FlagKind, Found, Words};
use crate::lexicon::{Entry, Marker};
use crate::types::{Intensity, Lang, Level, Relation, Value};

struct Hit {
    start: usize,
    end: usize,
    pattern: usize,
}

fn is_flag(e: &Entry) -> bool {
    matches!(e, Entry::Trait(_) | Entry::Marker(_))
}

/// Chooses non-overlapping hits, longest first, then leftmost.
fn choose(mut hits: Vec<Hit>) -> Vec<Hit> {
    hits.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.start.cmp(&b.start))
    });
    let mut chosen: Vec<Hit> = Vec::new();
    for h in hits {
        if chosen.iter().all(|c| h.end <= c.start || h.start >= c.end) {
            chosen.push(h);
        }
    }
    chosen
}

static INTEREST_CUES: Words = words!("interest_cues_ja.txt");
static BUSINESS_CUES: Words = words!("business_cues_ja.txt");
static BUSINESS_CUES_EN: Words = words!("business_cues_en.txt");
static INTEREST_CUES_EN: Words = words!("interest_cues_en.txt");

fn cue_after(ctx: &Ctx, end: usize, cues: &[&str]) -> bool {
    let mut i = end;
    // skip particles that join a topic to its cue
    for p in ["に", "が", "を", "の", "へ", " "] {
        if ctx.at(i, p) {
            i += 1;
            break;
        }
    }
    cues.iter().any(|c| ctx.at(i, c)) || cues.iter().any(|c| ctx.at(end, c))
}

fn en_word_after(ctx: &Ctx, end: usize, words: &[&str]) -> bool {
    let rest: String = ctx.chars[end..].iter().take(16).collect();
    let w = rest
        .trim_start()
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    words.contains(&w)
}

fn en_word_before(ctx: &Ctx, start: usize, words: &[&str]) -> bool {
    let head: String = ctx.chars[..start].iter().collect();
    let w = head
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    words.contains(&w)
}

/// Picks the entry a surface means here.
fn resolve(ctx: &Ctx, entries: &[Entry], start: usize, end: usize) -> Option<Entry> {
    let crit: Vec<Entry> = entries.iter().copied().filter(|e| !is_flag(e)).collect();
    if crit.len() <= 1 {
        return crit.first().copied();
    }
    let has = |f: fn(&Entry) -> bool| crit.iter().copied().find(f);
    let interest = has(|e| matches!(e, Entry::Interest(_)));
    let industry = has(|e| matches!(e, Entry::Industry(_)));
    let role = has(|e| matches!(e, Entry::Role(_)));
    let stage = has(|e| matches!(e, Entry::LifeStage(_)));
    let place = has(|e| matches!(e, Entry::Place(_)));
    let interest_cue = match ctx.lang {
        Lang::Ja => cue_after(ctx, end, &INTEREST_CUES),
        Lang::En => {
            en_word_after(ctx, end, &INTEREST_CUES_EN)
                || en_word_before(
                    ctx,
                    start,
                    &[
                        "in", "into", "about", "love", "loves", "enjoy", "enjoys", "play", "plays",
                    ],
                )
        }
    };
    let business_cue = match ctx.lang {
        Lang::Ja => cue_after(ctx, end, &BUSINESS_CUES),
        Lang::En => en_word_after(ctx, end, &BUSINESS_CUES_EN),
    };
    if interest_cue && interest.is_some() {
        return interest;
    }
    if business_cue && industry.is_some() {
        return industry;
    }
    // A full place name beats a word; a bare stem loses to one.
    if let Some(Entry::Place(p)) = place {
        if !ctx.lex.places[p].stem {
            return place;
        }
    }
    role.or(stage)
        .or(industry)
        .or(interest)
        .or(place)
        .or(crit.first().copied())
}

/// The best place among several with the same name (港区: Tokyo's over Nagoya's).
fn best_place(ctx: &Ctx, entries: &[Entry]) -> Option<usize> {
    entries
        .iter()
        .filter_map(|e| {
            if let Entry::Place(p) = e {
                Some(*p)
            } else {
                None
            }
        })
        .max_by(|&a, &b| {
            let (pa, pb) = (&ctx.lex.places[a], &ctx.lex.places[b]);
            (pa.priority, !pa.stem).cmp(&(pb.priority, !pb.stem)).then(
                pa.share
                    .partial_cmp(&pb.share)
                    .unwrap_or(std::cmp::Ordering::Equal),
            )
        })
}

pub fn run(ctx: &mut Ctx) {
    let mut crit_hits = Vec::new();
    let mut flag_hits = Vec::new();
    for m in ctx.lex.automaton.find_overlapping_iter(&ctx.folded.text) {
        let start = ctx.folded.char_at_byte(m.start());
        let end = ctx.folded.char_at_byte(m.end());
        let entries = &ctx.lex.entries[m.pattern().as_usize()];
        // 大阪市内, 品川区在住: a full place name may end inside a morpheme
        let place_suffix = entries
            .iter()
            .any(|e| matches!(e, Entry::Place(p) if !ctx.lex.places[*p].stem))
            && matches!(
                ctx.chars[end - 1],
                '市' | '区' | '町' | '村' | '都' | '道' | '府' | '県'
            );
        if start >= end || !(ctx.is_word(start, end) || (place_suffix && ctx.is_word_start(start)))
        {
            continue;
        }
        let h = || Hit {
            start,
            end,
            pattern: m.pattern().as_usize(),
        };
        if entries.iter().any(|e| !is_flag(e)) {
            crit_hits.push(h());
        }
        if entries.iter().any(is_flag) {
            flag_hits.push(h());
        }
    }
    for h in choose(flag_hits) {
        for e in &ctx.lex.entries[h.pattern] {
            match e {
                Entry::Trait(t) => ctx.flags.push(Flag {
                    start: h.start,
                    end: h.end,
                    kind: FlagKind::Trait(*t),
                }),
                Entry::Marker(m) => ctx.flags.push(Flag {
                    start: h.start,
                    end: h.end,
                    kind: FlagKind::Marker(*m),
                }),
                _ => {}
            }
        }
    }
    for h in choose(crit_hits) {
        if !ctx.free(h.start, h.end) {
            continue;
        }
        let entries = ctx.lex.entries[h.pattern].clone();
        let Some(entry) = resolve(ctx, &entries, h.start, h.end) else {
            continue;
        };
        if let Some(mut f) = found_for(ctx, entry, &entries, h.start, h.end) {
            // 保険の営業, ゲーム業界: a topic followed by business words is a trade
            if let (Entry::Interest(i), Lang::Ja) = (entry, ctx.lang) {
                if cue_after(ctx, h.end, &BUSINESS_CUES) && !cue_after(ctx, h.end, &INTEREST_CUES) {
                    f.value = Value::Industry {
                        industry: ctx.lex.interests[i].id.clone(),
                    };
                    f.share = 0.02;
                    f.concept = None;
                }
            }
            ctx.push(f);
        }
    }
    uppercase_acronyms(ctx);
    merge_places(ctx);
}

/// 東京都中央区, 千葉県浦安市, 横浜市 青葉区: a wider place written right before a
/// narrower one is one location, the narrower.
fn merge_places(ctx: &mut Ctx) {
    ctx.found.sort_by_key(|f| f.start);
    let mut k = 0;
    while k + 1 < ctx.found.len() {
        let (a, b) = (&ctx.found[k], &ctx.found[k + 1]);
        let gap_ok = a.end <= b.start
            && (a.end == b.start || (b.start == a.end + 1 && ctx.chars[a.end] == ' '));
        let wider = match (&a.value, &b.value) {
            (Value::Location { level: la, .. }, Value::Location { level: lb, .. }) => {
                let rank = |l: &Level| match l {
                    Level::Country => 0,
                    Level::Prefecture => 1,
                    Level::Area => 2,
                    Level::City => 3,
                    Level::Ward => 4,
                    Level::Other => 5,
                };
                rank(la) < rank(lb)
            }
            _ => false,
        };
        // 子育て中のママ: two words for one stage of life
        let same_stage = matches!(
            (&a.value, &b.value),
            (Value::LifeStage { .. }, Value::LifeStage { .. })
        ) && b.start == a.end + 1
            && ctx.chars[a.end] == 'の';
        if same_stage {
            ctx.found[k].end = ctx.found[k + 1].end;
            ctx.found.remove(k + 1);
            continue;
        }
        if gap_ok && wider {
            let start = a.start;
            ctx.found[k + 1].start = start;
            ctx.found.remove(k);
            continue;
        }
        k += 1;
    }
}

fn label(ctx: &Ctx, ja: &str, en: &str, start: usize, end: usize) -> String {
    let l = match ctx.lang {
        Lang::Ja => ja,
        Lang::En => en,
    };
    if l.is_empty() {
        ctx.original_slice(start, end)
    } else {
        l.to_string()
    }
}

fn found_for(
    ctx: &Ctx,
    entry: Entry,
    entries: &[Entry],
    start: usize,
    end: usize,
) -> Option<Found> {
    let lex = ctx.lex;
    let base = |value: Value, share: f64, label: String, concept: Option<usize>| Found {
        start,
        end,
        value,
        share,
        label,
        concept,
        weak: false,
    };
    Some(match entry {
        Entry::Role(i) => {
            let c = &lex.roles[i];
            base(
                Value::Role { role: c.id.clone() },
                c.share,
                label(ctx, &c.ja, &c.en, start, end),
                Some(i),
            )
        }
        Entry::Industry(i) => {
            let c = &lex.industries[i];
            base(
                Value::Industry {
                    industry: c.id.clone(),
                },
                c.share,
                label(ctx, &c.ja, &c.en, start, end),
                Some(i),
            )
        }
        Entry::Interest(i) => {
            let c = &lex.interests[i];
            base(
                Value::Interest {
                    topic: c.id.clone(),
                    intensity: Intensity::Normal,
                },
                c.share,
                label(ctx, &c.ja, &c.en, start, end),
                Some(i),
            )
        }
        Entry::LifeStage(i) => {
            let c = &lex.life_stages[i];
            base(
                Value::LifeStage {
                    stage: c.id.clone(),
                },
                c.share,
                label(ctx, &c.ja, &c.en, start, end),
                Some(i),
            )
        }
        Entry::Gender(g) => {
            // English "man"/"male" as parts of other phrases are handled by boundaries;
            // a lone 男/女 must stand as its own token.
            let l = crate::messages::MSG.get(
                ctx.lang,
                match g {
                    crate::types::Gender::Male => "label.gender.male",
                    crate::types::Gender::Female => "label.gender.female",
                },
            );
            base(Value::Gender(g), 0.5, l.to_string(), None)
        }
        Entry::Place(_) => {
            let p = best_place(ctx, entries)?;
            let place = &lex.places[p];
            let share = place.share;
            base(
                Value::Location {
                    name: place.name.clone(),
                    level: place.level,
                    relation: Relation::Any,
                },
                share,
                place.name.clone(),
                Some(p),
            )
        }
        Entry::Trait(_) | Entry::Marker(_) => return None,
    })
}

/// IT, HR, AI written in capitals in the original are the acronyms, not "it".
fn uppercase_acronyms(ctx: &mut Ctx) {
    let orig: Vec<char> = ctx.original.chars().collect();
    let mut i = 0;
    while i + 1 < orig.len() {
        let pair: String = orig[i..i + 2]
            .iter()
            .map(|c| crate::text::fold_char(*c).to_ascii_uppercase())
            .collect();
        let is_upper = orig[i].is_uppercase() && orig[i + 1].is_uppercase();
        if is_upper && pair == "IT" && ctx.word_edge(i) && ctx.free(i, i + 2) {
            let after_ok = ctx.word_edge(i + 2);
            if after_ok {
                if let Some(idx) = ctx.lex.industries.iter().position(|c| c.id == "it") {
                    let c = &ctx.lex.industries[idx];
                    let f = Found {
                        start: i,
                        end: i + 2,
                        value: Value::Industry {
                            industry: c.id.clone(),
                        },
                        share: c.share,
                        label: "IT".into(),
                        concept: Some(idx),
                        weak: false,
                    };
                    ctx.push(f);
                }
            }
        }
        i += 1;
    }
}

/// Marks interests as intense (廃人レベルの, 毎週末…ほど, hardcore).
pub fn intensities(ctx: &mut Ctx) {
    let marks: Vec<(usize, usize)> = ctx
        .flags
        .iter()
        .filter(|f| matches!(f.kind, FlagKind::Marker(Marker::Intense)))
        .map(|f| (f.start, f.end))
        .collect();
    let n = ctx.found.len();
    for k in 0..n {
        let (start, end) = (ctx.found[k].start, ctx.found[k].end);
        if !matches!(ctx.found[k].value, Value::Interest { .. }) {
            continue;
        }
        let clause_start = (0..start)
            .rev()
            .find(|&i| {
                matches!(
                    ctx.chars[i],
                    '、' | '。' | ',' | '.' | '\n' | '!' | '！' | '?' | '？'
                )
            })
            .map_or(0, |i| i + 1);
        let near = marks.iter().any(|&(a, b)| {
            (a >= clause_start && b <= start && start - b <= 14) || (a >= end && a - end <= 6)
        });
        let hodo = (end..ctx.len().min(end + 4)).any(|i| ctx.at(i, "ほど")) || {
            // 毎週末キャンプに行くほどアウトドアが好き: ほど shortly before the interest
            (clause_start..start).any(|i| ctx.at(i, "ほど") && start - i <= 4)
        };
        if near || hodo {
            if let Value::Interest { intensity, .. } = &mut ctx.found[k].value {
                *intensity = Intensity::High;
            }
        }
    }
}
