//! A booking leaving the active state (cancelled, checked in, served, closed) and moving to another slot.

use super::*;
use crate::domain::booking::BookingStatus;

/// Moves an active booking out of 'active' as `to` and gives back its account's quota, inside `tx`. Exactly once:
/// false if it was no longer active.
pub(super) async fn leave_active(tx: &mut sqlx::Transaction<'_, sqlx::Any>, b: &BookingRow, to: BookingStatus, now: i64) -> Result<bool, sqlx::Error> {
    let n = sqlx::query("UPDATE bookings SET status = $1, changed_at = $2 WHERE code = $3 AND status = 'active'")
        .bind(to.code())
        .bind(now)
        .bind(&b.code)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    if n == 1 {
        sqlx::query("UPDATE booking_quota SET active = active - 1 WHERE account_id = $1 AND active > 0")
            .bind(&b.account_id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(n == 1)
}

/// Moves an active booking out of 'active' (checked in, no-show, closed…), giving back its account's quota and —
/// when `free_place` — its place in the slot (a cancellation hands it on instead: [`release`]). Exactly once:
/// returns false if it was no longer active.
pub async fn finish(db: &Db, b: &BookingRow, to: BookingStatus, free_place: bool, now: i64) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    if !leave_active(&mut tx, b, to, now).await? {
        tx.rollback().await?;
        return Ok(false);
    }
    if free_place {
        sqlx::query("UPDATE slots SET booked = booked - 1 WHERE id = $1 AND booked > 0")
            .bind(b.slot_id.as_str())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// The person was served at a window: a checked-in booking becomes served, and so does a late no-show, which
/// then stops counting towards a suspension (they came).
pub async fn mark_served(db: &Db, code: &str, now: i64) -> Result<bool, sqlx::Error> {
    let n = sqlx::query("UPDATE bookings SET status = 'served', changed_at = $1 WHERE code = $2 AND status IN ('checked_in', 'no_show')")
        .bind(now)
        .bind(code)
        .execute(db)
        .await?
        .rows_affected();
    Ok(n == 1)
}

/// Moves an active booking to another slot: claims the new place first, then hands the old one to the first
/// person waiting for it (`code`: their booking's code), or frees it — all in one transaction.
pub async fn reschedule(
    db: &Db,
    b: &BookingRow,
    to: &SlotRef,
    max_active: i64,
    code: &str,
    now: i64,
) -> Result<Result<HandedOn, Refusal>, sqlx::Error> {
    let _writer = crate::store::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    if !claim_new_or_stored(&mut tx, to).await? {
        tx.rollback().await?;
        return Ok(Err(Refusal::Full));
    }
    let moved = sqlx::query(
        "UPDATE bookings SET slot_id = $1, day = $2, starts_at = $3, ends_at = $4, changed_at = $5, \
         reminded_day_before = 0, reminded_hour_before = 0 WHERE code = $6 AND status = 'active' AND slot_id = $7",
    )
    .bind(to.id.as_str())
    .bind(&to.day)
    .bind(to.starts_at)
    .bind(to.ends_at)
    .bind(now)
    .bind(&b.code)
    .bind(b.slot_id.as_str())
    .execute(&mut *tx)
    .await;
    match moved {
        Ok(r) if r.rows_affected() == 1 => {}
        Ok(_) => {
            tx.rollback().await?;
            return Ok(Err(Refusal::NotOffered));
        }
        Err(e) if unique_violation(&e) => {
            tx.rollback().await?;
            return Ok(Err(Refusal::SameServiceSameDay));
        }
        Err(e) => return Err(e),
    }
    let mut out = HandedOn::default();
    if !give_to_first_waiting(&mut tx, b.slot_id.as_str(), max_active, code, now, &mut out).await? {
        sqlx::query("UPDATE slots SET booked = booked - 1 WHERE id = $1 AND booked > 0")
            .bind(b.slot_id.as_str())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Ok(out))
}

/// Active bookings of an account (from the quota counter the booking transaction keeps).
pub async fn active_count(db: &Db, account_id: &str) -> Result<i64, sqlx::Error> {
    let n: Option<i64> = sqlx::query_scalar("SELECT active FROM booking_quota WHERE account_id = $1")
        .bind(account_id)
        .fetch_optional(db)
        .await?;
    Ok(n.unwrap_or(0))
}
