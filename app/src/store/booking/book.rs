//! Making a booking: the place, the per-account limit and, for someone else's number, the message limits, in one transaction.

use super::*;

#[derive(Clone, Debug)]
pub struct NewBooking {
    pub account_id: String,
    pub item_code: String,
    pub holder_name: String,
    pub holder_phone: String,
    pub for_family: bool,
    /// Green channel: the staff member booking on the person's behalf, and the reason code.
    pub booked_by: Option<String>,
    pub green_reason: Option<String>,
}

/// Books a place: claims the account's quota (active < max_active) and a place in the slot (booked < capacity),
/// and inserts the booking (one per person, service and day by a unique index), all in one transaction.
/// `Ok(Err(refusal))` when a rule says no; nothing is changed then.
pub async fn book(
    db: &Db,
    new: &NewBooking,
    slot: &SlotRef,
    max_active: i64,
    code: &str,
    now: i64,
) -> Result<Result<(), Refusal>, sqlx::Error> {
    book_and_tell(db, new, slot, max_active, code, None, None, now).await
}

/// [`book`], and when it succeeds the confirmation `message` is queued (SMS) and noticed in the same transaction:
/// one write transaction per booking.
/// A message to a number other than the sender's own, limited per day (issue 12): who sends, and the limits.
pub struct ToAnother<'a> {
    pub sender: &'a str,
    /// The civil date (Asia/Shanghai) the limits count.
    pub day: &'a str,
    pub per_account: i64,
    pub per_number: i64,
}

/// Claims one message from `to.sender` to `phone` for the day: two conditional upserts (the sender's count and the
/// number's), so concurrent requests never pass the limits.
pub(super) async fn claim_message(tx: &mut sqlx::Transaction<'_, sqlx::Any>, to: &ToAnother<'_>, phone: &str) -> Result<Result<(), Refusal>, sqlx::Error> {
    for (key, max, refusal) in [
        (format!("account:{}", to.sender), to.per_account, Refusal::MessagesFromAccount { max: to.per_account }),
        (format!("number:{phone}"), to.per_number, Refusal::MessagesToNumber { max: to.per_number }),
    ] {
        let claimed = sqlx::query(
            "INSERT INTO message_quota (key, day, sent) VALUES ($1, $2, 1) ON CONFLICT (key, day) \
             DO UPDATE SET sent = message_quota.sent + 1 WHERE message_quota.sent < $3",
        )
        .bind(&key)
        .bind(to.day)
        .bind(max)
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if claimed == 0 || max < 1 {
            return Ok(Err(refusal));
        }
    }
    Ok(Ok(()))
}

/// Claims one message to someone else's number on its own (a family or green-channel booking rescheduled: its
/// SMS counts like the first one). `Err(refusal)` when a limit is reached.
pub async fn claim_message_to(db: &Db, to: &ToAnother<'_>, phone: &str) -> Result<Result<(), Refusal>, sqlx::Error> {
    let _writer = crate::store::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    let claimed = claim_message(&mut tx, to, phone).await?;
    if claimed.is_ok() {
        tx.commit().await?;
    } else {
        tx.rollback().await?;
    }
    Ok(claimed)
}

pub async fn book_and_tell(
    db: &Db,
    new: &NewBooking,
    slot: &SlotRef,
    max_active: i64,
    code: &str,
    message: Option<&str>,
    to_another: Option<&ToAnother<'_>>,
    now: i64,
) -> Result<Result<(), Refusal>, sqlx::Error> {
    let _writer = crate::store::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    // A message to someone else's number counts against the day's limits, in this transaction: a refused booking
    // uses none.
    if let Some(to) = to_another {
        if let Err(refusal) = claim_message(&mut tx, to, &new.holder_phone).await? {
            tx.rollback().await?;
            return Ok(Err(refusal));
        }
    }
    // Each claim is one conditional upsert: no row, or a row with room, gains one; a full row is left alone.
    let quota = sqlx::query(
        "INSERT INTO booking_quota (account_id, active) VALUES ($1, 1) ON CONFLICT (account_id) \
         DO UPDATE SET active = booking_quota.active + 1 WHERE booking_quota.active < $2",
    )
    .bind(&new.account_id)
    .bind(max_active)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if quota == 0 || max_active < 1 {
        tx.rollback().await?;
        return Ok(Err(Refusal::TooMany { max: max_active }));
    }
    if !claim_new_or_stored(&mut tx, slot).await? {
        tx.rollback().await?;
        return Ok(Err(Refusal::Full));
    }
    let inserted = sqlx::query(
        "INSERT INTO bookings (code, account_id, item_code, point_id, department_code, slot_id, day, starts_at, \
         ends_at, status, holder_name, holder_phone, for_family, created_at, changed_at, booked_by, green_reason) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'active', $10, $11, $12, $13, $13, $14, $15)",
    )
    .bind(code)
    .bind(&new.account_id)
    .bind(&new.item_code)
    .bind(&slot.point_id)
    .bind(&slot.department)
    .bind(slot.id.as_str())
    .bind(&slot.day)
    .bind(slot.starts_at)
    .bind(slot.ends_at)
    .bind(&new.holder_name)
    .bind(&new.holder_phone)
    .bind(new.for_family as i64)
    .bind(now)
    .bind(&new.booked_by)
    .bind(&new.green_reason)
    .execute(&mut *tx)
    .await;
    match inserted {
        Ok(_) => {
            if let Some(body) = message {
                crate::store::notices::tell(&mut tx, &new.account_id, &new.holder_phone, "booking", body, &format!("/bookings/{code}"), now).await?;
            }
            tx.commit().await?;
            Ok(Ok(()))
        }
        Err(e) if unique_violation(&e) => {
            tx.rollback().await?;
            Ok(Err(Refusal::SameServiceSameDay))
        }
        Err(e) => Err(e),
    }
}
