//! Sign-in, the personal-information notice, sign-out and the account page.

use crate::api::accounts::{sign_in_state, whoami, Me, SignInPage};
use crate::components::back_link::BackLink;
use crate::components::error_summary::ErrorSummary;
use crate::components::layout::Page;
use crate::components::summary_list::SummaryList;
use crate::components::text_input::TextInput;
use crate::pages::loaded;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Loads the state of sign-in form `form` (its last failure; `?next=` from the query string).
fn sign_in_resource(form: &'static str) -> Resource<Result<SignInPage, ServerFnError>> {
    let query = use_query_map();
    Resource::new(move || query.read().get("next"), move |next| sign_in_state(form.to_string(), next))
}

fn title_for(p: &SignInPage, title: &str) -> String {
    if p.flash.errors.is_empty() {
        title.to_string()
    } else {
        format!("错误：{title}")
    }
}

/// `/signin`: a citizen's phone number.
#[component]
pub fn SignIn() -> impl IntoView {
    loaded(sign_in_resource("signin"), |p: SignInPage| {
        view! {
            <Page title=title_for(&p, "登录")>
                <BackLink href="/" text="返回首页"/>
                <ErrorSummary errors=p.flash.errors.clone()/>
                <h1>"登录"</h1>
                <p>"输入手机号码，我们会发送一条短信验证码。首次登录将自动注册。"</p>
                <form method="post" action="/api/send_code" novalidate>
                    <input type="hidden" name="next" value=p.next.clone()/>
                    <TextInput name="phone" label="手机号码" hint="11位手机号码，如 138 1234 5678" inputmode="tel" autocomplete="tel"
                        error=p.flash.error("phone") value=p.flash.value("phone")/>
                    <button class="button" type="submit">"获取验证码"</button>
                </form>
                <p><a href="/signin/staff">"工作人员登录"</a></p>
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
                <Page title="登录">
                    <h1>"请先输入手机号码"</h1>
                    <p><a href="/signin">"返回登录"</a></p>
                </Page>
            }
            .into_any();
        };
        view! {
            <Page title=title_for(&p, "输入验证码")>
                <BackLink href="/signin" text="更换手机号码"/>
                <ErrorSummary errors=p.flash.errors.clone()/>
                <h1>"输入验证码"</h1>
                <p>{format!("验证码已发送至 {phone}，5分钟内有效。")}</p>
                <form method="post" action="/api/verify_code" novalidate>
                    <TextInput name="code" label="短信验证码" hint="6位数字" inputmode="numeric" autocomplete="one-time-code"
                        error=p.flash.error("code") value=p.flash.value("code") short=true/>
                    <button class="button" type="submit">"登录"</button>
                </form>
                <form method="post" action="/api/send_code">
                    <button class="button button--secondary" type="submit">"没有收到？重新获取"</button>
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
        <Page title="个人信息保护告知">
            <h1>"个人信息保护告知"</h1>
            <p>"根据《中华人民共和国个人信息保护法》，在您使用本平台前，请了解我们如何处理您的个人信息："</p>
            <ul>
                <li>"我们只收集办理所选事项所必需的信息，如手机号码、姓名、身份证号码和申请材料。"</li>
                <li>"您的信息只用于办理您申请的事项，并按规定交由承办部门处理，不会用于其他目的。"</li>
                <li>"页面上显示的身份证号码和手机号码会部分隐藏；工作人员查看您的办件均有记录。"</li>
                <li>"您可以随时查询、更正您的信息，或申请注销账号。咨询电话 0871-67911234。"</li>
            </ul>
            <form method="post" action="/api/accept_notice">
                <input type="hidden" name="agree" value="yes"/>
                <button class="button" type="submit">"同意并继续"</button>
            </form>
            <form method="post" action="/api/accept_notice">
                <input type="hidden" name="agree" value="no"/>
                <button class="button button--secondary" type="submit">"不同意，退出登录"</button>
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
            <Page title=title_for(&p, "工作人员登录")>
                <BackLink href="/signin" text="群众登录"/>
                <ErrorSummary errors=p.flash.errors.clone()/>
                <h1>"工作人员登录"</h1>
                <form method="post" action="/api/staff_sign_in" novalidate>
                    <input type="hidden" name="next" value=next/>
                    <TextInput name="username" label="用户名" autocomplete="username" error=p.flash.error("username")
                        value=p.flash.value("username")/>
                    <TextInput name="password" label="密码" kind="password" autocomplete="current-password"
                        error=p.flash.error("password")/>
                    <button class="button" type="submit">"登录"</button>
                </form>
            </Page>
        }
    })
}

/// `/signed-out`.
#[component]
pub fn SignedOut() -> impl IntoView {
    view! {
        <Page title="已退出登录">
            <h1>"您已退出登录"</h1>
            <p>"您的登录状态已在本设备和服务器上清除，个人页面不会保留在本机。"</p>
            <p><a href="/">"返回首页"</a>" · "<a href="/signin">"重新登录"</a></p>
            // Tell the service worker (if any) to drop everything but public pages.
            <script>"navigator.serviceWorker&&navigator.serviceWorker.controller&&navigator.serviceWorker.controller.postMessage({type:'clear-personal'})"</script>
        </Page>
    }
}

/// `/account`: who I am, my roles, sign out.
#[component]
pub fn Account() -> impl IntoView {
    let me = Resource::new(|| (), |_| whoami());
    loaded(me, |me: Option<Me>| match me {
        None => {
            #[cfg(feature = "ssr")]
            leptos_axum::redirect("/signin?next=/account");
            view! { <Page title="我的"><p><a href="/signin?next=/account">"请先登录"</a></p></Page> }.into_any()
        }
        Some(me) => {
            let mut rows = vec![("名称".to_string(), me.display_name.clone())];
            if let Some(p) = &me.phone_masked {
                rows.push(("手机号码".into(), p.clone()));
            }
            if let Some(u) = &me.username {
                rows.push(("用户名".into(), u.clone()));
            }
            let roles = me.grants.iter().map(|g| g.role.zh()).collect::<Vec<_>>().join("、");
            rows.push(("身份".into(), roles));
            view! {
                <Page title="我的">
                    <h1>"我的"</h1>
                    <SummaryList rows/>
                    {me.staff.then(|| view! { <p><a href="/staff">"进入工作台"</a></p> })}
                    <SignOutButton/>
                </Page>
            }
            .into_any()
        }
    })
}

#[component]
pub fn SignOutButton() -> impl IntoView {
    view! {
        <form method="post" action="/api/sign_out">
            <button class="button button--secondary" type="submit">"退出登录"</button>
        </form>
    }
}
