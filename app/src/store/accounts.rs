//! Accounts, grants, sessions and one-time codes.

use super::{new_id, sha256_hex, Db};
use crate::domain::accounts::{Grant, Identity, Role, StoredCode};
use sqlx::any::AnyRow;
use sqlx::Row;

#[derive(Clone, Debug)]
pub struct Session {
    pub token_hash: String,
    pub account_id: Option<String>,
    pub last_seen: i64,
    pub pending_phone: Option<String>,
    pub return_to: Option<String>,
    pub flash: Option<String>,
    /// A form's values kept across a sign-in (taken over by the new session).
    pub carry: Option<String>,
    /// The signed-in account's kind (`citizen`, `staff`), read with the session: it sets the idle timeout.
    pub account_kind: Option<crate::domain::accounts::AccountKind>,
}

fn session(r: &AnyRow) -> Session {
    Session {
        token_hash: r.get("token_hash"),
        account_id: r.get("account_id"),
        last_seen: r.get("last_seen"),
        pending_phone: r.get("pending_phone"),
        return_to: r.get("return_to"),
        flash: r.get("flash"),
        carry: r.get("carry"),
        account_kind: r.get::<Option<String>, _>("account_kind").as_deref().and_then(crate::domain::accounts::AccountKind::parse),
    }
}

/// Creates a session and returns its token (for the cookie; the database keeps only its hash).
pub async fn create_session(db: &Db, account_id: Option<&str>, now: i64) -> Result<String, sqlx::Error> {
    let token = format!("{}{}", new_id(), new_id());
    sqlx::query("INSERT INTO sessions (token_hash, account_id, created_at, last_seen) VALUES ($1, $2, $3, $3)")
        .bind(sha256_hex(&token))
        .bind(account_id)
        .bind(now)
        .execute(db)
        .await?;
    Ok(token)
}

pub async fn find_session(db: &Db, token: &str) -> Result<Option<Session>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT s.*, a.kind AS account_kind FROM sessions s LEFT JOIN accounts a ON a.id = s.account_id \
         WHERE s.token_hash = $1",
    )
    .bind(sha256_hex(token))
    .fetch_optional(db)
    .await?;
    Ok(row.as_ref().map(session))
}

pub async fn touch_session(db: &Db, token_hash: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET last_seen = $1 WHERE token_hash = $2").bind(now).bind(token_hash).execute(db).await?;
    Ok(())
}

pub async fn delete_session(db: &Db, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash).execute(db).await?;
    Ok(())
}

/// Sets (or with `None`, clears) one of a session's carry-over fields.
pub async fn set_session_field(db: &Db, token_hash: &str, field: SessionField, value: Option<&str>) -> Result<(), sqlx::Error> {
    let column = match field {
        SessionField::PendingPhone => "pending_phone",
        SessionField::ReturnTo => "return_to",
        SessionField::Flash => "flash",
        SessionField::Carry => "carry",
    };
    sqlx::query(&format!("UPDATE sessions SET {column} = $1 WHERE token_hash = $2"))
        .bind(value)
        .bind(token_hash)
        .execute(db)
        .await?;
    Ok(())
}

#[derive(Clone, Copy, Debug)]
pub enum SessionField {
    PendingPhone,
    ReturnTo,
    Flash,
    Carry,
}

#[derive(Clone, Debug)]
pub struct Account {
    pub id: String,
    pub kind: crate::domain::accounts::AccountKind,
    pub phone: Option<String>,
    pub username: Option<String>,
    pub password_hash: Option<String>,
    pub display_name: String,
    pub failed_logins: i64,
    pub locked_until: Option<i64>,
    pub pipl_accepted_at: Option<i64>,
}

fn account(r: &AnyRow) -> Account {
    Account {
        id: r.get("id"),
        // Written only as an `AccountKind` code; anything else reads as a citizen, the kind with the least power.
        kind: crate::domain::accounts::AccountKind::parse(&r.get::<String, _>("kind")).unwrap_or(crate::domain::accounts::AccountKind::Citizen),
        phone: r.get("phone"),
        username: r.get("username"),
        password_hash: r.get("password_hash"),
        display_name: r.get("display_name"),
        failed_logins: r.get("failed_logins"),
        locked_until: r.get("locked_until"),
        pipl_accepted_at: r.get("pipl_accepted_at"),
    }
}

