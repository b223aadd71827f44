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

// the corpus generator, beside this file
#[path = "throughput/corpus.rs"]
mod corpus;

use corpus::corpus;

const DEFAULT_ASKS: usize = 100_000;
const SMOKE_ASKS: usize = 2_000;

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
