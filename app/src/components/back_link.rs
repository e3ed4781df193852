use leptos::prelude::*;

/// A link back to where the person came from (GOV.UK back link).
#[component]
pub fn BackLink(#[prop(into)] href: String, #[prop(into, default = "返回".into())] text: String) -> impl IntoView {
    view! { <a class="back-link" href=href>{text}</a> }
}
