//! Sign-in, the personal-information notice, sign-out and the account page.

use crate::api::accounts::{sign_in_state, whoami, Me, SignInPage};
use crate::components::back_link::BackLink;
use crate::components::error_summary::ErrorSummary;
use crate::components::layout::Page;
use crate::components::summary_list::SummaryList;
use crate::components::text_input::TextInput;
use crate::pages::loaded;
use crate::components::sign_out_button::SignOutButton;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use crate::i18n::{lang, t, Key};

/// Loads the state of sign-in form `form` (its last failure; `?next=` from the query string).
async fn sign_in_resource(form: &'static str) -> Result<SignInPage, crate::error::AppError> {
    let next = crate::pages::query::<crate::domain::accounts::page::SignInQuery>().next;
    sign_in_state(form.to_string(), next).await
}

fn title_for(p: &SignInPage, title: &str) -> String {
    crate::i18n::page_title(lang(), !p.flash.errors.is_empty(), title)
}

/// `/signin`: a citizen's phone number.
#[component]
pub fn SignIn() -> impl IntoView {
    loaded(sign_in_resource("signin"), |p: SignInPage| {
        view! {
            <Page title=title_for(&p, t(Key::SignIn))>
                <BackLink href="/" text=t(Key::BackHome)/>
                <ErrorSummary errors=p.flash.errors.clone()/>
                <h1>{t(Key::SignIn)}</h1>
                <p>{t(Key::SignInIntro)}</p>
                <form method="post" action=crate::api::accounts::SendCode::url() novalidate>
                    <input type="hidden" name="next" value=p.next.clone()/>
                    <TextInput name="phone" label=t(Key::PhoneLabel) hint=t(Key::PhoneHint) inputmode="tel" autocomplete="tel"
                        error=p.flash.error("phone") value=p.flash.value("phone")/>
                    <button class="button" type="submit">{t(Key::GetCode)}</button>
                </form>
                <p><a href="/signin/staff">{t(Key::StaffSignIn)}</a></p>
            </Page>
        }
    })
}

/// `/signin/code`: the six-digit code from the SMS.
#[component]
pub fn SignInCode() -> impl IntoView {
    loaded(sign_in_resource("code"), |p: SignInPage| {
        let Some(phone) = p.pending_phone.clone() else {
            return view! {
                <Page title=t(Key::SignIn)>
                    <h1>{t(Key::EnterPhoneFirst)}</h1>
                    <p><a href="/signin">{t(Key::BackToSignIn)}</a></p>
                </Page>
            }
            .into_any();
        };
        view! {
            <Page title=title_for(&p, t(Key::EnterCode))>
                <BackLink href="/signin" text=t(Key::ChangePhone)/>
                <ErrorSummary errors=p.flash.errors.clone()/>
                <h1>{t(Key::EnterCode)}</h1>
                <p>{
                    let minutes = crate::domain::accounts::OTP.ttl_secs / 60;
                    lang().pick(format!("验证码已发送至 {phone}，{minutes}分钟内有效。"), format!("We sent a code to {phone}. It works for {minutes} minutes."))
                }</p>
                <form method="post" action=crate::api::accounts::VerifyCode::url() novalidate>
                    <TextInput name="code" label=t(Key::CodeLabel) hint=t(Key::CodeHint) inputmode="numeric" autocomplete="one-time-code"
                        error=p.flash.error("code") value=p.flash.value("code") short=true/>
                    <button class="button" type="submit">{t(Key::SignIn)}</button>
                </form>
                <form method="post" action=crate::api::accounts::SendCode::url()>
                    <button class="button button--secondary" type="submit">{t(Key::ResendCode)}</button>
                </form>
            </Page>
        }
        .into_any()
    })
}

/// `/signin/notice`: the personal-information notice, accepted once.
#[component]
pub fn SignInNotice() -> impl IntoView {
    view! {
        <Page title=t(Key::NoticeTitle)>
            <h1>{t(Key::NoticeTitle)}</h1>
            <p>{t(Key::NoticeIntro)}</p>
            <ul>
                <li>{t(Key::Notice1)}</li>
                <li>{t(Key::Notice2)}</li>
                <li>{t(Key::Notice3)}</li>
                <li>{t(Key::Notice4)}</li>
            </ul>
            <form method="post" action=crate::api::accounts::AcceptNotice::url()>
                <input type="hidden" name="agree" value="yes"/>
                <button class="button" type="submit">{t(Key::Agree)}</button>
            </form>
            <form method="post" action=crate::api::accounts::AcceptNotice::url()>
                <input type="hidden" name="agree" value="no"/>
                <button class="button button--secondary" type="submit">{t(Key::Disagree)}</button>
            </form>
        </Page>
    }
}

