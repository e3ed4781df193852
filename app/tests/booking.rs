//! Booking rules against the real database through the server functions: capacity, per-account limit, one per
//! service per day, cancellation cut-off, no-show suspension and the admin lifting it, cancel and reschedule
//! giving places back, reminders sent once, and what the booking page shows to whom.

mod common;

use app::api::booking::{self as api, BookQuery};
use app::domain::accounts::Role;
use app::domain::booking::{instant, SlotId};
use app::domain::calendar::date;
use chrono::{DateTime, NaiveTime};
use common::{server_at, TestServer};

const NOW: &str = "2026-11-24T10:00:00+08:00";
const HALL: &str = "530127";

/// Items the county hall handles for one department: (department, [item codes]).
async fn hall_items(s: &TestServer) -> (String, Vec<String>) {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT i.department_code, i.code FROM service_items i JOIN point_items p ON p.item_code = i.code \
         WHERE p.point_id = '530127' ORDER BY i.department_code, i.code",
    )
    .fetch_all(&s.state.db)
    .await
    .unwrap();
    let dept = rows
        .iter()
        .find(|(d, _)| rows.iter().filter(|(e, _)| e == d).count() >= 3)
        .map(|(d, _)| d.clone())
        .unwrap();
    (dept.clone(), rows.into_iter().filter(|(d, _)| *d == dept).map(|(_, c)| c).collect())
}

fn slot(dept: &str, m: u32, d: u32, h: u32, min: u32) -> String {
    SlotId::new(HALL, dept, instant(date(2026, m, d), NaiveTime::from_hms_opt(h, min, 0).unwrap())).to_string()
}

/// Books as `token` through the booking service; the new booking's code, or the message the slot page shows. The
/// service says what happened (issue 14): no counting rows.
async fn book(s: &TestServer, token: &str, item: &str, slot: &str) -> Result<String, String> {
    use app::service::booking::{BookRequest, ForWhom, Typed};
    let db = &s.state.db;
    let account = app::store::accounts::find_session(db, token).await.unwrap().and_then(|x| x.account_id).expect("signed in");
    let who = app::store::accounts::identity(db, &account).await.unwrap().unwrap();
    let request = BookRequest {
        item: item.into(),
        point: HALL.into(),
        slot: slot.parse().ok(),
        for_whom: ForWhom::Myself,
        typed: Typed { my_name: "张秀英".into(), name: String::new(), phone: String::new(), reason: String::new() },
    };
    let now = s.state.clock.now_for(None).timestamp();
    match app::service::booking::book(db, common::PUBLIC_URL, &who, &request, now).await {
        Ok(booked) => Ok(booked.code),
        Err(app::error::AppError::Invalid(flash)) => Err(flash.error("slot").expect("a refusal says why")),
        Err(e) => panic!("booking failed: {e:?}"),
    }
}

async fn status(s: &TestServer, code: &str) -> String {
    sqlx::query_scalar("SELECT status FROM bookings WHERE code = $1").bind(code).fetch_one(&s.state.db).await.unwrap()
}

async fn booked(s: &TestServer, slot: &str) -> i64 {
    let n: Option<i64> =
        sqlx::query_scalar("SELECT booked FROM slots WHERE id = $1").bind(slot).fetch_optional(&s.state.db).await.unwrap();
    n.unwrap_or(0)
}

fn at(s: &mut TestServer, t: &str) {
    s.state.clock.fixed = Some(DateTime::parse_from_rfc3339(t).unwrap().into());
}

#[tokio::test]
async fn a_full_slot_refuses_with_the_next_free_slots() {
    let s = server_at(NOW).await;
    let (dept, items) = hall_items(&s).await;
    app::store::booking::set_group(&s.state.db, HALL, &dept, 30, 2, 0).await.unwrap();
    let sat = slot(&dept, 11, 28, 9, 0);
    for i in 0..2 {
        let (_, t) = s.citizen(&format!("1380000000{i}")).await;
        book(&s, &t, &items[0], &sat).await.unwrap();
    }
    let (_, t) = s.citizen("13800000009").await;
    let refused = book(&s, &t, &items[0], &sat).await.unwrap_err();
    assert!(refused.starts_with("该时段已约满"), "{refused}");
    assert!(refused.contains("最近可约") && refused.contains("2026年11月24日"), "next free slots from now: {refused}");
    assert_eq!(booked(&s, &sat).await, 2);
    // The day page shows the Saturday (365-day hall) with its places counted.
    let q = BookQuery { item: Some(items[0].clone()), point: Some(HALL.into()), ..Default::default() };
    let step = s.call_as(Some(&t), || api::booking_flow(q)).await.unwrap();
    let saturday = step.days.iter().find(|d| d.day == "2026-11-28").unwrap();
    assert!(saturday.open);
    assert_eq!(saturday.remaining, 16 * 2 - 2, "09:00–17:00 in 30-minute slots, 2 places each, 2 taken");
    assert_eq!(step.days.len(), 14);
}

#[tokio::test]
async fn at_most_n_active_bookings_per_account() {
    let s = server_at(NOW).await;
    let (dept, items) = hall_items(&s).await;
    let r = app::domain::booking::Rules { max_active: 2, ..Default::default() };
    app::store::booking::save_rules(&s.state.db, &r).await.unwrap();
    let (_, t) = s.citizen("13800000001").await;
    let first = book(&s, &t, &items[0], &slot(&dept, 11, 25, 9, 0)).await.unwrap();
    book(&s, &t, &items[1], &slot(&dept, 11, 25, 9, 30)).await.unwrap();
    let refused = book(&s, &t, &items[2], &slot(&dept, 11, 26, 9, 0)).await.unwrap_err();
    assert_eq!(refused, "您已有2个有效预约，请先办理或取消后再预约");
    // Cancelling one makes room again.
    s.call_as(Some(&t), || api::cancel_booking(first.clone())).await.unwrap();
    assert_eq!(status(&s, &first).await, "cancelled");
    book(&s, &t, &items[2], &slot(&dept, 11, 26, 9, 0)).await.unwrap();
}

#[tokio::test]
async fn one_booking_per_service_per_day() {
    let s = server_at(NOW).await;
    let (dept, items) = hall_items(&s).await;
    let (_, t) = s.citizen("13800000001").await;
    book(&s, &t, &items[0], &slot(&dept, 11, 27, 9, 0)).await.unwrap();
    let refused = book(&s, &t, &items[0], &slot(&dept, 11, 27, 15, 0)).await.unwrap_err();
    assert_eq!(refused, "同一事项每天只能预约一次");
    assert_eq!(booked(&s, &slot(&dept, 11, 27, 15, 0)).await, 0, "the refused place was given back");
    book(&s, &t, &items[0], &slot(&dept, 11, 28, 9, 0)).await.unwrap();
    book(&s, &t, &items[1], &slot(&dept, 11, 27, 15, 0)).await.unwrap();
}

#[tokio::test]
async fn slots_outside_opening_hours_or_in_the_past_are_refused() {
    let s = server_at(NOW).await;
    let (dept, items) = hall_items(&s).await;
    let (_, t) = s.citizen("13800000001").await;
    let msg = "该时段不可预约，请另选时段";
    assert_eq!(book(&s, &t, &items[0], &slot(&dept, 11, 24, 9, 30)).await.unwrap_err(), msg, "started");
    assert_eq!(book(&s, &t, &items[0], &slot(&dept, 11, 28, 17, 0)).await.unwrap_err(), msg, "hall closes 17:00 on Saturdays");
    assert_eq!(book(&s, &t, &items[0], &slot(&dept, 11, 25, 9, 10)).await.unwrap_err(), msg, "not a slot start");
    assert_eq!(book(&s, &t, &items[0], &slot(&dept, 12, 8, 9, 0)).await.unwrap_err(), msg, "beyond 14 days");
    assert_eq!(book(&s, &t, &items[0], &slot("XX", 11, 25, 9, 0)).await.unwrap_err(), msg, "another group");
}

