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
    let class = super::field::group_class("text-input", &error);
    let (described, hint_and_error) = super::field::hint_and_error(&name, hint, error);
    let field_name = name.clone();
    view! {
        <div class=class data-field=field_name>
            <label class="text-input__label" for=name.clone()>{label}</label>
            {hint_and_error}
            <select class="text-input__input" id=name.clone() name=name aria-describedby=described>
                <option value="">{crate::i18n::t(crate::i18n::Key::PleaseChoose)}</option>
                {options.into_iter().map(|(value, text)| {
                    let chosen = value == selected;
                    view! { <option value=value selected=chosen>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}
