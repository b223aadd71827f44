//! `antenna bench-seed` (hidden): fills a fresh database with a large generated
//! community for the web load benchmark (`scripts/bench-web.sh`, figures in
//! `docs/benchmarks.md`).
//!
//! One community, one organizer and `--members` members with Japanese names
//! and ふりがな, a trade each (company, title, industry, what they offer), a
//! matching profile (JSON of `antenna_matching::Profile`: gender, birth year,
//! residence and work area named as in the 2020 census, interests by their
//! lexicon ids), 1–2 circles each, and `--asks` asks made from templates and
//! slots, each read by the ask engine so the stored reading is the real one.
//! Most asks are published; some are drafts, paused, fulfilled or closed, and
//! some carry an expiry date (a few already past, so the board hides them).
//!
//! Everything is drawn from a splitmix64 PRNG with a fixed seed (`--seed`), so
//! every run generates the same people and asks; only timestamps follow the
//! clock. Writes go one at a time by default (ids come out in the same order
//! every run); `--jobs N` runs N writes at once, which is faster on PostgreSQL
//! but lets ids interleave. All members share one password (Argon2 is slow by
//! design: it is hashed once); a login is printed at the end.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use antenna_ask::{Engine, Gender};
use antenna_store::{AskDraft, AskStatus, Id, MemberStatus, NewMember, Role, Store};
use anyhow::{bail, Context};
use serde_json::json;

#[derive(clap::Args)]
pub struct Args {
    /// Members besides the organizer
    #[arg(long, default_value_t = 10_000)]
    members: usize,
    /// Asks to create
    #[arg(long, default_value_t = 50_000)]
    asks: usize,
    /// Directory for the SQLite database (must not hold a community yet)
    #[arg(long, default_value = "antenna-bench")]
    data_dir: PathBuf,
    /// Use this database instead (postgres://… or sqlite:…); must be empty
    #[arg(long)]
    database_url: Option<String>,
    /// PRNG seed
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Writes in flight at once (1 keeps ids in the same order every run)
    #[arg(long, default_value_t = 1)]
    jobs: usize,
}

/// Everyone's password.
pub const PASSWORD: &str = "antenna-bench";
const DOMAIN: &str = "bench.antenna.jp";
const COMMUNITY: &str = "アンテナ交流会（負荷試験）";
const DAY: i64 = 86_400;

pub fn run(dict: &Path, args: Args) -> anyhow::Result<ExitCode> {
    if args.members == 0 {
        bail!("--members must be at least 1");
    }
    let jobs = args.jobs.max(1);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let started = Instant::now();
        let url = match &args.database_url {
            Some(u) => u.clone(),
            None => {
                std::fs::create_dir_all(&args.data_dir)
                    .with_context(|| format!("creating {}", args.data_dir.display()))?;
                format!("sqlite:{}", args.data_dir.join("antenna.db").display())
            }
        };
        let store = antenna_store::open(&url).await.map_err(|e| anyhow::anyhow!("{e}"))?;
        if store.community().await?.is_some() || store.count_members().await? > 0 {
            bail!("{} already holds a community: bench-seed needs an empty database", antenna_store::redact(&url));
        }
        let t = Instant::now();
        let engine = Arc::new(Engine::from_path(dict)?);
        eprintln!("bench-seed: {} ({}), ask engine ready in {} ms", antenna_store::redact(&url), store.backend(), t.elapsed().as_millis());

        let now = antenna_web::auth::now();
        let founded = now - 400 * DAY;
        let mut rng = Rng(args.seed);
        let world = World::new(&engine);

        // --- members
        let t = Instant::now();
        store.create_community(COMMUNITY, founded).await?;
        let hash = antenna_web::auth::hash_password(PASSWORD).map_err(|e| anyhow::anyhow!("{:?}", e.message))?;
        let people: Vec<Person> = (0..=args.members).map(|i| person(&mut rng, &world, i, now)).collect();
        let new: Vec<NewMember> = people
            .iter()
            .map(|p| NewMember { password_hash: Some(hash.clone()), ..p.new.clone() })
            .collect();
        let members = store.import_members(&new, founded).await?;
        let ids: Vec<Id> = members.iter().map(|m| m.id).collect();
        let t_members = t.elapsed();
        eprintln!("bench-seed: {} members (one transaction) in {:.2}s", ids.len(), t_members.as_secs_f64());

        // --- profiles and circles
        let t = Instant::now();
        for p in people.iter().take(50) {
            check_profile_shape(&p.profile)?;
        }
        let writes: Vec<Write> = people
            .iter()
            .zip(&ids)
            .enumerate()
            .flat_map(|(i, (p, &id))| {
                let at = founded + DAY + i as i64 * 60;
                std::iter::once(Write::Profile { id, json: p.profile.clone(), at })
                    .chain(p.circles.iter().map(move |(n, d)| Write::Circle { id, name: n.clone(), description: d.clone(), at: at + 30 }))
            })
            .collect();
        let circles = writes.iter().filter(|w| matches!(w, Write::Circle { .. })).count();
        run_writes(&store, writes, jobs).await?;
        let t_profiles = t.elapsed();
        eprintln!("bench-seed: {} profiles and {circles} circles in {:.2}s", ids.len(), t_profiles.as_secs_f64());

        // --- asks: plan, read each distinct text once (all cores), write
        let t = Instant::now();
        let mut plans: Vec<Plan> = (0..args.asks).map(|_| plan_ask(&mut rng, &world, &people, now)).collect();
        plans.sort_by_key(|p| p.at);
        let drafts = read_texts(&engine, &plans)?;
        let t_read = t.elapsed();
        eprintln!("bench-seed: {} asks planned, {} distinct texts read in {:.2}s", plans.len(), drafts.len(), t_read.as_secs_f64());
        let t = Instant::now();
        let writes: Vec<Write> = plans
            .into_iter()
            .map(|p| Write::Ask {
                id: ids[p.author],
                draft: drafts[&p.text].clone(),
                status: p.status,
                expires_on: p.expires_on,
                at: p.at,
            })
            .collect();
        let mut by_status: HashMap<&'static str, usize> = HashMap::new();
        for w in &writes {
            if let Write::Ask { status, .. } = w {
                *by_status.entry(status.as_str()).or_default() += 1;
            }
        }
        run_writes(&store, writes, jobs).await?;
        let t_asks = t.elapsed();
        let total_asks = store.count_asks().await?;
        eprintln!("bench-seed: {total_asks} asks written in {:.2}s", t_asks.as_secs_f64());
        store.close().await;

        let mut statuses: Vec<_> = by_status.into_iter().collect();
        statuses.sort();
        let statuses: Vec<String> = statuses.iter().map(|(s, n)| format!("{s} {n}")).collect();
        println!(
            "seeded {} ({}): {} members, {circles} circles, {total_asks} asks ({}) in {:.1}s \
             [members {:.1}s, profiles+circles {:.1}s, reading asks {:.1}s, writing asks {:.1}s; jobs {jobs}]",
            antenna_store::redact(&url),
            store.backend(),
            ids.len(),
            statuses.join(", "),
            started.elapsed().as_secs_f64(),
            t_members.as_secs_f64(),
            t_profiles.as_secs_f64(),
            t_read.as_secs_f64(),
            t_asks.as_secs_f64(),
        );
        println!("organizer: {} password: {PASSWORD}", people[0].new.email);
        println!("login: {} password: {PASSWORD}", people[1].new.email);
        Ok(ExitCode::SUCCESS)
    })
}

