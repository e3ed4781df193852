use leptos::prelude::*;
use crate::i18n::{t, Key};

/// A link styled as a button (start buttons, "继续").
#[component]
pub fn LinkButton(#[prop(into)] href: String, children: Children) -> impl IntoView {
    view! { <a class="button" href=href role="button" draggable="false">{children()}</a> }
}

/// A capability that has not opened yet: says so honestly instead of linking to nothing.
#[component]
pub fn ComingSoon(#[prop(into)] label: String) -> impl IntoView {
    view! {
        <p class="button button--disabled" aria-disabled="true">
            {label}<span class="button__note">{t(Key::ComingSoon)}</span>
        </p>
    }
}