#[tokio::test]
async fn cancel_and_reschedule_stop_at_the_cut_off_and_free_places() {
    let mut s = server_at(NOW).await;
    let (dept, items) = hall_items(&s).await;
    let (_, t) = s.citizen("13800000001").await;
    let a = slot(&dept, 11, 25, 10, 0);
    let b = slot(&dept, 11, 25, 11, 0);
    let code = book(&s, &t, &items[0], &a).await.unwrap();
    s.call_as(Some(&t), || api::reschedule_booking(code.clone(), Some(b.clone()))).await.unwrap();
    assert_eq!((booked(&s, &a).await, booked(&s, &b).await), (0, 1));
    let moved: String = sqlx::query_scalar("SELECT slot_id FROM bookings WHERE code = $1").bind(&code).fetch_one(&s.state.db).await.unwrap();
    assert_eq!(moved, b);
    // 30 minutes before the start (cut-off 60): no cancelling.
    at(&mut s, "2026-11-25T10:30:00+08:00");
    s.call_as(Some(&t), || api::cancel_booking(code.clone())).await.unwrap();
    assert_eq!(status(&s, &code).await, "active");
    let flash = s.call_as(Some(&t), api::booking_flash).await.unwrap();
    assert_eq!(flash.error("cancel").as_deref(), Some("距预约开始不足60分钟，不能再取消或改约"));
    at(&mut s, "2026-11-25T09:59:00+08:00");
    s.call_as(Some(&t), || api::cancel_booking(code.clone())).await.unwrap();
    assert_eq!(status(&s, &code).await, "cancelled");
    assert_eq!(booked(&s, &b).await, 0);
    // Someone else cannot cancel or see the details of a booking.
    let (_, other) = s.citizen("13800000002").await;
    let code2 = book(&s, &t, &items[0], &slot(&dept, 11, 26, 10, 0)).await.unwrap();
    s.call_as(Some(&other), || api::cancel_booking(code2.clone())).await.unwrap();
    assert_eq!(status(&s, &code2).await, "active");
    let public = s.call_as(None, || api::get_booking(code2.clone())).await.unwrap().unwrap();
    assert!(!public.owner && public.materials.is_empty() && public.qr.is_none());
    assert_eq!(public.holder, "张**", "masked name");
    let mine = s.call_as(Some(&t), || api::get_booking(code2.clone())).await.unwrap().unwrap();
    assert!(mine.owner && mine.qr.as_deref().is_some_and(|u| app::domain::qr::svg(u, "签到二维码").starts_with("<svg")) && !mine.materials.is_empty());
    assert!(mine.url.ends_with(&format!("/bookings/{code2}")));
}

#[tokio::test]
async fn three_no_shows_in_90_days_suspend_until_the_admin_lifts_it() {
    let mut s = server_at(NOW).await;
    let (dept, items) = hall_items(&s).await;
    let (_, t) = s.citizen("13800000001").await;
    for d in [25, 26, 27] {
        book(&s, &t, &items[0], &slot(&dept, 11, d, 9, 0)).await.unwrap();
    }
    // Nobody came. Until the 30-minute slot has ended plus the 15 minutes' grace they may still check in (and go
    // ahead of walk-ins); after that the worker marks them.
    let within = instant(date(2026, 11, 27), NaiveTime::from_hms_opt(9, 44, 0).unwrap());
    assert_eq!(app::service::booking::run_jobs(&s.state.db, within).await.unwrap().0, 2, "the 25th and 26th only");
    let after = instant(date(2026, 11, 27), NaiveTime::from_hms_opt(9, 46, 0).unwrap());
    assert_eq!(app::service::booking::run_jobs(&s.state.db, after).await.unwrap().0, 1);
    at(&mut s, "2026-11-27T10:00:00+08:00");
    let refused = book(&s, &t, &items[0], &slot(&dept, 11, 30, 9, 0)).await.unwrap_err();
    assert!(refused.starts_with("您在90天内有3次预约未到，2026年12月27日前暂停预约"), "{refused}");
    let mine = s.call_as(Some(&t), api::my_bookings).await.unwrap();
    assert!(mine.suspended.is_some());
    let admin = s.session_with(&[(Role::CentreAdmin, "")]).await;
    let page = s.call_as(Some(&admin), api::booking_admin).await.unwrap();
    assert_eq!(page.suspended.len(), 1);
    let account = page.suspended[0].0.clone();
    s.call_as(Some(&admin), || api::lift_booking_suspension(account.clone())).await.unwrap();
    assert!(s.call_as(Some(&admin), api::booking_admin).await.unwrap().suspended.is_empty());
    book(&s, &t, &items[0], &slot(&dept, 11, 30, 9, 0)).await.unwrap();
}

#[tokio::test]
async fn reminders_go_out_once_the_day_before_and_an_hour_before() {
    let s = server_at(NOW).await;
    let (dept, items) = hall_items(&s).await;
    let (id, t) = s.citizen("13800000001").await;
    let code = book(&s, &t, &items[0], &slot(&dept, 11, 26, 14, 0)).await.unwrap();
    let sms = |kind: &'static str| {
        let db = s.state.db.clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM notifications WHERE phone = '13800000001' AND kind = $1")
                .bind(kind)
                .fetch_one(&db)
                .await
                .unwrap()
        }
    };
    assert_eq!(sms("booking").await, 1, "the confirmation");
    let day_before = instant(date(2026, 11, 25), NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    assert_eq!(app::service::booking::run_jobs(&s.state.db, day_before - 60).await.unwrap().1, 0);
    assert_eq!(app::service::booking::run_jobs(&s.state.db, day_before).await.unwrap().1, 1);
    assert_eq!(app::service::booking::run_jobs(&s.state.db, day_before + 60).await.unwrap().1, 0, "once");
    let hour_before = instant(date(2026, 11, 26), NaiveTime::from_hms_opt(13, 0, 0).unwrap());
    assert_eq!(app::service::booking::run_jobs(&s.state.db, hour_before).await.unwrap().1, 1);
    assert_eq!(app::service::booking::run_jobs(&s.state.db, hour_before + 60).await.unwrap().1, 0, "once");
    assert_eq!(sms("booking").await, 3);
    let notices = app::store::notices::newest(&s.state.db, &id, 10).await.unwrap();
    assert_eq!(notices.len(), 3);
    assert!(notices[0].0.contains("1小时后") && notices[0].1 == format!("/bookings/{code}"));
    // The notices page shows them all, newest first, to their owner only.
    let page = s.call_as(Some(&t), app::api::notices::my_notices).await.unwrap();
    assert_eq!(page.len(), 3);
    assert!(page[0].0.contains("1小时后") && page[2].0.contains("您已预约"));
    let (_, other) = s.citizen("13800000002").await;
    assert!(s.call_as(Some(&other), app::api::notices::my_notices).await.unwrap().is_empty());
}

