//! Enterprises, their members (grants `enterprise_member` scoped by the USCC) and invitations (issue 20).

use super::Db;
use crate::domain::accounts::Role;
use crate::domain::enterprise::{Enterprise, Registration, Status};
use sqlx::any::AnyRow;
use sqlx::Row;

fn enterprise(r: &AnyRow) -> Enterprise {
    Enterprise {
        uscc: r.get("uscc"),
        name: r.get("name"),
        legal_rep: r.get("legal_rep"),
        admin: r.get("admin_account"),
        status: Status::parse(&r.get::<String, _>("status")),
        note: r.get("note"),
    }
}

/// Registers `reg` with `admin` as its administrator and first member. `false` when the code is registered already
/// (by anyone) and not refused: a registration the centre refused gives way to a new one, whose registrant takes
/// it over (the refused one's grants go with it), so no one can hold a real enterprise's code by registering it first.
pub async fn register(db: &Db, reg: &Registration, admin: &str, now: i64) -> Result<bool, sqlx::Error> {
    let _writer = super::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    let refused = sqlx::query("DELETE FROM enterprises WHERE uscc = $1 AND status = 'refused'").bind(&reg.uscc).execute(&mut *tx).await?.rows_affected();
    if refused == 1 {
        sqlx::query("DELETE FROM grants WHERE role = 'enterprise_member' AND scope = $1").bind(&reg.uscc).execute(&mut *tx).await?;
        sqlx::query("DELETE FROM enterprise_invites WHERE uscc = $1").bind(&reg.uscc).execute(&mut *tx).await?;
    }
    let n = sqlx::query(
        "INSERT INTO enterprises (uscc, name, legal_rep, admin_account, status, registered_at) VALUES ($1, $2, $3, $4, 'pending', $5) \
         ON CONFLICT (uscc) DO NOTHING",
    )
    .bind(&reg.uscc)
    .bind(&reg.name)
    .bind(&reg.legal_rep)
    .bind(admin)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if n == 0 {
        return Ok(false);
    }
    grant(&mut tx, admin, &reg.uscc).await?;
    tx.commit().await?;
    Ok(true)
}

async fn grant(tx: &mut sqlx::AnyConnection, account: &str, uscc: &str) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO grants (account_id, role, scope) VALUES ($1, $2, $3) ON CONFLICT (account_id, role, scope) DO NOTHING")
        .bind(account)
        .bind(Role::EnterpriseMember.code())
        .bind(uscc)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// The administrator's account of `uscc` (in the caller's transaction).
pub async fn admin_of(conn: &mut sqlx::AnyConnection, uscc: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT admin_account FROM enterprises WHERE uscc = $1").bind(uscc).fetch_optional(&mut *conn).await
}

pub async fn get(db: &Db, uscc: &str) -> Result<Option<Enterprise>, sqlx::Error> {
    Ok(sqlx::query("SELECT * FROM enterprises WHERE uscc = $1").bind(uscc).fetch_optional(db).await?.as_ref().map(enterprise))
}

/// The enterprises `account` is a member of.
pub async fn of_member(db: &Db, account: &str) -> Result<Vec<Enterprise>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT e.* FROM enterprises e JOIN grants g ON g.scope = e.uscc AND g.role = 'enterprise_member' WHERE g.account_id = $1 ORDER BY e.name",
    )
    .bind(account)
    .fetch_all(db)
    .await?;
    Ok(rows.iter().map(enterprise).collect())
}

/// Registrations waiting for the centre administrator, oldest first: (enterprise, registered at, registrant's phone).
pub async fn pending(db: &Db) -> Result<Vec<(Enterprise, i64, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT e.*, COALESCE(a.phone, '') AS phone FROM enterprises e LEFT JOIN accounts a ON a.id = e.admin_account \
         WHERE e.status = 'pending' ORDER BY e.registered_at, e.uscc",
    )
    .fetch_all(db)
    .await?;
    Ok(rows.iter().map(|r| (enterprise(r), r.get("registered_at"), r.get("phone"))).collect())
}

/// Records the verification's outcome of a pending registration. `false` when it was decided already.
pub async fn decide(db: &Db, uscc: &str, status: Status, note: Option<&str>, now: i64) -> Result<bool, sqlx::Error> {
    let n = sqlx::query("UPDATE enterprises SET status = $1, note = $2, decided_at = $3 WHERE uscc = $4 AND status = 'pending'")
        .bind(status.code())
        .bind(note)
        .bind(now)
        .bind(uscc)
        .execute(db)
        .await?
        .rows_affected();
    Ok(n == 1)
}