pub async fn account_by(db: &Db, column: AccountKey, value: &str) -> Result<Option<Account>, sqlx::Error> {
    let col = match column {
        AccountKey::Id => "id",
        AccountKey::Phone => "phone",
        AccountKey::Username => "username",
    };
    let row = sqlx::query(&format!("SELECT * FROM accounts WHERE {col} = $1")).bind(value).fetch_optional(db).await?;
    Ok(row.as_ref().map(account))
}

#[derive(Clone, Copy, Debug)]
pub enum AccountKey {
    Id,
    Phone,
    Username,
}

pub async fn grants(db: &Db, account_id: &str) -> Result<Vec<Grant>, sqlx::Error> {
    let rows = sqlx::query("SELECT role, scope FROM grants WHERE account_id = $1 ORDER BY role, scope")
        .bind(account_id)
        .fetch_all(db)
        .await?;
    Ok(rows
        .iter()
        .filter_map(|r| Role::parse(&r.get::<String, _>("role")).map(|role| Grant { role, scope: r.get("scope") }))
        .collect())
}

pub async fn identity(db: &Db, account_id: &str) -> Result<Option<Identity>, sqlx::Error> {
    let Some(a) = account_by(db, AccountKey::Id, account_id).await? else { return Ok(None) };
    Ok(Some(Identity { account_id: a.id.clone(), display_name: a.display_name, grants: grants(db, &a.id).await? }))
}

/// The citizen account for a phone, created on first sign-in.
pub async fn citizen_for_phone(db: &Db, phone: &str, now: i64) -> Result<Account, sqlx::Error> {
    if let Some(a) = account_by(db, AccountKey::Phone, phone).await? {
        return Ok(a);
    }
    let id = new_id();
    let masked = crate::domain::pii::mask_mobile(phone);
    sqlx::query("INSERT INTO accounts (id, kind, phone, display_name, created_at) VALUES ($1, 'citizen', $2, $3, $4)")
        .bind(&id)
        .bind(phone)
        .bind(format!("用户{}", &masked[masked.len() - 4..]))
        .bind(now)
        .execute(db)
        .await?;
    add_grant(db, &id, Role::Citizen, "").await?;
    Ok(account_by(db, AccountKey::Id, &id).await?.expect("just inserted"))
}

pub async fn create_staff(
    db: &Db,
    username: &str,
    display_name: &str,
    password_hash: &str,
    now: i64,
) -> Result<String, sqlx::Error> {
    let id = new_id();
    sqlx::query(
        "INSERT INTO accounts (id, kind, username, password_hash, display_name, created_at) \
         VALUES ($1, 'staff', $2, $3, $4, $5)",
    )
    .bind(&id)
    .bind(username)
    .bind(password_hash)
    .bind(display_name)
    .bind(now)
    .execute(db)
    .await?;
    Ok(id)
}

/// Whether `account_id` holds `role` for `scope` now (in the caller's transaction).
pub async fn holds(conn: &mut sqlx::AnyConnection, account_id: &str, role: Role, scope: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM grants WHERE account_id = $1 AND role = $2 AND scope = $3")
        .bind(account_id)
        .bind(role.code())
        .bind(scope)
        .fetch_one(&mut *conn)
        .await?;
    Ok(n > 0)
}

/// Names an account as its pages and the people it serves see it.
pub async fn set_display_name(db: &Db, account_id: &str, name: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE accounts SET display_name = $1 WHERE id = $2").bind(name).bind(account_id).execute(db).await?;
    Ok(())
}

pub async fn add_grant(db: &Db, account_id: &str, role: Role, scope: &str) -> Result<(), sqlx::Error> {
    let exists = sqlx::query("SELECT role FROM grants WHERE account_id = $1 AND role = $2 AND scope = $3")
        .bind(account_id)
        .bind(role.code())
        .bind(scope)
        .fetch_optional(db)
        .await?;
    if exists.is_none() {
        sqlx::query("INSERT INTO grants (account_id, role, scope) VALUES ($1, $2, $3)")
            .bind(account_id)
            .bind(role.code())
            .bind(scope)
            .execute(db)
            .await?;
    }
    Ok(())
}