#[tokio::test]
async fn the_admin_sets_rules_and_group_capacity_with_checked_input() {
    let s = server_at(NOW).await;
    let (dept, items) = hall_items(&s).await;
    let admin = s.session_with(&[(Role::CentreAdmin, "")]).await;
    s.call_as(Some(&admin), || {
        api::save_booking_rules(Some("0".into()), Some("30".into()), Some("20".into()), Some("x".into()), Some("30".into()), Some("10".into()), Some("3".into()), Some("3".into()), Some("0".into()), Some("30".into()))
    })
    .await
    .unwrap();
    let page = s.call_as(Some(&admin), api::booking_admin).await.unwrap();
    assert_eq!(page.flash.error("max_active").as_deref(), Some("每人同时有效预约数应为1–20"));
    assert_eq!(page.flash.error("default_capacity").as_deref(), Some("默认每时段名额应为整数"));
    assert_eq!(page.flash.value("cancel_cutoff_minutes"), "30", "typed values come back");
    assert_eq!(page.flash.error("no_show_window_days").as_deref(), Some("统计天数应为1–365"));
    assert_eq!(page.rules, app::domain::booking::Rules::default(), "nothing saved");
    // Issue 13, item 5: the no-show rule is a setting; pages and refusals state it as set.
    s.call_as(Some(&admin), || {
        api::save_booking_rules(Some("3".into()), Some("60".into()), Some("30".into()), Some("4".into()), Some("30".into()), Some("10".into()), Some("3".into()), Some("2".into()), Some("30".into()), Some("7".into()))
    })
    .await
    .unwrap();
    let page = s.call_as(Some(&admin), api::booking_admin).await.unwrap();
    assert_eq!((page.rules.no_show_limit, page.rules.no_show_window_days, page.rules.suspension_days), (2, 30, 7));
    s.call_as(Some(&admin), || api::set_booking_group(Some(HALL.into()), Some(dept.clone()), Some("60".into()), Some("1".into())))
        .await
        .unwrap();
    let page = s.call_as(Some(&admin), api::booking_admin).await.unwrap();
    assert!(page.flash.errors.is_empty());
    assert_eq!(page.groups[0].4, "60分钟");
    let (_, t) = s.citizen("13800000001").await;
    let q = BookQuery { item: Some(items[0].clone()), point: Some(HALL.into()), day: Some("2026-11-28".into()), ..Default::default() };
    let step = s.call_as(Some(&t), || api::booking_flow(q)).await.unwrap();
    assert_eq!(step.slots.len(), 8, "09:00–17:00 in hours");
    assert!(step.slots.iter().all(|x| x.remaining == 1));
    let q = BookQuery { item: Some(items[0].clone()), point: Some(HALL.into()), slot: Some(step.slots[0].id.clone()), ..Default::default() };
    let check = s.call_as(Some(&t), || api::booking_flow(q)).await.unwrap();
    assert_eq!(check.no_show_rule, "30天内2次未到将暂停预约7天");
}

async fn join(s: &TestServer, token: &str, item: &str, slot: &str) {
    s.call_as(Some(token), || api::join_waitlist(item.into(), HALL.into(), Some(slot.into()), Some("候补人".into()))).await.unwrap();
}

