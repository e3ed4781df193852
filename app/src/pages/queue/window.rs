//! `/staff/window`: the window staff console.

use crate::api::queue::{
    window_console, ConsoleView, ConsoleWindow,
};
use crate::components::error_summary::ErrorSummary;
use crate::components::layout::Page;
use crate::components::select_input::SelectInput;
use crate::components::tag::Tag;
use crate::pages::loaded;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// `/staff/window`: the window staff console. Plain forms; the server checks every step.
#[component]
pub fn WindowConsole() -> impl IntoView {
    loaded(window_console(), |c: ConsoleView| {
        let f = c.flash.clone();
        let title = if f.errors.is_empty() { "窗口叫号" } else { "错误：窗口叫号" };
        view! {
            <Page title=title>
                <h1>"窗口叫号"</h1>
                <ErrorSummary errors=f.errors.clone()/>
                {match c.window {
                    Some(w) => view! { <SignedOn w f=f.clone()/> }.into_any(),
                    None => {
                        let options = c.choices.iter().map(|w| {
                            (w.id.clone(), if w.taken { format!("{}（已有人签到）", w.label) } else { w.label.clone() })
                        }).collect::<Vec<_>>();
                        view! {
                            <p>{format!("{}，请先签到窗口。", c.display_name)}</p>
                            <form method="post" action=crate::api::queue::WindowSignOn::url() novalidate>
                                <SelectInput name="window_id" label="窗口" error=f.error("window_id") options/>
                                <button class="button" type="submit">"签到"</button>
                            </form>
                        }.into_any()
                    }
                }}
                <h2>"窗口屏幕"</h2>
                <ul class="plain-list">
                    {c.choices.into_iter().map(|w| view! {
                        <li><a href=format!("/windows/{}/screen", w.id)>{format!("{}的屏幕", w.label)}</a></li>
                    }).collect_view()}
                </ul>
                <p><a href="/staff">"返回工作台"</a></p>
            </Page>
        }
    })
}

#[component]
fn SignedOn(w: ConsoleWindow, f: crate::domain::form::Flash) -> impl IntoView {
    let action = crate::api::queue::TicketAction::url().to_string();
    view! {
        <h2>{format!("{}号窗口 {}", w.number, w.name)}</h2>
        <p>
            {if w.paused { view! { <Tag text="已暂停" tone="yellow"/> } } else { view! { <Tag text="服务中" tone="green"/> } }}
            " "<span data-testid="waiting">{format!("等候 {} 人", w.waiting)}</span>
        </p>
        {f.error("call").map(|m| view! { <p class="text-input__error" id="call">{m}</p> })}
        {match w.current {
            None => view! {
                <p>"当前没有正在办理的号码。"</p>
                <form method="post" action=crate::api::queue::CallNext::url()>
                    <button class="button button--large" type="submit">"叫号"</button>
                </form>
            }.into_any(),
            Some(t) => {
                let id = t.id.clone();
                view! {
                    <div class="current-ticket">
                        <p class="current-ticket__label">"当前号码"</p>
                        <p class="current-ticket__number" data-testid="current-number">{t.number.clone()}</p>
                        {t.booked.then(|| view! { <Tag text="预约" tone="blue"/> })}
                        <p>{format!("已呼叫 {} 次", t.calls)}</p>
                    </div>
                    <div class="button-group">
                        {[("serve", "办结"), ("recall", "重呼"), ("skip", "过号")].into_iter().map(|(a, label)| view! {
                            <form method="post" action=action.clone() class="inline-form">
                                <input type="hidden" name="action" value=a/>
                                <input type="hidden" name="ticket_id" value=id.clone()/>
                                <button class=if a == "serve" { "button" } else { "button button--secondary" } type="submit">{label}</button>
                            </form>
                        }).collect_view()}
                    </div>
                    <form method="post" action=action.clone() novalidate>
                        <input type="hidden" name="action" value="transfer"/>
                        <input type="hidden" name="ticket_id" value=id.clone()/>
                        <SelectInput name="target" label="转移到" hint="转往其他部门的队列或指定窗口，保留原排队顺序"
                            error=f.error("target") options=w.targets.clone()/>
                        <button class="button button--secondary" type="submit">"转移"</button>
                    </form>
                }.into_any()
            }
        }}
        {(!w.skipped.is_empty()).then(|| view! {
            <h3>"已过号"</h3>
            <ul class="plain-list">
                {w.skipped.into_iter().map(|(id, number)| view! {
                    <li>
                        {number.clone()}" "
                        <form method="post" action=action.clone() class="inline-form">
                            <input type="hidden" name="action" value="recall"/>
                            <input type="hidden" name="ticket_id" value=id/>
                            <button class="link-button" type="submit">"重呼"<span class="visually-hidden">{number}</span></button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
        })}
        <div class="button-group">
            <form method="post" action=crate::api::queue::WindowPause::url() class="inline-form">
                <input type="hidden" name="paused" value=if w.paused { "0" } else { "1" }/>
                <button class="button button--secondary" type="submit">{if w.paused { "恢复服务" } else { "暂停服务" }}</button>
            </form>
            <form method="post" action=crate::api::queue::WindowSignOff::url() class="inline-form">
                <button class="button button--secondary" type="submit">"签退"</button>
            </form>
        </div>
        <p><a href=format!("/windows/{}/screen", w.id)>"本窗口屏幕"</a></p>
    }
}