// ---------------------------------------------------------------------------
// Writing.

enum Write {
    Profile {
        id: Id,
        json: String,
        at: i64,
    },
    Circle {
        id: Id,
        name: String,
        description: String,
        at: i64,
    },
    Ask {
        id: Id,
        draft: AskDraft,
        status: AskStatus,
        expires_on: Option<String>,
        at: i64,
    },
}

async fn apply(store: &dyn Store, w: Write) -> antenna_store::Result<()> {
    match w {
        Write::Profile { id, json, at } => store.put_profile(id, &json, at).await,
        Write::Circle {
            id,
            name,
            description,
            at,
        } => store
            .add_circle(id, &name, &description, at)
            .await
            .map(drop),
        Write::Ask {
            id,
            draft,
            status,
            expires_on,
            at,
        } => store
            .create_ask(id, &draft, status, expires_on.as_deref(), at)
            .await
            .map(drop),
    }
}

/// Applies the writes in order, `jobs` at a time.
async fn run_writes(store: &Arc<dyn Store>, writes: Vec<Write>, jobs: usize) -> anyhow::Result<()> {
    if jobs <= 1 {
        for w in writes {
            apply(store.as_ref(), w).await?;
        }
        return Ok(());
    }
    let mut set = tokio::task::JoinSet::new();
    for w in writes {
        if set.len() >= jobs {
            set.join_next().await.expect("a task in flight")??;
        }
        let store = store.clone();
        set.spawn(async move { apply(store.as_ref(), w).await });
    }
    while let Some(r) = set.join_next().await {
        r??;
    }
    Ok(())
}

/// Reads every distinct ask text once, on all cores; a text the engine refuses is a bug here.
fn read_texts(engine: &Engine, plans: &[Plan]) -> anyhow::Result<HashMap<String, AskDraft>> {
    let mut seen = HashSet::new();
    let texts: Vec<&str> = plans
        .iter()
        .map(|p| p.text.as_str())
        .filter(|t| seen.insert(*t))
        .collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let chunk = texts.len().div_ceil(threads).max(1);
    let parts: Vec<anyhow::Result<Vec<(String, AskDraft)>>> = std::thread::scope(|s| {
        let handles: Vec<_> = texts
            .chunks(chunk)
            .map(|part| {
                s.spawn(move || {
                    part.iter()
                        .map(|&text| {
                            let reading = engine
                                .check(text)
                                .with_context(|| format!("reading {text:?}"))?;
                            Ok((
                                text.to_string(),
                                antenna_web::api::asks::draft_of(text, &reading),
                            ))
                        })
                        .collect()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("reader thread"))
            .collect()
    });
    let mut out = HashMap::with_capacity(texts.len());
    for part in parts {
        out.extend(part?);
    }
    Ok(out)
}

/// The profile JSON must be what the web layer parses (`antenna_matching::Profile`):
/// parse it as the server does and compare the round trip.
fn check_profile_shape(json: &str) -> anyhow::Result<()> {
    let ours: serde_json::Value = serde_json::from_str(json)?;
    let theirs = serde_json::to_value(antenna_web::state::parse_profile(json))?;
    if ours != theirs {
        bail!("generated profile does not round-trip through the web layer:\n ours   {ours}\n theirs {theirs}");
    }
    Ok(())
}

// ---------------------------------------------------------------------------
// A small deterministic PRNG (splitmix64).

struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next_u64() % (hi - lo + 1) as u64) as i64
    }
    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    /// One of the `|`-separated alternatives.
    fn alt<'a>(&mut self, s: &'a str) -> &'a str {
        let n = s.split('|').count();
        s.split('|').nth(self.below(n)).unwrap_or(s)
    }
}

