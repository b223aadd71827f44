//! Throughput of the ask engine, single-threaded, on a generated corpus.
//!
//! ```text
//! cargo bench -p antenna-ask --bench throughput                 # 100,000 asks
//! cargo bench -p antenna-ask --bench throughput -- 20000        # corpus size as argument
//! ANTENNA_BENCH_ASKS=500000 cargo bench -p antenna-ask --bench throughput
//! ```
//!
//! Measures, in one run: dictionary load time (`dict::load`, several
//! repetitions), tokenization alone over the corpus (`Engine::tokenize_only`,
//! the baseline), the full `Engine::check` over the corpus (after a warm-up
//! pass), their ratio, and peak resident memory (VmHWM). Prints a Markdown
//! table. The corpus is generated from templates with a fixed-seed PRNG, so
//! every run reads the same asks (about 75% Japanese, 25% English).
//!
//! `ANTENNA_BENCH_SHOW=20` prints the first 20 asks of the corpus to stderr.
//!
//! Without `--bench` (as under `cargo test --all-targets`) it does a quick
//! smoke run over 2,000 asks instead, unless a size is given.

use std::hint::black_box;
use std::time::{Duration, Instant};

use antenna_ask::{dict, Engine, Lang};

const DEFAULT_ASKS: usize = 100_000;
const SMOKE_ASKS: usize = 2_000;
const SEED: u64 = 0x5EED_A57E_77A0_2024;

// ---------------------------------------------------------------------------
// PRNG: ChaCha8 from a fixed seed, for picking template slots deterministically.

struct Rng(rand_chacha::ChaCha8Rng);

impl Rng {
    fn new(seed: u64) -> Self {
        use rand::SeedableRng;
        Rng(rand_chacha::ChaCha8Rng::seed_from_u64(seed))
    }

    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: usize) -> usize {
        use rand::Rng as _;
        self.0.random_range(0..n)
    }

    /// True with probability `pct` percent.
    fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct as usize
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

// ---------------------------------------------------------------------------
// Japanese slots.

const JA_AGES: &[&str] = &[
    "30代",
    "20代後半",
    "40歳以上",
    "三十代",
    "３０代",
    "40代",
    "50代前半",
    "20代",
    "30代前半",
    "40代後半",
    "60歳以上",
    "アラサー",
    "アラフォー",
    "35歳前後",
    "25〜35歳",
    "五十代",
    "４０代",
    "30歳以下",
    "若手",
];
const JA_GENDERS: &[&str] = &["男性", "女性", "女性の方", "男性の方", "ママ", "主婦"];
const JA_PLACES: &[&str] = &[
    "世田谷区",
    "横浜市",
    "都内",
    "渋谷駅周辺",
    "大阪府",
    "福岡",
    "名古屋市",
    "港区",
    "札幌市",
    "神奈川県",
    "川崎市中原区",
    "京都",
    "千葉県",
    "さいたま市",
    "品川区",
    "横浜市青葉区",
    "新宿",
    "北海道",
    "沖縄県",
    "仙台市",
    "神戸市",
    "目黒区",
    "吉祥寺",
    "湘南エリア",
];
const JA_PLACE_REL: &[&str] = &[
    "在住の",
    "に住んでいる",
    "で働いている",
    "出身の",
    "の",
    "にお住まいの",
    "に勤務している",
];
const JA_ROLES: &[&str] = &[
    "社長",
    "経営者",
    "オーナー",
    "税理士",
    "人事部長",
    "代表取締役",
    "役員",
    "弁護士",
    "社会保険労務士",
    "エンジニア",
    "デザイナー",
    "営業マン",
    "医師",
    "院長",
    "CFO",
    "店長",
    "フリーランス",
    "起業家",
    "不動産投資家",
    "看護師",
];
const JA_INDUSTRIES: &[&str] = &[
    "IT企業",
    "飲食店",
    "工務店",
    "不動産会社",
    "歯科医院",
    "美容室",
    "製造業",
    "ラーメン屋",
    "保険会社",
    "広告代理店",
    "ITベンチャー",
    "建設会社",
    "介護施設",
    "物流会社",
    "スタートアップ",
    "コンサルティング会社",
    "整骨院",
    "学習塾",
];
const JA_INTERESTS: &[&str] = &[
    "フットサル",
    "ゲーム",
    "キャンプ",
    "ゴルフ",
    "サウナ",
    "釣り",
    "マラソン",
    "ワイン",
    "登山",
    "読書",
    "筋トレ",
    "サーフィン",
    "将棋",
    "アニメ",
    "テニス",
    "料理",
    "日本酒",
    "ヨガ",
];
const JA_INTENSITY: &[&str] = &[
    "廃人レベルの",
    "毎週末",
    "ガチ勢の",
    "本格的に",
    "週3で",
    "大好きな",
    "年100回",
    "",
];
const JA_NUMERIC: &[&str] = &[
    "30坪以上",
    "月収100万円以上",
    "従業員50〜200名",
    "年商1億円以上",
    "年商1億2千万円以上",
    "三十坪以上",
    "五店舗",
    "従業員10名以上",
    "年収1000万円以上",
    "資本金3000万円",
    "創業20年以上",
    "３店舗以上",
    "フォロワー1万人以上",
    "築30年以内",
    "月商500万円",
    "経験5年以上",
];
const JA_VAGUE: &[&str] = &[
    "元気な人",
    "お金を稼いでいる人",
    "誰か",
    "面白い人",
    "優しい人",
    "いい人",
    "成功している人",
    "前向きな人",
    "人脈の広い方",
    "すごい人",
];
const JA_ANYONE: &[&str] = &[
    "誰でも良いので",
    "誰でもいいので",
    "どんな人でもいいので",
    "業種は問わないので",
];
const JA_FRAMES: &[&str] = &[
    "を紹介してください。",
    "と繋がりたいです。",
    "を探しています。",
    "にお会いしたいです。",
    "を紹介していただけると嬉しいです。",
    "をご紹介いただけませんか？",
    "と知り合いたいです！",
    "を紹介して下さい",
    "の方がいれば繋いでください。",
    "と話してみたい",
];
const JA_PREFIXES: &[&str] = &[
    "",
    "",
    "",
    "",
    "できれば",
    "急ぎで、",
    "来月の交流会で、",
    "新規事業のために、",
    "採用の相談で、",
    "【急募】",
    "どなたか、",
];
const JA_HEADS: &[&str] = &["方", "人", "方々", "仲間"];

