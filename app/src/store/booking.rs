//! Bookings, slots and their capacity, the booking rules, suspensions lifted, in-app notices.
//!
//! Capacity and the per-account limit are claimed with one conditional `UPDATE … WHERE booked < capacity`
//! (and `active < max`) inside the transaction that inserts the booking, never read-then-write: under SQLite's WAL
//! a read-then-write transaction that loses a race fails with SQLITE_BUSY, and under PostgreSQL it would overbook.
//! Every transaction here writes first, so SQLite's busy timeout queues them instead of failing them.

use super::Db;
use crate::domain::booking::{Refusal, Rules};
use sqlx::any::AnyRow;
use sqlx::Row;

/// Booking statuses as stored.
pub mod status {
    pub const ACTIVE: &str = "active";
    pub const CANCELLED: &str = "cancelled";
    pub const CHECKED_IN: &str = "checked_in";
    pub const SERVED: &str = "served";
    pub const NO_SHOW: &str = "no_show";
    pub const CLOSED: &str = "closed";
}

/// One booking with the names needed to show it (and for the queue's check-in).
#[derive(Clone, Debug, PartialEq)]
pub struct BookingRow {
    pub code: String,
    pub account_id: String,
    pub item_code: String,
    pub item_name: String,
    pub point_id: String,
    pub point_name: String,
    pub point_address: String,
    /// The service group is (point_id, department_code).
    pub department_code: String,
    pub department_name: String,
    pub slot_id: String,
    pub day: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub status: String,
    pub holder_name: String,
    pub holder_phone: String,
    pub for_family: bool,
    pub created_at: i64,
    /// Green channel (绿色通道): the staff member who booked it on the person's behalf, and why.
    pub booked_by: Option<String>,
    pub green_reason: Option<String>,
}

const SELECT: &str = "SELECT b.*, i.name AS item_name, p.name AS point_name, p.address AS point_address, \
     d.name AS department_name FROM bookings b JOIN service_items i ON i.code = b.item_code \
     JOIN service_points p ON p.id = b.point_id JOIN departments d ON d.code = b.department_code";

fn row(r: &AnyRow) -> BookingRow {
    BookingRow {
        code: r.get("code"),
        account_id: r.get("account_id"),
        item_code: r.get("item_code"),
        item_name: r.get("item_name"),
        point_id: r.get("point_id"),
        point_name: r.get("point_name"),
        point_address: r.get("point_address"),
        department_code: r.get("department_code"),
        department_name: r.get("department_name"),
        slot_id: r.get("slot_id"),
        day: r.get("day"),
        starts_at: r.get("starts_at"),
        ends_at: r.get("ends_at"),
        status: r.get("status"),
        holder_name: r.get("holder_name"),
        holder_phone: r.get("holder_phone"),
        for_family: r.get::<i64, _>("for_family") != 0,
        created_at: r.get("created_at"),
        booked_by: r.get("booked_by"),
        green_reason: r.get("green_reason"),
    }
}

/// A booking by its code (the check-in scanner types it; `/bookings/{code}` shows it).
pub async fn by_code(db: &Db, code: &str) -> Result<Option<BookingRow>, sqlx::Error> {
    let r = sqlx::query(&format!("{SELECT} WHERE b.code = $1")).bind(code).fetch_optional(db).await?;
    Ok(r.as_ref().map(row))
}

/// An account's bookings, soonest first.
pub async fn for_account(db: &Db, account_id: &str) -> Result<Vec<BookingRow>, sqlx::Error> {
    let rows = sqlx::query(&format!("{SELECT} WHERE b.account_id = $1 ORDER BY b.starts_at DESC, b.code"))
        .bind(account_id)
        .fetch_all(db)
        .await?;
    Ok(rows.iter().map(row).collect())
}

/// The no-show settings, read in the caller's transaction (the rest of the rules at their defaults).
async fn no_show_rule<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(e: E) -> Result<Rules, sqlx::Error> {
    let r = sqlx::query("SELECT no_show_limit, no_show_window_days, suspension_days FROM booking_rules WHERE id = 'default'")
        .fetch_optional(e)
        .await?;
    let d = Rules::default();
    Ok(match r {
        Some(r) => Rules {
            no_show_limit: r.get("no_show_limit"),
            no_show_window_days: r.get("no_show_window_days"),
            suspension_days: r.get("suspension_days"),
            ..d
        },
        None => d,
    })
}

