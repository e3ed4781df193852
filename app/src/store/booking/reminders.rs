//! Reminders due and claimed once each.

use super::*;

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
