//! `/windows/{window_id}/screen`: the window's display.

use super::param;
use super::live::LiveScreen;
use crate::api::queue::{
    screen_page, ScreenView,
};
use crate::components::layout::Page;
use crate::components::island_scripts::IslandScripts;
use crate::pages::loaded;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use crate::components::refresh_button::RefreshButton;

/// `/windows/{window_id}/screen`: the window's display. Only a registered device sees the queue.
#[component]
pub fn WindowScreen() -> impl IntoView {
    let id = param("id");
    loaded(screen_page(id), |s: Option<ScreenView>| match s {
        None => view! { <crate::components::not_found::NotFoundBody what="窗口"/> }.into_any(),
        Some(s) if !s.paired => view! { <Unpaired s/> }.into_any(),
        Some(s) => {
            let href = format!("/windows/{}/screen", s.window_id);
            view! {
                <leptos_meta::Title text=crate::domain::html::escape(&format!("{} - 窗口屏幕", s.window_name))/>
                <main class="screen" id="main">
                    <h1 class="screen__window">{s.window_name.clone()}</h1>
                    <LiveScreen window_id=s.window_id.clone() initial=s.live.clone()/>
                    <RefreshButton href/>
                    // Without JavaScript the page reads itself again before its rating code stops working (the island
                    // replaces the code by itself otherwise; browsers with scripting never read what noscript holds).
                    {s.live.qr.as_ref().map(|q| view! { <noscript><meta http-equiv="refresh" content=q.show_secs.to_string()/></noscript> })}
                    <IslandScripts/>
                </main>
            }
            .into_any()
        }
    })
}

#[component]
fn Unpaired(s: ScreenView) -> impl IntoView {
    view! {
        <Page title="此设备未登记">
            <h1>"此设备未登记"</h1>
            <p>{format!("{}的屏幕只在中心登记过的显示设备上显示。", s.window_name)}</p>
            {if s.admin {
                view! {
                    <form method="post" action=crate::api::queue::PairScreen::url()>
                        <input type="hidden" name="window_id" value=s.window_id.clone()/>
                        <button class="button" type="submit">{format!("将本设备登记为{}的屏幕", s.window_name)}</button>
                    </form>
                }.into_any()
            } else {
                view! { <p>"请中心管理员在本设备上登录后登记。"</p> }.into_any()
            }}
        </Page>
    }
}
