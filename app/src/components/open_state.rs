use crate::domain::calendar::OpenWord;
use leptos::prelude::*;
use crate::i18n::lang;

/// Open now / closed for lunch / opens at: a status word and its sentence.
#[component]
pub fn OpenState(word: OpenWord, #[prop(into)] text: String) -> impl IntoView {
    view! {
        <span class=format!("open-state open-state--{}", word.css())>
            <strong class="open-state__word">{word.label(lang())}</strong>
            " "
            <span class="open-state__text">{text}</span>
        </span>
    }
}
