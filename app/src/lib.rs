//! Palm Hall (掌上办事大厅): the Leptos app. Rendered on the server (feature `ssr`); only islands hydrate in the
//! browser (feature `hydrate`).
// The admin page's view type is deep enough to overflow rustc's default query depth in the release WASM build.
#![recursion_limit = "256"]

pub mod api;
pub mod error;
pub mod app;
pub mod components;
pub mod domain;
pub mod i18n;
pub mod pages;
#[cfg(feature = "hydrate")]
pub mod offline;

#[cfg(any(feature = "ssr", test))]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod service;

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