async fn active_in(s: &TestServer, slot: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT account_id FROM bookings WHERE slot_id = $1 AND status = 'active' ORDER BY account_id")
        .bind(slot)
        .fetch_all(&s.state.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_cancellation_hands_the_place_to_the_first_waiting() {
    let s = server_at(NOW).await;
    let (dept, items) = hall_items(&s).await;
    app::store::booking::set_group(&s.state.db, HALL, &dept, 30, 1, 0).await.unwrap();
    let sat = slot(&dept, 11, 28, 9, 0);
    let (_, a) = s.citizen("13800000001").await;
    let (b_id, b) = s.citizen("13800000002").await;
    let (c_id, c) = s.citizen("13800000003").await;
    let code = book(&s, &a, &items[0], &sat).await.unwrap();
    assert!(book(&s, &b, &items[0], &sat).await.unwrap_err().starts_with("该时段已约满"));
    join(&s, &b, &items[0], &sat).await;
    join(&s, &c, &items[0], &sat).await;
    join(&s, &c, &items[0], &sat).await; // twice: still one place in the list
    let waits = s.call_as(Some(&c), api::my_bookings).await.unwrap().waits;
    assert_eq!(waits.len(), 1);
    assert_eq!(waits[0].2, "候补第2位");
    s.call_as(Some(&a), || api::cancel_booking(code.clone())).await.unwrap();
    assert_eq!(active_in(&s, &sat).await, vec![b_id.clone()], "the first waiting got it");
    assert_eq!(booked(&s, &sat).await, 1);
    let told: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE phone = '13800000002' AND body LIKE '%候补成功%'")
        .fetch_one(&s.state.db)
        .await
        .unwrap();
    assert_eq!(told, 1);
    assert_eq!(s.call_as(Some(&c), api::my_bookings).await.unwrap().waits[0].2, "候补第1位");
    // B releases it: C gets it.
    let b_code: String = sqlx::query_scalar("SELECT code FROM bookings WHERE account_id = $1").bind(&b_id).fetch_one(&s.state.db).await.unwrap();
    s.call_as(Some(&b), || api::cancel_booking(b_code.clone())).await.unwrap();
    assert_eq!(active_in(&s, &sat).await, vec![c_id]);
    assert!(s.call_as(Some(&c), api::my_bookings).await.unwrap().waits.is_empty());
}

#[tokio::test]
async fn racing_cancellations_hand_each_place_out_exactly_once() {
    let s = server_at(NOW).await;
    let (dept, items) = hall_items(&s).await;
    app::store::booking::set_group(&s.state.db, HALL, &dept, 30, 2, 0).await.unwrap();
    let sat = slot(&dept, 11, 28, 10, 0);
    let (_, a1) = s.citizen("13800000001").await;
    let (_, a2) = s.citizen("13800000002").await;
    let c1 = book(&s, &a1, &items[0], &sat).await.unwrap();
    let c2 = book(&s, &a2, &items[0], &sat).await.unwrap();
    let mut waiting = Vec::new();
    for i in 0..3 {
        let (id, t) = s.citizen(&format!("1390000000{i}")).await;
        join(&s, &t, &items[0], &sat).await;
        waiting.push(id);
    }
    let (r1, r2) = tokio::join!(
        s.call_as(Some(&a1), || api::cancel_booking(c1.clone())),
        s.call_as(Some(&a2), || api::cancel_booking(c2.clone())),
    );
    r1.unwrap();
    r2.unwrap();
    let mut first_two = waiting[..2].to_vec();
    first_two.sort();
    assert_eq!(active_in(&s, &sat).await, first_two, "the first two waiting, one place each");
    assert_eq!(booked(&s, &sat).await, 2);
    // And at the store level: one freed place, two promotions racing, one winner.
    let db = &s.state.db;
    let b = app::store::booking::by_code(db, &sqlx::query_scalar::<_, String>("SELECT code FROM bookings WHERE slot_id = $1 AND status = 'active' LIMIT 1").bind(&sat).fetch_one(db).await.unwrap()).await.unwrap().unwrap();
    assert!(app::store::booking::finish(db, &b, app::domain::booking::BookingStatus::Cancelled, true, 0).await.unwrap());
    let (p1, p2) = tokio::join!(
        app::store::booking::promote(db, &sat, 3, "RACE22222222", 0),
        app::store::booking::promote(db, &sat, 3, "RACE33333333", 0),
    );
    assert_eq!([p1.unwrap().booking.is_some(), p2.unwrap().booking.is_some()].iter().filter(|x| **x).count(), 1);
    assert_eq!(booked(&s, &sat).await, 2);
}

#[tokio::test]
async fn a_closure_cancels_the_bookings_in_it_and_tells_the_people() {
    let s = server_at(NOW).await;
    let (dept, items) = hall_items(&s).await;
    let (_, a) = s.citizen("13800000001").await;
    let (_, b) = s.citizen("13800000002").await;
    app::store::booking::set_group(&s.state.db, HALL, &dept, 30, 1, 0).await.unwrap();
    let inside = book(&s, &a, &items[0], &slot(&dept, 11, 28, 10, 0)).await.unwrap();
    let outside = book(&s, &b, &items[0], &slot(&dept, 11, 28, 14, 0)).await.unwrap();
    // Someone waits for the full 10:00 slot.
    let (_, w) = s.citizen("13800000004").await;
    s.call_as(Some(&w), || api::join_waitlist(items[0].clone(), HALL.into(), Some(slot(&dept, 11, 28, 10, 0)), Some("王芳".into()))).await.unwrap();
    let waiting: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM booking_waits WHERE status = 'waiting'").fetch_one(&s.state.db).await.unwrap();
    assert_eq!(waiting, 1);
    let admin = s.session_with(&[(Role::CentreAdmin, "")]).await;
    // Input is checked field by field.
    s.call_as(Some(&admin), || api::close_point(Some(HALL.into()), Some("11/28".into()), Some("12:00".into()), Some("09:00".into()), None)).await.unwrap();
    let f = s.call_as(Some(&admin), api::booking_admin).await.unwrap().flash;
    assert_eq!(f.error("close_day").as_deref(), Some("日期格式应为 2026-11-28"));
    assert_eq!(f.error("close_to").as_deref(), Some("结束时间应晚于开始时间"));
    assert_eq!(f.value("close_from"), "12:00", "what was typed comes back");
    assert!(f.error("close_reason").is_some());
    s.call_as(Some(&admin), || {
        api::close_point(Some(HALL.into()), Some("2026-11-28".into()), Some("09:00".into()), Some("12:00".into()), Some("线路检修停电".into()))
    })
    .await
    .unwrap();
    assert_eq!(status(&s, &inside).await, "closed");
    assert_eq!(status(&s, &outside).await, "active");
    let done = s.call_as(Some(&admin), api::booking_admin).await.unwrap().flash.value("done");
    assert!(done.contains("09:00–12:00 已暂停服务：取消了1个预约，已短信通知预约人和1位候补人"), "the administrator is told what happened: {done}");
    // Issue 13, item 6: the person waiting is told their wait has ended (before: it lapsed silently).
    let wait_sms: String = sqlx::query_scalar("SELECT body FROM notifications WHERE phone = '13800000004'").fetch_one(&s.state.db).await.unwrap();
    assert!(wait_sms.contains("候补未成功") && wait_sms.contains("暂停服务"), "{wait_sms}");
    let told: Vec<String> = sqlx::query_scalar("SELECT body FROM notifications WHERE body LIKE '%线路检修停电%'")
        .fetch_all(&s.state.db)
        .await
        .unwrap();
    assert_eq!(told.len(), 1, "only the booking inside the closure");
    assert!(told[0].contains("已取消"), "{told:?}");
    let phone: String = sqlx::query_scalar("SELECT phone FROM notifications WHERE body LIKE '%线路检修停电%'").fetch_one(&s.state.db).await.unwrap();
    assert_eq!(phone, "13800000001");
    // The closed morning is not bookable any more, for any department; it says 暂停服务 with the reason and offers
    // no waiting list (before: "已约满" and a waiting list).
    let (_, c) = s.citizen("13800000003").await;
    assert_eq!(book(&s, &c, &items[0], &slot(&dept, 11, 28, 11, 0)).await.unwrap_err(), "该时段暂停服务（线路检修停电），不能预约或候补，请选择其他时段");
    let page = s.call_as(Some(&c), || api::booking_flow(BookQuery { item: Some(items[0].clone()), point: Some(HALL.into()), day: Some("2026-11-28".into()), ..Default::default() })).await.unwrap();
    assert!(page.slots.iter().filter(|x| x.label.as_str() < "12:00").all(|x| x.remaining == 0 && x.closed.as_deref() == Some("线路检修停电")));
    assert!(page.slots.iter().any(|x| x.label.starts_with("12:00") && x.remaining > 0 && x.closed.is_none()));
    s.call_as(Some(&c), || api::join_waitlist(items[0].clone(), HALL.into(), Some(slot(&dept, 11, 28, 10, 0)), Some("李四".into()))).await.unwrap();
    let waits: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM booking_waits WHERE status = 'waiting'").fetch_one(&s.state.db).await.unwrap();
    assert_eq!(waits, 0, "no waiting list for a closed slot");
}

#[tokio::test]
async fn booking_for_a_family_member_tells_them_and_lets_them_decline() {
    let s = server_at(NOW).await;
    let (dept, items) = hall_items(&s).await;
    let (_, me) = s.citizen("13800000001").await;
    let sat = slot(&dept, 11, 28, 9, 0);
    let family = |name: &str, phone: &str| {
        let (item, sat, name, phone) = (items[0].clone(), sat.clone(), name.to_string(), phone.to_string());
        move || api::book_slot(item, HALL.into(), Some(sat), Some("family".into()), None, Some(name), Some(phone), None, None)
    };
    // Checked, with what was typed kept.
    s.call_as(Some(&me), family("", "1380000")).await.unwrap();
    let q = BookQuery { item: Some(items[0].clone()), point: Some(HALL.into()), slot: sat.parse().ok(), ..Default::default() };
    let step = s.call_as(Some(&me), || api::booking_flow(q)).await.unwrap();
    assert!(step.slot.is_some(), "back on the check-answers page");
    assert_eq!(step.flash.error("holder_name").as_deref(), Some("请输入家人的姓名（20个字以内）"));
    assert!(step.flash.error("holder_phone").is_some());
    assert_eq!(step.flash.value("holder_phone"), "1380000");
    s.call_as(Some(&me), family("王秀英", "13900000077")).await.unwrap();
    let code: String = sqlx::query_scalar("SELECT code FROM bookings WHERE holder_phone = '13900000077'").fetch_one(&s.state.db).await.unwrap();
    let sms: String = sqlx::query_scalar("SELECT body FROM notifications WHERE phone = '13900000077'").fetch_one(&s.state.db).await.unwrap();
    assert!(sms.contains("为您预约了") && sms.contains(&code), "{sms}");
    // The public page masks the family member's name; a stranger cannot cancel; the family member can.
    let public = s.call_as(None, || api::get_booking(code.clone())).await.unwrap().unwrap();
    assert_eq!(public.holder, "王**");
    let (_, stranger) = s.citizen("13900000088").await;
    s.call_as(Some(&stranger), || api::cancel_booking(code.clone())).await.unwrap();
    assert_eq!(status(&s, &code).await, "active");
    let (_, relative) = s.citizen("13900000077").await;
    let theirs = s.call_as(Some(&relative), || api::get_booking(code.clone())).await.unwrap().unwrap();
    assert!(theirs.owner && theirs.holder == "王秀英");
    // Issue 11, item 7: the family member is offered what they can do — decline — not 改约, which would fail
    // (before: family_view did not exist and the page offered 改约, leading to an error).
    assert!(theirs.family_view && theirs.changeable);
    let mine = s.call_as(Some(&me), || api::get_booking(code.clone())).await.unwrap().unwrap();
    assert!(!mine.family_view && mine.changeable, "the booker may still reschedule");
    let later = slot(&dept, 11, 28, 10, 0);
    s.call_as(Some(&relative), || api::reschedule_booking(code.clone(), Some(later.clone()))).await.unwrap();
    assert_eq!(sqlx::query_scalar::<_, String>("SELECT slot_id FROM bookings WHERE code = $1").bind(&code).fetch_one(&s.state.db).await.unwrap(), sat);
    s.call_as(Some(&relative), || api::cancel_booking(code.clone())).await.unwrap();
    assert_eq!(status(&s, &code).await, "cancelled");
}

#[tokio::test]
async fn staff_book_through_the_green_channel_into_the_persons_own_account() {
    let s = server_at(NOW).await;
    let (dept, items) = hall_items(&s).await;
    let staff = s.session_with(&[(Role::WindowStaff, &app::domain::accounts::staff_scope(HALL, &dept))]).await;
    let elsewhere = s.session_with(&[(Role::WindowStaff, &app::domain::accounts::staff_scope(HALL, "NOT-THIS-DEPT"))]).await;
    let (_, citizen) = s.citizen("13800000002").await;
    let sat = slot(&dept, 11, 28, 9, 0);
    let green = |name: &str, phone: &str, reason: &str| {
        let (item, sat) = (items[0].clone(), sat.clone());
        let (name, phone, reason) = (name.to_string(), phone.to_string(), reason.to_string());
        move || api::book_slot(item, HALL.into(), Some(sat), Some("green".into()), None, Some(name), Some(phone), Some(reason), None)
    };
    let count = || async {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bookings").fetch_one(&s.state.db).await.unwrap();
        n
    };
    // Only window staff of the item's department may book for someone else.
    assert!(s.call_as(Some(&citizen), green("李桂芬", "13900000055", "elderly")).await.is_err());
    assert!(s.call_as(Some(&elsewhere), green("李桂芬", "13900000055", "elderly")).await.is_err());
    let q = BookQuery { green: Some("1".into()), ..Default::default() };
    assert!(s.call_as(Some(&citizen), || api::booking_flow(q)).await.is_err(), "citizens cannot open the green flow");
    assert_eq!(count().await, 0);

    // Each field is checked and named, and what was typed comes back.
    s.call_as(Some(&staff), green("", "1390000", "")).await.unwrap();
    let q = BookQuery {
        item: Some(items[0].clone()),
        point: Some(HALL.into()),
        slot: sat.parse().ok(),
        green: Some("1".into()),
        ..Default::default()
    };
    let step = s.call_as(Some(&staff), || api::booking_flow(q.clone())).await.unwrap();
    assert!(step.slot.is_some(), "back on the check-answers page");
    assert_eq!(step.flash.error("holder_name").as_deref(), Some("请输入办事人的姓名（20个字以内）"));
    assert!(step.flash.error("holder_phone").unwrap().contains("11位"));
    assert_eq!(step.flash.error("reason").as_deref(), Some("请选择办理绿色通道的原因"));
    assert_eq!(step.flash.value("holder_phone"), "1390000");
    assert_eq!(count().await, 0);

    // Booked into the person's own (new) citizen account; they are told by SMS; who booked and why are recorded.
    s.call_as(Some(&staff), green("李桂芬", "139 0000 0055", "elderly")).await.unwrap();
    let (code, account, booked_by, reason): (String, String, Option<String>, Option<String>) = sqlx::query_as(
        "SELECT code, account_id, booked_by, green_reason FROM bookings WHERE holder_phone = '13900000055'",
    )
    .fetch_one(&s.state.db)
    .await
    .unwrap();
    let (kind, phone): (String, String) =
        sqlx::query_as("SELECT kind, phone FROM accounts WHERE id = $1").bind(&account).fetch_one(&s.state.db).await.unwrap();
    assert_eq!((kind.as_str(), phone.as_str()), ("citizen", "13900000055"));
    let booker = booked_by.unwrap();
    let booker_kind: String =
        sqlx::query_scalar("SELECT kind FROM accounts WHERE id = $1").bind(&booker).fetch_one(&s.state.db).await.unwrap();
    assert_eq!(booker_kind, "staff");
    assert_eq!(reason.as_deref(), Some("elderly"));
    let sms: String = sqlx::query_scalar("SELECT body FROM notifications WHERE phone = '13900000055'").fetch_one(&s.state.db).await.unwrap();
    assert!(sms.contains("工作人员已为您预约") && sms.contains(&code), "{sms}");

    // The person's own rules apply, told to the staff member about the person.
    s.call_as(Some(&staff), green("李桂芬", "13900000055", "elderly")).await.unwrap();
    let step = s.call_as(Some(&staff), || api::booking_flow(BookQuery { slot: None, ..q.clone() })).await.unwrap();
    assert_eq!(step.flash.error("slot").as_deref(), Some("同一事项每天只能预约一次"));
    assert_eq!(count().await, 1);

    // The staff member sees what to tell the person but cannot change it; the person signs in with the number and can.
    let seen = s.call_as(Some(&staff), || api::get_booking(code.clone())).await.unwrap().unwrap();
    assert!(seen.staff_view && seen.owner && !seen.changeable);
    assert_eq!(seen.green_reason.as_deref(), Some("老年人"));
    assert_eq!(seen.holder, "李桂芬");
    let other_staff = s.call_as(Some(&elsewhere), || api::get_booking(code.clone())).await.unwrap().unwrap();
    assert!(!other_staff.owner && other_staff.holder == "李**");
    let public = s.call_as(None, || api::get_booking(code.clone())).await.unwrap().unwrap();
    // The full view was recorded for the administrator, once; the masked views were not.
    let reads = app::store::audit::recent_reads(&s.state.db, 10).await.unwrap();
    assert_eq!(reads.iter().map(|r| (r.what.as_str(), r.subject.as_str())).collect::<Vec<_>>(), vec![("booking", code.as_str())]);
    assert_eq!(public.green_reason, None, "why someone needed the green channel is not on the public page");
    s.call_as(Some(&staff), || api::cancel_booking(code.clone())).await.unwrap();
    assert_eq!(status(&s, &code).await, "active");
    // Staff who leave the department no longer see the details of what they booked.
    let staff_id = booker.clone();
    app::store::accounts::remove_grant(&s.state.db, &staff_id, Role::WindowStaff, &app::domain::accounts::staff_scope(HALL, &dept)).await.unwrap();
    let after = s.call_as(Some(&staff), || api::get_booking(code.clone())).await.unwrap().unwrap();
    assert!(!after.owner && !after.staff_view && after.holder == "李**");
    let (same, person) = s.citizen("13900000055").await;
    assert_eq!(same, account, "signing in with the number finds the account the booking is in");
    let mine = s.call_as(Some(&person), api::my_bookings).await.unwrap();
    assert_eq!(mine.upcoming.iter().map(|b| b.code.clone()).collect::<Vec<_>>(), vec![code.clone()]);
    assert!(mine.upcoming[0].changeable);
    s.call_as(Some(&person), || api::cancel_booking(code.clone())).await.unwrap();
    assert_eq!(status(&s, &code).await, "cancelled");
}

#[tokio::test]
async fn points_are_listed_nearest_first_from_the_citizens_village() {
    let s = server_at(NOW).await;
    let (_, me) = s.citizen("13800000009").await;
    let villages: Vec<String> = sqlx::query_scalar("SELECT code FROM villages ORDER BY code").fetch_all(&s.state.db).await.unwrap();
    let step = |near: Option<String>| {
        let q = BookQuery { item: Some("SJ-001".into()), near, ..Default::default() };
        s.call_as(Some(&me), || api::booking_flow(q))
    };
    let default = step(None).await.unwrap();
    assert!(default.sorted_from.is_none() && default.points.len() > 1);
    assert!(!default.towns.is_empty(), "the village picker has its towns");
    let minutes = |hint: &str| hint.strip_prefix('约').and_then(|h| h.split('分').next()).and_then(|m| m.parse::<u32>().ok());
    let mut not_the_hall_first = 0;
    for v in &villages {
        let sorted = step(Some(v.clone())).await.unwrap();
        assert!(sorted.sorted_from.as_deref().is_some_and(|m| m.starts_with("已按离")));
        let times: Vec<u32> = sorted.points.iter().map(|p| minutes(&p.hint).unwrap_or(u32::MAX)).collect();
        assert!(times.windows(2).all(|w| w[0] <= w[1]), "{v}: {times:?}");
        assert_eq!(sorted.points.len(), default.points.len(), "the same points, in another order");
        not_the_hall_first += (sorted.points[0].id != default.points[0].id) as usize;
    }
    assert!(not_the_hall_first > 0, "from some villages a town centre is nearer than the county hall");
}

/// Issue 11, item 4. A freed place is handed to the first person waiting in the cancellation's own transaction,
/// so a direct booker racing the cancellation never takes it (before: the place was freed and committed, then
/// handed on, and a direct booker could take it in between); a suspended person waiting is skipped and told
/// (before: they were given the place).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_freed_place_is_handed_on_at_once_skipping_the_suspended() {
    let s = server_at(NOW).await;
    let db = &s.state.db;
    let (dept, items) = hall_items(&s).await;
    app::store::booking::set_group(db, HALL, &dept, 30, 1, 0).await.unwrap();
    let sat = slot(&dept, 11, 28, 9, 0);
    let (_, a) = s.citizen("13800000001").await;
    let (b_id, b) = s.citizen("13800000002").await;
    let (c_id, c) = s.citizen("13800000003").await;
    let code = book(&s, &a, &items[0], &sat).await.unwrap();
    join(&s, &b, &items[0], &sat).await;
    join(&s, &c, &items[0], &sat).await;
    // B did not come three times in the last 90 days: suspended.
    for (i, days_ago) in [10, 20, 30].into_iter().enumerate() {
        let starts = DateTime::parse_from_rfc3339(NOW).unwrap().timestamp() - days_ago * 86_400;
        sqlx::query(
            "INSERT INTO bookings (code, account_id, item_code, point_id, department_code, slot_id, day, starts_at, ends_at, \
             status, holder_name, holder_phone, for_family, created_at, changed_at) \
             VALUES ($1, $2, $3, $4, $5, $6, '2026-11-01', $7, $8, 'no_show', 'B', '13800000002', 0, $7, $7)",
        )
        .bind(format!("NOSHOW{i:06}"))
        .bind(&b_id)
        .bind(&items[0])
        .bind(HALL)
        .bind(&dept)
        .bind(&sat)
        .bind(starts)
        .bind(starts + 1800)
        .execute(db)
        .await
        .unwrap();
    }
    // D books directly at the moment A cancels: D never gets A's place.
    let (d_id, d) = s.citizen("13800000004").await;
    let direct = || api::book_slot(items[1].clone(), HALL.into(), Some(sat.clone()), None, Some("丁一".into()), None, None, None, None);
    let (cancelled, booked_directly) = tokio::join!(s.call_as(Some(&a), || api::cancel_booking(code.clone())), s.call_as(Some(&d), direct));
    cancelled.unwrap();
    booked_directly.unwrap();
    let ds: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bookings WHERE account_id = $1").bind(&d_id).fetch_one(db).await.unwrap();
    assert_eq!(ds, 0, "the place went straight to the waiting list, not to the direct booker");
    assert_eq!(active_in(&s, &sat).await, vec![c_id], "C got it: B is suspended");
    assert_eq!(booked(&s, &sat).await, 1);
    let told: Vec<String> = sqlx::query_scalar("SELECT body FROM notifications WHERE phone = '13800000002' AND body LIKE '%候补未成功%'")
        .fetch_all(db)
        .await
        .unwrap();
    assert_eq!(told.len(), 1, "B is told why: {told:?}");
    assert!(told[0].contains("暂停预约"), "{}", told[0]);
    assert!(s.call_as(Some(&b), api::my_bookings).await.unwrap().waits.is_empty(), "B no longer waits");
}

/// Issue 11, item 4. People whose wait can no longer be met — the slot has started — are told (before: their
/// wait stayed 'waiting' for ever and nobody told them).
#[tokio::test]
async fn people_still_waiting_when_the_slot_starts_are_told() {
    let mut s = server_at(NOW).await;
    let (dept, items) = hall_items(&s).await;
    app::store::booking::set_group(&s.state.db, HALL, &dept, 30, 1, 0).await.unwrap();
    let sat = slot(&dept, 11, 28, 9, 0);
    let (_, a) = s.citizen("13800000001").await;
    let (_, b) = s.citizen("13800000002").await;
    book(&s, &a, &items[0], &sat).await.unwrap();
    join(&s, &b, &items[0], &sat).await;
    let lapsed = |s: &TestServer| {
        let db = s.state.db.clone();
        async move {
            sqlx::query_scalar::<_, String>("SELECT body FROM notifications WHERE phone = '13800000002' AND body LIKE '%候补未成功%'")
                .fetch_all(&db)
                .await
                .unwrap()
        }
    };
    app::service::booking::run_jobs(&s.state.db, DateTime::parse_from_rfc3339(NOW).unwrap().timestamp()).await.unwrap();
    assert!(lapsed(&s).await.is_empty(), "the slot is days away: still waiting");
    at(&mut s, "2026-11-28T09:00:00+08:00");
    app::service::booking::run_jobs(&s.state.db, s.state.clock.now_for(None).timestamp()).await.unwrap();
    app::service::booking::run_jobs(&s.state.db, s.state.clock.now_for(None).timestamp()).await.unwrap();
    let told = lapsed(&s).await;
    assert_eq!(told.len(), 1, "told once: {told:?}");
    assert!(told[0].contains("该时段已开始"), "{}", told[0]);
    assert!(s.call_as(Some(&b), api::my_bookings).await.unwrap().waits.is_empty());
}

/// Issue 11, item 5. A citizen's own booking records the name they give on the check-answers page, asked once
/// and remembered (before: the placeholder 用户NNNN, so the masked name the hall saw identified nobody).
#[tokio::test]
async fn the_booking_records_the_name_given_once_and_remembered() {
    let s = server_at(NOW).await;
    let (dept, items) = hall_items(&s).await;
    let (_, t) = s.citizen("13800000001").await;
    let sat = slot(&dept, 11, 28, 9, 0);
    let own = |name: Option<&str>, item: &str, slot: &str| {
        let (item, slot, name) = (item.to_string(), slot.to_string(), name.map(String::from));
        move || api::book_slot(item, HALL.into(), Some(slot), None, name, None, None, None, None)
    };
    s.call_as(Some(&t), own(Some("  "), &items[0], &sat)).await.unwrap();
    let q = BookQuery { item: Some(items[0].clone()), point: Some(HALL.into()), slot: sat.parse().ok(), ..Default::default() };
    let step = s.call_as(Some(&t), || api::booking_flow(q.clone())).await.unwrap();
    assert_eq!(step.flash.error("my_name").as_deref(), Some("请输入您的姓名（20个字以内），与身份证件一致"));
    assert_eq!(step.my_name, "", "not asked before");
    let none: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bookings").fetch_one(&s.state.db).await.unwrap();
    assert_eq!(none, 0);
    s.call_as(Some(&t), own(Some(" 欧阳秀英 "), &items[0], &sat)).await.unwrap();
    let (code, holder): (String, String) = sqlx::query_as("SELECT code, holder_name FROM bookings").fetch_one(&s.state.db).await.unwrap();
    assert_eq!(holder, "欧阳秀英");
    assert_eq!(s.call_as(None, || api::get_booking(code.clone())).await.unwrap().unwrap().holder, "欧***");
    // Remembered: the next check-answers page offers it.
    let q = BookQuery { item: Some(items[1].clone()), point: Some(HALL.into()), slot: slot(&dept, 11, 28, 10, 0).parse().ok(), ..Default::default() };
    assert_eq!(s.call_as(Some(&t), || api::booking_flow(q)).await.unwrap().my_name, "欧阳秀英");
}

/// Issue 12, item 1. Messages to numbers other than the sender's own are limited per day, atomically: 20
/// concurrent family bookings from one account send exactly 10 SMS, and 20 accounts booking for one number at once
/// send it exactly 3 (before: one account made 30 family bookings to 30 numbers in 0.2 s).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn messages_to_other_numbers_are_limited_under_concurrency() {
    let s = server_at(NOW).await;
    let db = &s.state.db;
    let (dept, items) = hall_items(&s).await;
    app::store::booking::set_group(db, HALL, &dept, 30, 200, 0).await.unwrap();
    let rules = app::domain::booking::Rules { max_active: 100, ..Default::default() };
    app::store::booking::save_rules(db, &rules).await.unwrap();
    let sat = slot(&dept, 11, 28, 9, 0);
    let family = |token: String, phone: String| {
        let (item, sat) = (items[0].clone(), sat.clone());
        let s = &s;
        async move {
            s.call_as(Some(&token), || api::book_slot(item, HALL.into(), Some(sat), Some("family".into()), None, Some("家人".into()), Some(phone), None, None))
                .await
                .unwrap()
        }
    };
    let count = |phone_like: &'static str| async move {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM notifications WHERE phone LIKE $1 AND body LIKE '%为您预约了%'")
            .bind(phone_like)
            .fetch_one(db)
            .await
            .unwrap()
    };
    // One account, twenty numbers, at once.
    let (_, me) = s.citizen("13800000001").await;
    futures::future::join_all((0..20).map(|i| family(me.clone(), format!("1391000{i:04}")))).await;
    assert_eq!(count("1391000%").await, 10, "ten a day from one account");
    let step = s.call_as(Some(&me), || api::booking_flow(BookQuery { item: Some(items[0].clone()), point: Some(HALL.into()), ..Default::default() })).await.unwrap();
    assert_eq!(step.flash.error("slot").as_deref(), Some("您今天为他人预约发送的短信已达10条，请明天再为他人预约（为本人预约不受影响）"));
    // Twenty accounts, one number, at once.
    let mut tokens = Vec::new();
    for i in 0..20 {
        tokens.push(s.citizen(&format!("1382000{i:04}")).await.1);
    }
    futures::future::join_all(tokens.into_iter().map(|t| family(t, "13930000000".into()))).await;
    assert_eq!(count("13930000000").await, 3, "three a day to one number");
    let bookings: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bookings WHERE holder_phone = '13930000000'").fetch_one(db).await.unwrap();
    assert_eq!(bookings, 3, "a refused booking sends nothing and books nothing");
}

