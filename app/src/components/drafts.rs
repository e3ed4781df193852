//! The filing pages' islands (issue 17). Each wraps a server-rendered form that works without JavaScript, and
//! adds what only a browser can: keeping what is typed in IndexedDB, checking it as it is typed, an outbox for
//! a submit made offline, uploads with progress. The work is in `crate::offline` (hydrate only); what they say is
//! `domain::form::keep::Said`.

use crate::i18n::Lang;
use leptos::prelude::*;

/// An island's props as one JSON string (`domain::form::keep`'s types, serialized on the server): read inside the
/// lazily loaded island, so their deserializers (a form's sections and fields) stay out of the WASM every island
/// page loads.
pub fn props<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

#[cfg(feature = "hydrate")]
fn parse<T: serde::de::DeserializeOwned>(json: &str) -> Option<T> {
    serde_json::from_str(json).ok()
}

/// Runs `start` once with the island's root element, after hydration.
#[cfg(feature = "hydrate")]
fn on_mount(root: NodeRef<leptos::html::Div>, start: impl FnOnce(web_sys::Element) + 'static) {
    let start = std::cell::RefCell::new(Some(start));
    Effect::new(move |_| {
        if let Some(el) = root.get() {
            if let Some(f) = start.borrow_mut().take() {
                f(el.into());
            }
        }
    });
}

/// A line the island says, in a live region polite to screen readers; nothing shows while it has nothing to say.
fn status_line(status: RwSignal<String>) -> impl IntoView {
    view! {
        <div role="status">
            {move || {
                let said = status.get();
                (!said.is_empty()).then(|| view! { <p class="drafts__status">{said}</p> })
            }}
        </div>
    }
}

/// Around a section's or the delivery page's form: kept as typed, checked as typed, synced. `keep`: a
/// `KeepPage` ([`props`]).
#[island(lazy)]
pub fn DraftKeeper(keep: String, children: Children) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let root = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    on_mount(root, move |el| {
        if let Some(keep) = parse(&keep) {
            crate::offline::keeper::start(el, keep, status)
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = keep;
    view! {
        <div class="drafts" node_ref=root>
            {status_line(status)}
            {children()}
        </div>
    }
}

/// Around a material's upload form: checked before sending, large photos made smaller, progress, kept offline.
/// `keep`: a `KeepUpload` ([`props`]).
#[island(lazy)]
pub fn UploadKeeper(keep: String, children: Children) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let root = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    on_mount(root, move |el| {
        if let Some(keep) = parse(&keep) {
            crate::offline::upload::start(el, keep, status)
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = keep;
    view! {
        <div class="drafts" node_ref=root>
            {status_line(status)}
            {children()}
        </div>
    }
}

/// What waits on this device to be sent (submits, files), sent when the network is back; on the check page it
/// also holds a submit made offline (`submit`: a `Submit` ([`props`]), around the submit form). Its children are the
/// page's own content.
#[island(lazy)]
pub fn Outbox(owner: String, lang: Lang, submit: String, children: Children) -> impl IntoView {
    let waiting = RwSignal::new(Vec::<String>::new());
    let sent = RwSignal::new(Vec::<(String, String)>::new());
    let root = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    on_mount(root, move |el| crate::offline::outbox::start(el, owner, lang, parse(&submit), waiting, sent));
    #[cfg(not(feature = "hydrate"))]
    let _ = (owner, submit);
    let view_label = lang.pick("查看", "View");
    view! {
        <div class="outbox" node_ref=root>
            <div class="outbox__status" role="status" data-testid="outbox">
                {move || waiting.get().into_iter().map(|line| view! { <p class="outbox__line outbox__line--waiting">{line}</p> }).collect_view()}
                {move || sent.get().into_iter().map(|(line, href)| view! {
                    <p class="outbox__line">{line}" "<a href=href>{view_label}</a></p>
                }).collect_view()}
            </div>
            {children()}
        </div>
    }
}

/// Around the sign-out button: drafts and what waits are sent, then removed from this device, before signing out.
#[island(lazy)]
pub fn SignOutSync(lang: Lang, children: Children) -> impl IntoView {
    let status = RwSignal::new(String::new());
    let root = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    on_mount(root, move |el| crate::offline::outbox::sign_out(el, lang, status));
    #[cfg(not(feature = "hydrate"))]
    let _ = lang;
    view! {
        <div node_ref=root>
            {status_line(status)}
            {children()}
        </div>
    }
}
