//! One module per screen, grouped by capability.

pub mod accounts;
pub mod admin;
pub mod calendar;
pub mod dev_sms;
pub mod gallery;
pub mod guide;
pub mod home;
pub mod not_found;
pub mod points;
pub mod staff;

use crate::components::layout::Page;
use leptos::prelude::*;
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
        <Suspense fallback=|| view! { <p class="loading">"正在加载…"</p> }>
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
        _ => "系统繁忙，请稍后再试".to_string(),
    };
    if message == "请先登录" {
        return view! {
            <Page title="请先登录">
                <h1>"请先登录"</h1>
                <p>"该页面需要登录后才能查看。"</p>
                <p><a href="/signin">"群众登录"</a>" · "<a href="/signin/staff">"工作人员登录"</a></p>
            </Page>
        }
        .into_any();
    }
    view! {
        <Page title="出现问题">
            <h1>"抱歉，服务暂时出现问题"</h1>
            <p>{message}</p>
            <p>"您填写的内容不会丢失。请稍后刷新本页，或拨打 0871-67911234 咨询。"</p>
        </Page>
    }
    .into_any()
}
