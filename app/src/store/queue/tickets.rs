//! Tickets: issuing one at check-in, finding one, the queue in front of it, the "three ahead" SMS.

use super::*;

/// A new ticket: a walk-in (`booking` None) or a checked-in booking.
pub struct NewTicket<'a> {
    pub point_id: &'a str,
    pub department_code: &'a str,
    pub day: &'a str,
    pub priority: Priority,
    pub checked_in_at: i64,
    pub booking_code: Option<&'a str>,
    /// The booked slot's start, for the calling order.
    pub slot_starts_at: Option<i64>,
    pub phone: Option<&'a str>,
}

/// Issues the next number of the day in the queue. A booking checks in once: a second check-in returns its ticket.
pub async fn issue(db: &Db, t: NewTicket<'_>) -> Result<Ticket, sqlx::Error> {
    if let Some(b) = t.booking_code {
        if let Some(existing) = by_booking(db, b).await? {
            return Ok(existing);
        }
    }
    let letter = groups(db, t.point_id)
        .await?
        .into_iter()
        .find(|g| g.department_code == t.department_code)
        .map(|g| g.letter)
        .unwrap_or_else(|| "Z".into());
    // One atomic statement advances the day's counter and returns the new value.
    let seq: i64 = sqlx::query(
        "INSERT INTO queue_counters (point_id, department_code, day, last_seq) VALUES ($1, $2, $3, 1) \
         ON CONFLICT (point_id, department_code, day) DO UPDATE SET last_seq = queue_counters.last_seq + 1 \
         RETURNING last_seq",
    )
    .bind(t.point_id)
    .bind(t.department_code)
    .bind(t.day)
    .fetch_one(db)
    .await?
    .get("last_seq");
    let id = crate::store::new_id();
    let code = ticket_code();
    let inserted = sqlx::query(
        "INSERT INTO queue_tickets (id, code, point_id, department_code, day, number, seq, priority, booking_code, phone, \
         state, checked_in_at, slot_starts_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'waiting', $11, $12)",
    )
    .bind(&id)
    .bind(&code)
    .bind(t.point_id)
    .bind(t.department_code)
    .bind(t.day)
    .bind(rules::ticket_number(&letter, seq))
    .bind(seq)
    .bind(t.priority.rank())
    .bind(t.booking_code)
    .bind(t.phone)
    .bind(t.checked_in_at)
    .bind(t.slot_starts_at)
    .execute(db)
    .await;
    match (inserted, t.booking_code) {
        // Two check-ins of one booking raced: the other one's ticket stands.
        (Err(_), Some(b)) if by_booking(db, b).await?.is_some() => return Ok(by_booking(db, b).await?.expect("checked")),
        (r, _) => {
            r?;
        }
    }
    let issued = by_id(db, &id).await?.ok_or(sqlx::Error::RowNotFound)?;
    // Someone who already has three or fewer ahead is standing in the hall: no SMS for them.
    if rules::ahead_sms_due(ahead(db, &issued).await?, false) {
        sqlx::query("UPDATE queue_tickets SET ahead_sms_at = $1 WHERE id = $2").bind(t.checked_in_at).bind(&id).execute(db).await?;
    }
    changed();
    Ok(issued)
}

/// A ticket's public code: 12 characters from an alphabet without look-alikes (~60 bits), unguessable.
pub(super) fn ticket_code() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
    let mut rng = rand::rngs::OsRng;
    (0..12).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect()
}

pub(super) async fn one(db: &Db, column: &str, value: &str) -> Result<Option<Ticket>, sqlx::Error> {
    let r = sqlx::query(&format!("SELECT {TICKET_COLUMNS} FROM queue_tickets WHERE {column} = $1"))
        .bind(value)
        .fetch_optional(db)
        .await?;
    Ok(r.as_ref().map(ticket))
}

pub async fn by_id(db: &Db, id: &str) -> Result<Option<Ticket>, sqlx::Error> {
    one(db, "id", id).await
}

pub async fn by_code(db: &Db, code: &str) -> Result<Option<Ticket>, sqlx::Error> {
    one(db, "code", code).await
}

pub async fn by_booking(db: &Db, booking_code: &str) -> Result<Option<Ticket>, sqlx::Error> {
    one(db, "booking_code", booking_code).await
}

/// The waiting tickets of a queue (a service group on a day), in calling order for windows without transfers.
pub async fn waiting(db: &Db, point_id: &str, department_code: &str, day: &str) -> Result<Vec<Ticket>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT {TICKET_COLUMNS} FROM queue_tickets WHERE point_id = $1 AND department_code = $2 AND day = $3 \
         AND state = 'waiting'"
    ))
    .bind(point_id)
    .bind(department_code)
    .bind(day)
    .fetch_all(db)
    .await?;
    let mut all: Vec<Ticket> = rows.iter().map(ticket).collect();
    all.sort_by_key(|t| t.key());
    Ok(all)
}

/// How many people are ahead of a waiting ticket: those waiting in the same lane (the queue, or the one window
/// it was transferred to) who go first.
pub async fn ahead(db: &Db, t: &Ticket) -> Result<usize, sqlx::Error> {
    if t.state != TicketState::Waiting {
        return Ok(0);
    }
    let mut all = Vec::new();
    for d in shared_departments(db, &t.point_id, &t.department_code).await? {
        all.extend(waiting(db, &t.point_id, &d, &t.day).await?);
    }
    let lane: Vec<QueueKey> = all.iter().filter(|o| o.target_window_id == t.target_window_id).map(|o| o.key()).collect();
    Ok(rules::ahead_of(&t.key(), &lane))
}

/// The departments whose queues are called together with `department`'s at a point: every department served by a
/// window in service that serves it (a town centre's 综合窗口 calls across all of them), itself included.
pub async fn shared_departments(db: &Db, point_id: &str, department: &str) -> Result<Vec<String>, sqlx::Error> {
    let mut out: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT other.department_code FROM window_departments mine \
         JOIN windows w ON w.id = mine.window_id AND w.point_id = $1 AND w.kind = 'window' AND w.retired_at IS NULL \
         JOIN window_departments other ON other.window_id = w.id WHERE mine.department_code = $2",
    )
    .bind(point_id)
    .bind(department)
    .fetch_all(db)
    .await?;
    if !out.iter().any(|d| d == department) {
        out.push(department.to_string());
    }
    Ok(out)
}

/// Claims a ticket's "three ahead" SMS and queues it, in one transaction: the conditional UPDATE makes it exactly
/// once, even when two windows call at the same moment. Whether this call sent it.
pub async fn claim_ahead_sms(db: &Db, ticket_id: &str, phone: &str, body: &str, now: i64) -> Result<bool, sqlx::Error> {
    let mut tx = db.begin().await?;
    let claimed = sqlx::query("UPDATE queue_tickets SET ahead_sms_at = $1 WHERE id = $2 AND ahead_sms_at IS NULL")
        .bind(now)
        .bind(ticket_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        == 1;
    if claimed {
        crate::store::notifications::enqueue(&mut *tx, phone, "queue", body, now).await?;
    }
    tx.commit().await?;
    Ok(claimed)
}