pub async fn remove_grant(db: &Db, account_id: &str, role: Role, scope: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM grants WHERE account_id = $1 AND role = $2 AND scope = $3")
        .bind(account_id)
        .bind(role.code())
        .bind(scope)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn staff_accounts(db: &Db) -> Result<Vec<(Account, Vec<Grant>)>, sqlx::Error> {
    let rows = sqlx::query("SELECT * FROM accounts WHERE kind = 'staff' ORDER BY username").fetch_all(db).await?;
    let mut out = Vec::new();
    for r in &rows {
        let a = account(r);
        let g = grants(db, &a.id).await?;
        out.push((a, g));
    }
    Ok(out)
}

/// What claiming a password try gave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordTry {
    /// Locked until then: the password is not checked.
    Locked { until: i64 },
    /// Counted as a failure in advance (`failures` in a row, including this one; `locks` when this one locks the
    /// account); a right password then clears it with [`clear_lock`].
    Counted { failures: i64, locks: bool },
}

/// Claims one password try as an atomic step, before the password is checked: the account's gate is locked, the
/// lock read, and the try counted (and the lock set by [`crate::domain::accounts::lock_after_failure`]) in one
/// transaction. Twenty concurrent tries check exactly [`crate::domain::accounts::LOCK_AFTER`] passwords.
pub async fn claim_password_try(db: &Db, id: &str, now: i64) -> Result<PasswordTry, sqlx::Error> {
    let _writer = super::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    gate(&mut tx, &format!("password:{id}")).await?;
    let row = sqlx::query("SELECT failed_logins, locked_until FROM accounts WHERE id = $1").bind(id).fetch_one(&mut *tx).await?;
    let (failed, locked_until): (i64, Option<i64>) = (row.get("failed_logins"), row.get("locked_until"));
    if let Some(until) = locked_until.filter(|u| *u > now) {
        tx.rollback().await?;
        return Ok(PasswordTry::Locked { until });
    }
    // A lock that has run out starts a new count.
    let failures = if locked_until.is_some() { 1 } else { failed + 1 };
    let lock = crate::domain::accounts::lock_after_failure(now, failures);
    sqlx::query("UPDATE accounts SET failed_logins = $1, locked_until = $2 WHERE id = $3")
        .bind(failures)
        .bind(lock)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(PasswordTry::Counted { failures, locks: lock.is_some() })
}

/// Clears failures and any lock (after a good password, or by an administrator).
pub async fn clear_lock(db: &Db, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE id = $1").bind(id).execute(db).await?;
    Ok(())
}

pub async fn accept_notice(db: &Db, id: &str, now: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE accounts SET pipl_accepted_at = $1 WHERE id = $2").bind(now).bind(id).execute(db).await?;
    Ok(())
}

/// Locks a rate-limited key for the rest of the transaction (an upsert takes the row's lock on PostgreSQL; on
/// SQLite the transaction holds the database's write lock): requests on the same key queue here.
pub(crate) async fn gate(tx: &mut sqlx::Transaction<'_, sqlx::Any>, key: &str) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO rate_gates (key, hits) VALUES ($1, 1) ON CONFLICT (key) DO UPDATE SET hits = rate_gates.hits + 1")
        .bind(key)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Sends-limit check and the new code, as one atomic step: the phone's and the address's gates are locked, the
/// sends in the last hour counted, [`crate::domain::accounts::may_send`] decides, and only then is the code stored
/// and the send recorded. Concurrent requests for one phone or from one address cannot pass the limits together.
pub async fn claim_code(
    db: &Db,
    phone: &str,
    address: &str,
    code: &str,
    now: i64,
    policy: &crate::domain::accounts::OtpPolicy,
) -> Result<Result<(), crate::domain::accounts::SendRefusal>, sqlx::Error> {
    let _writer = super::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    gate(&mut tx, &format!("phone:{phone}")).await?;
    gate(&mut tx, &format!("address:{address}")).await?;
    let hour_ago = now - 3600;
    let last: Option<i64> =
        sqlx::query_scalar("SELECT MAX(sent_at) FROM otp_sends WHERE phone = $1").bind(phone).fetch_one(&mut *tx).await?;
    // The last hour is (now − 1 h, now]: a send stamped later than now (a test clock set back) is not in it.
    let by_phone: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM otp_sends WHERE phone = $1 AND sent_at > $2 AND sent_at <= $3")
        .bind(phone)
        .bind(hour_ago)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
    let by_address: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM otp_sends WHERE address = $1 AND sent_at > $2 AND sent_at <= $3")
        .bind(address)
        .bind(hour_ago)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
    if let Err(refusal) = crate::domain::accounts::may_send(policy, now, last, by_phone, by_address) {
        tx.rollback().await?;
        return Ok(Err(refusal));
    }
    sqlx::query("DELETE FROM otp_codes WHERE phone = $1").bind(phone).execute(&mut *tx).await?;
    sqlx::query("INSERT INTO otp_codes (phone, code_hash, expires_at, guesses, used) VALUES ($1, $2, $3, 0, 0)")
        .bind(phone)
        .bind(code_hash(phone, code))
        .bind(now + policy.ttl_secs)
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO otp_sends (phone, address, sent_at) VALUES ($1, $2, $3)")
        .bind(phone)
        .bind(address)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Ok(()))
}

