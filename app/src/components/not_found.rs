use crate::components::layout::Page;
use crate::components::search_box::SearchBox;
use crate::i18n::{lang, t, Key};
use leptos::prelude::*;

/// "找不到该…": what could not be found, and what to do next (search, or go home). The 404 page and every page
/// whose thing is missing (an unknown booking, ticket, window, point or item) show it.
#[component]
pub fn NotFoundBody(what: &'static str) -> impl IntoView {
    view! {
        <Page title=lang().pick(format!("找不到{what}"), format!("{what} not found"))>
            <h1>{lang().pick(format!("找不到该{what}"), format!("This {what} cannot be found"))}</h1>
            <p>{t(Key::NotFoundText)}</p>
            <p>{t(Key::NotFoundSearch)}</p>
            <SearchBox/>
            <p><a href="/">{t(Key::BackHome)}</a></p>
        </Page>
    }
}