/// Items drawn in proportion to their weights.
struct Weighted<T> {
    items: Vec<T>,
    cumulative: Vec<f64>,
}

impl<T> Weighted<T> {
    fn new(pairs: impl IntoIterator<Item = (T, f64)>) -> Self {
        let mut items = Vec::new();
        let mut cumulative = Vec::new();
        let mut total = 0.0;
        for (item, w) in pairs {
            if w > 0.0 {
                total += w;
                items.push(item);
                cumulative.push(total);
            }
        }
        assert!(!items.is_empty(), "nothing to draw from");
        Weighted { items, cumulative }
    }
    fn draw(&self, rng: &mut Rng) -> &T {
        let x = rng.unit() * self.cumulative[self.cumulative.len() - 1];
        let i = self
            .cumulative
            .partition_point(|&c| c <= x)
            .min(self.items.len() - 1);
        &self.items[i]
    }
}

// ---------------------------------------------------------------------------
// The world members come from.

/// Municipalities and wards of the 2020 census (the ask crate's copy).
const MUNICIPALITIES: &str = include_str!("../../ask/data/jp/municipalities_2020census.csv");

#[derive(Clone)]
struct Place {
    prefecture: String,
    name: String,
}

struct World {
    /// Where people live, nationwide, by population.
    nation: Weighted<Place>,
    /// Where people live around Tokyo (東京都・神奈川県・埼玉県・千葉県), by population.
    kanto: Weighted<Place>,
    /// Tokyo's 23 wards, by population (where office workers work).
    wards: Weighted<Place>,
    /// Interests with no narrower interest: (lexicon id, Japanese name), by share.
    interests: Weighted<(String, String)>,
}

impl World {
    fn new(engine: &Engine) -> Self {
        let mut places = Vec::new();
        for line in MUNICIPALITIES.lines().skip(1) {
            let f: Vec<&str> = line.split(',').collect();
            if f.len() < 10 {
                continue;
            }
            // a designated city is counted by its wards; the 23-ward total is not a place
            if !matches!(
                f[6],
                "city" | "town" | "village" | "special_ward" | "designated_city_ward"
            ) {
                continue;
            }
            let pop: f64 = f[9].parse().unwrap_or(0.0);
            places.push((
                Place {
                    prefecture: f[3].to_string(),
                    name: f[4].to_string(),
                },
                pop,
                f[6] == "special_ward",
            ));
        }
        let kanto = ["東京都", "神奈川県", "埼玉県", "千葉県"];
        let lex = engine.lexicon();
        let parents: HashSet<usize> = lex.interests.iter().filter_map(|c| c.parent).collect();
        World {
            nation: Weighted::new(places.iter().map(|(p, n, _)| (p.clone(), *n))),
            kanto: Weighted::new(
                places
                    .iter()
                    .filter(|(p, ..)| kanto.contains(&p.prefecture.as_str()))
                    .map(|(p, n, _)| (p.clone(), *n)),
            ),
            wards: Weighted::new(
                places
                    .iter()
                    .filter(|(.., ward)| *ward)
                    .map(|(p, n, _)| (p.clone(), *n)),
            ),
            interests: Weighted::new(
                lex.interests
                    .iter()
                    .enumerate()
                    .filter(|(i, c)| !parents.contains(i) && c.share > 0.0)
                    .map(|(_, c)| ((c.id.clone(), c.ja.clone()), c.share.sqrt())),
            ),
        }
    }

    /// Where a member lives: mostly around Tokyo (the community meets there), some anywhere.
    fn home(&self, rng: &mut Rng) -> Place {
        if rng.chance(0.75) {
            self.kanto.draw(rng).clone()
        } else {
            self.nation.draw(rng).clone()
        }
    }
}

