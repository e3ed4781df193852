//! The server's wiring as a library, so integration tests start the very router the binary serves:
//! the axum router (pages, server functions, static files, health), its middleware, and the background jobs.

use app::service::AppState;
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
        .route("/dev/live/drop", axum::routing::post(drop_live_streams).with_state(state.clone()))
        .route("/bookings/{code}/calendar.ics", get(booking_ics).with_state(state.clone()))
        .route("/files/{id}", get(material_file).with_state(state.clone()))
        .route("/files/{id}/thumb", get(material_thumbnail).with_state(state.clone()))
        .route("/files/{id}/view", get(material_view).with_state(state.clone()))
        // Live queue pages: server-sent events (never cached: no-store, and the service worker skips /events/).
        .route("/events/tickets/{code}", get(app::service::live::ticket_events).with_state(state.clone()))
        .route("/events/windows/{id}", get(app::service::live::screen_events).with_state(state.clone()))
        .route("/api/{*fn_name}", get(fns.clone()).post(fns))
        .leptos_routes_with_context(&options, routes, context, {
            let options = options.clone();
            move || shell(options.clone())
        })
        .nest("/pkg", pkg)
        .fallback(leptos_axum::file_and_error_handler(shell))
        .with_state(options)
        .layer(middleware::from_fn(html_cache_policy))
        .layer(middleware::from_fn(server_fn_errors))
        // HTML and JSON compressed on the fly at a low quality: most of the gain for little CPU per request. Outside
        // the error mapping, which reads a server function's error body and must see it uncompressed (a browser
        // asks for br/gzip; a compressed body read as JSON was answered 400, whatever the error).
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        .layer(middleware::from_fn_with_state(state.filing.max_upload_bytes, body_limit))
        .layer(middleware::from_fn_with_state(state.public_url.starts_with("https://"), security_headers))
        .layer(middleware::from_fn_with_state(std::sync::Arc::new(state.trusted_proxies.clone()), client_addr))
        .layer(middleware::from_fn(log_request))
        // A panic anywhere still gets an answer (500 and a page), never a dropped connection (issue 12, item 6).
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(panic_page))
}

fn panic_page(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request panicked");
    notice_page(StatusCode::INTERNAL_SERVER_ERROR, "系统繁忙", "<p>这次请求未能完成。请稍后返回上一页再试。</p>")
}

/// The few pages the server answers itself, outside the app (too large, unreadable, a failed form post, a panic):
/// a title and a body in the service's frame, with a way home. `body` is markup built here; anything a person
/// typed in it is escaped by the caller.
fn notice_page(status: StatusCode, title: &str, body: &str) -> Response {
    let page = format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>{title} - 嵩明县掌上办事大厅</title></head><body>\
         <h1>{title}</h1>{body}<p><a href=\"/\">返回首页</a></p></body></html>"
    );
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response()
}

/// The largest request body: a form post is a few kilobytes; the road network import takes a GeoJSON file or paste of
/// up to `domain::network_import::MAX_BYTES` (the multipart parser enforces its own limits on top).
pub const BODY_LIMIT: usize = 1024 * 1024;
const NETWORK_BODY_LIMIT: usize = 2 * app::domain::network_import::MAX_BYTES + 65_536;

