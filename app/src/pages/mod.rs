//! One module per screen, grouped by capability.

pub mod accounts;
pub mod admin;
pub mod booking;
pub mod calendar;
pub mod cases;
pub mod dev_sms;
pub mod enterprise;
pub mod filing;
pub mod gallery;
pub mod guide;
pub mod home;
pub mod map;
pub mod not_found;
pub mod notices;
pub mod points;
pub mod proxy;
pub mod queue;
pub mod rating;
pub mod staff;

use crate::components::layout::Page;
use crate::error::AppError;
use leptos::prelude::*;
use crate::i18n::{t, Key};

/// This page's query string, read into its struct (one per page; see `domain::query`).
/// A route parameter of the page being rendered ("" when absent).
pub fn param(name: &str) -> String {
    leptos_router::hooks::use_params_map().read_untracked().get(name).unwrap_or_default()
}

pub fn query<T: crate::domain::query::FromQuery>() -> T {
    let q = leptos_router::hooks::use_query_map().read_untracked().clone();
    T::from_query(&|k| q.get(k))
}

/// Sends the browser on to `path` from a page being rendered, with a 302 (`api::context::redirect_found`).
#[cfg(feature = "ssr")]
pub fn redirect_page(path: &str) {
    crate::api::context::redirect_found(path);
}

/// Renders a page from a server function's result once it has loaded (pages are rendered whole on the server),
/// or a plain-language error page.
pub fn loaded<T, V>(
    load: impl std::future::Future<Output = Result<T, AppError>> + Send + 'static,
    render: impl FnOnce(T) -> V + Send + 'static,
) -> impl IntoView
where
    T: Send + 'static,
    V: IntoView + 'static,
{
    // A plain future, not a Resource: pages are not hydrated (only islands are), so nothing is serialised into the
    // HTML for the browser — a Resource would repeat the whole page's data as JSON at the end of the document.
    view! {
        <Suspense fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
            {Suspend::new(async move {
                match load.await {
                    Ok(value) => render(value).into_any(),
                    Err(e) => view! { <ServiceError error=e/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A page that needs sign-in: when sign-in is required, go to sign-in and come back to `next`.
pub fn signed_in<T: Send + 'static>(
    next: String,
    load: impl std::future::Future<Output = Result<T, AppError>> + Send + 'static,
) -> impl std::future::Future<Output = Result<T, AppError>> + Send + 'static {
    async move {
        let r = load.await;
        if let Err(AppError::SignInRequired) = &r {
            #[cfg(feature = "ssr")]
            crate::pages::redirect_page(&format!("/signin?next={}", crate::domain::html::encode_query(&next)));
        }
        let _ = &next;
        r
    }
}

#[component]
fn ServiceError(error: AppError) -> impl IntoView {
    // The page answers with the error's status (401, 403, 404, 422, 500): a refusal is not a success. A status
    // already set stands: a page that sends the person to sign in has set its redirect.
    #[cfg(feature = "ssr")]
    if let Some(r) = use_context::<leptos_axum::ResponseOptions>() {
        if r.0.read().map(|p| p.status.is_none()).unwrap_or(false) {
            r.set_status(http::StatusCode::from_u16(error.status()).unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR));
        }
    }
    if error == AppError::SignInRequired {
        return view! {
            <Page title=t(Key::PleaseSignIn)>
                <h1>{t(Key::PleaseSignIn)}</h1>
                <p>{t(Key::PleaseSignInText)}</p>
                <p><a href="/signin">{t(Key::CitizenSignIn)}</a>" · "<a href="/signin/staff">{t(Key::StaffSignIn)}</a></p>
            </Page>
        }
        .into_any();
    }
    let message = match &error {
        AppError::Internal | AppError::Busy(_) => t(Key::Busy).to_string(),
        other => other.message(),
    };
    view! {
        <Page title=t(Key::ErrorTitle)>
            <h1>{t(Key::ErrorHeading)}</h1>
            <p>{message}</p>
            <p>{t(Key::ErrorText)}</p>
        </Page>
    }
    .into_any()
}
