//! 好差评 (issue 19, the capture) against the real database (SQLite, or PostgreSQL with `PALM_TEST_DATABASE_URL`): one
//! rating per ticket or case, the window screen's token rotation and expiry, the limits under concurrent tries, the
//! flags, and a window's 好评率.

mod common;

use app::domain::rating::{Flag, Level, Source, TOKEN_ACCEPT_SECS};
use app::error::AppError;
use app::service::rating::{self, RateInput, Target};
use common::{now, server_at, who, TestServer};

/// Monday 7 December 2026, 10:00 in Shanghai.
const MONDAY: &str = "2026-12-07T10:00:00+08:00";

fn input(level: Level) -> RateInput {
    RateInput { level: level.code().into(), indicators: vec!["attitude".into(), "guide".into()], comment: "<b>很好</b>".into() }
}

/// The county hall's first window in service.
async fn a_window(s: &TestServer) -> String {
    sqlx::query_scalar("SELECT id FROM windows WHERE point_id = '530127' AND kind = 'window' AND retired_at IS NULL ORDER BY number LIMIT 1")
        .fetch_one(&s.state.db)
        .await
        .unwrap()
}

/// A ticket served at `window` by `clerk` at `at`: its code.
async fn served(s: &TestServer, window: &str, clerk: &str, at: i64) -> String {
    let code = app::store::new_id();
    let day = app::domain::booking::civil_at(at).date().to_string();
    let seq: i64 = sqlx::query_scalar("SELECT COUNT(*) + 1 FROM queue_tickets").fetch_one(&s.state.db).await.unwrap();
    sqlx::query(
        "INSERT INTO queue_tickets (id, code, point_id, department_code, day, number, seq, priority, state, window_id, checked_in_at, calls, served_at, served_by) \
         VALUES ($1, $2, '530127', 'GA', $3, $4, $5, 1, 'served', $6, $7, 1, $7, $8)",
    )
    .bind(app::store::new_id())
    .bind(&code)
    .bind(&day)
    .bind(format!("T{seq:03}"))
    .bind(seq)
    .bind(window)
    .bind(at)
    .bind(clerk)
    .execute(&s.state.db)
    .await
    .unwrap();
    code
}

#[tokio::test]
async fn one_rating_per_ticket_and_a_second_try_shows_the_first() {
    let s = server_at(MONDAY).await;
    let st = &s.state;
    let window = a_window(&s).await;
    let code = served(&s, &window, "clerk-1", now(&s) - 60).await;
    let first = rating::rate(st, None, "device-a", Target::Ticket(code.clone()), input(Level::Satisfied), now(&s)).await.unwrap();
    assert_eq!((first.source, first.window_id.as_deref(), first.staff_id.as_deref()), (Source::Ticket, Some(window.as_str()), Some("clerk-1")));
    // Only the on-site indicators are kept; the comment as typed.
    assert_eq!(first.indicators, vec!["attitude"]);
    assert_eq!(first.comment, "<b>很好</b>");
    let again = rating::rate(st, None, "device-b", Target::Ticket(code.clone()), input(Level::VerySatisfied), now(&s)).await.unwrap();
    assert_eq!((again.id.as_str(), again.level), (first.id.as_str(), Level::Satisfied));
    // Ten at once on another ticket: one rating.
    let code2 = served(&s, &window, "clerk-1", now(&s) - 30).await;
    let tries = (0..10).map(|i| {
        let (st, code2) = (st.clone(), code2.clone());
        let t = now(&s);
        tokio::spawn(async move { rating::rate(&st, None, &format!("d{i}"), Target::Ticket(code2), input(Level::Basic), t).await })
    });
    let rated: Vec<_> = futures::future::join_all(tries).await.into_iter().map(|r| r.unwrap().unwrap()).collect();
    let ids: std::collections::BTreeSet<&str> = rated.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids.len(), 1);
    assert_eq!(rated.iter().filter(|r| !r.earlier).count(), 1, "one kept, nine told of it");
    assert!(again.earlier && !first.earlier);
    // A comment over 500 characters is refused, naming the field, with everything typed kept.
    let code3 = served(&s, &window, "clerk-1", now(&s) - 20).await;
    let long = RateInput { comment: "好".repeat(501), ..input(Level::Satisfied) };
    let Err(AppError::Invalid(f)) = rating::rate(st, None, "d", Target::Ticket(code3), long, now(&s)).await else { panic!("kept a 501-character comment") };
    assert_eq!((f.errors[0].field.as_str(), f.value("comment").chars().count(), f.value("level")), ("comment", 501, "satisfied".to_string()));
    // A ticket not yet served cannot be rated.
    assert!(matches!(rating::rate(st, None, "d", Target::Ticket("nosuch".into()), input(Level::Basic), now(&s)).await, Err(AppError::NotFound(_))));
}