/// Bodies over the limit get 413 and a page that says so (issue 12, item 6): by `Content-Length` at once, and a body
/// sent without one (chunked) is read up to the limit here, so one that turns out longer stops there and gets the same
/// answer instead of a server function's read error. Bodies are small forms or one capped upload, so reading them
/// before the handler costs nothing the handler would not read anyway.
async fn body_limit(State(upload_max): State<u64>, req: Request, next: Next) -> Response {
    use http_body_util::BodyExt;
    if req.uri().path() == "/api/upload_material" {
        // A material's file is streamed to the file store, never collected here. Up to twice the per-file limit
        // reaches the handler, which reads to the limit and tells the person the file is too large on the page;
        // beyond that, this page.
        let limit = app::domain::form::upload::request_limit(upload_max) as usize;
        let declared = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|n| n > limit) {
            return too_large(limit);
        }
        if has_nul(req.uri().path().as_bytes()) || has_nul(req.uri().query().unwrap_or("").as_bytes()) {
            return unreadable_page();
        }
        let (parts, body) = req.into_parts();
        return next.run(Request::from_parts(parts, Body::new(http_body_util::Limited::new(body, limit)))).await;
    }
    let limit = if req.uri().path() == "/api/network_upload" { NETWORK_BODY_LIMIT } else { BODY_LIMIT };
    let declared = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return too_large(limit);
    }
    let (parts, body) = req.into_parts();
    let bytes = match http_body_util::Limited::new(body, limit).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(e) if e.downcast_ref::<http_body_util::LengthLimitError>().is_some() => return too_large(limit),
        Err(_) => return (StatusCode::BAD_REQUEST, "请求未完整送达，请重试").into_response(),
    };
    // A NUL character is never typed, and PostgreSQL cannot store one: refused at the edge with a clear answer,
    // in the query string and in form bodies (files in a multipart upload may hold any bytes).
    let form = parts.headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_none_or(|v| v.starts_with("application/x-www-form-urlencoded"));
    if has_nul(parts.uri.path().as_bytes()) || has_nul(parts.uri.query().unwrap_or("").as_bytes()) || (form && has_nul(&bytes)) {
        return unreadable_page();
    }
    next.run(Request::from_parts(parts, Body::from(bytes))).await
}

/// What a server function's error becomes (issue 12, item 6): the status of its `AppError` variant. Arguments it
/// cannot read (a number that is not one, invalid UTF-8, a missing field: a tampered or broken request, never a
/// person's typing, which every form takes as text) are the sender's fault: 400. A refusal is 401, 403, 404 or 422.
/// Only the server's own faults are 500. A form post (no JavaScript) gets a page with the message and a way back
/// instead of Leptos's silent redirect to the form; a JSON caller gets the status and the error as JSON.
async fn server_fn_errors(req: Request, next: Next) -> Response {
    use base64::Engine;
    let back = req
        .headers()
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.parse::<axum::http::Uri>().ok())
        .and_then(|u| u.path_and_query().map(|p| app::domain::accounts::safe_local_path(p.as_str())))
        .unwrap_or_else(|| "/".to_string());
    let res = next.run(req).await;
    if !res.headers().contains_key("serverfnerror") {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    // A form post is sent back to its page with the error in `__err` (base64); a JSON caller gets it as the body.
    let sent_back = parts.headers.get(header::LOCATION).and_then(|v| v.to_str().ok()).and_then(|l| {
        let query = l.split_once('?')?.1;
        form_urlencoded::parse(query.as_bytes()).find(|(k, _)| k == "__err").map(|(_, v)| v.into_owned())
    });
    let form = sent_back.is_some();
    let bytes = match sent_back {
        Some(e) => base64::engine::general_purpose::URL_SAFE.decode(e.as_bytes()).unwrap_or_default(),
        None => axum::body::to_bytes(body, 64 * 1024).await.map(|b| b.to_vec()).unwrap_or_default(),
    };
    // Every server function's error is an `AppError`: its variant gives the status.
    use leptos::server_fn::error::FromServerFnError;
    let error = app::error::AppError::de(bytes.clone().into());
    parts.status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    parts.headers.remove(header::LOCATION);
    parts.headers.remove(header::CONTENT_LENGTH);
    if !form {
        // A JSON caller (an island) gets the error as sent, to decode into the same `AppError`.
        return Response::from_parts(parts, Body::from(bytes));
    }
    let (title, text) = match &error {
        app::error::AppError::Unreadable(_) => (
            "提交的内容无法识别",
            "这次提交的内容格式不对（例如数字栏填了文字，或缺少必填项），未被处理。请返回上一页，刷新后重新填写并提交。".to_string(),
        ),
        app::error::AppError::Internal | app::error::AppError::Busy(_) => {
            ("系统繁忙", "系统繁忙，这次提交未能完成。请稍后返回上一页再试。".to_string())
        }
        app::error::AppError::SignInRequired => ("请先登录", "请先登录，登录后返回上一页重新提交。".to_string()),
        other => ("未能办理", app::domain::html::escape(&other.message())),
    };
    let sign_in = if parts.status == StatusCode::UNAUTHORIZED {
        format!("<p><a href=\"/signin?next={}\">登录</a></p>", form_urlencoded::byte_serialize(back.as_bytes()).collect::<String>())
    } else {
        String::new()
    };
    let body = format!("<p>{text}</p>{sign_in}<p><a href=\"{}\">返回上一页</a></p>", app::domain::html::escape(&back));
    // The page, with this response's status and headers (cookies a refusal set stay).
    let (page_parts, page_body) = notice_page(parts.status, title, &body).into_parts();
    parts.headers.extend(page_parts.headers);
    Response::from_parts(parts, page_body)
}