/// A head noun for an ask: a gender, a role or a generic 方.
fn ja_head(r: &mut Rng) -> String {
    match r.below(3) {
        0 => r.pick(JA_GENDERS).to_string(),
        1 => r.pick(JA_ROLES).to_string(),
        _ => r.pick(JA_HEADS).to_string(),
    }
}

fn ja_ask(r: &mut Rng) -> String {
    let mut s = String::from(r.pick(JA_PREFIXES));
    match r.below(10) {
        // place + age + gender
        0 | 1 => {
            s += r.pick(JA_PLACES);
            s += r.pick(JA_PLACE_REL);
            if r.chance(50) {
                s += "、";
            }
            s += r.pick(JA_AGES);
            if r.chance(60) {
                s += "の";
            }
            s += r.pick(JA_GENDERS);
        }
        // role in an industry in a place
        2 | 3 => {
            s += r.pick(JA_PLACES);
            s += "で";
            s += r.pick(JA_INDUSTRIES);
            s += if r.chance(50) {
                "を経営している"
            } else {
                "の"
            };
            s += r.pick(JA_ROLES);
            if r.chance(30) {
                s += "さん";
            }
        }
        // interest with intensity
        4 | 5 => {
            s += r.pick(JA_INTENSITY);
            s += r.pick(JA_INTERESTS);
            s += if r.chance(50) {
                "が好きな"
            } else {
                "にハマっている"
            };
            if r.chance(50) {
                s += r.pick(JA_AGES);
                if r.chance(50) {
                    s += "の";
                }
            }
            s += &ja_head(r);
        }
        // numbers
        6 | 7 => {
            s += r.pick(JA_NUMERIC);
            s += "の";
            s += r.pick(JA_INDUSTRIES);
            s += "の";
            s += r.pick(JA_ROLES);
        }
        // vague
        8 => {
            if r.chance(40) {
                s += r.pick(JA_ANYONE);
                s += "、";
            }
            s += r.pick(JA_VAGUE);
            if r.chance(30) {
                s += "や";
                s += r.pick(JA_VAGUE);
            }
        }
        // a long, mixed ask
        _ => {
            s += r.pick(JA_PLACES);
            s += "出身で、いまは";
            s += r.pick(JA_PLACES);
            s += "で";
            s += r.pick(JA_INDUSTRIES);
            s += "を経営している";
            s += r.pick(JA_AGES);
            s += "の";
            s += r.pick(JA_GENDERS);
            s += "で、";
            s += r.pick(JA_INTENSITY);
            s += r.pick(JA_INTERESTS);
            s += "が趣味の";
            s += &ja_head(r);
        }
    }
    s += r.pick(JA_FRAMES);
    s
}

// ---------------------------------------------------------------------------
// English slots.

