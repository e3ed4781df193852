//! The administrator's windows and desks: saving one, retiring one.

use super::*;

/// A window or desk as the administrator saves it.
pub struct CounterInput<'a> {
    /// `None`: a new one (its id is the next of its kind: W32, D05…).
    pub id: Option<&'a str>,
    pub point_id: &'a str,
    pub kind: CounterKind,
    pub number: i64,
    pub name: &'a str,
    pub departments: &'a [String],
}

/// Why a window or desk was not saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CounterRefusal {
    /// Another one in service at the point has this number.
    NumberTaken,
    NotFound,
    /// Another administrator added one at the same moment: save again.
    Conflict,
}

/// Adds or edits a window or desk with the departments it serves, in one transaction. Returns its id.
pub async fn save_counter(db: &Db, c: CounterInput<'_>) -> Result<Result<String, CounterRefusal>, sqlx::Error> {
    let _writer = crate::store::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    let taken: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM windows WHERE point_id = $1 AND kind = $2 AND number = $3 AND retired_at IS NULL AND id <> $4",
    )
    .bind(c.point_id)
    .bind(c.kind.code())
    .bind(c.number)
    .bind(c.id.unwrap_or(""))
    .fetch_one(&mut *tx)
    .await?;
    if taken > 0 {
        return Ok(Err(CounterRefusal::NumberTaken));
    }
    let id = match c.id {
        Some(id) => {
            let n = sqlx::query("UPDATE windows SET number = $1, name = $2 WHERE id = $3 AND point_id = $4 AND kind = $5")
                .bind(c.number)
                .bind(c.name)
                .bind(id)
                .bind(c.point_id)
                .bind(c.kind.code())
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if n == 0 {
                return Ok(Err(CounterRefusal::NotFound));
            }
            id.to_string()
        }
        None => {
            // The next id after every one used; on PostgreSQL a concurrent add may take it first: the insert then
            // fails on the primary key and the whole save is refused (the administrator saves again).
            let used: Vec<String> = sqlx::query_scalar("SELECT id FROM windows").fetch_all(&mut *tx).await?;
            let id = crate::domain::points::next_counter_id(c.kind, &used);
            let inserted = sqlx::query("INSERT INTO windows (id, point_id, kind, number, name, retired_at) VALUES ($1, $2, $3, $4, $5, NULL)")
                .bind(&id)
                .bind(c.point_id)
                .bind(c.kind.code())
                .bind(c.number)
                .bind(c.name)
                .execute(&mut *tx)
                .await;
            match inserted {
                Ok(_) => id,
                Err(e) if second_call(&e) => return Ok(Err(CounterRefusal::Conflict)),
                Err(e) => return Err(e),
            }
        }
    };
    sqlx::query("DELETE FROM window_departments WHERE window_id = $1").bind(&id).execute(&mut *tx).await?;
    if c.kind == CounterKind::Window {
        for d in c.departments {
            sqlx::query("INSERT INTO window_departments (window_id, department_code) VALUES ($1, $2)")
                .bind(&id)
                .bind(d)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    changed();
    Ok(Ok(id))
}

/// Takes a window or desk out of service (its id is never reused), or back into service. Whoever is signed on
/// to a retired window is signed off; its called ticket and the tickets transferred to it wait again (keeping their
/// place) for the other windows. Restoring is refused while another one in service has its number.
pub async fn set_retired(db: &Db, id: &str, retired_at: Option<i64>) -> Result<Result<(), CounterRefusal>, sqlx::Error> {
    let _writer = crate::store::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    if retired_at.is_none() {
        let taken: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM windows o JOIN windows w ON w.id = $1 \
             WHERE o.point_id = w.point_id AND o.kind = w.kind AND o.number = w.number AND o.retired_at IS NULL AND o.id <> w.id",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        if taken > 0 {
            return Ok(Err(CounterRefusal::NumberTaken));
        }
    }
    let n = sqlx::query("UPDATE windows SET retired_at = $1 WHERE id = $2").bind(retired_at).bind(id).execute(&mut *tx).await?.rows_affected();
    if n == 0 {
        return Ok(Err(CounterRefusal::NotFound));
    }
    if retired_at.is_some() {
        sqlx::query("DELETE FROM window_sessions WHERE window_id = $1").bind(id).execute(&mut *tx).await?;
        sqlx::query("UPDATE queue_tickets SET state = 'waiting', window_id = NULL WHERE window_id = $1 AND state = 'called'")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE queue_tickets SET target_window_id = NULL WHERE target_window_id = $1 AND state = 'waiting'")
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    changed();
    Ok(Ok(()))
}
