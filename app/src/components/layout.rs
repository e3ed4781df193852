//! The page frame: skip link, header with the service name, main content, footer with help.

use leptos::prelude::*;
use leptos_meta::Title;
use crate::i18n::{lang, t, Key};

/// The 长辈版 switch: larger text and targets, remembered on this device.
#[component]
fn ElderSwitch() -> impl IntoView {
    let on = crate::api::settings::elder_mode();
    let back = leptos_router::hooks::use_location().pathname.get_untracked();
    view! {
        <form class="elder-switch" method="post" action="/api/set_elder">
            <input type="hidden" name="on" value=if on { "0" } else { "1" }/>
            <input type="hidden" name="back" value=back/>
            <button class="elder-switch__button" type="submit" aria-pressed=if on { "true" } else { "false" }>
                {t(if on { Key::ElderOff } else { Key::ElderOn })}
            </button>
        </form>
    }
}

/// The language switch: names the other language in that language ("English" / "中文").
#[component]
fn LangSwitch() -> impl IntoView {
    let other = lang().other();
    // The same page, with its query (a search, a calculation), in the other language.
    let location = leptos_router::hooks::use_location();
    let (path, search) = (location.pathname.get_untracked(), location.search.get_untracked());
    let back = if search.is_empty() { path } else { format!("{path}?{search}") };
    view! {
        <form class="lang-switch" method="post" action="/api/set_lang">
            <input type="hidden" name="lang" value=other.tag()/>
            <input type="hidden" name="back" value=back/>
            <button class="lang-switch__button" type="submit" lang=other.tag()>
                {other.endonym()}
            </button>
        </form>
    }
}

/// 登录, or the signed-in person's page.
#[component]
fn AccountLink() -> impl IntoView {
    let me = crate::api::accounts::whoami();
    let location = leptos_router::hooks::use_location();
    let here = location.pathname.get_untracked();
    let signin = if here.starts_with("/signin") || here == "/signed-out" {
        "/signin".to_string()
    } else {
        format!("/signin?next={here}")
    };
    let fallback = signin.clone();
    view! {
        <Suspense fallback=move || view! { <a href=fallback.clone()>{t(Key::SignIn)}</a> }>
            {Suspend::new(async move {
                match me.await {
                    Ok(Some(m)) => view! { <a href="/account" data-testid="account-link">{lang().pick(format!("我的（{}）", m.display_name), format!("{} ({})", t(Key::My), m.display_name))}</a> }.into_any(),
                    _ => view! { <a href=signin>{t(Key::SignIn)}</a> }.into_any(),
                }
            })}
        </Suspense>
    }
}

pub const SERVICE_NAME: &str = "嵩明县掌上办事大厅";

/// Text as HTML, for the two places where Leptos 0.8 writes text without escaping it:
/// - leptos_meta's `<Title>` pushes its text into `<title>` as it is (`buf.push_str(&title)` in
///   `ServerMetaContextOutput::inject_meta_context`), so `/guide?q=</title><script>…` would run as script;
/// - tachys renders `<textarea>` children unescaped (`ESCAPE_CHILDREN` is false for it), so a pasted
///   `</textarea><script>…` echoed back after a failed post would run.
/// Both are server-rendered only (no client-side updates), so the browser shows the entities as the text.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[component]
pub fn Page(
    /// The page's own title; the service name is appended for the browser tab.
    #[prop(into)]
    title: String,
    children: Children,
) -> impl IntoView {
    view! {
        <Title text=escape_html(&format!("{title} - {}", t(Key::ServiceName)))/>
        <a class="skip-link" href="#main">{t(Key::SkipLink)}</a>
        <header class="site-header">
            <div class="container site-header__inner">
                <a class="site-header__name" href="/">{t(Key::ServiceName)}</a>
                <nav class="site-header__nav" aria-label=t(Key::MainNav)>
                    <a href="/guide">{t(Key::NavGuide)}</a>
                    <a href="/map">{t(Key::NavPoints)}</a>
                    <AccountLink/>
                </nav>
                <ElderSwitch/>
                <LangSwitch/>
            </div>
        </header>
        <main id="main" class="container main">{children()}</main>
        <footer class="site-footer">
            <div class="container">
                <p>{t(Key::FooterHost)}</p>
                <p>{t(Key::FooterDemo)}</p>
            </div>
        </footer>
    }
}

#[cfg(test)]
mod tests {
    /// Issue 12, item 2: the title cannot close `<title>` (before: `</title><script>` went into the page as it was).
    #[test]
    fn titles_are_escaped() {
        assert_eq!(super::escape_html("</title><script>x()</script> & \"'"), "&lt;/title&gt;&lt;script&gt;x()&lt;/script&gt; &amp; &quot;&#39;");
        assert_eq!(super::escape_html("办事指南"), "办事指南");
    }
}
