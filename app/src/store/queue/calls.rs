//! A window's day: signing on and off, pausing, calling the next ticket and acting on it.

use super::*;

/// The window's current (called) ticket.
pub async fn current_at(db: &Db, window_id: &str) -> Result<Option<Ticket>, sqlx::Error> {
    let r = sqlx::query(&format!(
        "SELECT {TICKET_COLUMNS} FROM queue_tickets WHERE window_id = $1 AND state = 'called' ORDER BY called_at DESC LIMIT 1"
    ))
    .bind(window_id)
    .fetch_optional(db)
    .await?;
    Ok(r.as_ref().map(ticket))
}

/// Tickets a window skipped today, newest first (they may turn up and be recalled).
pub async fn skipped_at(db: &Db, window_id: &str, day: &str) -> Result<Vec<Ticket>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT {TICKET_COLUMNS} FROM queue_tickets WHERE window_id = $1 AND day = $2 AND state = 'skipped' \
         ORDER BY skipped_at DESC"
    ))
    .bind(window_id)
    .bind(day)
    .fetch_all(db)
    .await?;
    Ok(rows.iter().map(ticket).collect())
}

/// The window a person is signed on to today, if any.
pub async fn my_window(db: &Db, account_id: &str, day: &str) -> Result<Option<String>, sqlx::Error> {
    let r = sqlx::query("SELECT window_id FROM window_sessions WHERE account_id = $1 AND day = $2")
        .bind(account_id)
        .bind(day)
        .fetch_optional(db)
        .await?;
    Ok(r.map(|r| r.get("window_id")))
}

pub async fn window_state(db: &Db, window_id: &str, day: &str) -> Result<WindowState, sqlx::Error> {
    let r = sqlx::query("SELECT account_id, paused FROM window_sessions WHERE window_id = $1 AND day = $2")
        .bind(window_id)
        .bind(day)
        .fetch_optional(db)
        .await?;
    Ok(match r {
        Some(r) => WindowState { signed_on_by: Some(r.get("account_id")), paused: r.get::<i64, _>("paused") != 0 },
        None => WindowState { signed_on_by: None, paused: false },
    })
}

/// Signs `account_id` on to a window for the day, leaving any other window. False when someone else holds it today.
pub async fn sign_on(db: &Db, window_id: &str, account_id: &str, day: &str, now: i64) -> Result<bool, sqlx::Error> {
    // Yesterday's sign-ons have lapsed.
    sqlx::query("DELETE FROM window_sessions WHERE window_id = $1 AND day <> $2").bind(window_id).bind(day).execute(db).await?;
    sqlx::query("DELETE FROM window_sessions WHERE account_id = $1 AND window_id <> $2")
        .bind(account_id)
        .bind(window_id)
        .execute(db)
        .await?;
    sqlx::query(
        "INSERT INTO window_sessions (window_id, account_id, day, signed_on_at, paused) VALUES ($1, $2, $3, $4, 0) \
         ON CONFLICT (window_id) DO NOTHING",
    )
    .bind(window_id)
    .bind(account_id)
    .bind(day)
    .bind(now)
    .execute(db)
    .await?;
    changed();
    Ok(window_state(db, window_id, day).await?.signed_on_by.as_deref() == Some(account_id))
}

pub async fn sign_off(db: &Db, account_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM window_sessions WHERE account_id = $1").bind(account_id).execute(db).await?;
    changed();
    Ok(())
}

pub async fn set_paused(db: &Db, account_id: &str, paused: bool) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE window_sessions SET paused = $1 WHERE account_id = $2")
        .bind(paused as i64)
        .bind(account_id)
        .execute(db)
        .await?;
    changed();
    Ok(())
}

/// The tickets a window may call, in calling order: those transferred to it first, then the waiting tickets of
/// every department it serves, merged by the queue rule.
pub async fn waiting_for(db: &Db, w: &WindowRow, day: &str) -> Result<Vec<Ticket>, sqlx::Error> {
    let mut all = Vec::new();
    for d in &w.departments {
        all.extend(waiting(db, &w.point_id, d, day).await?.into_iter().filter(|t| t.target_window_id.as_deref().is_none_or(|x| x == w.id)));
    }
    all.sort_by_key(|t| (t.target_window_id.is_none(), t.key()));
    Ok(all)
}

/// What 叫号 did.
#[derive(Clone, Debug, PartialEq)]
pub enum Call {
    Called(Ticket),
    /// Nobody is waiting for this window.
    Empty,
    /// The window already has a called ticket (the database allows one per window).
    Busy,
}

impl Call {
    /// The ticket called, if any.
    pub fn ticket(self) -> Option<Ticket> {
        match self {
            Self::Called(t) => Some(t),
            _ => None,
        }
    }
}

