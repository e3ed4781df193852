//! The page frame: skip link, header with the service name, main content, footer with help.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
use crate::i18n::{lang, t, Key};

/// The 长辈版 switch: larger text and targets, remembered on this device.
#[component]
fn ElderSwitch() -> impl IntoView {
    let on = crate::api::settings::elder_mode();
    let back = leptos_router::hooks::use_location().pathname.get_untracked();
    view! {
        <form class="elder-switch" method="post" action=crate::api::settings::SetElder::url()>
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
        <form class="lang-switch" method="post" action=crate::api::settings::SetLang::url()>
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

/// The header's links and switches: the main navigation, 长辈版 and the language.
#[component]
fn HeaderLinks() -> impl IntoView {
    view! {
        <nav class="site-header__nav" aria-label=t(Key::MainNav)>
            <a href="/guide">{t(Key::NavGuide)}</a>
            <a href="/map">{t(Key::NavPoints)}</a>
            <AccountLink/>
        </nav>
        <ElderSwitch/>
        <LangSwitch/>
    }
}

#[component]
pub fn Page(
    /// The page's own title; the service name is appended for the browser tab.
    #[prop(into)]
    title: String,
    children: Children,
) -> impl IntoView {
    view! {
        <Title text=crate::domain::html::escape(&format!("{title} - {}", t(Key::ServiceName)))/>
        <a class="skip-link" href="#main">{t(Key::SkipLink)}</a>
        <header class="site-header">
            <div class="container site-header__inner">
                <a class="site-header__name" href="/">{t(Key::ServiceName)}</a>
                // 长辈版: five 60-pixel buttons would fill half of a phone's first screen, so they fold into one
                // 菜单 (a <details>: it opens without JavaScript) and the page's heading shows first.
                {if crate::api::settings::elder_mode() {
                    view! {
                        <details class="site-menu">
                            <summary class="site-menu__button">{t(Key::Menu)}</summary>
                            <div class="site-menu__panel"><HeaderLinks/></div>
                        </details>
                    }
                    .into_any()
                } else {
                    view! { <HeaderLinks/> }.into_any()
                }}
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