pub async fn rules(db: &Db) -> Result<Rules, sqlx::Error> {
    super::reference(db, "booking_rules", || async {
        let r = sqlx::query("SELECT * FROM booking_rules WHERE id = 'default'").fetch_optional(db).await?;
        Ok(r.map(|r| Rules {
            max_active: r.get("max_active"),
            cancel_cutoff_minutes: r.get("cancel_cutoff_minutes"),
            default_slot_minutes: r.get("default_slot_minutes"),
            default_capacity: r.get("default_capacity"),
            checkin_early_minutes: r.get("checkin_early_minutes"),
            sms_per_account_day: r.get("sms_per_account_day"),
            sms_per_number_day: r.get("sms_per_number_day"),
            no_show_limit: r.get("no_show_limit"),
            no_show_window_days: r.get("no_show_window_days"),
            suspension_days: r.get("suspension_days"),
        })
        .unwrap_or_default())
    })
    .await
}

pub async fn save_rules(db: &Db, r: &Rules) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE booking_rules SET max_active = $1, cancel_cutoff_minutes = $2, default_slot_minutes = $3, \
         default_capacity = $4, checkin_early_minutes = $5, sms_per_account_day = $6, sms_per_number_day = $7, \
         no_show_limit = $8, no_show_window_days = $9, suspension_days = $10 WHERE id = 'default'",
    )
    .bind(r.max_active)
    .bind(r.cancel_cutoff_minutes)
    .bind(r.default_slot_minutes)
    .bind(r.default_capacity)
    .bind(r.checkin_early_minutes)
    .bind(r.sms_per_account_day)
    .bind(r.sms_per_number_day)
    .bind(r.no_show_limit)
    .bind(r.no_show_window_days)
    .bind(r.suspension_days)
    .execute(db)
    .await?;
    super::forget(db, "booking_rules");
    Ok(())
}

/// A service group's slot length and capacity: its own setting, or the rules' defaults.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GroupSetting {
    pub minutes: i64,
    pub capacity: i64,
    /// After a change of length: the earlier length and the first day of `minutes` (days before it keep theirs).
    pub earlier: Option<(i64, String)>,
}

impl GroupSetting {
    /// The slot length on `day` (YYYY-MM-DD).
    pub fn minutes_on(&self, day: &str) -> i64 {
        match &self.earlier {
            Some((m, from)) if day < from.as_str() => *m,
            _ => self.minutes,
        }
    }
}

pub async fn group_settings(db: &Db, point_id: &str, department: &str, rules: &Rules) -> Result<GroupSetting, sqlx::Error> {
    let r = sqlx::query(
        "SELECT slot_minutes, capacity, earlier_minutes, minutes_from FROM booking_groups WHERE point_id = $1 AND department_code = $2",
    )
    .bind(point_id)
    .bind(department)
    .fetch_optional(db)
    .await?;
    Ok(match r {
        Some(r) => GroupSetting {
            minutes: r.get("slot_minutes"),
            capacity: r.get("capacity"),
            earlier: r.get::<Option<i64>, _>("earlier_minutes").zip(r.get::<Option<String>, _>("minutes_from")),
        },
        None => GroupSetting { minutes: rules.default_slot_minutes, capacity: rules.default_capacity, earlier: None },
    })
}

