//! The server side of the booking load bench (not a timed test); `scripts/bench-booking.sh` drives it with wrk.
//!
//! `cargo bench -p server --bench booking -- [citizens] [plan file]`: starts the real router (release build) on a
//! fresh SQLite database (or `PALM_BENCH_DATABASE_URL`), makes `citizens` signed-in citizens (a fixture, not SMS),
//! and writes the plan for wrk's Lua script: the address on the first line, then one booking per line — session
//! token, item, slot — spread over every slot of every department of the county hall for the next 14 days, each
//! citizen booking each day at most once. It serves until its standard input closes, then prints how many bookings
//! the database holds.

use app::service::{AppState, Clock};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

const HALL: &str = "530127";

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let requests: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(30_000);
    let plan = args.get(1).cloned().unwrap_or_else(|| "target/bench-booking.plan".into());
    let dir = tempfile::tempdir().unwrap();
    let url = std::env::var("PALM_BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}/bench.db?mode=rwc", dir.path().display()));
    let db = app::store::connect(&url).await.expect("connect");
    app::service::demo::seed_if_older(&db, &app::demo::generate()).await.expect("seed");
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-24T08:00:00+08:00").unwrap();
    let state = AppState {
        secret: std::sync::Arc::from(&b"test-only-secret-0123456789abcdef0123"[..]),
        db: db.clone(),
        clock: Clock { fixed: Some(now.into()), ..Default::default() },
        dev_pages: false,
        sms: Arc::new(app::store::notifications::SmsSink),
        sms_sink: true,
        zones: Default::default(),
        public_url: "http://127.0.0.1:3000".to_string(),
        trusted_proxies: vec![],
        filing: app::service::Filing::at(dir.path().join("uploads")).unwrap(),
    };
    // Room for everyone: the bench measures throughput, not refusals.
    let rules = app::domain::booking::Rules { max_active: 1_000, default_capacity: 1_000, ..Default::default() };
    app::store::booking::save_rules(&db, &rules).await.unwrap();

    // Every (item, slot) pair at the hall in the booking window: one item per department, all its slots.
    let items: Vec<(String, String)> = sqlx::query_as(
        "SELECT i.department_code, MIN(i.code) FROM service_items i JOIN point_items p ON p.item_code = i.code \
         WHERE p.point_id = $1 GROUP BY i.department_code ORDER BY i.department_code",
    )
    .bind(HALL)
    .fetch_all(&db)
    .await
    .unwrap();
    let hall = app::store::points::get(&db, HALL).await.unwrap().unwrap();
    let calendar = app::store::calendar::load(&db).await.unwrap();
    let today = app::domain::calendar::civil(now.into()).date();
    let mut targets = Vec::new();
    for day in app::domain::booking::booking_days(today) {
        for t in app::domain::booking::slots_on(&hall.hours, &calendar, day, 30) {
            for (dept, item) in &items {
                let starts = app::domain::booking::instant(day, t.start);
                targets.push((item.clone(), app::domain::booking::SlotId::new(HALL, dept, starts).to_string()));
            }
        }
    }
    print!("making {requests} signed-in citizens… ");
    let t0 = Instant::now();
    let ts = now.timestamp();
    let mut tokens = Vec::with_capacity(requests);
    for i in 0..requests {
        let a = app::store::accounts::citizen_for_phone(&db, &format!("13{i:09}"), ts).await.unwrap();
        tokens.push(app::store::accounts::create_session(&db, Some(&a.id), ts).await.unwrap());
    }
    println!("{:.1} s", t0.elapsed().as_secs_f64());

    let options = leptos::prelude::LeptosOptions::builder().output_name("palm-hall").build();
    let router = server::router(options, state);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).await.unwrap();
    });
    // Citizen i books target i: consecutive targets are other departments and times, and a citizen's one booking
    // never meets the one-per-service-per-day rule.
    let mut text = format!("{addr}\n");
    for (i, token) in tokens.iter().enumerate() {
        let (item, slot) = &targets[i % targets.len()];
        text.push_str(&format!("{token}\t{item}\t{}\n", app::domain::html::encode_query(slot)));
    }
    std::fs::write(&plan, text).expect("write the plan");
    println!("serving {addr}; plan in {plan}; close standard input to stop");
    let _ = tokio::task::spawn_blocking(|| std::io::Read::read_to_end(&mut std::io::stdin(), &mut Vec::new())).await;
    let in_db: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bookings").fetch_one(&db).await.unwrap();
    let over: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM slots WHERE booked > capacity").fetch_one(&db).await.unwrap();
    println!("{in_db} bookings in the database; {over} slots over capacity; {} slots offered", targets.len());
}
