//! The page frame: skip link, header with the service name, main content, footer with help.

use leptos::prelude::*;
use leptos_meta::Title;

/// The 长辈版 switch: larger text and targets, remembered on this device.
#[component]
fn ElderSwitch() -> impl IntoView {
    let on = crate::api::settings::elder_mode();
    let back = leptos_router::hooks::use_location().pathname.get_untracked();
    view! {
        <form class="elder-switch" method="post" action="/api/set_elder">
            <input type="hidden" name="on" value=if on { "0" } else { "1" }/>
            <input type="hidden" name="back" value=back/>
            <button class="elder-switch__button" type="submit" aria-pressed=if on { "true" } else { "false" }>
                {if on { "切换到标准版" } else { "长辈版（大字）" }}
            </button>
        </form>
    }
}

/// 登录, or the signed-in person's page.
#[component]
fn AccountLink() -> impl IntoView {
    let me = Resource::new(|| (), |_| crate::api::accounts::whoami());
    let location = leptos_router::hooks::use_location();
    let here = location.pathname.get_untracked();
    let signin = if here.starts_with("/signin") || here == "/signed-out" {
        "/signin".to_string()
    } else {
        format!("/signin?next={here}")
    };
    let fallback = signin.clone();
    view! {
        <Suspense fallback=move || view! { <a href=fallback.clone()>"登录"</a> }>
            {move || { let signin = signin.clone(); Suspend::new(async move {
                match me.await {
                    Ok(Some(m)) => view! { <a href="/account" data-testid="account-link">{format!("我的（{}）", m.display_name)}</a> }.into_any(),
                    _ => view! { <a href=signin.clone()>"登录"</a> }.into_any(),
                }
            })}}
        </Suspense>
    }
}

pub const SERVICE_NAME: &str = "嵩明县掌上办事大厅";

#[component]
pub fn Page(
    /// The page's own title; the service name is appended for the browser tab.
    #[prop(into)]
    title: String,
    children: Children,
) -> impl IntoView {
    view! {
        <Title text=format!("{title} - {SERVICE_NAME}")/>
        <a class="skip-link" href="#main">"跳到主要内容"</a>
        <header class="site-header">
            <div class="container site-header__inner">
                <a class="site-header__name" href="/">{SERVICE_NAME}</a>
                <nav class="site-header__nav" aria-label="主导航">
                    <a href="/guide">"办事指南"</a>
                    <a href="/map/points/530127">"服务网点"</a>
                    <AccountLink/>
                </nav>
                <ElderSwitch/>
            </div>
        </header>
        <main id="main" class="container main">{children()}</main>
        <footer class="site-footer">
            <div class="container">
                <p>"嵩明县政务服务管理局 主办 · 咨询电话 0871-67911234（工作日 9:00–19:00）"</p>
                <p>"本站服务事项、网点位置和电话为演示数据。"</p>
            </div>
        </footer>
    }
}