/// Sets a group's slot length and capacity at `now`, and returns the first day of the new length when it changed.
/// - Capacity reaches the future slots already stored: raising it opens places there; lowering it cancels nobody
///   (a claim needs `booked < capacity`, so new bookings stop until enough are cancelled).
/// - A new length applies from the first day after the last stored future slot of the group (today when there is
///   none); days before it keep the length their stored slots have, so old and new slots never overlap.
pub async fn set_group(
    db: &Db,
    point_id: &str,
    department: &str,
    slot_minutes: i64,
    capacity: i64,
    now: i64,
) -> Result<Option<String>, sqlx::Error> {
    let rules = rules(db).await?;
    let old = group_settings(db, point_id, department, &rules).await?;
    let _writer = super::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    let today = crate::domain::booking::civil_at(now).date();
    let last: Option<String> = sqlx::query_scalar(
        "SELECT MAX(day) FROM slots WHERE point_id = $1 AND department_code = $2 AND day >= $3",
    )
    .bind(point_id)
    .bind(department)
    .bind(today.to_string())
    .fetch_one(&mut *tx)
    .await?;
    let (earlier, from) = if slot_minutes == old.minutes {
        // Same length: a change still waiting for its first day stays as it is.
        (old.earlier.as_ref().map(|e| e.0), old.earlier.as_ref().map(|e| e.1.clone()))
    } else {
        match last.as_deref().and_then(|d| d.parse::<chrono::NaiveDate>().ok()) {
            Some(d) => {
                let from = (d + chrono::Duration::days(1)).max(today);
                (Some(old.minutes_on(&d.to_string())), Some(from.to_string()))
            }
            None => (None, Some(today.to_string())),
        }
    };
    sqlx::query(
        "INSERT INTO booking_groups (point_id, department_code, slot_minutes, capacity, earlier_minutes, minutes_from) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (point_id, department_code) DO UPDATE SET slot_minutes = $3, \
         capacity = $4, earlier_minutes = $5, minutes_from = $6",
    )
    .bind(point_id)
    .bind(department)
    .bind(slot_minutes)
    .bind(capacity)
    .bind(earlier)
    .bind(earlier.and(from.clone()))
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE slots SET capacity = $1 WHERE point_id = $2 AND department_code = $3 AND starts_at > $4 AND closed = 0")
        .bind(capacity)
        .bind(point_id)
        .bind(department)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(if slot_minutes == old.minutes { None } else { from })
}

/// Every group with its own setting: (point id, point name, department code, department name, slot length in
/// words, capacity).
pub async fn groups(db: &Db) -> Result<Vec<(String, String, String, String, String, i64)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT g.point_id, p.name AS point_name, g.department_code, d.name AS department_name, g.slot_minutes, \
         g.capacity, g.earlier_minutes, g.minutes_from FROM booking_groups g JOIN service_points p ON p.id = g.point_id \
         JOIN departments d ON d.code = g.department_code ORDER BY g.point_id, d.sort",
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .iter()
        .map(|r| {
            let minutes: i64 = r.get("slot_minutes");
            // A change of length waiting for its first day says so.
            let length = match (r.get::<Option<i64>, _>("earlier_minutes"), r.get::<Option<String>, _>("minutes_from")) {
                (Some(e), Some(from)) => format!("{minutes}分钟（{from}起；此前{e}分钟）"),
                _ => format!("{minutes}分钟"),
            };
            (r.get("point_id"), r.get("point_name"), r.get("department_code"), r.get("department_name"), length, r.get("capacity"))
        })
        .collect())
}

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

fn stored(r: &AnyRow) -> StoredSlot {
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
    pub id: String,
    pub point_id: String,
    pub department: String,
    pub day: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub capacity: i64,
}

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

fn unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

