//! Sign-in and sign-out: citizens by phone and one-time SMS code, staff by username and password.
//! Every function is a plain form post that redirects, so it works without JavaScript.

use crate::error::AppError;
use crate::forms::Flash;
use crate::domain::accounts::Grant;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Who is signed in, for the header and the account page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Me {
    pub display_name: String,
    pub phone_masked: Option<String>,
    pub username: Option<String>,
    pub grants: Vec<Grant>,
    pub staff: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SignInPage {
    pub flash: Flash,
    /// For the code page: the number the code went to, masked.
    pub pending_phone: Option<String>,
    pub next: String,
}

#[server]
pub async fn whoami() -> Result<Option<Me>, AppError> {
    use super::context::db;
    use crate::store::accounts::{account_by, AccountKey};
    let Some(id) = super::session::identity().await? else { return Ok(None) };
    let a = account_by(&db()?, AccountKey::Id, &id.account_id).await?;
    Ok(a.map(|a| Me {
        display_name: id.display_name,
        phone_masked: a.phone.as_deref().map(crate::domain::pii::mask_mobile),
        username: a.username,
        grants: id.grants,
        staff: a.kind == "staff",
    }))
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
    use super::context::{db, now, state};
    use super::session::{client_address, fail_back, set_field};
    use crate::domain::accounts::{normalise_mobile, safe_return_to, OTP};
    use crate::store::accounts::{claim_code, SessionField};
    use rand::Rng;
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
        let message = if typed.trim().is_empty() {
            lang.pick("请输入手机号码", "Enter your mobile number")
        } else {
            lang.pick("手机号码应为11位数字，如 13812345678", "Enter an 11-digit mobile number, like 13812345678")
        };
        return fail_back(&flash.with_error("phone", message), "/signin").await;
    };
    let db = db()?;
    let t = now()?.timestamp();
    let address = client_address();
    let code = format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000));
    // The limits are checked and the code stored in one atomic step: concurrent requests cannot pass them together.
    if let Err(refusal) = claim_code(&db, &phone, &address, &code, t, &OTP).await? {
        let back = if typed.trim().is_empty() { "/signin/code" } else { "/signin" };
        let form = if typed.trim().is_empty() { "code" } else { "signin" };
        let field = if form == "code" { "code" } else { "phone" };
        let flash = Flash { form: form.into(), ..flash }.with_error(field, refusal.message_in(lang));
        if form == "signin" {
            // The code already sent is still good: let them use it.
            set_field(SessionField::PendingPhone, Some(&phone)).await?;
        }
        return fail_back(&flash, back).await;
    }
    let body = format!("【嵩明政务】您的登录验证码为{code}，5分钟内有效。请勿将验证码告诉他人。");
    crate::store::notifications::enqueue(&db, &phone, "otp", &body, t).await?;
    // Deliver now rather than at the worker's next tick; the queue retries if the gateway fails.
    let _ = crate::store::notifications::deliver_due(&db, state()?.sms.as_ref(), t).await;
    set_field(SessionField::PendingPhone, Some(&phone)).await?;
    leptos_axum::redirect("/signin/code");
    Ok(())
}

#[server(endpoint = "verify_code")]
pub async fn verify_code(code: Option<String>) -> Result<(), AppError> {
    use super::context::{db, now};
    use super::session::{client_address, fail_back};
    use crate::domain::accounts::{safe_return_to, CodeCheck, OTP};
    use crate::store::accounts as store;
    let lang = crate::i18n::lang();
    let typed = code.unwrap_or_default();
    let flash = Flash::new("code").with_value("code", &typed);
    let session = super::session::current().await?;
    let Some(phone) = session.as_ref().and_then(|s| s.pending_phone.clone()) else {
        leptos_axum::redirect("/signin");
        return Ok(());
    };
    let return_to = safe_return_to(session.as_ref().and_then(|s| s.return_to.as_deref()).unwrap_or("/"));
    let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 6 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return fail_back(&flash.with_error("code", lang.pick("请输入短信中的6位数字验证码", "Enter the 6-digit code from the text message")), "/signin/code").await;
    }
    let db = db()?;
    let t = now()?.timestamp();
    let address = client_address();
    // Checked, counted and (if right) used up in one atomic step (`store::accounts::try_code`).
    match store::try_code(&db, &phone, &address, &digits, t, &OTP).await? {
        store::Tried::AddressLimit => {
            return fail_back(&flash.with_error("code", lang.pick("尝试次数过多，请1小时后再试", "Too many tries. Try again in an hour")), "/signin/code").await;
        }
        store::Tried::Checked(CodeCheck::Accepted) => {}
        store::Tried::Checked(wrong) => {
            return fail_back(&flash.with_error("code", wrong.message_in(lang).unwrap_or_default()), "/signin/code").await;
        }
    }
    let account = store::citizen_for_phone(&db, &phone, t).await?;
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
    use crate::store::accounts::{self as store, AccountKey};
    let lang = crate::i18n::lang();
    let (username, password) = (username.unwrap_or_default().trim().to_string(), password.unwrap_or_default());
    let mut flash = Flash::new("staff").with_value("username", &username).with_value("next", next.as_deref().unwrap_or(""));
    if username.is_empty() {
        flash = flash.with_error("username", lang.pick("请输入用户名", "Enter your username"));
    }
    if password.is_empty() {
        flash = flash.with_error("password", lang.pick("请输入密码", "Enter your password"));
    }
    if !flash.errors.is_empty() {
        return fail_back(&flash, "/signin/staff").await;
    }
    let db = db()?;
    let t = now()?.timestamp();
    let account = store::account_by(&db, AccountKey::Username, &username).await?;
    // One answer for an unknown username, a wrong password and a locked account, so none of them tells a stranger
    // which usernames exist or how many tries are left (issue 12). The administrator sees locks on /admin.
    let wrong = lang.pick(
        "用户名或密码不正确。连续输错5次，账号将锁定15分钟；已锁定的账号请稍后再试，或联系中心管理员解锁",
        "The username or password is not right. After 5 wrong passwords in a row the account is locked for 15 minutes; if it is locked, try again later or ask the centre administrator to unlock it",
    );
    let Some(a) = account else {
        // Same work and message as a wrong password, so usernames cannot be probed.
        let _ = crate::store::passwords::verify(&password, &crate::store::passwords::dummy_hash());
        return fail_back(&flash.with_error("password", wrong), "/signin/staff").await;
    };
    if let store::PasswordTry::Locked { .. } = store::claim_password_try(&db, &a.id, t).await? {
        // Locked: the password is not checked (that would let the lock be probed), and the answer is the same.
        let _ = crate::store::passwords::verify(&password, &crate::store::passwords::dummy_hash());
        return fail_back(&flash.with_error("password", wrong), "/signin/staff").await;
    }
    let ok = a.password_hash.as_deref().is_some_and(|h| crate::store::passwords::verify(&password, h));
    if !ok {
        return fail_back(&flash.with_error("password", wrong), "/signin/staff").await;
    }
    store::clear_lock(&db, &a.id).await?;
    super::session::sign_in(&a.id, None).await?;
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
