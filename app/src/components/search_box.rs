use crate::i18n::{t, Key};
use leptos::prelude::*;

/// The guide's search: a plain GET form to `/guide`, so it works without JavaScript.
#[component]
pub fn SearchBox(#[prop(into, default = "".into())] value: String, #[prop(default = false)] large: bool) -> impl IntoView {
    view! {
        <form class=if large { "search search--large" } else { "search" } method="get" action="/guide" role="search">
            <label class="search__label" for="q">{t(Key::SearchLabel)}</label>
            <p class="search__hint" id="q-hint">{t(Key::SearchHint)}</p>
            <div class="search__row">
                <input class="search__input" id="q" name="q" type="search" value=value aria-describedby="q-hint"
                    autocomplete="off" enterkeyhint="search"/>
                <button class="search__button" type="submit">{t(Key::Search)}</button>
            </div>
        </form>
    }
}
