//! One-time codes and staff lockout against the real database: expiry, single use, per-phone and per-address
//! limits, lockout and unlock.

mod common;

use app::domain::accounts::{CodeCheck, SendRefusal, OTP};
use app::store::accounts::{self as store, Tried};
use common::server_at;

const NOW: &str = "2026-11-24T10:00:00+08:00";

#[tokio::test]
async fn codes_expire_and_are_single_use() {
    let s = server_at(NOW).await;
    let db = &s.state.db;
    let t = 1_800_000_000;
    assert_eq!(store::claim_code(db, "13800000001", "10.0.0.1", "123456", t, &OTP).await.unwrap(), Ok(()));
    assert_eq!(store::try_code(db, "13800000001", "10.0.0.1", "123456", t + OTP.ttl_secs, &OTP).await.unwrap(), Tried::Checked(CodeCheck::NeedNew), "expired");
    assert_eq!(store::try_code(db, "13800000001", "10.0.0.1", "123456", t + 10, &OTP).await.unwrap(), Tried::Checked(CodeCheck::Accepted));
    assert_eq!(store::try_code(db, "13800000001", "10.0.0.1", "123456", t + 11, &OTP).await.unwrap(), Tried::Checked(CodeCheck::NeedNew), "used up");
}

#[tokio::test]
async fn wrong_guesses_burn_the_code() {
    let s = server_at(NOW).await;
    let db = &s.state.db;
    let t = 1_800_000_000;
    store::claim_code(db, "13800000002", "10.0.0.1", "654321", t, &OTP).await.unwrap().unwrap();
    for i in 0..OTP.guesses_per_code {
        let left = OTP.guesses_per_code - i - 1;
        let expected = if left > 0 { CodeCheck::Wrong { left } } else { CodeCheck::NeedNew };
        assert_eq!(store::try_code(db, "13800000002", "10.0.0.1", "000000", t, &OTP).await.unwrap(), Tried::Checked(expected));
    }
    assert_eq!(store::try_code(db, "13800000002", "10.0.0.1", "654321", t + 1, &OTP).await.unwrap(), Tried::Checked(CodeCheck::NeedNew), "burnt");
    assert_eq!(store::stored_code(db, "13800000002").await.unwrap().unwrap().guesses, OTP.guesses_per_code);
}

#[tokio::test]
async fn sending_is_limited_per_phone_and_per_address() {
    let s = server_at(NOW).await;
    let db = &s.state.db;
    let t0 = 1_800_000_000;
    // Five codes to one phone, two minutes apart, from one address.
    for i in 0..5 {
        let t = t0 + i * 120;
        assert_eq!(store::claim_code(db, "13800000003", "10.0.0.2", "000000", t, &OTP).await.unwrap(), Ok(()), "send {i}");
    }
    let t = t0 + 5 * 120;
    assert_eq!(store::claim_code(db, "13800000003", "10.0.0.2", "000000", t, &OTP).await.unwrap(), Err(SendRefusal::PhoneLimit));
    assert!(matches!(store::claim_code(db, "13800000004", "10.0.0.2", "000000", t0 + 130, &OTP).await.unwrap(), Ok(())));
    // An hour later the phone may receive codes again.
    let later = t0 + 4 * 120 + 3601;
    assert_eq!(store::claim_code(db, "13800000003", "10.0.0.2", "000000", later, &OTP).await.unwrap(), Ok(()));
    assert!(matches!(
        store::claim_code(db, "13800000003", "10.0.0.2", "000000", later + 10, &OTP).await.unwrap(),
        Err(SendRefusal::TooSoon { .. })
    ));
    // Twenty different phones from one address exhaust the address.
    for i in 0..OTP.per_address_per_hour {
        store::claim_code(db, &format!("1390000{:04}", i), "10.0.0.3", "000000", t0, &OTP).await.unwrap().unwrap();
    }
    assert_eq!(store::claim_code(db, "13700000000", "10.0.0.3", "000000", t0 + 1, &OTP).await.unwrap(), Err(SendRefusal::AddressLimit));
}

