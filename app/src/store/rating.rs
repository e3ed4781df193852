//! 好差评's queries (issue 19): what a rating is of (a served ticket), keeping a rating once per service within the
//! limits per phone and device (one transaction, the limits' keys locked first), and a window's ratings.

use super::Db;
use crate::domain::rating::{Flag, Level, Limits, Source};
use sqlx::Row;

/// A rating as kept.
#[derive(Clone, Debug, PartialEq)]
pub struct RatingRow {
    pub id: String,
    /// `ticket:{code}` or `case:{number}`; `None` for a window rating without a ticket.
    pub subject: Option<String>,
    pub source: Source,
    pub window_id: Option<String>,
    pub point_id: String,
    pub department: String,
    pub staff_id: Option<String>,
    pub level: Level,
    pub indicators: Vec<String>,
    pub comment: String,
    pub account_id: Option<String>,
    pub phone: Option<String>,
    pub device: String,
    /// The address the rating came from (its per-address limit key); not shown to anyone.
    pub address: Option<String>,
    pub day: String,
    pub at: i64,
    pub flags: Vec<Flag>,
}

fn row(r: &sqlx::any::AnyRow) -> RatingRow {
    RatingRow {
        id: r.get("id"),
        subject: r.get("subject"),
        // Written only from the domain's codes.
        source: Source::parse(&r.get::<String, _>("source")).unwrap_or(Source::Placard),
        window_id: r.get("window_id"),
        point_id: r.get("point_id"),
        department: r.get("department"),
        staff_id: r.get("staff_id"),
        level: Level::parse(&r.get::<String, _>("level")).unwrap_or(Level::Basic),
        indicators: serde_json::from_str(&r.get::<String, _>("indicators")).unwrap_or_default(),
        comment: r.get("comment"),
        account_id: r.get("account_id"),
        phone: r.get("phone"),
        device: r.get("device"),
        address: r.get("address"),
        day: r.get("day"),
        at: r.get("at"),
        flags: serde_json::from_str::<Vec<String>>(&r.get::<String, _>("flags")).unwrap_or_default().iter().filter_map(|f| Flag::parse(f)).collect(),
    }
}

/// A served ticket, for its rating: (window, point, department, the clerk who served it).
pub async fn served_ticket(db: &Db, code: &str) -> Result<Option<(String, String, String, Option<String>)>, sqlx::Error> {
    let r = sqlx::query("SELECT window_id, point_id, department_code, served_by FROM queue_tickets WHERE code = $1 AND state = 'served' AND window_id IS NOT NULL")
        .bind(code)
        .fetch_optional(db)
        .await?;
    Ok(r.map(|r| (r.get("window_id"), r.get("point_id"), r.get("department_code"), r.get("served_by"))))
}

/// The rating of a ticket or case (`subject`), if it has one.
pub async fn of_subject(db: &Db, subject: &str) -> Result<Option<RatingRow>, sqlx::Error> {
    Ok(sqlx::query("SELECT * FROM ratings WHERE subject = $1").bind(subject).fetch_optional(db).await?.as_ref().map(row))
}

pub async fn by_id(db: &Db, id: &str) -> Result<Option<RatingRow>, sqlx::Error> {
    Ok(sqlx::query("SELECT * FROM ratings WHERE id = $1").bind(id).fetch_optional(db).await?.as_ref().map(row))
}

/// What keeping a rating came to.
#[derive(Clone, Debug, PartialEq)]
pub enum Kept {
    /// Kept, with its flags.
    New(RatingRow),
    /// The ticket or case was rated already: that rating.
    Earlier(RatingRow),
    /// Over a limit: by this phone, or from this device or address, for this window today.
    OverPhone,
    OverDevice,
}

