use crate::components::layout::Page;
use crate::components::search_box::SearchBox;
use leptos::prelude::*;

/// 404: says what to do next.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::api::context::not_found();
    view! { <NotFoundBody what="页面"/> }
}

#[component]
pub fn NotFoundBody(what: &'static str) -> impl IntoView {
    view! {
        <Page title=format!("找不到{what}")>
            <h1>{format!("找不到该{what}")}</h1>
            <p>"如果您是输入的网址，请检查是否有误；如果是扫码或点击链接进入，该内容可能已调整。"</p>
            <p>"您可以搜索要办理的事项："</p>
            <SearchBox/>
            <p><a href="/">"返回首页"</a></p>
        </Page>
    }
}
