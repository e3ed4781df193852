use crate::api::map::TownOption;
use leptos::prelude::*;

/// A select of villages and communities grouped by town (乡镇/街道), for "where are you" without location access.
/// Its id and name are `village`; the chosen one is rendered back.
#[component]
pub fn VillagePicker(
    towns: Vec<TownOption>,
    #[prop(optional, into)] chosen: String,
    #[prop(into)] label: String,
    #[prop(into)] hint: String,
    #[prop(into)] placeholder: String,
) -> impl IntoView {
    let (described, hint) = super::field::hint_and_error("village", Some(hint), None);
    view! {
        <div class="text-input village-picker">
            <label class="text-input__label" for="village">{label}</label>
            {hint}
            <select class="text-input__input" id="village" name="village" aria-describedby=described>
                <option value="">{placeholder}</option>
                {towns.into_iter().map(|t| view! {
                    <optgroup label=t.name>
                        {t.villages.into_iter().map(|(code, name)| {
                            let selected = code == chosen;
                            view! { <option value=code selected=selected>{name}</option> }
                        }).collect_view()}
                    </optgroup>
                }).collect_view()}
            </select>
        </div>
    }
}
