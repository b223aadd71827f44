//! English phrases: desires and plans ("looking to sell", "who are opening their
//! own practice"), skills ("fluent in Spanish"), places no list holds ("in
//! Boise"), named people and companies ("Jane Smith at Acme") and what is left of
//! a relative clause ("who's behind on their bookkeeping").

use super::{absorb_interests, free_but_interests, push_desire};
use crate::extract::{Ctx, Words};
use crate::types::{Level, NamedType, Relation, Value};

/// Plans in the progressive: "who are opening their own practice".
static DOING_EN: Words = words!("doing_en.txt");
static WISH_EN: Words = words!("wish_en.txt");
static SKILL_EN: Words = words!("skill_en.txt");
const CLAUSE_END_EN: &[&str] = &[
    "who", "and", "but", "in", "with", "please", "so", "because", "or",
];
const ASKER_EN: &[&str] = &[
    "i", "we", "i'm", "we're", "i'd", "we'd", "me", "us", "my", "our", "you", "you'd", "please",
];
/// Words after which "can", "speaks", "knows" describe the person sought.
static SUBJECT_EN: Words = words!("subject_en.txt");

fn en_clause(ctx: &Ctx, words: &[(usize, usize, String)], from: usize, max: usize) -> usize {
    let mut end = words[from].1;
    let mut k = from + 1;
    while k < words.len() && k <= from + max {
        let (s, e, ref w) = words[k];
        if CLAUSE_END_EN.contains(&w.as_str()) || !free_but_interests(ctx, s, e) {
            break;
        }
        // stop at punctuation between words
        if ctx.chars[end..s]
            .iter()
            .any(|c| matches!(c, ',' | '.' | ';' | '!' | '?' | '(' | ')'))
        {
            break;
        }
        end = e;
        k += 1;
    }
    end
}

pub(super) fn phrases_en(ctx: &mut Ctx) {
    let words = ctx.words();
    let mut out: Vec<(usize, usize, bool)> = Vec::new();
    for k in 0..words.len() {
        let (s, e, ref w) = words[k];
        if !ctx.free(s, e) {
            continue;
        }
        let prev = if k > 0 { words[k - 1].2.as_str() } else { "" };
        let prev2 = if k > 1 { words[k - 2].2.as_str() } else { "" };
        if ASKER_EN.contains(&prev)
            || ASKER_EN.contains(&prev2)
            || (k == 0 && !matches!(w.as_str(), "fluent" | "bilingual"))
        {
            continue;
        }
        let doing = DOING_EN.contains(&w.as_str())
            && matches!(
                prev,
                "are" | "is" | "currently" | "who" | "actively" | "soon"
            );
        let would_like =
            w == "like" && (matches!(prev, "who'd" | "would" | "they'd") || prev.ends_with("'d"));
        let wish = WISH_EN.contains(&w.as_str()) || doing || would_like;
        let speaking = w.ends_with("-speaking") || w.ends_with("-fluent");
        let knows = matches!(w.as_str(), "know" | "knows");
        let skill = (SKILL_EN.contains(&w.as_str())
            && ((SUBJECT_EN.contains(&prev) && (!knows || matches!(prev, "who" | "that")))
                || matches!(
                    w.as_str(),
                    "fluent" | "bilingual" | "proficient" | "certified"
                )))
            || speaking;
        if speaking {
            out.push((s, e, true));
            continue;
        }
        if !(wish || skill) {
            continue;
        }
        // "looking for" is the asker's phrase; "looking to" is the person's plan
        let next = words.get(k + 1).map(|x| x.2.as_str()).unwrap_or("");
        if wish && matches!(w.as_str(), "looking" | "seeking") && next != "to" {
            continue;
        }
        if w == "about" && next != "to" {
            continue;
        }
        if w == "thinking" && !matches!(next, "about" | "of") {
            continue;
        }
        if w == "good" && next != "at" {
            continue;
        }
        if w == "experience" && next != "in" && next != "with" {
            continue;
        }
        let end = en_clause(ctx, &words, k, 7);
        if end > e {
            out.push((s, end, skill && !wish));
        }
    }
    for (s, e, skill) in out {
        if !free_but_interests(ctx, s, e) {
            continue;
        }
        absorb_interests(ctx, s, e);
        if skill {
            ctx.push_surface(s, e, 0.05, |skill| Value::Skill { skill });
        } else {
            push_desire(ctx, s, e, 0.1);
        }
    }
}