const EN_GENDERS: &[&str] = &["Men", "Women", "Moms", "Dads"];
const EN_AGES: &[&str] = &[
    "in their 30s",
    "in their late 20s",
    "over 40",
    "in their early 50s",
    "aged 25-35",
    "under 30",
];
const EN_PLACES: &[&str] = &[
    "Denver",
    "Ohio",
    "Austin",
    "Brooklyn",
    "the Bay Area",
    "Seattle",
    "Chicago",
    "Texas",
    "Boston",
    "London",
    "Tokyo",
    "California",
    "Miami",
];
const EN_ROLES: &[&str] = &[
    "CFOs",
    "founders",
    "CEOs",
    "accountants",
    "HR managers",
    "lawyers",
    "dentists",
    "product managers",
    "real estate investors",
    "software engineers",
    "owners",
    "VPs of sales",
];
const EN_INDUSTRIES: &[&str] = &[
    "manufacturing",
    "SaaS",
    "restaurant",
    "construction",
    "logistics",
    "healthcare",
    "fintech",
    "retail",
];
const EN_NUMBERS: &[&str] = &[
    "revenue over $20 million",
    "more than 50 employees",
    "at least 3 stores",
    "ARR above $5M",
    "between 50 and 200 employees",
    "over 10 years of experience",
];
const EN_INTERESTS: &[&str] = &[
    "futsal",
    "video games",
    "camping",
    "golf",
    "trail running",
    "chess",
    "surfing",
    "wine",
];
const EN_INTENSITY: &[&str] = &["every weekend", "obsessively", "competitively", "", "a lot"];
const EN_VAGUE: &[&str] = &[
    "Anyone!",
    "Someone nice.",
    "Anybody who makes good money",
    "Energetic people",
    "Just anyone, really",
];
const EN_FRAMES_PRE: &[&str] = &[
    "",
    "",
    "I'd like to meet ",
    "Looking for ",
    "Please introduce me to ",
    "Can anyone connect me with ",
];

fn en_ask(r: &mut Rng) -> String {
    let mut s = String::new();
    let body = match r.below(6) {
        0 | 1 => format!(
            "{} {} who live in {}",
            r.pick(EN_GENDERS),
            r.pick(EN_AGES),
            r.pick(EN_PLACES)
        ),
        2 => format!(
            "{} of {} companies in {} with {}",
            r.pick(EN_ROLES),
            r.pick(EN_INDUSTRIES),
            r.pick(EN_PLACES),
            r.pick(EN_NUMBERS)
        ),
        3 => {
            let i = r.pick(EN_INTENSITY);
            let b = format!(
                "{} in {} who play {} {}",
                r.pick(EN_ROLES),
                r.pick(EN_PLACES),
                r.pick(EN_INTERESTS),
                i
            );
            b.trim_end().to_string()
        }
        4 => return r.pick(EN_VAGUE).to_string(),
        _ => format!(
            "{} {} who run a {} business with {}",
            r.pick(EN_GENDERS),
            r.pick(EN_AGES),
            r.pick(EN_INDUSTRIES),
            r.pick(EN_NUMBERS)
        ),
    };
    let pre = r.pick(EN_FRAMES_PRE);
    if pre.is_empty() {
        s += &body;
    } else {
        s += pre;
        // lower-case the first letter after a frame, unless it starts an acronym (CFOs, VPs)
        let mut cs = body.chars();
        match (cs.next(), body.chars().nth(1)) {
            (Some(c), Some(d)) if !d.is_uppercase() => {
                s.extend(c.to_lowercase());
                s += cs.as_str();
            }
            _ => s += &body,
        }
    }
    s += if r.chance(50) { "." } else { "" };
    s.trim_end().to_string()
}

