//! Vocabularies and the gazetteer, compiled into one Aho-Corasick automaton.
//!
//! The data lives in `data/lexicon/*.tsv` (format in `data/lexicon/FORMAT.md`)
//! and `data/jp/*.csv` (census places). Every surface form maps to one or more
//! [`Entry`] values; which one applies is decided by the extractor from the
//! context (保険 is an industry in 保険の営業 and an interest in
//! 保険に興味がある). Concept ids are the canonical values routing and seating
//! compare, so a criterion read here is the same value they index.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::text::fold_char;
use crate::types::{Gender, Level};

const ROLES: &str = include_str!("../data/lexicon/roles.tsv");
const INDUSTRIES: &str = include_str!("../data/lexicon/industries.tsv");
const INTERESTS: &str = include_str!("../data/lexicon/interests.tsv");
const LIFE_STAGES: &str = include_str!("../data/lexicon/life_stages.tsv");
const TRAITS: &str = include_str!("../data/lexicon/traits.tsv");
const PLACES_EN: &str = include_str!("../data/lexicon/places_en.tsv");
const GENDERS: &str = include_str!("../data/lexicon/genders.tsv");
const MARKERS: &str = include_str!("../data/lexicon/markers.tsv");
const MUNICIPALITIES: &str = include_str!("../data/jp/municipalities_2020census.csv");
const PREFECTURES: &str = include_str!("../data/jp/prefectures_2020census.csv");

/// Japan's population on 2020-10-01 (census), for place shares.
pub const JAPAN_POPULATION: f64 = 126_146_099.0;

/// A concept of one vocabulary (a role, an industry, an interest, a life stage).
#[derive(Debug, Clone)]
pub struct Concept {
    pub id: String,
    pub ja: String,
    pub en: String,
    pub share: f64,
    pub parent: Option<usize>,
    pub gender: Option<Gender>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TraitKind {
    NearUniversal,
    Unquantified,
}

#[derive(Debug, Clone)]
pub struct Trait {
    pub kind: TraitKind,
    pub id: String,
    pub ja: String,
    pub en: String,
    pub share: f64,
    pub dimension: String,
}

#[derive(Debug, Clone)]
pub struct Place {
    pub name: String,
    pub level: Level,
    pub country: String,
    /// Share of the country's population living there.
    pub share: f64,
    /// The census area code (5 digits) when the place is one.
    pub code5: Option<String>,
    /// Whether this surface is a bare stem (横浜 for 横浜市), weaker evidence.
    pub stem: bool,
    pub priority: u8,
}

/// Small closed word classes the extractor needs beyond the vocabularies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// 誰でも, anyone: the asker sets no condition.
    Anyone,
    /// 買ってくれる人, leads: asks for a sale, not a person.
    Sale,
    /// 廃人レベル, 毎週末, hardcore: intensity of an interest.
    Intense,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Role(usize),
    Industry(usize),
    Interest(usize),
    LifeStage(usize),
    Trait(usize),
    Place(usize),
    Gender(Gender),
    Marker(Marker),
}

pub struct Lexicon {
    pub roles: Vec<Concept>,
    pub industries: Vec<Concept>,
    pub interests: Vec<Concept>,
    pub life_stages: Vec<Concept>,
    pub traits: Vec<Trait>,
    pub places: Vec<Place>,
    pub patterns: Vec<String>,
    pub entries: Vec<Vec<Entry>>,
    pub automaton: AhoCorasick,
}

fn level_of(s: &str) -> Level {
    match s {
        "country" => Level::Country,
        "prefecture" => Level::Prefecture,
        "city" => Level::City,
        "ward" => Level::Ward,
        "area" => Level::Area,
        _ => Level::Other,
    }
}

fn gender_of(s: &str) -> Option<Gender> {
    match s.trim() {
        "female" => Some(Gender::Female),
        "male" => Some(Gender::Male),
        _ => None,
    }
}

/// Data rows of a TSV: header skipped, comments and blank lines dropped.
pub(crate) fn rows(tsv: &str) -> impl Iterator<Item = Vec<&str>> {
    tsv.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .skip(1)
        .map(|l| l.split('\t').map(str::trim).collect())
}

fn fold(s: &str) -> String {
    s.chars().map(fold_char).collect()
}

struct Builder {
    map: HashMap<String, Vec<Entry>>,
}

impl Builder {
    fn add(&mut self, surface: &str, e: Entry) {
        let k = fold(surface.trim());
        if k.chars().count() < 2 && !matches!(e, Entry::Gender(_)) {
            return;
        }
        let v = self.map.entry(k).or_default();
        if !v.contains(&e) {
            v.push(e);
        }
    }