/// What trying a code gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tried {
    /// Too many wrong codes from this address in the last hour: not checked.
    AddressLimit,
    /// Checked (or not checkable: [`CodeCheck::NeedNew`]); an accepted code is used up by this try.
    Checked(crate::domain::accounts::CodeCheck),
}

/// Tries a code as one atomic step: the phone's code and the address are locked, the address's wrong tries in the
/// last hour counted, the code checked; a wrong guess at a live code counts against both, an accepted one is used
/// up. Twenty concurrent guesses check exactly the policy's number against one code.
pub async fn try_code(
    db: &Db,
    phone: &str,
    address: &str,
    guess: &str,
    now: i64,
    policy: &crate::domain::accounts::OtpPolicy,
) -> Result<Tried, sqlx::Error> {
    use crate::domain::accounts::{check_code, CodeCheck};
    let _writer = super::sqlite_writer(db).await;
    let mut tx = db.begin().await?;
    gate(&mut tx, &format!("code:{phone}")).await?;
    gate(&mut tx, &format!("guesses:{address}")).await?;
    let failures: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM otp_failures WHERE address = $1 AND failed_at > $2 AND failed_at <= $3")
        .bind(address)
        .bind(now - 3600)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
    if failures >= policy.failures_per_address_per_hour {
        tx.rollback().await?;
        return Ok(Tried::AddressLimit);
    }
    let row = sqlx::query("SELECT * FROM otp_codes WHERE phone = $1").bind(phone).fetch_optional(&mut *tx).await?;
    let stored = row.map(|r| StoredCode {
        code_hash: r.get("code_hash"),
        expires_at: r.get("expires_at"),
        guesses: r.get("guesses"),
        used: r.get::<i64, _>("used") != 0,
    });
    let live = stored.as_ref().is_some_and(|s| !s.used && now < s.expires_at && s.guesses < policy.guesses_per_code);
    let result = check_code(policy, now, stored.as_ref(), &code_hash(phone, guess));
    match result {
        CodeCheck::Accepted => {
            sqlx::query("UPDATE otp_codes SET used = 1 WHERE phone = $1").bind(phone).execute(&mut *tx).await?;
        }
        _ if live => {
            sqlx::query("UPDATE otp_codes SET guesses = guesses + 1 WHERE phone = $1").bind(phone).execute(&mut *tx).await?;
            sqlx::query("INSERT INTO otp_failures (address, failed_at) VALUES ($1, $2)").bind(address).bind(now).execute(&mut *tx).await?;
        }
        _ => {}
    }
    tx.commit().await?;
    Ok(Tried::Checked(result))
}

pub fn code_hash(phone: &str, code: &str) -> String {
    sha256_hex(&format!("{phone}:{code}"))
}

pub async fn stored_code(db: &Db, phone: &str) -> Result<Option<StoredCode>, sqlx::Error> {
    let row = sqlx::query("SELECT * FROM otp_codes WHERE phone = $1").bind(phone).fetch_optional(db).await?;
    Ok(row.map(|r| StoredCode {
        code_hash: r.get("code_hash"),
        expires_at: r.get("expires_at"),
        guesses: r.get("guesses"),
        used: r.get::<i64, _>("used") != 0,
    }))
}

/// The name a citizen gave for their own bookings (asked once on the check-answers page), if any.
pub async fn real_name(db: &Db, account_id: &str) -> Result<Option<String>, sqlx::Error> {
    let r: Option<Option<String>> =
        sqlx::query_scalar("SELECT real_name FROM accounts WHERE id = $1").bind(account_id).fetch_optional(db).await?;
    Ok(r.flatten().filter(|n| !n.is_empty()))
}

/// Remembers the name a citizen gave for their own bookings.
pub async fn set_real_name(db: &Db, account_id: &str, name: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE accounts SET real_name = $1 WHERE id = $2").bind(name).bind(account_id).execute(db).await?;
    Ok(())
}