/// Whether an error is a unique index refusing a row: a second called ticket at one window, a window id taken.
pub(super) fn second_call(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

/// Calls the next ticket for a window: tickets transferred to it first, then across the queues of every
/// department it serves by the queue rule. One conditional UPDATE claims it, so two windows never get the same
/// ticket; the unique index `queue_tickets_one_called` refuses a second called ticket at one window, so two taps
/// on 叫号 call one ticket.
pub async fn call_next(db: &Db, w: &WindowRow, day: &str, now: i64) -> Result<Call, sqlx::Error> {
    for _ in 0..20 {
        let claimed = sqlx::query(&format!(
            "UPDATE queue_tickets SET state = 'called', window_id = $1, called_at = $2, calls = calls + 1, \
             target_window_id = NULL \
             WHERE state = 'waiting' AND id = (SELECT id FROM queue_tickets \
                 WHERE point_id = $3 AND day = $4 AND state = 'waiting' \
                 AND department_code IN (SELECT department_code FROM window_departments WHERE window_id = $1) \
                 AND (target_window_id IS NULL OR target_window_id = $1) \
                 ORDER BY CASE WHEN target_window_id = $1 THEN 0 ELSE 1 END, {QUEUE_ORDER} LIMIT 1) \
             RETURNING id"
        ))
        .bind(&w.id)
        .bind(now)
        .bind(&w.point_id)
        .bind(day)
        .fetch_optional(db)
        .await;
        match claimed {
            Err(e) if second_call(&e) => return Ok(Call::Busy),
            Err(e) => return Err(e),
            Ok(Some(r)) => {
                let id: String = r.get("id");
                changed();
                return Ok(by_id(db, &id).await?.map(Call::Called).unwrap_or(Call::Empty));
            }
            Ok(None) => {
                // Nothing was claimed: either nobody waits, or another window took the ticket in between.
                if waiting_for(db, w, day).await?.is_empty() {
                    return Ok(Call::Empty);
                }
            }
        }
    }
    Ok(Call::Empty)
}

/// Where a transfer sends a ticket.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// Another service group's queue at the same point.
    Queue(String),
    /// One window: only it calls the ticket, before its queue.
    Window(WindowRow),
}

/// What an action on a ticket did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Acted {
    Done,
    /// The ticket was no longer in the state the action needs (another tab or window acted first).
    Stale,
    /// 重呼 while the window has another called ticket: the database allows one per window.
    Busy,
}

/// Recall, skip, serve or transfer a ticket, if it is in a state that allows it (checked again in the UPDATE).
/// Serving a checked-in booking's ticket marks the booking served, a late no-show's included: the person came.
pub async fn act(
    db: &Db,
    t: &Ticket,
    window_id: &str,
    action: TicketAction,
    now: i64,
    account_id: &str,
    target: Option<&Target>,
) -> Result<Acted, sqlx::Error> {
    if rules::next_state(t.state, action).is_err() {
        return Ok(Acted::Stale);
    }
    let from = t.state.code();
    let q = match action {
        TicketAction::Call => return Ok(Acted::Stale),
        TicketAction::Recall => sqlx::query(
            "UPDATE queue_tickets SET state = 'called', window_id = $3, called_at = $4, calls = calls + 1, skipped_at = NULL \
             WHERE id = $1 AND state = $2",
        )
        .bind(&t.id)
        .bind(from)
        .bind(window_id)
        .bind(now),
        TicketAction::Skip => sqlx::query("UPDATE queue_tickets SET state = 'skipped', skipped_at = $3 WHERE id = $1 AND state = $2")
            .bind(&t.id)
            .bind(from)
            .bind(now),
        TicketAction::Serve => sqlx::query(
            "UPDATE queue_tickets SET state = 'served', served_at = $3, served_by = $4 WHERE id = $1 AND state = $2",
        )
        .bind(&t.id)
        .bind(from)
        .bind(now)
        .bind(account_id),
        TicketAction::Transfer => {
            let (dept, to_window) = match target {
                Some(Target::Queue(d)) => (d.clone(), None),
                // A window takes the ticket in its own department when it serves it, else in its first one.
                Some(Target::Window(w)) => {
                    let dept = if w.serves(&t.department_code) { t.department_code.clone() } else { w.departments.first().cloned().unwrap_or_default() };
                    (dept, Some(w.id.clone()))
                }
                None => return Ok(Acted::Stale),
            };
            sqlx::query(
                "UPDATE queue_tickets SET state = 'waiting', department_code = $3, target_window_id = $4, window_id = NULL \
                 WHERE id = $1 AND state = $2",
            )
            .bind(&t.id)
            .bind(from)
            .bind(dept)
            .bind(to_window)
        }
    };
    let changed_rows = match q.execute(db).await {
        Ok(r) => r.rows_affected() == 1,
        Err(e) if second_call(&e) => return Ok(Acted::Busy),
        Err(e) => return Err(e),
    };
    if !changed_rows {
        return Ok(Acted::Stale);
    }
    if let (TicketAction::Serve, Some(code)) = (action, &t.booking_code) {
        crate::store::booking::mark_served(db, code, now).await?;
    }
    changed();
    Ok(Acted::Done)
}
