//! The Palm Hall server: configuration, the axum router, static files, wiring. No rules live here.
//!
//! `server` serves; `server reset-demo` replaces the demo county in the database and exits.

mod config;

use app::service::AppState;
use app::store::notifications::{NoGateway, SmsGateway, SmsSink};
use leptos::prelude::*;
use server::{jobs, router};
use std::net::SocketAddr;
use std::sync::Arc;

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .init();
    if let Err(e) = run().await {
        tracing::error!("{e}");
        eprintln!("palm-hall: {e}");
        std::process::exit(1);
    }
}

async fn run() -> Result<(), String> {
    let cfg = config::Config::from_env()?;
    let db = app::store::connect(&cfg.database_url).await.map_err(|e| format!("database {}: {e}", cfg.database_url))?;
    let command = std::env::args().nth(1);
    if command.as_deref() == Some("reset-demo") {
        app::service::demo::reset(&db, &app::demo::generate()).await.map_err(|e| e.to_string())?;
        println!("demo data version {} installed", app::demo::DEMO_VERSION);
        return Ok(());
    }
    if let Some(other) = command {
        return Err(format!("unknown command {other:?}; commands: reset-demo"));
    }
    if cfg.demo {
        if app::service::demo::seed_if_older(&db, &app::demo::generate()).await.map_err(|e| e.to_string())? {
            tracing::info!(version = app::demo::DEMO_VERSION, "installed the demo county");
        }
        app::service::demo::seed_staff(&db, cfg.clock.now_for(None).timestamp()).await.map_err(|e| e.to_string())?;
    }
    let sms: Arc<dyn SmsGateway> = if cfg.sms_sink { Arc::new(SmsSink) } else { Arc::new(NoGateway) };

    let conf = get_configuration(None).map_err(|e| e.to_string())?;
    let options = conf.leptos_options;
    let addr = options.site_addr;
    let state = AppState {
        db,
        secret: std::sync::Arc::from(cfg.secret.clone()),
        clock: cfg.clock.clone(),
        dev_pages: cfg.dev_pages,
        sms,
        sms_sink: cfg.sms_sink,
        zones: Default::default(),
        public_url: cfg.public_url.clone(),
        trusted_proxies: cfg.trusted_proxies.clone(),
        filing: app::service::Filing {
            max_upload_bytes: cfg.upload_max_bytes,
            cut_off: cfg.cut_off,
            downscale: cfg.downscale,
            deadlines: cfg.deadlines,
            rating_limits: app::domain::rating::Limits { token_rotate_secs: cfg.rate_rotate_secs, ..Default::default() },
            ..app::service::Filing::at(&cfg.upload_dir).map_err(|e| format!("upload directory {}: {e}", cfg.upload_dir))?
        },
    };
    // The first zones are computed before serving, then recomputed in the background when asked.
    state.zones.get(&state.db, state.clock.now_for(None)).await.map_err(|e| format!("zones: {e}"))?;
    tokio::spawn(state.zones.clone().worker(state.db.clone(), state.clock.clone()));
    jobs::spawn_all(&state);
    let app = router(options.clone(), state);

    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| format!("bind {addr}: {e}"))?;
    tracing::info!("listening on http://{addr}");
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| e.to_string())?;
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
