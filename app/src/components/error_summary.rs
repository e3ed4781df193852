use crate::domain::form::FieldError;
use leptos::prelude::*;
use crate::i18n::{t, Key};


/// "出现问题" at the top of a form that failed, linking to each field (GOV.UK error summary).
#[component]
pub fn ErrorSummary(errors: Vec<FieldError>) -> impl IntoView {
    (!errors.is_empty()).then(|| {
        view! {
            <div class="error-summary" role="alert" tabindex="-1">
                <h2 class="error-summary__title">{t(Key::ErrorSummaryTitle)}</h2>
                <ul class="error-summary__list">
                    {errors
                        .into_iter()
                        .map(|e| view! { <li><a href=format!("#{}", e.field)>{e.message}</a></li> })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}