/// Stores a slot that is not stored yet (`then` says what happens when it is): `booked` places taken. Returns
/// whether a row was inserted or updated.
async fn store_slot(tx: &mut sqlx::Transaction<'_, sqlx::Any>, s: &SlotRef, booked: i64, then: &str) -> Result<bool, sqlx::Error> {
    let sql = format!(
        "INSERT INTO slots (id, point_id, department_code, day, starts_at, ends_at, capacity, booked, closed) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0) ON CONFLICT (id) {then}"
    );
    let n = sqlx::query(&sql)
        .bind(&s.id)
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

async fn ensure_slot(tx: &mut sqlx::Transaction<'_, sqlx::Any>, s: &SlotRef) -> Result<(), sqlx::Error> {
    store_slot(tx, s, 0, "DO NOTHING").await.map(|_| ())
}

/// Takes one place in a slot, storing it first if needed: the booking's guard against overbooking. A new slot is
/// stored with one place taken (if its capacity allows any); a stored one gains one only while booked < capacity
/// and it is not closed.
async fn claim_new_or_stored(tx: &mut sqlx::Transaction<'_, sqlx::Any>, s: &SlotRef) -> Result<bool, sqlx::Error> {
    if s.capacity < 1 {
        return Ok(false);
    }
    store_slot(tx, s, 1, "DO UPDATE SET booked = slots.booked + 1 WHERE slots.booked < slots.capacity AND slots.closed = 0").await
}

/// Takes one place in a slot if one is left: the one guard against overbooking.
async fn claim_place(tx: &mut sqlx::Transaction<'_, sqlx::Any>, slot_id: &str) -> Result<bool, sqlx::Error> {
    let n = sqlx::query("UPDATE slots SET booked = booked + 1 WHERE id = $1 AND booked < capacity AND closed = 0")
        .bind(slot_id)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    Ok(n == 1)
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
async fn claim_message(tx: &mut sqlx::Transaction<'_, sqlx::Any>, to: &ToAnother<'_>, phone: &str) -> Result<Result<(), Refusal>, sqlx::Error> {
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
    let _writer = super::sqlite_writer(db).await;
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
    let _writer = super::sqlite_writer(db).await;
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
    .bind(&slot.id)
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
                super::notifications::enqueue(&mut *tx, &new.holder_phone, "booking", body, now).await?;
                super::notices::add(&mut *tx, &new.account_id, body, &format!("/bookings/{code}"), now).await?;
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

/// Moves an active booking out of 'active' as `to` and gives back its account's quota, inside `tx`. Exactly once:
/// false if it was no longer active.
async fn leave_active(tx: &mut sqlx::Transaction<'_, sqlx::Any>, b: &BookingRow, to: &str, now: i64) -> Result<bool, sqlx::Error> {
    let n = sqlx::query("UPDATE bookings SET status = $1, changed_at = $2 WHERE code = $3 AND status = 'active'")
        .bind(to)
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
pub async fn finish(db: &Db, b: &BookingRow, to: &str, free_place: bool, now: i64) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    if !leave_active(&mut tx, b, to, now).await? {
        tx.rollback().await?;
        return Ok(false);
    }
    if free_place {
        sqlx::query("UPDATE slots SET booked = booked - 1 WHERE id = $1 AND booked > 0")
            .bind(&b.slot_id)
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
    let _writer = super::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    if !claim_new_or_stored(&mut tx, to).await? {
        tx.rollback().await?;
        return Ok(Err(Refusal::Full));
    }
    let moved = sqlx::query(
        "UPDATE bookings SET slot_id = $1, day = $2, starts_at = $3, ends_at = $4, changed_at = $5, \
         reminded_day_before = 0, reminded_hour_before = 0 WHERE code = $6 AND status = 'active' AND slot_id = $7",
    )
    .bind(&to.id)
    .bind(&to.day)
    .bind(to.starts_at)
    .bind(to.ends_at)
    .bind(now)
    .bind(&b.code)
    .bind(&b.slot_id)
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
    if !give_to_first_waiting(&mut tx, &b.slot_id, max_active, code, now, &mut out).await? {
        sqlx::query("UPDATE slots SET booked = booked - 1 WHERE id = $1 AND booked > 0")
            .bind(&b.slot_id)
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

/// When an account's no-shows happened (their slot starts), and when the admin last lifted a suspension.
pub async fn no_show_record<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    db: E,
    account_id: &str,
) -> Result<(Vec<i64>, Option<i64>), sqlx::Error> {
    // One round trip: without no-shows there is nothing to lift, so the lift rides on the no-show rows.
    let rows: Vec<(i64, Option<i64>)> = sqlx::query_as(
        "SELECT starts_at, (SELECT lifted_at FROM booking_suspension_lifts WHERE account_id = $1) AS lifted \
         FROM bookings WHERE account_id = $1 AND status = 'no_show'",
    )
    .bind(account_id)
    .fetch_all(db)
    .await?;
    let lifted = rows.first().and_then(|(_, l)| *l);
    Ok((rows.into_iter().map(|(t, _)| t).collect(), lifted))
}

pub async fn lift_suspension(db: &Db, account_id: &str, by: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO booking_suspension_lifts (account_id, lifted_at, lifted_by) VALUES ($1, $2, $3) \
         ON CONFLICT (account_id) DO UPDATE SET lifted_at = $2, lifted_by = $3",
    )
    .bind(account_id)
    .bind(now)
    .bind(by)
    .execute(db)
    .await?;
    Ok(())
}

/// Accounts with at least `min` no-shows since `since` (candidates for the admin's suspension list):
/// (account id, phone, no-show starts).
pub async fn no_show_accounts(db: &Db, since: i64, min: i64) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT b.account_id, COALESCE(a.phone, '') AS phone FROM bookings b JOIN accounts a ON a.id = b.account_id \
         WHERE b.status = 'no_show' AND b.starts_at >= $1 GROUP BY b.account_id, a.phone HAVING COUNT(*) >= $2",
    )
    .bind(since)
    .bind(min)
    .fetch_all(db)
    .await?;
    Ok(rows.iter().map(|r| (r.get("account_id"), r.get("phone"))).collect())
}

/// Active bookings whose slot ended before `before` (no check-in within the grace period).
pub async fn overdue(db: &Db, before: i64) -> Result<Vec<BookingRow>, sqlx::Error> {
    let rows = sqlx::query(&format!("{SELECT} WHERE b.status = 'active' AND b.ends_at < $1"))
        .bind(before)
        .fetch_all(db)
        .await?;
    Ok(rows.iter().map(row).collect())
}

/// Active bookings starting in `(from, to]` with a reminder still to send.
pub async fn unreminded(db: &Db, from: i64, to: i64) -> Result<Vec<(BookingRow, bool, bool)>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE b.status = 'active' AND b.starts_at > $1 AND b.starts_at <= $2 \
         AND (b.reminded_day_before = 0 OR b.reminded_hour_before = 0)"
    ))
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await?;
    Ok(rows
        .iter()
        .map(|r| (row(r), r.get::<i64, _>("reminded_day_before") != 0, r.get::<i64, _>("reminded_hour_before") != 0))
        .collect())
}