/// Issue 12, item 1 (review): moving a family booking back and forth messages the family member each time, so each
/// move counts against the per-number limit (before: unlimited moves, one SMS each).
#[tokio::test]
async fn rescheduling_a_family_booking_counts_against_the_message_limits() {
    let s = server_at(NOW).await;
    let db = &s.state.db;
    let (dept, items) = hall_items(&s).await;
    let (_, me) = s.citizen("13800000001").await;
    let (a, b) = (slot(&dept, 11, 28, 9, 0), slot(&dept, 11, 28, 10, 0));
    s.call_as(Some(&me), || api::book_slot(items[0].clone(), HALL.into(), Some(a.clone()), Some("family".into()), None, Some("家人".into()), Some("13930000001".into()), None, None))
        .await
        .unwrap();
    let code: String = sqlx::query_scalar("SELECT code FROM bookings WHERE holder_phone = '13930000001'").fetch_one(db).await.unwrap();
    for i in 0..6 {
        let to = if i % 2 == 0 { b.clone() } else { a.clone() };
        s.call_as(Some(&me), || api::reschedule_booking(code.clone(), Some(to))).await.unwrap();
    }
    let sent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE phone = '13930000001'").fetch_one(db).await.unwrap();
    assert_eq!(sent, 3, "the booking and two moves: three a day to one number");
}