/// 姓 and its reading.
#[rustfmt::skip]
const FAMILY: &[(&str, &str)] = &[
    ("佐藤", "さとう"), ("鈴木", "すずき"), ("高橋", "たかはし"), ("田中", "たなか"), ("伊藤", "いとう"),
    ("渡辺", "わたなべ"), ("山本", "やまもと"), ("中村", "なかむら"), ("小林", "こばやし"), ("加藤", "かとう"),
    ("吉田", "よしだ"), ("山田", "やまだ"), ("佐々木", "ささき"), ("山口", "やまぐち"), ("松本", "まつもと"),
    ("井上", "いのうえ"), ("木村", "きむら"), ("林", "はやし"), ("斎藤", "さいとう"), ("清水", "しみず"),
    ("山崎", "やまざき"), ("森", "もり"), ("池田", "いけだ"), ("橋本", "はしもと"), ("阿部", "あべ"),
    ("石川", "いしかわ"), ("山下", "やました"), ("中島", "なかじま"), ("石井", "いしい"), ("小川", "おがわ"),
    ("前田", "まえだ"), ("岡田", "おかだ"), ("長谷川", "はせがわ"), ("藤田", "ふじた"), ("後藤", "ごとう"),
    ("近藤", "こんどう"), ("村上", "むらかみ"), ("遠藤", "えんどう"), ("青木", "あおき"), ("坂本", "さかもと"),
    ("福田", "ふくだ"), ("太田", "おおた"), ("西村", "にしむら"), ("藤井", "ふじい"), ("金子", "かねこ"),
    ("岡本", "おかもと"), ("藤原", "ふじわら"), ("中野", "なかの"), ("三浦", "みうら"), ("原田", "はらだ"),
    ("中川", "なかがわ"), ("松田", "まつだ"), ("竹内", "たけうち"), ("小野", "おの"), ("田村", "たむら"),
    ("中山", "なかやま"), ("和田", "わだ"), ("石田", "いしだ"), ("森田", "もりた"), ("上田", "うえだ"),
    ("原", "はら"), ("柴田", "しばた"), ("酒井", "さかい"), ("工藤", "くどう"), ("横山", "よこやま"),
    ("宮崎", "みやざき"), ("宮本", "みやもと"), ("内田", "うちだ"), ("高木", "たかぎ"), ("安藤", "あんどう"),
    ("島田", "しまだ"), ("谷口", "たにぐち"), ("大野", "おおの"), ("丸山", "まるやま"), ("今井", "いまい"),
    ("高田", "たかだ"), ("藤本", "ふじもと"), ("武田", "たけだ"), ("村田", "むらた"), ("上野", "うえの"),
    ("杉山", "すぎやま"), ("増田", "ますだ"), ("小山", "こやま"), ("大塚", "おおつか"), ("平野", "ひらの"),
    ("菅原", "すがわら"), ("久保", "くぼ"), ("松井", "まつい"), ("千葉", "ちば"), ("岩崎", "いわさき"),
    ("桜井", "さくらい"), ("野口", "のぐち"), ("松尾", "まつお"), ("野村", "のむら"), ("木下", "きのした"),
    ("菊地", "きくち"), ("佐野", "さの"), ("大西", "おおにし"), ("杉本", "すぎもと"), ("新井", "あらい"),
];

#[rustfmt::skip]
const MALE: &[(&str, &str)] = &[
    ("浩", "ひろし"), ("茂", "しげる"), ("隆", "たかし"), ("修", "おさむ"), ("博之", "ひろゆき"),
    ("正樹", "まさき"), ("康弘", "やすひろ"), ("秀樹", "ひでき"), ("健一", "けんいち"), ("一郎", "いちろう"),
    ("豊", "ゆたか"), ("明", "あきら"), ("和夫", "かずお"), ("大輔", "だいすけ"), ("健太", "けんた"),
    ("拓也", "たくや"), ("直樹", "なおき"), ("和也", "かずや"), ("達也", "たつや"), ("哲也", "てつや"),
    ("雄一", "ゆういち"), ("陽介", "ようすけ"), ("智之", "ともゆき"), ("俊介", "しゅんすけ"), ("剛", "つよし"),
    ("亮", "りょう"), ("洋平", "ようへい"), ("翔太", "しょうた"), ("誠", "まこと"), ("大樹", "だいき"),
    ("翔", "しょう"), ("蓮", "れん"), ("悠斗", "ゆうと"), ("拓海", "たくみ"), ("颯太", "そうた"),
    ("陸", "りく"), ("湊", "みなと"), ("海斗", "かいと"),
];

#[rustfmt::skip]
const FEMALE: &[(&str, &str)] = &[
    ("陽子", "ようこ"), ("恵子", "けいこ"), ("由美", "ゆみ"), ("直美", "なおみ"), ("真由美", "まゆみ"),
    ("明美", "あけみ"), ("久美子", "くみこ"), ("裕子", "ゆうこ"), ("智子", "ともこ"), ("典子", "のりこ"),
    ("美穂", "みほ"), ("香織", "かおり"), ("恵", "めぐみ"), ("千尋", "ちひろ"), ("沙織", "さおり"),
    ("綾香", "あやか"), ("理恵", "りえ"), ("里美", "さとみ"), ("真理子", "まりこ"), ("愛", "あい"),
    ("彩", "あや"), ("麻衣", "まい"), ("美咲", "みさき"), ("由佳", "ゆか"), ("瞳", "ひとみ"),
    ("優子", "ゆうこ"), ("さくら", "さくら"), ("結衣", "ゆい"), ("陽菜", "ひな"), ("遥", "はるか"),
    ("茜", "あかね"), ("楓", "かえで"), ("七海", "ななみ"), ("美月", "みづき"), ("葵", "あおい"),
];

/// Words for company names.
#[rustfmt::skip]
const WORDS: &[&str] = &[
    "アオバ", "ミライ", "ひまわり", "サクラ", "ルミナ", "グローブ", "フォレスト", "ブルーム", "リーフ",
    "ソレイユ", "エール", "ココロ", "ヒカリ", "つばさ", "コンパス", "ネクスト", "リンク", "スマイル",
    "オーシャン", "ステラ", "アトラス", "クローバー", "みどり", "あおぞら", "いろは", "ユニティ", "ノース",
    "ミナト", "ハーバー", "ポラリス", "カナデ", "ひより", "はぐくみ", "和楽", "結", "縁", "灯", "翠",
];

#[rustfmt::skip]
const SCHOOLS: &[&str] = &[
    "早稲田大学", "慶應義塾大学", "明治大学", "日本大学", "法政大学", "立教大学", "中央大学", "青山学院大学",
    "東洋大学", "駒澤大学", "横浜国立大学", "千葉大学", "関西大学", "九州大学", "東北大学", "北海道大学",
];