/// Issue 12, item 5. Every sign-in limit holds under concurrency: each is decided in one atomic step (before:
/// counted, then recorded, so 8 concurrent requests for one phone sent 6–8 codes, 25 from one address sent 25,
/// and up to 20 guesses were checked against one code).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sign_in_limits_hold_under_concurrency() {
    let s = server_at(NOW).await;
    let db = s.state.db.clone();
    let t = 1_800_000_000;
    let all = |tasks: Vec<tokio::task::JoinHandle<bool>>| async move {
        let mut n = 0;
        for task in tasks {
            n += task.await.unwrap() as usize;
        }
        n
    };
    // 20 at once for one phone: one code.
    let tasks = (0..20)
        .map(|i| {
            let db = db.clone();
            tokio::spawn(async move { store::claim_code(&db, "13800000010", &format!("10.1.0.{i}"), "111111", t, &OTP).await.unwrap().is_ok() })
        })
        .collect();
    assert_eq!(all(tasks).await, 1, "one code a minute per phone");
    // 25 at once from one address, each for its own phone: 20 codes.
    let tasks = (0..25)
        .map(|i| {
            let db = db.clone();
            tokio::spawn(async move { store::claim_code(&db, &format!("1381000{i:04}"), "10.2.0.1", "222222", t, &OTP).await.unwrap().is_ok() })
        })
        .collect();
    assert_eq!(all(tasks).await, OTP.per_address_per_hour as usize, "twenty an hour per address");
    // 20 wrong guesses at once against one code: five are checked.
    let tasks = (0..20)
        .map(|i| {
            let db = db.clone();
            tokio::spawn(async move {
                let tried = store::try_code(&db, "13800000010", &format!("10.3.0.{i}"), "000000", t + 5, &OTP).await.unwrap();
                matches!(tried, Tried::Checked(CodeCheck::Wrong { .. })) || tried == Tried::Checked(CodeCheck::NeedNew)
            })
        })
        .collect();
    all(tasks).await;
    assert_eq!(store::stored_code(&db, "13800000010").await.unwrap().unwrap().guesses, OTP.guesses_per_code, "five guesses per code");
    // 40 wrong guesses at once from one address at 40 live codes: 30 are checked, 10 refused.
    for i in 0..40 {
        store::claim_code(&db, &format!("1382000{i:04}"), &format!("10.4.{}.{}", i / 10, i % 10), "333333", t, &OTP).await.unwrap().unwrap();
    }
    let tasks = (0..40)
        .map(|i| {
            let db = db.clone();
            tokio::spawn(async move {
                store::try_code(&db, &format!("1382000{i:04}"), "10.5.0.1", "000000", t + 5, &OTP).await.unwrap() != Tried::AddressLimit
            })
        })
        .collect();
    assert_eq!(all(tasks).await, OTP.failures_per_address_per_hour as usize, "thirty wrong codes an hour per address");
}

#[tokio::test]
async fn staff_lockout_and_unlock() {
    let s = server_at(NOW).await;
    let db = &s.state.db;
    let hash = app::store::passwords::hash("Window-pass-2026");
    let id = store::create_staff(db, "lock.me", "测试", &hash, 0).await.unwrap();
    let t = 1_800_000_000;
    for failures in 1..=5 {
        let locks = failures == 5;
        assert_eq!(store::claim_password_try(db, &id, t).await.unwrap(), store::PasswordTry::Counted { failures, locks });
    }
    assert_eq!(store::claim_password_try(db, &id, t + 1).await.unwrap(), store::PasswordTry::Locked { until: t + app::domain::accounts::LOCK_SECS });
    let a = store::account_by(db, store::AccountKey::Id, &id).await.unwrap().unwrap();
    assert_eq!(a.failed_logins, 5);
    assert_eq!(a.locked_until, Some(t + app::domain::accounts::LOCK_SECS));
    // A lock that has run out starts a new count.
    let after = t + app::domain::accounts::LOCK_SECS;
    assert_eq!(store::claim_password_try(db, &id, after).await.unwrap(), store::PasswordTry::Counted { failures: 1, locks: false });
    store::clear_lock(db, &id).await.unwrap();
    let a = store::account_by(db, store::AccountKey::Id, &id).await.unwrap().unwrap();
    assert_eq!((a.failed_logins, a.locked_until), (0, None));
}

/// Issue 12, item 5. Twenty wrong passwords sent at the same moment check exactly five against the account, then
/// lock it (before: each request read the failures, checked the password and wrote back separately, so all twenty
/// were checked and counted, and the failures went to 20).
#[tokio::test]
async fn staff_lockout_holds_under_concurrency() {
    let s = server_at(NOW).await;
    let db = &s.state.db;
    let hash = app::store::passwords::hash("Window-pass-2026");
    let id = store::create_staff(db, "race.me", "测试", &hash, 0).await.unwrap();
    let tries = (0..20).map(|_| {
        s.call_with_cookie(None, || app::api::accounts::staff_sign_in(Some("race.me".into()), Some("wrong-pass".into()), None))
    });
    for r in futures::future::join_all(tries).await {
        r.unwrap();
    }
    let a = store::account_by(db, store::AccountKey::Id, &id).await.unwrap().unwrap();
    assert_eq!(a.failed_logins, app::domain::accounts::LOCK_AFTER, "five wrong passwords counted, the rest refused unchecked");
    assert!(a.locked_until.is_some(), "locked");
    // Locked: even the right password is refused now.
    s.call_with_cookie(None, || app::api::accounts::staff_sign_in(Some("race.me".into()), Some("Window-pass-2026".into()), None)).await.unwrap();
    let a = store::account_by(db, store::AccountKey::Id, &id).await.unwrap().unwrap();
    assert_eq!(a.failed_logins, app::domain::accounts::LOCK_AFTER, "still locked, nothing cleared");
}
