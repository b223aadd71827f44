//! `antenna bench-seed` (hidden): fills a fresh database with a large generated
//! community for the web load benchmark (`scripts/bench-web.sh`, figures in
//! `docs/benchmarks.md`).
//!
//! The community is `antenna_fixtures`' plan for `--seed`, `--members` and
//! `--asks` (the generator the demo uses, at a larger size): members with
//! Japanese names and ふりがな, trades, profiles, circles, and asks of every
//! quality with their revisions, statuses, expiry dates (a few already past,
//! so the board hides them) and 「知り合いにいます」. Each distinct text is
//! read once by the engine (on all cores) so the stored reading is the real
//! one; everything is stored as `antenna_web::demo` stores the demo.
//!
//! The same arguments plan the same community; only timestamps follow the
//! clock. Writes go one at a time by default (ids come out in the same order
//! every run); `--jobs N` runs N at once, which is faster on PostgreSQL but
//! lets ids interleave. All members share one password (Argon2 is slow by
//! design: it is hashed once); a login is printed at the end.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use antenna_ask::dict::Lookup;
use antenna_ask::Engine;
use antenna_fixtures::{Ask, Spec};
use antenna_store::{AskDraft, Id, NewMember, Store};
use anyhow::{bail, Context};

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
    /// Seed of the generator
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

fn web(e: antenna_web::AppError) -> anyhow::Error {
    anyhow::anyhow!("{:?}", e.message)
}

pub fn run(lookup: &Lookup, args: Args) -> anyhow::Result<ExitCode> {
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
        let store = antenna_store::open(&url)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        if store.community().await?.is_some() || store.count_members().await? > 0 {
            bail!(
                "{} already holds a community: bench-seed needs an empty database",
                antenna_store::redact(&url)
            );
        }
        let t = Instant::now();
        let engine = Arc::new(crate::dict::engine(lookup)?);
        eprintln!(
            "bench-seed: {} ({}), ask engine ready in {} ms",
            antenna_store::redact(&url),
            store.backend(),
            t.elapsed().as_millis()
        );

        let t = Instant::now();
        let plan = antenna_fixtures::generate(&Spec {
            seed: args.seed,
            members: args.members,
            asks: Some(args.asks),
            domain: DOMAIN.to_string(),
        });
        eprintln!(
            "bench-seed: planned {} members and {} asks in {:.2}s",
            plan.members.len(),
            plan.asks.len(),
            t.elapsed().as_secs_f64()
        );
        // every distinct text read once (all cores)
        let t = Instant::now();
        let drafts = read_texts(&engine, &plan.asks)?;
        let t_read = t.elapsed();
        eprintln!(
            "bench-seed: {} distinct texts read in {:.2}s",
            drafts.len(),
            t_read.as_secs_f64()
        );
        let now = antenna_web::now();
        let founded = now - 400 * DAY;

        // --- members
        let t = Instant::now();
        store.create_community(COMMUNITY, founded).await?;
        let hash = antenna_web::hash_password(PASSWORD).map_err(web)?;
        let new: Vec<NewMember> = plan
            .members
            .iter()
            .map(|m| antenna_web::demo::new_member(m, &hash))
            .collect();
        let ids: Vec<Id> = store
            .import_members(&new, founded)
            .await?
            .iter()
            .map(|m| m.id)
            .collect();
        let t_members = t.elapsed();
        eprintln!(
            "bench-seed: {} members (one transaction) in {:.2}s",
            ids.len(),
            t_members.as_secs_f64()
        );

        // --- profiles and circles
        let t = Instant::now();
        let mut writes: Vec<Write> = Vec::new();
        for (i, (m, &id)) in plan.members.iter().zip(&ids).enumerate() {
            let at = founded + DAY + i as i64 * 60;
            if let Some(p) = &m.profile {
                let json = serde_json::to_string(p)?;
                writes.push(Write::Profile { id, json, at });
            }
            for c in &m.circles {
                writes.push(Write::Circle {
                    id,
                    name: c.name.clone(),
                    description: c.description.clone(),
                    at: at + 30,
                });
            }
        }
        let circles = writes
            .iter()
            .filter(|w| matches!(w, Write::Circle { .. }))
            .count();
        let profiles = writes.len() - circles;
        let shared = Arc::new(Shared { ids, drafts, now });
        run_writes(&store, &shared, writes, jobs).await?;
        let t_profiles = t.elapsed();
        eprintln!(
            "bench-seed: {profiles} profiles and {circles} circles in {:.2}s",
            t_profiles.as_secs_f64()
        );

        // --- asks
        let t = Instant::now();
        let mut by_status: HashMap<&'static str, usize> = HashMap::new();
        for a in &plan.asks {
            *by_status.entry(a.status.as_str()).or_default() += 1;
        }
        let intents: usize = plan.asks.iter().map(|a| a.intents.len()).sum();
        let writes = plan.asks.into_iter().map(Write::Ask).collect();
        run_writes(&store, &shared, writes, jobs).await?;
        let t_asks = t.elapsed();
        let total_asks = store.count_asks().await?;
        eprintln!(
            "bench-seed: {total_asks} asks and {intents} intents written in {:.2}s",
            t_asks.as_secs_f64()
        );
        store.close().await;

        let mut statuses: Vec<_> = by_status.into_iter().collect();
        statuses.sort();
        let statuses: Vec<String> = statuses.iter().map(|(s, n)| format!("{s} {n}")).collect();
        println!(
            "seeded {} ({}): {} members, {circles} circles, {total_asks} asks ({}), {intents} intents in {:.1}s \
             [members {:.1}s, profiles+circles {:.1}s, reading asks {:.1}s, writing asks {:.1}s; jobs {jobs}]",
            antenna_store::redact(&url),
            store.backend(),
            new.len(),
            statuses.join(", "),
            started.elapsed().as_secs_f64(),
            t_members.as_secs_f64(),
            t_profiles.as_secs_f64(),
            t_read.as_secs_f64(),
            t_asks.as_secs_f64(),
        );
        println!("organizer: {} password: {PASSWORD}", new[0].email);
        println!("login: {} password: {PASSWORD}", new[1].email);
        Ok(ExitCode::SUCCESS)
    })
}

