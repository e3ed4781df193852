//! Sign-in and sign-out: citizens by phone and one-time SMS code, staff by username and password.
//! Every function is a plain form post that redirects, so it works without JavaScript.

use crate::error::AppError;
use crate::domain::form::Flash;
pub use crate::domain::accounts::page::Me;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignInPage {
    pub flash: Flash,
    /// For the code page: the number the code went to, masked.
    pub pending_phone: Option<String>,
    pub next: String,
}

#[server]
pub async fn whoami() -> Result<Option<Me>, AppError> {
    let Some(id) = super::session::identity().await? else { return Ok(None) };
    Ok(crate::service::accounts::me(&super::context::db()?, id).await?)
}

/// What a sign-in form page shows: the last failure of `form`, and the pending phone for the code page.
#[server]
pub async fn sign_in_state(form: String, next: Option<String>) -> Result<SignInPage, AppError> {
    use crate::domain::accounts::safe_return_to;
    let flash = super::session::take_flash(&form).await?.unwrap_or_else(|| Flash::new(&form));
    let session = super::session::current().await?;
    let pending_phone =
        session.as_ref().and_then(|s| s.pending_phone.as_deref()).map(crate::domain::pii::mask_mobile);
    let next = next.or_else(|| session.and_then(|s| s.return_to)).map(|n| safe_return_to(&n)).unwrap_or_default();
    Ok(SignInPage { flash, pending_phone, next })
}

#[server(endpoint = "send_code")]
pub async fn send_code(phone: Option<String>, next: Option<String>) -> Result<(), AppError> {
    use super::context::{now, state};
    use super::session::{client_address, fail_back, set_field};
    use crate::domain::accounts::{normalise_mobile, safe_return_to};
    use crate::store::accounts::SessionField;
    let lang = crate::i18n::lang();
    let typed = phone.unwrap_or_default();
    let flash = Flash::new("signin").with_value("phone", &typed);
    if let Some(n) = next.as_deref().filter(|n| !n.is_empty()) {
        set_field(SessionField::ReturnTo, Some(&safe_return_to(n))).await?;
    }
    let pending = super::session::current().await?.and_then(|s| s.pending_phone);
    // A resend from the code page has no phone field: use the number already waiting for its code.
    let phone = if typed.trim().is_empty() { pending.clone() } else { normalise_mobile(&typed) };
    let Some(phone) = phone else {
        return fail_back(&flash.with_error("phone", crate::domain::accounts::mobile_problem(&typed, lang)), "/signin").await;
    };
    let st = state()?;
    match crate::service::accounts::send_code(&st.db, st.sms.as_ref(), &phone, &client_address(), lang, now()?.timestamp()).await {
        Ok(()) => {}
        Err(AppError::Refused(message)) => {
            let back = if typed.trim().is_empty() { "/signin/code" } else { "/signin" };
            let form = if typed.trim().is_empty() { "code" } else { "signin" };
            let field = if form == "code" { "code" } else { "phone" };
            let flash = Flash { form: form.into(), ..flash }.with_error(field, message);
            if form == "signin" {
                // The code already sent is still good: let them use it.
                set_field(SessionField::PendingPhone, Some(&phone)).await?;
            }
            return fail_back(&flash, back).await;
        }
        Err(e) => return Err(e),
    }
    set_field(SessionField::PendingPhone, Some(&phone)).await?;
    leptos_axum::redirect("/signin/code");
    Ok(())
}

#[server(endpoint = "verify_code")]
pub async fn verify_code(code: Option<String>) -> Result<(), AppError> {
    use super::context::{db, now};
    use super::session::{client_address, fail_back};
    use crate::domain::accounts::safe_return_to;
    let lang = crate::i18n::lang();
    let typed = code.unwrap_or_default();
    let flash = Flash::new("code").with_value("code", &typed);
    let session = super::session::current().await?;
    let Some(phone) = session.as_ref().and_then(|s| s.pending_phone.clone()) else {
        leptos_axum::redirect("/signin");
        return Ok(());
    };
    let return_to = safe_return_to(session.as_ref().and_then(|s| s.return_to.as_deref()).unwrap_or("/"));
    let checked = crate::service::accounts::check_code(&db()?, &phone, &client_address(), &typed, lang, now()?.timestamp()).await;
    let account = match checked {
        Ok(account) => account,
        Err(AppError::Refused(message)) => return fail_back(&flash.with_error("code", message), "/signin/code").await,
        Err(e) => return Err(e),
    };
    if account.pipl_accepted_at.is_none() {
        super::session::sign_in(&account.id, Some(&return_to)).await?;
        leptos_axum::redirect("/signin/notice");
    } else {
        super::session::sign_in(&account.id, None).await?;
        leptos_axum::redirect(&return_to);
    }
    Ok(())
}

/// The personal-information notice (PIPL), accepted once on first sign-in.
#[server(endpoint = "accept_notice")]
pub async fn accept_notice(agree: Option<String>) -> Result<(), AppError> {
    use super::context::{db, now};
    use crate::domain::accounts::{safe_return_to, Need};
    let who = super::session::require(Need::SignedIn).await?;
    if agree.as_deref() != Some("yes") {
        super::session::sign_out().await?;
        leptos_axum::redirect("/");
        return Ok(());
    }
    crate::store::accounts::accept_notice(&db()?, &who.account_id, now()?.timestamp()).await?;
    let back = super::session::current().await?.and_then(|s| s.return_to).unwrap_or_default();
    leptos_axum::redirect(&safe_return_to(&back));
    Ok(())
}

#[server(endpoint = "staff_sign_in")]
pub async fn staff_sign_in(
    username: Option<String>,
    password: Option<String>,
    next: Option<String>,
) -> Result<(), AppError> {
    use super::context::{db, now};
    use super::session::fail_back;
    use crate::domain::accounts::safe_return_to;
    let lang = crate::i18n::lang();
    let (username, password) = (username.unwrap_or_default().trim().to_string(), password.unwrap_or_default());
    let flash = Flash::new("staff").with_value("username", &username).with_value("next", next.as_deref().unwrap_or(""));
    let account_id = match crate::service::accounts::staff_password(&db()?, &username, &password, lang, now()?.timestamp()).await {
        Ok(id) => id,
        Err(AppError::Invalid(empty)) => return fail_back(&Flash { errors: empty.errors, ..flash }, "/signin/staff").await,
        Err(AppError::Refused(message)) => return fail_back(&flash.with_error("password", message), "/signin/staff").await,
        Err(e) => return Err(e),
    };
    super::session::sign_in(&account_id, None).await?;
    let to = next.filter(|n| !n.is_empty()).map(|n| safe_return_to(&n)).unwrap_or_else(|| "/staff".to_string());
    leptos_axum::redirect(&to);
    Ok(())
}

#[server(endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    super::session::sign_out().await?;
    leptos_axum::redirect("/signed-out");
    Ok(())
}