/// Who asks look for, in the words members use.
#[rustfmt::skip]
const ROLES: &[&str] = &[
    "税理士", "社長", "人事部長", "経営者", "看護師", "保育士", "弁護士", "エンジニア", "美容師",
    "不動産営業", "医師", "薬剤師", "編集者", "Webデザイナー", "社会保険労務士", "カメラマン", "大学教授",
    "ファイナンシャルプランナー", "ケアマネジャー", "店長",
];
#[rustfmt::skip]
const BUSINESSES: &[&str] = &[
    "飲食店", "美容室", "工務店", "不動産会社", "IT企業", "介護施設", "歯科医院", "学習塾", "保育園",
    "整体院", "カフェ", "パン屋", "製造業の会社", "物流会社", "ネイルサロン",
];
#[rustfmt::skip]
const AGES: &[&str] = &["20代", "30代", "40代", "50代", "60代", "20代後半", "30代前半", "40代以上", "アラフォー", "30〜40代"];
const GENDERS: &[&str] = &["男性", "女性", "方", "ママ", "お父さん"];
const SIZES: &[&str] = &["10", "30", "50", "100", "300"];

/// A trade: industry, title, company, what they offer, and the asks they make.
struct Trade {
    industry: &'static str,
    title: &'static str,
    company: &'static str,
    offer: &'static str,
    /// Percent of women.
    female: u32,
    /// Works where they live.
    local: bool,
    circle: (&'static str, &'static str),
    wants: &'static [&'static str],
}

