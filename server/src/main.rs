//! The Palm Hall server: configuration, the axum router, static files, wiring. No rules live here.
//!
//! `server` serves; `server reset-demo` replaces the demo county in the database and exits.

mod config;

use app::api::context::AppState;
use app::app::{shell, App};
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, handle_server_fns_with_context, LeptosRoutes};
use app::store::notifications::{NoGateway, SmsGateway, SmsSink};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

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
        app::store::demo::reset(&db, &app::demo::generate()).await.map_err(|e| e.to_string())?;
        println!("demo data version {} installed", app::demo::DEMO_VERSION);
        return Ok(());
    }
    if let Some(other) = command {
        return Err(format!("unknown command {other:?}; commands: reset-demo"));
    }
    if cfg.demo {
        if app::store::demo::seed_if_older(&db, &app::demo::generate()).await.map_err(|e| e.to_string())? {
            tracing::info!(version = app::demo::DEMO_VERSION, "installed the demo county");
        }
        app::store::demo::seed_staff(&db, chrono::Utc::now().timestamp()).await.map_err(|e| e.to_string())?;
    }
    let sms: Arc<dyn SmsGateway> = if cfg.sms_sink { Arc::new(SmsSink) } else { Arc::new(NoGateway) };

    let conf = get_configuration(None).map_err(|e| e.to_string())?;
    let options = conf.leptos_options;
    let addr = options.site_addr;
    let state =
        AppState { db, clock: cfg.clock.clone(), dev_pages: cfg.dev_pages, sms, sms_sink: cfg.sms_sink };
    tokio::spawn(deliver_notifications(state.clone()));
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

fn router(options: LeptosOptions, state: AppState) -> Router {
    let routes = generate_route_list(App);
    let pkg_dir = format!("{}/{}", options.site_root, options.site_pkg_dir);
    // Hashed file names: cache for a year, never revalidate. Served from the precompressed .br/.gz files.
    let pkg = Router::new()
        .fallback_service(ServeDir::new(pkg_dir).precompressed_br().precompressed_gzip())
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("public, max-age=31536000, immutable"),
        ));
    let context = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let fns = {
        let context = context.clone();
        move |req: Request<Body>| handle_server_fns_with_context(context.clone(), req)
    };
    Router::new()
        .route("/healthz", get(healthz).with_state(state.clone()))
        // Live queue pages: server-sent events (never cached: no-store, and the service worker skips /events/).
        .route("/events/tickets/{code}", get(app::api::live::ticket_events).with_state(state.clone()))
        .route("/events/windows/{id}", get(app::api::live::screen_events).with_state(state.clone()))
        .route("/api/{*fn_name}", get(fns.clone()).post(fns))
        .leptos_routes_with_context(&options, routes, context, {
            let options = options.clone();
            move || shell(options.clone())
        })
        .nest("/pkg", pkg)
        .fallback(leptos_axum::file_and_error_handler(shell))
        .with_state(options)
        // HTML and JSON compressed on the fly at a low quality: most of the gain for little CPU per request.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        .layer(middleware::from_fn(html_cache_policy))
        .layer(middleware::from_fn(log_request))
}

/// Pages are revalidated every time. A page rendered for a request that carries a session may name the person,
/// so it is `private`: the service worker drops private pages at sign-out.
async fn html_cache_policy(req: Request, next: Next) -> Response {
    let has_session = req
        .headers()
        .get(header::COOKIE)
        .and_then(|c| c.to_str().ok())
        .is_some_and(|c| c.contains("palm_session="));
    let mut res = next.run(req).await;
    let html = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if html && !res.headers().contains_key(header::CACHE_CONTROL) {
        let policy = if has_session { "private, no-cache" } else { "no-cache" };
        res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    res
}

/// The notification queue's worker: delivers due messages every two seconds, retrying failures with backoff.
async fn deliver_notifications(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(2));
    loop {
        tick.tick().await;
        let now = state.clock.now_for(None).timestamp();
        if let Err(e) = app::store::notifications::deliver_due(&state.db, state.sms.as_ref(), now).await {
            tracing::warn!(error = %e, "notification delivery");
        }
    }
}

async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    if app::store::ping(&state.db).await {
        (StatusCode::OK, "ok")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
    }
}

/// One log line per request, with status and latency.
async fn log_request(req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let res = next.run(req).await;
    tracing::info!(
        target: "request",
        "{method} {path} {} {:.1}ms",
        res.status().as_u16(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    res
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
