//! Places as footprints: which prefectures and municipalities a place name
//! covers, so that 世田谷区 can be compared with 東京都, 横浜市青葉区 with
//! 横浜市港北区, 銀座 with 中央区 and 渋谷駅 with 渋谷区.
//!
//! Names are the ask engine's canonical place names (census names, the
//! gazetteer's areas and foreign places). The index is built once from the
//! [`Lexicon`] plus a small table of areas (`data/areas.tsv`) that the gazetteer
//! names without saying where they are.
//!
//! Known limitation: a Location value carries only a name, so a municipality
//! name shared by two prefectures (府中市 in 東京都 and in 広島県) is taken to
//! lie in both; it then fits either prefecture by overlap (0.5), not fully.

use std::collections::HashMap;

use antenna_ask::lexicon::Lexicon;
use antenna_ask::Level;

use crate::fasthash::FastMap;

/// An interned municipal unit (a municipality, a special ward or a designated city's ward).
pub(crate) type UnitId = u32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// 日本, United States.
    Country,
    /// Several prefectures: 首都圏, 関西.
    Region,
    Prefecture,
    /// A municipality or ward (or a designated city as a whole).
    Municipality,
    /// An area of known municipalities: 城南, 北摂, 銀座.
    Area,
    /// A place known only by name and country: foreign cities, unlocated areas.
    Named,
}

/// Where a place lies, by prefecture and municipal unit.
#[derive(Debug, Clone)]
pub(crate) struct Footprint<'a> {
    pub scope: Scope,
    /// Prefectures the place lies in or spans: bit `p - 1` for prefecture code `p`.
    pub prefs: u64,
    /// Municipal units covering it, each with the designated city it belongs to (横浜市 for 横浜市青葉区).
    pub units: Vec<(UnitId, Option<UnitId>)>,
    pub country: Option<&'a str>,
    /// Only a part of its units or prefectures: a neighbourhood, a station, an island.
    pub partial: bool,
}

impl Footprint<'_> {
    fn new(scope: Scope) -> Self {
        Footprint {
            scope,
            prefs: 0,
            units: Vec::new(),
            country: None,
            partial: false,
        }
    }

    /// Spans more than one municipality or prefecture as a whole (a region, a group of cities).
    fn broad(&self) -> bool {
        matches!(self.scope, Scope::Country | Scope::Region)
            || (self.units.len() > 1 && !self.partial)
    }

    fn has_unit(&self, u: UnitId) -> bool {
        self.units.iter().any(|(v, _)| *v == u)
    }

    fn add_unit(&mut self, unit: (UnitId, Option<UnitId>)) {
        if !self.units.contains(&unit) {
            self.units.push(unit);
        }
    }
}

/// A looked-up place: its footprint, and whether the name is only part of it (渋谷駅 within 渋谷区).
#[derive(Debug, Clone, Copy)]
pub(crate) struct PlaceRef<'p, 'a> {
    pub fp: &'p Footprint<'a>,
    pub partial: bool,
}

/// A place name with what is known of it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PlaceView<'p, 'a> {
    pub name: &'p str,
    pub place: Option<PlaceRef<'p, 'a>>,
}

/// Every place name the lexicon knows, with its footprint.
pub(crate) struct PlaceIndex<'a> {
    by_name: FastMap<&'a str, Footprint<'a>>,
}

fn pref_bit(code5: &str) -> u64 {
    match code5.get(..2).and_then(|p| p.parse::<u32>().ok()) {
        Some(p @ 1..=47) => 1u64 << (p - 1),
        _ => 0,
    }
}

fn pref_bits(codes: &[u8]) -> u64 {
    codes
        .iter()
        .filter(|c| (1..=47).contains(*c))
        .fold(0, |acc, c| acc | (1u64 << (c - 1)))
}

/// An area the gazetteer knows by name, located by prefectures or municipalities.
pub(crate) struct AreaDef {
    pub name: &'static str,
    pub prefs: Vec<u8>,
    pub munis: Vec<&'static str>,
    /// Only part of the listed places (a neighbourhood), rather than all of them.
    pub partial: bool,
}

/// The areas of `data/areas.tsv`, parsed once.
pub(crate) fn areas() -> &'static [AreaDef] {
    static AREAS: std::sync::OnceLock<Vec<AreaDef>> = std::sync::OnceLock::new();
    AREAS.get_or_init(|| parse_areas(include_str!("../data/areas.tsv")))
}

