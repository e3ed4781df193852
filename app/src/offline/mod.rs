//! The browser's side of online filing (issue 17; hydrate only): drafts kept in IndexedDB as they are typed, checked
//! by the server's own `domain::form::validate`, synced with the server's drafts; an outbox of submits and files made
//! offline, sent when the network is back; uploads with progress, large photos made smaller first.
//!
//! | module | what |
//! |---|---|
//! | [`db`] | the `palm-drafts` database: `drafts`, `outbox`, `files`, `meta` (indexed_db_futures) |
//! | [`form`] | reading a form's inputs, filling them again, a message beside a field |
//! | [`keeper`] | a section or delivery page: save within a second, restore, validate, sync |
//! | [`outbox`] | what waits to be sent (sections, files, submits) and sending it (gloo-net, XMLHttpRequest) |
//! | [`upload`] | a material's page: check, make smaller, upload with progress, or keep until online |
//!
//! The islands that call these are in `components::drafts`; what they say is `domain::form::keep::Said`.

pub mod db;
pub mod form;
pub mod keeper;
pub mod outbox;
pub mod upload;

/// The browser window (an island only runs in one).
pub fn window() -> web_sys::Window {
    web_sys::window().expect("islands run in a browser window")
}

/// Does the browser believe it is online? (False only when it knows it is not: a submit made while `true` can
/// still fail, and is then kept too.)
pub fn online() -> bool {
    window().navigator().on_line()
}

/// The server's clock as this browser reckons it (unix seconds): the browser's clock corrected by the offset the
/// last page from the server showed. Edits are dated on it, so "the newer wins" compares like with like, and the
/// test clock of a browser context is the server's.
#[derive(Clone, Copy, Debug)]
pub struct Clock {
    offset: f64,
}

impl Clock {
    /// The clock from a page made at `server_now`: trusted when the browser is online (the page is fresh), else the
    /// offset kept from the last fresh page.
    pub async fn from_page(server_now: i64) -> Self {
        let here = js_sys::Date::now() / 1000.0;
        let fresh = server_now as f64 - here;
        if online() {
            let _ = db::put_meta("clock", fresh).await;
            return Self { offset: fresh };
        }
        let kept = db::meta("clock").await.ok().flatten();
        Self { offset: kept.unwrap_or(fresh) }
    }

    pub fn now(self) -> f64 {
        (js_sys::Date::now() / 1000.0 + self.offset).floor()
    }
}
