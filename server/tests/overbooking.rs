//! Contention over the real router, over HTTP. No overbooking: 200 signed-in citizens (made by a fixture, not
//! through SMS) post a booking for the same slot of capacity 5 at once. Exactly 5 get a booking; every other one is
//! sent back to the slot page, which says "该时段已约满" and names the next free slots; no server errors; the
//! database holds exactly 5.
//!
//! The database is a fresh SQLite file, or a fresh PostgreSQL database copied from the template that
//! `PALM_TEST_DATABASE_URL` names (`scripts/test.sh` runs every Rust test both ways).

use app::service::{AppState, Clock};
use app::domain::booking::{instant, SlotId};
use app::domain::calendar::date;
use chrono::{DateTime, NaiveTime};
use std::net::SocketAddr;

const NOW: &str = "2026-11-24T10:00:00+08:00";
const HALL: &str = "530127";
const CITIZENS: usize = 200;
const CAPACITY: i64 = 5;

/// Starts the server's router on a free port with its own database; returns the base URL, the state and the
/// temporary folder (kept alive while the test runs).
pub async fn start() -> (String, AppState, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let db = app::service::testing::fresh_database(dir.path()).await.expect("a fresh database with the demo county");
    let clock = Clock { fixed: Some(DateTime::parse_from_rfc3339(NOW).unwrap().into()), ..Default::default() };
    let state = AppState {
        secret: std::sync::Arc::from(&b"test-only-secret-0123456789abcdef0123"[..]),
        db,
        clock,
        dev_pages: false,
        sms: std::sync::Arc::new(app::store::notifications::SmsSink),
        sms_sink: true,
        zones: Default::default(),
        public_url: "http://127.0.0.1:3000".to_string(),
        trusted_proxies: vec![],
        filing: app::service::Filing::at(dir.path().join("uploads")).unwrap(),
    };
    let options = leptos::prelude::LeptosOptions::builder().output_name("palm-hall").build();
    let router = server::router(options, state.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>()).await.unwrap();
    });
    (format!("http://{addr}"), state, dir)
}

/// The hall's first item, its department's slots set to `capacity` places; returns (item, the slot at `hour`:00 on
/// Saturday 28 November).
async fn full_at(db: &app::store::Db, capacity: i64, hour: u32) -> (String, String) {
    let (dept, item): (String, String) = sqlx::query_as(
        "SELECT i.department_code, i.code FROM service_items i JOIN point_items p ON p.item_code = i.code \
         WHERE p.point_id = $1 ORDER BY i.code LIMIT 1",
    )
    .bind(HALL)
    .fetch_one(db)
    .await
    .unwrap();
    app::store::booking::set_group(db, HALL, &dept, 30, capacity, 0).await.unwrap();
    (item, SlotId::new(HALL, &dept, instant(date(2026, 11, 28), NaiveTime::from_hms_opt(hour, 0, 0).unwrap())).to_string())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_citizens_race_for_five_places() {
    let (base, state, _dir) = start().await;
    let db = &state.db;
    // A Saturday at the 365-day county hall.
    let (item, slot) = full_at(db, CAPACITY, 10).await;
    let now = state.clock.now_for(None).timestamp();
    let mut tokens = Vec::new();
    for i in 0..CITIZENS {
        let a = app::store::accounts::citizen_for_phone(db, &format!("1390000{i:04}"), now).await.unwrap();
        tokens.push(app::store::accounts::create_session(db, Some(&a.id), now).await.unwrap());
    }
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let posts = tokens.iter().map(|token| {
        let client = client.clone();
        let form = [("item", item.clone()), ("point", HALL.to_string()), ("slot", slot.clone()), ("my_name", "王五".to_string())];
        let url = format!("{base}/api/book_slot");
        let cookie = format!("palm_session={token}");
        tokio::spawn(async move {
            let r = client.post(url).header("cookie", &cookie).header("accept", "text/html").form(&form).send().await.unwrap();
            let status = r.status();
            let location = r.headers().get("location").map(|l| l.to_str().unwrap().to_string());
            (status, location, cookie)
        })
    });
    let results: Vec<_> = futures_join(posts).await;
    let mut booked = 0;
    let mut refused = Vec::new();
    for (status, location, cookie) in results {
        assert!(!status.is_server_error(), "server error {status}");
        assert!(status.is_redirection(), "a form post answers with a redirect, got {status}");
        let location = location.expect("Location");
        if location.starts_with("/bookings/") {
            booked += 1;
        } else {
            assert!(location.starts_with("/book?"), "back to the slot page: {location}");
            refused.push((location, cookie));
        }
    }
    assert_eq!(booked, CAPACITY as usize);
    assert_eq!(refused.len(), CITIZENS - CAPACITY as usize);
    // Each refused citizen's slot page says why and offers the next free slots.
    for (location, cookie) in refused.iter().take(20) {
        let page = client.get(format!("{base}{location}")).header("cookie", cookie).send().await.unwrap();
        assert_eq!(page.status(), 200);
        let html = page.text().await.unwrap();
        assert!(html.contains("该时段已约满"), "{html}");
        assert!(html.contains("最近可约"), "next free slots named");
    }
    let in_db: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bookings WHERE slot_id = $1 AND status = 'active'")
        .bind(&slot)
        .fetch_one(db)
        .await
        .unwrap();
    let counter: i64 = sqlx::query_scalar("SELECT booked FROM slots WHERE id = $1").bind(&slot).fetch_one(db).await.unwrap();
    assert_eq!((in_db, counter), (CAPACITY, CAPACITY));
}

/// Twenty citizens join the waiting list of one full slot at the same moment: all twenty are queued, each at a
/// place of their own (1 to 20, none lost to two writers taking the same number), and freed places go to them in
/// that order.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_citizens_join_one_waiting_list_at_once() {
    const WAITING: usize = 20;
    let (base, state, _dir) = start().await;
    let db = &state.db;
    let (item, slot) = full_at(db, 1, 11).await;
    let now = state.clock.now_for(None).timestamp();
    let mut people = Vec::new();
    for i in 0..=WAITING {
        let a = app::store::accounts::citizen_for_phone(db, &format!("1370000{i:04}"), now).await.unwrap();
        people.push((a.id.clone(), app::store::accounts::create_session(db, Some(&a.id), now).await.unwrap()));
    }
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let form = [("item", item.clone()), ("point", HALL.to_string()), ("slot", slot.clone()), ("my_name", "王五".to_string())];
    let post = |path: &'static str, token: &str, form: Vec<(&'static str, String)>| {
        let (client, url, cookie) = (client.clone(), format!("{base}/api/{path}"), format!("palm_session={token}"));
        tokio::spawn(async move {
            let r = client.post(url).header("cookie", cookie).header("accept", "text/html").form(&form).send().await.unwrap();
            (r.status(), r.headers().get("location").map(|l| l.to_str().unwrap().to_string()))
        })
    };
    // The one place goes to the first citizen.
    let (status, location) = post("book_slot", &people[0].1, form.to_vec()).await.unwrap();
    assert!(status.is_redirection(), "{status}");
    let first_booking = location.expect("Location").trim_start_matches("/bookings/").to_string();
    // Twenty join the waiting list at once.
    let joins: Vec<_> = people[1..].iter().map(|(_, token)| post("join_waitlist", token, form.to_vec())).collect();
    for (status, location) in futures_join(joins.into_iter()).await {
        assert!(status.is_redirection(), "a form post answers with a redirect, got {status}");
        assert_eq!(location.as_deref(), Some("/bookings"));
    }
    let mut positions = Vec::new();
    for (account, _) in &people[1..] {
        let waits = app::store::booking::waits_for_account(db, account).await.unwrap();
        assert_eq!(waits.len(), 1, "every citizen is on the waiting list");
        positions.push(waits[0].position);
    }
    let mut sorted = positions.clone();
    sorted.sort();
    assert_eq!(sorted, (1..=WAITING as i64).collect::<Vec<_>>(), "each at a place of their own");
    // Freed places go in that order: the first citizen cancels, and whoever was first in line gets the place.
    let (first_in_line, _) = &people[1 + positions.iter().position(|p| *p == 1).unwrap()];
    let (status, _) = post("cancel_booking", &people[0].1, vec![("code", first_booking)]).await.unwrap();
    assert!(status.is_redirection(), "{status}");
    let holder: String = sqlx::query_scalar("SELECT account_id FROM bookings WHERE slot_id = $1 AND status = 'active'")
        .bind(&slot)
        .fetch_one(db)
        .await
        .unwrap();
    assert_eq!(&holder, first_in_line);
    let second_in_line = &people[1 + positions.iter().position(|p| *p == 2).unwrap()].0;
    assert_eq!(app::store::booking::waits_for_account(db, second_in_line).await.unwrap()[0].position, 1);
}

