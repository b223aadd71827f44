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
}

pub fn run(dict: &std::path::Path, args: ServeArgs) -> anyhow::Result<std::process::ExitCode> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
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
        let t = std::time::Instant::now();
        let engine = antenna_ask::Engine::from_path(dict)?;
        tracing::info!("ask engine ready in {} ms", t.elapsed().as_millis());
        let config = antenna_web::Config {
            coach_per_minute: args.coach_rate,
            base_url: args
                .base_url
                .clone()
                .unwrap_or_else(|| format!("http://{}", args.bind)),
        };
        let state = antenna_web::AppState::new(store, Arc::new(engine), config)
            .await
            .map_err(|e| anyhow::anyhow!("{:?}", e.message))?;
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
