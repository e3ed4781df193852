use leptos::prelude::*;

/// A short label in words (never colour alone): 即办件, 零跑腿, 必交, 办公中.
#[component]
pub fn Tag(#[prop(into)] text: String, #[prop(into, default = "".into())] tone: String) -> impl IntoView {
    let class = if tone.is_empty() { "tag".to_string() } else { format!("tag tag--{tone}") };
    view! { <strong class=class>{text}</strong> }
}
