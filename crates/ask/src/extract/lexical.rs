//! The lexicon pass: vocabulary words and places, chosen longest first.

use super::{Ctx, Flag, FlagKind, Found};
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

const INTEREST_CUES: &[&str] = &[
    "好き",
    "すき",
    "興味",
    "関心",
    "趣味",
    "ハマ",
    "はま",
    "好",
    "愛好",
    "ファン",
    "通って",
    "通う",
    "楽しん",
    "楽しむ",
    "派",
    "をして",
    "をやって",
    "をする",
    "やって",
    "している",
    "してる",
    "歴",
    "仲間",
    "サークル",
    "チーム",
    "教室に",
];
const BUSINESS_CUES: &[&str] = &[
    "経営",
    "運営",
    "オーナー",
    "店",
    "会社",
    "企業",
    "業界",
    "業",
    "事務所",
    "勤務",
    "働",
    "関係",
    "営業",
    "開業",
    "独立",
    "サロン",
    "院",
    "屋",
    "社長",
    "代表",
    "経営者",
    "担当",
    "メーカー",
    "販売",
    "代理店",
    "事業",
    "の方",
    "部門",
];
const EN_INTEREST_CUES: &[&str] = &[
    "fan",
    "fans",
    "lover",
    "lovers",
    "enthusiast",
    "enthusiasts",
    "player",
    "players",
];

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
        Lang::Ja => cue_after(ctx, end, INTEREST_CUES),
        Lang::En => {
            en_word_after(ctx, end, EN_INTEREST_CUES)
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
        Lang::Ja => cue_after(ctx, end, BUSINESS_CUES),
        Lang::En => en_word_after(
            ctx,
            end,
            &[
                "company",
                "companies",
                "firm",
                "firms",
                "business",
                "businesses",
                "industry",
                "owner",
                "owners",
                "shop",
                "store",
            ],
        ),
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
                if cue_after(ctx, h.end, BUSINESS_CUES) && !cue_after(ctx, h.end, INTEREST_CUES) {
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

const LIVES_JA: &[&str] = &[
    "在住",
    "に住",
    "で住",
    "住み",
    "住まい",
    "に暮ら",
    "で暮ら",
    "暮らし",
    "居住",
    "にお住",
    "在中",
    "に在住",
    "住民",
];
const FROM_JA: &[&str] = &[
    "出身",
    "から上京",
    "生まれ",
    "育ち",
    "から移住",
    "から引っ越",
    "から転勤",
    "から来",
    "の地元",
];
const WORKS_JA: &[&str] = &[
    "在勤",
    "勤務",
    "で働",
    "に勤め",
    "で勤め",
    "に本社",
    "に会社",
    "に事務所",
    "に店",
    "で店",
    "でお店",
    "に店舗",
    "で経営",
    "で開業",
    "で営業",
    "で事業",
    "に拠点",
    "を拠点",
    "で起業",
    "で活動",
    "拠点",
    "でサロン",
    "に勤務",
    "に通勤",
    "で仕事",
    "に本店",
    "に支店",
    "でクリニック",
    "で医院",
    "に工場",
    "で工場",
];
const WORK_VERBS_JA: &[&str] = &[
    "経営", "運営", "開業", "営業", "営ん", "勤務", "働い", "働く", "勤め", "出店", "構え",
];

const BUSINESS_JA: &[&str] = &[
    "経営",
    "会社",
    "企業",
    "事務所",
    "店",
    "工場",
    "勤め",
    "勤務",
    "働",
    "社長",
    "クリニック",
    "オフィス",
    "本社",
    "法人",
    "開業",
    "営業",
    "事業",
    "運営",
    "代理店",
    "旅館",
    "ホテル",
    "サロン",
    "医院",
    "病院",
    "農業",
    "農家",
    "オーナー",
    "経営者",
    "支店",
    "教室",
    "スタジオ",
    "工務店",
    "職場",
    "出店",
    "商店",
];

/// One automaton over every relation marker, built once.
fn relation_markers() -> &'static (aho_corasick::AhoCorasick, Vec<Relation>) {
    static M: std::sync::OnceLock<(aho_corasick::AhoCorasick, Vec<Relation>)> =
        std::sync::OnceLock::new();
    M.get_or_init(|| {
        let mut pats: Vec<&str> = Vec::new();
        let mut kinds = Vec::new();
        for (list, rel) in [
            (LIVES_JA, Relation::Lives),
            (&["住ん", "住む", "住みの", "暮らし"][..], Relation::Lives),
            (FROM_JA, Relation::From),
            (&["上京"][..], Relation::From),
            (WORKS_JA, Relation::Works),
            (BUSINESS_JA, Relation::Works),
            (WORK_VERBS_JA, Relation::Works),
        ] {
            for p in list {
                if !pats.contains(p) {
                    pats.push(p);
                    kinds.push(rel);
                }
            }
        }
        let ac = aho_corasick::AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&pats)
            .expect("relation markers build");
        (ac, kinds)
    })
}