/// Members: (account id, display name, phone), the administrator first.
pub async fn members(db: &Db, uscc: &str) -> Result<Vec<(String, String, String)>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT a.id, a.display_name, COALESCE(a.phone, '') AS phone FROM grants g JOIN accounts a ON a.id = g.account_id \
         LEFT JOIN enterprises e ON e.uscc = g.scope \
         WHERE g.role = 'enterprise_member' AND g.scope = $1 ORDER BY CASE WHEN a.id = e.admin_account THEN 0 ELSE 1 END, a.created_at, a.id",
    )
    .bind(uscc)
    .fetch_all(db)
    .await?;
    Ok(rows.iter().map(|r| (r.get("id"), r.get("display_name"), r.get("phone"))).collect())
}

/// Records an invitation: `false` when that number was invited already.
pub async fn invite(db: &Db, uscc: &str, phone: &str, by: &str, now: i64) -> Result<bool, sqlx::Error> {
    let n = sqlx::query("INSERT INTO enterprise_invites (uscc, phone, invited_by, invited_at) VALUES ($1, $2, $3, $4) ON CONFLICT (uscc, phone) DO NOTHING")
        .bind(uscc)
        .bind(phone)
        .bind(by)
        .bind(now)
        .execute(db)
        .await?
        .rows_affected();
    Ok(n == 1)
}

/// Phones invited to `uscc` and not yet accepted.
pub async fn invited(db: &Db, uscc: &str) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT phone FROM enterprise_invites WHERE uscc = $1 ORDER BY invited_at, phone").bind(uscc).fetch_all(db).await
}

/// Enterprises that invited `phone`: (uscc, name).
pub async fn invites_for(db: &Db, phone: &str) -> Result<Vec<(String, String)>, sqlx::Error> {
    let rows = sqlx::query("SELECT e.uscc, e.name FROM enterprise_invites i JOIN enterprises e ON e.uscc = i.uscc WHERE i.phone = $1 ORDER BY i.invited_at")
        .bind(phone)
        .fetch_all(db)
        .await?;
    Ok(rows.iter().map(|r| (r.get("uscc"), r.get("name"))).collect())
}

/// Takes up the invitation of `phone` to `uscc` as `account`: `false` when there was none.
pub async fn accept(db: &Db, uscc: &str, phone: &str, account: &str) -> Result<bool, sqlx::Error> {
    let _writer = super::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    let n = sqlx::query("DELETE FROM enterprise_invites WHERE uscc = $1 AND phone = $2").bind(uscc).bind(phone).execute(&mut *tx).await?.rows_affected();
    if n == 0 {
        return Ok(false);
    }
    grant(&mut tx, account, uscc).await?;
    tx.commit().await?;
    Ok(true)
}

/// Removes `account` from `uscc` (its grant), unless it is the administrator; or withdraws an invitation to `phone`.
/// `true` when something was removed.
pub async fn remove(db: &Db, uscc: &str, account: &str) -> Result<bool, sqlx::Error> {
    let n = sqlx::query(
        "DELETE FROM grants WHERE account_id = $1 AND role = 'enterprise_member' AND scope = $2 \
         AND NOT EXISTS (SELECT 1 FROM enterprises e WHERE e.uscc = $2 AND e.admin_account = $1)",
    )
    .bind(account)
    .bind(uscc)
    .execute(db)
    .await?
    .rows_affected();
    Ok(n == 1)
}

pub async fn withdraw(db: &Db, uscc: &str, phone: &str) -> Result<bool, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM enterprise_invites WHERE uscc = $1 AND phone = $2").bind(uscc).bind(phone).execute(db).await?.rows_affected() == 1)
}

/// Hands the administrator role of `uscc` from `from` to `to`, who must be a member. `false` otherwise.
pub async fn hand_over(db: &Db, uscc: &str, from: &str, to: &str) -> Result<bool, sqlx::Error> {
    let n = sqlx::query(
        "UPDATE enterprises SET admin_account = $1 WHERE uscc = $2 AND admin_account = $3 \
         AND EXISTS (SELECT 1 FROM grants g WHERE g.account_id = $1 AND g.role = 'enterprise_member' AND g.scope = $2)",
    )
    .bind(to)
    .bind(uscc)
    .bind(from)
    .execute(db)
    .await?
    .rows_affected();
    Ok(n == 1)
}
