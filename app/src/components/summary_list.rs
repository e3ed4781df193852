use leptos::prelude::*;

/// Key–value rows (GOV.UK summary list).
#[component]
pub fn SummaryList(rows: Vec<(String, String)>) -> impl IntoView {
    view! {
        <dl class="summary-list">
            {rows
                .into_iter()
                .map(|(k, v)| {
                    view! {
                        <div class="summary-list__row">
                            <dt class="summary-list__key">{k}</dt>
                            <dd class="summary-list__value">{v}</dd>
                        </div>
                    }
                })
                .collect_view()}
        </dl>
    }
}
