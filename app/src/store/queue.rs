//! (ssr only) The hall's queue: tickets, each day's numbering, windows' sign-on state, calls and registered
//! window screens. Every change that hands out or moves a ticket is one conditional UPDATE, so two windows never
//! get the same ticket, on SQLite and PostgreSQL alike.

use super::Db;
use crate::domain::points::{CounterKind, Window};
use crate::domain::queue::{self as rules, Priority, QueueKey, TicketAction, TicketState, WindowState};
use sqlx::any::AnyRow;
use sqlx::Row;
use std::sync::OnceLock;

/// A change in any queue, for the live pages (server-sent events). Carries nothing: listeners re-read what they show.
fn changes() -> &'static tokio::sync::broadcast::Sender<()> {
    static CHANGES: OnceLock<tokio::sync::broadcast::Sender<()>> = OnceLock::new();
    CHANGES.get_or_init(|| tokio::sync::broadcast::channel(64).0)
}

/// Tells the live pages that a queue changed.
pub fn changed() {
    let _ = changes().send(());
}

pub fn subscribe() -> tokio::sync::broadcast::Receiver<()> {
    changes().subscribe()
}

/// A service group at a point: a department with windows there, and its queue letter.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub department_code: String,
    pub name: String,
    pub letter: String,
}

/// A window or check-in desk (the domain's [`Window`]).
pub type WindowRow = Window;

#[derive(Clone, Debug, PartialEq)]
pub struct Ticket {
    pub id: String,
    pub code: String,
    pub point_id: String,
    pub department_code: String,
    pub day: String,
    pub number: String,
    pub seq: i64,
    pub priority: Priority,
    pub booking_code: Option<String>,
    /// The booked slot's start: booked people are called in slot order.
    pub slot_starts_at: Option<i64>,
    pub phone: Option<String>,
    pub state: TicketState,
    pub target_window_id: Option<String>,
    pub window_id: Option<String>,
    pub checked_in_at: i64,
    pub calls: i64,
    pub served_at: Option<i64>,
    pub ahead_sms_at: Option<i64>,
}

impl Ticket {
    pub fn key(&self) -> QueueKey {
        QueueKey::new(self.priority, self.slot_starts_at, self.checked_in_at, self.seq)
    }
}

const TICKET_COLUMNS: &str = "id, code, point_id, department_code, day, number, seq, priority, booking_code, slot_starts_at, \
     phone, state, target_window_id, window_id, checked_in_at, calls, served_at, ahead_sms_at";

/// The calling order of waiting tickets in SQL, as [`QueueKey`] orders them.
const QUEUE_ORDER: &str = "priority, CASE WHEN priority = 0 THEN COALESCE(slot_starts_at, 0) ELSE 0 END, checked_in_at, seq";

fn ticket(r: &AnyRow) -> Ticket {
    Ticket {
        id: r.get("id"),
        code: r.get("code"),
        point_id: r.get("point_id"),
        department_code: r.get("department_code"),
        day: r.get("day"),
        number: r.get("number"),
        seq: r.get("seq"),
        priority: Priority::from_rank(r.get("priority")),
        booking_code: r.get("booking_code"),
        slot_starts_at: r.get("slot_starts_at"),
        phone: r.get("phone"),
        state: TicketState::parse(&r.get::<String, _>("state")).unwrap_or(TicketState::Waiting),
        target_window_id: r.get("target_window_id"),
        window_id: r.get("window_id"),
        checked_in_at: r.get("checked_in_at"),
        calls: r.get("calls"),
        served_at: r.get("served_at"),
        ahead_sms_at: r.get("ahead_sms_at"),
    }
}

const WINDOW_COLUMNS: &str = "id, point_id, kind, number, name, retired_at";

