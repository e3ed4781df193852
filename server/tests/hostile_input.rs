//! Issue 12, item 6: input never panics a request. A property test over every server function's inputs: each
//! function registered with the router is found with its parameters (read from its signature in `app/src/api`), and
//! is posted generated values for them — control characters, invalid UTF-8, lone surrogates, over-long text, markup,
//! numbers out of range and arbitrary Unicode — as nobody, as a citizen and as a centre administrator who also works
//! a window. Every request must get an answer (a panic fails the case and proptest shrinks it) and never a server
//! error: bad input is the person's mistake, so it gets a 4xx, a redirect back with a message, or a page.
//!
//! The database is a fresh SQLite file, or PostgreSQL with `PALM_TEST_DATABASE_URL` (scripts/test.sh runs both).

use app::service::{AppState, Clock};
use app::domain::accounts::Role;
use axum::body::Body;
use axum::http::{header, Method, Request};
use chrono::DateTime;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use tower::ServiceExt;

const NOW: &str = "2026-11-24T10:00:00+08:00";

/// A server function as its signature declares it: its URL's name and (parameter, type) pairs.
#[derive(Debug)]
struct ServerFn {
    name: String,
    params: Vec<(String, String)>,
}

/// Every `#[server]` function in `app/src/api` with its parameters.
fn declared_server_fns() -> Vec<ServerFn> {
    let mut files = Vec::new();
    let mut dirs = vec![std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../app/src/api"))];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(std::fs::read_to_string(path).unwrap());
            }
        }
    }
    let mut fns = Vec::new();
    for text in files {
        // An attribute at the start of a line: `#[server(flatten)]` on a parameter is indented, inside the signature.
        for piece in text.split("\n#[server").skip(1) {
            let Some(start) = piece.find("pub async fn ") else { continue };
            let rest = &piece[start + "pub async fn ".len()..];
            let open = rest.find('(').unwrap();
            let close = rest.find(") ->").unwrap();
            let signature: String = rest[open + 1..close]
                .lines()
                .map(str::trim)
                .filter(|l| !l.starts_with("//") && !l.starts_with("#["))
                .collect::<Vec<_>>()
                .join(" ");
            let params = signature
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(|p| {
                    let (name, ty) = p.split_once(':').unwrap();
                    (name.trim().to_string(), ty.trim().to_string())
                })
                .collect();
            // The URL's name: the attribute's `endpoint`, else the function's name (a hash follows it).
            let attribute = &piece[..piece.find(']').unwrap()];
            let name = match attribute.split("endpoint = \"").nth(1) {
                Some(e) => e[..e.find('"').unwrap()].to_string(),
                None => rest[..open].to_string(),
            };
            fns.push(ServerFn { name, params });
        }
    }
    fns
}

/// Form values, already encoded for an `application/x-www-form-urlencoded` body.
fn hostile_value() -> impl Strategy<Value = String> {
    let enc = |s: &str| form_urlencoded::byte_serialize(s.as_bytes()).collect::<String>();
    prop_oneof![
        Just("%FF%FE%FD".to_string()),
        Just("abc%C3".to_string()),
        Just("%ED%A0%80".to_string()),
        Just("%00%0A%0D%09%1B%7F%C2%85".to_string()),
        Just(enc("/\t/evil.example")),
        Just(enc("</title><script>alert(1)</script><img src=x onerror=alert(2)>")),
        Just(enc(&"办".repeat(40_000))),
        Just(enc(&"9".repeat(400))),
        Just("-1".to_string()),
        Just("NaN".to_string()),
        Just("1e309".to_string()),
        Just("9223372036854775808".to_string()),
        Just(String::new()),
        Just(enc("\u{202e}\u{200b}\u{feff}🙂")),
        any::<String>().prop_map(move |s| enc(&s)),
        proptest::collection::vec(any::<u8>(), 0..48)
            .prop_map(|b| b.iter().map(|c| format!("%{c:02X}")).collect::<String>()),
    ]
}

/// The body for one function: each parameter gets a value; a struct parameter gets values under its likely fields.
fn body_for(f: &ServerFn, values: &[String]) -> String {
    let mut pairs = Vec::new();
    for ((name, ty), v) in f.params.iter().zip(values) {
        if ty.contains("Vec<") {
            pairs.push(format!("{name}[]={v}"));
            pairs.push(format!("{name}[]={v}"));
        } else if ty.contains("String") || ty == "f64" || ty.starts_with("Option<") || ty == "i64" || ty == "bool" {
            pairs.push(format!("{name}={v}"));
        } else {
            for field in ["q", "item", "point", "day", "slot", "change", "chosen", "green", "village", "audience", "department", "event"] {
                pairs.push(format!("{name}[{field}]={v}"));
            }
        }
    }
    pairs.join("&")
}

