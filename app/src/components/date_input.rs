use leptos::prelude::*;

/// A date as three fields in Chinese order, 年 / 月 / 日 (GOV.UK date input): numeric keyboards, no picker to fight
/// with on a cheap phone. The fields post as `{name}-year`, `{name}-month` and `{name}-day`; the year's id is
/// `name`, so the error summary's link (`#name`) lands on it. What was typed is rendered back.
#[component]
pub fn DateInput(
    #[prop(into)] name: String,
    #[prop(into)] legend: String,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(into, default = None)] error: Option<String>,
    /// (year, month, day) as typed.
    #[prop(optional)]
    value: (String, String, String),
) -> impl IntoView {
    let class = super::field::group_class("date-input", &error);
    let (described, hint_and_error) = super::field::hint_and_error(&name, hint, error);
    let (year, month, day) = value;
    use crate::i18n::{t, Key};
    let parts = [("year", t(Key::Year), year, "date-input__input--year"), ("month", t(Key::Month), month, ""), ("day", t(Key::Day), day, "")];
    view! {
        <div class=class data-field=name.clone()>
            <fieldset class="date-input__fieldset" role="group" aria-describedby=described>
                <legend class="date-input__legend">{legend}</legend>
                {hint_and_error}
                <div class="date-input__fields">
                    {parts.into_iter().map(|(part, word, typed, extra)| {
                        let id = if part == "year" { name.clone() } else { format!("{name}-{part}") };
                        view! {
                            <div class="date-input__item">
                                <label class="date-input__label" for=id.clone()>{word}</label>
                                <input class=format!("date-input__input {extra}") id=id name=format!("{name}-{part}") type="text"
                                    inputmode="numeric" autocomplete="off" value=typed/>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        </div>
    }
}