#[tokio::test]
async fn a_case_is_rated_once_by_its_applicant_after_completion_and_bad_ratings_need_a_verified_phone() {
    let s = server_at(MONDAY).await;
    let st = &s.state;
    let me = who(&s, "13800001901").await;
    let (id, key) = common::filled(&s, &me).await;
    let number = app::service::filing::submit(st, &me, &id, &key, now(&s)).await.unwrap();
    // Not completed yet.
    assert!(matches!(rating::rate(st, Some(&me), "d", Target::Case(number.clone()), input(Level::Satisfied), now(&s)).await, Err(AppError::Refused(_))));
    sqlx::query("UPDATE cases SET state = 'completed' WHERE number = $1").bind(&number).execute(&st.db).await.unwrap();
    // Someone else: as if there were no such case.
    let other = who(&s, "13800001902").await;
    assert!(matches!(rating::rate(st, Some(&other), "d", Target::Case(number.clone()), input(Level::Satisfied), now(&s)).await, Err(AppError::NotFound(_))));
    let r = rating::rate(st, Some(&me), "d", Target::Case(number.clone()), input(Level::VeryDissatisfied), now(&s)).await.unwrap();
    assert_eq!((r.source, r.phone.as_deref(), r.indicators.clone()), (Source::Case, Some("13800001901"), vec!["guide".to_string()]));
    // A bad rating of a window without a verified phone is refused, naming why.
    let window = a_window(&s).await;
    let Err(AppError::Invalid(f)) = rating::rate(st, None, "d", Target::Window { window_id: window, token: None }, input(Level::Dissatisfied), now(&s)).await else { panic!() };
    assert_eq!(f.errors[0].field, "phone");
    assert_eq!(f.value("comment"), "<b>很好</b>", "what was typed comes back");
}

#[tokio::test]
async fn the_screen_token_rotates_and_expires_after_five_minutes() {
    let s = server_at(MONDAY).await;
    let st = &s.state;
    let window = a_window(&s).await;
    let shown = now(&s);
    let token = rating::screen_token(st, &window, shown);
    assert_ne!(token, rating::screen_token(st, &window, shown + 60), "a new token every minute");
    assert!(rating::token_accepted(st, &window, &token, shown + TOKEN_ACCEPT_SECS - 60));
    assert!(!rating::token_accepted(st, &window, &token, shown + TOKEN_ACCEPT_SECS + 60));
    assert!(!rating::token_accepted(st, "another-window", &token, shown), "a token is its window's");
    let r = rating::rate(st, None, "d", Target::Window { window_id: window.clone(), token: Some(token.clone()) }, input(Level::Satisfied), shown + 30).await.unwrap();
    assert_eq!(r.source, Source::Screen);
    // The page a fresh code opens trades it for a form token: the rating stays open 30 minutes, not longer.
    let form = rating::presence(st, &window, &token, shown + 60).expect("a fresh code opens the form");
    assert!(form.starts_with('f'));
    assert_eq!(rating::presence(st, &window, &form, shown + 60 + 1799).as_deref(), Some(form.as_str()), "kept as it is");
    assert_eq!(rating::presence(st, &window, &form, shown + 60 + 1800), None);
    assert_eq!(rating::presence(st, "another-window", &form, shown + 61), None, "a form token is its window's");
    assert_eq!(rating::presence(st, &window, &form.replace('f', "f1"), shown + 61), None, "a changed one is refused");
    let r = rating::rate(st, None, "d", Target::Window { window_id: window.clone(), token: Some(form.clone()) }, input(Level::Satisfied), shown + 1500).await.unwrap();
    assert_eq!(r.source, Source::Screen);
    let Err(AppError::Invalid(f)) = rating::rate(st, None, "d2", Target::Window { window_id: window, token: Some(token) }, input(Level::Satisfied), shown + TOKEN_ACCEPT_SECS + 60).await else { panic!() };
    assert!(f.errors[0].message.contains("二维码已过期"), "{:?}", f.errors);
}

