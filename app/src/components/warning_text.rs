use leptos::prelude::*;

/// A warning the person must not miss (GOV.UK warning text): a "!" and bold words, read out as 警告.
#[component]
pub fn WarningText(children: Children) -> impl IntoView {
    view! {
        <div class="warning-text warning-text--icon" role="note">
            <span class="warning-text__icon" aria-hidden="true">"!"</span>
            <strong class="warning-text__text"><span class="visually-hidden">{crate::i18n::t(crate::i18n::Key::WarningPrefix)}</span>{children()}</strong>
        </div>
    }
}
