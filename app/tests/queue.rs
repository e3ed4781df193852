//! The hall's queue against the real database: booked-in-grace before walk-ins, "call next" exactly once under
//! concurrency, transfer, skip and recall, the SMS at three ahead (once), scoped sign-on and registered screens.

mod common;

use app::api::queue as api;
use app::domain::accounts::Role;
use app::domain::queue::{priority, Priority, TicketAction, TicketState, GRACE_SECS};
use app::store::queue::{self as store, NewTicket, Target, WindowRow};
use common::{server_at, TestServer};
use sqlx::Row;

const NOW: &str = "2026-11-24T10:00:00+08:00";
const DAY: &str = "2026-11-24";

async fn hall(s: &TestServer) -> String {
    store::hall_point(&s.state.db).await.unwrap().unwrap().0
}

async fn windows_of(s: &TestServer, dept: &str) -> Vec<WindowRow> {
    store::all_windows(&s.state.db).await.unwrap().into_iter().filter(|w| w.department_code == dept).collect()
}

/// A department with at least two windows at the hall, and another department.
async fn two_departments(s: &TestServer) -> (String, String) {
    let point = hall(s).await;
    let all = store::windows_at(&s.state.db, &point).await.unwrap();
    let busy = all.iter().find(|w| all.iter().filter(|o| o.department_code == w.department_code).count() >= 2).unwrap();
    let other = all.iter().find(|w| w.department_code != busy.department_code).unwrap();
    (busy.department_code.clone(), other.department_code.clone())
}

async fn issue(s: &TestServer, dept: &str, slot_end: Option<i64>, at: i64, phone: Option<&str>) -> store::Ticket {
    let point = hall(s).await;
    store::issue(
        &s.state.db,
        NewTicket {
            point_id: &point,
            department_code: dept,
            day: DAY,
            priority: priority(slot_end, at),
            checked_in_at: at,
            booking_code: None,
            phone,
        },
    )
    .await
    .unwrap()
}

fn t0() -> i64 {
    chrono::DateTime::parse_from_rfc3339(NOW).unwrap().timestamp()
}

