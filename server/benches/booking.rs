//! Load bench for booking (not a timed test): `scripts/bench-booking.sh`, or
//! `cargo bench -p server --bench booking -- [clients] [requests]`.
//!
//! Starts the real router on a fresh SQLite database (or `PALM_BENCH_DATABASE_URL`), makes one signed-in citizen
//! per request (a fixture, not SMS), then fires booking form posts over HTTP from `clients` concurrent clients
//! (default 50) across every slot of every department of the county hall over the next 14 days. Prints bookings per
//! second and the p50/p99 latency of a booking post.

use app::api::context::{AppState, Clock};
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

const HALL: &str = "530127";

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let clients: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(50);
    let requests: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    let url = std::env::var("PALM_BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}/bench.db?mode=rwc", dir.path().display()));
    let db = app::store::connect(&url).await.expect("connect");
    app::store::demo::seed_if_older(&db, &app::demo::generate()).await.expect("seed");
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-24T08:00:00+08:00").unwrap();
    let state = AppState {
        db: db.clone(),
        clock: Clock { fixed: Some(now.into()), ..Default::default() },
        dev_pages: false,
        sms: Arc::new(app::store::notifications::SmsSink),
        sms_sink: true,
        zones: Default::default(),
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
                targets.push((item.clone(), app::domain::booking::slot_id(HALL, dept, starts)));
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
    let base = format!("http://{addr}/api/book_slot");
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let next = Arc::new(AtomicUsize::new(0));
    let tokens = Arc::new(tokens);
    let targets = Arc::new(targets);
    let start = Instant::now();
    let workers: Vec<_> = (0..clients)
        .map(|_| {
            let (client, next, tokens, targets, base) = (client.clone(), next.clone(), tokens.clone(), targets.clone(), base.clone());
            tokio::spawn(async move {
                let mut lat = Vec::new();
                let mut ok = 0usize;
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= tokens.len() {
                        break;
                    }
                    let (item, slot) = &targets[i % targets.len()];
                    let form = [("item", item.as_str()), ("point", HALL), ("slot", slot.as_str())];
                    let t = Instant::now();
                    let r = client
                        .post(&base)
                        .header("cookie", format!("palm_session={}", tokens[i]))
                        .header("accept", "text/html")
                        .form(&form)
                        .send()
                        .await
                        .expect("response");
                    lat.push(t.elapsed().as_secs_f64() * 1000.0);
                    let booked = r.headers().get("location").and_then(|l| l.to_str().ok()).is_some_and(|l| l.starts_with("/bookings/"));
                    assert!(!r.status().is_server_error(), "server error {}", r.status());
                    ok += booked as usize;
                }
                (lat, ok)
            })
        })
        .collect();
    let mut lat = Vec::new();
    let mut ok = 0;
    for w in workers {
        let (l, o) = w.await.unwrap();
        lat.extend(l);
        ok += o;
    }
    let secs = start.elapsed().as_secs_f64();
    lat.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let pct = |p: f64| lat[((lat.len() as f64 * p) as usize).min(lat.len() - 1)];
    let in_db: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bookings").fetch_one(&db).await.unwrap();
    println!(
        "{clients} clients, {} posts over {} slots: {ok} booked ({in_db} in the database) in {secs:.2} s = {:.0} bookings/s; \
         latency p50 {:.1} ms, p99 {:.1} ms",
        lat.len(),
        targets.len(),
        ok as f64 / secs,
        pct(0.50),
        pct(0.99)
    );
}
