//! The staff console's case pages (staff pages speak Chinese): `/staff/cases` the intake list, `/staff/cases/{n}`
//! one case with its answers, materials, timeline and the steps the clerk may take, `/staff/cases/{n}/correction`
//! the one-time notice built point by point, `/staff/cases/{n}/notice/{accept|correction}` the printable notices,
//! and `/staff/counter` filing at the window.

use crate::api::cases::{counter_page, staff_case, staff_cases, CaseStep, StartCounter};
use crate::components::back_link::BackLink;
use crate::components::error_summary::ErrorSummary;
use crate::components::layout::Page;
use crate::components::qr::QrCode;
use crate::components::select_input::SelectInput;
use crate::components::summary_list::SummaryList;
use crate::components::tag::Tag;
use crate::components::text_input::TextInput;
use crate::components::timeline::Timeline;
use crate::domain::cases::deadline::Colour;
use crate::domain::cases::page::{IntakeFilter, IntakeView, StaffCaseView};
use crate::domain::cases::{CaseState, Event, Target};
use crate::domain::form::Flash;
use crate::pages::{loaded, param, signed_in};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

fn colour_tag(c: Option<Colour>) -> impl IntoView {
    c.map(|c| {
        let tone = match c {
            Colour::Green => "green",
            Colour::Yellow => "yellow",
            Colour::Red => "red",
        };
        view! { <Tag text=c.label() tone=tone/> }
    })
}

fn case_here(number: &str) -> String {
    format!("/staff/cases/{}", crate::domain::html::encode_query(number))
}

