//! Japanese phrases: desires and plans (料理のレパートリーを増やしたい,
//! 開業を予定している, 集客にお困りの), skills (英語で接客ができる), favours asked of
//! whoever is found (買ってくれる人), and what is left of a relative clause
//! (実家が空き家になっている方).

use super::{absorb_interests, absorbable, free_but_interests, push_desire};
use crate::extract::{Ctx, Flag, FlagKind, Words};
use crate::tokens::Pos;
use crate::types::Value;

/// Verbs whose wish belongs to the asker, not to the person sought.
static ASKER_VERBS: Words = words!("asker_verbs_ja.txt");

/// Whether the token at `k` belongs to an interest criterion (the object of a skill or wish).
fn in_interest(ctx: &Ctx, k: usize) -> bool {
    let t = &ctx.tokens[k];
    ctx.found
        .iter()
        .any(|f| absorbable(ctx, f) && f.start <= t.start && t.end <= f.end)
}

fn is_clause_stop(ctx: &Ctx, k: usize) -> bool {
    let t = &ctx.tokens[k];
    if in_interest(ctx, k) {
        return false;
    }
    if matches!(t.pos, Pos::Symbol) {
        return true;
    }
    if t.pos == Pos::Particle {
        let s = ctx.folded_slice(t.start, t.end);
        // て/で joining verbs (なって, 悩んで) continue a clause; case particles other than these end it
        let conjunctive = t.field(1) == "接続助詞" && matches!(s, "て" | "で");
        return !(matches!(
            s,
            "を" | "の" | "が" | "に" | "へ" | "について" | "に関して" | "に向けて"
        ) || conjunctive);
    }
    matches!(t.pos, Pos::Adjective | Pos::Adverb) || !ctx.free(t.start, t.end)
}

/// Walks back from token `k` (inclusive) over the object of a verb phrase.
fn phrase_start(ctx: &Ctx, k: usize, max_tokens: usize) -> usize {
    let mut start = ctx.tokens[k].start;
    let mut i = k;
    let mut steps = 0;
    let mut seen_verb = false;
    while i > 0 && steps < max_tokens {
        let j = i - 1;
        if is_clause_stop(ctx, j) {
            break;
        }
        let t = &ctx.tokens[j];
        if matches!(t.pos, Pos::Verb | Pos::Auxiliary) {
            if seen_verb {
                break;
            }
            seen_verb = true;
        }
        start = t.start;
        i = j;
        steps += 1;
    }
    // never start on a particle
    while let Some(k) = ctx.token_index_at(start) {
        let t = &ctx.tokens[k];
        if t.pos == Pos::Particle && t.end < ctx.tokens[ctx.tokens.len() - 1].end {
            start = t.end;
        } else {
            break;
        }
    }
    start
}

fn followed_by_person(ctx: &Ctx, k: usize) -> bool {
    // after the trigger: a noun (主婦, 方, 人, 女性), or の + noun
    match ctx.tokens.get(k) {
        Some(t)
            if matches!(
                t.pos,
                Pos::Noun
                    | Pos::Suffix
                    | Pos::ProperPerson
                    | Pos::ProperOrg
                    | Pos::ProperPlace
                    | Pos::Prefix
                    | Pos::Numeral
            ) =>
        {
            true
        }
        Some(t) if t.pos == Pos::Particle && ctx.folded_slice(t.start, t.end) == "の" => {
            ctx.tokens.get(k + 1).is_some_and(|t| {
                matches!(t.pos, Pos::Noun | Pos::Suffix | Pos::Prefix | Pos::Numeral)
                    || ctx.folded_slice(t.start, t.end) == "、"
            })
        }
        Some(t) if matches!(t.pos, Pos::Symbol) => ctx.folded_slice(t.start, t.end) == "、",
        _ => false,
    }
}

/// Extends past ている / してる / 中 after a trigger; returns the next token index.
fn extend_progressive(ctx: &Ctx, mut k: usize) -> usize {
    while let Some(t) = ctx.tokens.get(k) {
        let s = ctx.folded_slice(t.start, t.end);
        let ok = matches!(
            s,
            "し" | "して"
                | "て"
                | "い"
                | "いる"
                | "る"
                | "てる"
                | "中"
                | "でき"
                | "と"
                | "考え"
                | "思っ"
                | "おり"
                | "おる"
                | "お"
                | "始め"
                | "た"
                | "られ"
                | "れ"
        ) || (s == "で" && t.field(1) == "接続助詞")
            || (t.pos == Pos::Auxiliary && s != "です")
            || (t.pos == Pos::Verb
                && matches!(
                    t.base(),
                    Some("いる") | Some("する") | Some("考える") | Some("思う") | Some("おる")
                ));
        if !ok {
            break;
        }
        k += 1;
    }
    k
}

const PLAN_NOUNS: &[&str] = &[
    "予定", "計画", "検討", "希望", "目指", "考え", "視野", "準備", "志望", "狙", "模索", "構想",
    "目標",
];