/// Issue 13, item 5. A group's new capacity reaches the future slots that already hold bookings: raising it opens
/// places there; lowering it cancels nobody but stops new bookings beyond it (before: a stored slot kept the
/// capacity it was stored with).
#[tokio::test]
async fn capacity_changes_reach_slots_that_hold_bookings() {
    let s = server_at(NOW).await;
    let (dept, items) = hall_items(&s).await;
    let admin = s.session_with(&[(Role::CentreAdmin, "")]).await;
    let set = |cap: &str| {
        let (dept, cap) = (dept.clone(), cap.to_string());
        s.call_as(Some(&admin), move || api::set_booking_group(Some(HALL.into()), Some(dept), Some("30".into()), Some(cap)))
    };
    set("1").await.unwrap();
    let sat = slot(&dept, 11, 28, 9, 0);
    let (_, first) = s.citizen("13800000101").await;
    let kept = book(&s, &first, &items[0], &sat).await.unwrap();
    let (_, second) = s.citizen("13800000102").await;
    assert!(book(&s, &second, &items[0], &sat).await.unwrap_err().starts_with("该时段已约满"));
    // Raised to 3: two more places in the stored slot.
    set("3").await.unwrap();
    book(&s, &second, &items[0], &sat).await.unwrap();
    let (_, third) = s.citizen("13800000103").await;
    book(&s, &third, &items[0], &sat).await.unwrap();
    assert_eq!(booked(&s, &sat).await, 3);
    // Lowered to 1: all three bookings stand, and nobody new gets in.
    set("1").await.unwrap();
    assert_eq!(status(&s, &kept).await, "active");
    let active: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bookings WHERE slot_id = $1 AND status = 'active'").bind(&sat).fetch_one(&s.state.db).await.unwrap();
    assert_eq!(active, 3, "lowering never cancels");
    let (_, fourth) = s.citizen("13800000104").await;
    assert!(book(&s, &fourth, &items[0], &sat).await.unwrap_err().starts_with("该时段已约满"));
}

