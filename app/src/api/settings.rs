//! Device preferences kept in a cookie: 长辈版 (elderly mode) and the interface language. Works without JavaScript: a form post that
//! sets the cookie and goes back to the page.

use leptos::prelude::*;

pub const ELDER_COOKIE: &str = "palm_elder";

/// Whether this request asked for elderly mode (read while rendering on the server).
pub fn elder_mode() -> bool {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|p| p.headers.get(http::header::COOKIE)?.to_str().ok().map(str::to_string))
            .and_then(|h| super::context::cookie_value(&h, ELDER_COOKIE))
            .is_some_and(|v| v == "1")
    }
    #[cfg(not(feature = "ssr"))]
    {
        false
    }
}

#[server(endpoint = "set_elder")]
pub async fn set_elder(on: String, back: Option<String>) -> Result<(), ServerFnError> {
    let value = if on == "1" { "1" } else { "0" };
    if let Some(r) = use_context::<leptos_axum::ResponseOptions>() {
        // A year on this device; not personal data, so not tied to an account.
        let cookie = format!("{ELDER_COOKIE}={value}; Path=/; SameSite=Lax; Max-Age=31536000");
        r.append_header(http::header::SET_COOKIE, http::HeaderValue::from_str(&cookie).map_err(|e| ServerFnError::new(e.to_string()))?);
    }
    leptos_axum::redirect(&crate::domain::accounts::safe_return_to(back.as_deref().unwrap_or("/")));
    Ok(())
}

/// Switches the interface language (zh-CN or en) on this device and goes back to the page.
#[server(endpoint = "set_lang")]
pub async fn set_lang(lang: String, back: Option<String>) -> Result<(), ServerFnError> {
    let lang = crate::i18n::Lang::parse(&lang);
    if let Some(r) = use_context::<leptos_axum::ResponseOptions>() {
        // A year on this device, like 长辈版.
        let cookie = format!("{}={}; Path=/; SameSite=Lax; Max-Age=31536000", crate::i18n::LANG_COOKIE, lang.tag());
        r.append_header(http::header::SET_COOKIE, http::HeaderValue::from_str(&cookie).map_err(|e| ServerFnError::new(e.to_string()))?);
    }
    // Back to the same page, sign-in pages included (the switch is on every page).
    leptos_axum::redirect(&crate::domain::accounts::safe_local_path(back.as_deref().unwrap_or("/")));
    Ok(())
}
