//! An application in progress: its task list, one page per section, how the result is received, and check
//! answers with the declaration and the submit.

use super::fields::field_view;
use super::{caption, load, param, task_href, title};
use crate::api::filing::{DeleteDraft, SaveDelivery, SaveSection, SubmitApplication};
use crate::components::back_link::BackLink;
use crate::components::error_summary::ErrorSummary;
use crate::components::layout::Page;
use crate::components::drafts::{props, DraftKeeper, Outbox};
use crate::components::island_scripts::IslandScripts;
use crate::components::task_list::{Task, TaskList};
use crate::domain::form::keep::{KeepPage, Submit};
use crate::domain::cases::Delivery;
use crate::domain::form::page::{answer_words, flash_form, size_words, village_words, ApplicationView, ApplyQuery};
use crate::domain::form::progress::{TaskKind, TaskStatus};
use crate::i18n::{lang, Lang};
use crate::pages::{loaded, query};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// `/apply/d/{draft}`: the task list.
#[component]
pub fn TaskListPage() -> impl IntoView {
    loaded(load(), |a: ApplicationView| {
        let l = lang();
        let done = a.tasks.iter().filter(|t| t.status == TaskStatus::Done).count();
        let tasks: Vec<Task> = a
            .tasks
            .iter()
            .map(|t| Task {
                name: t.title.clone(),
                href: (t.status != TaskStatus::CannotStartYet).then(|| task_href(&a.draft, &t.kind)),
                hint: None,
                status: t.status.label(l).into(),
                tone: match t.status {
                    TaskStatus::Done => "green",
                    TaskStatus::InProgress => "yellow",
                    TaskStatus::NotStarted => "blue",
                    TaskStatus::CannotStartYet => "grey",
                },
            })
            .collect();
        let heading = l.pick("网上申报", "Apply online");
        view! {
            <Page title=format!("{heading} - {}", a.item_name)>
                <BackLink href="/drafts" text=l.pick("我的草稿", "My drafts")/>
                <span class="caption">{caption(&a)}</span>
                <h1>{heading}</h1>
                {filed_as(&a)}
                <p>{l.pick(format!("已完成{}项，共{}项。", done, a.tasks.len() - 1), format!("You have completed {done} of {} tasks.", a.tasks.len() - 1))}</p>
                <TaskList tasks=tasks/>
                <p>{l.pick("填写的内容已保存在“我的草稿”，90天内可以随时回来继续。", "What you have entered is saved in My drafts for 90 days.")}</p>
                <form method="post" action=DeleteDraft::url() class="inline-form">
                    <input type="hidden" name="id" value=a.draft.clone()/>
                    <button class="link-button" type="submit">{l.pick("删除这份草稿", "Delete this draft")}</button>
                </form>
            </Page>
        }
    })
}

/// Whom the application is for, when not the asker, and the villager's consent still to come (a proxy filing).
fn filed_as(a: &ApplicationView) -> impl IntoView {
    let l = lang();
    view! {
        {a.filed_as.clone().map(|w| view! { <p class="panel" role="status">{w}</p> })}
        {a.consent_needed.then(|| view! {
            <p class="todo" id="consent">{l.pick("村民尚未确认授权，确认后才能提交。", "The villager has not consented yet: you can submit once they have.")}" "
                <a href=format!("/agent/d/{}/consent", a.draft)>{l.pick("填写村民的授权验证码", "Enter the villager's consent code")}</a></p>
        })}
    }
}

/// Hidden inputs every page of the application posts: the draft, and `back_to_check` when 修改 led here.
fn carried(a: &ApplicationView, from_check: bool) -> impl IntoView {
    view! {
        <input type="hidden" name="id" value=a.draft.clone()/>
        {from_check.then(|| view! { <input type="hidden" name="back_to_check" value="1"/> })}
    }
}

fn back_href(a: &ApplicationView, from_check: bool) -> String {
    if from_check {
        format!("/apply/d/{}/check", a.draft)
    } else {
        format!("/apply/d/{}", a.draft)
    }
}

