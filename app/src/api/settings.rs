//! Device preferences kept in a cookie: 长辈版 (elderly mode) and the interface language. Works without JavaScript: a form post that
//! sets the cookie and goes back to the page.

use crate::error::AppError;
use leptos::prelude::*;

pub const ELDER_COOKIE: &str = "palm_elder";

/// Whether this request asked for elderly mode (read while rendering on the server).
pub fn elder_mode() -> bool {
    #[cfg(feature = "ssr")]
    {
        super::context::request_cookie(ELDER_COOKIE).is_some_and(|v| v == "1")
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}

/// Device preferences are kept for a year.
#[cfg(feature = "ssr")]
const DEVICE_PREFERENCE_SECS: i64 = 365 * 24 * 3600;

#[server(endpoint = "set_elder")]
pub async fn set_elder(on: String, back: Option<String>) -> Result<(), AppError> {
    let value = if on == "1" { "1" } else { "0" };
    // A year on this device; not personal data, so not tied to an account.
    super::context::set_response_cookie(ELDER_COOKIE, value, DEVICE_PREFERENCE_SECS, false);
    leptos_axum::redirect(&crate::domain::accounts::safe_return_to(back.as_deref().unwrap_or("/")));
    Ok(())
}

/// Switches the interface language (zh-CN or en) on this device and goes back to the page.
#[server(endpoint = "set_lang")]
pub async fn set_lang(lang: String, back: Option<String>) -> Result<(), AppError> {
    let lang = crate::i18n::Lang::parse(&lang);
    super::context::set_response_cookie(crate::i18n::LANG_COOKIE, lang.tag(), DEVICE_PREFERENCE_SECS, false);
    // Back to the same page, sign-in pages included (the switch is on every page).
    leptos_axum::redirect(&crate::domain::accounts::safe_local_path(back.as_deref().unwrap_or("/")));
    Ok(())
}