/// A NUL character, raw or percent-encoded.
fn has_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0) || bytes.windows(3).any(|w| w == b"%00")
}

fn unreadable_page() -> Response {
    notice_page(
        StatusCode::BAD_REQUEST,
        "提交的内容无法识别",
        "<p>这次提交含有无法保存的控制字符，未被处理。请返回上一页，删除粘贴进来的特殊字符后重新提交。</p>",
    )
}

fn too_large(limit: usize) -> Response {
    let mb = limit / (1024 * 1024);
    notice_page(StatusCode::PAYLOAD_TOO_LARGE, "提交的内容过大", &format!("<p>这次提交超过了{mb} MB，未被处理。请精简内容（例如分几次上传）后再试。</p>"))
}

/// Resolves who sent the request once ([`app::api::context::client_ip`]): rate limits and loopback checks
/// read the result, never `X-Forwarded-For` itself.
async fn client_addr(State(trusted): State<std::sync::Arc<Vec<std::net::IpAddr>>>, mut req: Request, next: Next) -> Response {
    let peer = req.extensions().get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0.ip());
    if let Some(peer) = peer {
        let forwarded: Vec<&str> = req.headers().get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect();
        let forwarded = (!forwarded.is_empty()).then(|| forwarded.join(","));
        let ip = app::api::context::client_ip(peer, forwarded.as_deref(), &trusted);
        req.extensions_mut().insert(app::api::context::ClientAddr(ip));
    }
    next.run(req).await
}

/// The headers every response carries (issue 12, item 3): nothing may frame the site (the staff and admin consoles
/// above all), no MIME sniffing, referrers only to this origin in full, geolocation only for the site itself (the
/// map's 用我的位置查找), and HSTS when the public URL is https. Pages set their own Content-Security-Policy with the
/// page's script nonce; every other response gets the frame, plugin, base-URL and form rules.
async fn security_headers(State(https): State<bool>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    // Pages carry their own policy with the page's script nonce (`app::app::content_security_policy`).
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("frame-ancestors 'none'; object-src 'none'; base-uri 'self'; form-action 'self'"),
        );
    }
    // DENY unless the response framed itself for this site alone (`/files/{id}/view`).
    if !h.contains_key(header::X_FRAME_OPTIONS) {
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
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

/// `GET /files/{id}`: an uploaded material's file, streamed from the file store, to its applicant or to staff of
/// the case's department (`api::filing::open_file` decides, as a server function would, and records staff reads).
/// Never cached by a shared cache; the browser is told the type the content was checked to be.
async fn material_file(State(state): State<AppState>, Path(id): Path<String>, req: Request) -> Response {
    serve_material(state, id, false, req).await
}

/// `GET /files/{id}/thumb`: its thumbnail (a small JPEG), to the same people.
async fn material_thumbnail(State(state): State<AppState>, Path(id): Path<String>, req: Request) -> Response {
    serve_material(state, id, true, req).await
}

/// `GET /files/{id}/view`: the file shown inside a page of this site (the staff case page's PDF viewer), to the
/// same people: inline, and framable by this site's own pages only.
async fn material_view(State(state): State<AppState>, Path(id): Path<String>, req: Request) -> Response {
    let mut res = serve_material(state, id, false, req).await;
    if res.status().is_success() {
        let h = res.headers_mut();
        if let Some(d) = h.get(header::CONTENT_DISPOSITION).and_then(|v| v.to_str().ok()).map(|d| d.replacen("attachment", "inline", 1)) {
            if let Ok(v) = HeaderValue::from_str(&d) {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
        }
        // No `object-src 'none'` here: the browser's PDF viewer is a plugin of this very response.
        h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("frame-ancestors 'self'; base-uri 'self'; form-action 'none'"));
        h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("SAMEORIGIN"));
    }
    res
}