/// Issue 13, item 5. A new slot length applies from the first day with no stored slot for the group, so old and
/// new slots never overlap; the administrator is told from which day (before: the new length applied at once, and
/// a day with stored 30-minute slots offered 60-minute ones over them).
#[tokio::test]
async fn a_new_slot_length_starts_after_the_last_stored_slot() {
    let s = server_at(NOW).await;
    let (dept, items) = hall_items(&s).await;
    let admin = s.session_with(&[(Role::CentreAdmin, "")]).await;
    let set = |minutes: &str| {
        let (dept, minutes) = (dept.clone(), minutes.to_string());
        s.call_as(Some(&admin), move || api::set_booking_group(Some(HALL.into()), Some(dept), Some(minutes), Some("5".into())))
    };
    set("30").await.unwrap();
    let sat = slot(&dept, 11, 28, 9, 0);
    let (_, who) = s.citizen("13800000201").await;
    book(&s, &who, &items[0], &sat).await.unwrap();
    set("60").await.unwrap();
    let page = s.call_as(Some(&admin), api::booking_admin).await.unwrap();
    assert_eq!(page.flash.value("done"), "已保存。新的时段长度自2026年11月29日起生效；此前已生成的时段保持原长度，已有预约不受影响。");
    let day_slots = |day: &'static str| {
        let q = BookQuery { item: Some(items[0].clone()), point: Some(HALL.into()), day: Some(day.into()), ..Default::default() };
        s.call_as(Some(&who), move || api::booking_flow(q))
    };
    // 28 November keeps its 30-minute slots (one holds a booking); from 29 November they are an hour long.
    let sat_step = day_slots("2026-11-28").await.unwrap();
    let lengths = |step: &api::BookStep| step.slots.iter().map(|s| s.label.clone()).collect::<Vec<_>>();
    assert!(lengths(&sat_step).iter().any(|l| l.starts_with("09:00–09:30")), "{:?}", lengths(&sat_step));
    let sun_step = day_slots("2026-11-29").await.unwrap();
    assert!(lengths(&sun_step).iter().any(|l| l.starts_with("09:00–10:00")), "{:?}", lengths(&sun_step));
}

