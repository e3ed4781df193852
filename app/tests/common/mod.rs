//! A fresh database per test (SQLite, or PostgreSQL with `PALM_TEST_DATABASE_URL`), migrated and seeded with the
//! demo county, and a reactive owner that provides
//! the server state, so server functions run exactly as they do inside a request.
#![allow(dead_code)]

use app::service::{AppState, Clock};
use chrono::DateTime;
use leptos::prelude::*;

/// The public URL the tests' server is configured with: every link in a message starts with it.
pub const PUBLIC_URL: &str = "https://hall.example.gov.cn";

pub struct TestServer {
    pub state: AppState,
    pub owner: Owner,
    _dir: tempfile::TempDir,
}

pub async fn server_at(now: &str) -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let db = app::service::testing::fresh_database(dir.path()).await.expect("a fresh database with the demo county");
    let clock = Clock { fixed: Some(DateTime::parse_from_rfc3339(now).unwrap().into()), ..Default::default() };
    let state = AppState { secret: std::sync::Arc::from(&b"test-only-secret-0123456789abcdef0123"[..]), db, clock, dev_pages: false, sms: std::sync::Arc::new(app::store::notifications::SmsSink), sms_sink: true, zones: Default::default(), public_url: PUBLIC_URL.to_string(), trusted_proxies: vec![], filing: app::service::Filing::at(dir.path().join("uploads")).unwrap() };
    let owner = Owner::new();
    owner.with(|| provide_context(state.clone()));
    TestServer { state, owner, _dir: dir }
}

impl TestServer {
    /// Runs `f` as a request carrying the session cookie `token` (or none), from a loopback address.
    pub async fn call_as<T, F: std::future::Future<Output = T>>(&self, token: Option<&str>, f: impl FnOnce() -> F) -> T {
        self.call_with_cookie(token.map(|t| format!("palm_session={t}")).as_deref(), f).await
    }

    /// Runs `f` as a request carrying this `Cookie:` header (or none), from a loopback address.
    pub async fn call_with_cookie<T, F: std::future::Future<Output = T>>(&self, cookie: Option<&str>, f: impl FnOnce() -> F) -> T {
        let owner = Owner::new();
        let mut req = http::Request::builder().uri("/api/x");
        if let Some(c) = cookie {
            req = req.header(http::header::COOKIE, c);
        }
        let (mut parts, _) = req.body(()).unwrap().into_parts();
        parts.extensions.insert(axum::extract::ConnectInfo(std::net::SocketAddr::from(([127, 0, 0, 1], 40000))));
        owner.with(|| {
            provide_context(self.state.clone());
            provide_context(parts);
            provide_context(leptos_axum::ResponseOptions::default());
        });
        owner.with(|| leptos::reactive::computed::ScopedFuture::new_untracked(f())).await
    }

    /// A signed-in session for a new account holding `grants`; returns the cookie token.
    pub async fn session_with(&self, grants: &[(app::domain::accounts::Role, &str)]) -> String {
        let db = &self.state.db;
        let id = app::store::accounts::create_staff(db, &app::store::new_id(), "测试", "x", 0).await.unwrap();
        for (role, scope) in grants {
            app::store::accounts::add_grant(db, &id, *role, scope).await.unwrap();
        }
        let now = self.state.clock.now_for(None).timestamp();
        app::store::accounts::create_session(db, Some(&id), now).await.unwrap()
    }

    /// A signed-in citizen with a mobile number (as after SMS sign-in, without the SMS): (account id, token).
    pub async fn citizen(&self, phone: &str) -> (String, String) {
        let db = &self.state.db;
        let now = self.state.clock.now_for(None).timestamp();
        let a = app::store::accounts::citizen_for_phone(db, phone, now).await.unwrap();
        let token = app::store::accounts::create_session(db, Some(&a.id), now).await.unwrap();
        (a.id, token)
    }

    /// Runs a server function (or anything reading the context) as a request would.
    pub async fn call<T, F: std::future::Future<Output = T>>(&self, f: impl FnOnce() -> F) -> T {
        self.owner.with(|| leptos::reactive::computed::ScopedFuture::new_untracked(f())).await
    }
}

// Online filing's helpers, shared by the filing and case tests.

use app::domain::cases::Delivery;
use app::domain::form::{Answers, Value};
use app::error::AppError;
use app::service::filing;
use std::collections::BTreeMap;

