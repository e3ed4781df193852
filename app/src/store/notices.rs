//! In-app notices (消息): what the service told a person, newest first, each linking to what it is about.

use super::Db;
use sqlx::Row;

/// Adds a notice to an account's messages.
pub async fn add<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    db: E,
    account_id: &str,
    body: &str,
    link: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO notices (id, account_id, body, link, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(super::new_id())
        .bind(account_id)
        .bind(body)
        .bind(link)
        .bind(now)
        .execute(db)
        .await?;
    Ok(())
}

/// An account's newest notices: (body, link, created_at).
pub async fn newest(db: &Db, account_id: &str, limit: i64) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    let rows = sqlx::query("SELECT body, link, created_at FROM notices WHERE account_id = $1 ORDER BY created_at DESC, id LIMIT $2")
        .bind(account_id)
        .bind(limit)
        .fetch_all(db)
        .await?;
    Ok(rows.iter().map(|r| (r.get("body"), r.get("link"), r.get("created_at"))).collect())
}

/// One message to a person, written together: the SMS into the notification queue and the same words as a notice
/// in their account, linking to what it is about. In the caller's transaction (a booking's own, or
/// `service::notify`'s), so a message is never half sent.
pub async fn tell(conn: &mut sqlx::AnyConnection, account_id: &str, phone: &str, kind: &str, body: &str, link: &str, now: i64) -> Result<(), sqlx::Error> {
    // An account without a phone (a villager filed for by a proxy agent) gets the notice only.
    if !phone.is_empty() {
        crate::store::notifications::enqueue(&mut *conn, phone, kind, body, now).await?;
    }
    add(&mut *conn, account_id, body, link, now).await
}