/// Windows and desks matching `filter` (SQL after WHERE, `$1` bound to `arg`), with the departments each serves.
async fn windows_where(db: &Db, filter: &str, arg: &str) -> Result<Vec<Window>, sqlx::Error> {
    let rows = sqlx::query(&format!("SELECT {WINDOW_COLUMNS} FROM windows WHERE {filter} ORDER BY point_id, kind DESC, number, id"))
        .bind(arg)
        .fetch_all(db)
        .await?;
    let served = sqlx::query(&format!(
        "SELECT wd.window_id, wd.department_code FROM window_departments wd JOIN departments d ON d.code = wd.department_code \
         WHERE wd.window_id IN (SELECT id FROM windows WHERE {filter}) ORDER BY d.sort, d.code"
    ))
    .bind(arg)
    .fetch_all(db)
    .await?;
    Ok(rows
        .iter()
        .map(|r| {
            let id: String = r.get("id");
            Window {
                departments: served
                    .iter()
                    .filter(|d| d.get::<String, _>("window_id") == id)
                    .map(|d| d.get("department_code"))
                    .collect(),
                point_id: r.get("point_id"),
                kind: CounterKind::parse(&r.get::<String, _>("kind")).unwrap_or(CounterKind::Window),
                number: r.get("number"),
                name: r.get("name"),
                retired_at: r.get("retired_at"),
                id,
            }
        })
        .collect())
}

/// The points with a check-in desk in service, by id: (id, name). Only these offer booking.
pub async fn points_with_desk(db: &Db) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT DISTINCT p.id, p.name FROM windows w JOIN service_points p ON p.id = w.point_id \
         WHERE w.kind = 'desk' AND w.retired_at IS NULL ORDER BY p.id",
    )
    .fetch_all(db)
    .await?;
    Ok(rows.iter().map(|r| (r.get("id"), r.get("name"))).collect())
}

/// Whether a booking for `department` at `point` can be checked in and served there: the point has a check-in
/// desk and a window serving the department, both in service.
pub async fn can_check_in(db: &Db, point_id: &str, department: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM windows d WHERE d.point_id = $1 AND d.kind = 'desk' AND d.retired_at IS NULL \
         AND EXISTS (SELECT 1 FROM windows w JOIN window_departments wd ON wd.window_id = w.id \
             WHERE w.point_id = $1 AND w.kind = 'window' AND w.retired_at IS NULL AND wd.department_code = $2)",
    )
    .bind(point_id)
    .bind(department)
    .fetch_one(db)
    .await?;
    Ok(n > 0)
}

pub async fn point_name(db: &Db, point_id: &str) -> Result<Option<String>, sqlx::Error> {
    let r = sqlx::query("SELECT name FROM service_points WHERE id = $1").bind(point_id).fetch_optional(db).await?;
    Ok(r.map(|r| r.get("name")))
}

/// The service groups of a point — the departments its windows in service serve — each with its queue letter
/// (deterministic: the departments' order).
pub async fn groups(db: &Db, point_id: &str) -> Result<Vec<Group>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT DISTINCT d.code, d.name, d.sort FROM windows w JOIN window_departments wd ON wd.window_id = w.id \
         JOIN departments d ON d.code = wd.department_code \
         WHERE w.point_id = $1 AND w.kind = 'window' AND w.retired_at IS NULL",
    )
    .bind(point_id)
    .fetch_all(db)
    .await?;
    let names: Vec<(String, String, i64)> = rows.iter().map(|r| (r.get("code"), r.get("name"), r.get("sort"))).collect();
    let keys: Vec<(String, i64)> = names.iter().map(|(c, _, s)| (c.clone(), *s)).collect();
    Ok(rules::letters_for(&keys)
        .into_iter()
        .map(|(code, letter)| Group {
            name: names.iter().find(|n| n.0 == code).map(|n| n.1.clone()).unwrap_or_default(),
            department_code: code,
            letter,
        })
        .collect())
}

/// A window or desk by id, retired or not.
pub async fn window(db: &Db, id: &str) -> Result<Option<WindowRow>, sqlx::Error> {
    Ok(windows_where(db, "id = $1", id).await?.into_iter().next())
}

/// The windows (not desks) in service at a point.
pub async fn windows_at(db: &Db, point_id: &str) -> Result<Vec<WindowRow>, sqlx::Error> {
    windows_where(db, "point_id = $1 AND kind = 'window' AND retired_at IS NULL", point_id).await
}

/// Every window and desk of a point, retired ones included, for the administrator.
pub async fn counters_at(db: &Db, point_id: &str) -> Result<Vec<WindowRow>, sqlx::Error> {
    windows_where(db, "point_id = $1", point_id).await
}

/// Every window in service, for the staff console and the admin's screen list.
pub async fn all_windows(db: &Db) -> Result<Vec<WindowRow>, sqlx::Error> {
    windows_where(db, "kind = $1 AND retired_at IS NULL", CounterKind::Window.code()).await
}