pub(super) fn desires_ja(ctx: &mut Ctx) {
    let mut out = Vec::new();
    let n = ctx.tokens.len();
    let mut k = 0;
    while k < n {
        let t = ctx.tokens[k];
        let s = ctx.folded_slice(t.start, t.end);
        let is_wish = t.pos == Pos::Auxiliary && t.base() == Some("たい");
        // 始めようとしている: a volitional う/よう before と
        let is_volitional = t.pos == Pos::Auxiliary
            && matches!(t.base(), Some("う") | Some("よう"))
            && ctx
                .tokens
                .get(k + 1)
                .is_some_and(|n| ctx.folded_slice(n.start, n.end) == "と");
        // 事業承継に悩んでいる, 在宅の仕事を探している: a need with its object
        let is_need = t.pos == Pos::Verb
            && matches!(
                t.base(),
                Some("悩む")
                    | Some("困る")
                    | Some("探す")
                    | Some("求める")
                    | Some("目指す")
                    | Some("狙う")
                    | Some("苦しむ")
                    | Some("迷う")
            )
            && k > 1
            && {
                // 集客にお困りの: an honorific お/ご may stand between the particle and the verb
                let j = if ctx.tokens[k - 1].pos == Pos::Prefix {
                    k - 2
                } else {
                    k - 1
                };
                ctx.tokens.get(j).is_some_and(|p| {
                    p.pos == Pos::Particle
                        && matches!(
                            ctx.folded_slice(p.start, p.end),
                            "に" | "を" | "が" | "で" | "て"
                        )
                })
            };
        // お悩みの, 採用に苦戦している: needs written as nouns
        let is_need = is_need
            || (k > 0
                && matches!(s, "悩み" | "困り" | "お悩み" | "お困り")
                && ctx.tokens[k - 1].pos == Pos::Prefix)
            || (k > 0 && matches!(s, "苦戦" | "苦労" | "難航"));
        let is_plan = (PLAN_NOUNS.iter().any(|p| s.starts_with(p)) && k > 0) || is_need;
        let is_wish = is_wish || is_volitional;
        if !(is_wish || is_plan) || !ctx.free(t.start, t.end) {
            k += 1;
            continue;
        }
        // the verb wished for must not be the asker's (お会いしたい, 紹介したい)
        let verb_k = if is_wish && !is_need {
            k.saturating_sub(1)
        } else {
            k
        };
        let verb_base = ctx.tokens[verb_k].base().unwrap_or("");
        let verb_surface = ctx.folded_slice(ctx.tokens[verb_k].start, ctx.tokens[verb_k].end);
        let prev_noun = if verb_k > 0 {
            ctx.folded_slice(ctx.tokens[verb_k - 1].start, ctx.tokens[verb_k - 1].end)
        } else {
            ""
        };
        let asker = ASKER_VERBS
            .iter()
            .any(|v| verb_base == *v || verb_surface.starts_with(v))
            && (verb_base != "する" || ASKER_VERBS.iter().any(|v| prev_noun.ends_with(v)));
        if is_wish && asker {
            k += 1;
            continue;
        }
        let after = extend_progressive(ctx, k + 1);
        if !followed_by_person(ctx, after) {
            k += 1;
            continue;
        }
        let mut start = phrase_start(ctx, verb_k, 7);
        if is_need {
            if let Some(pk) = ctx.token_index_at(start.saturating_sub(1)) {
                let ps = ctx.folded_slice(ctx.tokens[pk].start, ctx.tokens[pk].end);
                if start > 0 && matches!(ps, "で" | "に") && pk > 0 && !is_clause_stop(ctx, pk - 1)
                {
                    start = phrase_start(ctx, pk - 1, 4).min(ctx.tokens[pk - 1].start);
                }
            }
        }
        let end = ctx.tokens[after - 1].end;
        if end > start && free_but_interests(ctx, start, end) {
            // a need (集客にお困り) is common among those it names; a plan is rare; a wish between
            let share = if is_need {
                0.3
            } else if is_plan {
                0.03
            } else {
                0.1
            };
            out.push((start, end, share));
        }
        k = after;
    }
    for (start, end, share) in out {
        push_desire(ctx, start, end, share);
    }
}

