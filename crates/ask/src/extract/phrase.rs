//! Phrases that no word list can hold: desires and plans (料理のレパートリーを
//! 増やしたい, 開業を予定している, looking to sell), skills (英語で接客ができる,
//! fluent in Spanish), named people and companies (A社の田中さん, Jane Smith at
//! Acme), station areas (渋谷駅周辺) and unknown places in English (in Boise).

use super::{Ctx, Flag, FlagKind, Found};
use crate::lexicon::TraitKind;
use crate::tokens::Pos;
use crate::types::{Lang, Level, NamedType, Relation, Value};

/// Verbs whose wish belongs to the asker, not to the person sought.
const ASKER_VERBS: &[&str] = &[
    "お願い",
    "願い",
    "願う",
    "頂き",
    "いただき",
    "教え",
    "ご一緒",
    "つなぐ",
    "繋ぐ",
    "繋げ",
    "つなげ",
    "知り合い",
    "出会い",
    "紹介",
    "会う",
    "会い",
    "お会い",
    "繋がる",
    "つながる",
    "知り合う",
    "出会う",
    "話す",
    "お話",
    "相談",
    "連携",
    "協業",
    "提携",
    "コラボ",
    "探す",
    "いただく",
    "もらう",
    "頂く",
    "する",
];

/// Whether the token at `k` belongs to an interest criterion (the object of a skill or wish).
fn in_interest(ctx: &Ctx, k: usize) -> bool {
    let t = &ctx.tokens[k];
    ctx.found
        .iter()
        .any(|f| absorbable(ctx, f) && f.start <= t.start && t.end <= f.end)
}

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

fn desires_ja(ctx: &mut Ctx) {
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

fn skills_ja(ctx: &mut Ctx) {
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
        let surface = ctx.original_slice(start, end);
        ctx.push(Found {
            start,
            end,
            value: Value::Skill {
                skill: surface.clone(),
            },
            share: 0.05,
            label: surface,
            concept: None,
            weak: false,
        });
    }
}

/// Words that end a company's own name: あおば信用金庫, 山田商事.
const ORG_TAILS: &[&str] = &[
    "信用金庫",
    "信金",
    "商事",
    "ホールディングス",
    "信用組合",
    "工業株式会社",
    "製作所",
];
const ORG_WORDS: &[&str] = &[
    "株式会社",
    "有限会社",
    "合同会社",
    "(株)",
    "（株）",
    "㈱",
    "(有)",
    "一般社団法人",
    "医療法人",
    "社会福祉法人",
    "学校法人",
    "npo法人",
];
const HONORIFICS: &[&str] = &[
    "さん",
    "様",
    "さま",
    "氏",
    "先生",
    "社長",
    "くん",
    "君",
    "ちゃん",
    "部長",
    "会長",
];

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

fn named_ja(ctx: &mut Ctx) {
    let mut out: Vec<(usize, usize, NamedType)> = Vec::new();
    let mut i = 0;
    while i < ctx.len() {
        // a cheap first-character test before the word lists
        if !matches!(
            ctx.chars[i],
            '株' | '有'
                | '合'
                | '('
                | '（'
                | '㈱'
                | '一'
                | '医'
                | '社'
                | '学'
                | 'n'
                | '信'
                | '商'
                | 'ホ'
                | '工'
                | '製'
        ) {
            i += 1;
            continue;
        }
        if let Some(len) = ctx.at_any(i, ORG_WORDS) {
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
        if let Some(len) = ctx.at_any(i, ORG_TAILS) {
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
        if let Some(len) = ctx.at_any(end, HONORIFICS) {
            out.push((t.start, end + len, NamedType::Person));
        }
    }
    for (s, e, ty) in out {
        if ctx.free(s, e) {
            let surface = ctx.original_slice(s, e);
            ctx.push(Found {
                start: s,
                end: e,
                value: Value::Named {
                    name: surface.clone(),
                    kind: ty,
                },
                share: 1e-7,
                label: surface,
                concept: None,
                weak: false,
            });
        }
    }
}

/// Places the census does not list but the dictionary knows (丸の内, 湘南, 奄美大島),
/// and islands (石垣島).
fn proper_places_ja(ctx: &mut Ctx) {
    const MARKERS: &[&str] = &[
        "在住",
        "に住",
        "で働",
        "勤務",
        "在勤",
        "出身",
        "周辺",
        "エリア",
        "で暮ら",
        "に暮ら",
        "で開業",
        "に移住",
        "へ移住",
    ];
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
        let marked = ctx.at_any(end, MARKERS).is_some();
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
        let surface = ctx.original_slice(s, e);
        ctx.push(Found {
            start: s,
            end: e,
            value: Value::Location {
                name: surface.clone(),
                level: Level::Area,
                relation: Relation::Any,
            },
            share: 0.002,
            label: surface,
            concept: None,
            weak: false,
        });
    }
}

fn stations_ja(ctx: &mut Ctx) {
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
        let surface = ctx.original_slice(s, e);
        let share = if line { 0.01 } else { 0.002 };
        ctx.push(Found {
            start: s,
            end: e,
            value: Value::Location {
                name: surface.clone(),
                level: Level::Area,
                relation: Relation::Any,
            },
            share,
            label: surface,
            concept: None,
            weak: false,
        });
    }
}

// ---------------------------------------------------------------- English