/// Issue 13, item 5 (review): a second change of length leaves every day that has stored slots with their length
/// (before: the first change's days were cut again with the second's "earlier" length, over their stored slots).
#[tokio::test]
async fn two_changes_of_length_never_overlap_stored_slots() {
    let s = server_at(NOW).await;
    let (dept, items) = hall_items(&s).await;
    let admin = s.session_with(&[(Role::CentreAdmin, "")]).await;
    let set = |minutes: &str| {
        let (dept, minutes) = (dept.clone(), minutes.to_string());
        s.call_as(Some(&admin), move || api::set_booking_group(Some(HALL.into()), Some(dept), Some(minutes), Some("5".into())))
    };
    set("30").await.unwrap();
    let (_, who) = s.citizen("13800000301").await;
    book(&s, &who, &items[0], &slot(&dept, 11, 28, 9, 0)).await.unwrap();
    set("20").await.unwrap();
    let (_, other) = s.citizen("13800000302").await;
    book(&s, &other, &items[0], &slot(&dept, 11, 29, 9, 0)).await.unwrap();
    set("15").await.unwrap();
    let first_slot = |day: &'static str| {
        let q = BookQuery { item: Some(items[0].clone()), point: Some(HALL.into()), day: Some(day.into()), ..Default::default() };
        let s = &s;
        let who = who.clone();
        async move { s.call_as(Some(&who), move || api::booking_flow(q)).await.unwrap().slots[0].label.clone() }
    };
    assert_eq!(first_slot("2026-11-28").await, "09:00–09:30");
    assert_eq!(first_slot("2026-11-29").await, "09:00–09:20");
    assert_eq!(first_slot("2026-11-30").await, "09:00–09:15");
}

/// Issue 13, item 5 (review): places a raised capacity opens go to the people already waiting first (before: to
/// whoever booked next, and the waiting person later lapsed with "没有空出的名额").
#[tokio::test]
async fn a_raised_capacity_serves_the_waiting_list_first() {
    let s = server_at(NOW).await;
    let (dept, items) = hall_items(&s).await;
    let admin = s.session_with(&[(Role::CentreAdmin, "")]).await;
    let set = |cap: &str| {
        let (dept, cap) = (dept.clone(), cap.to_string());
        s.call_as(Some(&admin), move || api::set_booking_group(Some(HALL.into()), Some(dept), Some("30".into()), Some(cap)))
    };
    set("1").await.unwrap();
    let sat = slot(&dept, 11, 28, 9, 0);
    let (_, a) = s.citizen("13800000401").await;
    book(&s, &a, &items[0], &sat).await.unwrap();
    let (b_id, b) = s.citizen("13800000402").await;
    join(&s, &b, &items[0], &sat).await;
    set("2").await.unwrap();
    let got: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM bookings WHERE account_id = $1 AND slot_id = $2 AND status = 'active'")
        .bind(&b_id)
        .bind(&sat)
        .fetch_one(&s.state.db)
        .await
        .unwrap();
    assert_eq!(got, 1, "the person waiting got the new place");
    assert_eq!(booked(&s, &sat).await, 2);
}

/// Issue 14: the booking service answers with typed results, so a caller (a server function, a job, a test) learns
/// what happened without counting rows: the new code; `Invalid` with the slot's message and the waiting-list offer
/// when full; `Forbidden` for a green-channel booking outside the clerk's point; and a cancellation hands the place
/// to the person waiting, who is told.
#[tokio::test]
async fn the_booking_service_answers_with_typed_results() {
    use app::error::AppError;
    use app::service::booking::{self as service, BookRequest, ForWhom, Typed};
    let s = server_at(NOW).await;
    let (dept, items) = hall_items(&s).await;
    let db = &s.state.db;
    let t = s.state.clock.now_for(None).timestamp();
    app::store::booking::set_group(db, HALL, &dept, 30, 1, 0).await.unwrap();
    let sat = slot(&dept, 11, 28, 9, 0);
    let who = |id: String| async move { app::store::accounts::identity(db, &id).await.unwrap().unwrap() };
    let (first_id, _) = s.citizen("13800000071").await;
    let (second_id, _) = s.citizen("13800000072").await;
    let (first, second) = (who(first_id).await, who(second_id.clone()).await);
    let request = |for_whom| BookRequest {
        item: items[0].clone(),
        point: HALL.into(),
        slot: sat.parse().ok(),
        for_whom,
        typed: Typed { my_name: "张秀英".into(), name: "李桂芬".into(), phone: "13900000071".into(), reason: "elderly".into() },
    };
    let mine = service::book(db, common::PUBLIC_URL, &first, &request(ForWhom::Myself), t).await.unwrap();
    assert_eq!((mine.status, mine.slot_id.as_str(), mine.holder_name.as_str()), (app::domain::booking::BookingStatus::Active, sat.as_str(), "张秀英"));
    match service::book(db, common::PUBLIC_URL, &second, &request(ForWhom::Myself), t).await {
        Err(AppError::Invalid(flash)) => {
            assert!(flash.error("slot").unwrap().starts_with("该时段已约满"), "{flash:?}");
            assert_eq!(flash.value("wait_slot"), sat, "a full slot offers its waiting list");
        }
        other => panic!("a full slot is refused on its field, not {other:?}"),
    }
    // A clerk of a town centre may not book at the county hall through the green channel.
    let clerk_id = app::store::accounts::create_staff(db, &app::store::new_id(), "镇窗口", "x", 0).await.unwrap();
    app::store::accounts::add_grant(db, &clerk_id, Role::WindowStaff, "530127001:*").await.unwrap();
    let clerk = who(clerk_id).await;
    assert!(matches!(
        service::book(db, common::PUBLIC_URL, &clerk, &request(ForWhom::Green), t).await,
        Err(AppError::Forbidden(_))
    ));
    assert_eq!(service::join_wait(db, &second, &items[0], HALL, sat.parse().ok().as_ref(), "王芳", t).await.unwrap(), service::Waiting::At(1));
    let cancelled = service::cancel(db, &mine, t).await.unwrap();
    let handed = cancelled.handed_to.expect("the place went to the person waiting");
    let theirs = app::store::booking::by_code(db, &handed).await.unwrap().unwrap();
    assert_eq!((theirs.account_id.as_str(), theirs.slot_id.as_str(), theirs.status), (second_id.as_str(), sat.as_str(), app::domain::booking::BookingStatus::Active));
    // Cancelling twice hands nothing on a second time.
    assert_eq!(service::cancel(db, &mine, t).await.unwrap(), service::Cancelled { handed_to: None });
    // Someone else's booking cannot be cancelled or moved, and the answer does not say it exists.
    assert!(matches!(service::cancel_mine(db, &first, &handed, t).await, Err(AppError::NotFound(_))));
    assert!(matches!(service::reschedule_mine(db, &first, &handed, slot(&dept, 11, 28, 10, 0).parse().ok().as_ref(), t).await, Err(AppError::NotFound(_))));
    // Rescheduling answers with the booking as it now stands.
    let later = slot(&dept, 11, 28, 10, 0);
    let moved = service::reschedule(db, &second, &theirs, later.parse().ok().as_ref(), t).await.unwrap();
    assert_eq!((moved.code.as_str(), moved.slot_id.as_str()), (handed.as_str(), later.as_str()));
    // A free place when joining books at once.
    let (third_id, _) = s.citizen("13800000073").await;
    let third = who(third_id).await;
    match service::join_wait(db, &third, &items[0], HALL, sat.parse().ok().as_ref(), "赵敏", t).await.unwrap() {
        service::Waiting::Booked(code) => assert_eq!(app::store::booking::by_code(db, &code).await.unwrap().unwrap().slot_id.as_str(), sat),
        other => panic!("the freed place is taken at once, not {other:?}"),
    }
    let told = app::store::notices::newest(db, &second_id, 5).await.unwrap();
    assert!(told.iter().any(|(body, _, _)| body.contains("候补成功")), "{told:?}");
}