pub(super) fn skills_ja(ctx: &mut Ctx) {
    let mut out = Vec::new();
    for k in 0..ctx.tokens.len() {
        let t = ctx.tokens[k];
        let s = ctx.folded_slice(t.start, t.end);
        let base = t.base().unwrap_or("");
        let next = ctx
            .tokens
            .get(k + 1)
            .map(|n| ctx.folded_slice(n.start, n.end))
            .unwrap_or_default();
        let prev_particle =
            k > 0 && ctx.folded_slice(ctx.tokens[k - 1].start, ctx.tokens[k - 1].end) == "に";
        let trigger = matches!(
            base,
            "できる"
                | "出来る"
                | "話せる"
                | "使える"
                | "詳しい"
                | "扱える"
                | "書ける"
                | "弾ける"
                | "作れる"
        ) || (base == "強い" && prev_particle)
            || matches!(
                s,
                "得意" | "堪能" | "精通" | "ペラペラ" | "資格" | "経験者" | "有資格"
            )
            || (s == "経験" && matches!(next, "が" | "の" | "あり" | "豊富" | "を"));
        if !trigger || !ctx.free(t.start, t.end) || k == 0 {
            continue;
        }
        let prev = ctx.folded_slice(ctx.tokens[k - 1].start, ctx.tokens[k - 1].end);
        // 紹介できる, お会いできる are the asker's
        if ASKER_VERBS.iter().any(|v| prev.ends_with(v)) {
            continue;
        }
        let mut end = t.end;
        // 資格を持っている, 経験がある
        let mut j = k + 1;
        if matches!(s, "資格") {
            while let Some(tt) = ctx.tokens.get(j) {
                let ss = ctx.folded_slice(tt.start, tt.end);
                if matches!(
                    ss,
                    "を" | "が"
                        | "持っ"
                        | "持つ"
                        | "て"
                        | "いる"
                        | "ある"
                        | "保有"
                        | "し"
                        | "取得"
                        | "お"
                        | "持ち"
                ) {
                    end = tt.end;
                    j += 1;
                } else {
                    break;
                }
            }
        }
        let start = phrase_start(ctx, k, 5);
        if start < t.start && free_but_interests(ctx, start, end) {
            out.push((start, end));
        }
    }
    for (start, end) in out {
        absorb_interests(ctx, start, end);
        ctx.push_surface(start, end, 0.05, |skill| Value::Skill { skill });
    }
}

/// 保険に入ってくれる人, 参加してくれる方, 置いてくれるお店: asking for a favour or a
/// sale from whoever is found, not for a person to meet.
pub(super) fn favours_ja(ctx: &mut Ctx) {
    let mut out = Vec::new();
    for k in 1..ctx.tokens.len() {
        let t = ctx.tokens[k];
        let base = t.base().unwrap_or("");
        if !matches!(
            base,
            "くれる" | "くださる" | "下さる" | "もらえる" | "いただける" | "頂ける"
        ) {
            continue;
        }
        let prev = ctx.folded_slice(ctx.tokens[k - 1].start, ctx.tokens[k - 1].end);
        if !matches!(prev, "て" | "で") || k < 2 {
            continue;
        }
        let verb = ctx.tokens[k - 2].base().unwrap_or("");
        if matches!(verb, "紹介" | "する" | "教える" | "繋ぐ" | "つなぐ")
            && ctx.tokens[k - 2].pos != Pos::Noun
        {
            // 紹介してくれる人 is a connector, not a buyer
            if verb != "する" {
                continue;
            }
            let obj = if k >= 3 {
                ctx.folded_slice(ctx.tokens[k - 3].start, ctx.tokens[k - 3].end)
            } else {
                ""
            };
            if obj.contains("紹介") {
                continue;
            }
        }
        let next = ctx
            .tokens
            .get(k + 1)
            .map(|n| ctx.folded_slice(n.start, n.end))
            .unwrap_or_default();
        if matches!(
            next,
            "人" | "方"
                | "お客様"
                | "お客さん"
                | "お店"
                | "店"
                | "会社"
                | "企業"
                | "お客"
                | "顧客"
                | "とこ"
                | "ところ"
        ) {
            let start = phrase_start(ctx, k - 2, 4);
            out.push((start, t.end));
        }
    }
    for (start, end) in out {
        ctx.flags.push(Flag {
            start,
            end,
            kind: FlagKind::Marker(crate::lexicon::Marker::Sale),
        });
    }
}

/// Target nouns an attributive clause can describe: 〜している方, 〜な会社様.
static TARGETS_JA: Words = words!("targets_ja.txt");
/// Verbs of the asker's frame (ご紹介いただける方, お話しできる方).
static FRAME_JA: Words = words!("frame_ja.txt");

/// What is left of a relative clause with nothing else read in it is still a
/// condition: 実家が空き家になっている方, "who's behind on their bookkeeping".
pub(super) fn situations_ja(ctx: &mut Ctx) {
    let mut out = Vec::new();
    for k in 1..ctx.tokens.len() {
        let t = ctx.tokens[k];
        let s = ctx.folded_slice(t.start, t.end);
        if !TARGETS_JA.contains(&s) {
            continue;
        }
        let p = ctx.tokens[k - 1];
        if !matches!(p.pos, Pos::Verb | Pos::Auxiliary | Pos::Adjective) {
            continue;
        }
        let start = phrase_start(ctx, k - 1, 8);
        let end = p.end;
        if end <= start || end - start < 4 || !ctx.free(start, end) {
            continue;
        }
        let clause: String = ctx.chars[start..end].iter().collect();
        if FRAME_JA.iter().any(|w| clause.contains(w)) {
            continue;
        }
        if ctx.flags.iter().any(|f| f.start < end && start < f.end) {
            continue;
        }
        // 東京に住んでいる人: the clause only relates a condition read already
        if ctx
            .found
            .iter()
            .any(|f| f.end <= start && start - f.end <= 2)
        {
            continue;
        }
        out.push((start, end));
    }
    for (start, end) in out {
        ctx.push_surface(start, end, 0.1, |text| Value::Other { text });
    }
}
