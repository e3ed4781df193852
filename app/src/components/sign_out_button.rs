use crate::i18n::{t, Key};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// "退出登录": a plain form post, so it works without JavaScript.
#[component]
pub fn SignOutButton() -> impl IntoView {
    view! {
        <form method="post" action=crate::api::accounts::SignOut::url()>
            <button class="button button--secondary" type="submit">{t(Key::SignOut)}</button>
        </form>
    }
}