/// Claims one reminder of a booking (so it is sent exactly once even with two workers).
pub async fn claim_reminder(db: &Db, code: &str, hour_before: bool) -> Result<bool, sqlx::Error> {
    let column = if hour_before { "reminded_hour_before" } else { "reminded_day_before" };
    let n = sqlx::query(&format!("UPDATE bookings SET {column} = 1 WHERE code = $1 AND {column} = 0"))
        .bind(code)
        .execute(db)
        .await?
        .rows_affected();
    Ok(n == 1)
}

/// The department that handles an item and the item's name, if the point offers it.
pub async fn item_at_point(db: &Db, item_code: &str, point_id: &str) -> Result<Option<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT i.department_code, i.name FROM service_items i JOIN point_items p ON p.item_code = i.code \
         WHERE i.code = $1 AND p.point_id = $2",
    )
    .bind(item_code)
    .bind(point_id)
    .fetch_optional(db)
    .await
}

/// One place on a waiting list, as the citizen sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct WaitRow {
    pub id: String,
    pub item_name: String,
    pub point_name: String,
    pub starts_at: i64,
    pub ends_at: i64,
    /// 1 = next to get a place.
    pub position: i64,
}

/// Joins the waiting list of a (full) slot, at the end. `Ok(false)` if already waiting for it.
pub async fn join_wait(db: &Db, new: &NewBooking, slot_id: &str, now: i64) -> Result<bool, sqlx::Error> {
    // A number of its own even when many join at once (a gap, if the insert below fails, changes no position).
    let seq = super::next_in_sequence(db, &format!("booking_waits:{slot_id}")).await?;
    let r = sqlx::query(
        "INSERT INTO booking_waits (id, account_id, item_code, slot_id, holder_name, holder_phone, seq, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'waiting', $8)",
    )
    .bind(super::new_id())
    .bind(&new.account_id)
    .bind(&new.item_code)
    .bind(slot_id)
    .bind(&new.holder_name)
    .bind(&new.holder_phone)
    .bind(seq)
    .bind(now)
    .execute(db)
    .await;
    match r {
        Ok(_) => Ok(true),
        Err(e) if unique_violation(&e) => Ok(false),
        Err(e) => Err(e),
    }
}

pub async fn waits_for_account(db: &Db, account_id: &str) -> Result<Vec<WaitRow>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT w.id, i.name AS item_name, p.name AS point_name, s.starts_at, s.ends_at, \
         (SELECT COUNT(*) FROM booking_waits o WHERE o.slot_id = w.slot_id AND o.status = 'waiting' AND o.seq <= w.seq) AS position \
         FROM booking_waits w JOIN slots s ON s.id = w.slot_id JOIN service_items i ON i.code = w.item_code \
         JOIN service_points p ON p.id = s.point_id WHERE w.account_id = $1 AND w.status = 'waiting' ORDER BY s.starts_at",
    )
    .bind(account_id)
    .fetch_all(db)
    .await?;
    Ok(rows
        .iter()
        .map(|r| WaitRow {
            id: r.get("id"),
            item_name: r.get("item_name"),
            point_name: r.get("point_name"),
            starts_at: r.get("starts_at"),
            ends_at: r.get("ends_at"),
            position: r.get("position"),
        })
        .collect())
}

