use super::Db;
use crate::domain::calendar::{HolidayEntry, WorkCalendar};
use chrono::NaiveDate;
use sqlx::Row;

/// The working calendar as administrators keep it.
pub async fn load(db: &Db) -> Result<WorkCalendar, sqlx::Error> {
    super::reference(db, CALENDAR, || load_now(db)).await
}

/// The name the calendar is cached under ([`super::reference`]); forget it after writing the calendar.
pub const CALENDAR: &str = "calendar";

async fn load_now(db: &Db) -> Result<WorkCalendar, sqlx::Error> {
    let rows = sqlx::query("SELECT day, kind, name FROM calendar_days").fetch_all(db).await?;
    let mut holidays = Vec::new();
    let mut workdays = Vec::new();
    for r in rows {
        let day: String = r.get("day");
        let Ok(date) = NaiveDate::parse_from_str(&day, "%Y-%m-%d") else { continue };
        let entry = HolidayEntry { date, name: r.get("name") };
        if r.get::<String, _>("kind") == "holiday" {
            holidays.push(entry);
        } else {
            workdays.push(entry);
        }
    }
    let years: Vec<i64> = sqlx::query_scalar("SELECT year FROM calendar_years").fetch_all(db).await?;
    Ok(WorkCalendar::new(holidays, workdays, years.into_iter().map(|y| y as i32)))
}