pub fn one(s: &str) -> Value {
    Value::One(s.into())
}

pub async fn who(s: &TestServer, phone: &str) -> app::domain::accounts::Identity {
    let (id, _) = s.citizen(phone).await;
    app::store::accounts::identity(&s.state.db, &id).await.unwrap().unwrap()
}

pub async fn a_village(s: &TestServer) -> String {
    sqlx::query_scalar("SELECT code FROM villages ORDER BY code LIMIT 1").fetch_one(&s.state.db).await.unwrap()
}

pub fn now(s: &TestServer) -> i64 {
    s.state.clock.now_for(None).timestamp()
}

/// The first bytes of a PNG and of a PDF, with some content after them.
pub const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR-a-photo-of-an-id-card";
pub const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer\n%%EOF\n";

/// Uploads `bytes` as the file of `material`, in chunks as a request body arrives.
pub async fn upload(s: &TestServer, me: &app::domain::accounts::Identity, draft: &str, material: &str, name: &str, bytes: Vec<u8>) -> Result<app::store::filing::UploadRow, AppError> {
    let chunks: Vec<Result<leptos::server_fn::Bytes, std::io::Error>> = bytes.chunks(7).map(|c| Ok(leptos::server_fn::Bytes::copy_from_slice(c))).collect();
    filing::upload(&s.state.db, &s.state.filing, me, draft, material, name, futures::stream::iter(chunks), now(s)).await
}

/// A filled GA-009 (无犯罪记录证明) draft with postal delivery: (draft id, submit key).
pub async fn filled(s: &TestServer, me: &app::domain::accounts::Identity) -> (String, String) {
    let d = filing::start(&s.state.db, me, "GA-009", None, now(s)).await.unwrap();
    fill(s, me, &d.id).await;
    (d.id, d.submit_key)
}

/// Fills the GA-009 draft `draft` as [`filled`] does; an applicant section already answered (a proxy agent's
/// draft starts with the villager's) is kept.
pub async fn fill(s: &TestServer, me: &app::domain::accounts::Identity, draft: &str) {
    let db = &s.state.db;
    let d = filing::mine(db, me, draft).await.unwrap();
    let mut applicant: Answers = BTreeMap::from([
        ("name".into(), one("王秀英")),
        ("id_number".into(), one("11010519491231002X")),
        ("mobile".into(), one("13812345678")),
    ]);
    applicant.extend(d.answers.clone());
    filing::save_section(db, me, &d.id, "applicant", applicant, now(s)).await.unwrap();
    // An agent's name typed, then 本人办理 chosen: the name is kept in the draft but not asked, so not sent.
    let matter: Answers = BTreeMap::from([("purpose".into(), one("job")), ("by_agent".into(), one("no")), ("agent_name".into(), one("李代办"))]);
    filing::save_section(db, me, &d.id, "matter", matter, now(s)).await.unwrap();
    let village = a_village(s).await;
    let posted = BTreeMap::from([
        ("way".to_string(), "post".to_string()),
        ("recipient".into(), "王秀英".into()),
        ("recipient_mobile".into(), "13812345678".into()),
        ("post_address".into(), village.clone()),
        ("post_address-detail".into(), "3号".into()),
        // Typed before switching to 免费邮寄: not asked, not kept.
        ("point".into(), "530127".into()),
    ]);
    let kept = filing::save_delivery_posted(db, me, &d.id, &posted, now(s)).await.unwrap();
    // The required 居民身份证 (m1), as a photo.
    upload(s, me, &d.id, "m1", "身份证.png", PNG.to_vec()).await.unwrap();
    assert_eq!(kept.delivery, Some(Delivery::Post { name: "王秀英".into(), mobile: "13812345678".into(), village, detail: "3号".into() }));
}


/// The identity of a new staff account with `grants` (signed in: the session is made too).
pub async fn staff(s: &TestServer, grants: &[(app::domain::accounts::Role, &str)]) -> (app::domain::accounts::Identity, String) {
    let token = s.session_with(grants).await;
    let session = app::store::accounts::find_session(&s.state.db, &token).await.unwrap().unwrap();
    let id = app::store::accounts::identity(&s.state.db, &session.account_id.unwrap()).await.unwrap().unwrap();
    (id, token)
}
