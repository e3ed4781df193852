use leptos::prelude::*;

/// One choice of [`Radios`] or [`Checkboxes`]: its value and label, an optional hint under the label (余3个, 已约满),
/// and whether it can be chosen at all.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Opt {
    pub value: String,
    pub label: String,
    pub hint: Option<String>,
    pub disabled: bool,
}

impl Opt {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Self {
        Self { value: value.into(), label: label.into(), ..Default::default() }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn disabled(mut self, disabled: bool) -> Self {
        self.disabled = disabled;
        self
    }
}

/// The options of a choice group: plain (value, label) pairs, or [`Opt`]s with hints and disabled choices.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Options(pub Vec<Opt>);

impl From<Vec<(String, String)>> for Options {
    fn from(pairs: Vec<(String, String)>) -> Self {
        Self(pairs.into_iter().map(|(v, l)| Opt::new(v, l)).collect())
    }
}

impl From<Vec<Opt>> for Options {
    fn from(options: Vec<Opt>) -> Self {
        Self(options)
    }
}

/// A group of radio buttons in a fieldset with its legend, an optional hint and error (GOV.UK radios). The first
/// option's id is `name`, so the error summary's link (`#name`) lands on it; the others are `name-value`. The
/// checked value is rendered back, so a failed post loses nothing.
#[component]
pub fn Radios(
    #[prop(into)] name: String,
    #[prop(into)] legend: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(into, default = None)] error: Option<String>,
    /// (value, label) pairs, or [`Opt`]s.
    #[prop(into)]
    options: Options,
    #[prop(optional, into)] checked: String,
    /// The legend is the page's question, in its `h1` (one question per page).
    #[prop(default = false)]
    heading: bool,
) -> impl IntoView {
    choices("radio", name, legend, heading, hint, error, options, move |v| v == checked)
}

/// A group of checkboxes, styled and labelled like [`Radios`]: each tick posts `name[]={value}`, which the form
/// decoder reads as a list. The ticked values are rendered back, so a failed post loses nothing.
#[component]
pub fn Checkboxes(
    #[prop(into)] name: String,
    #[prop(into)] legend: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(into, default = None)] error: Option<String>,
    /// (value, label) pairs, or [`Opt`]s.
    #[prop(into)]
    options: Options,
    #[prop(optional)] checked: Vec<String>,
    /// Each box posts as `{name}-{value}` (a plain form post read into a map by name) rather than all as `{name}[]`.
    #[prop(default = false)]
    per_option: bool,
) -> impl IntoView {
    let kind = if per_option { "checkbox-per-option" } else { "checkbox" };
    choices(kind, name, legend, false, hint, error, options, move |v| checked.iter().any(|c| c == v))
}

/// The fieldset both share. The first option's id is `name`, so the error summary's link (`#name`) lands on it.
#[allow(clippy::too_many_arguments)]
fn choices(
    kind: &'static str,
    name: String,
    legend: String,
    heading: bool,
    hint: Option<String>,
    error: Option<String>,
    options: Options,
    is_checked: impl Fn(&str) -> bool,
) -> impl IntoView {
    // An empty hint is none (a page may have a hint only sometimes).
    let hint = hint.filter(|h| !h.is_empty());
    let class = super::field::group_class("radios", &error);
    let (described, hint_and_error) = super::field::hint_and_error(&name, hint, error);
    let field_name = |value: &str| match kind {
        "checkbox" => format!("{name}[]"),
        "checkbox-per-option" => format!("{name}-{value}"),
        _ => name.clone(),
    };
    let kind = if kind == "radio" { "radio" } else { "checkbox" };
    view! {
        <div class=class data-field=name.clone()>
            <fieldset class="radios__fieldset" aria-describedby=described>
                <legend class="radios__legend">
                    {if heading { view! { <h1>{legend}</h1> }.into_any() } else { legend.into_any() }}
                </legend>
                {hint_and_error}
                {options.0.into_iter().enumerate().map(|(i, o)| {
                    // Ids by position: values may hold characters an id should not (a slot's `:`).
                    let id = if i == 0 { name.clone() } else { format!("{name}-{i}") };
                    let hint_id = format!("{id}-item-hint");
                    let checked = is_checked(&o.value) && !o.disabled;
                    view! {
                        <div class="radios__item">
                            <input class="radios__input" type=kind id=id.clone() name=field_name(&o.value) value=o.value.clone() checked=checked
                                disabled=o.disabled aria-describedby=o.hint.as_ref().map(|_| hint_id.clone())/>
                            <label class="radios__label" for=id>{o.label}</label>
                            {o.hint.map(|h| view! { <p class="radios__hint" id=hint_id>{h}</p> })}
                        </div>
                    }
                }).collect_view()}
            </fieldset>
        </div>
    }
}
