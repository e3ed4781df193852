//! The waiting list (候补): joining, leaving, and handing a freed place to the first person waiting.

use crate::domain::sms::Lapse;
use super::*;

/// One place on a waiting list, as the citizen sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct WaitRow {
    pub id: String,
    pub slot_id: String,
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
    let seq = crate::store::next_in_sequence(db, &format!("booking_waits:{slot_id}")).await?;
    let r = sqlx::query(
        "INSERT INTO booking_waits (id, account_id, item_code, slot_id, holder_name, holder_phone, seq, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'waiting', $8)",
    )
    .bind(crate::store::new_id())
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
        "SELECT w.id, w.slot_id, i.name AS item_name, p.name AS point_name, s.starts_at, s.ends_at, \
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
            slot_id: r.get("slot_id"),
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
    pub why: crate::domain::sms::Lapse,
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
pub(super) async fn give_to_first_waiting(
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
            Some(Lapse::Suspended)
        } else if same_day.is_some() {
            Some(Lapse::SameServiceSameDay)
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
            (quota == 0).then_some(Lapse::TooMany)
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
    let _writer = crate::store::sqlite_writer(db).await;
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
pub async fn release(db: &Db, b: &BookingRow, to: crate::domain::booking::BookingStatus, max_active: i64, code: &str, now: i64) -> Result<Option<HandedOn>, sqlx::Error> {
    let _writer = crate::store::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    if !leave_active(&mut tx, b, to, now).await? {
        tx.rollback().await?;
        return Ok(None);
    }
    let mut out = HandedOn::default();
    if !give_to_first_waiting(&mut tx, b.slot_id.as_str(), max_active, code, now, &mut out).await? {
        sqlx::query("UPDATE slots SET booked = booked - 1 WHERE id = $1 AND booked > 0").bind(b.slot_id.as_str()).execute(&mut *tx).await?;
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
                why: if r.get::<i64, _>("closed") != 0 { Lapse::Closed } else { Lapse::Started },
            });
        }
    }
    Ok(out)
}
