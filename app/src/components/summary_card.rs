use leptos::prelude::*;

/// A summary card (GOV.UK summary card): a titled group of answers, such as one family member or one section on a
/// check-answers page, with the card's actions (修改, 删除) in its header. Each action's hidden words name the card,
/// so a screen reader hears "修改 申请人信息", not a row of bare 修改.
#[component]
pub fn SummaryCard(
    #[prop(into)] title: String,
    /// (href, label) pairs.
    #[prop(optional)]
    actions: Vec<(String, String)>,
    /// (key, value) rows.
    rows: Vec<(String, String)>,
) -> impl IntoView {
    let card = title.clone();
    view! {
        <section class="summary-card">
            <header class="summary-card__header">
                <h2 class="summary-card__title">{title}</h2>
                {(!actions.is_empty()).then(|| view! {
                    <ul class="summary-card__actions">
                        {actions.into_iter().map(|(href, label)| view! {
                            <li><a href=href>{label}<span class="visually-hidden">{format!(" {card}")}</span></a></li>
                        }).collect_view()}
                    </ul>
                })}
            </header>
            <div class="summary-card__body">
                <super::summary_list::SummaryList rows=rows/>
            </div>
        </section>
    }
}