/// `/staff/cases`.
#[component]
pub fn IntakePage() -> impl IntoView {
    let f: IntakeFilter = crate::pages::query();
    loaded(signed_in("/staff/cases".into(), staff_cases(f.state, f.colour, f.item, f.date)), |v: IntakeView| {
        let states: Vec<(String, String)> = std::iter::once((String::new(), "全部".to_string()))
            .chain(CaseState::ALL.iter().map(|s| (s.code().to_string(), s.label(crate::i18n::Lang::Zh).to_string())))
            .collect();
        let colours: Vec<(String, String)> =
            std::iter::once((String::new(), "全部".to_string())).chain(Colour::ALL.iter().map(|c| (c.code().to_string(), c.label().to_string()))).collect();
        let items: Vec<(String, String)> = std::iter::once((String::new(), "全部".to_string())).chain(v.items.iter().cloned()).collect();
        let shown = v.lines.len();
        view! {
            <Page title="办件受理">
                <BackLink href="/staff" text="工作台"/>
                <h1>"办件受理"</h1>
                <p>"按期限先后排列：最早到期的在前，补正中（暂停计时）和已办结的在后。"</p>
                <form method="get" action="/staff/cases" class="filter-form">
                    <SelectInput name="state" label="状态" options=states selected=v.filter.state.clone().unwrap_or_default()/>
                    <SelectInput name="colour" label="期限" options=colours selected=v.filter.colour.clone().unwrap_or_default()/>
                    <SelectInput name="item" label="事项" options=items selected=v.filter.item.clone().unwrap_or_default()/>
                    <TextInput name="date" label="收件日期" kind="date" value=v.filter.date.clone().unwrap_or_default()/>
                    <button class="button button--secondary" type="submit">"筛选"</button>
                </form>
                <p role="status">{format!("共 {} 件，显示 {shown} 件", v.total)}</p>
                {if v.lines.is_empty() {
                    view! { <p>"没有符合条件的办件。"</p> }.into_any()
                } else {
                    view! {
                        <ul class="choice-list intake-list">
                            {v.lines.into_iter().map(|c| view! {
                                <li class="booking-line" data-case=c.number.clone()>
                                    <a href=case_here(&c.number)>{format!("{} {}", c.number, c.item_name)}</a>
                                    <span class="choice-list__hint">{format!("收件 {} · {}", c.received, c.due)}
                                        {c.at_counter.then_some(" · 窗口收件")}</span>
                                    <span><Tag text=c.state.label(crate::i18n::Lang::Zh)/>" "{colour_tag(c.colour)}</span>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </Page>
        }
    })
}

/// One step's form: the case number and the event, then its own fields, then its button.
fn step_form(number: &str, event: Event, button: &'static str, secondary: bool, fields: AnyView) -> impl IntoView {
    view! {
        <form method="post" action=CaseStep::url() class="form case-step" data-event=event.code()>
            <input type="hidden" name="number" value=number.to_string()/>
            <input type="hidden" name="event" value=event.code()/>
            {fields}
            <button class=if secondary { "button button--secondary" } else { "button" } type="submit">{button}</button>
        </form>
    }
}

/// The steps the clerk may take now, each its own form.
fn actions(v: &StaffCaseView) -> impl IntoView {
    let f = &v.flash;
    let n = &v.number;
    let deferrable: Vec<(String, String)> = v.materials.iter().filter(|m| m.deferrable).map(|m| (m.id.clone(), m.name.clone())).collect();
    v.actions
        .iter()
        .map(|e| match e {
            Event::Accept => view! {
                <h3>"受理"</h3>
                {step_form(n, *e, "受理", false, view! { <TextInput name="comment" label="受理意见（选填）" value=f.value("comment") rows=2/> }.into_any())}
            }
            .into_any(),
            Event::AcceptDeferred if !deferrable.is_empty() => view! {
                <h3>"容缺受理"</h3>
                {step_form(n, *e, "容缺受理", true, view! {
                    <fieldset class="fieldset" id="deferred">
                        <legend class="fieldset__legend">"容缺的材料"</legend>
                        {f.error("deferred").map(|m| view! { <p class="error-message">{m}</p> })}
                        {deferrable.iter().map(|(id, name)| view! {
                            <div class="checkboxes__item">
                                <input class="checkboxes__input" type="checkbox" id=format!("defer:{id}") name=format!("defer:{id}") value="1"/>
                                <label class="checkboxes__label" for=format!("defer:{id}")>{name.clone()}</label>
                            </div>
                        }).collect_view()}
                    </fieldset>
                    <TextInput name="by" label="补交期限" kind="date" value=f.value("by") error=f.error("by")/>
                }.into_any())}
            }
            .into_any(),
            Event::RequestCorrection => view! {
                <h3>"一次性告知（补正）"</h3>
                <p><a class="button button--secondary" href=format!("{}/correction", case_here(n))>"填写一次性告知书"</a></p>
            }
            .into_any(),
            Event::Refuse => view! {
                <h3>"不予受理"</h3>
                {step_form(n, *e, "不予受理", true, view! {
                    <TextInput name="reason" label="不予受理的理由" value=f.value("reason") error=f.error("reason") rows=2/>
                    <TextInput name="basis" label="法律依据" value={ let b = f.value("basis"); if b.is_empty() { v.legal_basis.clone() } else { b } } error=f.error("basis") rows=2/>
                }.into_any())}
            }
            .into_any(),
            Event::Approve => view! {
                <h3>"审查决定"</h3>
                {step_form(n, *e, "准予许可", false, view! { <TextInput name="comment" label="审查意见（选填）" value=f.value("comment") rows=2/> }.into_any())}
            }
            .into_any(),
            Event::Deny => view! {
                {step_form(n, *e, "不予许可", true, view! { <TextInput name="reason" label="不予许可的理由" value=f.value("reason") error=f.error("reason") rows=2/> }.into_any())}
            }
            .into_any(),
            Event::Complete => view! {
                <h3>"办结"</h3>
                {step_form(n, *e, "办结", false, view! { <TextInput name="comment" label="办结说明（选填）" value=f.value("comment") rows=2/> }.into_any())}
            }
            .into_any(),
            Event::Deliver if v.posted => {
                let carriers: Vec<(String, String)> = std::iter::once((String::new(), "请选择".to_string()))
                    .chain(crate::domain::cases::Carrier::ALL.iter().map(|c| (c.code().to_string(), c.label(crate::i18n::Lang::Zh).to_string())))
                    .collect();
                view! {
                    <h3>"送达：免费邮寄"</h3>
                    {step_form(n, *e, "已寄出", false, view! {
                        <SelectInput name="carrier" label="快递公司" options=carriers selected=f.value("carrier") error=f.error("carrier")/>
                        <TextInput name="tracking" label="运单号" value=f.value("tracking") error=f.error("tracking") autocomplete="off"/>
                    }.into_any())}
                }
                .into_any()
            }
            Event::Deliver => view! {
                <h3>"送达"</h3>
                {step_form(n, *e, "确认已送达", false, view! { <TextInput name="comment" label="送达说明（选填）" value=f.value("comment") rows=2/> }.into_any())}
            }
            .into_any(),
            Event::Assign if v.colleagues.len() > 1 => {
                let options: Vec<(String, String)> = std::iter::once((String::new(), "请选择".to_string())).chain(v.colleagues.iter().cloned()).collect();
                view! {
                    <h3>"转交同事"</h3>
                    {step_form(n, *e, "转交", true, view! { <SelectInput name="to" label="经办人" options=options selected=f.value("to") error=f.error("to")/> }.into_any())}
                }
                .into_any()
            }
            _ => ().into_any(),
        })
        .collect_view()
}

/// `/staff/cases/{number}`.
#[component]
pub fn StaffCasePage() -> impl IntoView {
    let number = param("number");
    loaded(signed_in(case_here(&number), staff_case(number)), |v: StaffCaseView| {
        let mut facts = vec![
            ("办件编号".to_string(), v.number.clone()),
            ("申请人".to_string(), v.applicant.0.clone()),
            ("手机号码".to_string(), v.applicant.1.clone()),
            ("收件日期".to_string(), v.received.clone()),
            ("收件方式".to_string(), if v.at_counter { "窗口收件".to_string() } else { "网上申报".to_string() }),
            ("办理地点".to_string(), v.point_name.clone()),
            ("期限".to_string(), v.due.clone()),
            ("预计办结".to_string(), v.expected.clone()),
            ("结果领取".to_string(), v.delivery.clone()),
            ("经办人".to_string(), v.assigned.clone().unwrap_or_else(|| "未指定".into())),
        ];
        if let Some((materials, by)) = &v.deferred {
            facts.push(("容缺材料".to_string(), format!("{}，{by}前补交", materials.join("、"))));
        }
        let title = if v.flash.errors.is_empty() { format!("{} - {}", v.number, v.item_name) } else { format!("错误：{} - {}", v.number, v.item_name) };
        let printable = v.state.is_accepted();
        view! {
            <Page title=title>
                <BackLink href="/staff/cases" text="办件受理"/>
                <ErrorSummary errors=v.flash.errors.clone()/>
                {v.flash.error("step").map(|m| view! { <div class="panel panel--warning" role="alert" id="step"><p>{m}</p></div> })}
                <span class="caption">{v.number.clone()}</span>
                <h1>{v.item_name.clone()}</h1>
                <p><Tag text=v.state.label(crate::i18n::Lang::Zh)/>" "{colour_tag(v.colour)}</p>
                <SummaryList rows=facts/>
                {(!v.correction.is_empty()).then(|| view! {
                    <h2>"一次性告知的补正内容"</h2>
                    <ol>{v.correction.iter().map(|it| view! { <li>{format!("{}：{}。{}", it.label, it.problem, it.bring)}</li> }).collect_view()}</ol>
                })}
                <p class="no-print">
                    {printable.then(|| view! { <a href=format!("{}/notice/accept", case_here(&v.number))>"打印受理通知书"</a>" " })}
                    {(!v.last_notice.is_empty()).then(|| view! { <a href=format!("{}/notice/correction", case_here(&v.number))>"打印一次性告知书"</a> })}
                </p>
                {(!v.actions.is_empty()).then(|| view! { <h2>"办理"</h2> {actions(&v)} })}
                <h2>"申请内容"</h2>
                <SummaryList rows=v.answers.clone()/>
                <h2>"申请材料"</h2>
                {v.materials.iter().map(|m| view! {
                    <h3>{m.name.clone()}</h3>
                    {if m.files.is_empty() {
                        view! { <p>"未提交"</p> }.into_any()
                    } else {
                        m.files.iter().enumerate().map(|(i, u)| {
                            let label = if i == 0 { u.file_name.clone() } else { format!("{}（已被补正材料替换）", u.file_name) };
                            let body = if u.file_type.is_image() {
                                view! { <a href=format!("/files/{}", u.id) target="_blank" rel="noopener"><img class="material-view__image" src=format!("/files/{}", u.id) alt=format!("{}：{}", m.name, u.file_name) loading="lazy"/></a> }.into_any()
                            } else {
                                view! { <iframe class="material-view__pdf" src=format!("/files/{}/view", u.id) title=format!("{}：{}", m.name, u.file_name)></iframe> }.into_any()
                            };
                            view! {
                                <figure class="material-view">
                                    {body}
                                    <figcaption><a href=format!("/files/{}", u.id) target="_blank" rel="noopener">{label}</a></figcaption>
                                </figure>
                            }
                        }).collect_view().into_any()
                    }}
                }).collect_view()}
                <h2>"办理过程（留痕）"</h2>
                <Timeline steps=v.steps.clone()/>
            </Page>
        }
    })
}

/// `/staff/cases/{number}/correction`: the one-time notice (一次性告知书), point by point: tick each material or
/// question that needs correcting, say what is wrong and what to bring.
#[component]
pub fn CorrectionPage() -> impl IntoView {
    let number = param("number");
    let here = format!("{}/correction", case_here(&number));
    loaded(signed_in(here, staff_case(number)), |v: StaffCaseView| {
        let f: Flash = v.flash.clone();
        let point = |target: Target, label: String| {
            let key = target.key();
            let (pick, problem, bring) = (format!("pick:{key}"), format!("problem:{key}"), format!("bring:{key}"));
            let ticked = !f.value(&pick).is_empty();
            view! {
                <fieldset class="fieldset correction-point">
                    <legend class="fieldset__legend">{label.clone()}</legend>
                    <div class="checkboxes__item">
                        <input class="checkboxes__input" type="checkbox" id=pick.clone() name=pick.clone() value="1" checked=ticked/>
                        <label class="checkboxes__label" for=pick.clone()>{format!("需要补正：{label}")}</label>
                    </div>
                    <TextInput name=problem.clone() label="存在的问题" value=f.value(&problem) error=f.error(&problem)/>
                    <TextInput name=bring.clone() label="需要补充或更正的内容" value=f.value(&bring) error=f.error(&bring)/>
                </fieldset>
            }
        };
        let materials = v.materials.iter().map(|m| point(Target::Material(m.id.clone()), m.name.clone())).collect_view();
        let fields = v.fields.iter().map(|(id, label)| point(Target::Field(id.clone()), label.clone())).collect_view();
        let title = if f.errors.is_empty() { format!("一次性告知 - {}", v.number) } else { format!("错误：一次性告知 - {}", v.number) };
        view! {
            <Page title=title>
                <BackLink href=case_here(&v.number) text="返回办件"/>
                <ErrorSummary errors=f.errors.clone()/>
                <span class="caption">{format!("{} {}", v.number, v.item_name)}</span>
                <h1>"一次性告知补正"</h1>
                <p>"一次列出需要补正的全部内容：勾选每一项材料或填写内容，写明问题和需要补充的内容。申请人只需补正这些内容；补正期间暂停计时。"</p>
                <form method="post" action=CaseStep::url() class="form">
                    <input type="hidden" name="number" value=v.number.clone()/>
                    <input type="hidden" name="event" value=Event::RequestCorrection.code()/>
                    <div id="items">{f.error("items").map(|m| view! { <p class="error-message">{m}</p> })}</div>
                    <h2>"申请材料"</h2>
                    {materials}
                    <h2>"填写内容"</h2>
                    {fields}
                    <button class="button" type="submit">"发出一次性告知"</button>
                </form>
            </Page>
        }
    })
}

/// `/staff/cases/{number}/notice/{accept|correction}`: a clean printable notice carrying the case number as a QR
/// code (the tracking link, from configuration).
#[component]
pub fn NoticePage() -> impl IntoView {
    let number = param("number");
    let kind = param("kind");
    let here = format!("{}/notice/{kind}", case_here(&number));
    loaded(signed_in(here, staff_case(number)), move |v: StaffCaseView| {
        let correction = kind == "correction";
        let heading = if correction { "一次性告知书" } else { "受理通知书" };
        // A notice prints only what happened: an acceptance once accepted, the notice once sent.
        let printable = if correction { !v.last_notice.is_empty() } else { v.state.is_accepted() && (kind == "accept") };
        if !printable {
            return view! {
                <Page title=format!("{heading} - {}", v.number)>
                    <BackLink href=case_here(&v.number) text="返回办件"/>
                    <h1>{heading}</h1>
                    <p>{if correction { "该办件没有发出过一次性告知。" } else { "该办件尚未受理，不能打印受理通知书。" }}</p>
                </Page>
            }
            .into_any();
        }
        let accepted_at = v.steps.iter().rev().find(|s| matches!(s.event, Event::Accept | Event::AcceptDeferred)).map(|s| s.at.clone()).unwrap_or_default();
        let notified_at = v.steps.iter().rev().find(|s| s.event == Event::RequestCorrection).map(|s| s.at.clone()).unwrap_or_default();
        let body = if correction {
            view! {
                <p>{format!("{}：", v.applicant.0)}</p>
                <p>{format!("您于{}申请的“{}”（办件编号 {}），经审查，需要补正以下材料或内容：", v.received, v.item_name, v.number)}</p>
                <ol class="notice__items">{v.last_notice.iter().map(|it| view! { <li><strong>{it.label.clone()}</strong>{format!("：{}。{}", it.problem, it.bring)}</li> }).collect_view()}</ol>
                <p>"请一次性补正上述全部内容后重新提交（可登录掌上办事大厅“我的办件”上传，或到窗口提交）。补正期间不计入办理时限。"</p>
                <p>{format!("告知日期：{notified_at}")}</p>
            }
            .into_any()
        } else {
            view! {
                <p>{format!("{}：", v.applicant.0)}</p>
                <p>{format!("您申请的“{}”，材料齐全、符合法定形式，本机关决定受理。", v.item_name)}</p>
                <SummaryList rows=vec![
                    ("办件编号".to_string(), v.number.clone()),
                    ("受理时间".to_string(), accepted_at.clone()),
                    ("预计办结日期".to_string(), v.expected.clone()),
                    ("结果领取".to_string(), v.delivery.clone()),
                ]/>
            }
            .into_any()
        };
        view! {
            <Page title=format!("{heading} - {}", v.number)>
                <div class="no-print"><BackLink href=case_here(&v.number) text="返回办件"/>
                    <p>"用浏览器的“打印”打印本页（手机：分享 › 打印）。"</p></div>
                <article class="notice">
                    <p class="notice__issuer">{v.point_name.clone()}</p>
                    <h1>{heading}</h1>
                    <p class="notice__number">{format!("编号：{}", v.number)}</p>
                    {body}
                    <div class="notice__qr">
                        <QrCode text=v.track_url.clone() label="办件进度二维码"/>
                        <p>{format!("扫码或登录掌上办事大厅查看办理进度。办件编号 {}", v.number)}</p>
                    </div>
                    <p>"咨询电话：0871-67911234（工作日 9:00–19:00）"</p>
                </article>
            </Page>
        }
        .into_any()
    })
}

/// `/staff/counter`: filing at the window (窗口收件) for a person who came in.
#[component]
pub fn CounterPage() -> impl IntoView {
    loaded(signed_in("/staff/counter".into(), counter_page()), |(items, f): (Vec<(String, String)>, Flash)| {
        let options: Vec<(String, String)> = std::iter::once((String::new(), "请选择".to_string())).chain(items).collect();
        let title = if f.errors.is_empty() { "窗口收件".to_string() } else { "错误：窗口收件".to_string() };
        view! {
            <Page title=title>
                <BackLink href="/staff" text="工作台"/>
                <ErrorSummary errors=f.errors.clone()/>
                <h1>"窗口收件"</h1>
                <p>"为来到窗口的群众录入申请：填写和网上申报相同的表单，当场扫描或拍照上传材料。办件属于申请人本人，进度短信发到下面的手机号码，申请人用这个号码登录也能查看。"</p>
                <form method="post" action=StartCounter::url() class="form">
                    <SelectInput name="item" label="办理事项" options=options selected=f.value("item") error=f.error("item")/>
                    <TextInput name="mobile" label="申请人手机号码" kind="tel" inputmode="tel" value=f.value("mobile") error=f.error("mobile") autocomplete="off"/>
                    <button class="button" type="submit">"开始录入"</button>
                </form>
            </Page>
        }
    })
}