async fn serve_material(state: AppState, id: String, thumbnail: bool, req: Request) -> Response {
    let (parts, _) = req.into_parts();
    let owner = leptos::prelude::Owner::new();
    owner.with(|| {
        provide_context(state.clone());
        provide_context(parts);
        provide_context(leptos_axum::ResponseOptions::default());
    });
    let opened = owner.with(|| leptos::reactive::computed::ScopedFuture::new_untracked(app::api::filing::open_file(&id, thumbnail))).await;
    match opened {
        Ok((u, body)) if thumbnail && u.thumbnail => (
            [(header::CONTENT_TYPE, "image/jpeg"), (header::CACHE_CONTROL, "private, no-store"), (header::HeaderName::from_static("x-content-type-options"), "nosniff")],
            Body::from_stream(body),
        )
            .into_response(),
        Ok(_) if thumbnail => (StatusCode::NOT_FOUND, "no thumbnail").into_response(),
        Ok((u, body)) => {
            let disposition = if u.file_type.is_image() { "inline" } else { "attachment" };
            (
                [
                    (header::CONTENT_TYPE, u.file_type.mime().to_string()),
                    (header::CONTENT_DISPOSITION, format!("{disposition}; filename=\"{}.{}\"", u.material, u.file_type.code())),
                    (header::CACHE_CONTROL, "private, no-store".to_string()),
                    (header::HeaderName::from_static("x-content-type-options"), "nosniff".to_string()),
                ],
                Body::from_stream(body),
            )
                .into_response()
        }
        Err(app::error::AppError::SignInRequired) => (StatusCode::UNAUTHORIZED, "sign in").into_response(),
        Err(app::error::AppError::NotFound(_)) => (StatusCode::NOT_FOUND, "not found").into_response(),
        Err(e) => {
            tracing::error!(error = ?e, "material file");
            (StatusCode::INTERNAL_SERVER_ERROR, "error").into_response()
        }
    }
}

