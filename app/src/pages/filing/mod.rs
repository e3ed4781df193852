//! Online filing (网上申报) pages, GOV.UK's "complete multiple tasks" pattern, every one a plain form post:
//! `/apply/{item}` starts, `/apply/d/{draft}` is the task list, `/apply/d/{draft}/s/{section}` one section,
//! `/apply/d/{draft}/materials` and `…/m/{material}` the uploads, `…/delivery` how the result is received,
//! `…/check` check answers and the declaration; `/cases/{number}` the confirmation, `/cases` 我的办件,
//! `/drafts` 我的草稿.

pub mod application;
mod fields;
pub mod materials;
pub mod mine;
pub mod start;

use crate::domain::form::page::ApplicationView;
use leptos::prelude::*;
use crate::domain::form::progress::TaskKind;
use crate::i18n::Lang;

pub use crate::pages::param;

/// Loads the application `:draft` of the page being rendered (signed in, coming back to this page after sign-in).
pub fn load() -> impl std::future::Future<Output = Result<ApplicationView, crate::error::AppError>> + Send + 'static {
    let here = leptos_router::hooks::use_location().pathname.get_untracked();
    crate::pages::signed_in(here, crate::api::filing::application(param("draft")))
}

/// The URL of an application's page for `task`.
pub fn task_href(draft: &str, task: &TaskKind) -> String {
    match task {
        TaskKind::Section(s) => format!("/apply/d/{draft}/s/{s}"),
        TaskKind::Uploads => format!("/apply/d/{draft}/materials"),
        TaskKind::Delivery => format!("/apply/d/{draft}/delivery"),
        TaskKind::Submit => format!("/apply/d/{draft}/check"),
    }
}

/// The caption over an application page's heading: the item's name.
pub fn caption(a: &ApplicationView) -> String {
    a.item_name.clone()
}

/// The application page's title, with 错误： when its post failed.
pub fn title(l: Lang, a: &ApplicationView, form: &str, heading: &str) -> String {
    let failed = a.flash.form == form && !a.flash.errors.is_empty();
    crate::i18n::page_title(l, failed, &format!("{heading} - {}", a.item_name))
}
