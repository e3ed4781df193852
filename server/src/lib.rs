//! The server's wiring as a library, so integration tests start the very router the binary serves:
//! the axum router (pages, server functions, static files, health), its middleware, and the background jobs.

use app::api::context::AppState;
use app::app::{shell, App};
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
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

pub mod jobs;

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
        .route("/dev/jobs/run", axum::routing::post(run_jobs_now).with_state(state.clone()))
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
        .layer(middleware::from_fn_with_state(state.public_url.starts_with("https://"), security_headers))
        .layer(middleware::from_fn(log_request))
}

/// The headers every response carries (issue 12, item 3): nothing may frame the site (the staff and admin consoles
/// above all), no MIME sniffing, referrers only to this origin in full, geolocation only for the site itself (the
/// map's 用我的位置查找), and HSTS when the public URL is https. The Content-Security-Policy limits plugins, the base
/// URL and form targets to the site; limiting inline scripts to Leptos's nonce is still to come (see the README).
async fn security_headers(State(https): State<bool>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("strict-origin-when-cross-origin"));
    h.insert(
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("geolocation=(self), camera=(), microphone=(), payment=(), usb=()"),
    );
    if https {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    res
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
    let code = code.to_ascii_uppercase();
    let url = app::api::context::absolute_url(&state.public_url, &format!("/bookings/{code}"));
    match app::api::booking::ics_for(&state.db, &code, &url, now).await {
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

/// `POST /dev/jobs/run` (a test server only: the test clock and the development pages on, a client on this machine;
/// 404 otherwise): runs the background jobs once at the request's `palm_now`, every job or the ones named by `job=`
/// fields in the form body (`notifications`, `bookings`). No-shows act on every booking in the database: a test
/// that runs them picks a day no other test books.
async fn run_jobs_now(State(state): State<AppState>, req: Request) -> Response {
    use jobs::Job;
    let loopback = req
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .is_some_and(|c| c.0.ip().is_loopback());
    if !(state.clock.per_request && state.dev_pages && loopback) {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    let cookie = req.headers().get(header::COOKIE).and_then(|c| c.to_str().ok()).map(str::to_string);
    let now = state.clock.now_for(cookie.as_deref());
    let Ok(body) = axum::body::to_bytes(req.into_body(), 4096).await else {
        return (StatusCode::BAD_REQUEST, "body too large").into_response();
    };
    let mut wanted = Vec::new();
    for (k, v) in form_urlencoded::parse(&body) {
        if k == "job" {
            match Job::parse(&v) {
                Some(j) => wanted.push(j),
                None => return (StatusCode::BAD_REQUEST, format!("unknown job {v:?}")).into_response(),
            }
        }
    }
    if wanted.is_empty() {
        wanted = Job::ALL.to_vec();
    }
    let mut report = format!("at {}\n", now.to_rfc3339());
    for job in wanted {
        match jobs::run(&state, job, now).await {
            Ok(line) => report.push_str(&line),
            Err(e) => return (StatusCode::INTERNAL_SERVER_ERROR, format!("{}: {e}", job.name())).into_response(),
        }
        report.push('\n');
    }
    ([(header::CACHE_CONTROL, "no-store")], report).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower::ServiceExt;

    async fn post_jobs(per_request: bool, dev_pages: bool, from: [u8; 4], dir: &std::path::Path) -> (StatusCode, String) {
        let db = app::store::testing::fresh_database(dir).await.unwrap();
        let clock = app::api::context::Clock { per_request, ..Default::default() };
        let sms = std::sync::Arc::new(app::store::notifications::SmsSink);
        let public_url = "http://127.0.0.1:3000".to_string();
        let state = AppState { db, clock, dev_pages, sms, sms_sink: true, zones: Default::default(), public_url };
        let options = LeptosOptions::builder().output_name("palm-hall").build();
        let mut req = Request::post("/dev/jobs/run")
            .header(header::COOKIE, "palm_now=2026-10-13T09:30:00%2B08:00")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("job=notifications"))
            .unwrap();
        req.extensions_mut().insert(axum::extract::ConnectInfo(std::net::SocketAddr::from((from, 40000))));
        let res = router(options, state).oneshot(req).await.unwrap();
        let status = res.status();
        let body = axum::body::to_bytes(res.into_body(), 4096).await.unwrap();
        (status, String::from_utf8_lossy(&body).into_owned())
    }

    #[tokio::test]
    async fn jobs_run_on_request_only_on_a_test_server_from_this_machine() {
        let dir = tempfile::tempdir().unwrap();
        let (status, body) = post_jobs(true, true, [127, 0, 0, 1], dir.path()).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body, "at 2026-10-13T01:30:00+00:00\nnotifications: 0 sent\n", "at the request's palm_now");
        for (per_request, dev_pages, from) in [(false, true, [127, 0, 0, 1]), (true, false, [127, 0, 0, 1]), (true, true, [10, 0, 0, 7])] {
            let dir = tempfile::tempdir().unwrap();
            assert_eq!(post_jobs(per_request, dev_pages, from, dir.path()).await.0, StatusCode::NOT_FOUND);
        }
    }

    async fn get(public_url: &str, path: &str, dir: &std::path::Path) -> (axum::http::HeaderMap, String) {
        let db = app::store::testing::fresh_database(dir).await.unwrap();
        let clock = app::api::context::Clock::default();
        let sms = std::sync::Arc::new(app::store::notifications::SmsSink);
        let state = AppState { db, clock, dev_pages: false, sms, sms_sink: true, zones: Default::default(), public_url: public_url.into() };
        let options = LeptosOptions::builder().output_name("palm-hall").build();
        let mut req = Request::get(path).body(Body::empty()).unwrap();
        req.extensions_mut().insert(axum::extract::ConnectInfo(std::net::SocketAddr::from(([127, 0, 0, 1], 40000))));
        let res = router(options, state).oneshot(req).await.unwrap();
        let headers = res.headers().clone();
        let body = axum::body::to_bytes(res.into_body(), 1 << 22).await.unwrap();
        (headers, String::from_utf8_lossy(&body).into_owned())
    }

    /// Issue 12, item 3: every kind of response carries the security headers (before: none of them), HSTS only
    /// over https; item 2: the page title escapes what was typed (before: `</title><script>` ran).
    #[tokio::test]
    async fn every_response_carries_the_security_headers_and_titles_are_escaped() {
        for path in ["/", "/staff", "/admin", "/healthz", "/nowhere", "/guide?q=%3C/title%3E%3Cscript%3Ex()%3C/script%3E"] {
            let dir = tempfile::tempdir().unwrap();
            let (h, body) = get("http://127.0.0.1:3000", path, dir.path()).await;
            let csp = h.get(header::CONTENT_SECURITY_POLICY).and_then(|v| v.to_str().ok()).unwrap_or_default();
            assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
            assert_eq!(h.get(header::X_FRAME_OPTIONS).map(|v| v.as_bytes()), Some(&b"DENY"[..]), "{path}");
            assert_eq!(h.get(header::X_CONTENT_TYPE_OPTIONS).map(|v| v.as_bytes()), Some(&b"nosniff"[..]), "{path}");
            assert_eq!(h.get(header::REFERRER_POLICY).map(|v| v.as_bytes()), Some(&b"strict-origin-when-cross-origin"[..]), "{path}");
            assert!(h.get("permissions-policy").is_some_and(|v| v.to_str().unwrap().contains("geolocation=(self)")), "{path}");
            assert!(h.get(header::STRICT_TRANSPORT_SECURITY).is_none(), "{path}: no HSTS over http");
            if path.starts_with("/guide") {
                assert!(!body.contains("<script>x()"), "the payload is escaped");
                assert!(body.contains("&lt;/title&gt;&lt;script&gt;x()"), "{}", &body[..body.len().min(600)]);
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let (h, _) = get("https://zwfw.example.gov.cn", "/", dir.path()).await;
        assert!(h.get(header::STRICT_TRANSPORT_SECURITY).is_some(), "HSTS over https");
    }
}
