//! `antenna serve`: the web app on an embedded SQLite file (default) or PostgreSQL.

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address to listen on
    #[arg(long, env = "ANTENNA_BIND", default_value = "127.0.0.1:8080")]
    bind: String,
    /// Directory for the SQLite database (created on first start)
    #[arg(long, env = "ANTENNA_DATA_DIR", default_value = "antenna-data")]
    data_dir: PathBuf,
    /// Use this database instead (postgres://… or sqlite:…)
    #[arg(long, env = "ANTENNA_DATABASE_URL")]
    database_url: Option<String>,
    /// Seed a demo community (200+ members, asks of every quality) and print its logins
    #[arg(long)]
    demo: bool,
    /// Public coach requests per minute per client address (0 = unlimited)
    #[arg(long, env = "ANTENNA_COACH_RATE", default_value_t = 120)]
    coach_rate: u32,
    /// The URL people reach this server at (for invitation links); defaults to http://BIND
    #[arg(long, env = "ANTENNA_BASE_URL")]
    base_url: Option<String>,
    /// No figure from members' private attributes unless at least this many members contribute
    #[arg(long, env = "ANTENNA_PRIVACY_K", default_value_t = 5)]
    privacy_k: u32,
    /// Log lines as text for people or JSON for log collectors
    #[arg(long, env = "ANTENNA_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

fn init_logs(format: LogFormat) {
    let filter =
        tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into());
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => logs.init(),
        LogFormat::Json => logs.json().with_current_span(true).init(),
    }
}

pub fn run(
    lookup: &antenna_ask::dict::Lookup,
    args: ServeArgs,
) -> anyhow::Result<std::process::ExitCode> {
    init_logs(args.log_format);
    // first the dictionary (no database is created when it is missing); it may
    // also sit in, and be built into, the data directory
    let t = std::time::Instant::now();
    let lookup = match &args.database_url {
        None => lookup.clone().with_data_dir(&args.data_dir),
        Some(_) => lookup.clone(),
    };
    let engine = crate::dict::engine(&lookup)?;
    tracing::info!("ask engine ready in {} ms", t.elapsed().as_millis());
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let url = match &args.database_url {
            Some(u) => u.clone(),
            None => {
                std::fs::create_dir_all(&args.data_dir)
                    .with_context(|| format!("creating {}", args.data_dir.display()))?;
                format!("sqlite:{}", args.data_dir.join("antenna.db").display())
            }
        };
        tracing::info!("database: {}", antenna_store::redact(&url));
        let store = antenna_store::open(&url)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        let config = antenna_web::Config {
            coach_per_minute: args.coach_rate,
            base_url: args
                .base_url
                .clone()
                .unwrap_or_else(|| format!("http://{}", args.bind)),
            privacy_k: args.privacy_k,
        };
        let state = antenna_web::AppState::new(store, Arc::new(engine), config)
            .await
            .context("loading the community")?;
        if args.demo {
            let t = std::time::Instant::now();
            let logins = antenna_web::demo::seed(&state)
                .await
                .map_err(|e| anyhow::anyhow!("{:?}", e.message))?;
            println!(
                "Demo community ready in {:.1}s. Log in at http://{}/login with:",
                t.elapsed().as_secs_f64(),
                args.bind
            );
            for l in logins {
                println!(
                    "  {:<9} {:<32} password: {}   ({})",
                    l.role, l.email, l.password, l.name
                );
            }
        }
        let listener = tokio::net::TcpListener::bind(&args.bind)
            .await
            .with_context(|| format!("binding {}", args.bind))?;
        println!("Antenna is listening on http://{}", listener.local_addr()?);
        antenna_web::serve(state, listener).await?;
        Ok(std::process::ExitCode::SUCCESS)
    })
}
