use leptos::prelude::*;

/// The confirmation panel at the end of a transaction (GOV.UK panel): what was done, in the page's one `h1`, and the
/// reference the person will need (办件编号, 预约码) large enough to copy down. `heading = false` makes the title an
/// `h2`, for a page that has its own `h1` (the gallery).
#[component]
pub fn Panel(
    #[prop(into)] title: String,
    #[prop(optional, into)] reference: Option<(String, String)>,
    #[prop(default = true)] heading: bool,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let title = if heading {
        view! { <h1 class="panel__title">{title}</h1> }.into_any()
    } else {
        view! { <h2 class="panel__title">{title}</h2> }.into_any()
    };
    view! {
        <div class="panel panel--confirmation">
            {title}
            {reference.map(|(label, value)| view! { <div class="panel__body">{label}<br/><strong class="panel__reference">{value}</strong></div> })}
            {children.map(|c| view! { <div class="panel__body">{c()}</div> })}
        </div>
    }
}
