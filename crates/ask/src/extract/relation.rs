//! Relations: whether the person lives in, works in or comes from each place
//! read (世田谷区在住, 渋谷で働く, "based in Austin"), from the words around it.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::{symbol, Ctx, Words};
use crate::types::{Lang, Level, Relation, Value};

static PLACE_SUFFIXES_JA: Words = words!("place_suffixes_ja.txt");
static BUSINESS_EN: Words = words!("business_en.txt");
/// Relation phrases before an English place, in file order.
static RELATIONS_EN: LazyLock<Vec<(Relation, &'static str)>> = table!(
    "relations_en.tsv",
    |r| Some((symbol(r.first()?)?, *r.get(1)?))
);

/// Relation markers after a Japanese place, in file order.
static RELATIONS_JA: LazyLock<Vec<(Relation, &'static str)>> = table!(
    "relations_ja.tsv",
    |r| Some((symbol(r.first()?)?, *r.get(1)?))
);

/// One automaton over every Japanese relation marker, built once.
static RELATION_MARKERS_JA: LazyLock<(AhoCorasick, Vec<Relation>)> = LazyLock::new(|| {
    let mut pats: Vec<&str> = Vec::new();
    let mut kinds = Vec::new();
    for &(rel, p) in RELATIONS_JA.iter() {
        // a word listed twice keeps its first relation
        if !pats.contains(&p) {
            pats.push(p);
            kinds.push(rel);
        }
    }
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&pats)
        .expect("relation markers build");
    (ac, kinds)
});

fn relation_ja(ctx: &Ctx, end: usize) -> Relation {
    let mut i = end;
    // skip a place suffix: 駅, 周辺, エリア, 内
    if let Some(n) = ctx.at_any(i, &PLACE_SUFFIXES_JA) {
        i += n;
    }
    // the first marker in the rest of the clause decides
    let mut k = i;
    while k < ctx.len()
        && k < i + 30
        && !matches!(
            ctx.chars[k],
            '、' | '。' | ',' | '.' | '\n' | '!' | '！' | '?' | '？'
        )
    {
        k += 1;
    }
    let (ac, kinds) = &*RELATION_MARKERS_JA;
    if let Some(m) = ac.find(ctx.folded_slice(i, k)) {
        return kinds[m.pattern().as_usize()];
    }
    if ctx.at(i, "で") {
        return Relation::Works;
    }
    Relation::Lives
}

fn relation_en(ctx: &Ctx, start: usize) -> Relation {
    let head: String = ctx.chars[..start].iter().collect();
    let words: Vec<&str> = head
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .filter(|w| !w.is_empty())
        .collect();
    let last = |n: usize| {
        words
            .iter()
            .rev()
            .take(n)
            .rev()
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let l2 = last(2);
    let l3 = last(3);
    let l1 = last(1);
    let phrases = |rel: Relation| {
        RELATIONS_EN
            .iter()
            .filter(move |(r, _)| *r == rel)
            .map(|(_, p)| *p)
    };
    if phrases(Relation::Lives).any(|p| l2.ends_with(p) || l3.ends_with(p)) {
        return Relation::Lives;
    }
    if phrases(Relation::Works).any(|p| l2.ends_with(p) || l3.ends_with(p)) {
        return Relation::Works;
    }
    if phrases(Relation::From).any(|p| l1 == p || l2.ends_with(p) || l3.ends_with(p)) {
        return Relation::From;
    }
    // a business just before the place: "restaurant in Queens", "companies in Ohio"
    if words.iter().rev().take(8).any(|w| BUSINESS_EN.contains(w)) {
        return Relation::Works;
    }
    // an occupation just before: "a divorce attorney in Orange County"
    let nearest = ctx
        .found
        .iter()
        .filter(|f| f.end <= start && start - f.end <= 24)
        .max_by_key(|f| f.end);
    if let Some(f) = nearest {
        if matches!(
            f.value,
            Value::Role { .. } | Value::Industry { .. } | Value::Named { .. }
        ) {
            return Relation::Works;
        }
    }
    Relation::Lives
}

/// Sets each place's relation (lives / works / from) from the words around it.
pub fn relations(ctx: &mut Ctx) {
    let n = ctx.found.len();
    for k in 0..n {
        let (start, end) = (ctx.found[k].start, ctx.found[k].end);
        if !matches!(ctx.found[k].value, Value::Location { .. }) {
            continue;
        }
        let rel = match ctx.lang {
            Lang::Ja => relation_ja(ctx, end),
            Lang::En => relation_en(ctx, start),
        };
        if let Value::Location {
            relation,
            level,
            name,
        } = &mut ctx.found[k].value
        {
            *relation = rel;
            if *level == Level::Other && name.is_empty() {
                *name = ctx.original.chars().skip(start).take(end - start).collect();
            }
        }
    }
}

/// 港区・渋谷区エリアで経営: places listed together share the relation of the last one.
pub fn share_listed_relations(ctx: &mut Ctx) {
    let mut idx: Vec<usize> = (0..ctx.found.len())
        .filter(|&k| matches!(ctx.found[k].value, Value::Location { .. }))
        .collect();
    idx.sort_by_key(|&k| ctx.found[k].start);
    for w in (0..idx.len().saturating_sub(1)).rev() {
        let (a, b) = (idx[w], idx[w + 1]);
        if ctx.found[a].end > ctx.found[b].start {
            continue;
        }
        let gap: String = ctx.chars[ctx.found[a].end..ctx.found[b].start]
            .iter()
            .collect();
        let joined = matches!(
            gap.trim(),
            "・" | "や" | "と" | "、" | "/" | "／" | "か" | "または" | "or" | "and" | "," | "，"
        );
        if joined {
            if let Value::Location { relation: rb, .. } = ctx.found[b].value.clone() {
                if let Value::Location { relation, .. } = &mut ctx.found[a].value {
                    *relation = rb;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every row of the relation tables reads (a bad one panics), in file order.
    #[test]
    fn relation_tables_read() {
        assert_eq!(RELATIONS_JA.first(), Some(&(Relation::Lives, "在住")));
        assert!(RELATIONS_JA.contains(&(Relation::From, "出身")));
        assert!(RELATIONS_EN.contains(&(Relation::Works, "based in")));
        // 勤務 is listed under works twice: the automaton holds it once
        let (ac, kinds) = &*RELATION_MARKERS_JA;
        assert_eq!(ac.patterns_len(), kinds.len());
        assert!(kinds.len() < RELATIONS_JA.len());
    }
}