pub async fn withdraw_wait(db: &Db, id: &str, account_id: &str) -> Result<bool, sqlx::Error> {
    let n = sqlx::query("UPDATE booking_waits SET status = 'withdrawn' WHERE id = $1 AND account_id = $2 AND status = 'waiting'")
        .bind(id)
        .bind(account_id)
        .execute(db)
        .await?
        .rows_affected();
    Ok(n == 1)
}

/// Someone whose wait for a place could not be met, to be told.
#[derive(Clone, Debug, PartialEq)]
pub struct Lapsed {
    pub account_id: String,
    pub phone: String,
    pub item_name: String,
    pub point_name: String,
    pub starts_at: i64,
    pub ends_at: i64,
    /// Why, in words: "您已达到同时有效预约数上限".
    pub why: &'static str,
}

/// What handing a freed place on did: the new booking's code, if someone got it, and who lapsed on the way.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HandedOn {
    pub booking: Option<String>,
    pub lapsed: Vec<Lapsed>,
}

/// Gives the place the transaction holds in `slot_id` to the first person waiting who can take it; people who
/// cannot (suspended for no-shows, at the per-account limit, already booked for that service that day) lapse
/// on the way. The wait is taken with `WHERE status = 'waiting'`, so two racing hand-overs never give one person
/// two places or one place twice. Returns whether someone got the place.
async fn give_to_first_waiting(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    slot_id: &str,
    max_active: i64,
    code: &str,
    now: i64,
    out: &mut HandedOn,
) -> Result<bool, sqlx::Error> {
    loop {
        let first = sqlx::query(
            "SELECT w.id, w.account_id, w.item_code, w.holder_name, w.holder_phone, s.point_id, s.department_code, s.day, \
             s.starts_at, s.ends_at, i.name AS item_name, p.name AS point_name \
             FROM booking_waits w JOIN slots s ON s.id = w.slot_id JOIN service_items i ON i.code = w.item_code \
             JOIN service_points p ON p.id = s.point_id \
             WHERE w.slot_id = $1 AND w.status = 'waiting' AND s.closed = 0 ORDER BY w.seq LIMIT 1",
        )
        .bind(slot_id)
        .fetch_optional(&mut **tx)
        .await?;
        let Some(w) = first else { return Ok(false) };
        let wait_id: String = w.get("id");
        let account: String = w.get("account_id");
        let taken = sqlx::query("UPDATE booking_waits SET status = 'assigned', booking_code = $1 WHERE id = $2 AND status = 'waiting'")
            .bind(code)
            .bind(&wait_id)
            .execute(&mut **tx)
            .await?
            .rows_affected();
        if taken == 0 {
            // Another hand-over took this person first (PostgreSQL, read committed): the next one.
            continue;
        }
        let (item, day, phone): (String, String, String) = (w.get("item_code"), w.get("day"), w.get("holder_phone"));
        let (times, lifted) = no_show_record(&mut **tx, &account).await?;
        let rule = no_show_rule(&mut **tx).await?;
        let suspended = crate::domain::booking::suspended_until(&times, lifted, now, &rule).is_some();
        let same_day: Option<String> = sqlx::query_scalar(
            "SELECT code FROM bookings WHERE account_id = $1 AND holder_phone = $2 AND item_code = $3 AND day = $4 \
             AND status = 'active'",
        )
        .bind(&account)
        .bind(&phone)
        .bind(&item)
        .bind(&day)
        .fetch_optional(&mut **tx)
        .await?;
        let why = if suspended {
            Some("您因多次预约未到已被暂停预约")
        } else if same_day.is_some() {
            Some("您当天已预约同一事项")
        } else {
            sqlx::query("INSERT INTO booking_quota (account_id, active) VALUES ($1, 0) ON CONFLICT (account_id) DO NOTHING")
                .bind(&account)
                .execute(&mut **tx)
                .await?;
            let quota = sqlx::query("UPDATE booking_quota SET active = active + 1 WHERE account_id = $1 AND active < $2")
                .bind(&account)
                .bind(max_active)
                .execute(&mut **tx)
                .await?
                .rows_affected();
            (quota == 0).then_some("您已达到同时有效预约数上限")
        };
        if let Some(why) = why {
            sqlx::query("UPDATE booking_waits SET status = 'lapsed', booking_code = NULL WHERE id = $1").bind(&wait_id).execute(&mut **tx).await?;
            out.lapsed.push(Lapsed {
                account_id: account,
                phone,
                item_name: w.get("item_name"),
                point_name: w.get("point_name"),
                starts_at: w.get("starts_at"),
                ends_at: w.get("ends_at"),
                why,
            });
            continue;
        }
        sqlx::query(
            "INSERT INTO bookings (code, account_id, item_code, point_id, department_code, slot_id, day, starts_at, \
             ends_at, status, holder_name, holder_phone, for_family, created_at, changed_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'active', $10, $11, 0, $12, $12)",
        )
        .bind(code)
        .bind(&account)
        .bind(&item)
        .bind(w.get::<String, _>("point_id"))
        .bind(w.get::<String, _>("department_code"))
        .bind(slot_id)
        .bind(&day)
        .bind(w.get::<i64, _>("starts_at"))
        .bind(w.get::<i64, _>("ends_at"))
        .bind(w.get::<String, _>("holder_name"))
        .bind(&phone)
        .bind(now)
        .execute(&mut **tx)
        .await?;
        out.booking = Some(code.to_string());
        return Ok(true);
    }
}

