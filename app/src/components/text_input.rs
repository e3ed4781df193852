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
    /// A long answer: a `<textarea>` of this many rows instead of a one-line input (GOV.UK textarea).
    #[prop(optional)]
    rows: Option<u32>,
) -> impl IntoView {
    let class = super::field::group_class("text-input", &error);
    let (described, hint_and_error) = super::field::hint_and_error(&name, hint, error);
    let input_class = if short { "text-input__input text-input__input--short" } else { "text-input__input" };
    let field_name = name.clone();
    view! {
        <div class=class data-field=field_name>
            <label class="text-input__label" for=name.clone()>{label}</label>
            {hint_and_error}
            {match rows {
                Some(rows) => view! {
                    <textarea class="text-input__input text-input__textarea" id=name.clone() name=name rows=rows.to_string()
                        aria-describedby=described>{value}</textarea>
                }.into_any(),
                None => view! {
                    <input class=input_class id=name.clone() name=name type=kind inputmode=inputmode value=value autocomplete=autocomplete autofocus=autofocus
                        aria-describedby=described/>
                }.into_any(),
            }}
        </div>
    }
}