#[test]
fn no_server_function_panics_or_fails_on_hostile_input() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (router, db, now) = rt.block_on(async {
        let db = app::service::testing::fresh_database(dir.path()).await.expect("a fresh database with the demo county");
        let clock = Clock { fixed: Some(DateTime::parse_from_rfc3339(NOW).unwrap().into()), ..Default::default() };
        let now = clock.now_for(None).timestamp();
        let state = AppState {
            secret: std::sync::Arc::from(&b"test-only-secret-0123456789abcdef0123"[..]),
            db: db.clone(),
            clock,
            dev_pages: true,
            sms: std::sync::Arc::new(app::store::notifications::SmsSink),
            sms_sink: true,
            zones: Default::default(),
            public_url: "http://127.0.0.1:3000".to_string(),
            trusted_proxies: vec![],
            filing: app::service::Filing::at(dir.path().join("uploads")).unwrap(),
        };
        let options = leptos::prelude::LeptosOptions::builder().output_name("palm-hall").build();
        (server::router(options, state), db, now)
    });
    let (admin, citizen) = rt.block_on(async {
        use app::store::accounts as store;
        let admin = store::create_staff(&db, "fuzz.admin", "测试", "x", 0).await.unwrap();
        store::add_grant(&db, &admin, Role::CentreAdmin, "").await.unwrap();
        store::add_grant(&db, &admin, Role::WindowStaff, "530127:*").await.unwrap();
        let citizen = store::citizen_for_phone(&db, "13900001234", now).await.unwrap().id;
        store::accept_notice(&db, &citizen, now).await.unwrap();
        (admin, citizen)
    });

    let declared = declared_server_fns();
    let registered: Vec<(&'static str, Method)> = leptos::server_fn::axum::server_fn_paths().collect();
    assert!(registered.len() >= 50, "the server functions are registered: {}", registered.len());
    let mut checked = 0;
    for (path, method) in registered {
        let tail = path.strip_prefix("/api/").expect("server functions live under /api/");
        // Functions without an endpoint name get a hash after the name: the longest declared name that prefixes it.
        let f = declared
            .iter()
            .filter(|f| tail.starts_with(f.name.as_str()))
            .max_by_key(|f| f.name.len())
            .unwrap_or_else(|| panic!("{path}: no declared server function"));
        if f.params.iter().any(|(_, ty)| ty.contains("UploadBody")) {
            continue; // multipart, fuzzed by its own tests (tests/network.rs: every malformed upload named)
        }
        let strategy = (proptest::collection::vec(hostile_value(), f.params.len()), 0..3usize, any::<bool>());
        // A fixed seed: the same values every run, so a failure is reproducible and never depends on luck.
        let config = Config { cases: 32, failure_persistence: None, ..Config::default() };
        let rng = proptest::test_runner::TestRng::deterministic_rng(proptest::test_runner::RngAlgorithm::ChaCha);
        let mut runner = TestRunner::new_with_rng(config, rng);
        let outcome = runner.run(&strategy, |(values, who, html)| {
            let body = body_for(f, &values);
            let status = rt.block_on(async {
                let account = [None, Some(&citizen), Some(&admin)][who];
                let token = match account {
                    Some(id) => Some(app::store::accounts::create_session(&db, Some(id), now).await.unwrap()),
                    None => None,
                };
                let mut req = if method == Method::GET {
                    Request::get(format!("{path}?{body}")).body(Body::empty()).unwrap()
                } else {
                    Request::post(path)
                        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                        .body(Body::from(body.clone()))
                        .unwrap()
                };
                let accept = if html { "text/html" } else { "application/json" };
                req.headers_mut().insert(header::ACCEPT, accept.parse().unwrap());
                req.headers_mut().insert(header::REFERER, "http://127.0.0.1:3000/".parse().unwrap());
                if let Some(t) = token {
                    req.headers_mut().insert(header::COOKIE, format!("palm_session={t}").parse().unwrap());
                }
                req.extensions_mut().insert(axum::extract::ConnectInfo(std::net::SocketAddr::from(([127, 0, 0, 1], 40000))));
                router.clone().oneshot(req).await.unwrap().status()
            });
            if status.is_server_error() {
                return Err(TestCaseError::fail(format!("{} as {who} answered {status} to {}", f.name, &body[..body.len().min(300)])));
            }
            Ok(())
        });
        if let Err(e) = outcome {
            panic!("{path}: {e}");
        }
        checked += 1;
    }
    assert!(checked >= 50, "every server function but the upload was tried: {checked}");
}
