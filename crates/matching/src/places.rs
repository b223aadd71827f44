//! Places as footprints: which prefectures and municipalities a place name
//! covers, so that 世田谷区 can be compared with 東京都, 横浜市青葉区 with
//! 横浜市港北区, 銀座 with 中央区 and 渋谷駅 with 渋谷区.
//!
//! Names are the ask engine's canonical place names (census names, the
//! gazetteer's areas and foreign places). The index is built once from the
//! [`Lexicon`] plus a small table of areas ([`AREAS`]) that the gazetteer
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
    pub prefs: &'static [u8],
    pub munis: &'static [&'static str],
    /// Only part of the listed places (a neighbourhood), rather than all of them.
    pub partial: bool,
}

const fn region(name: &'static str, prefs: &'static [u8]) -> AreaDef {
    AreaDef {
        name,
        prefs,
        munis: &[],
        partial: false,
    }
}
const fn group(name: &'static str, munis: &'static [&'static str]) -> AreaDef {
    AreaDef {
        name,
        prefs: &[],
        munis,
        partial: false,
    }
}
const fn part(name: &'static str, munis: &'static [&'static str]) -> AreaDef {
    AreaDef {
        name,
        prefs: &[],
        munis,
        partial: true,
    }
}
const fn part_of_prefs(name: &'static str, prefs: &'static [u8]) -> AreaDef {
    AreaDef {
        name,
        prefs,
        munis: &[],
        partial: true,
    }
}

const TOKYO_23: &[&str] = &[
    "千代田区",
    "中央区",
    "港区",
    "新宿区",
    "文京区",
    "台東区",
    "墨田区",
    "江東区",
    "品川区",
    "目黒区",
    "大田区",
    "世田谷区",
    "渋谷区",
    "中野区",
    "杉並区",
    "豊島区",
    "北区",
    "荒川区",
    "板橋区",
    "練馬区",
    "足立区",
    "葛飾区",
    "江戸川区",
];

const TAMA: &[&str] = &[
    "八王子市",
    "立川市",
    "武蔵野市",
    "三鷹市",
    "青梅市",
    "府中市",
    "昭島市",
    "調布市",
    "町田市",
    "小金井市",
    "小平市",
    "日野市",
    "東村山市",
    "国分寺市",
    "国立市",
    "福生市",
    "狛江市",
    "東大和市",
    "清瀬市",
    "東久留米市",
    "武蔵村山市",
    "多摩市",
    "稲城市",
    "羽村市",
    "あきる野市",
    "西東京市",
    "瑞穂町",
    "日の出町",
    "檜原村",
    "奥多摩町",
];

/// Where the gazetteer's areas lie. Regions follow common usage (東日本/西日本 split as
/// NTT East/West); neighbourhoods and stations are parts of the wards they are in.
pub(crate) const AREAS: &[AreaDef] = &[
    region("首都圏", &[11, 12, 13, 14]),
    region("関東", &[8, 9, 10, 11, 12, 13, 14]),
    region("北関東", &[8, 9, 10]),
    region("関西", &[25, 26, 27, 28, 29, 30]),
    region("京阪神", &[26, 27, 28]),
    region("大阪圏", &[26, 27, 28, 29]),
    region("東海", &[21, 22, 23, 24]),
    region("名古屋圏", &[21, 23, 24]),
    region("中部", &[15, 16, 17, 18, 19, 20, 21, 22, 23]),
    region("北陸", &[16, 17, 18]),
    region("甲信越", &[15, 19, 20]),
    region("東北", &[2, 3, 4, 5, 6, 7]),
    region("中国地方", &[31, 32, 33, 34, 35]),
    region("中国・四国", &[31, 32, 33, 34, 35, 36, 37, 38, 39]),
    region("山陰", &[31, 32]),
    region("山陽", &[33, 34, 35]),
    region("四国", &[36, 37, 38, 39]),
    region("九州", &[40, 41, 42, 43, 44, 45, 46]),
    region("九州・沖縄", &[40, 41, 42, 43, 44, 45, 46, 47]),
    region("三大都市圏", &[11, 12, 13, 14, 21, 23, 24, 26, 27, 28, 29]),
    region(
        "東日本",
        &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 19, 20],
    ),
    region(
        "西日本",
        &[
            16, 17, 18, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39,
            40, 41, 42, 43, 44, 45, 46, 47,
        ],
    ),
    group("東京都区部", TOKYO_23),
    group("都心", &["千代田区", "中央区", "港区"]),
    group(
        "都心5区",
        &["千代田区", "中央区", "港区", "新宿区", "渋谷区"],
    ),
    group("城南", &["品川区", "目黒区", "大田区", "世田谷区"]),
    group(
        "城東",
        &[
            "台東区",
            "墨田区",
            "江東区",
            "荒川区",
            "足立区",
            "葛飾区",
            "江戸川区",
        ],
    ),
    group("城北", &["豊島区", "北区", "板橋区", "練馬区"]),
    group("城西", &["新宿区", "渋谷区", "中野区", "杉並区"]),
    part("湾岸エリア", &["中央区", "港区", "江東区", "品川区"]),
    group("多摩地区", TAMA),
    group(
        "湘南",
        &[
            "藤沢市",
            "茅ヶ崎市",
            "鎌倉市",
            "逗子市",
            "平塚市",
            "葉山町",
            "大磯町",
            "寒川町",
            "二宮町",
        ],
    ),
    group("横浜・川崎", &["横浜市", "川崎市"]),
    group(
        "北摂",
        &[
            "豊中市",
            "池田市",
            "吹田市",
            "高槻市",
            "茨木市",
            "箕面市",
            "摂津市",
            "島本町",
            "豊能町",
            "能勢町",
        ],
    ),
    group(
        "阪神間",
        &[
            "尼崎市",
            "西宮市",
            "芦屋市",
            "伊丹市",
            "宝塚市",
            "川西市",
            "三田市",
            "猪名川町",
        ],
    ),
    group(
        "札幌圏",
        &[
            "札幌市",
            "江別市",
            "北広島市",
            "石狩市",
            "恵庭市",
            "千歳市",
            "小樽市",
            "当別町",
        ],
    ),
    group(
        "福岡都市圏",
        &[
            "福岡市",
            "春日市",
            "大野城市",
            "筑紫野市",
            "太宰府市",
            "糸島市",
            "古賀市",
            "宗像市",
            "那珂川市",
            "福津市",
            "宇美町",
            "篠栗町",
            "志免町",
            "須恵町",
            "新宮町",
            "久山町",
            "粕屋町",
        ],
    ),
    group(
        "仙台圏",
        &[
            "仙台市",
            "名取市",
            "多賀城市",
            "塩竈市",
            "岩沼市",
            "富谷市",
            "利府町",
            "七ヶ浜町",
            "松島町",
            "大和町",
            "大衡村",
        ],
    ),
    group(
        "広島都市圏",
        &[
            "広島市",
            "廿日市市",
            "府中町",
            "海田町",
            "熊野町",
            "坂町",
            "東広島市",
            "呉市",
        ],
    ),
    part("銀座", &["中央区"]),
    part("丸の内", &["千代田区"]),
    part("大手町", &["千代田区"]),
    part("有楽町", &["千代田区"]),
    part("日本橋", &["中央区"]),
    part("八重洲", &["中央区"]),
    part("東京駅周辺", &["千代田区", "中央区"]),
    part("東京駅", &["千代田区"]),
    part("神田", &["千代田区"]),
    part("六本木", &["港区"]),
    part("麻布", &["港区"]),
    part("広尾", &["渋谷区", "港区"]),
    part("赤坂", &["港区"]),
    part("虎ノ門", &["港区"]),
    part("新橋", &["港区"]),
    part("汐留", &["港区"]),
    part("お台場", &["港区", "江東区", "品川区"]),
    part("豊洲", &["江東区"]),
    part("築地", &["中央区"]),
    part("月島", &["中央区"]),
    part("歌舞伎町", &["新宿区"]),
    part("西新宿", &["新宿区"]),
    part("表参道", &["港区", "渋谷区"]),
    part("原宿", &["渋谷区"]),
    part("青山", &["港区"]),
    part("恵比寿", &["渋谷区"]),
    part("代官山", &["渋谷区"]),
    part("中目黒", &["目黒区"]),
    part("自由が丘", &["目黒区"]),
    part("二子玉川", &["世田谷区"]),
    part("三軒茶屋", &["世田谷区"]),
    part("下北沢", &["世田谷区"]),
    part("吉祥寺", &["武蔵野市"]),
    part("池袋", &["豊島区"]),
    part("秋葉原", &["千代田区", "台東区"]),
    part("上野", &["台東区"]),
    part("浅草", &["台東区"]),
    part("五反田", &["品川区"]),
    part("大崎", &["品川区"]),
    part("田町", &["港区"]),
    part("天王洲", &["品川区"]),
    part("錦糸町", &["墨田区"]),
    part("武蔵小杉", &["川崎市中原区"]),
    part("みなとみらい", &["横浜市西区"]),
    part("関内", &["横浜市中区"]),
    part("横浜中華街", &["横浜市中区"]),
    part("名駅", &["名古屋市中村区"]),
    part("栄", &["名古屋市中区"]),
    part("梅田", &["大阪市北区"]),
    part("北新地", &["大阪市北区"]),
    part("難波", &["大阪市中央区", "大阪市浪速区"]),
    part("心斎橋", &["大阪市中央区"]),
    part("天王寺", &["大阪市天王寺区", "大阪市阿倍野区"]),
    part("本町", &["大阪市中央区"]),
    part("淀屋橋", &["大阪市中央区"]),
    part("北浜", &["大阪市中央区"]),
    part("新大阪", &["大阪市淀川区"]),
    part("三宮", &["神戸市中央区"]),
    part("祇園", &["京都市東山区"]),
    part("河原町", &["京都市中京区", "京都市下京区"]),
    part("烏丸", &["京都市中京区", "京都市下京区"]),
    part("嵐山", &["京都市右京区", "京都市西京区"]),
    part("天神", &["福岡市中央区"]),
    part("博多", &["福岡市博多区"]),
    part("中洲", &["福岡市博多区"]),
    part("すすきの", &["札幌市中央区"]),
    part("大通", &["札幌市中央区"]),
    part("国際通り", &["那覇市"]),
    group(
        "奄美大島",
        &["奄美市", "大和村", "宇検村", "瀬戸内町", "龍郷町"],
    ),
    group("利尻島", &["利尻町", "利尻富士町"]),
    group("礼文島", &["礼文町"]),
    group("屋久島", &["屋久島町"]),
    group("種子島", &["西之表市", "中種子町", "南種子町"]),
    group("徳之島", &["徳之島町", "天城町", "伊仙町"]),
    group("淡路島", &["洲本市", "南あわじ市", "淡路市"]),
    group("小豆島", &["小豆島町", "土庄町"]),
    group("直島", &["直島町"]),
    group("佐渡島", &["佐渡市"]),
    group("対馬", &["対馬市"]),
    group("五島列島", &["五島市", "新上五島町"]),
    group("久米島", &["久米島町"]),
    group("八丈島", &["八丈町"]),
    group("伊豆大島", &["大島町"]),
    part_of_prefs("伊豆諸島", &[13]),
    group("小笠原諸島", &["小笠原村"]),
    part_of_prefs("沖縄本島", &[47]),
    part("西表島", &["竹富町"]),
    part("宮島", &["廿日市市"]),
    part("江の島", &["藤沢市"]),
];

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
        for a in AREAS {
            let mut fp = Footprint::new(if a.munis.is_empty() && !a.partial {
                Scope::Region
            } else {
                Scope::Area
            });
            fp.country = Some("JP");
            fp.partial = a.partial;
            fp.prefs = pref_bits(a.prefs);
            for m in a.munis {
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
        for a in AREAS {
            for m in a.munis {
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
