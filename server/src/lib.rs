//! The server's wiring as a library, so integration tests start the very router the binary serves:
//! the axum router (pages, server functions, static files, health), its middleware, and the background jobs.

use app::api::context::AppState;
use app::app::{shell, App};
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, handle_server_fns_with_context, LeptosRoutes};
use std::time::Instant;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

pub fn router(options: LeptosOptions, state: AppState) -> Router {
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
        .route("/bookings/{code}/calendar.ics", get(booking_ics).with_state(state.clone()))
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
pub async fn deliver_notifications(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(2));
    loop {
        tick.tick().await;
        // With the per-request test clock, a journey may live days ahead of the real time and queue its messages
        // then: deliver whatever is pending instead of waiting for the real clock to catch up.
        let mut now = state.clock.now_for(None).timestamp();
        if state.clock.per_request {
            now = now.max(app::store::notifications::latest_due(&state.db).await.unwrap_or(now));
        }
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

/// A booking's .ics file: the same public facts as its page (service, point, time), for the phone's calendar.
async fn booking_ics(State(state): State<AppState>, Path(code): Path<String>, req: Request) -> Response {
    let cookie = req.headers().get(header::COOKIE).and_then(|c| c.to_str().ok());
    let now = state.clock.now_for(cookie).timestamp();
    let host = req.headers().get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("localhost");
    let code = code.to_ascii_uppercase();
    match app::api::booking::ics_for(&state.db, &code, &format!("http://{host}/bookings/{code}"), now).await {
        Ok(Some(ics)) => (
            [
                (header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_string()),
                (header::CONTENT_DISPOSITION, format!("attachment; filename=\"booking-{code}.ics\"")),
                (header::CACHE_CONTROL, "private, no-cache".to_string()),
            ],
            ics,
        )
            .into_response(),
        Ok(None) => (StatusCode::NOT_FOUND, "not found").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "booking ics");
            (StatusCode::INTERNAL_SERVER_ERROR, "error").into_response()
        }
    }
}

/// Booking reminders (day before, one hour before) and no-shows, once a minute.
pub async fn booking_jobs(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
    loop {
        tick.tick().await;
        let now = state.clock.now_for(None).timestamp();
        if let Err(e) = app::api::booking::run_jobs(&state.db, now).await {
            tracing::warn!(error = %e, "booking jobs");
        }
    }
}
