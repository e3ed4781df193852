//! Proxy filing (代办, issue 20): `/agent` (the agent's start form for a villager and the cases they filed),
//! `/agent/d/{draft}/consent` (the villager's code read back), `/agent/receipts/{case}` (the printable receipt),
//! `/admin/agents` (granting the role for a village station) and `/staff/agents` (the town centre's oversight).

use crate::api::proxy::{agent_consent, agent_overview, agent_receipt, agents_admin, agents_oversight, AgentStart, ConfirmConsent, GrantAgent, ResendConsent, RevokeAgent};
use crate::components::back_link::BackLink;
use crate::components::error_summary::ErrorSummary;
use crate::components::layout::Page;
use crate::components::select_input::SelectInput;
use crate::components::tag::Tag;
use crate::components::text_input::TextInput;
use crate::domain::form::Flash;
use crate::domain::proxy::{AgentCase, AgentHome, AgentWork, Receipt};
use crate::i18n::lang;
use crate::pages::{loaded, param, signed_in};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

fn error_title(heading: &str, f: &Flash) -> String {
    if f.errors.is_empty() { heading.to_string() } else { lang().pick(format!("错误：{heading}"), format!("Error: {heading}")) }
}

fn case_list(cases: Vec<AgentCase>, receipts: bool) -> impl IntoView {
    let l = lang();
    view! {
        <ul class="choice-list" id="agent-cases">
            {cases.into_iter().map(|c| view! {
                <li data-case=c.number.clone()>
                    <a href=format!("/track/{}", c.number)>{format!("{} {}", c.number, c.item_name)}</a>
                    <Tag text=c.state.clone() tone="blue"/>
                    {c.asked.then(|| view! { <Tag text=l.pick("待代办员补正", "Waiting for you") tone="yellow"/> })}
                    <span class="choice-list__hint">{format!("{} · {} {}", c.submitted, c.villager, c.id_number)}</span>
                    {receipts.then(|| view! { <a href=format!("/agent/receipts/{}", c.number)>{l.pick("打印回执", "Print the receipt")}</a> })}
                </li>
            }).collect_view()}
        </ul>
    }
}

/// `/agent`.
#[component]
pub fn AgentPage() -> impl IntoView {
    loaded(signed_in("/agent".into(), agent_overview()), |h: AgentHome| {
        let l = lang();
        let heading = l.pick("代办", "Proxy filing");
        let f = h.flash.clone();
        let one_station = (h.stations.len() == 1).then(|| h.stations[0].0.clone());
        view! {
            <Page title=error_title(heading, &f)>
                <BackLink href="/account" text=l.pick("我的", "My account")/>
                <ErrorSummary errors=f.errors.clone()/>
                <span class="caption">{h.stations.iter().map(|(_, n)| n.clone()).collect::<Vec<_>>().join("、")}</span>
                <h1>{heading}</h1>
                <p>{l.pick("为没有智能手机的村民网上申报。村民有手机的，系统向村民发送授权验证码，请村民把验证码告诉您；村民没有手机的，请上传村民签字的代办委托书和村民身份证的照片。办件属于村民本人。", "Apply online for villagers without a smartphone. If the villager has a phone, they get a consent code to read back to you; if not, upload a photo of the consent form they signed, with their ID card. The case is the villager's.")}</p>
                <h2>{l.pick("为村民代办", "Apply for a villager")}</h2>
                <form method="post" action=AgentStart::url() class="form">
                    <input type="hidden" name="key" value=h.start_key.clone()/>
                    {match one_station.clone() {
                        Some(s) => view! { <input type="hidden" name="station" value=s/> }.into_any(),
                        None => view! { <SelectInput name="station" label=l.pick("便民服务站", "Village station") options=h.stations.clone() selected=f.value("station") error=f.error("station")/> }.into_any(),
                    }}
                    <SelectInput name="item" label=l.pick("代办事项", "Service") options=h.items.clone() selected=f.value("item") error=f.error("item")/>
                    <TextInput name="name" label=l.pick("村民姓名", "Villager's name") error=f.error("name") value=f.value("name") short=true/>
                    <TextInput name="id_number" label=l.pick("村民身份证号码", "Villager's ID number") error=f.error("id_number") value=f.value("id_number")/>
                    <TextInput name="phone" label=l.pick("村民手机号码", "Villager's mobile number") hint=l.pick("授权验证码发到这个号码；办件进度也会通知村民", "The consent code goes to this number, and so do the case's notices") error=f.error("phone") value=f.value("phone") inputmode="tel" short=true/>
                    <div class="checkboxes">
                        <div class="checkboxes__item">
                            <input class="checkboxes__input" type="checkbox" id="no_phone" name="no_phone" value="1" checked=!f.value("no_phone").is_empty()/>
                            <label class="checkboxes__label" for="no_phone">{l.pick("村民没有手机（上传签字的代办委托书，通知发给代办员）", "The villager has no phone (upload the signed consent form; notices come to you)")}</label>
                        </div>
                    </div>
                    <button class="button" type="submit">{l.pick("继续", "Continue")}</button>
                </form>
                <h2>{l.pick("我代办的办件", "Cases you filed")}</h2>
                {h.cases.is_empty().then(|| view! { <p>{l.pick("还没有代办的办件。", "None yet.")}</p> })}
                <p class="hint">{l.pick("办结后，村民的姓名和身份证号码只显示部分。", "Once a case is completed, the villager's name and ID number are shown in part only.")}</p>
                {case_list(h.cases, true)}
            </Page>
        }
    })
}

