//! (ssr only) The hall's queue: tickets, each day's numbering, windows' sign-on state, calls and registered
//! window screens. Every change that hands out or moves a ticket is one conditional UPDATE, so two windows never
//! get the same ticket, on SQLite and PostgreSQL alike.

mod calls;
mod counters;
mod screens;
mod tickets;

pub use calls::*;
pub use counters::*;
pub use screens::*;
pub use tickets::*;
use calls::second_call;

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
