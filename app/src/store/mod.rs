//! (ssr only) Storage: sqlx over SQLite (embedded default) or PostgreSQL, one file per capability.
//! Queries are checked at run time and use `$1` placeholders, which both databases accept.

pub mod calendar;
pub mod cases;
pub mod filing;
pub mod files;
pub mod catalogue;
pub mod enterprise;
pub mod accounts;
pub mod audit;
pub mod booking;
pub mod network;
pub mod notices;
pub mod notifications;
pub mod passwords;
pub mod points;
pub mod proxy;
pub mod queue;
pub mod rating;

use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Executor};
use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant};

/// How long another server process may keep serving reference data (the work calendar, the booking rules) after
/// it changed. Writes in this process forget it at once.
pub const REFERENCE_TTL: Duration = Duration::from_secs(30);

type Cached = (Instant, u64, Arc<dyn Any + Send + Sync>);

/// Reference data per (database, name), with a generation per name so a load that raced a write is not kept.
static REFERENCE: LazyLock<Mutex<(HashMap<(String, &'static str), Cached>, HashMap<&'static str, u64>)>> =
    LazyLock::new(Default::default);

fn db_key(db: &Db) -> String {
    db.connect_options().database_url.to_string()
}

/// Rarely changing data read on every booking, kept in memory for [`REFERENCE_TTL`]: `load` runs on a miss.
pub async fn reference<T, F>(db: &Db, name: &'static str, load: impl FnOnce() -> F) -> Result<T, sqlx::Error>
where
    T: Clone + Send + Sync + 'static,
    F: std::future::Future<Output = Result<T, sqlx::Error>>,
{
    let key = (db_key(db), name);
    let generation = {
        let cache = REFERENCE.lock().expect("reference cache");
        if let Some((at, _, value)) = cache.0.get(&key) {
            if at.elapsed() < REFERENCE_TTL {
                if let Some(v) = value.downcast_ref::<T>() {
                    return Ok(v.clone());
                }
            }
        }
        cache.1.get(name).copied().unwrap_or(0)
    };
    let value = load().await?;
    let mut cache = REFERENCE.lock().expect("reference cache");
    if cache.1.get(name).copied().unwrap_or(0) == generation {
        cache.0.insert(key, (Instant::now(), generation, Arc::new(value.clone())));
    }
    Ok(value)
}

/// After writing reference data `name`: the next read loads it again.
pub fn forget(db: &Db, name: &'static str) {
    let mut cache = REFERENCE.lock().expect("reference cache");
    cache.0.remove(&(db_key(db), name));
    *cache.1.entry(name).or_insert(0) += 1;
}

pub type Db = AnyPool;

/// SQLite has one writer at a time: a transaction that finds the write lock taken waits in `busy_timeout`, whose
/// handler sleeps in steps of milliseconds. Hot write paths (a booking) take this lock first, so their transactions
/// queue in the process and start the moment the previous one commits. PostgreSQL gets no lock (`None`).
pub async fn sqlite_writer(db: &Db) -> Option<tokio::sync::MutexGuard<'static, ()>> {
    static WRITER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());
    if db.connect_options().database_url.scheme() == "sqlite" {
        Some(WRITER.lock().await)
    } else {
        None
    }
}

/// Opens the database named by `url`, creating an SQLite file (and its folder) when missing, and migrates it.
pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
    sqlx::any::install_default_drivers();
    let sqlite = url.starts_with("sqlite:");
    if sqlite {
        if let Some(path) = sqlite_path(url) {
            if let Some(dir) = std::path::Path::new(&path).parent() {
                if !dir.as_os_str().is_empty() {
                    std::fs::create_dir_all(dir).map_err(sqlx::Error::Io)?;
                }
            }
        }
    }
    let pool = AnyPoolOptions::new()
        .max_connections(if sqlite { 8 } else { 16 })
        .after_connect(move |conn, _| {
            Box::pin(async move {
                if sqlite {
                    // WAL lets readers run beside the writer; busy_timeout waits for the write lock instead of failing.
                    conn.execute("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;")
                        .await?;
                }
                Ok(())
            })
        })
        .connect(url)
        .await?;
    sqlx::migrate!("../migrations").run(&pool).await?;
    Ok(pool)
}

fn sqlite_path(url: &str) -> Option<String> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next()?;
    (!path.is_empty() && path != ":memory:").then(|| path.to_string())
}

/// The next number of sequence `name` (1 for a new one), in one atomic upsert: concurrent writers on either
/// database each get their own number. `db` may be the pool or a transaction.
pub async fn next_in_sequence<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(db: E, name: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO sequences (name, last) VALUES ($1, 1) \
         ON CONFLICT (name) DO UPDATE SET last = sequences.last + 1 RETURNING last",
    )
    .bind(name)
    .fetch_one(db)
    .await
}

/// `SELECT 1`: does the database answer?
pub async fn ping(db: &Db) -> bool {
    sqlx::query("SELECT 1").execute(db).await.is_ok()
}

/// A random identifier (128 bits, hex).
pub fn new_id() -> String {
    use rand::RngCore;
    let mut b = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut b);
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// SHA-256 of a secret, hex: what the database keeps of session tokens and one-time codes.
pub fn sha256_hex(secret: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(secret.as_bytes()).iter().map(|x| format!("{x:02x}")).collect()
}

/// Escapes `%`, `_` and `\` for a LIKE pattern used with `ESCAPE '\'`.
pub fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_escape_escapes_wildcards() {
        assert_eq!(like_escape(r"50%_a\b"), r"50\%\_a\\b");
    }

    #[test]
    fn sqlite_paths() {
        assert_eq!(sqlite_path("sqlite://data/palm-hall.db?mode=rwc").as_deref(), Some("data/palm-hall.db"));
        assert_eq!(sqlite_path("sqlite::memory:"), None);
    }
}