    fn surfaces(&mut self, cell: &str, e: Entry) {
        for s in cell.split('|') {
            if !s.trim().is_empty() {
                self.add(s, e);
            }
        }
    }
}

fn concepts(tsv: &str, layout: &[&str], b: &mut Builder, make: fn(usize) -> Entry) -> Vec<Concept> {
    // layout names columns: id ja en [parent|gender] share surfaces
    let col = |name: &str| layout.iter().position(|c| *c == name);
    let mut out: Vec<Concept> = Vec::new();
    let mut parents: Vec<Option<String>> = Vec::new();
    for r in rows(tsv) {
        let get = |name: &str| col(name).and_then(|i| r.get(i).copied()).unwrap_or("");
        let id = get("id");
        if id.is_empty() {
            continue;
        }
        let idx = out.len();
        out.push(Concept {
            id: id.to_string(),
            ja: get("ja").to_string(),
            en: get("en").to_string(),
            share: get("share")
                .parse::<f64>()
                .ok()
                .filter(|s| *s > 0.0 && *s <= 1.0)
                .unwrap_or(0.05),
            parent: None,
            gender: gender_of(get("gender")),
        });
        let p = get("parent");
        parents.push((!p.is_empty()).then(|| p.to_string()));
        for surface in get("surfaces").split('|').chain(std::iter::once(get("ja"))) {
            // plans (独立を考えている, 家を建てる予定) are read as desires, not as words
            if !surface.trim().is_empty() && !is_plan_phrase(surface) {
                b.add(surface, make(idx));
            }
        }
    }
    let index: HashMap<String, usize> = out
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.clone(), i))
        .collect();
    for (c, p) in out.iter_mut().zip(parents) {
        c.parent = p.and_then(|p| index.get(&p).copied());
    }
    out
}

fn is_plan_phrase(s: &str) -> bool {
    [
        "考えている",
        "考え中",
        "予定",
        "検討中",
        "検討している",
        "たい",
        "している",
        "目指している",
    ]
    .iter()
    .any(|e| s.trim().ends_with(e))
}

/// Municipality stems that are ordinary words and must not be read as places.
const STEM_STOP: &[&str] = &[
    "中央", "大和", "日野", "府中", "青葉", "緑", "朝日", "旭", "大川", "本庄", "光", "清水",
    "白石", "東", "西", "南", "北", "美里", "長野", "明和", "和光", "栄", "平和", "昭和", "大正",
    "神戸", "伊達", "高山",
];

fn census_places(b: &mut Builder, places: &mut Vec<Place>) {
    for r in PREFECTURES
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
    {
        if r.len() < 5 {
            continue;
        }
        let name = r[2];
        let pop: f64 = r[4].parse().unwrap_or(0.0);
        let idx = places.len();
        places.push(Place {
            name: name.to_string(),
            level: Level::Prefecture,
            country: "JP".into(),
            share: pop / JAPAN_POPULATION,
            code5: Some(format!("{}000", r[1])),
            stem: false,
            priority: 9,
        });
        b.add(name, Entry::Place(idx));
        if name != "北海道" {
            let stem: String = name.chars().take(name.chars().count() - 1).collect();
            let sidx = places.len();
            let mut p = places[idx].clone();
            p.stem = true;
            places.push(p);
            b.add(&stem, Entry::Place(sidx));
        }
    }
    for r in MUNICIPALITIES
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect::<Vec<_>>())
    {
        if r.len() < 10 {
            continue;
        }
        let (code5, name, area_type) = (r[1], r[4], r[6]);
        let pop: f64 = r[9].parse().unwrap_or(0.0);
        let (level, priority) = match area_type {
            "special_ward" => (Level::Ward, 8),
            "designated_city" => (Level::City, 8),
            "designated_city_ward" => (Level::Ward, 3),
            "city" => (Level::City, 5),
            "town" | "village" => (Level::City, 2),
            _ => continue,
        };
        let idx = places.len();
        places.push(Place {
            name: name.to_string(),
            level,
            country: "JP".into(),
            share: pop / JAPAN_POPULATION,
            code5: Some(code5.to_string()),
            stem: false,
            priority,
        });
        b.add(name, Entry::Place(idx));
        if area_type == "designated_city_ward" {
            // 横浜市青葉区 is also written 青葉区
            if let Some(pos) = name.find('市') {
                let ward = &name[pos + '市'.len_utf8()..];
                if ward.chars().count() >= 2 {
                    b.add(ward, Entry::Place(idx));
                }
            }
        }
        let big = matches!(area_type, "special_ward" | "designated_city")
            || (area_type == "city" && pop >= 150_000.0);
        let n = name.chars().count();
        if big && n >= 3 {
            let stem: String = name.chars().take(n - 1).collect();
            if !STEM_STOP.contains(&stem.as_str()) {
                let sidx = places.len();
                let mut p = places[idx].clone();
                p.stem = true;
                places.push(p);
                b.add(&stem, Entry::Place(sidx));
            }
        }
    }
}

