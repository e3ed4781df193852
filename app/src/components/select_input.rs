use leptos::prelude::*;

/// A labelled drop-down with an optional hint and error message, styled as the text input. The chosen value is
/// rendered back, so a failed post loses nothing.
#[component]
pub fn SelectInput(
    /// The field's id and name.
    #[prop(into)]
    name: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(into, default = None)] error: Option<String>,
    /// (value, label) pairs; a first empty "请选择" option is added.
    options: Vec<(String, String)>,
    #[prop(optional, into)] selected: String,
) -> impl IntoView {
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let described = [hint.as_ref().map(|_| hint_id.clone()), error.as_ref().map(|_| error_id.clone())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let wrapper_class = if error.is_some() { "text-input text-input--error" } else { "text-input" };
    view! {
        <div class=wrapper_class>
            <label class="text-input__label" for=name.clone()>{label}</label>
            {hint.map(|h| view! { <p class="text-input__hint" id=hint_id>{h}</p> })}
            {error.map(|m| view! { <p class="text-input__error" id=error_id><span class="visually-hidden">"错误："</span>{m}</p> })}
            <select class="text-input__input" id=name.clone() name=name aria-describedby=(!described.is_empty()).then_some(described)>
                <option value="">"请选择"</option>
                {options.into_iter().map(|(value, text)| {
                    let chosen = value == selected;
                    view! { <option value=value selected=chosen>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
