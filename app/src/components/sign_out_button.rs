use crate::i18n::{t, Key};
use leptos::prelude::*;

/// "退出登录": a plain form post, so it works without JavaScript.
#[component]
pub fn SignOutButton() -> impl IntoView {
    view! {
        <form method="post" action="/api/sign_out">
            <button class="button button--secondary" type="submit">{t(Key::SignOut)}</button>
        </form>
    }
}
