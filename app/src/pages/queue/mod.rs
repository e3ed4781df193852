//! Check-in and the queue: the hall's check-in desk (`/staff/checkin`), the window staff console (`/staff/window`),
//! the citizen's ticket (`/tickets/{code}`) and the window screen (`/windows/{window_id}/screen`).

pub mod live;
pub mod screens;

use crate::api::queue::{
    checkin_page, screen_page, ticket_page, window_console, CheckinDesk, ConsoleView, ConsoleWindow, ScreenView, TicketView,
};
use crate::components::error_summary::ErrorSummary;
use crate::components::layout::Page;
use crate::components::select_input::SelectInput;
use crate::components::summary_list::SummaryList;
use crate::components::tag::Tag;
use crate::components::text_input::TextInput;
use crate::i18n::{lang, Lang};
use crate::app::IslandScripts;
use crate::pages::loaded;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use live::{LiveScreen, LiveTicket};

/// Without JavaScript a live page cannot update itself: a "刷新" button reloads it (never a meta refresh).
#[component]
pub fn RefreshButton(#[prop(into)] href: String) -> impl IntoView {
    let label = lang().pick("刷新", "Refresh");
    view! {
        <noscript>
            <form method="get" action=href class="refresh-form">
                <button class="button button--secondary" type="submit">{label}</button>
            </form>
        </noscript>
    }
}

fn param(name: &str) -> String {
    use_params_map().read_untracked().get(name).unwrap_or_default()
}

/// `/staff/checkin`: a point's check-in desk — the signed-in clerk's own point (`?point=` picks one when they
/// work at several). The scanner types a booking's code (or its URL) into the first field and "presses Enter";
/// walk-ins choose a service group. Someone who came too early is told when to come back, and may queue now as a
/// walk-in instead.
#[component]
pub fn CheckinScreen() -> impl IntoView {
    let point = leptos_router::hooks::use_query_map().read_untracked().get("point").filter(|p| !p.is_empty());
    loaded(checkin_page(point), |d: CheckinDesk| {
        let f = d.flash.clone();
        let title = if f.errors.is_empty() { "签到取号" } else { "错误：签到取号" };
        let options: Vec<(String, String)> = d
            .groups
            .iter()
            .map(|g| (g.department_code.clone(), format!("{}（{}字头，等候{}人）", g.name, g.letter, g.waiting)))
            .collect();
        let switch = (d.points.len() > 1).then(|| {
            let options: Vec<(String, String)> = d.points.clone();
            view! {
                <form method="get" action="/staff/checkin" class="inline-form">
                    <SelectInput name="point" label="服务点" options selected=d.point_id.clone()/>
                    <button class="button button--secondary" type="submit">"切换"</button>
                </form>
            }
        });
        let early = f.value("early") == "1";
        let body = if !d.has_desk {
            view! {
                <div class="panel" role="status">
                    <p>{if d.point_id.is_empty() {
                        "您的账号未分配服务点，请联系中心管理员。".to_string()
                    } else {
                        format!("{}未设签到台，不能签到取号。请联系中心管理员在“窗口和签到台”中添加。", d.point_name)
                    }}</p>
                </div>
            }
            .into_any()
        } else {
            let point_id = d.point_id.clone();
            view! {
                <h2>"预约签到"</h2>
                <form method="post" action="/api/queue_check_in" novalidate>
                    <input type="hidden" name="point_id" value=point_id.clone()/>
                    <TextInput name="code" label="预约码" hint="扫描预约二维码，或输入预约码后按回车"
                        error=f.error("code") value=f.value("code") autofocus=true/>
                    <button class="button" type="submit">"签到"</button>
                </form>
                {early.then(|| view! {
                    <form method="post" action="/api/queue_check_in" novalidate>
                        <input type="hidden" name="point_id" value=point_id.clone()/>
                        <input type="hidden" name="code" value=f.value("code")/>
                        <input type="hidden" name="walk_in" value="1"/>
                        <button class="button button--secondary" type="submit">"现在按现场取号排队"</button>
                    </form>
                })}
                <h2>"现场取号"</h2>
                <form method="post" action="/api/queue_take_ticket" novalidate>
                    <input type="hidden" name="point_id" value=point_id/>
                    <SelectInput name="group" label="办理部门" error=f.error("group") options selected=f.value("group")/>
                    <TextInput name="phone" label="手机号码（选填）" hint="前面还有3人时发短信提醒" inputmode="tel"
                        error=f.error("phone") value=f.value("phone")/>
                    <button class="button" type="submit">"取号"</button>
                </form>
            }
            .into_any()
        };
        view! {
            <Page title=title>
                <span class="caption">{d.point_name.clone()}</span>
                <h1>"签到取号"</h1>
                <ErrorSummary errors=f.errors.clone()/>
                {switch}
                {body}
                <p><a href="/staff">"返回工作台"</a></p>
            </Page>
        }
    })
}

