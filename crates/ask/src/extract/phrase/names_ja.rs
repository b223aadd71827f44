//! Japanese names and places: named people and companies (A社の田中さん,
//! 株式会社〇〇, あおば信用金庫), places the census does not list (丸の内, 石垣島),
//! and station areas (渋谷駅周辺, 東横線沿線).

use std::sync::LazyLock;

use crate::extract::{Ctx, Words};
use crate::tokens::Pos;
use crate::types::{Level, NamedType, Relation, Value};

/// Words that end a company's own name: あおば信用金庫, 山田商事.
static ORG_TAILS: Words = words!("org_tails_ja.txt");
/// 株式会社, 医療法人: an organization's name is before or after them.
static ORG_WORDS: Words = words!("org_words_ja.txt");
/// The first character of each word above, and 社 (A社): a cheap test before
/// the word lists.
static ORG_FIRST: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut first: Vec<char> = ORG_WORDS
        .iter()
        .chain(ORG_TAILS.iter())
        .filter_map(|w| w.chars().next())
        .chain(['社'])
        .collect();
    first.sort_unstable();
    first.dedup();
    first
});
/// さん, 様, 先生: after a name from the dictionary, a named person.
static HONORIFICS: Words = words!("honorifics_ja.txt");
/// Words after a place that make it one (在住, 出身, エリア).
static PLACE_MARKERS: Words = words!("place_markers_ja.txt");

fn name_run(ctx: &Ctx, mut i: usize, forward: bool) -> usize {
    let ok = |c: char| {
        crate::text::is_katakana(c)
            || c.is_ascii_alphanumeric()
            || crate::text::is_kanji(c)
            || c == '&'
            || c == '・'
    };
    if forward {
        while i < ctx.len() && ok(ctx.chars[i]) {
            i += 1;
        }
        i
    } else {
        while i > 0 && ok(ctx.chars[i - 1]) && !ctx.taken[i - 1] {
            i -= 1;
        }
        i
    }
}

pub(super) fn named_ja(ctx: &mut Ctx) {
    let mut out: Vec<(usize, usize, NamedType)> = Vec::new();
    let mut i = 0;
    while i < ctx.len() {
        if !ORG_FIRST.contains(&ctx.chars[i]) {
            i += 1;
            continue;
        }
        if let Some(len) = ctx.at_any(i, &ORG_WORDS) {
            // 株式会社〇〇 or 〇〇株式会社
            let after = name_run(ctx, i + len, true);
            if after > i + len {
                out.push((i, after, NamedType::Organization));
                i = after;
                continue;
            }
            let before = name_run(ctx, i, false);
            if before < i {
                out.push((before, i + len, NamedType::Organization));
            }
            i += len;
            continue;
        }
        if let Some(len) = ctx.at_any(i, &ORG_TAILS) {
            let before = name_run(ctx, i, false);
            if before + 1 < i && ctx.free(i, i + len) {
                out.push((before, i + len, NamedType::Organization));
                i += len;
                continue;
            }
        }
        // A社, ABC社, ソニー社
        if ctx.chars[i] == '社' && i > 0 && ctx.free(i, i + 1) {
            let mut s = i;
            while s > 0
                && (ctx.chars[s - 1].is_ascii_alphanumeric()
                    || crate::text::is_katakana(ctx.chars[s - 1]))
                && !ctx.taken[s - 1]
            {
                s -= 1;
            }
            if s < i && ctx.word_edge(s) {
                out.push((s, i + 1, NamedType::Organization));
            }
        }
        i += 1;
    }
    for k in 0..ctx.tokens.len() {
        let t = ctx.tokens[k];
        if t.pos != Pos::ProperPerson || !ctx.free(t.start, t.end) {
            continue;
        }
        let mut end = t.end;
        if let Some(t2) = ctx.tokens.get(k + 1) {
            if t2.pos == Pos::ProperPerson {
                end = t2.end;
            }
        }
        if let Some(len) = ctx.at_any(end, &HONORIFICS) {
            out.push((t.start, end + len, NamedType::Person));
        }
    }
    for (s, e, ty) in out {
        if ctx.free(s, e) {
            ctx.push_surface(s, e, 1e-7, |name| Value::Named { name, kind: ty });
        }
    }
}