/// A booking's .ics file: the same public facts as its page (service, point, time), for the phone's calendar.
async fn booking_ics(State(state): State<AppState>, Path(code): Path<String>, req: Request) -> Response {
    let cookie = req.headers().get(header::COOKIE).and_then(|c| c.to_str().ok());
    let now = state.clock.now_for(cookie).timestamp();
    let code = code.to_ascii_uppercase();
    let url = app::service::absolute_url(&state.public_url, &format!("/bookings/{code}"));
    let lang = app::i18n::lang_from_cookies(cookie.unwrap_or(""));
    match app::service::booking::ics_for(&state.db, &code, &url, lang, now).await {
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
/// The test-only routes under `/dev/` answer only a test server (its clock per request, dev pages on) and only from
/// this machine.
fn test_route(state: &AppState, req: &Request) -> bool {
    let loopback = req.extensions().get::<app::api::context::ClientAddr>().is_some_and(|c| c.0.is_loopback());
    state.clock.per_request && state.dev_pages && loopback
}

/// `POST /dev/live/drop`: ends every open live stream, as a dropped network would (the screen's soak test).
async fn drop_live_streams(State(state): State<AppState>, req: Request) -> Response {
    if !test_route(&state, &req) {
        return (StatusCode::NOT_FOUND, "not found").into_response();
    }
    app::service::live::drop_all();
    (StatusCode::OK, "dropped").into_response()
}

async fn run_jobs_now(State(state): State<AppState>, req: Request) -> Response {
    use jobs::Job;
    if !test_route(&state, &req) {
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

    /// Uploads of these router tests go to a directory of their own (none of them uploads).
    fn test_filing() -> app::service::Filing {
        app::service::Filing::at(std::env::temp_dir().join("palm-hall-router-tests")).unwrap()
    }

    async fn post_jobs(per_request: bool, dev_pages: bool, from: [u8; 4], dir: &std::path::Path) -> (StatusCode, String) {
        post_jobs_via(per_request, dev_pages, from, vec![], None, dir).await
    }

    async fn post_jobs_via(
        per_request: bool,
        dev_pages: bool,
        from: [u8; 4],
        trusted_proxies: Vec<std::net::IpAddr>,
        forwarded_for: Option<&str>,
        dir: &std::path::Path,
    ) -> (StatusCode, String) {
        let db = app::service::testing::fresh_database(dir).await.unwrap();
        let clock = app::service::Clock { per_request, ..Default::default() };
        let sms = std::sync::Arc::new(app::store::notifications::SmsSink);
        let public_url = "http://127.0.0.1:3000".to_string();
        let state = AppState { secret: std::sync::Arc::from(&b"test-only-secret-0123456789abcdef0123"[..]), db, clock, dev_pages, sms, sms_sink: true, zones: Default::default(), public_url, trusted_proxies, filing: test_filing() };
        let options = LeptosOptions::builder().output_name("palm-hall").build();
        let mut req = Request::post("/dev/jobs/run");
        if let Some(f) = forwarded_for {
            req = req.header("x-forwarded-for", f);
        }
        let mut req = req
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
        // Behind a trusted proxy on this machine, the person is elsewhere; a forged header from elsewhere is ignored.
        let local: std::net::IpAddr = [127, 0, 0, 1].into();
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(post_jobs_via(true, true, [127, 0, 0, 1], vec![local], Some("203.0.113.5"), dir.path()).await.0, StatusCode::NOT_FOUND);
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(post_jobs_via(true, true, [10, 0, 0, 7], vec![local], Some("127.0.0.1"), dir.path()).await.0, StatusCode::NOT_FOUND);
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(post_jobs_via(true, true, [127, 0, 0, 1], vec![local], Some("127.0.0.1"), dir.path()).await.0, StatusCode::OK);
    }

    async fn get(public_url: &str, path: &str, dir: &std::path::Path) -> (axum::http::HeaderMap, String) {
        let db = app::service::testing::fresh_database(dir).await.unwrap();
        let clock = app::service::Clock::default();
        let sms = std::sync::Arc::new(app::store::notifications::SmsSink);
        let state = AppState { secret: std::sync::Arc::from(&b"test-only-secret-0123456789abcdef0123"[..]), db, clock, dev_pages: false, sms, sms_sink: true, zones: Default::default(), public_url: public_url.into(), trusted_proxies: vec![], filing: test_filing() };
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
            if !path.starts_with("/healthz") {
                // A page: scripts only with this response's nonce, and the hydration script carries it.
                let nonce = csp.split("'nonce-").nth(1).and_then(|r| r.split('\'').next()).unwrap_or_default();
                assert!(!nonce.is_empty() && csp.contains("script-src 'self' 'nonce-"), "{path}: {csp}");
                assert!(!body.contains("<script>"), "{path}: an inline script without the nonce");
            }
            if path.starts_with("/guide") {
                assert!(!body.contains("<script>x()"), "the payload is escaped");
                assert!(body.contains("&lt;/title&gt;&lt;script&gt;x()"), "{}", &body[..body.len().min(600)]);
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let (h, _) = get("https://zwfw.example.gov.cn", "/", dir.path()).await;
        assert!(h.get(header::STRICT_TRANSPORT_SECURITY).is_some(), "HSTS over https");
        // Cookies are Secure over https, and only then.
        for (public_url, secure) in [("https://zwfw.example.gov.cn", true), ("http://127.0.0.1:3000", false)] {
            let dir = tempfile::tempdir().unwrap();
            let db = app::service::testing::fresh_database(dir.path()).await.unwrap();
            let sms = std::sync::Arc::new(app::store::notifications::SmsSink);
            let state = AppState { secret: std::sync::Arc::from(&b"test-only-secret-0123456789abcdef0123"[..]), db, clock: Default::default(), dev_pages: false, sms, sms_sink: true, zones: Default::default(), public_url: public_url.into(), trusted_proxies: vec![], filing: test_filing() };
            let options = LeptosOptions::builder().output_name("palm-hall").build();
            let mut req = Request::post("/api/set_lang")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "text/html")
                .body(Body::from("lang=en&back=/"))
                .unwrap();
            req.extensions_mut().insert(axum::extract::ConnectInfo(std::net::SocketAddr::from(([127, 0, 0, 1], 40000))));
            let res = router(options, state).oneshot(req).await.unwrap();
            let cookies: Vec<String> = res.headers().get_all(header::SET_COOKIE).iter().map(|v| v.to_str().unwrap().to_string()).collect();
            assert!(!cookies.is_empty(), "set_lang sets its cookie");
            assert!(cookies.iter().all(|c| c.contains("; Secure") == secure), "{public_url}: {cookies:?}");
        }
    }

    /// Issue 12, item 6: an oversized body gets 413 and a page saying so (before: read whole into memory); a
    /// newline in `back` is refused by the redirect parser instead of panicking the handler.
    #[tokio::test]
    async fn oversized_bodies_get_413_and_control_characters_never_panic() {
        let dir = tempfile::tempdir().unwrap();
        let db = app::service::testing::fresh_database(dir.path()).await.unwrap();
        let sms = std::sync::Arc::new(app::store::notifications::SmsSink);
        let state = AppState { secret: std::sync::Arc::from(&b"test-only-secret-0123456789abcdef0123"[..]), db, clock: Default::default(), dev_pages: false, sms, sms_sink: true, zones: Default::default(), public_url: "http://127.0.0.1:3000".into(), trusted_proxies: vec![], filing: test_filing() };
        let options = LeptosOptions::builder().output_name("palm-hall").build();
        let app = router(options, state);
        let post = |body: Vec<u8>| {
            let mut req = Request::post("/api/set_lang")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "text/html")
                .header(header::CONTENT_LENGTH, body.len())
                .body(Body::from(body))
                .unwrap();
            req.extensions_mut().insert(axum::extract::ConnectInfo(std::net::SocketAddr::from(([127, 0, 0, 1], 40000))));
            req
        };
        let big = format!("lang=en&back=/{}", "a".repeat(BODY_LIMIT));
        let res = app.clone().oneshot(post(big.clone().into_bytes())).await.unwrap();
        assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
        let page = axum::body::to_bytes(res.into_body(), 1 << 16).await.unwrap();
        assert!(String::from_utf8_lossy(&page).contains("提交的内容过大"));
        // The same body sent in chunks without a Content-Length (before: the server function's read failed, 500).
        let chunks: Vec<Result<Vec<u8>, std::io::Error>> = big.into_bytes().chunks(64 * 1024).map(|c| Ok(c.to_vec())).collect();
        let mut req = Request::post("/api/set_lang")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::ACCEPT, "text/html")
            .body(Body::from_stream(futures::stream::iter(chunks)))
            .unwrap();
        req.extensions_mut().insert(axum::extract::ConnectInfo(std::net::SocketAddr::from(([127, 0, 0, 1], 40000))));
        let res = app.clone().oneshot(req).await.unwrap();
        assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE, "chunked");
        // A form post the server function cannot read, or that it refuses: a page with the status and a way back
        // (before: 500 to JSON callers, a silent redirect to the form for forms).
        let form = |path: &str, body: &str| {
            let mut req = Request::post(path)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ACCEPT, "text/html")
                .header(header::REFERER, "http://127.0.0.1:3000/map?village=x")
                .body(Body::from(body.to_string()))
                .unwrap();
            req.extensions_mut().insert(axum::extract::ConnectInfo(std::net::SocketAddr::from(([127, 0, 0, 1], 40000))));
            req
        };
        let res = app.clone().oneshot(form("/api/locate_me", "lat=%FF&lon=1")).await.unwrap();
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        let page = String::from_utf8_lossy(&axum::body::to_bytes(res.into_body(), 1 << 16).await.unwrap()).into_owned();
        assert!(page.contains("提交的内容无法识别") && page.contains("href=\"/map?village=x\""), "{page}");
        let res = app.clone().oneshot(form("/api/admin_revoke", "account_id=a&role=<b>&scope=x")).await.unwrap();
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
        let page = String::from_utf8_lossy(&axum::body::to_bytes(res.into_body(), 1 << 16).await.unwrap()).into_owned();
        assert!(page.contains("请先登录") && page.contains("/signin?next="), "{page}");
        // A NUL character (PostgreSQL cannot store one; before: 500 from the database there) is refused at the edge.
        let res = app.clone().oneshot(form("/api/set_lang", "lang=en&back=/%00x")).await.unwrap();
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        let mut in_path = Request::get("/tickets/%00").body(Body::empty()).unwrap();
        in_path.extensions_mut().insert(axum::extract::ConnectInfo(std::net::SocketAddr::from(([127, 0, 0, 1], 40000))));
        assert_eq!(app.clone().oneshot(in_path).await.unwrap().status(), StatusCode::BAD_REQUEST, "in the path too");
        // A date at the end of chrono's range (before: the working-day sum panicked the request).
        let mut far = Request::get("/calendar?from=%2B262142-12-31&days=1").body(Body::empty()).unwrap();
        far.extensions_mut().insert(axum::extract::ConnectInfo(std::net::SocketAddr::from(([127, 0, 0, 1], 40000))));
        let res = app.clone().oneshot(far).await.unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        let page = String::from_utf8_lossy(&axum::body::to_bytes(res.into_body(), 1 << 20).await.unwrap()).into_owned();
        assert!(page.contains("受理日期格式不正确"), "named as a bad date");
        let mut json = form("/api/locate_me", "lat=x&lon=1");
        json.headers_mut().insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        let res = app.clone().oneshot(json).await.unwrap();
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "JSON callers too");
        // A JSON caller that takes compressed answers (every browser) gets the error's own status: the drafts
        // keeper drops a copy whose draft is no longer the person's on a 404 (before: 400 for any error).
        let mut gone = form("/api/rating_thanks", "id=norating");
        gone.headers_mut().insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        gone.headers_mut().insert(header::ACCEPT_ENCODING, HeaderValue::from_static("br, gzip"));
        let res = app.clone().oneshot(gone).await.unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "compressed or not");
        for back in ["/%0a/x", "/%09/evil.example", "/%0d%0aSet-Cookie:%20x=1"] {
            let res = app.clone().oneshot(post(format!("lang=en&back={back}").into_bytes())).await.unwrap();
            assert!(res.status().is_redirection(), "{back}: {}", res.status());
            assert_eq!(res.headers().get(header::LOCATION).map(|v| v.as_bytes()), Some(&b"/"[..]), "{back}");
        }
    }
}