#[tokio::test]
async fn limits_per_device_and_phone_hold_under_twenty_concurrent_tries_and_flags_mark_what_to_check() {
    let s = server_at(MONDAY).await;
    let st = &s.state;
    let window = a_window(&s).await;
    let t = now(&s);
    // Twenty at once from one device at a window with nobody served: exactly the limit kept, each flagged idle.
    let tries = (0..20).map(|_| {
        let (st, window) = (st.clone(), window.clone());
        tokio::spawn(async move { rating::rate(&st, None, "one-device", Target::Window { window_id: window, token: None }, input(Level::Satisfied), t).await })
    });
    let results: Vec<_> = futures::future::join_all(tries).await.into_iter().map(|r| r.unwrap()).collect();
    let kept: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(kept.len() as i64, st.filing.rating_limits.per_device_window_day);
    assert!(kept.iter().all(|r| r.flags == vec![Flag::IdleWindow] && r.source == Source::Placard));
    // Twenty at once by one signed-in phone from different devices: the phone's limit; from the third on, flagged.
    let me = who(&s, "13800001903").await;
    let code = served(&s, &window, "clerk", t - 600).await;
    let _ = code;
    let tries = (0..20).map(|i| {
        let (st, window, me) = (st.clone(), window.clone(), me.clone());
        tokio::spawn(async move { rating::rate(&st, Some(&me), &format!("dev-{i}"), Target::Window { window_id: window, token: None }, input(Level::Dissatisfied), t).await })
    });
    let results: Vec<_> = futures::future::join_all(tries).await.into_iter().map(|r| r.unwrap()).collect();
    let kept: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    assert_eq!(kept.len() as i64, st.filing.rating_limits.per_phone_window_day);
    let repeat = kept.iter().filter(|r| r.flags.contains(&Flag::RepeatPhone)).count() as i64;
    assert_eq!(repeat, st.filing.rating_limits.per_phone_window_day - st.filing.rating_limits.repeat_flag_from + 1);
    // A served ticket in the hour before: a placard rating is not idle.
    assert!(kept.iter().all(|r| !r.flags.contains(&Flag::IdleWindow)));
    assert!(results.iter().filter(|r| r.is_err()).all(|r| matches!(r, Err(AppError::Invalid(f)) if f.errors[0].message.contains("上限"))));
    // Twenty at once from one address on new devices (a script dropping its cookie): the address's limit.
    let mut narrow = st.clone();
    narrow.filing.rating_limits.per_address_window_day = 3;
    let tries = (0..20).map(|i| {
        let (st, window) = (narrow.clone(), window.clone());
        let rater = rating::Rater { device: format!("fresh-{i}"), address: Some("203.0.113.9".into()) };
        tokio::spawn(async move { rating::rate(&st, None, rater, Target::Window { window_id: window, token: None }, input(Level::VerySatisfied), t).await })
    });
    let kept = futures::future::join_all(tries).await.into_iter().filter(|r| r.as_ref().unwrap().is_ok()).count();
    assert_eq!(kept, 3);
    // The limits are for ratings of a window: each served ticket is rated once, however many one person had.
    for i in 0..7 {
        let code = served(&s, &window, "clerk", t - 300 - i).await;
        let r = rating::rate(st, Some(&me), "one-device", Target::Ticket(code), input(Level::Satisfied), t).await.unwrap();
        assert!(r.flags.is_empty() && !r.earlier, "ticket {i}: {:?}", r.flags);
    }
}

