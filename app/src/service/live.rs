//! (ssr only) Server-sent events for the live pages: a ticket's place in the queue and a window screen. Each stream
//! sends the current state at once and again whenever a queue changes (and at least every 20 seconds, so a change
//! made by another server instance shows up too). Not server functions: plain axum routes under `/events/`, which
//! the service worker never touches.

use super::AppState;
use super::queue::{screen_live, ticket_live, DEVICE_COOKIE};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use futures::stream::Stream;
use std::convert::Infallible;
use crate::domain::rating::ms_to_next_slot;
use std::time::Duration;

/// What a live stream's read found: a value to send, nothing to say (an error, or nothing yet), or that the page no
/// longer applies (a revoked screen): then the stream sends a `gone` event and ends, and the island reloads the page.
enum Live<T> {
    Now(T),
    Nothing,
    Gone,
}

impl<T> From<Option<T>> for Live<T> {
    fn from(v: Option<T>) -> Self {
        v.map_or(Live::Nothing, Live::Now)
    }
}

/// Every live stream ends when this changes: `/dev/live/drop` (test servers only) cuts them all, as a dropped
/// network would, so the screen's soak test can check that pages reconnect and hold their memory.
static GENERATION: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Ends every open live stream (the browsers reconnect by themselves). For test servers.
pub fn drop_all() {
    GENERATION.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    crate::store::queue::changed();
}

/// The longest wait between two reads: a change made by another server instance shows up within it.
const POLL: Duration = Duration::from_secs(20);

/// How soon a browser reconnects after a stream dropped.
const RETRY: Duration = Duration::from_secs(2);

/// A stream that sends `read()` as JSON now, after each change and when `wait()` (at most [`POLL`]) has passed,
/// skipping repeats.
fn live_stream<T, F, Fut, W>(read: F, wait: W) -> impl Stream<Item = Result<Event, Infallible>>
where
    T: serde::Serialize + Send + 'static,
    F: Fn() -> Fut + Send + 'static,
    Fut: std::future::Future<Output = Live<T>> + Send,
    W: Fn() -> Duration + Send + 'static,
{
    let rx = crate::store::queue::subscribe();
    let generation = GENERATION.load(std::sync::atomic::Ordering::SeqCst);
    futures::stream::unfold(Some((rx, None::<String>, read, wait, true)), move |state| async move {
        let (mut rx, last, read, wait, mut first) = state?;
        loop {
            if !first {
                match tokio::time::timeout(wait().min(POLL), rx.recv()).await {
                    Err(_) | Ok(Ok(())) | Ok(Err(tokio::sync::broadcast::error::RecvError::Lagged(_))) => {}
                    Ok(Err(tokio::sync::broadcast::error::RecvError::Closed)) => return None,
                }
            }
            if GENERATION.load(std::sync::atomic::Ordering::SeqCst) != generation {
                return None;
            }
            first = false;
            let json = match read().await {
                Live::Gone => return Some((Ok(gone()), None)),
                Live::Nothing => None,
                Live::Now(v) => serde_json::to_string(&v).ok(),
            };
            if let Some(json) = json {
                if last.as_deref() != Some(json.as_str()) {
                    let mut event = Event::default().data(json.clone());
                    if last.is_none() {
                        // After a drop, browsers try again after this long (their default is 3 s or more).
                        event = event.retry(RETRY);
                    }
                    return Some((Ok(event), Some((rx, Some(json), read, wait, false))));
                }
            }
        }
    })
}

/// The page no longer applies (see [`Live::Gone`]). Browsers drop an event without data, so it says "gone".
fn gone() -> Event {
    Event::default().event("gone").data("gone")
}

fn sse<S: Stream<Item = Result<Event, Infallible>> + Send + 'static>(stream: S) -> Response {
    let mut res = Sse::new(stream).keep_alive(KeepAlive::default()).into_response();
    res.headers_mut().insert(axum::http::header::CACHE_CONTROL, axum::http::HeaderValue::from_static("no-store"));
    res
}

/// `/events/tickets/{code}`: a ticket's state, people ahead and window.
pub async fn ticket_events(State(state): State<AppState>, Path(code): Path<String>) -> Response {
    let db = state.db.clone();
    match crate::store::queue::by_code(&db, &code).await {
        Ok(Some(_)) => {}
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(_) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
    sse(live_stream(move || {
        let (db, code) = (db.clone(), code.clone());
        async move {
            let Ok(Some(t)) = crate::store::queue::by_code(&db, &code).await else { return Live::Nothing };
            ticket_live(&db, &t).await.ok().into()
        }
    }, || POLL))
}

/// `/events/windows/{id}`: what a window screen shows. Only for the window's registered screen.
pub async fn screen_events(State(state): State<AppState>, Path(window_id): Path<String>, headers: HeaderMap) -> Response {
    let db = state.db.clone();
    let cookie = headers.get(axum::http::header::COOKIE).and_then(|v| v.to_str().ok());
    let token = cookie.and_then(|c| super::cookie_value(c, DEVICE_COOKIE));
    let paired = match &token {
        Some(t) => crate::store::queue::device_window(&db, t).await.ok().flatten().as_deref() == Some(window_id.as_str()),
        None => false,
    };
    if !paired {
        if token.is_some() {
            // A device whose registration was revoked (possibly while its page was loading): tell its page to reload
            // and show "此设备未登记". The event carries nothing else.
            return sse(futures::stream::once(async { Ok(gone()) }));
        }
        return (StatusCode::FORBIDDEN, "此设备未登记").into_response();
    }
    let Ok(Some(w)) = crate::store::queue::window(&db, &window_id).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let (clock, rotate) = (state.clock.clone(), state.filing.rating_limits.token_rotate_secs);
    let (cookie, token) = (cookie.map(str::to_string), token.unwrap_or_default());
    let wake = {
        let (clock, cookie) = (clock.clone(), cookie.clone());
        // Read again as the next token slot begins (just after, so the read is in the new slot).
        move || Duration::from_millis(ms_to_next_slot(clock.now_for(cookie.as_deref()).timestamp_millis(), rotate) + 20)
    };
    sse(live_stream(move || {
        let (state, w, now, token) = (state.clone(), w.clone(), clock.now_for(cookie.as_deref()), token.clone());
        async move {
            // Revoked by the administrator (a lost or stolen screen): stop at once.
            match crate::store::queue::device_window(&state.db, &token).await {
                Ok(Some(id)) if id == w.id => screen_live(&state, &w, now).await.ok().into(),
                Ok(_) => Live::Gone,
                Err(_) => Live::Nothing,
            }
        }
    }, wake))
}
