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
    let state = AppState { db, clock, dev_pages: false, sms: std::sync::Arc::new(app::store::notifications::SmsSink), sms_sink: true, zones: Default::default(), public_url: PUBLIC_URL.to_string(), trusted_proxies: vec![], filing: app::service::Filing::at(dir.path().join("uploads")).unwrap() };
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