#[tokio::test]
async fn a_windows_good_rating_rate_this_month() {
    let s = server_at(MONDAY).await;
    let st = &s.state;
    let window = a_window(&s).await;
    let t = now(&s);
    for (i, level) in [Level::VerySatisfied, Level::Satisfied, Level::Basic, Level::VeryDissatisfied].into_iter().enumerate() {
        let code = served(&s, &window, "clerk", t - 100 - i as i64).await;
        let me = who(&s, &format!("1380000192{i}")).await;
        rating::rate(st, Some(&me), &format!("d{i}"), Target::Ticket(code), input(level), t).await.unwrap();
    }
    let (rows, rate) = rating::window_month(st, &window, t).await.unwrap();
    assert_eq!(rows.len(), 4);
    assert_eq!(rate, "75.0%");
    // Next month starts afresh.
    let (rows, rate) = rating::window_month(st, &window, t + 31 * 86_400).await.unwrap();
    assert_eq!((rows.len(), rate.as_str()), (0, "暂无评价"));
}

/// The messages queued for `phone`, oldest first.
async fn sms_to(s: &TestServer, phone: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT body FROM notifications WHERE phone = $1 ORDER BY created_at, id").bind(phone).fetch_all(&s.state.db).await.unwrap()
}

#[tokio::test]
async fn a_completed_case_invites_its_rating_and_reminds_once_three_days_later_unless_rated() {
    use app::domain::accounts::Role;
    use app::domain::cases::lifecycle::Event;
    use app::service::cases::{self, StepInput};
    let s = server_at(MONDAY).await;
    let st = &s.state;
    // 即办件: completed at acceptance.
    sqlx::query("UPDATE service_items SET handling = 'Immediate', promised_days = 0 WHERE code = 'GA-009'").execute(&st.db).await.unwrap();
    let (clerk, _) = common::staff(&s, &[(Role::WindowStaff, "530127:GA")]).await;
    let mut numbers = Vec::new();
    for phone in ["13800001951", "13800001952"] {
        let me = who(&s, phone).await;
        let (id, key) = common::filled(&s, &me).await;
        let number = app::service::filing::submit(st, &me, &id, &key, now(&s)).await.unwrap();
        cases::act(st, &clerk, &number, Event::Accept, StepInput::default(), now(&s)).await.unwrap();
        numbers.push((number, me, phone));
    }
    for (number, me, phone) in &numbers {
        let invites: Vec<String> = sms_to(&s, phone).await.into_iter().filter(|m| m.contains("评价")).collect();
        assert_eq!(invites.len(), 1, "{invites:?}");
        assert!(invites[0].contains(&format!("{}/rate/c/{number}", st.public_url)), "{}", invites[0]);
        let notices = app::service::notify::notices_for(&st.db, &me.account_id, 10).await.unwrap();
        assert!(notices.iter().any(|(_, link, _)| link == &format!("/rate/c/{number}")), "{notices:?}");
    }
    // The first applicant rates; the second does not.
    let (rated, me, _) = &numbers[0];
    rating::rate(st, Some(me), "d", Target::Case(rated.clone()), input(Level::Satisfied), now(&s) + 3600).await.unwrap();
    let day = 86_400;
    assert_eq!(rating::run_jobs(st, now(&s) + 3 * day - 60).await.unwrap(), 0, "not before three days");
    assert_eq!(rating::run_jobs(st, now(&s) + 3 * day).await.unwrap(), 1);
    assert_eq!(rating::run_jobs(st, now(&s) + 4 * day).await.unwrap(), 0, "one reminder only");
    let reminded = |phone: &'static str| {
        let s = &s;
        async move { sms_to(s, phone).await.into_iter().filter(|m| m.contains("办结已3天")).count() }
    };
    assert_eq!(reminded(numbers[0].2).await, 0, "a rated case is not reminded");
    assert_eq!(reminded(numbers[1].2).await, 1);
    // Two job runs at once (two server instances): still one reminder each.
    let me = who(&s, "13800001953").await;
    let (id, key) = common::filled(&s, &me).await;
    let third = app::service::filing::submit(st, &me, &id, &key, now(&s)).await.unwrap();
    cases::act(st, &clerk, &third, Event::Accept, StepInput::default(), now(&s)).await.unwrap();
    let at = now(&s) + 5 * day;
    let runs = (0..4).map(|_| {
        let st = st.clone();
        tokio::spawn(async move { rating::run_jobs(&st, at).await.unwrap() })
    });
    let sent: u32 = futures::future::join_all(runs).await.into_iter().map(|r| r.unwrap()).sum();
    assert_eq!(sent, 1, "the third case, once");
    assert_eq!(reminded("13800001953").await, 1);
}


