//! Live parts of a page: islands that listen to server-sent events (`/events/…`). The page around them is complete
//! without JavaScript (it offers a [`super::refresh_button::RefreshButton`] instead); these only keep it up to date.

use crate::domain::queue::TicketLive;
use crate::i18n::Lang;
use leptos::prelude::*;

/// A ticket's state, people ahead and window, kept live while the page is open.
#[island]
pub fn LiveTicket(code: String, initial: TicketLive, lang: Lang) -> impl IntoView {
    // Served while the page is open: the invitation to rate appears here (the page shows its own once loaded served).
    let served_at_load = initial.state == crate::domain::queue::TicketState::Served;
    let live = RwSignal::new(initial);
    #[cfg(feature = "hydrate")]
    listen(&format!("/events/tickets/{code}"), move |v: TicketLive| live.set(v));
    let status = move || live.get().words(lang);
    view! {
        <div class=move || format!("ticket-live ticket-live--{}", live.get().state.code()) role="status" data-testid="ticket-live">
            <p class="ticket-live__headline">{move || status().0}</p>
            <p class="ticket-live__detail">{move || status().1}</p>
        </div>
        {move || {
            let served = !served_at_load && live.get().state == crate::domain::queue::TicketState::Served;
            view! { <crate::components::rate_offer::RateOffer ticket=code.clone() served lang/> }
        }}
    }
}

/// Opens an EventSource on `url` and hands each message, parsed from JSON, to `on`. The browser reconnects by
/// itself when the connection drops; when it gives up (an error answer, such as a proxy's 502 while the server
/// restarts) a new stream is opened two seconds later, with the same handlers: a screen that runs all day keeps
/// one set of closures however often its network fails. A `gone` event reloads the page.
#[cfg(feature = "hydrate")]
pub fn listen<T: serde::de::DeserializeOwned + 'static>(url: &str, on: impl Fn(T) + 'static) {
    use std::cell::{OnceCell, RefCell};
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    struct Stream {
        url: String,
        message: Closure<dyn FnMut(web_sys::MessageEvent)>,
        gone: Closure<dyn FnMut()>,
        error: OnceCell<Closure<dyn FnMut()>>,
        again: OnceCell<Closure<dyn FnMut()>>,
        source: RefCell<Option<web_sys::EventSource>>,
    }

    fn open(s: &Stream) {
        let Ok(source) = web_sys::EventSource::new(&s.url) else { return };
        source.set_onmessage(Some(s.message.as_ref().unchecked_ref()));
        // The page no longer applies (a window screen's device was revoked, even before this stream connected):
        // the server says so with a `gone` event, and the page is read again to show what it says now.
        let _ = source.add_event_listener_with_callback("gone", s.gone.as_ref().unchecked_ref());
        if let Some(error) = s.error.get() {
            source.set_onerror(Some(error.as_ref().unchecked_ref()));
        }
        // The stream it replaces is closed; dropping it lets the browser collect it.
        if let Some(old) = s.source.replace(Some(source)) {
            old.close();
        }
    }

    let message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        if let Some(v) = e.data().as_string().and_then(|s| serde_json::from_str::<T>(&s).ok()) {
            on(v);
        }
    });
    let gone = Closure::<dyn FnMut()>::new(move || {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    let stream = Rc::new(Stream { url: url.to_string(), message, gone, error: OnceCell::new(), again: OnceCell::new(), source: RefCell::new(None) });
    let s = stream.clone();
    let _ = stream.again.set(Closure::<dyn FnMut()>::new(move || open(&s)));
    let s = stream.clone();
    let _ = stream.error.set(Closure::<dyn FnMut()>::new(move || {
        let closed = s.source.borrow().as_ref().is_some_and(|x| x.ready_state() == web_sys::EventSource::CLOSED);
        if let (true, Some(w), Some(again)) = (closed, web_sys::window(), s.again.get()) {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(again.as_ref().unchecked_ref(), 2000);
        }
    }));
    open(&stream);
    // As long as the page: the handlers refer to the stream, which holds them.
    std::mem::forget(stream);
}
