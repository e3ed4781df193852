//! What every form field shares (GOV.UK's form group): a hint and an error message under the label, tied to the
//! control by `aria-describedby`, and the group's error border. Used by `TextInput`, `SelectInput`, `Radios` and
//! `GroupedSelect`; styled in `text_input.css`.

use leptos::prelude::*;

/// The hint and error of field `name` as markup, and the `aria-describedby` value naming them (None if neither).
pub fn hint_and_error(name: &str, hint: Option<String>, error: Option<String>) -> (Option<String>, impl IntoView) {
    // An empty hint is no hint (a caller with an optional hint passes "").
    let hint = hint.filter(|h| !h.is_empty());
    let (hint_id, error_id) = (format!("{name}-hint"), format!("{name}-error"));
    let described = [hint.as_ref().map(|_| hint_id.clone()), error.as_ref().map(|_| error_id.clone())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let markup = view! {
        {hint.map(|h| view! { <p class="text-input__hint" id=hint_id>{h}</p> })}
        {error.map(|m| view! { <p class="text-input__error" id=error_id><span class="visually-hidden">{crate::i18n::t(crate::i18n::Key::ErrorPrefix)}</span>{m}</p> })}
    };
    ((!described.is_empty()).then_some(described), markup)
}

/// The form group's class: `base`, and `base--error` when the field has an error.
pub fn group_class(base: &str, error: &Option<String>) -> String {
    if error.is_some() {
        format!("{base} {base}--error")
    } else {
        base.to_string()
    }
}
