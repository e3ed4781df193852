//! Signing in as workflows: a one-time code by SMS for citizens (sent within the limits, checked once), and a
//! password for staff (with the lock after repeated failures). The session itself — cookies, the pending phone, the
//! return address — is the server function's business (`api::session`); these say what happened.

use crate::domain::accounts::{CodeCheck, OTP};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::store::accounts::{self as store, Account, AccountKey};
use crate::store::notifications::SmsGateway;
use crate::store::Db;

/// Who is signed in, for the header and the account page: `None` if the account is gone.
pub async fn me(db: &Db, id: crate::domain::accounts::Identity) -> Result<Option<crate::domain::accounts::page::Me>, sqlx::Error> {
    let a = store::account_by(db, AccountKey::Id, &id.account_id).await?;
    Ok(a.map(|a| crate::domain::accounts::page::Me {
        display_name: id.display_name,
        phone_masked: a.phone.as_deref().map(crate::domain::pii::mask_mobile),
        username: a.username,
        grants: id.grants,
        staff: a.kind == crate::domain::accounts::AccountKind::Staff,
    }))
}

/// Sends a sign-in code to `phone` (normalised), within the per-number and per-address limits, which are checked
/// and the code stored in one atomic step so concurrent requests cannot pass them together. `Refused` with the
/// limit's message; the SMS is delivered at once, and the notification queue retries if the gateway fails.
pub async fn send_code(db: &Db, sms: &dyn SmsGateway, phone: &str, address: &str, lang: Lang, now: i64) -> Result<(), AppError> {
    use rand::Rng;
    let code = format!("{:06}", rand::rngs::OsRng.gen_range(0..1_000_000));
    if let Err(refusal) = store::claim_code(db, phone, address, &code, now, &OTP).await? {
        return Err(AppError::Refused(refusal.message_in(lang)));
    }
    let body = crate::domain::sms::Sms::SignInCode { code: &code, minutes: OTP.ttl_secs / 60 }.text(crate::i18n::Lang::Zh);
    crate::store::notifications::enqueue(db, phone, "otp", &body, now).await?;
    let _ = crate::store::notifications::deliver_due(db, sms, now).await;
    Ok(())
}

/// Checks the code typed for `phone`: checked, counted and (if right) used up in one atomic step. `Ok` with the
/// citizen's account (made on first sign-in); `Refused` with what to do: the typed form is wrong, too many tries
/// from this address, or the code is wrong, used or expired.
pub async fn check_code(db: &Db, phone: &str, address: &str, typed: &str, lang: Lang, now: i64) -> Result<Account, AppError> {
    let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != 6 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(AppError::Refused(lang.pick("请输入短信中的6位数字验证码", "Enter the 6-digit code from the text message").into()));
    }
    match store::try_code(db, phone, address, &digits, now, &OTP).await? {
        store::Tried::AddressLimit => Err(AppError::Refused(lang.pick("尝试次数过多，请1小时后再试", "Too many tries. Try again in an hour").into())),
        store::Tried::Checked(CodeCheck::Accepted) => Ok(store::citizen_for_phone(db, phone, now).await?),
        store::Tried::Checked(wrong) => Err(AppError::Refused(wrong.message_in(lang).unwrap_or_default())),
    }
}

/// Checks a staff member's username and password. `Ok` with the account id; otherwise `Refused` with one answer
/// for an unknown username, a wrong password and a locked account, so none of them tells a stranger which
/// usernames exist or how many tries are left (issue 12). Five wrong in a row lock the account for 15 minutes.
/// An empty username or password is `Invalid` with an error on each empty field.
pub async fn staff_password(db: &Db, username: &str, password: &str, lang: Lang, now: i64) -> Result<String, AppError> {
    use crate::domain::accounts::{LOCK_AFTER, LOCK_SECS};
    let mut empty = crate::domain::form::Flash::new("staff");
    if username.is_empty() {
        empty = empty.with_error("username", lang.pick("请输入用户名", "Enter your username"));
    }
    if password.is_empty() {
        empty = empty.with_error("password", lang.pick("请输入密码", "Enter your password"));
    }
    if !empty.errors.is_empty() {
        return Err(AppError::Invalid(empty));
    }
    let minutes = LOCK_SECS / 60;
    let wrong = || {
        AppError::Refused(lang.pick(
            format!("用户名或密码不正确。连续输错{LOCK_AFTER}次，账号将锁定{minutes}分钟；已锁定的账号请稍后再试，或联系中心管理员解锁"),
            format!("The username or password is not right. After {LOCK_AFTER} wrong passwords in a row the account is locked for {minutes} minutes; if it is locked, try again later or ask the centre administrator to unlock it"),
        ))
    };
    let Some(a) = store::account_by(db, AccountKey::Username, username).await? else {
        // Same work and message as a wrong password, so usernames cannot be probed.
        let _ = crate::store::passwords::verify(password, &crate::store::passwords::dummy_hash());
        return Err(wrong());
    };
    if let store::PasswordTry::Locked { .. } = store::claim_password_try(db, &a.id, now).await? {
        // Locked: the password is not checked (that would let the lock be probed), and the answer is the same.
        let _ = crate::store::passwords::verify(password, &crate::store::passwords::dummy_hash());
        return Err(wrong());
    }
    if !a.password_hash.as_deref().is_some_and(|h| crate::store::passwords::verify(password, h)) {
        return Err(wrong());
    }
    store::clear_lock(db, &a.id).await?;
    Ok(a.id)
}
