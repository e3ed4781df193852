//! The notification queue (durable, in the database, retried) and the SMS gateway it delivers through.
//!
//! Three distinct things: the **notification queue** here (every message to a person); the **SMS sink**, a
//! gateway that stores messages for the loopback-only page `/dev/sms` instead of sending them (on only when
//! configured); and, later, the browser's **outbox** for offline submits.

use super::Db;
use sqlx::Row;

pub type SendFuture<'a> = std::pin::Pin<Box<dyn std::future::Future<Output = Result<(), String>> + Send + 'a>>;

/// Sends one SMS. A real adapter calls the operator's HTTP API with these same two fields.
pub trait SmsGateway: Send + Sync {
    fn send<'a>(
        &'a self,
        db: &'a Db,
        phone: &'a str,
        body: &'a str,
        now: i64,
    ) -> SendFuture<'a>;
}

/// The development gateway: keeps every message in `sms_sink` for `/dev/sms`.
pub struct SmsSink;

impl SmsGateway for SmsSink {
    fn send<'a>(
        &'a self,
        db: &'a Db,
        phone: &'a str,
        body: &'a str,
        now: i64,
    ) -> SendFuture<'a> {
        Box::pin(async move {
            let seq = super::next_in_sequence(db, "sms_sink").await.map_err(|e| e.to_string())?;
            sqlx::query("INSERT INTO sms_sink (id, phone, body, sent_at, seq) VALUES ($1, $2, $3, $4, $5)")
                .bind(super::new_id())
                .bind(phone)
                .bind(body)
                .bind(now)
                .bind(seq)
                .execute(db)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string())
        })
    }
}

/// A gateway for servers without an SMS contract: every delivery fails, so messages stay queued and visible.
pub struct NoGateway;

impl SmsGateway for NoGateway {
    fn send<'a>(
        &'a self,
        _db: &'a Db,
        _phone: &'a str,
        _body: &'a str,
        _now: i64,
    ) -> SendFuture<'a> {
        Box::pin(async { Err("no SMS gateway configured".to_string()) })
    }
}

/// Queues a message; `db` may be the pool or a transaction (so a message commits with the change it reports).
pub async fn enqueue<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    db: E,
    phone: &str,
    kind: &str,
    body: &str,
    now: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO notifications (id, phone, body, kind, status, attempts, next_attempt_at, created_at) \
         VALUES ($1, $2, $3, $4, 'pending', 0, $5, $5)",
    )
    .bind(super::new_id())
    .bind(phone)
    .bind(body)
    .bind(kind)
    .bind(now)
    .execute(db)
    .await?;
    Ok(())
}

/// Delivers every due message once; failures are retried with backoff (30 s, 60 s, 120 s, …) and given up after
/// 8 attempts. Returns how many were sent.
pub async fn deliver_due(db: &Db, gateway: &dyn SmsGateway, now: i64) -> Result<u32, sqlx::Error> {
    let due = sqlx::query(
        "SELECT id, phone, body, attempts FROM notifications WHERE status = 'pending' AND next_attempt_at <= $1 \
         ORDER BY created_at LIMIT 50",
    )
    .bind(now)
    .fetch_all(db)
    .await?;
    let mut sent = 0;
    for r in due {
        let id: String = r.get("id");
        // Claim it first, so two server instances never send the same message twice.
        let claimed = sqlx::query("UPDATE notifications SET status = 'sending' WHERE id = $1 AND status = 'pending'")
            .bind(&id)
            .execute(db)
            .await?
            .rows_affected();
        if claimed == 0 {
            continue;
        }
        let attempts: i64 = r.get::<i64, _>("attempts") + 1;
        match gateway.send(db, &r.get::<String, _>("phone"), &r.get::<String, _>("body"), now).await {
            Ok(()) => {
                sqlx::query("UPDATE notifications SET status = 'sent', attempts = $1, sent_at = $2 WHERE id = $3")
                    .bind(attempts)
                    .bind(now)
                    .bind(&id)
                    .execute(db)
                    .await?;
                sent += 1;
            }
            Err(e) => {
                let status = if attempts >= 8 { "failed" } else { "pending" };
                sqlx::query(
                    "UPDATE notifications SET status = $1, attempts = $2, next_attempt_at = $3, last_error = $4 \
                     WHERE id = $5",
                )
                .bind(status)
                .bind(attempts)
                .bind(now + 30 * (1 << (attempts - 1).min(10)))
                .bind(e)
                .bind(&id)
                .execute(db)
                .await?;
            }
        }
    }
    Ok(sent)
}

/// The messages last sent to the SMS sink, newest first, for `/dev/sms` (in the order they were sent: their
/// `sent_at` is the sender's clock, which the test clock sets per journey).
pub async fn sink(db: &Db, limit: i64) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    let rows = sqlx::query("SELECT phone, body, sent_at FROM sms_sink ORDER BY seq DESC LIMIT $1")
        .bind(limit)
        .fetch_all(db)
        .await?;
    Ok(rows.iter().map(|r| (r.get("phone"), r.get("body"), r.get("sent_at"))).collect())
}