#[tokio::test]
async fn window_staff_see_their_windows_reviewers_their_department_and_the_administrator_what_is_flagged() {
    use app::domain::accounts::Role;
    let s = server_at(MONDAY).await;
    let st = &s.state;
    let t = now(&s);
    let ga = a_window(&s).await;
    let windows = app::store::queue::windows_at(&st.db, "530127").await.unwrap();
    assert!(windows.iter().any(|w| w.id == ga && w.departments == vec!["GA".to_string()]));
    let other = windows.iter().find(|w| !w.departments.iter().any(|d| d == "GA" || d == "*")).expect("a window of another department").id.clone();
    // A placard rating at each window with nobody served in the hour before (flagged), a served ticket's at GA's.
    let placard = |w: &str| Target::Window { window_id: w.to_string(), token: None };
    let flagged_ga = rating::rate(st, None, "d1", placard(&ga), input(Level::Basic), t).await.unwrap();
    let flagged_other = rating::rate(st, None, "d2", placard(&other), input(Level::Satisfied), t).await.unwrap();
    assert_eq!((flagged_ga.flags.clone(), flagged_other.flags.clone()), (vec![Flag::IdleWindow], vec![Flag::IdleWindow]));
    let code = served(&s, &ga, "clerk", t + 60).await;
    rating::rate(st, None, "d3", Target::Ticket(code), input(Level::VeryDissatisfied), t + 120).await.unwrap_err();
    let me = who(&s, "13800001961").await;
    let code = served(&s, &ga, "clerk", t + 60).await;
    let unflagged = rating::rate(st, Some(&me), "d3", Target::Ticket(code), input(Level::VeryDissatisfied), t + 120).await.unwrap();
    assert!(unflagged.flags.is_empty());
    // A GA case, completed and rated by its applicant.
    let (id, key) = common::filled(&s, &me).await;
    let number = app::service::filing::submit(st, &me, &id, &key, t).await.unwrap();
    sqlx::query("UPDATE cases SET state = 'completed' WHERE number = $1").bind(&number).execute(&st.db).await.unwrap();
    rating::rate(st, Some(&me), "d4", Target::Case(number), input(Level::Satisfied), t + 180).await.unwrap();

    let groups = |g: &[app::domain::rating::WindowRatings]| g.iter().map(|w| (w.window_id.clone(), w.lines.len(), w.good_rate.clone())).collect::<Vec<_>>();
    // Window staff of 公安 at the county hall: their department's windows there, no other's, no cases.
    let (clerk, _) = common::staff(&s, &[(Role::WindowStaff, "530127:GA")]).await;
    let seen = groups(&rating::for_staff(st, &clerk, t + 300).await.unwrap());
    assert!(seen.contains(&(ga.clone(), 2, "50.0%".into())), "{seen:?}");
    assert!(!seen.iter().any(|(w, _, _)| w == &other || w.starts_with("cases:")), "{seen:?}");
    // The department's reviewer: its windows at every point, and its completed cases' ratings.
    let (reviewer, _) = common::staff(&s, &[(Role::Reviewer, "GA")]).await;
    let seen = groups(&rating::for_staff(st, &reviewer, t + 300).await.unwrap());
    assert!(seen.contains(&(ga.clone(), 2, "50.0%".into())), "{seen:?}");
    assert!(seen.contains(&("cases:GA".into(), 1, "100.0%".into())), "{seen:?}");
    assert!(!seen.iter().any(|(w, _, _)| w == &other), "{seen:?}");
    // The administrator's list: the flagged ratings only, by window, each window's rate over all its ratings.
    let seen = groups(&rating::flagged(st, t + 300).await.unwrap());
    assert_eq!(seen.len(), 2, "{seen:?}");
    assert!(seen.contains(&(ga.clone(), 1, "50.0%".into())) && seen.contains(&(other.clone(), 1, "100.0%".into())), "{seen:?}");
    // The access rule: citizens see none.
    assert!(!app::domain::rating::may_see_ratings(&me) && app::domain::rating::may_see_ratings(&reviewer) && app::domain::rating::may_see_ratings(&clerk));
}