static NOT_PLACES_EN: Words = words!("not_places_en.txt");

pub(super) fn places_en(ctx: &mut Ctx) {
    let orig: Vec<char> = ctx.original.chars().collect();
    let words = ctx.words();
    let mut out = Vec::new();
    for k in 1..words.len() {
        let (s, e, ref w) = words[k];
        let mut prev = words[k - 1].2.as_str();
        let mut prev2 = if k >= 2 { words[k - 2].2.as_str() } else { "" };
        // "in the Cotswolds", "on the Gold Coast"
        if prev == "the"
            && matches!(
                prev2,
                "in" | "from" | "near" | "around" | "across" | "on" | "throughout"
            )
        {
            prev = "in";
            prev2 = if k >= 3 { words[k - 3].2.as_str() } else { "" };
        }
        // "Frisco or McKinney": a second place after a first one
        let after_place = matches!(prev, "or" | "and" | "&")
            && ctx.found.iter().any(|f| {
                matches!(f.value, Value::Location { .. })
                    && f.end <= words[k - 1].0
                    && words[k - 1].0 - f.end <= 2
            });
        if !(matches!(prev, "in" | "from" | "near" | "around" | "across") || after_place)
            || !ctx.free(s, e)
        {
            continue;
        }
        if matches!(
            prev2,
            "code"
                | "coding"
                | "program"
                | "programming"
                | "fluent"
                | "skilled"
                | "experienced"
                | "experience"
                | "proficient"
                | "certified"
                | "degree"
                | "major"
                | "majored"
                | "interested"
                | "expert"
                | "specialize"
                | "specializes"
                | "specializing"
                | "work"
                | "works"
                | "written"
        ) {
            continue;
        }
        if !orig[s].is_uppercase()
            || NOT_PLACES_EN.contains(&w.as_str())
            || w.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
                && w.len() <= 3
        {
            continue;
        }
        if orig[s..e].iter().all(|c| c.is_uppercase()) {
            continue;
        }
        let mut end = e;
        let mut j = k + 1;
        while j < words.len()
            && orig[words[j].0].is_uppercase()
            && ctx.free(words[j].0, words[j].1)
            && j < k + 3
            && !ctx.chars[end..words[j].0]
                .iter()
                .any(|c| !c.is_whitespace())
        {
            end = words[j].1;
            j += 1;
        }
        out.push((s, end));
    }
    for (s, e) in out {
        ctx.push_surface(s, e, 0.005, |name| Value::Location {
            name,
            level: Level::Other,
            relation: Relation::Any,
        });
    }
}

static ORG_SUFFIX_EN: Words = words!("org_suffixes_en.txt");

pub(super) fn named_en(ctx: &mut Ctx) {
    let orig: Vec<char> = ctx.original.chars().collect();
    let words = ctx.words();
    let mut out = Vec::new();
    let mut k = 0;
    while k < words.len() {
        let (s, _e, _) = &words[k];
        let cap = |i: usize| {
            words.get(i).is_some_and(|x| {
                orig[x.0].is_uppercase()
                    && ctx.free(x.0, x.1)
                    && !NOT_PLACES_EN.contains(&x.2.as_str())
                    && !orig[x.0..x.1]
                        .iter()
                        .skip(1)
                        .any(|c| c.is_uppercase() || c.is_ascii_digit())
            })
        };
        if !cap(k) {
            k += 1;
            continue;
        }
        let mut j = k;
        while cap(j + 1) && j < k + 3 {
            j += 1;
        }
        let sentence_start = k == 0
            || ctx.chars[..*s]
                .iter()
                .rev()
                .find(|c| !c.is_whitespace())
                .is_some_and(|c| matches!(c, '.' | '!' | '?' | '\n'));
        let prev = if k > 0 { words[k - 1].2.as_str() } else { "" };
        let has_suffix = ORG_SUFFIX_EN
            .contains(&words[j].2.trim_end_matches("'s").trim_end_matches('.'))
            && j > k;
        let possessive = words[j].2.ends_with("'s");
        let kind = if has_suffix
            || (matches!(prev, "at" | "of") && !sentence_start)
            || possessive && j == k
        {
            Some(NamedType::Organization)
        } else if j > k && !sentence_start {
            Some(NamedType::Person)
        } else {
            None
        };
        if let Some(kind) = kind {
            let mut end = words[j].1;
            if possessive {
                end -= 2;
            }
            out.push((*s, end, kind));
        }
        k = j + 1;
    }
    // "Jane Park at Northwind Logistics" is one person
    let mut merged: Vec<(usize, usize, NamedType)> = Vec::new();
    for (s, e, kind) in out {
        if let Some(last) = merged.last_mut() {
            let between: String = ctx.chars[last.1..s].iter().collect();
            if last.2 == NamedType::Person
                && kind == NamedType::Organization
                && matches!(between.trim(), "at" | "of" | "from")
            {
                last.1 = e;
                continue;
            }
        }
        merged.push((s, e, kind));
    }
    for (s, e, kind) in merged {
        if e > s && ctx.free(s, e) {
            ctx.push_surface(s, e, 1e-7, |name| Value::Named { name, kind });
        }
    }
}