/// `name<TAB>kind<TAB>in`: kind is region, group, part or part_of_prefs; `in`
/// lists prefecture codes (region, part_of_prefs) or municipalities.
fn parse_areas(tsv: &'static str) -> Vec<AreaDef> {
    let mut out = Vec::new();
    for (n, line) in tsv.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(name), Some(kind), Some(within)) = (cols.next(), cols.next(), cols.next()) else {
            panic!("areas.tsv line {}: three columns expected", n + 1);
        };
        let items = within.split(',').map(str::trim).filter(|s| !s.is_empty());
        let by_prefs = matches!(kind, "region" | "part_of_prefs");
        let prefs: Vec<u8> = if by_prefs {
            items
                .clone()
                .map(|c| {
                    c.parse()
                        .unwrap_or_else(|_| panic!("areas.tsv line {}: {c:?}", n + 1))
                })
                .collect()
        } else {
            Vec::new()
        };
        let munis = if by_prefs {
            Vec::new()
        } else {
            items.collect()
        };
        let partial = match kind {
            "region" | "group" => false,
            "part" | "part_of_prefs" => true,
            other => panic!("areas.tsv line {}: unknown kind {other:?}", n + 1),
        };
        out.push(AreaDef {
            name,
            prefs,
            munis,
            partial,
        });
    }
    out
}

/// Suffixes the engine strips from a place before 駅 or 沿線 (渋谷区 → 渋谷駅).
const STATION_STEMS: &[&str] = &["", "区", "市", "町", "村", "都", "府", "県"];

impl<'a> PlaceIndex<'a> {
    pub fn new(lex: &'a Lexicon) -> Self {
        let mut by_name: FastMap<&'a str, Footprint<'a>> = FastMap::default();
        let mut units: HashMap<&'a str, UnitId> = HashMap::new();
        let mut intern = |name: &'a str| -> UnitId {
            let n = units.len() as UnitId;
            *units.entry(name).or_insert(n)
        };
        let city_names: std::collections::HashSet<&str> = lex
            .places
            .iter()
            .filter(|p| !p.stem && p.level == Level::City && p.country == "JP" && p.code5.is_some())
            .map(|p| p.name.as_str())
            .collect();
        for p in lex.places.iter().filter(|p| !p.stem) {
            let jp = p.country == "JP";
            let code5 = p.code5.as_deref().filter(|_| jp);
            let scope = match (p.level, code5) {
                (Level::Country, _) => Scope::Country,
                (Level::Prefecture, Some(_)) => Scope::Prefecture,
                (Level::City | Level::Ward, Some(_)) => Scope::Municipality,
                (Level::Area, _) if jp => Scope::Area,
                _ => Scope::Named,
            };
            let fp = by_name
                .entry(p.name.as_str())
                .or_insert_with(|| Footprint::new(scope));
            fp.country = Some(p.country.as_str());
            if let Some(code5) = code5 {
                fp.prefs |= pref_bit(code5);
            }
            match scope {
                Scope::Municipality => {
                    let name = p.name.as_str();
                    // 横浜市青葉区 lies in the designated city 横浜市
                    let city = (p.level == Level::Ward)
                        .then(|| name.find('市').map(|i| &name[..i + '市'.len_utf8()]))
                        .flatten()
                        .filter(|c| *c != name && city_names.contains(c))
                        .and_then(|c| city_names.get(c).copied());
                    let unit = (intern(name), city.map(&mut intern));
                    fp.add_unit(unit);
                }
                // an area the table below does not locate: known by name only
                Scope::Area => fp.partial = true,
                _ => {}
            }
        }
        for a in areas() {
            let mut fp = Footprint::new(if a.munis.is_empty() && !a.partial {
                Scope::Region
            } else {
                Scope::Area
            });
            fp.country = Some("JP");
            fp.partial = a.partial;
            fp.prefs = pref_bits(&a.prefs);
            for m in &a.munis {
                if let Some(src) = by_name.get(m) {
                    let (prefs, us) = (src.prefs, src.units.clone());
                    fp.prefs |= prefs;
                    for u in us {
                        fp.add_unit(u);
                    }
                }
            }
            if fp.scope == Scope::Region && fp.prefs.count_ones() == 1 {
                fp.scope = Scope::Prefecture;
            }
            by_name.insert(a.name, fp);
        }
        PlaceIndex { by_name }
    }

    /// The footprint of a place name; a station or line (渋谷駅, 横浜駅) is taken as part of
    /// the place it is named after.
    pub fn lookup<'p>(&'p self, name: &str) -> Option<PlaceRef<'p, 'a>> {
        if let Some(fp) = self.by_name.get(name) {
            return Some(PlaceRef {
                fp,
                partial: fp.partial,
            });
        }
        let stem = name
            .strip_suffix('駅')
            .or_else(|| name.strip_suffix("沿線"))?;
        if stem.is_empty() {
            return None;
        }
        let mut buf = String::with_capacity(stem.len() + 3);
        for suffix in STATION_STEMS {
            buf.clear();
            buf.push_str(stem);
            buf.push_str(suffix);
            if let Some(fp) = self.by_name.get(buf.as_str()) {
                return Some(PlaceRef { fp, partial: true });
            }
        }
        None
    }

    pub fn view<'p>(&'p self, name: &'p str) -> PlaceView<'p, 'a> {
        PlaceView {
            name,
            place: self.lookup(name),
        }
    }

    #[cfg(test)]
    pub fn get(&self, name: &str) -> Option<&Footprint<'a>> {
        self.by_name.get(name)
    }
}

