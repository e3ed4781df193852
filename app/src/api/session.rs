//! (ssr only) Who is asking: the session cookie, the identity behind it, access checks, and the one-time flash
//! that brings a failed form back with its values and errors.

use crate::error::AppError;
use super::context::{db, now};
use crate::domain::accounts::{allows, Identity, Need, CITIZEN_IDLE_SECS, STAFF_IDLE_SECS};
use crate::store::accounts::{self as store, Session, SessionField};
use leptos::prelude::*;

pub const COOKIE: &str = "palm_session";
/// Anonymous sessions (a pending sign-in, a flash) last a day.
const ANON_IDLE_SECS: i64 = 24 * 3600;

/// The client's address, for rate limits: IPv4 as it is, IPv6 by its /64 (one subscriber's block, which they can
/// walk through freely).
pub fn client_address() -> String {
    client_ip().map(super::context::limit_key).unwrap_or_else(|| "unknown".to_string())
}

/// Whether the request came from this machine (for `/dev/*` pages); behind a trusted proxy, whether the person did.
pub fn from_loopback() -> bool {
    client_ip().is_some_and(|ip| ip.is_loopback())
}

/// The sender's address as the server's middleware resolved it ([`super::context::ClientAddr`]), else the peer's.
fn client_ip() -> Option<std::net::IpAddr> {
    let parts = use_context::<http::request::Parts>()?;
    parts
        .extensions
        .get::<super::context::ClientAddr>()
        .map(|c| c.0)
        .or_else(|| parts.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0.ip()))
}

fn set_cookie(value: &str, max_age: i64) {
    super::context::set_response_cookie(COOKIE, value, max_age, true);
}

/// A session token issued during this request: later steps of the same request must use it, not the cookie the
/// request arrived with.
#[derive(Clone)]
struct IssuedToken(String);

fn issue(token: &str, max_age: i64) {
    set_cookie(token, max_age);
    provide_context(IssuedToken(token.to_string()));
}

/// The live session of this request, if any; an idle one is ended here.
pub async fn current() -> Result<Option<Session>, AppError> {
    let token = match use_context::<IssuedToken>() {
        Some(t) => Some(t.0),
        None => super::context::request_cookie(COOKIE),
    };
    let Some(token) = token.filter(|t| !t.is_empty()) else { return Ok(None) };
    let db = db()?;
    let Some(s) = store::find_session(&db, &token).await? else { return Ok(None) };
    let now = now()?.timestamp();
    let idle = match (&s.account_id, s.account_kind) {
        (None, _) => ANON_IDLE_SECS,
        (Some(_), Some(crate::domain::accounts::AccountKind::Staff)) => STAFF_IDLE_SECS,
        (Some(_), Some(_)) => CITIZEN_IDLE_SECS,
        (Some(_), None) => 0,
    };
    if now - s.last_seen > idle {
        store::delete_session(&db, &s.token_hash).await?;
        return Ok(None);
    }
    // At most one write a minute per session: the idle timeout needs no finer clock, and a write on every request
    // would queue behind bookings for SQLite's single writer.
    if now - s.last_seen >= 60 {
        store::touch_session(&db, &s.token_hash, now).await?;
    }
    Ok(Some(s))
}

/// The session of this request, created (anonymous) when there is none.
pub async fn ensure() -> Result<Session, AppError> {
    if let Some(s) = current().await? {
        return Ok(s);
    }
    let db = db()?;
    let token = store::create_session(&db, None, now()?.timestamp()).await?;
    issue(&token, ANON_IDLE_SECS);
    store::find_session(&db, &token).await?.ok_or_else(|| AppError::internal("session vanished"))
}

/// Starts a signed-in session for `account_id`, replacing this request's session (a new token: no fixation),
/// carrying where to go next.
pub async fn sign_in(account_id: &str, return_to: Option<&str>) -> Result<(), AppError> {
    let db = db()?;
    let mut carry = None;
    if let Some(old) = current().await? {
        store::delete_session(&db, &old.token_hash).await?;
        carry = old.carry;
    }
    let token = store::create_session(&db, Some(account_id), now()?.timestamp()).await?;
    let hash = crate::store::sha256_hex(&token);
    if let Some(to) = return_to {
        store::set_session_field(&db, &hash, SessionField::ReturnTo, Some(to)).await?;
    }
    // What a form kept for after the sign-in ([`carry_across_sign_in`]) goes on with the person.
    if carry.is_some() {
        store::set_session_field(&db, &hash, SessionField::Carry, carry.as_deref()).await?;
    }
    issue(&token, CITIZEN_IDLE_SECS);
    Ok(())
}

