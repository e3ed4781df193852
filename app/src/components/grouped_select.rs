use leptos::prelude::*;

/// A labelled drop-down whose options are grouped (`<optgroup>`): villages and communities by town (乡镇/街道), the
/// planners' populated places by town. The chosen value is rendered back; the first option is an empty `placeholder`.
#[component]
pub fn GroupedSelect(
    /// The field's id and name.
    #[prop(into)]
    name: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(into, default = None)] error: Option<String>,
    #[prop(into)] placeholder: String,
    /// (group label, [(value, label)]).
    groups: Vec<(String, Vec<(String, String)>)>,
    #[prop(optional, into)] selected: String,
) -> impl IntoView {
    let class = format!("{} grouped-select", super::field::group_class("text-input", &error));
    let (described, hint) = super::field::hint_and_error(&name, hint, error);
    let field_name = name.clone();
    view! {
        <div class=class data-field=field_name>
            <label class="text-input__label" for=name.clone()>{label}</label>
            {hint}
            <select class="text-input__input" id=name.clone() name=name aria-describedby=described>
                <option value="">{placeholder}</option>
                {groups.into_iter().map(|(group, options)| view! {
                    <optgroup label=group>
                        {options.into_iter().map(|(value, text)| {
                            let chosen = value == selected;
                            view! { <option value=value selected=chosen>{text}</option> }
                        }).collect_view()}
                    </optgroup>
                }).collect_view()}
            </select>
        </div>
    }
}
