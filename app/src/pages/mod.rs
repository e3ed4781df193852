//! One module per screen, grouped by capability.

pub mod accounts;
pub mod admin;
pub mod calendar;
pub mod dev_sms;
pub mod gallery;
pub mod guide;
pub mod home;
pub mod map;
pub mod not_found;
pub mod points;
pub mod staff;

use crate::components::layout::Page;
use leptos::prelude::*;
use crate::i18n::{t, Key};
use serde::{de::DeserializeOwned, Serialize};
use std::sync::Arc;

/// Renders a page from a server function's result once it has loaded (pages are rendered whole on the server),
/// or a plain-language error page.
pub fn loaded<T, V>(
    resource: Resource<Result<T, ServerFnError>>,
    render: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    let render = Arc::new(render);
    view! {
        <Suspense fallback=|| view! { <p class="loading">{t(Key::Loading)}</p> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => render(value).into_any(),
                        Err(e) => view! { <ServiceError error=e/> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn ServiceError(error: ServerFnError) -> impl IntoView {
    let message = match error {
        ServerFnError::ServerError(m) => m,
        _ => t(Key::Busy).to_string(),
    };
    if message == "请先登录" {
        return view! {
            <Page title=t(Key::PleaseSignIn)>
                <h1>{t(Key::PleaseSignIn)}</h1>
                <p>{t(Key::PleaseSignInText)}</p>
                <p><a href="/signin">{t(Key::CitizenSignIn)}</a>" · "<a href="/signin/staff">{t(Key::StaffSignIn)}</a></p>
            </Page>
        }
        .into_any();
    }
    view! {
        <Page title=t(Key::ErrorTitle)>
            <h1>{t(Key::ErrorHeading)}</h1>
            <p>{message}</p>
            <p>{t(Key::ErrorText)}</p>
        </Page>
    }
    .into_any()
}