/// Plans in the progressive: "who are opening their own practice".
const DOING_EN: &[&str] = &[
    "opening",
    "raising",
    "launching",
    "starting",
    "expanding",
    "hiring",
    "selling",
    "buying",
    "building",
    "moving",
    "relocating",
    "retiring",
    "renovating",
    "preparing",
    "franchising",
    "scaling",
    "switching",
    "transitioning",
];
const WISH_EN: &[&str] = &[
    "want",
    "wants",
    "wanting",
    "looking",
    "plan",
    "plans",
    "planning",
    "hope",
    "hopes",
    "hoping",
    "intend",
    "intends",
    "intending",
    "considering",
    "aim",
    "aims",
    "aiming",
    "thinking",
    "need",
    "needs",
    "needing",
    "seeking",
    "trying",
    "eager",
    "ready",
    "about",
];
const SKILL_EN: &[&str] = &[
    "can",
    "speak",
    "speaks",
    "speaking",
    "fluent",
    "knows",
    "know",
    "proficient",
    "skilled",
    "experienced",
    "certified",
    "bilingual",
    "experience",
    "licensed",
    "good",
];
const CLAUSE_END_EN: &[&str] = &[
    "who", "and", "but", "in", "with", "please", "so", "because", "or",
];
const ASKER_EN: &[&str] = &[
    "i", "we", "i'm", "we're", "i'd", "we'd", "me", "us", "my", "our", "you", "you'd", "please",
];
/// Words after which "can", "speaks", "knows" describe the person sought.
const SUBJECT_EN: &[&str] = &[
    "who",
    "that",
    "which",
    "and",
    "also",
    "someone",
    "people",
    "person",
    "folks",
    "anyone",
    "somebody",
    "professionals",
];

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

fn phrases_en(ctx: &mut Ctx) {
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
        let surface = ctx.original_slice(s, e);
        if skill {
            ctx.push(Found {
                start: s,
                end: e,
                value: Value::Skill {
                    skill: surface.clone(),
                },
                share: 0.05,
                label: surface,
                concept: None,
                weak: false,
            });
        } else {
            push_desire(ctx, s, e, 0.1);
        }
    }
}

const NOT_PLACES_EN: &[&str] = &[
    "english",
    "japanese",
    "chinese",
    "spanish",
    "french",
    "german",
    "korean",
    "it",
    "hr",
    "ai",
    "tech",
    "sales",
    "marketing",
    "finance",
    "real",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "the",
    "a",
    "an",
    "their",
    "his",
    "her",
    "my",
    "our",
    "your",
    "person",
    "i",
    "we",
];

fn places_en(ctx: &mut Ctx) {
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
        let surface = ctx.original_slice(s, e);
        ctx.push(Found {
            start: s,
            end: e,
            value: Value::Location {
                name: surface.clone(),
                level: Level::Other,
                relation: Relation::Any,
            },
            share: 0.005,
            label: surface,
            concept: None,
            weak: false,
        });
    }
}

const ORG_SUFFIX_EN: &[&str] = &[
    "inc",
    "corp",
    "corporation",
    "llc",
    "ltd",
    "co",
    "group",
    "holdings",
    "company",
    "labs",
    "partners",
];

fn named_en(ctx: &mut Ctx) {
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
            let surface = ctx.original_slice(s, e);
            ctx.push(Found {
                start: s,
                end: e,
                value: Value::Named {
                    name: surface.clone(),
                    kind,
                },
                share: 1e-7,
                label: surface,
                concept: None,
                weak: false,
            });
        }
    }
}

/// 保険に入ってくれる人, 参加してくれる方, 置いてくれるお店: asking for a favour or a
/// sale from whoever is found, not for a person to meet.
fn favours_ja(ctx: &mut Ctx) {
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
const TARGETS_JA: &[&str] = &[
    "方",
    "人",
    "方々",
    "人たち",
    "様",
    "会社",
    "企業",
    "ご家庭",
    "家庭",
    "ご夫婦",
    "オーナー",
    "社長",
];
/// Verbs of the asker's frame (ご紹介いただける方, お話しできる方).
const FRAME_JA: &[&str] = &[
    "紹介",
    "いただける",
    "いただけ",
    "頂ける",
    "下さる",
    "くださる",
    "いらっしゃる",
    "お話",
    "話せる",
    "会える",
    "つながれる",
    "繋がれる",
    "なれる",
    "なっていただける",
    "協力",
    "応援",
    "手伝",
    "興味",
    "関心",
    "好き",
    "思う",
    "思っ",
    "考え",
];

/// What is left of a relative clause with nothing else read in it is still a
/// condition: 実家が空き家になっている方, "who's behind on their bookkeeping".
fn situations_ja(ctx: &mut Ctx) {
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
        let surface = ctx.original_slice(start, end);
        ctx.push(Found {
            start,
            end,
            value: Value::Other {
                text: surface.clone(),
            },
            share: 0.1,
            label: surface,
            concept: None,
            weak: false,
        });
    }
}

fn situations_en(ctx: &mut Ctx) {
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
            let surface = ctx.original_slice(start, end);
            ctx.push(Found {
                start,
                end,
                value: Value::Other {
                    text: surface.clone(),
                },
                share: 0.1,
                label: surface,
                concept: None,
                weak: false,
            });
        }
    }
}

pub fn run(ctx: &mut Ctx) {
    match ctx.lang {
        Lang::Ja => {
            favours_ja(ctx);
            stations_ja(ctx);
            named_ja(ctx);
            proper_places_ja(ctx);
            desires_ja(ctx);
            skills_ja(ctx);
            situations_ja(ctx);
        }
        Lang::En => {
            phrases_en(ctx);
            places_en(ctx);
            named_en(ctx);
            situations_en(ctx);
        }
    }
}
