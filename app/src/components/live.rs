//! Live parts of a page: islands that listen to server-sent events (`/events/…`). The page around them is complete
//! without JavaScript (it offers a [`super::refresh_button::RefreshButton`] instead); these only keep it up to date.

use crate::domain::queue::{TicketLive, TicketState};
use leptos::prelude::*;

/// What a ticket's holder needs to know now, in Chinese or English.
pub fn ticket_status(live: &TicketLive, en: bool) -> (String, String) {
    let pick = |zh: String, e: String| if en { e } else { zh };
    let window = live.window_number.unwrap_or_default();
    match live.state {
        TicketState::Waiting if live.ahead == 0 => {
            (pick("下一位就是您".into(), "You are next".into()), pick("请留意叫号".into(), "Listen for your number".into()))
        }
        TicketState::Waiting => (
            pick(format!("前面还有{}人", live.ahead), format!("{} people ahead of you", live.ahead)),
            pick("请在大厅等候叫号".into(), "Please wait in the hall".into()),
        ),
        TicketState::Called => (
            pick(format!("请到{window}号窗口"), format!("Please go to window {window}")),
            pick("您的号码已叫到".into(), "Your number has been called".into()),
        ),
        TicketState::Served => (pick("已办结".into(), "Served".into()), pick("感谢您的耐心等候".into(), "Thank you for waiting".into())),
        TicketState::Skipped => (
            pick("您的号码已过号".into(), "Your number was missed".into()),
            pick(format!("请到{window}号窗口联系工作人员"), format!("Please speak to the staff at window {window}")),
        ),
    }
}

/// A ticket's state, people ahead and window, kept live while the page is open.
#[island]
pub fn LiveTicket(code: String, initial: TicketLive, en: bool) -> impl IntoView {
    let live = RwSignal::new(initial);
    #[cfg(feature = "hydrate")]
    listen(&format!("/events/tickets/{code}"), move |v: TicketLive| live.set(v));
    #[cfg(not(feature = "hydrate"))]
    let _ = code;
    let status = move || ticket_status(&live.get(), en);
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