/// `/apply/d/{draft}/s/{section}`: one section's questions.
#[component]
pub fn SectionPage() -> impl IntoView {
    let q: ApplyQuery = query();
    let section = param("section");
    loaded(load(), move |a: ApplicationView| {
        let l = lang();
        let Some(s) = a.form.section(&section).cloned() else {
            return view! { <crate::components::not_found::NotFoundBody what=l.pick("页面", "page")/> }.into_any();
        };
        let form = flash_form(&a.draft, &s.id);
        let errors = if a.flash.form == form { a.flash.errors.clone() } else { vec![] };
        let flash = if a.flash.form == form { a.flash.clone() } else { Default::default() };
        let fields = s.fields.iter().map(|f| field_view(f, &s.fields, &a.answers, &flash, &a.towns, l)).collect_view();
        let has_group = s.fields.iter().any(|f| matches!(f.kind, crate::domain::form::definition::FieldKind::Group { .. }));
        let keep = props(&KeepPage::of(&a, format!("s/{}", s.id), &s, true, l));
        view! {
            <Page title=title(l, &a, &form, &s.title)>
                <BackLink href=back_href(&a, q.from_check)/>
                <ErrorSummary errors=errors/>
                <span class="caption">{caption(&a)}</span>
                <h1>{s.title.clone()}</h1>
                <DraftKeeper keep=keep>
                <form method="post" action=SaveSection::url() class="form" novalidate>
                    // Enter in a field submits the form's first button: with a group's 保存并再添加一位 on the
                    // page, this copy of 保存并继续 comes first (out of sight and out of the tab order).
                    {has_group.then(|| view! {
                        <button type="submit" class="visually-hidden" tabindex="-1" aria-hidden="true">{l.pick("保存并继续", "Save and continue")}</button>
                    })}
                    {carried(&a, q.from_check)}
                    <input type="hidden" name="section" value=s.id.clone()/>
                    {fields}
                    <button class="button" type="submit">{l.pick("保存并继续", "Save and continue")}</button>
                </form>
                </DraftKeeper>
                <IslandScripts/>
            </Page>
        }
        .into_any()
    })
}

/// `/apply/d/{draft}/delivery`: how the result is received.
#[component]
pub fn DeliveryPage() -> impl IntoView {
    let q: ApplyQuery = query();
    loaded(load(), move |a: ApplicationView| {
        let l = lang();
        let s = Delivery::form(&a.points, a.form.e_licence, l);
        let form = flash_form(&a.draft, "delivery");
        let failed = a.flash.form == form;
        // After a failed post, what was typed; otherwise the delivery kept.
        let answers = if failed {
            crate::domain::form::post::read_section(&s, &a.flash.values)
        } else if !a.delivery_typed.is_empty() {
            a.delivery_typed.clone()
        } else {
            a.delivery.as_ref().map(Delivery::answers).unwrap_or_default()
        };
        let flash = if failed { a.flash.clone() } else { Default::default() };
        let fields = s.fields.iter().map(|f| field_view(f, &s.fields, &answers, &flash, &a.towns, l)).collect_view();
        let keep = props(&KeepPage::of(&a, "delivery".into(), &s, true, l));
        view! {
            <Page title=title(l, &a, &form, &s.title)>
                <BackLink href=back_href(&a, q.from_check)/>
                <ErrorSummary errors=flash.errors.clone()/>
                <span class="caption">{caption(&a)}</span>
                <h1>{s.title.clone()}</h1>
                <p>{l.pick("邮寄免费，由邮政 EMS 送达，寄出后短信告知运单号。", "Postal delivery is free, by EMS; we text you the tracking number when it is sent.")}</p>
                <DraftKeeper keep=keep>
                <form method="post" action=SaveDelivery::url() class="form" novalidate>
                    {carried(&a, q.from_check)}
                    {fields}
                    <button class="button" type="submit">{l.pick("保存并继续", "Save and continue")}</button>
                </form>
                </DraftKeeper>
                <IslandScripts/>
            </Page>
        }
    })
}

/// The delivery in words, for check answers.
fn delivery_words(a: &ApplicationView, l: Lang) -> String {
    match &a.delivery {
        None => String::new(),
        Some(Delivery::Window { point }) => {
            let name = a.points.iter().find(|(id, _)| id == point).map(|(_, n)| n.clone()).unwrap_or_else(|| point.clone());
            l.pick(format!("窗口领取：{name}"), format!("Collect at a window: {name}"))
        }
        Some(Delivery::Post { name, mobile, village, detail }) => {
            let to = format!("{} {detail}", village_words(&a.towns, village));
            l.pick(format!("免费邮寄：{name}，{mobile}，{to}"), format!("Free post: {name}, {mobile}, {to}"))
        }
        Some(Delivery::Electronic) => l.pick("电子证照", "Electronic licence").into(),
    }
}

