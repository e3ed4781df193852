//! Device preferences kept in a cookie: 长辈版 (elderly mode). Works without JavaScript: a form post that
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