/// Awaits every task (tokio only; no futures crate needed).
async fn futures_join<T: Send + 'static>(tasks: impl Iterator<Item = tokio::task::JoinHandle<T>>) -> Vec<T> {
    let handles: Vec<_> = tasks.collect();
    let mut out = Vec::with_capacity(handles.len());
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}

/// Issue 12, item 1: links in messages come from configuration. Before, the booking SMS, QR code and .ics were
/// built from the request's `Host` and `X-Forwarded-Proto`, so a forged header put any link into the centre's SMS.
#[tokio::test]
async fn links_in_messages_never_come_from_request_headers() {
    let (base, state, _dir) = start().await;
    let db = &state.db;
    let (item, slot) = full_at(db, 5, 11).await;
    let now = state.clock.now_for(None).timestamp();
    let a = app::store::accounts::citizen_for_phone(db, "13900001111", now).await.unwrap();
    let token = app::store::accounts::create_session(db, Some(&a.id), now).await.unwrap();
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let form = [("item", item), ("point", HALL.to_string()), ("slot", slot), ("my_name", "王五".to_string())];
    let r = client
        .post(format!("{base}/api/book_slot"))
        .header("cookie", format!("palm_session={token}"))
        .header("accept", "text/html")
        .header("host", "evil.example")
        .header("x-forwarded-proto", "https://evil.example/x#")
        .header("x-forwarded-host", "evil.example")
        .form(&form)
        .send()
        .await
        .unwrap();
    let location = r.headers().get("location").and_then(|l| l.to_str().ok()).unwrap_or_default().to_string();
    let code = location.strip_prefix("/bookings/").expect("booked").to_string();
    let sms: String = sqlx::query_scalar("SELECT body FROM notifications WHERE phone = '13900001111'").fetch_one(db).await.unwrap();
    assert!(sms.contains(&format!("{}/bookings/{code}", state.public_url)), "{sms}");
    assert!(!sms.contains("evil"), "{sms}");
    let ics = client
        .get(format!("{base}/bookings/{code}/calendar.ics"))
        .header("host", "evil.example")
        .header("x-forwarded-proto", "https://evil.example/x#")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(ics.contains(&format!("{}/bookings/{code}", state.public_url)) && !ics.contains("evil"), "{ics}");
}
