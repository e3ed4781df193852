//! Proxy filing (代办, issue 20): the villagers' consent codes, and the agents of the stations.

use super::Db;
use sqlx::Row;

/// Keeps a new consent code for draft `draft` (the earlier one stops working), unless the last was sent less than
/// `gap` seconds ago: one conditional write, so two resends at once send one code. `false` when too soon.
pub async fn put_code(db: &Db, draft: &str, phone: &str, code_hash: &str, expires_at: i64, ttl: i64, gap: i64) -> Result<bool, sqlx::Error> {
    let n = sqlx::query(
        "INSERT INTO proxy_consents (draft_id, phone, code_hash, expires_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (draft_id) DO UPDATE SET phone = excluded.phone, code_hash = excluded.code_hash, expires_at = excluded.expires_at, \
         guesses = 0, used_at = NULL WHERE proxy_consents.expires_at - $5 + $6 <= $4 - $5",
    )
    .bind(draft)
    .bind(phone)
    .bind(code_hash)
    .bind(expires_at)
    .bind(ttl)
    .bind(gap)
    .execute(db)
    .await?
    .rows_affected();
    Ok(n == 1)
}

/// When the last code for `draft` was sent (its expiry), if any.
pub async fn code_expiry(db: &Db, draft: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT expires_at FROM proxy_consents WHERE draft_id = $1").bind(draft).fetch_optional(db).await
}

/// What a try of a consent code came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeTry {
    Used,
    Wrong,
    /// Expired, burnt by wrong tries, used already, or never sent.
    Spent,
}

/// Uses the code of `draft` if `code_hash` is it, it is unused, unexpired and not burnt: one conditional UPDATE, so
/// of two tries at once one uses it. A wrong try counts against the code.
pub async fn use_code(db: &Db, draft: &str, code_hash: &str, max_guesses: i64, now: i64) -> Result<CodeTry, sqlx::Error> {
    let n = sqlx::query(
        "UPDATE proxy_consents SET used_at = $1 WHERE draft_id = $2 AND code_hash = $3 AND used_at IS NULL AND expires_at > $1 AND guesses < $4",
    )
    .bind(now)
    .bind(draft)
    .bind(code_hash)
    .bind(max_guesses)
    .execute(db)
    .await?
    .rows_affected();
    if n == 1 {
        return Ok(CodeTry::Used);
    }
    let live = sqlx::query("UPDATE proxy_consents SET guesses = guesses + 1 WHERE draft_id = $1 AND used_at IS NULL AND expires_at > $2 AND guesses < $3")
        .bind(draft)
        .bind(now)
        .bind(max_guesses)
        .execute(db)
        .await?
        .rows_affected();
    Ok(if live == 1 { CodeTry::Wrong } else { CodeTry::Spent })
}

/// Every agent grant, by station.
pub async fn agents(db: &Db) -> Result<Vec<crate::domain::proxy::AgentLine>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.id, a.display_name, COALESCE(a.phone, '') AS phone, p.id AS station, p.name AS station_name FROM grants g \
         JOIN accounts a ON a.id = g.account_id JOIN service_points p ON p.id = g.scope \
         WHERE g.role = 'proxy_agent' ORDER BY p.id, a.display_name, a.id",
    )
    .fetch_all(db)
    .await?;
    Ok(rows
        .iter()
        .map(|r| crate::domain::proxy::AgentLine { account: r.get("id"), name: r.get("display_name"), phone: r.get("phone"), station: r.get("station"), station_name: r.get("station_name") })
        .collect())
}

/// Moves the cases `numbers` from agent `from` to agent `to` (an agent's grant revoked, another of the station takes
/// over).
pub async fn hand_over(db: &Db, numbers: &[String], from: &str, to: &str) -> Result<(), sqlx::Error> {
    let _writer = super::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    for n in numbers {
        sqlx::query("UPDATE cases SET agent_id = $1 WHERE number = $2 AND agent_id = $3").bind(to).bind(n).bind(from).execute(&mut *tx).await?;
    }
    tx.commit().await
}

/// Makes the citizen with `phone` (their account made if they never signed in), named `name`, an agent of `station`.
pub async fn make_agent(db: &Db, phone: &str, name: &str, station: &str, now: i64) -> Result<(), sqlx::Error> {
    let a = super::accounts::citizen_for_phone(db, phone, now).await?;
    super::accounts::set_display_name(db, &a.id, name).await?;
    super::accounts::add_grant(db, &a.id, crate::domain::accounts::Role::ProxyAgent, station).await
}

/// Every case filed by an agent, newest first.
pub async fn agents_cases(db: &Db) -> Result<Vec<super::filing::CaseRow>, sqlx::Error> {
    let rows = sqlx::query(&format!("{} WHERE c.agent_id IS NOT NULL ORDER BY c.submitted_at DESC, c.number", super::filing::CASE_SELECT)).fetch_all(db).await?;
    Ok(rows.iter().map(super::filing::case).collect())
}

/// A villager's account for a case filed without a phone: an account no one signs in to (no phone), named.
pub async fn phoneless_villager(db: &Db, name: &str, now: i64) -> Result<String, sqlx::Error> {
    let id = super::new_id();
    sqlx::query("INSERT INTO accounts (id, kind, display_name, created_at) VALUES ($1, 'citizen', $2, $3)").bind(&id).bind(name).bind(now).execute(db).await?;
    Ok(id)
}