/// `/signin/staff`: window staff, reviewers and administrators.
#[component]
pub fn StaffSignIn() -> impl IntoView {
    loaded(sign_in_resource("staff"), |p: SignInPage| {
        let next = if p.flash.value("next").is_empty() { p.next.clone() } else { p.flash.value("next") };
        view! {
            <Page title=title_for(&p, t(Key::StaffSignIn))>
                <BackLink href="/signin" text=t(Key::CitizenSignIn)/>
                <ErrorSummary errors=p.flash.errors.clone()/>
                <h1>{t(Key::StaffSignIn)}</h1>
                <form method="post" action=crate::api::accounts::StaffSignIn::url() novalidate>
                    <input type="hidden" name="next" value=next/>
                    <TextInput name="username" label=t(Key::Username) autocomplete="username" error=p.flash.error("username")
                        value=p.flash.value("username")/>
                    <TextInput name="password" label=t(Key::Password) kind="password" autocomplete="current-password"
                        error=p.flash.error("password")/>
                    <button class="button" type="submit">{t(Key::SignIn)}</button>
                </form>
            </Page>
        }
    })
}

/// `/signed-out`.
#[component]
pub fn SignedOut() -> impl IntoView {
    view! {
        <Page title=t(Key::SignedOutTitle)>
            <h1>{t(Key::SignedOutHeading)}</h1>
            <p>{t(Key::SignedOutText)}</p>
            <p><a href="/">{t(Key::BackHome)}</a>" · "<a href="/signin">{t(Key::SignInAgain)}</a></p>
            // Tell the service worker (if any) to drop everything but public pages, and delete the drafts kept on this
            // device (`offline::db`; the sign-out island sent them first when it could).
            // The page's nonce lets it run under the Content-Security-Policy (`app::content_security_policy`).
            <script nonce=use_nonce()>"navigator.serviceWorker&&navigator.serviceWorker.controller&&navigator.serviceWorker.controller.postMessage({type:'clear-personal'});try{indexedDB.deleteDatabase('palm-drafts')}catch(e){}"</script>
        </Page>
    }
}

/// `/account`: who I am, my roles, sign out.
#[component]
pub fn Account() -> impl IntoView {
    let me = whoami();
    loaded(me, |me: Option<Me>| match me {
        None => {
            #[cfg(feature = "ssr")]
            crate::pages::redirect_page("/signin?next=/account");
            view! { <Page title=t(Key::My)><p><a href="/signin?next=/account">{t(Key::PleaseSignIn)}</a></p></Page> }.into_any()
        }
        Some(me) => {
            let l = lang();
            let mut rows = vec![(t(Key::Name).to_string(), me.display_name.clone())];
            if let Some(p) = &me.phone_masked {
                rows.push((t(Key::PhoneLabel).into(), p.clone()));
            }
            if let Some(u) = &me.username {
                rows.push((t(Key::Username).into(), u.clone()));
            }
            let roles = me.grants.iter().map(|g| g.role.label(l)).collect::<Vec<_>>().join(l.pick("、", ", "));
            rows.push((t(Key::Roles).into(), roles));
            view! {
                <Page title=t(Key::My)>
                    <h1>{t(Key::My)}</h1>
                    <SummaryList rows/>
                    <p><a href="/bookings">{t(Key::MyBookings)}</a>" · "<a href="/notices">{t(Key::Notices)}</a></p>
                    {me.staff.then(|| view! { <p><a href="/staff">{t(Key::StaffConsole)}</a></p> })}
                    {(!me.staff).then(|| view! {
                        <p><a href="/enterprise">{l.pick("企业账号", "Enterprise accounts")}</a>
                        {me.grants.iter().any(|g| g.role == crate::domain::accounts::Role::ProxyAgent).then(|| view! { " · " <a href="/agent">{l.pick("代办", "Proxy filing")}</a> })}</p>
                    })}
                    // Drafts kept on this phone are sent, then removed from it, before signing out (issue 17).
                    <crate::components::drafts::SignOutSync lang=l><SignOutButton/></crate::components::drafts::SignOutSync>
                    <crate::components::island_scripts::IslandScripts/>
                </Page>
            }
            .into_any()
        }
    })
}
