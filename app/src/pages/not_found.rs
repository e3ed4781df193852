use crate::components::layout::Page;
use crate::components::search_box::SearchBox;
use leptos::prelude::*;
use crate::i18n::{lang, t, Key};

/// 404: says what to do next.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::api::context::not_found();
    view! { <NotFoundBody what=t(Key::PageWord)/> }
}

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
