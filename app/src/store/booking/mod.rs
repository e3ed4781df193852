//! Bookings, slots and their capacity, the booking rules, suspensions lifted, in-app notices.
//!
//! Capacity and the per-account limit are claimed with one conditional `UPDATE … WHERE booked < capacity`
//! (and `active < max`) inside the transaction that inserts the booking, never read-then-write: under SQLite's WAL
//! a read-then-write transaction that loses a race fails with SQLITE_BUSY, and under PostgreSQL it would overbook.
//! Every transaction here writes first, so SQLite's busy timeout queues them instead of failing them.

mod book;
mod changes;
mod no_shows;
mod reminders;
mod settings;
mod slots;
mod waits;

pub use book::*;
pub use changes::*;
pub use no_shows::*;
pub use reminders::*;
pub use settings::*;
pub use slots::*;
pub use waits::*;
use changes::leave_active;
use no_shows::no_show_rule;
use slots::{claim_new_or_stored, claim_place, unique_violation};
use waits::give_to_first_waiting;

use super::Db;
use crate::domain::booking::{Refusal, Rules};
use sqlx::any::AnyRow;
use sqlx::Row;

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
    pub slot_id: crate::domain::booking::SlotId,
    pub day: String,
    pub starts_at: i64,
    pub ends_at: i64,
    pub status: crate::domain::booking::BookingStatus,
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
    let (point_id, department, starts_at): (String, String, i64) = (r.get("point_id"), r.get("department_code"), r.get("starts_at"));
    // Written only from a `SlotId`, which is made of these three columns.
    let slot_id = r.get::<String, _>("slot_id").parse().unwrap_or_else(|_| crate::domain::booking::SlotId::new(&point_id, &department, starts_at));
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
        slot_id,
        day: r.get("day"),
        starts_at: r.get("starts_at"),
        ends_at: r.get("ends_at"),
        // Written only as a `BookingStatus` code; anything else reads as cancelled, which nothing can act on.
        status: crate::domain::booking::BookingStatus::parse(&r.get::<String, _>("status")).unwrap_or(crate::domain::booking::BookingStatus::Cancelled),
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
