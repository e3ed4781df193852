use leptos::prelude::*;

/// Loads the WASM that hydrates islands. Only a page with an island includes it (GUIDE §1, §8), at the end of its
/// body: every other page loads no WASM at all. Only leptos's module script is kept, not its `<link rel=preload>`
/// hints: a browser with JavaScript off would still download the WASM for them, and with JavaScript on they compete
/// with the page itself on a slow network (islands hydrate when the browser is idle anyway).
#[component]
pub fn IslandScripts() -> impl IntoView {
    let options = use_context::<LeptosOptions>().expect("the shell provides LeptosOptions");
    let html = view! { <HydrationScripts options islands=true/> }.to_html();
    let script = html.find("<script").map(|i| html[i..].to_string()).unwrap_or_default();
    view! { <div hidden inner_html=script></div> }
}

