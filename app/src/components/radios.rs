use leptos::prelude::*;

/// A group of radio buttons in a fieldset with its legend, an optional hint and error (GOV.UK radios). The first
/// option's id is `name`, so the error summary's link (`#name`) lands on it; the others are `name-value`. The
/// checked value is rendered back, so a failed post loses nothing.
#[component]
pub fn Radios(
    #[prop(into)] name: String,
    #[prop(into)] legend: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(into, default = None)] error: Option<String>,
    /// (value, label) pairs.
    options: Vec<(String, String)>,
    #[prop(optional, into)] checked: String,
) -> impl IntoView {
    choices("radio", name, legend, hint, error, options, move |v| v == checked)
}

/// A group of checkboxes, styled and labelled like [`Radios`]: each tick posts `name[]={value}`, which the form
/// decoder reads as a list. The ticked values are rendered back, so a failed post loses nothing.
#[component]
pub fn Checkboxes(
    #[prop(into)] name: String,
    #[prop(into)] legend: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(into, default = None)] error: Option<String>,
    /// (value, label) pairs.
    options: Vec<(String, String)>,
    #[prop(optional)] checked: Vec<String>,
) -> impl IntoView {
    choices("checkbox", name, legend, hint, error, options, move |v| checked.iter().any(|c| c == v))
}

/// The fieldset both share. The first option's id is `name`, so the error summary's link (`#name`) lands on it.
fn choices(
    kind: &'static str,
    name: String,
    legend: String,
    hint: Option<String>,
    error: Option<String>,
    options: Vec<(String, String)>,
    is_checked: impl Fn(&str) -> bool,
) -> impl IntoView {
    let class = super::field::group_class("radios", &error);
    let (described, hint_and_error) = super::field::hint_and_error(&name, hint, error);
    let field_name = if kind == "checkbox" { format!("{name}[]") } else { name.clone() };
    view! {
        <div class=class>
            <fieldset class="radios__fieldset" aria-describedby=described>
                <legend class="radios__legend">{legend}</legend>
                {hint_and_error}
                {options.into_iter().enumerate().map(|(i, (value, label))| {
                    let id = if i == 0 { name.clone() } else { format!("{name}-{value}") };
                    let checked = is_checked(&value);
                    view! {
                        <div class="radios__item">
                            <input class="radios__input" type=kind id=id.clone() name=field_name.clone() value=value checked=checked/>
                            <label class="radios__label" for=id>{label}</label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
        </div>
    }
}