fn relation_ja(ctx: &Ctx, end: usize) -> Relation {
    let mut i = end;
    // skip a place suffix: 駅, 周辺, エリア, 内
    if let Some(n) = ctx.at_any(
        i,
        &[
            "駅周辺",
            "駅近く",
            "周辺",
            "近辺",
            "近郊",
            "エリア",
            "界隈",
            "辺り",
            "あたり",
            "市内",
            "区内",
            "県内",
            "都内",
            "内",
            "駅",
        ],
    ) {
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
    let (ac, kinds) = relation_markers();
    if let Some(m) = ac.find(ctx.folded_slice(i, k)) {
        return kinds[m.pattern().as_usize()];
    }
    if ctx.at(i, "で") {
        return Relation::Works;
    }
    Relation::Lives
}

const BUSINESS_EN: &[&str] = &[
    "restaurant",
    "restaurants",
    "company",
    "companies",
    "firm",
    "firms",
    "business",
    "businesses",
    "shop",
    "shops",
    "store",
    "stores",
    "practice",
    "practices",
    "clinic",
    "clinics",
    "hospital",
    "hospitals",
    "startup",
    "startups",
    "agency",
    "agencies",
    "office",
    "offices",
    "salon",
    "salons",
    "bakery",
    "bakeries",
    "brewery",
    "breweries",
    "studio",
    "studios",
    "school",
    "schools",
    "hotel",
    "hotels",
    "fintechs",
    "fintech",
    "nonprofit",
    "nonprofits",
    "bank",
    "banks",
    "runs",
    "run",
    "owns",
    "own",
    "works",
    "working",
    "work",
    "manufacturers",
    "dealership",
    "dealerships",
    "gym",
    "gyms",
    "cafe",
    "cafes",
    "bar",
    "bars",
    "franchise",
    "franchises",
    "plant",
    "factory",
];

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
    let lives = [
        "live in",
        "lives in",
        "living in",
        "resident of",
        "residents of",
        "reside in",
        "resides in",
        "residing in",
        "located in",
        "who live",
        "based out of",
    ];
    let from = [
        "from",
        "grew up in",
        "born in",
        "originally from",
        "native of",
        "natives of",
        "moved from",
        "relocated from",
    ];
    let works = [
        "based in",
        "work in",
        "works in",
        "working in",
        "operate in",
        "operates in",
        "operating in",
        "employed in",
        "headquartered in",
        "offices in",
        "office in",
        "practice in",
        "practices in",
    ];
    if lives.iter().any(|p| l2.ends_with(p) || l3.ends_with(p)) {
        return Relation::Lives;
    }
    if works.iter().any(|p| l2.ends_with(p) || l3.ends_with(p)) {
        return Relation::Works;
    }
    if from
        .iter()
        .any(|p| l1 == *p || l2.ends_with(p) || l3.ends_with(p))
    {
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