#[tokio::test]
async fn booked_within_grace_go_ahead_of_walk_ins_late_ones_queue_as_walk_ins() {
    let s = server_at(NOW).await;
    let (dept, _) = two_departments(&s).await;
    let w = &windows_of(&s, &dept).await[0];
    let slot_end = t0() - 10 * 60;
    let walk_in = issue(&s, &dept, None, t0(), None).await;
    let late = issue(&s, &dept, Some(slot_end - 3600), t0() + 10, None).await;
    let in_grace = issue(&s, &dept, Some(slot_end), t0() + 20, None).await;
    assert_eq!(in_grace.priority, Priority::Booked);
    assert_eq!(late.priority, Priority::WalkIn, "checked in more than {GRACE_SECS} s after the slot ended");
    // Numbers are the queue's letter and the day's sequence.
    let letter = &walk_in.number[..walk_in.number.len() - 3];
    assert_eq!(walk_in.number, format!("{letter}001"));
    assert_eq!(in_grace.number, format!("{letter}003"));
    assert_eq!(store::ahead(&s.state.db, &in_grace).await.unwrap(), 0);
    assert_eq!(store::ahead(&s.state.db, &late).await.unwrap(), 2);
    let mut order = Vec::new();
    for _ in 0..3 {
        let t = store::call_next(&s.state.db, w, DAY, t0() + 100).await.unwrap().unwrap();
        store::act(&s.state.db, &t, &w.id, TicketAction::Serve, t0() + 200, "staff", None).await.unwrap();
        order.push(t.id);
    }
    assert_eq!(order, vec![in_grace.id, walk_in.id, late.id]);
    assert!(store::call_next(&s.state.db, w, DAY, t0() + 300).await.unwrap().is_none(), "the queue is empty");
    // A new day starts again at 001.
    let point = hall(&s).await;
    let tomorrow = store::issue(
        &s.state.db,
        NewTicket { point_id: &point, department_code: &dept, day: "2026-11-25", priority: Priority::WalkIn, checked_in_at: t0() + 86_400, booking_code: None, phone: None },
    )
    .await
    .unwrap();
    assert_eq!(tomorrow.number, format!("{letter}001"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn call_next_never_hands_one_ticket_to_two_windows() {
    let s = server_at(NOW).await;
    let (dept, _) = two_departments(&s).await;
    let point = hall(&s).await;
    // Twelve windows of one department race for five tickets.
    for i in 0..12 {
        sqlx::query("INSERT INTO windows (id, point_id, number, department_code, name) VALUES ($1, $2, $3, $4, $5)")
            .bind(format!("R{i:02}"))
            .bind(&point)
            .bind(100 + i)
            .bind(&dept)
            .bind(format!("测试窗口{i}"))
            .execute(&s.state.db)
            .await
            .unwrap();
    }
    for i in 0..5 {
        issue(&s, &dept, None, t0() + i, None).await;
    }
    let windows: Vec<WindowRow> = windows_of(&s, &dept).await.into_iter().filter(|w| w.id.starts_with('R')).collect();
    let mut calls = Vec::new();
    for w in windows {
        let db = s.state.db.clone();
        calls.push(tokio::spawn(async move { store::call_next(&db, &w, DAY, t0() + 60).await.unwrap().map(|t| (t.id, w.id)) }));
    }
    let mut got = Vec::new();
    for c in calls {
        if let Some(x) = c.await.unwrap() {
            got.push(x);
        }
    }
    assert_eq!(got.len(), 5, "five tickets, five calls succeed: {got:?}");
    let mut ids: Vec<&String> = got.iter().map(|g| &g.0).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 5, "no ticket went to two windows");
    let rows = sqlx::query("SELECT window_id FROM queue_tickets WHERE state = 'called'").fetch_all(&s.state.db).await.unwrap();
    assert_eq!(rows.len(), 5);
    for (id, window) in &got {
        let t = store::by_id(&s.state.db, id).await.unwrap().unwrap();
        assert_eq!(t.window_id.as_ref(), Some(window));
        assert_eq!(t.calls, 1);
    }
}

#[tokio::test]
async fn transfer_to_a_queue_or_to_one_window() {
    let s = server_at(NOW).await;
    let db = &s.state.db;
    let (dept, other) = two_departments(&s).await;
    let ws = windows_of(&s, &dept).await;
    let (w1, w2) = (&ws[0], &ws[1]);
    let o = &windows_of(&s, &other).await[0];
    let a = issue(&s, &dept, None, t0(), None).await;
    let waiting_other = issue(&s, &other, None, t0() + 5, None).await;
    let t = store::call_next(db, w1, DAY, t0() + 60).await.unwrap().unwrap();
    assert_eq!(t.id, a.id);
    // To another department's queue: it waits there, keeping its place (checked in before the other ticket).
    assert!(store::act(db, &t, &w1.id, TicketAction::Transfer, t0() + 70, "s", Some(&Target::Queue(other.clone()))).await.unwrap());
    let moved = store::by_id(db, &a.id).await.unwrap().unwrap();
    assert_eq!((moved.state, moved.department_code.as_str(), moved.number.as_str()), (TicketState::Waiting, other.as_str(), a.number.as_str()));
    let next = store::call_next(db, o, DAY, t0() + 80).await.unwrap().unwrap();
    assert_eq!(next.id, a.id, "keeps its place: checked in first");
    // To one window: only that window calls it, before its queue.
    let b = issue(&s, &dept, None, t0() + 90, None).await;
    assert!(store::act(db, &next, &o.id, TicketAction::Transfer, t0() + 100, "s", Some(&Target::Window(w2.clone()))).await.unwrap());
    assert!(store::call_next(db, w1, DAY, t0() + 110).await.unwrap().is_some_and(|t| t.id == b.id), "w1 gets the queue, not the transfer");
    assert_eq!(store::call_next(db, w2, DAY, t0() + 120).await.unwrap().unwrap().id, a.id);
    assert_eq!(store::call_next(db, o, DAY, t0() + 130).await.unwrap().unwrap().id, waiting_other.id);
    // A served ticket cannot be transferred.
    let served = store::by_id(db, &a.id).await.unwrap().unwrap();
    assert!(store::act(db, &served, &w2.id, TicketAction::Serve, t0() + 140, "s", None).await.unwrap());
    let served = store::by_id(db, &a.id).await.unwrap().unwrap();
    assert_eq!(served.served_at, Some(t0() + 140), "the end of the ticket is recorded");
    assert!(!store::act(db, &served, &w2.id, TicketAction::Transfer, t0() + 150, "s", Some(&Target::Queue(dept))).await.unwrap());
}

/// Window staff through the server functions: sign on (own department only), call, skip, recall, serve.
#[tokio::test]
async fn staff_skip_recall_and_serve_at_their_window() {
    let s = server_at(NOW).await;
    let (dept, other) = two_departments(&s).await;
    let w = windows_of(&s, &dept).await[0].clone();
    let o = windows_of(&s, &other).await[0].clone();
    let staff = s.session_with(&[(Role::WindowStaff, &dept)]).await;
    let tok = Some(staff.as_str());

    // Not their department: refused, nothing signed on.
    s.call_as(tok, || api::window_sign_on(Some(o.id.clone()))).await.unwrap();
    let c = s.call_as(tok, api::window_console).await.unwrap();
    assert!(c.window.is_none());
    assert!(c.choices.iter().all(|ch| !ch.id.eq(&o.id)), "only their department's windows are offered");
    // Calling before signing on is refused with a reason.
    s.call_as(tok, api::call_next).await.unwrap();
    let c = s.call_as(tok, api::window_console).await.unwrap();
    assert_eq!(c.flash.error("call").as_deref(), Some("请先签到窗口"));

    s.call_as(tok, || api::window_sign_on(Some(w.id.clone()))).await.unwrap();
    // A colleague cannot take the same window.
    let colleague = s.session_with(&[(Role::WindowStaff, &dept)]).await;
    s.call_as(Some(&colleague), || api::window_sign_on(Some(w.id.clone()))).await.unwrap();
    let cc = s.call_as(Some(&colleague), api::window_console).await.unwrap();
    assert!(cc.window.is_none());
    assert_eq!(cc.flash.error("window_id").as_deref(), Some("该窗口已有工作人员签到"));

    let a = issue(&s, &dept, None, t0(), None).await;
    let b = issue(&s, &dept, None, t0() + 1, None).await;
    // Paused: no calls.
    s.call_as(tok, || api::window_pause("1".into())).await.unwrap();
    s.call_as(tok, api::call_next).await.unwrap();
    assert_eq!(s.call_as(tok, api::window_console).await.unwrap().flash.error("call").as_deref(), Some("窗口已暂停，请先恢复服务"));
    s.call_as(tok, || api::window_pause("0".into())).await.unwrap();

    s.call_as(tok, api::call_next).await.unwrap();
    let c = s.call_as(tok, api::window_console).await.unwrap();
    let cur = c.window.clone().unwrap().current.unwrap();
    assert_eq!(cur.number, a.number);
    // A second call while one is current is refused: serve or skip first.
    s.call_as(tok, api::call_next).await.unwrap();
    assert_eq!(s.call_as(tok, api::window_console).await.unwrap().flash.error("call").as_deref(), Some("请先办结或过号当前号码"));
    // The citizen's page says where to go.
    let view = s.call_as(None, || api::ticket_page(a.code.clone())).await.unwrap().unwrap();
    assert_eq!((view.live.state, view.live.window_number), (TicketState::Called, Some(w.number)));
    let vb = s.call_as(None, || api::ticket_page(b.code.clone())).await.unwrap().unwrap();
    assert_eq!((vb.live.state, vb.live.ahead), (TicketState::Waiting, 0));

    s.call_as(tok, || api::ticket_action("skip".into(), cur.id.clone(), None)).await.unwrap();
    let c = s.call_as(tok, api::window_console).await.unwrap().window.unwrap();
    assert!(c.current.is_none());
    assert_eq!(c.skipped, vec![(a.id.clone(), a.number.clone())]);
    // The person turns up: recall brings the skipped ticket back to this window, called a second time.
    s.call_as(tok, || api::ticket_action("recall".into(), a.id.clone(), None)).await.unwrap();
    let c = s.call_as(tok, api::window_console).await.unwrap().window.unwrap();
    assert_eq!(c.current.as_ref().map(|t| (t.number.clone(), t.calls)), Some((a.number.clone(), 2)));
    // Someone else's ticket cannot be served from here.
    s.call_as(tok, || api::ticket_action("serve".into(), b.id.clone(), None)).await.unwrap();
    assert_eq!(s.call_as(tok, api::window_console).await.unwrap().flash.error("call").as_deref(), Some("该号码不在本窗口"));
    s.call_as(tok, || api::ticket_action("serve".into(), a.id.clone(), None)).await.unwrap();
    let done = store::by_id(&s.state.db, &a.id).await.unwrap().unwrap();
    assert_eq!(done.state, TicketState::Served);
    assert_eq!(done.served_at, Some(t0()));
    // Transfer via the console needs a target.
    s.call_as(tok, api::call_next).await.unwrap();
    s.call_as(tok, || api::ticket_action("transfer".into(), b.id.clone(), Some("nowhere".into()))).await.unwrap();
    assert_eq!(s.call_as(tok, api::window_console).await.unwrap().flash.error("target").as_deref(), Some("请选择转往的部门或窗口"));
    s.call_as(tok, || api::ticket_action("transfer".into(), b.id.clone(), Some(format!("q:{other}")))).await.unwrap();
    assert_eq!(store::by_id(&s.state.db, &b.id).await.unwrap().unwrap().department_code, other);
}

async fn queue_sms(s: &TestServer, phone: &str) -> Vec<String> {
    sqlx::query("SELECT body FROM notifications WHERE phone = $1 AND kind = 'queue'")
        .bind(phone)
        .fetch_all(&s.state.db)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get("body"))
        .collect()
}

#[tokio::test]
async fn an_sms_when_three_are_ahead_exactly_once() {
    let s = server_at(NOW).await;
    let (dept, _) = two_departments(&s).await;
    let point = hall(&s).await;
    let ws = windows_of(&s, &dept).await;
    let staff1 = s.session_with(&[(Role::WindowStaff, &dept)]).await;
    let staff2 = s.session_with(&[(Role::WindowStaff, &dept)]).await;
    s.call_as(Some(&staff1), || api::window_sign_on(Some(ws[0].id.clone()))).await.unwrap();
    s.call_as(Some(&staff2), || api::window_sign_on(Some(ws[1].id.clone()))).await.unwrap();
    let desk = s.session_with(&[(Role::WindowStaff, &dept)]).await;
    for _ in 0..5 {
        s.call_as(Some(&desk), || api::take_ticket(point.clone(), Some(dept.clone()), None)).await.unwrap();
    }
    // The sixth has a phone and five ahead; an invalid phone is refused with the field named.
    s.call_as(Some(&desk), || api::take_ticket(point.clone(), Some(dept.clone()), Some("138".into()))).await.unwrap();
    let d = s.call_as(Some(&desk), || api::checkin_page(None)).await.unwrap();
    assert_eq!(d.flash.error("phone").as_deref(), Some("手机号码应为11位数字，如 13812345678"));
    assert_eq!(d.flash.value("phone"), "138", "what was typed stays");
    s.call_as(Some(&desk), || api::take_ticket(point.clone(), Some(dept.clone()), Some("138 0000 1234".into()))).await.unwrap();
    let mine = store::waiting(&s.state.db, &point, &dept, DAY).await.unwrap().pop().unwrap();
    assert_eq!(mine.phone.as_deref(), Some("13800001234"));
    assert_eq!(store::ahead(&s.state.db, &mine).await.unwrap(), 5);

    let serve_and_call = |tok: String| {
        let s = &s;
        async move {
            let c = s.call_as(Some(&tok), api::window_console).await.unwrap().window.unwrap();
            if let Some(cur) = c.current {
                s.call_as(Some(&tok), || api::ticket_action("serve".into(), cur.id.clone(), None)).await.unwrap();
            }
            s.call_as(Some(&tok), api::call_next).await.unwrap();
        }
    };
    serve_and_call(staff1.clone()).await; // 4 ahead
    assert!(queue_sms(&s, "13800001234").await.is_empty());
    serve_and_call(staff2.clone()).await; // 3 ahead
    let sms = queue_sms(&s, "13800001234").await;
    assert_eq!(sms.len(), 1);
    assert!(sms[0].contains(&format!("{}前面还有3人", mine.number)), "{}", sms[0]);
    serve_and_call(staff1.clone()).await; // 2 ahead
    serve_and_call(staff2.clone()).await; // 1 ahead
    assert_eq!(queue_sms(&s, "13800001234").await.len(), 1, "exactly once");
    // Someone with three or fewer ahead at check-in is in the hall already: no SMS.
    s.call_as(Some(&desk), || api::take_ticket(point.clone(), Some(dept.clone()), Some("13800005678".into()))).await.unwrap();
    serve_and_call(staff1).await;
    assert!(queue_sms(&s, "13800005678").await.is_empty());
}

#[tokio::test]
async fn a_window_screen_shows_the_queue_only_on_a_registered_device() {
    let s = server_at(NOW).await;
    let (dept, _) = two_departments(&s).await;
    let ws = windows_of(&s, &dept).await;
    let unpaired = s.call_as(None, || api::screen_page(ws[0].id.clone())).await.unwrap().unwrap();
    assert!(!unpaired.paired && !unpaired.admin);
    let a = issue(&s, &dept, None, t0(), None).await;
    store::call_next(&s.state.db, &ws[0], DAY, t0()).await.unwrap();
    // An unpaired browser learns nothing of the queue.
    assert_eq!(unpaired.live.serving, None);
    let admin = s.session_with(&[(Role::CentreAdmin, "")]).await;
    assert!(s.call_as(Some(&admin), || api::screen_page(ws[0].id.clone())).await.unwrap().unwrap().admin);
    let token = store::pair_device(&s.state.db, &ws[0].id, "admin", t0()).await.unwrap();
    let cookie = format!("{}={token}", api::DEVICE_COOKIE);
    let paired = s.call_with_cookie(Some(&cookie), || api::screen_page(ws[0].id.clone())).await.unwrap().unwrap();
    assert!(paired.paired);
    assert_eq!(paired.live.serving, Some((a.number.clone(), 1)));
    // Registered for one window only.
    let elsewhere = s.call_with_cookie(Some(&cookie), || api::screen_page(ws[1].id.clone())).await.unwrap().unwrap();
    assert!(!elsewhere.paired);
    // The event stream refuses unregistered devices too.
    use axum::extract::{Path, State};
    use axum::http::{header, HeaderMap, StatusCode};
    let refused = app::api::live::screen_events(State(s.state.clone()), Path(ws[0].id.clone()), HeaderMap::new()).await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let mut h = HeaderMap::new();
    h.insert(header::COOKIE, cookie.parse().unwrap());
    let ok = app::api::live::screen_events(State(s.state.clone()), Path(ws[0].id.clone()), h).await;
    assert_eq!(ok.status(), StatusCode::OK);
    assert_eq!(ok.headers()[header::CONTENT_TYPE], "text/event-stream");

    // The administrator sees the device under its window, and revokes it: the screen is dark from then on.
    let list = s.call_as(Some(&admin), api::screens_admin).await.unwrap();
    let listed = list.windows.iter().find(|w| w.window_id == ws[0].id).unwrap();
    assert_eq!(listed.devices.len(), 1);
    assert!(list.windows.iter().filter(|w| w.window_id != ws[0].id).all(|w| w.devices.is_empty()));
    s.call_as(Some(&admin), || api::unpair_screen(listed.devices[0].0.clone())).await.unwrap();
    let page = s.call_as(Some(&admin), api::screens_admin).await.unwrap();
    assert_eq!(page.flash.value("done"), "已撤销该设备的登记，它将显示“此设备未登记”。");
    assert!(page.windows.iter().all(|w| w.devices.is_empty()));
    let revoked = s.call_with_cookie(Some(&cookie), || api::screen_page(ws[0].id.clone())).await.unwrap().unwrap();
    assert!(!revoked.paired && revoked.live.serving.is_none());
    // Its event stream says only "gone" (the page reloads to "此设备未登记") and ends.
    let mut h = HeaderMap::new();
    h.insert(header::COOKIE, cookie.parse().unwrap());
    let gone = app::api::live::screen_events(State(s.state.clone()), Path(ws[0].id.clone()), h).await;
    let body = axum::body::to_bytes(gone.into_body(), 4096).await.unwrap();
    assert_eq!(String::from_utf8_lossy(&body).trim(), "event: gone\ndata: gone");
}

/// Check-in with a booking: by code or by the whole check-in URL the scanner types; booked-in-grace goes first,
/// late ones queue as walk-ins; a second check-in shows the same ticket; wrong day and unknown codes are named.
#[tokio::test]
async fn booking_check_in_issues_a_ticket_in_the_right_queue() {
    use app::api::booking as bapi;
    use app::domain::booking::{instant, slot_id};
    use app::domain::calendar::date;
    use chrono::NaiveTime;
    let mut s = server_at("2026-11-24T08:00:00+08:00").await;
    let point = hall(&s).await;
    let (dept, item): (String, String) = sqlx::query_as(
        "SELECT i.department_code, i.code FROM service_items i JOIN point_items p ON p.item_code = i.code \
         JOIN windows w ON w.department_code = i.department_code AND w.point_id = p.point_id \
         WHERE p.point_id = $1 ORDER BY i.code LIMIT 1",
    )
    .bind(&point)
    .fetch_one(&s.state.db)
    .await
    .unwrap();
    let slot = |d: u32, h: u32| slot_id(&point, &dept, instant(date(2026, 11, d), NaiveTime::from_hms_opt(h, 0, 0).unwrap()));
    let mut codes = Vec::new();
    for (d, h) in [(24, 10), (24, 10), (25, 10)] {
        let citizen = s.session_with(&[(Role::Citizen, "")]).await;
        s.call_as(Some(&citizen), || bapi::book_slot(item.clone(), point.clone(), Some(slot(d, h)), None, None, None, None, None)).await.unwrap();
        let all: Vec<String> = sqlx::query_scalar("SELECT code FROM bookings").fetch_all(&s.state.db).await.unwrap();
        let new: Vec<String> = all.into_iter().filter(|c| !codes.contains(c)).collect();
        assert_eq!(new.len(), 1, "booked");
        codes.push(new[0].clone());
    }
    let ends_at: i64 = sqlx::query_scalar("SELECT ends_at FROM bookings WHERE code = $1").bind(&codes[0]).fetch_one(&s.state.db).await.unwrap();
    s.state.clock.fixed = Some(chrono::DateTime::from_timestamp(ends_at - 600, 0).unwrap());
    let desk = s.session_with(&[(Role::WindowStaff, &dept)]).await;
    let walk_in = issue(&s, &dept, None, ends_at - 3600, None).await;

    assert_eq!(checkin(&s, &desk, &point, format!("http://hall.example/bookings/{}", codes[0].to_lowercase())).await, None);
    let t = store::by_booking(&s.state.db, &codes[0]).await.unwrap().expect("a ticket");
    assert_eq!((t.priority, t.department_code.as_str()), (Priority::Booked, dept.as_str()));
    assert_eq!(store::ahead(&s.state.db, &t).await.unwrap(), 0, "ahead of the earlier walk-in");
    assert_eq!(store::ahead(&s.state.db, &store::by_id(&s.state.db, &walk_in.id).await.unwrap().unwrap()).await.unwrap(), 1);
    let status: String = sqlx::query_scalar("SELECT status FROM bookings WHERE code = $1").bind(&codes[0]).fetch_one(&s.state.db).await.unwrap();
    assert_eq!(status, "checked_in");
    // The booking page shows where the person stands (and links to the ticket).
    let page = s.call_as(None, || bapi::get_booking(codes[0].clone())).await.unwrap().unwrap();
    let (code, live) = page.ticket.expect("checked in");
    assert_eq!((code, live.number, live.ahead), (t.code.clone(), t.number.clone(), 0));
    // Scanned again: the same ticket, no new number.
    assert_eq!(checkin(&s, &desk, &point, codes[0].clone()).await, None);
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM queue_tickets").fetch_one(&s.state.db).await.unwrap();
    assert_eq!(n, 2);

    // Past the slot's end plus the grace: a walk-in's place.
    s.state.clock.fixed = Some(chrono::DateTime::from_timestamp(ends_at + GRACE_SECS + 60, 0).unwrap());
    assert_eq!(checkin(&s, &desk, &point, codes[1].clone()).await, None);
    let late = store::by_booking(&s.state.db, &codes[1]).await.unwrap().unwrap();
    assert_eq!(late.priority, Priority::WalkIn);
    assert_eq!(store::ahead(&s.state.db, &late).await.unwrap(), 2);

    assert_eq!(checkin(&s, &desk, &point, codes[2].clone()).await.as_deref(), Some("该预约的办理日期是2026-11-25，不是今天"));
    assert_eq!(checkin(&s, &desk, &point, "ZZZZZZZZZZZZ".into()).await.as_deref(), Some("未找到该预约，请核对预约码"));
    assert_eq!(checkin(&s, &desk, &point, "  ".into()).await.as_deref(), Some("请扫描或输入预约码"));
}

/// Checks in `typed` at the desk; the error the desk shows, if any.
async fn checkin(s: &TestServer, desk: &str, point: &str, typed: String) -> Option<String> {
    s.call_as(Some(desk), || api::check_in(point.to_string(), Some(typed))).await.unwrap();
    s.call_as(Some(desk), || api::checkin_page(None)).await.unwrap().flash.error("code")
}
