use leptos::prelude::*;

/// In-app notices (text, link, when), newest first: on `/notices` and, the newest few, on my bookings.
#[component]
pub fn NoticeList(notices: Vec<(String, String, String)>) -> impl IntoView {
    view! {
        <ul class="notice-list">
            {notices.into_iter().map(|(body, link, at)| view! { <li><a href=link>{body}</a><span class="notice-list__when">{at}</span></li> }).collect_view()}
        </ul>
    }
}