/// Ends this request's session on the server and clears the cookie.
pub async fn sign_out() -> Result<(), AppError> {
    if let Some(s) = current().await? {
        store::delete_session(&db()?, &s.token_hash).await?;
    }
    issue("", 0);
    Ok(())
}

pub async fn identity() -> Result<Option<Identity>, AppError> {
    let Some(s) = current().await? else { return Ok(None) };
    let Some(id) = s.account_id else { return Ok(None) };
    store::identity(&db()?, &id).await.map_err(AppError::from)
}

/// The check every server function states: returns who is asking, or refuses (sign-in required, forbidden).
/// Someone must be signed in, whatever `need` says: a page open to anyone reads [`identity`] instead.
pub async fn require(need: Need) -> Result<Identity, AppError> {
    match identity().await? {
        Some(who) if allows(Some(&who), &need) => Ok(who),
        Some(_) => Err(AppError::Forbidden(crate::i18n::t(crate::i18n::Key::NoPermission).into())),
        None => Err(AppError::SignInRequired),
    }
}

pub async fn set_field(field: SessionField, value: Option<&str>) -> Result<(), AppError> {
    let s = ensure().await?;
    store::set_session_field(&db()?, &s.token_hash, field, value).await.map_err(AppError::from)
}

/// Keeps a failed form's values and errors for the next GET, then sends the person back to the form.
pub async fn fail_back(flash: &crate::domain::form::Flash, to: &str) -> Result<(), AppError> {
    let json = serde_json::to_string(flash).map_err(AppError::internal)?;
    set_field(SessionField::Flash, Some(&json)).await?;
    leptos_axum::redirect(to);
    Ok(())
}

/// The one ending of a form post: on to `ok` when it worked; back to `back` with the form's values and problems
/// when the service answered `Invalid`; any other error as it is.
pub async fn done_or_back<T>(result: Result<T, AppError>, ok: &str, back: &str) -> Result<(), AppError> {
    match result {
        Ok(_) => {
            leptos_axum::redirect(ok);
            Ok(())
        }
        Err(AppError::Invalid(flash)) => fail_back(&flash, back).await,
        Err(e) => Err(e),
    }
}

/// Keeps a form's values (`flash`, its errors dropped) for the page at `at` after the person signs in: the page
/// asked them to sign in first (a bad rating needs the verified phone) and they should not type it all again.
pub async fn carry_across_sign_in(flash: &crate::domain::form::Flash, at: &str) -> Result<(), AppError> {
    let mut kept = flash.clone().with_value("at", at);
    kept.errors.clear();
    let json = serde_json::to_string(&kept).map_err(AppError::internal)?;
    set_field(SessionField::Carry, Some(&json)).await
}

/// The values [`carry_across_sign_in`] kept for `form` on the page at `at`; read once, and only when signed in.
pub async fn take_carried(form: &str, at: &str) -> Result<Option<crate::domain::form::Flash>, AppError> {
    let Some(s) = current().await? else { return Ok(None) };
    let (Some(json), Some(_)) = (s.carry, s.account_id) else { return Ok(None) };
    store::set_session_field(&db()?, &s.token_hash, SessionField::Carry, None).await?;
    Ok(serde_json::from_str::<crate::domain::form::Flash>(&json).ok().filter(|f| f.form == form && f.value("at") == at))
}

/// The flash of any form whose name starts with `prefix` (one page family, like an application's pages); read once.
pub async fn take_flash_prefixed(prefix: &str) -> Result<Option<crate::domain::form::Flash>, AppError> {
    take_flash_if(|form| form.starts_with(prefix)).await
}

/// The flash for `form`, if the last post of that form failed; read once.
pub async fn take_flash(form: &str) -> Result<Option<crate::domain::form::Flash>, AppError> {
    take_flash_if(|f| f == form).await
}

async fn take_flash_if(keep: impl Fn(&str) -> bool) -> Result<Option<crate::domain::form::Flash>, AppError> {
    let Some(s) = current().await? else { return Ok(None) };
    let Some(json) = s.flash else { return Ok(None) };
    store::set_session_field(&db()?, &s.token_hash, SessionField::Flash, None).await?;
    Ok(serde_json::from_str::<crate::domain::form::Flash>(&json).ok().filter(|f| keep(&f.form)))
}
