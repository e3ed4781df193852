//! A fresh SQLite database per test, migrated and seeded with the demo county, and a reactive owner that provides
//! the server state, so server functions run exactly as they do inside a request.
#![allow(dead_code)]

use app::api::context::{AppState, Clock};
use chrono::DateTime;
use leptos::prelude::*;

pub struct TestServer {
    pub state: AppState,
    pub owner: Owner,
    _dir: tempfile::TempDir,
}

pub async fn server_at(now: &str) -> TestServer {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/test.db?mode=rwc", dir.path().display());
    let db = app::store::connect(&url).await.expect("connect and migrate");
    app::store::demo::seed_if_older(&db, &app::demo::generate()).await.expect("seed");
    let clock = Clock { fixed: Some(DateTime::parse_from_rfc3339(now).unwrap().into()), ..Default::default() };
    let state = AppState { db, clock, dev_pages: false, sms: std::sync::Arc::new(app::store::notifications::SmsSink), sms_sink: true };
    let owner = Owner::new();
    owner.with(|| provide_context(state.clone()));
    TestServer { state, owner, _dir: dir }
}

impl TestServer {
    /// Runs a server function (or anything reading the context) as a request would.
    pub async fn call<T, F: std::future::Future<Output = T>>(&self, f: impl FnOnce() -> F) -> T {
        self.owner.with(|| leptos::reactive::computed::ScopedFuture::new_untracked(f())).await
    }
}
