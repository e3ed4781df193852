//! `/admin/screens`: every window's screen address and the devices registered to show it; revoking one.

use crate::api::queue::{screens_admin, ScreensPage};
use crate::components::back_link::BackLink;
use crate::components::layout::Page;
use crate::pages::loaded;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn ScreensAdmin() -> impl IntoView {
    loaded(screens_admin(), |p: ScreensPage| {
        let done = p.flash.value("done");
        view! {
            <Page title="窗口屏幕">
                <BackLink href="/admin" text="中心管理"/>
                <h1>"窗口屏幕"</h1>
                {(!done.is_empty()).then(|| view! { <div class="panel" role="status"><p>{done.clone()}</p></div> })}
                <p>"窗口屏幕只在登记过的显示设备上显示叫号。登记方法：在显示设备上用管理员账号登录，打开窗口的屏幕地址，点“将本设备登记为…的屏幕”。设备丢失、被盗或更换时，在这里撤销。"</p>
                <table class="table">
                    <caption class="visually-hidden">"各窗口的屏幕和已登记设备"</caption>
                    <thead><tr><th scope="col">"窗口"</th><th scope="col">"已登记设备"</th></tr></thead>
                    <tbody>
                        {p.windows.into_iter().map(|w| view! {
                            <tr>
                                <td>
                                    {w.label.clone()}<br/>
                                    <a href=format!("/windows/{}/screen", w.window_id)>{format!("/windows/{}/screen", w.window_id)}</a>
                                </td>
                                <td>
                                    {if w.devices.is_empty() {
                                        view! { <span>"未登记"</span> }.into_any()
                                    } else {
                                        view! {
                                            <ul class="plain-list">
                                                {w.devices.into_iter().map(|(id, what)| view! {
                                                    <li>
                                                        {what.clone()}
                                                        <form method="post" action=crate::api::queue::UnpairScreen::url() class="inline-form">
                                                            <input type="hidden" name="device" value=id/>
                                                            <button class="link-button" type="submit">"撤销"<span class="visually-hidden">{format!("{}的设备（{}）", w.label, what)}</span></button>
                                                        </form>
                                                    </li>
                                                }).collect_view()}
                                            </ul>
                                        }.into_any()
                                    }}
                                </td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </Page>
        }
    })
}
