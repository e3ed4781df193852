use crate::i18n::lang;
use leptos::prelude::*;

/// Without JavaScript a live page cannot update itself: a "刷新" button reloads it (never a meta refresh).
#[component]
pub fn RefreshButton(#[prop(into)] href: String) -> impl IntoView {
    let label = lang().pick("刷新", "Refresh");
    view! {
        <noscript>
            <form method="get" action=href class="refresh-form">
                <button class="button button--secondary" type="submit">{label}</button>
            </form>
        </noscript>
    }
}