// ---------------------------------------------------------------------------
// Writing.

/// What every write needs: the members' ids in plan order, the readings, the clock.
struct Shared {
    ids: Vec<Id>,
    drafts: HashMap<String, AskDraft>,
    now: i64,
}

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
    /// An ask with its revisions, intents and status, in order.
    Ask(Ask),
}

async fn apply(store: &dyn Store, shared: &Shared, w: Write) -> antenna_store::Result<()> {
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
        Write::Ask(ask) => {
            antenna_web::demo::write_ask(store, &shared.ids, &ask, &shared.drafts, shared.now).await
        }
    }
}

/// Applies the writes in order, `jobs` at a time.
async fn run_writes(
    store: &Arc<dyn Store>,
    shared: &Arc<Shared>,
    writes: Vec<Write>,
    jobs: usize,
) -> anyhow::Result<()> {
    if jobs <= 1 {
        for w in writes {
            apply(store.as_ref(), shared, w).await?;
        }
        return Ok(());
    }
    let mut set = tokio::task::JoinSet::new();
    for w in writes {
        if set.len() >= jobs {
            set.join_next().await.expect("a task in flight")??;
        }
        let (store, shared) = (store.clone(), shared.clone());
        set.spawn(async move { apply(store.as_ref(), &shared, w).await });
    }
    while let Some(r) = set.join_next().await {
        r??;
    }
    Ok(())
}

/// Reads every distinct ask text once, on all cores; a text the engine refuses is a bug here.
fn read_texts(engine: &Engine, asks: &[Ask]) -> anyhow::Result<HashMap<String, AskDraft>> {
    let mut seen = HashSet::new();
    let texts: Vec<&str> = asks
        .iter()
        .flat_map(|a| &a.texts)
        .map(String::as_str)
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
                            Ok((text.to_string(), antenna_web::draft_of(text, &reading)))
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