/// A free place in `slot_id` (e.g. one that freed before someone joined the waiting list): claims it and gives
/// it to the first person waiting who can take it, in one transaction.
pub async fn promote(db: &Db, slot_id: &str, max_active: i64, code: &str, now: i64) -> Result<HandedOn, sqlx::Error> {
    let _writer = super::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    let mut out = HandedOn::default();
    if !claim_place(&mut tx, slot_id).await? {
        tx.rollback().await?;
        return Ok(out);
    }
    if !give_to_first_waiting(&mut tx, slot_id, max_active, code, now, &mut out).await? {
        // Nobody could take it: the place stays free (the lapses stand).
        sqlx::query("UPDATE slots SET booked = booked - 1 WHERE id = $1 AND booked > 0").bind(slot_id).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(out)
}

/// Cancels an active booking (or moves it out of 'active' as `to`) and hands its place straight to the first
/// person waiting, in one transaction: a direct booker cannot take the place in between. Nobody waiting (or
/// nobody who can take it): the place goes back to the slot. `None` if the booking was no longer active.
pub async fn release(db: &Db, b: &BookingRow, to: &str, max_active: i64, code: &str, now: i64) -> Result<Option<HandedOn>, sqlx::Error> {
    let _writer = super::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    if !leave_active(&mut tx, b, to, now).await? {
        tx.rollback().await?;
        return Ok(None);
    }
    let mut out = HandedOn::default();
    if !give_to_first_waiting(&mut tx, &b.slot_id, max_active, code, now, &mut out).await? {
        sqlx::query("UPDATE slots SET booked = booked - 1 WHERE id = $1 AND booked > 0").bind(&b.slot_id).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(Some(out))
}

/// Waits that can no longer be met — their slot has started or was closed — lapse, each exactly once; returns
/// the people to tell.
pub async fn expire_waits(db: &Db, now: i64) -> Result<Vec<Lapsed>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT w.id, w.account_id, w.holder_phone, i.name AS item_name, p.name AS point_name, s.starts_at, s.ends_at, s.closed \
         FROM booking_waits w JOIN slots s ON s.id = w.slot_id JOIN service_items i ON i.code = w.item_code \
         JOIN service_points p ON p.id = s.point_id WHERE w.status = 'waiting' AND (s.starts_at <= $1 OR s.closed = 1)",
    )
    .bind(now)
    .fetch_all(db)
    .await?;
    let mut out = Vec::new();
    for r in rows {
        let n = sqlx::query("UPDATE booking_waits SET status = 'lapsed' WHERE id = $1 AND status = 'waiting'")
            .bind(r.get::<String, _>("id"))
            .execute(db)
            .await?
            .rows_affected();
        if n == 1 {
            out.push(Lapsed {
                account_id: r.get("account_id"),
                phone: r.get("holder_phone"),
                item_name: r.get("item_name"),
                point_name: r.get("point_name"),
                starts_at: r.get("starts_at"),
                ends_at: r.get("ends_at"),
                why: if r.get::<i64, _>("closed") != 0 { "该时段网点暂停服务" } else { "该时段已开始，没有空出的名额" },
            });
        }
    }
    Ok(out)
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