/// A window or desk as the administrator saves it.
pub struct CounterInput<'a> {
    /// `None`: a new one (its id is the next of its kind: W32, D05…).
    pub id: Option<&'a str>,
    pub point_id: &'a str,
    pub kind: CounterKind,
    pub number: i64,
    pub name: &'a str,
    pub departments: &'a [String],
}

/// Why a window or desk was not saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CounterRefusal {
    /// Another one in service at the point has this number.
    NumberTaken,
    NotFound,
    /// Another administrator added one at the same moment: save again.
    Conflict,
}

/// Adds or edits a window or desk with the departments it serves, in one transaction. Returns its id.
pub async fn save_counter(db: &Db, c: CounterInput<'_>) -> Result<Result<String, CounterRefusal>, sqlx::Error> {
    let _writer = super::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    let taken: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM windows WHERE point_id = $1 AND kind = $2 AND number = $3 AND retired_at IS NULL AND id <> $4",
    )
    .bind(c.point_id)
    .bind(c.kind.code())
    .bind(c.number)
    .bind(c.id.unwrap_or(""))
    .fetch_one(&mut *tx)
    .await?;
    if taken > 0 {
        return Ok(Err(CounterRefusal::NumberTaken));
    }
    let id = match c.id {
        Some(id) => {
            let n = sqlx::query("UPDATE windows SET number = $1, name = $2 WHERE id = $3 AND point_id = $4 AND kind = $5")
                .bind(c.number)
                .bind(c.name)
                .bind(id)
                .bind(c.point_id)
                .bind(c.kind.code())
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if n == 0 {
                return Ok(Err(CounterRefusal::NotFound));
            }
            id.to_string()
        }
        None => {
            // The next id after every one used; on PostgreSQL a concurrent add may take it first: the insert then
            // fails on the primary key and the whole save is refused (the administrator saves again).
            let used: Vec<String> = sqlx::query_scalar("SELECT id FROM windows").fetch_all(&mut *tx).await?;
            let id = crate::domain::points::next_counter_id(c.kind, &used);
            let inserted = sqlx::query("INSERT INTO windows (id, point_id, kind, number, name, retired_at) VALUES ($1, $2, $3, $4, $5, NULL)")
                .bind(&id)
                .bind(c.point_id)
                .bind(c.kind.code())
                .bind(c.number)
                .bind(c.name)
                .execute(&mut *tx)
                .await;
            match inserted {
                Ok(_) => id,
                Err(e) if second_call(&e) => return Ok(Err(CounterRefusal::Conflict)),
                Err(e) => return Err(e),
            }
        }
    };
    sqlx::query("DELETE FROM window_departments WHERE window_id = $1").bind(&id).execute(&mut *tx).await?;
    if c.kind == CounterKind::Window {
        for d in c.departments {
            sqlx::query("INSERT INTO window_departments (window_id, department_code) VALUES ($1, $2)")
                .bind(&id)
                .bind(d)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    changed();
    Ok(Ok(id))
}

/// Takes a window or desk out of service (its id is never reused), or back into service. Whoever is signed on
/// to a retired window is signed off; its called ticket and the tickets transferred to it wait again (keeping their
/// place) for the other windows. Restoring is refused while another one in service has its number.
pub async fn set_retired(db: &Db, id: &str, retired_at: Option<i64>) -> Result<Result<(), CounterRefusal>, sqlx::Error> {
    let _writer = super::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    if retired_at.is_none() {
        let taken: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM windows o JOIN windows w ON w.id = $1 \
             WHERE o.point_id = w.point_id AND o.kind = w.kind AND o.number = w.number AND o.retired_at IS NULL AND o.id <> w.id",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        if taken > 0 {
            return Ok(Err(CounterRefusal::NumberTaken));
        }
    }
    let n = sqlx::query("UPDATE windows SET retired_at = $1 WHERE id = $2").bind(retired_at).bind(id).execute(&mut *tx).await?.rows_affected();
    if n == 0 {
        return Ok(Err(CounterRefusal::NotFound));
    }
    if retired_at.is_some() {
        sqlx::query("DELETE FROM window_sessions WHERE window_id = $1").bind(id).execute(&mut *tx).await?;
        sqlx::query("UPDATE queue_tickets SET state = 'waiting', window_id = NULL WHERE window_id = $1 AND state = 'called'")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE queue_tickets SET target_window_id = NULL WHERE target_window_id = $1 AND state = 'waiting'")
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    changed();
    Ok(Ok(()))
}

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
    let id = super::new_id();
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
fn ticket_code() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
    let mut rng = rand::rngs::OsRng;
    (0..12).map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char).collect()
}