/// Whether `outer` covers all of `inner` (東京都 ⊇ 世田谷区, 横浜市 ⊇ 横浜市青葉区, 首都圏 ⊇ 千葉県).
pub(crate) fn contains(outer: PlaceRef, inner: PlaceRef) -> bool {
    let (a, m) = (outer.fp, inner.fp);
    if outer.partial {
        return false;
    }
    match a.scope {
        Scope::Country => a.country.is_some() && a.country == m.country,
        _ if !a.units.is_empty() => {
            !m.units.is_empty()
                && m.units
                    .iter()
                    .all(|(u, c)| a.has_unit(*u) || c.is_some_and(|c| a.has_unit(c)))
        }
        _ if a.prefs != 0 => m.prefs != 0 && m.prefs & !a.prefs == 0,
        _ => false,
    }
}

/// Whether two places share a municipal unit or a designated city (横浜市青葉区 and 横浜市港北区).
fn share_unit(a: &Footprint, m: &Footprint) -> bool {
    a.units.iter().any(|(u, c)| {
        m.units
            .iter()
            .any(|(v, d)| u == v || Some(*u) == *d || c.is_some_and(|c| c == *v || Some(c) == *d))
    })
}

/// How well a member's place `m` answers an asked place `a`, in 0..=1.
///
/// - the same place, or `m` inside `a` (世田谷区 for 東京都, 青葉区 for 横浜市, 千葉県 for 首都圏): 1.0
/// - the same designated city or ward, or overlapping areas (横浜市港北区 for 横浜市青葉区, 中央区 for 銀座): 0.7,
///   0.5 when `m` is a group of municipalities
/// - the same prefecture (目黒区 or 東京都 for 世田谷区): 0.5, 0.25 when `m` is a region (首都圏)
/// - the same foreign country (Los Angeles for New York): 0.3
pub(crate) fn place_score(a: PlaceView, m: PlaceView) -> f64 {
    if a.name == m.name {
        return 1.0;
    }
    let (Some(ap), Some(mp)) = (a.place, m.place) else {
        return 0.0;
    };
    if contains(ap, mp) {
        return 1.0;
    }
    let (af, mf) = (ap.fp, mp.fp);
    if share_unit(af, mf) {
        return if mf.broad() { 0.5 } else { 0.7 };
    }
    if af.prefs & mf.prefs != 0 {
        return if mf.broad() { 0.25 } else { 0.5 };
    }
    if af.country.is_some() && af.country == mf.country && af.country != Some("JP") {
        return 0.3;
    }
    0.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    fn lex() -> &'static Lexicon {
        static L: OnceLock<Lexicon> = OnceLock::new();
        L.get_or_init(Lexicon::load)
    }

    fn index() -> &'static PlaceIndex<'static> {
        static I: OnceLock<PlaceIndex<'static>> = OnceLock::new();
        I.get_or_init(|| PlaceIndex::new(lex()))
    }

    fn score(ask: &str, member: &str) -> f64 {
        let i = index();
        place_score(i.view(ask), i.view(member))
    }

    #[test]
    fn every_area_in_the_table_names_known_municipalities() {
        let i = index();
        for a in areas() {
            for m in &a.munis {
                let fp = i
                    .get(m)
                    .unwrap_or_else(|| panic!("{}: unknown municipality {m}", a.name));
                assert_eq!(fp.scope, Scope::Municipality, "{}: {m}", a.name);
            }
            assert!(
                i.get(a.name).is_some_and(|f| f.prefs != 0),
                "{} has no prefecture",
                a.name
            );
        }
    }

    #[test]
    fn every_japanese_area_of_the_gazetteer_is_located() {
        let i = index();
        let unlocated: Vec<&str> = lex()
            .places
            .iter()
            .filter(|p| {
                p.country == "JP"
                    && p.level == Level::Area
                    && i.get(&p.name).is_some_and(|f| f.prefs == 0)
            })
            .map(|p| p.name.as_str())
            .filter(|n| *n != "離島")
            .collect();
        assert!(unlocated.is_empty(), "{unlocated:?}");
    }

    #[test]
    fn a_ward_of_a_designated_city_knows_its_city() {
        let fp = index().get("横浜市青葉区").unwrap();
        assert_eq!(fp.units.len(), 1);
        assert!(fp.units[0].1.is_some());
        assert!(index().get("世田谷区").unwrap().units[0].1.is_none());
    }

    #[test]
    fn places_score_by_containment_city_and_prefecture() {
        assert_eq!(score("世田谷区", "世田谷区"), 1.0);
        assert_eq!(score("東京都", "世田谷区"), 1.0);
        assert_eq!(score("世田谷区", "東京都"), 0.5);
        assert_eq!(score("世田谷区", "目黒区"), 0.5);
        assert_eq!(score("横浜市青葉区", "横浜市港北区"), 0.7);
        assert_eq!(score("横浜市", "横浜市青葉区"), 1.0);
        assert_eq!(score("横浜市青葉区", "横浜市"), 0.7);
        assert_eq!(score("神奈川県", "横浜市青葉区"), 1.0);
        assert_eq!(score("世田谷区", "横浜市青葉区"), 0.0);
        assert_eq!(score("大阪府", "世田谷区"), 0.0);
    }

    #[test]
    fn regions_contain_their_prefectures_and_are_weak_evidence_for_a_ward() {
        assert_eq!(score("首都圏", "千葉県"), 1.0);
        assert_eq!(score("首都圏", "世田谷区"), 1.0);
        assert_eq!(score("世田谷区", "首都圏"), 0.25);
        assert_eq!(score("関西", "世田谷区"), 0.0);
        assert_eq!(score("日本", "世田谷区"), 1.0);
    }

    #[test]
    fn neighbourhoods_and_stations_are_parts_of_their_wards() {
        assert_eq!(score("中央区", "銀座"), 1.0);
        assert_eq!(score("銀座", "中央区"), 0.7);
        assert_eq!(score("銀座", "築地"), 0.7);
        assert_eq!(score("渋谷区", "渋谷駅"), 1.0);
        assert_eq!(score("渋谷駅", "渋谷区"), 0.7);
        assert_eq!(score("東京都", "渋谷駅"), 1.0);
        assert_eq!(score("城南", "世田谷区"), 1.0);
        assert_eq!(score("世田谷区", "城南"), 0.5);
        assert_eq!(score("多摩地区", "八王子市"), 1.0);
    }

    #[test]
    fn foreign_places_match_by_name_and_country() {
        let ny = lex()
            .places
            .iter()
            .find(|p| p.country == "US" && p.level == Level::City)
            .map(|p| p.name.clone());
        if let Some(ny) = ny {
            assert_eq!(score(&ny, &ny), 1.0);
            assert_eq!(score("United States", &ny), 1.0);
            assert_eq!(score(&ny, "United States"), 0.3);
            assert_eq!(score(&ny, "東京都"), 0.0);
        }
        assert_eq!(score("どこか知らない町", "どこか知らない町"), 1.0);
        assert_eq!(score("どこか知らない町", "東京都"), 0.0);
    }

    #[test]
    fn a_name_shared_by_two_prefectures_fits_either_by_overlap_only() {
        assert_eq!(score("府中市", "府中市"), 1.0);
        assert_eq!(score("東京都", "府中市"), 0.5);
        assert_eq!(score("広島県", "府中市"), 0.5);
    }
}