#[rustfmt::skip]
const TRADES: &[Trade] = &[
    Trade { industry: "税理士事務所", title: "所長・税理士|税理士", company: "{姓}税理士事務所|税理士法人{w}",
        offer: "創業融資と決算申告、相続税のご相談に対応しています。クラウド会計の導入支援も得意です。", female: 35, local: false,
        circle: ("士業交流会", "税理士・社労士・司法書士など士業{n}名ほどで毎月情報交換をしています。"),
        wants: &["創業1年目の、{ward}の飲食店オーナーを紹介してください", "事業承継を考えている、{pref}の社長を紹介してください",
                 "相続について悩んでいる、60代の地主さんを紹介してください"] },
    Trade { industry: "社労士事務所", title: "社会保険労務士", company: "{姓}社会保険労務士事務所",
        offer: "就業規則の作成と助成金の申請、労務トラブルのご相談を承ります。", female: 50, local: false,
        circle: ("士業交流会", "士業{n}名ほどの勉強会です。"),
        wants: &["従業員{size}名以上の会社の人事部長を紹介してください", "はじめて社員を雇う予定の経営者を紹介してください"] },
    Trade { industry: "美容室", title: "オーナー美容師|スタイリスト", company: "美容室{w}|Hair Salon {w}",
        offer: "{ward}で美容室を経営して{years}年。カットとカラーが得意です。", female: 55, local: true,
        circle: ("美容師の勉強会", "美容室オーナー{n}名ほどで技術と経営の勉強会をしています。"),
        wants: &["{ward}に住んでいる、{age}の女性を紹介してください。新メニューのモニターをお願いしたいです",
                 "美容室の内装に強い内装業者さんを紹介してください"] },
    Trade { industry: "整体院", title: "院長", company: "{w}整体院|整体院{w}",
        offer: "肩こり・腰痛の整体院です。デスクワークの方の来院が多く、出張施術もできます。", female: 25, local: true,
        circle: ("地域の治療院ネットワーク", "{ward}周辺の整体・鍼灸院の先生方{n}名ほどと患者さんを紹介し合っています。"),
        wants: &["{ward}で働いている、腰痛に悩む40代の会社員を紹介してください", "マラソンが趣味の、{ward}在住の方を紹介してください"] },
    Trade { industry: "工務店", title: "代表取締役", company: "{w}工務店|株式会社{w}ホーム",
        offer: "{pref}で注文住宅とリフォームを手がけています。", female: 10, local: true,
        circle: ("{ward}の商店会", "商店会の役員として、近所の店主さん{n}名ほどと毎月顔を合わせています。"),
        wants: &["{ward}で家を建てたい、30代の子育て中の夫婦を紹介してください", "{pref}の不動産会社の社長を紹介してください"] },
    Trade { industry: "不動産", title: "宅地建物取引士|営業部長", company: "{w}不動産|株式会社{w}エステート",
        offer: "{ward}周辺の賃貸と売買の仲介をしています。", female: 30, local: true,
        circle: ("{ward}の商店会", "商店会で{n}名ほどの店主さんとつながっています。"),
        wants: &["{ward}で店舗物件を探している飲食店オーナーを紹介してください", "相続した空き家に悩む、{pref}在住の方を紹介してください"] },
    Trade { industry: "IT・ソフトウェア", title: "エンジニア|CTO|代表取締役", company: "株式会社{w}テック|{w}ラボ株式会社",
        offer: "業務システムとスマホアプリの受託開発をしています。", female: 20, local: false,
        circle: ("エンジニア勉強会", "{n}名ほどのエンジニアが毎月集まる勉強会を主催しています。"),
        wants: &["DXに取り組みたい、従業員{size}名以上の製造業の社長を紹介してください", "{age}のフロントエンドエンジニアを紹介してください"] },
    Trade { industry: "Web制作", title: "Webデザイナー|ディレクター", company: "{w}デザイン|デザイン事務所{w}",
        offer: "小さなお店のホームページ制作とSNS運用をお手伝いしています。", female: 50, local: false,
        circle: ("フリーランス交流会", "フリーランス{n}名ほどのSlackで仕事を紹介し合っています。"),
        wants: &["ホームページをリニューアルしたい、{ward}のカフェのオーナーを紹介してください", "開業予定の整体院の先生を紹介してください"] },
    Trade { industry: "保険代理店", title: "ファイナンシャルプランナー", company: "{w}保険サービス|株式会社{w}ライフ",
        offer: "家計の見直しと法人保険のご相談に乗っています。", female: 45, local: false,
        circle: ("FPの勉強会", "FP{n}名ほどで事例を持ち寄っています。"),
        wants: &["子育て中の、{ward}在住のお父さんを紹介してください", "退職金の運用に悩む、60代の方を紹介してください"] },
    Trade { industry: "飲食店", title: "オーナーシェフ|店長", company: "ビストロ{w}|居酒屋{w}|カフェ{w}",
        offer: "{ward}で{years}年、地元の食材を使ったお店をやっています。貸切もできます。", female: 35, local: true,
        circle: ("{ward}の飲食店仲間", "近所の飲食店オーナー{n}名ほどのLINEグループです。"),
        wants: &["宴会の幹事をよくする、{ward}で働いている方を紹介してください", "{pref}の農家さんを紹介してください"] },
    Trade { industry: "学習塾", title: "塾長", company: "{w}個別指導塾|{w}アカデミー",
        offer: "小中学生向けの個別指導塾です。中学受験の相談も受けています。", female: 40, local: true,
        circle: ("PTA", "子どもの小学校のPTAで{n}名ほどの保護者とつながりがあります。"),
        wants: &["{ward}に住んでいる、小学生の子どもがいるママを紹介してください", "塾講師をしてくれる大学生を紹介してください"] },
    Trade { industry: "介護", title: "施設長|ケアマネジャー", company: "{w}ケアサービス|デイサービス{w}",
        offer: "{ward}でデイサービスと訪問介護をしています。", female: 65, local: true,
        circle: ("介護事業者の連絡会", "{ward}の介護事業者{n}名ほどの連絡会です。"),
        wants: &["親の介護に悩む、{ward}在住の50代の方を紹介してください", "介護職に興味のある、{age}の方を紹介してください"] },
    Trade { industry: "人材紹介", title: "キャリアアドバイザー|代表取締役", company: "株式会社{w}キャリア",
        offer: "IT・営業職の転職支援と、中小企業の採用支援をしています。", female: 50, local: false,
        circle: ("人事担当者の会", "人事担当者{n}名ほどの情報交換会を運営しています。"),
        wants: &["採用に困っている、従業員{size}名以上の会社の人事部長を紹介してください", "転職を考えている30代の営業職を紹介してください"] },
    Trade { industry: "広告・PR", title: "営業部長|プランナー", company: "株式会社{w}エージェンシー",
        offer: "地域のお店のチラシとWeb広告をまとめてお引き受けします。", female: 40, local: false,
        circle: ("広告業界の同期会", "{n}名ほどの同業の集まりです。"),
        wants: &["新商品を出す予定の、{pref}の食品メーカーの社長を紹介してください", "{hobby}が好きなインフルエンサーを紹介してください"] },
    Trade { industry: "写真スタジオ", title: "フォトグラファー", company: "{w}フォトスタジオ",
        offer: "七五三と家族写真、企業のプロフィール写真を撮っています。", female: 40, local: true,
        circle: ("写真仲間", "{n}名ほどの写真好きと撮影会をしています。"),
        wants: &["{ward}に住んでいる、七五三を控えたご家族を紹介してください", "プロフィール写真を撮りたい経営者を紹介してください"] },
    Trade { industry: "歯科医院", title: "院長・歯科医師", company: "{姓}歯科クリニック",
        offer: "予防歯科と小児歯科に力を入れています。企業向けの歯科健診も承ります。", female: 30, local: true,
        circle: ("{school}のOB会", "{school}の同窓生{n}名ほどと年に数回集まっています。"),
        wants: &["健康経営に関心のある、従業員{size}名以上の会社の総務担当を紹介してください", "歯科衛生士を紹介してください"] },
    Trade { industry: "製造業", title: "代表取締役社長|工場長", company: "{w}工業株式会社|株式会社{w}製作所",
        offer: "精密部品の加工をしています。試作一個からご相談ください。", female: 10, local: false,
        circle: ("{pref}の経営者の会", "{pref}の中小企業の経営者{n}名ほどの会です。"),
        wants: &["{pref}で工場を経営している、後継ぎのいない社長を紹介してください", "海外展開に詳しい方を紹介してください"] },
    Trade { industry: "会社員", title: "営業|マーケティング担当|人事", company: "株式会社{w}|{w}商事株式会社",
        offer: "{industry}の営業をしています。社外の方とのつながりを広げたいです。", female: 45, local: false,
        circle: ("{school}のOB会", "{school}の同窓生{n}名ほどと年に数回集まっています。"),
        wants: &["{hobby}が好きな、{ward}で働いている{age}の方を紹介してください", "副業に興味のある{age}の会社員と繋がりたいです"] },
];

