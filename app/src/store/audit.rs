//! The audit of staff reads (`staff_reads`): who was shown which person's record, and when. Appended, never edited.

use super::Db;
use sqlx::Row;

/// One read: when, by whom (display name and username), what kind of record, which one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffRead {
    pub at: i64,
    pub display_name: String,
    pub username: String,
    pub what: String,
    pub subject: String,
}

/// Records that `account_id` was shown the record `subject` of kind `what` (`booking`, later `case`).
pub async fn record_read(db: &Db, account_id: &str, what: &str, subject: &str, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO staff_reads (at, account_id, what, subject) VALUES ($1, $2, $3, $4)")
        .bind(at)
        .bind(account_id)
        .bind(what)
        .bind(subject)
        .execute(db)
        .await?;
    Ok(())
}

/// The newest reads, newest first.
pub async fn recent_reads(db: &Db, limit: i64) -> Result<Vec<StaffRead>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT r.at, r.what, r.subject, a.display_name, a.username FROM staff_reads r \
         JOIN accounts a ON a.id = r.account_id ORDER BY r.at DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(db)
    .await?;
    Ok(rows
        .iter()
        .map(|r| StaffRead {
            at: r.get("at"),
            display_name: r.get("display_name"),
            username: r.get::<Option<String>, _>("username").unwrap_or_default(),
            what: r.get("what"),
            subject: r.get("subject"),
        })
        .collect())
}