/// `/agent/d/{draft}/consent`.
#[component]
pub fn ConsentPage() -> impl IntoView {
    let draft = param("draft");
    let here = format!("/agent/d/{draft}/consent");
    loaded(signed_in(here, agent_consent(draft.clone())), move |(item, name, phone, done, f): (String, String, String, bool, Flash)| {
        let l = lang();
        let heading = l.pick("村民授权", "The villager's consent");
        view! {
            <Page title=error_title(heading, &f)>
                <BackLink href=format!("/apply/d/{draft}") text=l.pick("返回申请", "Back to the application")/>
                <ErrorSummary errors=f.errors.clone()/>
                <span class="caption">{item}</span>
                <h1>{heading}</h1>
                {if done {
                    view! {
                        <p class="panel" role="status">{l.pick("村民已确认授权。", "The villager has consented.")}</p>
                        <p><a class="button" href=format!("/apply/d/{draft}")>{l.pick("继续填写申请", "Go on with the application")}</a></p>
                    }.into_any()
                } else {
                    view! {
                        <p>{l.pick(format!("已向村民 {name} 的手机 {phone} 发送授权验证码（10分钟内有效）。请村民把验证码告诉您。"), format!("A consent code went to {name}'s phone {phone} (valid 10 minutes). Ask them to read it to you."))}</p>
                        <form method="post" action=ConfirmConsent::url() class="form">
                            <input type="hidden" name="draft" value=draft.clone()/>
                            <TextInput name="code" label=l.pick("授权验证码", "Consent code") error=f.error("code") value=f.value("code") inputmode="numeric" short=true autocomplete="off"/>
                            <button class="button" type="submit">{l.pick("确认授权", "Confirm")}</button>
                        </form>
                        <form method="post" action=ResendConsent::url() class="inline-form">
                            <input type="hidden" name="draft" value=draft.clone()/>
                            <button class="link-button" type="submit">{l.pick("重新发送验证码", "Send a new code")}</button>
                        </form>
                    }.into_any()
                }}
            </Page>
        }
    })
}