/// Asks anyone makes, clear and thin: `{slot}` fills, `|` alternatives.
#[rustfmt::skip]
const ASKS: &[(&str, u32)] = &[
    ("{ward}に住んでいる、{age}の{gender}を紹介してください", 8),
    ("{ward}在住で{hobby}が趣味の{age}の{gender}と繋がりたいです", 6),
    ("{ward}で{business}を経営している方を紹介してください", 6),
    ("{pref}の{business}の経営者を紹介してください", 4),
    ("{ward}で働いている{role}を紹介してください", 5),
    ("{hobby}仲間を探しています。{ward}周辺の方だと嬉しいです", 4),
    ("{role}を紹介してください", 4),
    ("従業員{size}名以上の会社の{role}を紹介してください", 3),
    ("{hobby}が好きな{role}を紹介してください", 3),
    ("{pref}出身の{age}の{role}と繋がりたいです", 3),
    ("子育て中の、{ward}在住のママを紹介してください", 2),
    ("{ward}で開業予定の方を紹介してください", 2),
    ("経営者の方を紹介してください", 2),
    ("{pref}の人を紹介してください", 2),
    ("誰でも良いので紹介してください", 1),
    ("元気な人と繋がりたいです", 1),
    ("お金持ちの人を紹介してください", 1),
    ("うちの商品を買ってくれる人を紹介してください", 1),
];

#[rustfmt::skip]
const PREFIXES: &[(&str, u32)] = &[("", 12), ("【急募】", 1), ("来月の交流会で、", 1), ("もしご存じでしたら、", 1), ("新規事業のため、", 1)];

/// Fills `{slot}`s (and picks among `|` alternatives) for a member.
fn fill(rng: &mut Rng, world: &World, template: &str, ctx: &Ctx) -> String {
    let template = rng.alt(template);
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let key = &rest[open + 1..open + close];
        let value: String = match key {
            // mostly the member's own area, sometimes elsewhere
            "ward" if rng.chance(0.7) => ctx.home.name.clone(),
            "ward" => world.home(rng).name,
            "pref" if rng.chance(0.7) => ctx.home.prefecture.clone(),
            "pref" => world.home(rng).prefecture,
            "姓" => ctx.family.to_string(),
            "w" => rng.pick(WORDS).to_string(),
            "school" => ctx.school.to_string(),
            "industry" => rng.pick(BUSINESSES).to_string(),
            "n" => rng.range(10, 200).to_string(),
            "years" => rng.range(2, 25).to_string(),
            "age" => rng.pick(AGES).to_string(),
            "gender" => rng.pick(GENDERS).to_string(),
            "role" => rng.pick(ROLES).to_string(),
            "business" => rng.pick(BUSINESSES).to_string(),
            "size" => rng.pick(SIZES).to_string(),
            "hobby" => world.interests.draw(rng).1.clone(),
            _ => format!("{{{key}}}"),
        };
        out.push_str(&value);
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

struct Ctx {
    home: Place,
    family: &'static str,
    school: &'static str,
    trade: usize,
}

struct Person {
    new: NewMember,
    /// JSON of `antenna_matching::Profile`.
    profile: String,
    circles: Vec<(String, String)>,
    ctx: Ctx,
}

fn visibility(rng: &mut Rng) -> &'static str {
    match rng.below(10) {
        0 => "private",
        1 | 2 => "public",
        _ => "members",
    }
}

/// Member `i` (0 is the organizer).
fn person(rng: &mut Rng, world: &World, i: usize, now: i64) -> Person {
    let trade_i = rng.below(TRADES.len());
    let trade = &TRADES[trade_i];
    let (family, family_kana) = *rng.pick(FAMILY);
    let gender = if rng.below(100) < trade.female as usize {
        Gender::Female
    } else {
        Gender::Male
    };
    let (given, given_kana) = *rng.pick(if gender == Gender::Female {
        FEMALE
    } else {
        MALE
    });
    let home = world.home(rng);
    let ctx = Ctx {
        home: home.clone(),
        family,
        school: SCHOOLS[rng.below(SCHOOLS.len())],
        trade: trade_i,
    };
    let this_year = antenna_web::i18n::year_jst(now);
    let birth_year = this_year - rng.range(24, 68) as i32;
    let work = if trade.local {
        home.clone()
    } else if rng.chance(0.6) {
        world.wards.draw(rng).clone()
    } else {
        home.clone()
    };
    let area = |p: &Place| json!({ "prefecture": p.prefecture, "municipality": p.name });

    let mut profile = serde_json::Map::new();
    if rng.chance(0.9) {
        profile.insert(
            "gender".into(),
            json!({ "value": gender, "visibility": visibility(rng) }),
        );
    }
    if rng.chance(0.8) {
        profile.insert(
            "birth_year".into(),
            json!({ "value": birth_year, "visibility": visibility(rng) }),
        );
    }
    profile.insert(
        "residence".into(),
        json!({ "value": area(&home), "visibility": visibility(rng) }),
    );
    if rng.chance(0.85) {
        profile.insert(
            "work_area".into(),
            json!({ "value": area(&work), "visibility": visibility(rng) }),
        );
    }
    let mut topics: Vec<String> = Vec::new();
    for _ in 0..rng.range(1, 4) {
        let id = &world.interests.draw(rng).0;
        if !topics.contains(id) {
            topics.push(id.clone());
        }
    }
    let interests: Vec<_> = topics
        .iter()
        .map(
            |t| json!({ "topic": t, "intensity": if rng.chance(0.2) { "high" } else { "normal" } }),
        )
        .collect();
    profile.insert(
        "interests".into(),
        json!({ "value": interests, "visibility": visibility(rng) }),
    );
    if rng.chance(0.5) {
        profile.insert(
            "company_size".into(),
            json!({ "value": rng.range(1, 300), "visibility": visibility(rng) }),
        );
    }
    let profile = serde_json::Value::Object(profile).to_string();

    let mut circles = vec![(
        fill(rng, world, trade.circle.0, &ctx),
        fill(rng, world, trade.circle.1, &ctx),
    )];
    if rng.chance(0.5) {
        let other = match rng.below(3) {
            0 => (
                "{ward}の商店会",
                "商店会の役員として、近所の店主さん{n}名ほどと毎月顔を合わせています。",
            ),
            1 => (
                "{hobby}サークル",
                "{ward}で{n}名ほどの{hobby}好きが毎月集まっています。",
            ),
            _ => (
                "{school}のOB会",
                "{school}の同窓生{n}名ほどと年に数回集まっています。",
            ),
        };
        circles.push((
            fill(rng, world, other.0, &ctx),
            fill(rng, world, other.1, &ctx),
        ));
    }

    let (email, role) = if i == 0 {
        (format!("organizer@{DOMAIN}"), Role::Organizer)
    } else {
        (format!("member{i:05}@{DOMAIN}"), Role::Member)
    };
    let new = NewMember {
        email,
        role: Some(role),
        status: Some(MemberStatus::Active),
        family_name: family.to_string(),
        given_name: given.to_string(),
        family_kana: family_kana.to_string(),
        given_kana: given_kana.to_string(),
        company: fill(rng, world, trade.company, &ctx),
        title: rng.alt(trade.title).to_string(),
        industry: trade.industry.to_string(),
        offer: fill(rng, world, trade.offer, &ctx),
        lang: Some("ja".into()),
        password_hash: None,
    };
    Person {
        new,
        profile,
        circles,
        ctx,
    }
}

