//! No-shows and suspensions: who missed bookings, who is suspended, suspensions lifted.

use super::*;

/// The no-show settings, read in the caller's transaction (the rest of the rules at their defaults).
pub(super) async fn no_show_rule<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(e: E) -> Result<Rules, sqlx::Error> {
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
