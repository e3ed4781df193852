//! Live parts of a page: islands that listen to server-sent events (`/events/…`). The page around them is complete
//! without JavaScript (it offers a [`super::refresh_button::RefreshButton`] instead); these only keep it up to date.

use crate::domain::queue::TicketLive;
use crate::i18n::Lang;
use leptos::prelude::*;

/// A ticket's state, people ahead and window, kept live while the page is open.
#[island]
pub fn LiveTicket(code: String, initial: TicketLive, lang: Lang) -> impl IntoView {
    let live = RwSignal::new(initial);
    #[cfg(feature = "hydrate")]
    listen(&format!("/events/tickets/{code}"), move |v: TicketLive| live.set(v));
    #[cfg(not(feature = "hydrate"))]
    let _ = code;
    let status = move || live.get().words(lang);
    view! {
        <div class=move || format!("ticket-live ticket-live--{}", live.get().state.code()) role="status" data-testid="ticket-live">
            <p class="ticket-live__headline">{move || status().0}</p>
            <p class="ticket-live__detail">{move || status().1}</p>
        </div>
    }
}

/// Opens an EventSource on `url` and hands each message, parsed from JSON, to `on`. The browser reconnects by
/// itself when the connection drops; a `gone` event reloads the page.
#[cfg(feature = "hydrate")]
pub fn listen<T: serde::de::DeserializeOwned + 'static>(url: &str, on: impl Fn(T) + 'static) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let Ok(source) = web_sys::EventSource::new(url) else { return };
    let handler = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        if let Some(v) = e.data().as_string().and_then(|s| serde_json::from_str::<T>(&s).ok()) {
            on(v);
        }
    });
    source.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // The page no longer applies (a window screen's device was revoked, even before this stream connected): the
    // server says so with a `gone` event, and the page is read again to show what it says now.
    let gone = Closure::<dyn FnMut()>::new(move || {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    let _ = source.add_event_listener_with_callback("gone", gone.as_ref().unchecked_ref());
    // All live as long as the page.
    gone.forget();
    handler.forget();
    std::mem::forget(source);
}

