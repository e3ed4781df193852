//! `/notices`: the signed-in person's in-app notices (消息).

use crate::components::back_link::BackLink;
use crate::components::layout::Page;
use crate::components::notice_list::NoticeList;
use crate::pages::{loaded, signed_in};
use leptos::prelude::*;

/// `/notices`: my in-app notices (消息), newest first.
#[component]
pub fn NoticesScreen() -> impl IntoView {
    loaded(signed_in("/notices".into(), crate::api::notices::my_notices()), |notices: Vec<(String, String, String)>| {
        view! {
            <Page title="消息">
                <BackLink href="/account" text="返回我的"/>
                <h1>"消息"</h1>
                <p>"预约成功、预约提醒（前一天和前一小时）、改约、取消、候补成功和网点临时停止服务，都会在这里和短信中告诉您。"</p>
                {if notices.is_empty() {
                    view! { <p>"暂无消息。"<a href="/book">"预约办理"</a></p> }.into_any()
                } else {
                    view! { <NoticeList notices/> }.into_any()
                }}
            </Page>
        }
    })
}
