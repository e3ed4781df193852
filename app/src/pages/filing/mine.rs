//! 我的办件 (`/cases`), one case's confirmation (`/cases/{number}`) and 我的草稿 (`/drafts`).

use crate::api::filing::{my_case, my_cases, my_drafts, DeleteDraft};
use crate::components::back_link::BackLink;
use crate::components::layout::Page;
use crate::components::panel::Panel;
use crate::components::tag::Tag;
use crate::domain::form::page::{CaseLine, DraftLine};
use crate::i18n::lang;
use crate::pages::{loaded, signed_in};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// `/cases/{number}`: the case just submitted (or looked at again): its number, receipt date, what happens next.
#[component]
pub fn CasePage() -> impl IntoView {
    let number = super::param("number");
    let next = format!("/cases/{}", crate::domain::html::encode_query(&number));
    loaded(signed_in(next, my_case(number)), |c: CaseLine| {
        let l = lang();
        let heading = l.pick("申请已提交", "Application submitted");
        view! {
            <Page title=format!("{heading} - {}", c.number)>
                <Panel title=heading reference=(l.pick("办件编号", "Your case number").to_string(), c.number.clone())/>
                <p>{c.receipt.clone()}</p>
                <p>{l.pick(format!("事项：{}", c.item_name), format!("Service: {}", c.item_name))}</p>
                {c.filed_as.clone().map(|w| view! { <p>{w}</p> })}
                <h2>{l.pick("接下来", "What happens next")}</h2>
                <ol class="list list--number">
                    <li>{l.pick("部门在收件日审核您的申请和材料。", "The department checks your application and documents from the receipt date.")}</li>
                    <li>{l.pick(
                        "材料需要补正的，会一次性告知您需要补充的全部内容。",
                        "If anything is missing, you are told everything that is needed at once.",
                    )}</li>
                    <li>{l.pick("每一步都会短信通知您，也可以在“我的办件”查看。", "We text you at every step; you can also follow it in My cases.")}</li>
                </ol>
                <p>{l.pick("请记下办件编号。咨询请拨打 0871-67911234（工作日 9:00–19:00），或到任一政务服务中心窗口。", "Keep the case number. For help call 0871-67911234 (working days 9:00–19:00) or ask at any service centre window.")}</p>
                <p><a class="button" href=format!("/track/{}", c.number)>{l.pick("查看办理进度", "Follow its progress")}</a></p>
                <p><a href="/cases">{l.pick("查看我的办件", "See my cases")}</a></p>
            </Page>
        }
    })
}

/// `/cases`: 我的办件.
#[component]
pub fn MyCases() -> impl IntoView {
    loaded(signed_in("/cases".into(), my_cases()), |cases: Vec<CaseLine>| {
        let l = lang();
        let heading = l.pick("我的办件", "My cases");
        view! {
            <Page title=heading>
                <BackLink href="/account" text=l.pick("返回“我的”", "Back to My account")/>
                <h1>{heading}</h1>
                {if cases.is_empty() {
                    view! { <p>{l.pick("您还没有提交过申请。可以在办事指南中找到事项，点“网上申报”。", "You have not submitted an application yet. Find a service in the guide and choose Apply online.")}</p>
                        <p><a class="button" href="/guide">{l.pick("查找事项", "Find a service")}</a></p> }.into_any()
                } else {
                    view! {
                        <ul class="choice-list">
                            {cases.into_iter().map(|c| view! {
                                <li class="booking-line">
                                    <a href=format!("/track/{}", c.number)>{c.item_name.clone()}</a>
                                    <span class="choice-list__hint">{l.pick(format!("{} · {} 提交", c.number, c.submitted), format!("{} · submitted {}", c.number, c.submitted))}</span>
                                    <span class="choice-list__hint">{l.pick(format!("预计办结：{}", c.expected), format!("Expected: {}", c.expected))}</span>
                                    {c.filed_as.clone().map(|w| view! { <span class="choice-list__hint">{w}</span> })}
                                    {next_step(c.state, l).map(|s| view! { <span class="choice-list__hint"><strong>{s}</strong></span> })}
                                    <Tag text=c.state.label(l)/>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                <p><a href="/drafts">{l.pick("我的草稿", "My drafts")}</a></p>
            </Page>
        }
    })
}

/// What the applicant must do next, when it is theirs to do.
fn next_step(state: crate::domain::cases::CaseState, l: crate::i18n::Lang) -> Option<&'static str> {
    use crate::domain::cases::CaseState as S;
    match state {
        S::CorrectionRequested | S::ReviewCorrection => Some(l.pick("需要您补正材料", "You need to send corrections")),
        S::Completed => Some(l.pick("已办结，请按领取方式领取结果", "Completed: receive the result as you chose")),
        _ => None,
    }
}

/// `/drafts`: 我的草稿, each with how far it has got and a delete button.
#[component]
pub fn MyDrafts() -> impl IntoView {
    loaded(signed_in("/drafts".into(), my_drafts()), |drafts: Vec<DraftLine>| {
        let l = lang();
        let heading = l.pick("我的草稿", "My drafts");
        view! {
            <Page title=heading>
                <BackLink href="/account" text=l.pick("返回“我的”", "Back to My account")/>
                <h1>{heading}</h1>
                <p>{l.pick("未提交的申请保存90天，到期前7天短信提醒。", "Unsubmitted applications are kept for 90 days; we text you a week before one is removed.")}</p>
                {if drafts.is_empty() {
                    view! { <p>{l.pick("没有未完成的申请。", "You have no applications in progress.")}</p> }.into_any()
                } else {
                    view! {
                        <ul class="choice-list">
                            {drafts.into_iter().map(|d| view! {
                                <li class="booking-line">
                                    <a href=format!("/apply/d/{}", d.id)>{d.item_name.clone()}</a>
                                    <span class="choice-list__hint">{l.pick(
                                        format!("{} 保存 · 已完成{}/{}项", d.changed, d.done, d.tasks),
                                        format!("Saved {} · {} of {} done", d.changed, d.done, d.tasks),
                                    )}</span>
                                    {d.filed_as.clone().map(|w| view! { <span class="choice-list__hint">{w}</span> })}
                                    <form method="post" action=DeleteDraft::url() class="inline-form">
                                        <input type="hidden" name="id" value=d.id.clone()/>
                                        <button class="link-button" type="submit">{l.pick("删除", "Delete")}<span class="visually-hidden">{d.item_name}</span></button>
                                    </form>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
                <p><a href="/cases">{l.pick("我的办件", "My cases")}</a></p>
            </Page>
        }
    })
}
