use leptos::prelude::*;

/// A labelled text field with an optional hint and error message (GOV.UK text input). The value the person
/// typed is always rendered back, so a failed post loses nothing.
#[component]
pub fn TextInput(
    /// The field's id and name.
    #[prop(into)]
    name: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(into, default = None)] error: Option<String>,
    #[prop(optional, into)] value: String,
    #[prop(default = "text")] inputmode: &'static str,
    #[prop(default = false)] short: bool,
    /// `text` or `password`.
    #[prop(default = "text")]
    kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    /// Focus on load (a field a scanner types into).
    #[prop(default = false)]
    autofocus: bool,
) -> impl IntoView {
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let described = [hint.as_ref().map(|_| hint_id.clone()), error.as_ref().map(|_| error_id.clone())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let wrapper_class = if error.is_some() { "text-input text-input--error" } else { "text-input" };
    let input_class = if short { "text-input__input text-input__input--short" } else { "text-input__input" };
    view! {
        <div class=wrapper_class>
            <label class="text-input__label" for=name.clone()>{label}</label>
            {hint.map(|h| view! { <p class="text-input__hint" id=hint_id>{h}</p> })}
            {error.map(|m| view! { <p class="text-input__error" id=error_id><span class="visually-hidden">"错误："</span>{m}</p> })}
            <input class=input_class id=name.clone() name=name type=kind inputmode=inputmode value=value autocomplete=autocomplete autofocus=autofocus
                aria-describedby=(!described.is_empty()).then_some(described)/>
        </div>
    }
}
