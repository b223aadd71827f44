//! Phrases that no word list can hold: desires and plans (料理のレパートリーを
//! 増やしたい, 開業を予定している, looking to sell), skills (英語で接客ができる,
//! fluent in Spanish), named people and companies (A社の田中さん, Jane Smith at
//! Acme), station areas (渋谷駅周辺) and unknown places in English (in Boise).
//!
//! One module a family: `ja` (desires, skills, favours and situations in
//! Japanese), `names_ja` (named people and companies, places and stations in
//! Japanese), `en` (the same in English). What they share is here: which
//! criteria a phrase absorbs, and how a desire is pushed.

mod en;
mod ja;
mod names_ja;

use super::{Ctx, Flag, FlagKind, Found};
use crate::lexicon::TraitKind;
use crate::types::{Lang, Value};

/// Interests, and industries used as an object (リフォームをお考え, ECでの直販を始めたい)
/// rather than as a trade (ネイルサロンの開業), belong to the phrase around them.
fn absorbable(ctx: &Ctx, f: &Found) -> bool {
    match f.value {
        Value::Interest { .. } => true,
        // ドライバー不足でお悩み, 後継者がいなくて: a role named as what is missing
        Value::Industry { .. } => ctx.lang == Lang::Ja && !ctx.at(f.end, "の"),
        Value::Role { .. } => {
            ctx.lang == Lang::Ja
                && !ctx.at(f.end, "の")
                && !ctx.at(f.end, "さん")
                && !ctx.at(f.end, "様")
        }
        _ => false,
    }
}

/// `a..b` holds nothing but interests (which the phrase then absorbs).
fn free_but_interests(ctx: &Ctx, a: usize, b: usize) -> bool {
    (a..b).all(|i| {
        !ctx.taken[i]
            || ctx
                .found
                .iter()
                .any(|f| absorbable(ctx, f) && f.start <= i && i < f.end)
    })
}

/// Drops interests inside a phrase: in 中国語が話せる the language is the skill.
fn absorb_interests(ctx: &mut Ctx, start: usize, end: usize) {
    let gone: Vec<bool> = ctx
        .found
        .iter()
        .map(|f| absorbable(ctx, f) && f.start >= start && f.end <= end)
        .collect();
    let mut it = gone.iter();
    ctx.found.retain(|_| !it.next().copied().unwrap_or(false));
}

fn push_desire(ctx: &mut Ctx, start: usize, end: usize, share: f64) {
    absorb_interests(ctx, start, end);
    let surface = ctx.original_slice(start, end);
    // a near-universal wish (お金を稼ぎたい, want to grow) is a weak criterion
    let weak_trait = ctx.flags.iter().find_map(|f| match f.kind {
        FlagKind::Trait(t)
            if f.start < end
                && start < f.end
                && ctx.lex.traits[t].kind == TraitKind::NearUniversal =>
        {
            Some(t)
        }
        _ => None,
    });
    // ...but a wish with its own object (料理のレパートリーを増やしたい) is not
    let weak_trait = weak_trait.filter(|&t| {
        let f = ctx
            .flags
            .iter()
            .find(|f| matches!(f.kind, FlagKind::Trait(x) if x == t));
        f.is_some_and(|f| (end - start) <= (f.end - f.start) + 6)
    });
    if weak_trait.is_none() {
        ctx.flags.retain(|f| {
            !(matches!(f.kind, FlagKind::Trait(t) if ctx.lex.traits[t].kind == TraitKind::NearUniversal)
                && f.start >= start
                && f.end <= end)
        });
    }
    let (share, weak) = match weak_trait {
        Some(t) => (ctx.lex.traits[t].share, true),
        None => (share, false),
    };
    if weak {
        ctx.flags.push(Flag {
            start,
            end,
            kind: FlagKind::WeakDesire,
        });
    }
    ctx.push(Found {
        start,
        end,
        value: Value::Desire {
            phrase: surface.clone(),
        },
        share,
        label: surface,
        concept: None,
        weak,
    });
}

pub fn run(ctx: &mut Ctx) {
    match ctx.lang {
        Lang::Ja => {
            ja::favours_ja(ctx);
            names_ja::stations_ja(ctx);
            names_ja::named_ja(ctx);
            names_ja::proper_places_ja(ctx);
            ja::desires_ja(ctx);
            ja::skills_ja(ctx);
            ja::situations_ja(ctx);
        }
        Lang::En => {
            en::phrases_en(ctx);
            en::places_en(ctx);
            en::named_en(ctx);
            en::situations_en(ctx);
        }
    }
}
