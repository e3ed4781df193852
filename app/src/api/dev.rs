//! Development-only pages (the component gallery): on only when the server was started with `PALM_DEV_PAGES=1`.

use leptos::prelude::*;

#[server]
pub async fn dev_pages_enabled() -> Result<bool, ServerFnError> {
    let on = super::context::state()?.dev_pages;
    if !on {
        super::context::not_found();
    }
    Ok(on)
}
