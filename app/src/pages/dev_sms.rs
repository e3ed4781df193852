//! `/dev/sms` (development only, loopback only): what the SMS sink "sent".

use crate::api::dev::{dev_sms, SmsLine};
use crate::components::layout::Page;
use crate::pages::loaded;
use crate::components::not_found::NotFoundBody;
use leptos::prelude::*;

#[component]
pub fn DevSms() -> impl IntoView {
    let sms = dev_sms();
    loaded(sms, |lines: Option<Vec<SmsLine>>| match lines {
        None => view! { <NotFoundBody what="页面"/> }.into_any(),
        Some(lines) => view! {
            <Page title="短信（开发用）">
                <h1>"短信（开发用）"</h1>
                <p>"短信网关为开发用的“短信收件箱”：短信不会真正发出，只显示在这里。"</p>
                <form method="get" action="/dev/sms"><button class="button button--secondary" type="submit">"刷新"</button></form>
                {if lines.is_empty() {
                    view! { <p>"还没有短信。"</p> }.into_any()
                } else {
                    view! {
                        <ol class="sms-list">
                            {lines.into_iter().map(|l| { let phone = l.phone.clone(); view! {
                                <li class="sms-list__item" data-phone=phone>
                                    <strong>{l.phone}</strong>" "<span class="sms-list__time">{l.sent_at}</span>
                                    <p class="sms-list__body">{l.body}</p>
                                </li>
                            }}).collect_view()}
                        </ol>
                    }.into_any()
                }}
            </Page>
        }.into_any(),
    })
}
