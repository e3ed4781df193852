//! Stored slots and their places: claimed with one conditional UPDATE, closed for a while.

use super::*;

/// A slot as stored: its capacity, places taken, and why it is closed (`Some`, possibly empty, when it is).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredSlot {
    pub capacity: i64,
    pub booked: i64,
    pub closed: Option<String>,
    /// Its day and length: the day keeps this length whatever the group's setting says now.
    pub day: String,
    pub minutes: i64,
}

pub(super) fn stored(r: &AnyRow) -> StoredSlot {
    StoredSlot {
        day: r.get("day"),
        minutes: (r.get::<i64, _>("ends_at") - r.get::<i64, _>("starts_at")) / 60,
        capacity: r.get("capacity"),
        booked: r.get("booked"),
        closed: (r.get::<i64, _>("closed") != 0).then(|| r.get::<Option<String>, _>("closed_reason").unwrap_or_default()),
    }
}

/// Stored slots of a group between two days (inclusive), by start.
pub async fn stored_slots(
    db: &Db,
    point_id: &str,
    department: &str,
    from_day: &str,
    to_day: &str,
) -> Result<std::collections::HashMap<i64, StoredSlot>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT day, starts_at, ends_at, capacity, booked, closed, closed_reason FROM slots WHERE point_id = $1 AND department_code = $2 \
         AND day >= $3 AND day <= $4",
    )
    .bind(point_id)
    .bind(department)
    .bind(from_day)
    .bind(to_day)
    .fetch_all(db)
    .await?;
    Ok(rows.iter().map(|r| (r.get("starts_at"), stored(r))).collect())
}

/// The slot length of a group's stored slots on `day`, if it has any: a day keeps the length it was first cut with.
pub async fn stored_minutes_on(db: &Db, point_id: &str, department: &str, day: &str) -> Result<Option<i64>, sqlx::Error> {
    let r: Option<i64> = sqlx::query_scalar(
        "SELECT ends_at - starts_at FROM slots WHERE point_id = $1 AND department_code = $2 AND day = $3 LIMIT 1",
    )
    .bind(point_id)
    .bind(department)
    .bind(day)
    .fetch_optional(db)
    .await?;
    Ok(r.map(|s| s / 60))
}

/// Future stored slots of a group with people waiting and places free (after a capacity was raised).
pub async fn slots_to_hand_on(db: &Db, point_id: &str, department: &str, now: i64) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT DISTINCT s.id FROM slots s JOIN booking_waits w ON w.slot_id = s.id AND w.status = 'waiting' \
         WHERE s.point_id = $1 AND s.department_code = $2 AND s.starts_at > $3 AND s.closed = 0 AND s.booked < s.capacity",
    )
    .bind(point_id)
    .bind(department)
    .bind(now)
    .fetch_all(db)
    .await
}

/// One stored slot, if it has been stored.
pub async fn stored_slot(db: &Db, slot_id: &str) -> Result<Option<StoredSlot>, sqlx::Error> {
    let r = sqlx::query("SELECT day, starts_at, ends_at, capacity, booked, closed, closed_reason FROM slots WHERE id = $1").bind(slot_id).fetch_optional(db).await?;
    Ok(r.as_ref().map(stored))
}

/// A slot to claim a place in: created on first use with the group's capacity at that moment.
#[derive(Clone, Debug)]
pub struct SlotRef {
    pub id: crate::domain::booking::SlotId,
    pub point_id: String,
    pub department: String,
    pub day: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: i64,
}

pub(super) fn unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

/// Stores a slot that is not stored yet (`then` says what happens when it is): `booked` places taken. Returns
/// whether a row was inserted or updated.
pub(super) async fn store_slot(tx: &mut sqlx::Transaction<'_, sqlx::Any>, s: &SlotRef, booked: i64, then: &str) -> Result<bool, sqlx::Error> {
    let sql = format!(
        "INSERT INTO slots (id, point_id, department_code, day, starts_at, ends_at, capacity, booked, closed) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0) ON CONFLICT (id) {then}"
    );
    let n = sqlx::query(&sql)
        .bind(s.id.as_str())
        .bind(&s.point_id)
        .bind(&s.department)
        .bind(&s.day)
        .bind(s.starts_at)
        .bind(s.ends_at)
        .bind(s.capacity)
        .bind(booked)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    Ok(n == 1)
}

pub(super) async fn ensure_slot(tx: &mut sqlx::Transaction<'_, sqlx::Any>, s: &SlotRef) -> Result<(), sqlx::Error> {
    store_slot(tx, s, 0, "DO NOTHING").await.map(|_| ())
}

/// Takes one place in a slot, storing it first if needed: the booking's guard against overbooking. A new slot is
/// stored with one place taken (if its capacity allows any); a stored one gains one only while booked < capacity
/// and it is not closed.
pub(super) async fn claim_new_or_stored(tx: &mut sqlx::Transaction<'_, sqlx::Any>, s: &SlotRef) -> Result<bool, sqlx::Error> {
    if s.capacity < 1 {
        return Ok(false);
    }
    store_slot(tx, s, 1, "DO UPDATE SET booked = slots.booked + 1 WHERE slots.booked < slots.capacity AND slots.closed = 0").await
}

/// Takes one place in a slot if one is left: the one guard against overbooking.
pub(super) async fn claim_place(tx: &mut sqlx::Transaction<'_, sqlx::Any>, slot_id: &str) -> Result<bool, sqlx::Error> {
    let n = sqlx::query("UPDATE slots SET booked = booked + 1 WHERE id = $1 AND booked < capacity AND closed = 0")
        .bind(slot_id)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    Ok(n == 1)
}

/// Departments with items at a point: its service groups.
pub async fn point_departments(db: &Db, point_id: &str) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT DISTINCT i.department_code FROM point_items p JOIN service_items i ON i.code = p.item_code \
         WHERE p.point_id = $1 ORDER BY i.department_code",
    )
    .bind(point_id)
    .fetch_all(db)
    .await
}

/// Closes a point between two instants (a power cut): the given slots are stored closed, every stored slot
/// overlapping the range is closed, and the active bookings in it are returned for cancelling and telling.
pub async fn close_range(
    db: &Db,
    point_id: &str,
    from: i64,
    to: i64,
    slots: &[SlotRef],
    reason: &str,
) -> Result<Vec<BookingRow>, sqlx::Error> {
    let mut tx = db.begin().await?;
    for s in slots {
        ensure_slot(&mut tx, s).await?;
    }
    sqlx::query("UPDATE slots SET closed = 1, closed_reason = $4 WHERE point_id = $1 AND starts_at < $2 AND ends_at > $3")
        .bind(point_id)
        .bind(to)
        .bind(from)
        .bind(reason)
        .execute(&mut *tx)
        .await?;
    // The people waiting on these slots are told by the caller (`expire_waits` lapses waits on closed slots).
    tx.commit().await?;
    let rows = sqlx::query(&format!("{SELECT} WHERE b.point_id = $1 AND b.status = 'active' AND b.starts_at < $2 AND b.ends_at > $3"))
        .bind(point_id)
        .bind(to)
        .bind(from)
        .fetch_all(db)
        .await?;
    Ok(rows.iter().map(row).collect())
}