async fn one(db: &Db, column: &str, value: &str) -> Result<Option<Ticket>, sqlx::Error> {
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
fn second_call(e: &sqlx::Error) -> bool {
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
        super::booking::mark_served(db, code, now).await?;
    }
    changed();
    Ok(Acted::Done)
}

/// Queues the "three ahead" SMS for everyone in a queue who now has three or fewer ahead and has not been told.
/// The conditional UPDATE makes it exactly once, even when two windows call at the same moment.
pub async fn notify_ahead(db: &Db, point_id: &str, department_code: &str, day: &str, now: i64) -> Result<u32, sqlx::Error> {
    let mut all = Vec::new();
    for d in shared_departments(db, point_id, department_code).await? {
        all.extend(waiting(db, point_id, &d, day).await?);
    }
    let point_name = point_name(db, point_id).await?.unwrap_or_default();
    let mut sent = 0;
    for t in all.iter().filter(|t| t.phone.is_some() && t.ahead_sms_at.is_none()) {
        let n = ahead(db, t).await?;
        if !rules::ahead_sms_due(n, false) {
            continue;
        }
        let mut tx = db.begin().await?;
        let claimed = sqlx::query("UPDATE queue_tickets SET ahead_sms_at = $1 WHERE id = $2 AND ahead_sms_at IS NULL")
            .bind(now)
            .bind(&t.id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if claimed == 1 {
            sqlx::query(
                "INSERT INTO notifications (id, phone, body, kind, status, attempts, next_attempt_at, created_at) \
                 VALUES ($1, $2, $3, 'queue', 'pending', 0, $4, $4)",
            )
            .bind(super::new_id())
            .bind(t.phone.as_deref().unwrap_or_default())
            .bind(rules::ahead_sms(&t.number, &point_name, n))
            .bind(now)
            .execute(&mut *tx)
            .await?;
            sent += 1;
        }
        tx.commit().await?;
    }
    Ok(sent)
}

/// Registers a window screen: returns the device token for its cookie.
pub async fn pair_device(db: &Db, window_id: &str, by: &str, now: i64) -> Result<String, sqlx::Error> {
    let token = format!("{}{}", super::new_id(), super::new_id());
    sqlx::query("INSERT INTO screen_devices (token_hash, window_id, paired_by, paired_at) VALUES ($1, $2, $3, $4)")
        .bind(super::sha256_hex(&token))
        .bind(window_id)
        .bind(by)
        .bind(now)
        .execute(db)
        .await?;
    Ok(token)
}

/// One registered window screen device, for the administrator's list.
#[derive(Clone, Debug, PartialEq)]
pub struct ScreenDevice {
    /// SHA-256 of the device's cookie token: names the device without revealing the token.
    pub token_hash: String,
    pub window_id: String,
    pub paired_by: String,
    pub paired_at: i64,
}

/// Every registered screen device, newest first, with the name of whoever registered it.
pub async fn screen_devices(db: &Db) -> Result<Vec<ScreenDevice>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT d.token_hash, d.window_id, COALESCE(a.display_name, d.paired_by) AS paired_by, d.paired_at \
         FROM screen_devices d LEFT JOIN accounts a ON a.id = d.paired_by ORDER BY d.paired_at DESC, d.token_hash",
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .iter()
        .map(|r| ScreenDevice {
            token_hash: r.get("token_hash"),
            window_id: r.get("window_id"),
            paired_by: r.get("paired_by"),
            paired_at: r.get("paired_at"),
        })
        .collect())
}

/// Revokes a registered screen device (lost, stolen or replaced): it shows "此设备未登记" from its next request.
pub async fn unpair_device(db: &Db, token_hash: &str) -> Result<bool, sqlx::Error> {
    let n = sqlx::query("DELETE FROM screen_devices WHERE token_hash = $1").bind(token_hash).execute(db).await?.rows_affected();
    // Open screen streams re-check their device now.
    changed();
    Ok(n == 1)
}

/// The window a device token was registered for.
pub async fn device_window(db: &Db, token: &str) -> Result<Option<String>, sqlx::Error> {
    let r = sqlx::query("SELECT window_id FROM screen_devices WHERE token_hash = $1")
        .bind(super::sha256_hex(token))
        .fetch_optional(db)
        .await?;
    Ok(r.map(|r| r.get("window_id")))
}