struct Plan {
    /// Index into the people.
    author: usize,
    text: String,
    status: AskStatus,
    expires_on: Option<String>,
    at: i64,
}

fn plan_ask(rng: &mut Rng, world: &World, people: &[Person], now: i64) -> Plan {
    // some members ask a lot, most a little (the organizer too, rarely)
    let n = people.len();
    let author = ((rng.unit().powf(1.6) * n as f64) as usize).min(n - 1);
    let ctx = &people[author].ctx;
    let template = if rng.chance(0.4) {
        *rng.pick(TRADES[ctx.trade].wants)
    } else {
        let total: u32 = ASKS.iter().map(|a| a.1).sum();
        let mut r = rng.below(total as usize) as u32;
        let mut t = ASKS[0].0;
        for &(a, w) in ASKS {
            if r < w {
                t = a;
                break;
            }
            r -= w;
        }
        t
    };
    let total: u32 = PREFIXES.iter().map(|p| p.1).sum();
    let mut r = rng.below(total as usize) as u32;
    let mut prefix = "";
    for &(p, w) in PREFIXES {
        if r < w {
            prefix = p;
            break;
        }
        r -= w;
    }
    let text = format!("{prefix}{}", fill(rng, world, template, ctx));
    let status = match rng.below(100) {
        0..=84 => AskStatus::Published,
        85..=89 => AskStatus::Draft,
        90..=93 => AskStatus::Paused,
        94..=97 => AskStatus::Fulfilled,
        _ => AskStatus::Closed,
    };
    let at = now - rng.range(600, 180 * DAY);
    let expires_on = if rng.chance(0.15) {
        // most in the future, a few already past (hidden from the board)
        let day = if rng.chance(0.8) {
            now + rng.range(1, 90) * DAY
        } else {
            now - rng.range(1, 30) * DAY
        };
        Some(antenna_web::i18n::today_jst(day))
    } else {
        None
    };
    Plan {
        author,
        text,
        status,
        expires_on,
        at,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_replaces_slots() {
        let mut rng = Rng(7);
        let world_places = Place {
            prefecture: "東京都".into(),
            name: "世田谷区".into(),
        };
        let ctx = Ctx {
            home: world_places,
            family: "佐藤",
            school: "明治大学",
            trade: 0,
        };
        // a world without the engine: only the slots that do not need it
        let world = World {
            nation: Weighted::new([(ctx.home.clone(), 1.0)]),
            kanto: Weighted::new([(ctx.home.clone(), 1.0)]),
            wards: Weighted::new([(ctx.home.clone(), 1.0)]),
            interests: Weighted::new([(("golf".to_string(), "ゴルフ".to_string()), 1.0)]),
        };
        let s = fill(
            &mut rng,
            &world,
            "{ward}の{hobby}好きな{姓}さん（{school}）",
            &ctx,
        );
        assert_eq!(s, "世田谷区のゴルフ好きな佐藤さん（明治大学）");
        assert!(!fill(&mut rng, &world, "{age}の{gender}|{role}", &ctx).contains('{'));
    }

    #[test]
    fn weighted_draws_follow_weights() {
        let w = Weighted::new([("a", 1.0), ("b", 0.0), ("c", 3.0)]);
        let mut rng = Rng(1);
        let mut counts = HashMap::new();
        for _ in 0..4000 {
            *counts.entry(*w.draw(&mut rng)).or_insert(0) += 1;
        }
        assert!(!counts.contains_key("b"));
        assert!((800..1200).contains(&counts["a"]), "{counts:?}");
    }
}