/// Places the census does not list but the dictionary knows (丸の内, 湘南, 奄美大島),
/// and islands (石垣島).
pub(super) fn proper_places_ja(ctx: &mut Ctx) {
    let mut out = Vec::new();
    let mut k = 0;
    while k < ctx.tokens.len() {
        let t = ctx.tokens[k];
        if !ctx.free(t.start, t.end) {
            k += 1;
            continue;
        }
        let proper = t.field(1) == "固有名詞";
        let place = t.pos == Pos::ProperPlace;
        if !(proper || place) {
            k += 1;
            continue;
        }
        let mut end = t.end;
        // 奄美 + 大島
        if let Some(n) = ctx.tokens.get(k + 1) {
            let ns = ctx.folded_slice(n.start, n.end);
            if (place || proper) && (ns.ends_with('島') || ns == "半島") && ctx.free(n.start, n.end)
            {
                end = n.end;
            }
        }
        let island = ctx.chars[end - 1] == '島' && end - t.start >= 3 && (proper || place);
        let marked = ctx.at_any(end, &PLACE_MARKERS).is_some();
        if (place && (marked || ctx.at_any(end, &["で", "に", "の"]).is_some()))
            || ((proper || island) && marked)
            || island
        {
            out.push((t.start, end));
            while k < ctx.tokens.len() && ctx.tokens[k].start < end {
                k += 1;
            }
            continue;
        }
        k += 1;
    }
    for (s, e) in out {
        ctx.push_surface(s, e, 0.002, |name| Value::Location {
            name,
            level: Level::Area,
            relation: Relation::Any,
        });
    }
}

pub(super) fn stations_ja(ctx: &mut Ctx) {
    let mut out = Vec::new();
    for i in 1..ctx.len() {
        let is_station = ctx.chars[i] == '駅';
        let is_line = ctx.at(i, "沿線");
        if !(is_station || is_line) {
            continue;
        }
        // a place already read right before: 渋谷駅 → widen it to the station
        let end = i + if is_station { 1 } else { 2 };
        if end > ctx.len() || !ctx.free(i, end) {
            continue;
        }
        if let Some(f) = ctx
            .found
            .iter_mut()
            .find(|f| f.end == i && matches!(f.value, Value::Location { .. }))
        {
            if let Value::Location { name, level, .. } = &mut f.value {
                *name = format!(
                    "{}{}",
                    name.trim_end_matches(['区', '市', '町', '村', '都', '府', '県']),
                    if is_station { "駅" } else { "沿線" }
                );
                *level = Level::Area;
            }
            f.end = end;
            f.share = 0.002;
            f.label = ctx
                .original
                .chars()
                .skip(f.start)
                .take(end - f.start)
                .collect();
            for t in &mut ctx.taken[i..end] {
                *t = true;
            }
            continue;
        }
        let mut s = i;
        while s > 0
            && (crate::text::is_kanji(ctx.chars[s - 1])
                || crate::text::is_katakana(ctx.chars[s - 1])
                || ctx.chars[s - 1].is_ascii_alphabetic())
            && !ctx.taken[s - 1]
            && i - s < 8
        {
            s -= 1;
        }
        if s < i
            && ctx.free(s, end)
            && ctx.bounds.starts[s]
            && !out.iter().any(|&(a, b, _)| a < end && s < b)
        {
            out.push((s, end, is_line));
        }
    }
    for (s, e, line) in out {
        if !ctx.free(s, e) {
            continue;
        }
        let share = if line { 0.01 } else { 0.002 };
        ctx.push_surface(s, e, share, |name| Value::Location {
            name,
            level: Level::Area,
            relation: Relation::Any,
        });
    }
}
