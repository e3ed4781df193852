//! One-time codes and staff lockout against the real database: expiry, single use, per-phone and per-address
//! limits, lockout and unlock.

mod common;

use app::domain::accounts::{check_code, may_send, CodeCheck, SendRefusal, OTP};
use app::store::accounts as store;
use common::server_at;

const NOW: &str = "2026-11-24T10:00:00+08:00";

#[tokio::test]
async fn codes_expire_and_are_single_use() {
    let s = server_at(NOW).await;
    let db = &s.state.db;
    let t = 1_800_000_000;
    store::store_code(db, "13800000001", "123456", "10.0.0.1", t, OTP.ttl_secs).await.unwrap();
    let stored = store::stored_code(db, "13800000001").await.unwrap();
    let good = store::code_hash("13800000001", "123456");
    assert_eq!(check_code(&OTP, t + 10, stored.as_ref(), &good), CodeCheck::Accepted);
    assert_eq!(check_code(&OTP, t + OTP.ttl_secs, stored.as_ref(), &good), CodeCheck::NeedNew, "expired");
    assert!(store::use_code(db, "13800000001").await.unwrap());
    assert!(!store::use_code(db, "13800000001").await.unwrap(), "a second use loses");
    let used = store::stored_code(db, "13800000001").await.unwrap();
    assert_eq!(check_code(&OTP, t + 10, used.as_ref(), &good), CodeCheck::NeedNew);
}

#[tokio::test]
async fn wrong_guesses_burn_the_code() {
    let s = server_at(NOW).await;
    let db = &s.state.db;
    let t = 1_800_000_000;
    store::store_code(db, "13800000002", "654321", "10.0.0.1", t, OTP.ttl_secs).await.unwrap();
    for _ in 0..OTP.guesses_per_code {
        store::record_wrong_code(db, "13800000002", "10.0.0.1", t).await.unwrap();
    }
    let stored = store::stored_code(db, "13800000002").await.unwrap();
    let good = store::code_hash("13800000002", "654321");
    assert_eq!(check_code(&OTP, t + 1, stored.as_ref(), &good), CodeCheck::NeedNew);
    assert_eq!(store::recent_failures(db, "10.0.0.1", t + 1).await.unwrap(), OTP.guesses_per_code);
}

#[tokio::test]
async fn sending_is_limited_per_phone_and_per_address() {
    let s = server_at(NOW).await;
    let db = &s.state.db;
    let t0 = 1_800_000_000;
    // Five codes to one phone, two minutes apart, from one address.
    for i in 0..5 {
        let t = t0 + i * 120;
        let (last, p, a) = store::otp_send_counts(db, "13800000003", "10.0.0.2", t).await.unwrap();
        assert_eq!(may_send(&OTP, t, last, p, a), Ok(()), "send {i}");
        store::store_code(db, "13800000003", "000000", "10.0.0.2", t, OTP.ttl_secs).await.unwrap();
    }
    let t = t0 + 5 * 120;
    let (last, p, a) = store::otp_send_counts(db, "13800000003", "10.0.0.2", t).await.unwrap();
    assert_eq!(may_send(&OTP, t, last, p, a), Err(SendRefusal::PhoneLimit));
    let (last, p, a) = store::otp_send_counts(db, "13800000003", "10.0.0.2", t0 + 130).await.unwrap();
    assert!(matches!(may_send(&OTP, t0 + 130, last, p, a), Err(SendRefusal::TooSoon { .. }) | Err(SendRefusal::PhoneLimit)));
    // An hour later the phone may receive codes again.
    let later = t0 + 4 * 120 + 3601;
    let (last, p, a) = store::otp_send_counts(db, "13800000003", "10.0.0.2", later).await.unwrap();
    assert_eq!(may_send(&OTP, later, last, p, a), Ok(()));
    // Twenty different phones from one address exhaust the address.
    for i in 0..OTP.per_address_per_hour {
        store::store_code(db, &format!("1390000{:04}", i), "000000", "10.0.0.3", t0, OTP.ttl_secs).await.unwrap();
    }
    let (last, p, a) = store::otp_send_counts(db, "13700000000", "10.0.0.3", t0 + 1).await.unwrap();
    assert_eq!(may_send(&OTP, t0 + 1, last, p, a), Err(SendRefusal::AddressLimit));
}

#[tokio::test]
async fn staff_lockout_and_unlock() {
    let s = server_at(NOW).await;
    let db = &s.state.db;
    let hash = app::store::passwords::hash("Window-pass-2026");
    let id = store::create_staff(db, "lock.me", "测试", &hash, 0).await.unwrap();
    let t = 1_800_000_000;
    for failures in 1..=5 {
        let lock = app::domain::accounts::lock_after_failure(t, failures);
        store::record_failed_login(db, &id, lock).await.unwrap();
    }
    let a = store::account_by(db, store::AccountKey::Id, &id).await.unwrap().unwrap();
    assert_eq!(a.failed_logins, 5);
    assert_eq!(a.locked_until, Some(t + app::domain::accounts::LOCK_SECS));
    store::clear_lock(db, &id).await.unwrap();
    let a = store::account_by(db, store::AccountKey::Id, &id).await.unwrap().unwrap();
    assert_eq!((a.failed_logins, a.locked_until), (0, None));
}