/// One row of check answers: the question, the answer's lines, and 修改 back to its page.
/// The row's id is the field's, so a problem found at submit links to its row from the error summary.
fn check_row(id: String, key: String, lines: Vec<String>, href: String, l: Lang) -> impl IntoView {
    let change = l.pick("修改", "Change");
    let lines: Vec<String> = lines.into_iter().filter(|x| !x.trim().is_empty()).collect();
    view! {
        <div class="summary-list__row" id=id>
            <dt class="summary-list__key">{key.clone()}</dt>
            <dd class="summary-list__value">
                {if lines.is_empty() {
                    view! { <span class="caption">{l.pick("未填写", "Not answered")}</span> }.into_any()
                } else {
                    lines.into_iter().map(|x| view! { <span class="summary-list__line">{x}</span> }).collect_view().into_any()
                }}
            </dd>
            <dd class="summary-list__actions"><a href=href>{change}<span class="visually-hidden">{format!(" {key}")}</span></a></dd>
        </div>
    }
}

/// `/apply/d/{draft}/check`: every answer with 修改, the declaration, and the submit.
#[component]
pub fn CheckPage() -> impl IntoView {
    loaded(load(), |a: ApplicationView| {
        let l = lang();
        let heading = l.pick("提交前请核对", "Check your answers before submitting");
        let form = flash_form(&a.draft, "check");
        let errors = if a.flash.form == form { a.flash.errors.clone() } else { vec![] };
        let ready = a.tasks.iter().filter(|t| t.kind != TaskKind::Submit).all(|t| t.status == TaskStatus::Done);
        let asked = a.form.asked(&a.answers);
        let sections = a.form.sections.iter().map(|s| {
            let href = format!("{}?from=check", task_href(&a.draft, &TaskKind::Section(s.id.clone())));
            view! {
                <h2>{s.title.clone()}</h2>
                <dl class="summary-list">
                    {s.fields.iter().filter(|f| crate::domain::form::shown(f, &asked)).map(|f| {
                        check_row(f.id.clone(), f.label.clone(), answer_words(f, &asked, &a.towns, l), href.clone(), l)
                    }).collect_view()}
                </dl>
            }
        }).collect_view();
        let materials = a.form.materials.iter().map(|m| {
            let lines = a.upload(&m.id).map(|u| vec![format!("{}（{}）", u.file_name, size_words(u.bytes))]).unwrap_or_default();
            check_row(m.id.clone(), m.name.clone(), lines, format!("/apply/d/{}/m/{}?from=check", a.draft, m.id), l)
        }).collect_view();
        let delivery = delivery_words(&a, l);
        view! {
            <Page title=title(l, &a, &form, heading)>
                <BackLink href=format!("/apply/d/{}", a.draft)/>
                <ErrorSummary errors=errors/>
                <span class="caption">{caption(&a)}</span>
                <h1>{heading}</h1>
                {filed_as(&a)}
                {sections}
                {(!a.form.materials.is_empty()).then(|| view! {
                    <h2>{l.pick("上传材料", "Documents")}</h2>
                    <dl class="summary-list">{materials}</dl>
                })}
                <h2>{l.pick("结果领取方式", "How to receive the result")}</h2>
                <dl class="summary-list">
                    {check_row("delivery".into(), l.pick("领取方式", "How").into(), (!delivery.is_empty()).then_some(delivery).into_iter().collect(),
                        format!("/apply/d/{}/delivery?from=check", a.draft), l)}
                </dl>
                <Outbox owner=a.owner.clone() lang=l submit=props(&Submit { draft: a.draft.clone(), key: a.submit_key.clone(), item: a.item_name.clone() })>
                    {if ready {
                        view! {
                            <h2>{l.pick("承诺并提交", "Declaration and submit")}</h2>
                            <p>{l.pick(
                                "提交即表示您承诺：所填内容和上传的材料真实、有效；如有虚假，愿意承担相应的法律责任。",
                                "By submitting you declare that what you entered and uploaded is true and complete, and that you are liable for anything false.",
                            )}</p>
                            <form method="post" action=SubmitApplication::url() class="form">
                                <input type="hidden" name="id" value=a.draft.clone()/>
                                <input type="hidden" name="key" value=a.submit_key.clone()/>
                                <button class="button" type="submit">{l.pick("承诺并提交", "Accept and submit")}</button>
                            </form>
                        }.into_any()
                    } else {
                        view! {
                            <p>{l.pick("还有未完成的项目，请先在任务列表中完成。", "Some tasks are not done yet: finish them on the task list first.")}</p>
                            <p><a class="button button--secondary" href=format!("/apply/d/{}", a.draft)>{l.pick("返回任务列表", "Back to the task list")}</a></p>
                        }.into_any()
                    }}
                </Outbox>
                <IslandScripts/>
            </Page>
        }
    })
}
