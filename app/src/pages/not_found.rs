use crate::components::not_found::NotFoundBody;
use leptos::prelude::*;
use crate::i18n::{t, Key};

/// 404: says what to do next.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::api::context::not_found();
    view! { <NotFoundBody what=t(Key::PageWord)/> }
}
