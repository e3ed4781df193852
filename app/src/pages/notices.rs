//! `/notices`: the signed-in person's in-app notices (消息).

use crate::components::back_link::BackLink;
use crate::components::layout::Page;
use crate::components::notice_list::NoticeList;
use crate::pages::{loaded, signed_in};
use crate::i18n::{t, Key};
use leptos::prelude::*;

/// `/notices`: my in-app notices (消息), newest first.
#[component]
pub fn NoticesScreen() -> impl IntoView {
    loaded(signed_in("/notices".into(), crate::api::notices::my_notices()), |notices: Vec<(String, String, String)>| {
        view! {
            <Page title=t(Key::Notices)>
                <BackLink href="/account" text=t(Key::BackToMy)/>
                <h1>{t(Key::Notices)}</h1>
                <p>{t(Key::NoticesIntro)}</p>
                {if notices.is_empty() {
                    view! { <p>{t(Key::NoNotices)}<a href="/book">{t(Key::BookVisit)}</a></p> }.into_any()
                } else {
                    view! { <NoticeList notices/> }.into_any()
                }}
            </Page>
        }
    })
}
