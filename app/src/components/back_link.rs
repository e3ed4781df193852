use leptos::prelude::*;
use crate::i18n::{t, Key};

/// A link back to where the person came from (GOV.UK back link).
#[component]
pub fn BackLink(#[prop(into)] href: String, #[prop(into, optional)] text: Option<String>) -> impl IntoView {
    view! { <a class="back-link" href=href>{text.unwrap_or_else(|| t(Key::Back).to_string())}</a> }
}