impl Lexicon {
    pub fn load() -> Self {
        let mut b = Builder {
            map: HashMap::new(),
        };
        let roles = concepts(
            ROLES,
            &["id", "ja", "en", "share", "surfaces"],
            &mut b,
            Entry::Role,
        );
        let industries = concepts(
            INDUSTRIES,
            &["id", "ja", "en", "share", "surfaces"],
            &mut b,
            Entry::Industry,
        );
        let interests = concepts(
            INTERESTS,
            &["id", "ja", "en", "parent", "share", "surfaces"],
            &mut b,
            Entry::Interest,
        );
        let life_stages = concepts(
            LIFE_STAGES,
            &["id", "ja", "en", "gender", "share", "surfaces"],
            &mut b,
            Entry::LifeStage,
        );
        let mut traits = Vec::new();
        for r in rows(TRAITS) {
            if r.len() < 7 {
                continue;
            }
            let kind = match r[0] {
                "near_universal" => TraitKind::NearUniversal,
                "unquantified" => TraitKind::Unquantified,
                _ => continue,
            };
            let idx = traits.len();
            traits.push(Trait {
                kind,
                id: r[1].to_string(),
                ja: r[2].to_string(),
                en: r[3].to_string(),
                share: r[4].parse().unwrap_or(0.7),
                dimension: r[5].to_string(),
            });
            b.surfaces(r[6], Entry::Trait(idx));
        }
        let mut places = Vec::new();
        census_places(&mut b, &mut places);
        for r in rows(PLACES_EN) {
            if r.len() < 5 {
                continue;
            }
            let idx = places.len();
            let code5 = places
                .iter()
                .find(|p| p.name == r[0] && p.code5.is_some())
                .and_then(|p| p.code5.clone());
            places.push(Place {
                name: r[0].to_string(),
                level: level_of(r[1]),
                country: r[2].to_string(),
                share: r[3].parse().unwrap_or(0.01),
                code5,
                stem: false,
                priority: 6,
            });
            b.surfaces(r[4], Entry::Place(idx));
        }
        for r in rows(GENDERS) {
            if let (Some(g), Some(w)) = (r.first().and_then(|g| gender_of(g)), r.get(1)) {
                b.add(w, Entry::Gender(g));
            }
        }
        for r in rows(MARKERS) {
            let marker = match r.first().copied() {
                Some("anyone") => Marker::Anyone,
                Some("sale") => Marker::Sale,
                Some("intense") => Marker::Intense,
                _ => continue,
            };
            if let Some(w) = r.get(1) {
                b.add(w, Entry::Marker(marker));
            }
        }
        let mut pairs: Vec<(String, Vec<Entry>)> = b.map.into_iter().collect();
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        let (patterns, entries): (Vec<String>, Vec<Vec<Entry>>) = pairs.into_iter().unzip();
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("lexicon automaton builds");
        Lexicon {
            roles,
            industries,
            interests,
            life_stages,
            traits,
            places,
            patterns,
            entries,
            automaton,
        }
    }

    /// The interest `id` and its ancestors in the taxonomy, self first
    /// (`futsal` → `["futsal", "soccer", "sports"]`); empty when `id` is not a
    /// known interest.
    pub fn interest_ancestors(&self, id: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut cur = self.interests.iter().position(|c| c.id == id);
        while let Some(i) = cur {
            if out.len() > 16 {
                break;
            }
            out.push(self.interests[i].id.as_str());
            cur = self.interests[i].parent;
        }
        out
    }

    /// Whether interest `a` is `b` or one of its descendants.
    pub fn interest_within(&self, a: usize, b: usize) -> bool {
        let mut cur = Some(a);
        let mut guard = 0;
        while let Some(i) = cur {
            if i == b {
                return true;
            }
            cur = self.interests[i].parent;
            guard += 1;
            if guard > 16 {
                break;
            }
        }
        false
    }
}