/// `/tickets/{code}`: a queue ticket — printable at the desk, live on the person's phone.
#[component]
pub fn TicketScreen() -> impl IntoView {
    let code = param("code");
    loaded(ticket_page(code), |t: Option<TicketView>| match t {
        None => view! { <crate::pages::not_found::NotFoundBody what=lang().pick("排队号", "ticket")/> }.into_any(),
        Some(t) => view! { <TicketBody t/> }.into_any(),
    })
}

#[component]
fn TicketBody(t: TicketView) -> impl IntoView {
    let l = lang();
    let en = l == Lang::En;
    let href = format!("/tickets/{}", t.code);
    let mut rows = vec![
        (l.pick("办理部门", "Department").to_string(), t.group_name.clone()),
        (l.pick("服务网点", "Service point").to_string(), t.point_name.clone()),
        (l.pick("取号时间", "Issued").to_string(), t.issued_at.clone()),
    ];
    if t.booked {
        rows.push((l.pick("预约", "Booking").to_string(), l.pick("已预约签到，优先叫号", "Checked in with a booking: called first").to_string()));
    }
    view! {
        <Page title=format!("{} {}", l.pick("排队号", "Ticket"), t.live.number)>
            <div class="ticket">
                <h1 class="ticket__heading">{l.pick("排队号", "Your ticket")}</h1>
                <p class="ticket__number" data-testid="ticket-number">{t.live.number.clone()}</p>
                <LiveTicket code=t.code.clone() initial=t.live.clone() en/>
                <RefreshButton href=href.clone()/>
                <IslandScripts/>
                <SummaryList rows/>
                <p class="ticket__link">{l.pick("用手机查看排队进度：", "Follow the queue on your phone: ")}<a href=href.clone()>{href.clone()}</a></p>
                <p class="no-print">{l.pick("过号请到窗口联系工作人员。", "If you miss your number, speak to the staff at the window.")}</p>
            </div>
        </Page>
    }
}

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
                            <form method="post" action="/api/queue_sign_on" novalidate>
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
fn SignedOn(w: ConsoleWindow, f: crate::api::accounts::Flash) -> impl IntoView {
    let action = "/api/queue_ticket_action".to_string();
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
                <form method="post" action="/api/queue_call_next">
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
            <form method="post" action="/api/queue_pause" class="inline-form">
                <input type="hidden" name="paused" value=if w.paused { "0" } else { "1" }/>
                <button class="button button--secondary" type="submit">{if w.paused { "恢复服务" } else { "暂停服务" }}</button>
            </form>
            <form method="post" action="/api/queue_sign_off" class="inline-form">
                <button class="button button--secondary" type="submit">"签退"</button>
            </form>
        </div>
        <p><a href=format!("/windows/{}/screen", w.id)>"本窗口屏幕"</a></p>
    }
}

/// `/windows/{window_id}/screen`: the window's display. Only a registered device sees the queue.
#[component]
pub fn WindowScreen() -> impl IntoView {
    let id = param("id");
    loaded(screen_page(id), |s: Option<ScreenView>| match s {
        None => view! { <crate::pages::not_found::NotFoundBody what="窗口"/> }.into_any(),
        Some(s) if !s.paired => view! { <Unpaired s/> }.into_any(),
        Some(s) => {
            let href = format!("/windows/{}/screen", s.window_id);
            view! {
                <leptos_meta::Title text=crate::domain::html::escape(&format!("{} - 窗口屏幕", s.window_name))/>
                <main class="screen" id="main">
                    <h1 class="screen__window">{s.window_name.clone()}</h1>
                    <LiveScreen window_id=s.window_id.clone() initial=s.live.clone()/>
                    <RefreshButton href/>
                    <IslandScripts/>
                </main>
            }
            .into_any()
        }
    })
}

#[component]
fn Unpaired(s: ScreenView) -> impl IntoView {
    view! {
        <Page title="此设备未登记">
            <h1>"此设备未登记"</h1>
            <p>{format!("{}的屏幕只在中心登记过的显示设备上显示。", s.window_name)}</p>
            {if s.admin {
                view! {
                    <form method="post" action="/api/queue_pair_screen">
                        <input type="hidden" name="window_id" value=s.window_id.clone()/>
                        <button class="button" type="submit">{format!("将本设备登记为{}的屏幕", s.window_name)}</button>
                    </form>
                }.into_any()
            } else {
                view! { <p>"请中心管理员在本设备上登录后登记。"</p> }.into_any()
            }}
        </Page>
    }
}