pub(super) fn situations_en(ctx: &mut Ctx) {
    let words = ctx.words();
    let mut out = Vec::new();
    for k in 0..words.len() {
        let w = words[k].2.as_str();
        let rel = matches!(
            w,
            "who" | "that" | "whose" | "who's" | "that's" | "who've" | "who'd"
        );
        if !rel || k + 1 >= words.len() {
            continue;
        }
        // the clause: words up to punctuation or the next relative pronoun
        let first = k + 1;
        let mut last = first;
        while last + 1 < words.len() && last < first + 8 {
            let between: String = ctx.chars[words[last].1..words[last + 1].0].iter().collect();
            if between
                .chars()
                .any(|c| matches!(c, ',' | '.' | ';' | '!' | '?' | '(' | '—' | '–' | ':'))
            {
                break;
            }
            if matches!(
                words[last + 1].2.as_str(),
                "who" | "that" | "and" | "but" | "so" | "because" | "please" | "i'd" | "i"
            ) {
                break;
            }
            last += 1;
        }
        // the clause ends before a condition read already ("… building in Manchester")
        let (start, mut end) = (words[first].0, words[last].1);
        if let Some(f) = ctx
            .found
            .iter()
            .filter(|f| f.start >= start && f.start < end)
            .min_by_key(|f| f.start)
        {
            let mut cut = first;
            while cut <= last && words[cut].1 <= f.start {
                cut += 1;
            }
            // drop a trailing preposition before the condition
            while cut > first
                && matches!(
                    words[cut - 1].2.as_str(),
                    "in" | "at" | "of" | "from" | "near" | "for" | "with" | "a" | "an" | "the"
                )
            {
                cut -= 1;
            }
            // what is left must still say something of its own
            if cut < first + 3 {
                continue;
            }
            last = cut - 1;
            end = words[last].1;
        }
        let clause_words: Vec<&str> = words[first..=last].iter().map(|x| x.2.as_str()).collect();
        if clause_words
            .iter()
            .any(|x| matches!(*x, "do" | "you" | "i" | "we" | "me" | "us"))
            || !ctx.free(start, end)
        {
            continue;
        }
        // "who live in Denver", "who runs a bakery": a relation to a condition read already
        let relation_verb = matches!(
            clause_words[0],
            "live"
                | "lives"
                | "living"
                | "work"
                | "works"
                | "working"
                | "based"
                | "run"
                | "runs"
                | "own"
                | "owns"
                | "is"
                | "are"
                | "has"
                | "have"
        );
        let interest_verb = matches!(
            clause_words[0],
            "like" | "likes" | "love" | "loves" | "enjoy" | "enjoys" | "play" | "plays"
        );
        if (relation_verb && clause_words.len() <= 2) || interest_verb {
            continue;
        }
        let plan = clause_words.iter().any(|x| {
            DOING_EN.contains(x) || WISH_EN.contains(x) || matches!(*x, "downsizing" | "planning")
        });
        out.push((start, end, plan));
    }
    for (start, end, plan) in out {
        if !ctx.free(start, end) {
            continue;
        }
        if plan {
            push_desire(ctx, start, end, 0.05);
        } else {
            ctx.push_surface(start, end, 0.1, |text| Value::Other { text });
        }
    }
}