/// Keeps `r` as one atomic step. A rating of a window (placard or screen: no ticket or case) is held to `limits`:
/// the window's one gate row is locked, and today's ratings of the window by the same device, phone and address are
/// counted, in the transaction that writes the row — concurrent tries are decided one after another. A ticket or
/// case is rated once (the unique subject decides a race) and needs no other limit.
pub async fn keep(db: &Db, mut r: RatingRow, limits: Limits) -> Result<Kept, sqlx::Error> {
    if let Some(s) = &r.subject {
        if let Some(earlier) = of_subject(db, s).await? {
            return Ok(Kept::Earlier(earlier));
        }
    }
    let _writer = super::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    let mut by_phone = None;
    if let (None, Some(window)) = (&r.subject, &r.window_id) {
        // One gate per window: a bounded number of rows, and every count below taken under it.
        super::accounts::gate(&mut tx, &format!("rate-window:{window}")).await?;
        if today_by(&mut tx, "device", window, &r.day, &r.device).await? >= limits.per_device_window_day {
            tx.rollback().await?;
            return Ok(Kept::OverDevice);
        }
        if let Some(address) = &r.address {
            if today_by(&mut tx, "address", window, &r.day, address).await? >= limits.per_address_window_day {
                tx.rollback().await?;
                return Ok(Kept::OverDevice);
            }
        }
        if let Some(phone) = &r.phone {
            let n = today_by(&mut tx, "phone", window, &r.day, phone).await?;
            if n >= limits.per_phone_window_day {
                tx.rollback().await?;
                return Ok(Kept::OverPhone);
            }
            by_phone = Some(n);
        }
    }
    let served: i64 = match (&r.subject, &r.window_id) {
        (None, Some(w)) => sqlx::query_scalar("SELECT COUNT(*) FROM queue_tickets WHERE window_id = $1 AND state = 'served' AND served_at > $2 AND served_at <= $3")
            .bind(w)
            .bind(r.at - 3600)
            .bind(r.at)
            .fetch_one(&mut *tx)
            .await?,
        _ => 1,
    };
    r.flags = crate::domain::rating::flags(limits, r.source, by_phone, served);
    let flags: Vec<&str> = r.flags.iter().map(|f| f.code()).collect();
    let n = sqlx::query(
        "INSERT INTO ratings (id, subject, source, window_id, point_id, department, staff_id, level, indicators, comment, account_id, phone, device, day, at, flags, address) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) ON CONFLICT (subject) DO NOTHING",
    )
    .bind(&r.id)
    .bind(&r.subject)
    .bind(r.source.code())
    .bind(&r.window_id)
    .bind(&r.point_id)
    .bind(&r.department)
    .bind(&r.staff_id)
    .bind(r.level.code())
    .bind(serde_json::to_string(&r.indicators).unwrap_or_else(|_| "[]".into()))
    .bind(&r.comment)
    .bind(&r.account_id)
    .bind(&r.phone)
    .bind(&r.device)
    .bind(&r.day)
    .bind(r.at)
    .bind(serde_json::to_string(&flags).unwrap_or_else(|_| "[]".into()))
    .bind(&r.address)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if n == 0 {
        tx.rollback().await?;
        let earlier = of_subject(db, r.subject.as_deref().unwrap_or_default()).await?;
        return Ok(earlier.map(Kept::Earlier).unwrap_or(Kept::OverDevice));
    }
    tx.commit().await?;
    Ok(Kept::New(r))
}

/// Today's ratings of `window` (not of a ticket or case) with `column` (device, address, phone) equal to `value`.
async fn today_by(tx: &mut sqlx::AnyConnection, column: &'static str, window: &str, day: &str, value: &str) -> Result<i64, sqlx::Error> {
    let sql = format!("SELECT COUNT(*) FROM ratings WHERE window_id = $1 AND day = $2 AND subject IS NULL AND {column} = $3");
    sqlx::query_scalar(&sql).bind(window).bind(day).bind(value).fetch_one(&mut *tx).await
}

/// A window's ratings from `from_day` on (YYYY-MM-DD), newest first.
pub async fn of_window(db: &Db, window_id: &str, from_day: &str) -> Result<Vec<RatingRow>, sqlx::Error> {
    let rows = sqlx::query("SELECT * FROM ratings WHERE window_id = $1 AND day >= $2 ORDER BY at DESC, id").bind(window_id).bind(from_day).fetch_all(db).await?;
    Ok(rows.iter().map(row).collect())
}

/// A department's ratings from `from_day` on (at its windows, of its tickets, of its completed cases), newest first.
pub async fn of_department(db: &Db, department: &str, from_day: &str) -> Result<Vec<RatingRow>, sqlx::Error> {
    let rows = sqlx::query("SELECT * FROM ratings WHERE department = $1 AND day >= $2 ORDER BY at DESC, id").bind(department).bind(from_day).fetch_all(db).await?;
    Ok(rows.iter().map(row).collect())
}

/// Every flagged rating from `from_day` on, by window then newest first: what the administrator checks.
pub async fn flagged(db: &Db, from_day: &str) -> Result<Vec<RatingRow>, sqlx::Error> {
    let rows = sqlx::query("SELECT * FROM ratings WHERE flags <> '[]' AND day >= $1 ORDER BY window_id, at DESC, id").bind(from_day).fetch_all(db).await?;
    Ok(rows.iter().map(row).collect())
}

/// Records that a completed case's applicant was invited to rate it (in the completing step's transaction).
pub async fn mark_invited(conn: &mut sqlx::AnyConnection, number: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE cases SET rate_invited_at = $1 WHERE number = $2 AND rate_invited_at IS NULL").bind(now).bind(number).execute(&mut *conn).await?;
    Ok(())
}

/// Cases invited to be rated at or before `invited_by`, not reminded yet and still unrated: (number, item's name,
/// applicant's account), oldest first, at most `limit`.
pub async fn due_reminders(db: &Db, invited_by: i64, limit: i64) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT c.number, i.name AS item_name, c.account_id FROM cases c JOIN service_items i ON i.code = c.item_code \
         WHERE c.rate_invited_at IS NOT NULL AND c.rate_invited_at <= $1 AND c.rate_reminded_at IS NULL \
         AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.subject = 'case:' || c.number) \
         ORDER BY c.rate_invited_at, c.number LIMIT $2",
    )
    .bind(invited_by)
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows.iter().map(|r| (r.get("number"), r.get("item_name"), r.get("account_id"))).collect())
}

/// Claims a case's one rating reminder: `true` for the one caller that may send it.
pub async fn claim_reminder(conn: &mut sqlx::AnyConnection, number: &str, now: i64) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("UPDATE cases SET rate_reminded_at = $1 WHERE number = $2 AND rate_reminded_at IS NULL")
        .bind(now)
        .bind(number)
        .execute(&mut *conn)
        .await?
        .rows_affected()
        == 1)
}