/// The corpus: `n` asks, about three in four Japanese.
fn corpus(n: usize) -> Vec<String> {
    let mut r = Rng::new(SEED);
    (0..n)
        .map(|_| {
            if r.chance(75) {
                ja_ask(&mut r)
            } else {
                en_ask(&mut r)
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Measurement helpers.

/// A field of /proc/self/status in kB (VmHWM, VmRSS), if available.
fn status_kb(field: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    s.lines()
        .find(|l| l.starts_with(field) && l[field.len()..].starts_with(':'))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
}

fn mib(kb: Option<u64>) -> String {
    kb.map_or_else(
        || "n/a".to_string(),
        |k| format!("{:.1} MiB", k as f64 / 1024.0),
    )
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn per_sec(n: usize, d: Duration) -> f64 {
    n as f64 / d.as_secs_f64()
}

fn median(v: &mut [Duration]) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn thousands(x: f64) -> String {
    let s = format!("{:.0}", x);
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// One timed pass over the corpus.
#[derive(Default)]
struct Pass {
    total: Duration,
    /// Time spent on Japanese and English asks.
    ja: Duration,
    en: Duration,
    ja_n: usize,
    en_n: usize,
    /// Tokens (tokenize pass) or criteria (check pass).
    items: usize,
    findings: usize,
    errors: usize,
    latencies: Vec<Duration>,
}

fn tokenize_pass(engine: &Engine, asks: &[String], langs: &[Lang]) -> Pass {
    let mut p = Pass::default();
    let t = Instant::now();
    for (a, lang) in asks.iter().zip(langs) {
        let t1 = Instant::now();
        p.items += engine.tokenize_only(black_box(a));
        let d = t1.elapsed();
        if *lang == Lang::Ja {
            p.ja += d;
            p.ja_n += 1;
        } else {
            p.en += d;
            p.en_n += 1;
        }
    }
    p.total = t.elapsed();
    p
}

fn check_pass(engine: &Engine, asks: &[String], langs: &[Lang]) -> Pass {
    let mut p = Pass {
        latencies: Vec::with_capacity(asks.len()),
        ..Pass::default()
    };
    let t = Instant::now();
    for (a, lang) in asks.iter().zip(langs) {
        let t1 = Instant::now();
        let r = engine.check(black_box(a));
        let d = t1.elapsed();
        match &r {
            Ok(r) => {
                p.items += r.criteria.len();
                p.findings += r.findings.len();
            }
            Err(_) => p.errors += 1,
        }
        if *lang == Lang::Ja {
            p.ja += d;
            p.ja_n += 1;
        } else {
            p.en += d;
            p.en_n += 1;
        }
        p.latencies.push(d);
        black_box(r.ok());
    }
    p.total = t.elapsed();
    p
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let bench_mode = args.iter().any(|a| a == "--bench");
    let size = args
        .iter()
        .find_map(|a| a.replace('_', "").parse::<usize>().ok())
        .or_else(|| {
            std::env::var("ANTENNA_BENCH_ASKS")
                .ok()
                .and_then(|v| v.replace('_', "").parse().ok())
        })
        .unwrap_or(if bench_mode { DEFAULT_ASKS } else { SMOKE_ASKS })
        .max(1);
    let load_reps = if bench_mode { 7 } else { 1 };
    let passes = if bench_mode { 3 } else { 1 };

    let hwm_start = status_kb("VmHWM");
    let asks = corpus(size);
    let chars: usize = asks.iter().map(|a| a.chars().count()).sum();
    let ja = asks
        .iter()
        .filter(|a| antenna_ask::detect_lang(a) == Lang::Ja)
        .count();
    let hwm_corpus = status_kb("VmHWM");
    if let Some(k) = std::env::var("ANTENNA_BENCH_SHOW")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
    {
        for a in asks.iter().take(k) {
            eprintln!("{a}");
        }
    }

    // (a) dictionary load time
    let path = dict::default_path();
    if !path.exists() {
        eprintln!(
            "throughput: {} is missing; run scripts/setup-dict.sh and `antenna dict build` first",
            path.display()
        );
        std::process::exit(2);
    }
    let mut loads = Vec::with_capacity(load_reps);
    for _ in 0..load_reps {
        let t = Instant::now();
        let d = dict::load(&path).expect("load dictionary");
        loads.push(t.elapsed());
        drop(black_box(d));
    }
    let load_min = *loads.iter().min().expect("at least one load");
    let load_med = median(&mut loads);
    let t = Instant::now();
    let engine = Engine::new(dict::load(&path).expect("load dictionary")).expect("engine");
    let engine_load = t.elapsed();
    let hwm_loaded = status_kb("VmHWM");

    let warm = size.min(10_000);
    let langs: Vec<Lang> = asks.iter().map(|a| antenna_ask::detect_lang(a)).collect();

    // warm-up passes for both measures
    for a in &asks[..warm] {
        black_box(engine.tokenize_only(black_box(a)));
        let _ = black_box(engine.check(black_box(a)));
    }
    // (b) tokenization alone and (c) the full check, in alternating passes
    // (so both see the same machine load); the best pass of each counts.
    let mut tok_passes: Vec<Pass> = Vec::with_capacity(passes);
    let mut full_passes: Vec<Pass> = Vec::with_capacity(passes);
    for _ in 0..passes {
        tok_passes.push(tokenize_pass(&engine, &asks, &langs));
        full_passes.push(check_pass(&engine, &asks, &langs));
    }
    let tok_median = median(&mut tok_passes.iter().map(|p| p.total).collect::<Vec<_>>());
    let full_median = median(&mut full_passes.iter().map(|p| p.total).collect::<Vec<_>>());
    let tok = tok_passes
        .into_iter()
        .min_by_key(|p| p.total)
        .expect("a pass");
    let mut full = full_passes
        .into_iter()
        .min_by_key(|p| p.total)
        .expect("a pass");
    let (tok_time, tokens) = (tok.total, tok.items);
    let full_time = full.total;
    let (criteria, findings, errors) = (full.items, full.findings, full.errors);
    let (tok_ja, tok_en, ja_time, en_time) = (tok.ja, tok.en, full.ja, full.en);
    let (ja_n, en_n) = (full.ja_n, full.en_n);
    let lat = &mut full.latencies;

    let hwm_end = status_kb("VmHWM");
    lat.sort();
    let lat = &*lat;

    // (d) ratios
    let tok_rate = per_sec(size, tok_time);
    let full_rate = per_sec(size, full_time);
    let ratio = full_rate / tok_rate;
    let ok = |b: bool| if b { "met" } else { "MISSED" };

    println!();
    if !bench_mode {
        println!("(smoke run: pass `--bench`, as `cargo bench` does, for the full {DEFAULT_ASKS}-ask corpus)\n");
    }
    println!("| Measure | Value | Target |");
    println!("|---|---|---|");
    println!(
        "| Corpus | {} asks ({} Japanese, {} English), deterministic seed | ≥ 100,000 |",
        thousands(size as f64),
        thousands(ja as f64),
        thousands((size - ja) as f64)
    );
    println!(
        "| Mean ask length | {:.1} chars | |",
        chars as f64 / size as f64
    );
    println!(
        "| Dictionary load (`dict::load`, {} reps) | min {:.0} ms, median {:.0} ms | < 300 ms: {} |",
        load_reps,
        ms(load_min),
        ms(load_med),
        ok(load_min.as_millis() < 300)
    );
    println!(
        "| Engine construction (`dict::load` + `Engine::new`) | {:.0} ms | |",
        ms(engine_load)
    );
    println!(
        "| Tokenize only (`tokenize_only`, best of {}) | {} asks/s ({:.2} s; median pass {} asks/s; {:.1} tokens/ask) | baseline |",
        passes,
        thousands(tok_rate),
        tok_time.as_secs_f64(),
        thousands(per_sec(size, tok_median)),
        tokens as f64 / size as f64
    );
    println!(
        "| Full check (`check`, best of {}, after {} warm-up asks) | {} asks/s ({:.2} s; median pass {} asks/s) | ≥ 10,000/s: {} |",
        passes,
        thousands(warm as f64),
        thousands(full_rate),
        full_time.as_secs_f64(),
        thousands(per_sec(size, full_median)),
        ok(full_rate >= 10_000.0)
    );
    if ja_n > 0 && en_n > 0 {
        println!(
            "| By language: tokenize only | ja {} asks/s, en {} asks/s | |",
            thousands(per_sec(tok.ja_n, tok_ja)),
            thousands(per_sec(tok.en_n, tok_en))
        );
        println!(
            "| By language: full check | ja {} asks/s ({:.1}% of tokenize), en {} asks/s ({:.1}%) | |",
            thousands(per_sec(ja_n, ja_time)),
            100.0 * per_sec(ja_n, ja_time) / per_sec(tok.ja_n, tok_ja),
            thousands(per_sec(en_n, en_time)),
            100.0 * per_sec(en_n, en_time) / per_sec(tok.en_n, tok_en)
        );
    }
    println!(
        "| Full check latency | p50 {:.1} µs, p99 {:.1} µs, max {:.1} µs | |",
        percentile(lat, 0.5).as_secs_f64() * 1e6,
        percentile(lat, 0.99).as_secs_f64() * 1e6,
        lat.last().copied().unwrap_or_default().as_secs_f64() * 1e6
    );
    println!(
        "| Full / tokenize-only (best passes) | {:.1}% | ≥ 50%: {} |",
        ratio * 100.0,
        ok(ratio >= 0.5)
    );
    println!(
        "| Output | {:.2} criteria/ask, {:.2} findings/ask, {} errors | |",
        criteria as f64 / size as f64,
        findings as f64 / size as f64,
        errors
    );
    println!(
        "| Peak memory (VmHWM) | start {}, with corpus {}, after load {}, after runs {} | |",
        mib(hwm_start),
        mib(hwm_corpus),
        mib(hwm_loaded),
        mib(hwm_end)
    );
    println!(
        "\nSingle thread; {} ({} cores visible).",
        std::env::consts::ARCH,
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
}