/// `/agent/receipts/{case}`: printed and handed to the villager.
#[component]
pub fn ReceiptPage() -> impl IntoView {
    let number = param("number");
    let here = format!("/agent/receipts/{number}");
    loaded(signed_in(here, agent_receipt(number)), |r: Receipt| {
        view! {
            <Page title=format!("代办回执 {}", r.number)>
                <div class="no-print"><BackLink href="/agent" text="代办"/></div>
                <article class="notice">
                    <p class="notice__issuer">"嵩明县政务服务 · 代办回执"</p>
                    <h1>"代办回执"</h1>
                    <crate::components::summary_list::SummaryList rows=vec![
                        ("办件编号".to_string(), r.number.clone()),
                        ("办理事项".to_string(), r.item_name.clone()),
                        ("申请人".to_string(), r.villager.clone()),
                        ("提交时间".to_string(), r.submitted.clone()),
                        ("预计办结".to_string(), r.expected.clone()),
                        ("代办".to_string(), format!("{} 代办员 {}", r.station, r.agent)),
                    ]/>
                    <h2>"怎样查询办理进度"</h2>
                    <ol class="list">
                        <li>{format!("用手机扫描下方二维码，或在浏览器打开 {}", r.track_url)}</li>
                        <li>{format!("填写办件编号 {}，和您身份证号码的后四位", r.number)}</li>
                        <li>"也可以到村便民服务站，请代办员帮您查询"</li>
                    </ol>
                    <div class="notice__qr">
                        <crate::components::qr::QrCode text=r.track_url.clone() label="办件查询二维码"/>
                        <p>"办件的通知会发给代办员，由代办员转告您。"</p>
                    </div>
                    <p class="no-print"><span>"用浏览器的“打印”打印本页。"</span></p>
                </article>
            </Page>
        }
    })
}

/// `/admin/agents`.
#[component]
pub fn AgentsAdminPage() -> impl IntoView {
    type Loaded = (Vec<(String, String)>, Vec<crate::domain::proxy::AgentLine>, Flash);
    loaded(signed_in("/admin/agents".into(), agents_admin()), |(stations, agents, f): Loaded| {
        view! {
            <Page title=error_title("代办员", &f)>
                <BackLink href="/admin" text="中心管理"/>
                <ErrorSummary errors=f.errors.clone()/>
                <h1>"代办员"</h1>
                <p>"代办员为所在便民服务站的村民网上代办。授权后，代办员用自己的手机号登录，在“我的 › 代办”为村民申报。"</p>
                <h2>"授权代办员"</h2>
                <form method="post" action=GrantAgent::url() class="form">
                    <TextInput name="name" label="代办员姓名" error=f.error("name") value=f.value("name") short=true/>
                    <TextInput name="phone" label="代办员手机号码" error=f.error("phone") value=f.value("phone") inputmode="tel" short=true/>
                    <SelectInput name="station" label="便民服务站" options=stations selected=f.value("station") error=f.error("station")/>
                    <button class="button" type="submit">"授权"</button>
                </form>
                <h2>"已授权的代办员"</h2>
                {agents.is_empty().then(|| view! { <p>"还没有代办员。"</p> })}
                <ul class="choice-list">
                    {agents.into_iter().map(|a| view! {
                        <li>
                            <span>{format!("{} {} · {}", a.name, a.phone, a.station_name)}</span>
                            <form method="post" action=RevokeAgent::url() class="inline-form">
                                <input type="hidden" name="account" value=a.account/>
                                <input type="hidden" name="station" value=a.station/>
                                <button class="link-button" type="submit">{format!("取消 {} 的代办员授权", a.name)}</button>
                            </form>
                        </li>
                    }).collect_view()}
                </ul>
            </Page>
        }
    })
}

/// `/staff/agents`: the town centre's view of its stations' agents.
#[component]
pub fn AgentsOversightPage() -> impl IntoView {
    loaded(signed_in("/staff/agents".into(), agents_oversight()), |work: Vec<AgentWork>| {
        view! {
            <Page title="代办员工作情况">
                <BackLink href="/staff" text="工作台"/>
                <h1>"代办员工作情况"</h1>
                <p>"本便民服务中心所辖便民服务站的代办员：代办了多少件、为谁代办、办的什么事项。村民的姓名和身份证号码只显示部分。"</p>
                {work.is_empty().then(|| view! { <p class="panel" role="status">"所辖便民服务站还没有代办员。"</p> })}
                {work.into_iter().map(|w| view! {
                    <section class="agent-work">
                        <h2>{format!("{} · {} {}", w.station, w.agent, w.phone)}</h2>
                        <p>{format!("代办 {} 件", w.filed)}{(!w.items.is_empty()).then(|| format!("：{}", w.items.iter().map(|(n, k)| format!("{n} {k} 件")).collect::<Vec<_>>().join("，")))}</p>
                        {case_list(w.cases, false)}
                    </section>
                }).collect_view()}
            </Page>
        }
    })
}
