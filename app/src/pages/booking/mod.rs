//! Booking screens: `/book` (one question per page: service → point → day → slot → check answers),
//! `/bookings` (my bookings), `/bookings/{code}` (one booking, its QR code), `/bookings/{code}/cancel`,
//! and `/admin/booking` (rules and slot settings).

pub mod admin;

use crate::api::booking::{
    booking_flow, get_booking, my_bookings, BookQuery, BookStep, BookingView, MyBookingsPage,
};
use crate::app::IslandScripts;
use crate::components::back_link::BackLink;
use crate::pages::queue::live::LiveTicket;
use crate::pages::queue::RefreshButton;
use crate::components::error_summary::ErrorSummary;
use crate::components::layout::Page;
use crate::components::radios::Radios;
use crate::components::summary_list::SummaryList;
use crate::components::tag::Tag;
use crate::components::text_input::TextInput;
use crate::components::grouped_select::GroupedSelect;
use crate::pages::loaded;
use crate::pages::not_found::NotFoundBody;
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// A page that needs sign-in: on "请先登录", go to sign-in and come back to `next`.
fn signed_in<T: Send + 'static>(
    next: String,
    load: impl std::future::Future<Output = Result<T, ServerFnError>> + Send + 'static,
) -> impl std::future::Future<Output = Result<T, ServerFnError>> + Send + 'static {
    async move {
        let r = load.await;
        if let Err(ServerFnError::ServerError(m)) = &r {
            if m == "请先登录" {
                #[cfg(feature = "ssr")]
                crate::pages::redirect_page(&format!("/signin?next={}", crate::api::booking::encode(&next)));
                let _ = &next;
            }
        }
        r
    }
}

fn title(flash_has_errors: bool, t: &str) -> String {
    if flash_has_errors {
        format!("错误：{t}")
    } else {
        t.to_string()
    }
}

/// `/book`: the booking flow, one question per page.
#[component]
pub fn BookScreen() -> impl IntoView {
    let q = use_query_map().read_untracked().clone();
    let query = BookQuery {
        q: q.get("q"),
        item: q.get("item"),
        point: q.get("point"),
        day: q.get("day"),
        slot: q.get("slot"),
        change: q.get("change"),
        chosen: q.get("chosen"),
        green: q.get("green"),
        near: q.get("village").filter(|v| !v.is_empty()),
    };
    let here = {
        let mut h = query.href();
        if let Some(s) = &query.slot {
            h.push_str(if h.contains('?') { "&" } else { "?" });
            h.push_str(&format!("slot={}", crate::api::booking::encode(s)));
        }
        h
    };
    loaded(signed_in(here, booking_flow(query)), |s: BookStep| {
        if s.item.is_none() {
            view! { <ChooseItem s/> }.into_any()
        } else if s.point.is_none() {
            view! { <ChoosePoint s/> }.into_any()
        } else if s.slot.is_some() {
            view! { <CheckAnswers s/> }.into_any()
        } else if s.day.is_some() {
            view! { <ChooseSlot s/> }.into_any()
        } else {
            view! { <ChooseDay s/> }.into_any()
        }
    })
}

#[component]
fn ChooseItem(s: BookStep) -> impl IntoView {
    let q = s.query.q.clone().unwrap_or_default();
    let searched = !q.trim().is_empty();
    let green = s.query.is_green();
    let (back, back_text) = if green { ("/staff", "返回工作台") } else { ("/", "返回首页") };
    view! {
        <Page title="预约办理：选择事项">
            <BackLink href=back text=back_text/>
            <span class="caption">{caption(&s)}</span>
            <h1>{if green { "办事人要办理什么事项？" } else { "您要办理什么事项？" }}</h1>
            {green.then(|| view! { <p>"绿色通道：为不方便在网上预约的群众（老年人、残疾人等）现场预约。只能预约本部门的事项。"</p> })}
            <form method="get" action="/book" class="search-form">
                {green.then(|| view! { <input type="hidden" name="green" value="1"/> })}
                <label class="text-input__label" for="q">"事项名称"</label>
                <p class="text-input__hint" id="q-hint">"例如：身份证、营业执照。也可以在办事指南的事项页点“预约办理”。"</p>
                <input class="text-input__input" id="q" name="q" type="search" value=q aria-describedby="q-hint"/>
                <button class="button" type="submit">"搜索"</button>
            </form>
            {(searched && s.items.is_empty()).then(|| view! { <p>"没有找到匹配的事项，请换个说法，或查看"<a href="/guide">"办事指南"</a>"。"</p> })}
            <ul class="choice-list">
                {s.items.into_iter().map(|i| {
                    let q = BookQuery { item: Some(i.id.clone()), green: s.query.green.clone(), ..Default::default() };
                    view! { <li><a href=q.href()>{i.label}</a></li> }
                }).collect_view()}
            </ul>
        </Page>
    }
}

#[component]
fn ChoosePoint(s: BookStep) -> impl IntoView {
    let item = s.item.clone().expect("item chosen");
    let back = if s.query.is_green() {
        BookQuery { green: s.query.green.clone(), ..Default::default() }.href()
    } else {
        format!("/guide/{}", item.id)
    };
    view! {
        <Page title="预约办理：选择网点">
            <BackLink href=back text="返回"/>
            <span class="caption">{caption(&s)}</span>
            <h1>{if s.query.is_green() { "在哪个网点办理？" } else { "您想去哪个网点办理？" }}</h1>
            <form method="get" action="/book" class="form">
                <input type="hidden" name="item" value=item.id.clone()/>
                {s.query.green.clone().map(|g| view! { <input type="hidden" name="green" value=g/> })}
                <GroupedSelect name="village" groups=crate::api::map::TownOption::groups(&s.towns) selected=s.query.near.clone().unwrap_or_default()
                    label="所在村（社区）" hint="选择后，网点按路程由近到远排列" placeholder="请选择"/>
                <button class="button button--secondary" type="submit">"按路程排列"</button>
            </form>
            {s.sorted_from.clone().map(|m| view! { <p role="status">{m}</p> })}
            <p>"县政务服务中心全年无休（365天不打烊），周末和节假日也可预约。"</p>
            {s.points.is_empty().then(|| view! { <p>"该事项暂无可预约的网点，请直接到就近网点办理。"</p> })}
            <ul class="choice-list">
                {s.points.into_iter().map(|p| {
                    let q = BookQuery { item: Some(item.id.clone()), point: Some(p.id.clone()), green: s.query.green.clone(), near: s.query.near.clone(), ..Default::default() };
                    view! { <li><a href=q.href()>{p.label}</a><span class="choice-list__hint">{p.hint}</span></li> }
                }).collect_view()}
            </ul>
        </Page>
    }
}

fn caption(s: &BookStep) -> String {
    let parts: Vec<String> = [
        Some(if s.query.is_green() { "绿色通道预约" } else if s.query.change.is_some() { "改约" } else { "预约办理" }.to_string()),
        s.item.as_ref().map(|i| i.label.clone()),
        s.point.as_ref().map(|p| p.label.clone()),
    ]
    .into_iter()
    .flatten()
    .collect();
    parts.join(" · ")
}

fn back_to_points(s: &BookStep) -> String {
    match &s.query.change {
        Some(code) => format!("/bookings/{code}"),
        None => BookQuery { item: s.query.item.clone(), green: s.query.green.clone(), near: s.query.near.clone(), ..Default::default() }.href(),
    }
}

#[component]
fn ChooseDay(s: BookStep) -> impl IntoView {
    let cap = caption(&s);
    let back = back_to_points(&s);
    view! {
        <Page title="预约办理：选择日期">
            <BackLink href=back text="返回"/>
            <span class="caption">{cap}</span>
            <h1>"选择日期"</h1>
            <p>"可预约今天起14天内的时段。"</p>
            <ul class="choice-list day-list">
                {s.days.iter().map(|d| {
                    let q = BookQuery { day: Some(d.day.clone()), ..s.query.clone() };
                    if !d.open {
                        view! { <li class="day-list__closed"><span>{d.label.clone()}</span><span class="choice-list__hint">"不办公"</span></li> }.into_any()
                    } else if d.suspended {
                        view! { <li class="day-list__closed"><span>{d.label.clone()}</span><span class="choice-list__hint">"暂停服务"</span></li> }.into_any()
                    } else if d.remaining == 0 {
                        view! { <li class="day-list__closed"><span>{d.label.clone()}</span><span class="choice-list__hint">"已约满"</span></li> }.into_any()
                    } else {
                        view! { <li><a href=q.href()>{d.label.clone()}</a><span class="choice-list__hint">{format!("余{}个名额", d.remaining)}</span></li> }.into_any()
                    }
                }).collect_view()}
            </ul>
        </Page>
    }
}

#[component]
fn ChooseSlot(s: BookStep) -> impl IntoView {
    let cap = caption(&s);
    let day = s.day.clone().expect("day chosen");
    let back = BookQuery { day: None, ..s.query.clone() }.href();
    let error = s.flash.error("slot");
    let has_error = error.is_some();
    let free: Vec<_> = s.slots.iter().filter(|x| x.remaining > 0).cloned().collect();
    // No waiting list when rescheduling or booking for someone at the counter: only free slots may be chosen.
    let rescheduling = s.query.change.is_some() || s.query.is_green();
    let wait_slot = if !rescheduling { s.flash.value("wait_slot") } else { String::new() };
    let wait_label = s.flash.value("wait_label");
    view! {
        <Page title=title(has_error, "预约办理：选择时段")>
            <BackLink href=back text="选择其他日期"/>
            <ErrorSummary errors=s.flash.errors.clone()/>
            <span class="caption">{cap}</span>
            <form method="get" action="/book" novalidate>
                <input type="hidden" name="chosen" value="1"/>
                {[("green", s.query.green.clone()), ("village", s.query.near.clone()), ("item", s.query.item.clone()), ("point", s.query.point.clone()), ("day", s.query.day.clone()), ("change", s.query.change.clone())]
                    .into_iter()
                    .filter_map(|(k, v)| v.map(|v| view! { <input type="hidden" name=k value=v/> }))
                    .collect_view()}
                <div class=if has_error { "radios radios--error" } else { "radios" } id="slot">
                    <fieldset class="radios__fieldset">
                        <legend class="radios__legend"><h1>{format!("选择{}的时段", day.label)}</h1></legend>
                        {error.map(|m| view! { <p class="text-input__error" id="slot-error"><span class="visually-hidden">"错误："</span>{m}</p> })}
                        {(free.is_empty() && day.suspended).then(|| view! { <p>"当天暂停服务，请选择其他日期。"</p> })}
                        {(free.is_empty() && !day.suspended).then(|| view! { <p>"当天已约满，请选择其他日期，或选择一个时段候补。"</p> })}
                        {s.slots.iter().enumerate().map(|(i, x)| {
                            let id = format!("slot-{i}");
                            let full = x.remaining == 0;
                            let closed = x.closed.clone();
                            view! {
                                <div class="radios__item">
                                    <input class="radios__input" type="radio" id=id.clone() name="slot" value=x.id.clone() disabled=(full && rescheduling) || closed.is_some()/>
                                    <label class="radios__label" for=id>
                                        {x.label.clone()}
                                        <span class="choice-list__hint">{match (closed, full, rescheduling) {
                                            (Some(why), _, _) if why.is_empty() => "暂停服务".to_string(),
                                            (Some(why), _, _) => format!("暂停服务：{why}"),
                                            (None, true, true) => "已约满".to_string(),
                                            (None, true, false) => "已约满，可候补".to_string(),
                                            _ => format!("余{}个", x.remaining),
                                        }}</span>
                                    </label>
                                </div>
                            }
                        }).collect_view()}
                    </fieldset>
                </div>
                {(!free.is_empty() || (!rescheduling && s.slots.iter().any(|x| x.closed.is_none()))).then(|| view! { <button class="button" type="submit">"继续"</button> })}
            </form>
            {(!wait_slot.is_empty()).then(|| view! {
                <h2>"候补"</h2>
                <p>{format!("您也可以候补{}：有人取消时，系统按候补先后自动为您预约，并短信通知您。", wait_label)}</p>
                <form method="post" action="/api/join_waitlist">
                    <input type="hidden" name="item" value=s.query.item.clone().unwrap_or_default()/>
                    <input type="hidden" name="point" value=s.query.point.clone().unwrap_or_default()/>
                    <input type="hidden" name="slot" value=wait_slot.clone()/>
                    <button class="button button--secondary" type="submit">"加入候补"</button>
                </form>
            })}
        </Page>
    }
}

/// The citizen's own name for the booking: asked once, then offered again (what was typed wins after an error).
#[component]
fn MyName(s: BookStep) -> impl IntoView {
    let f = &s.flash;
    let value = if f.values.contains_key("my_name") { f.value("my_name") } else { s.my_name.clone() };
    view! {
        <TextInput name="my_name" label="您的姓名" hint="本人预约时必填，与身份证件一致，窗口凭此核对。只需填写一次，下次预约自动带出"
            error=f.error("my_name") value=value autocomplete="name"/>
    }
}

#[component]
fn CheckAnswers(s: BookStep) -> impl IntoView {
    let item = s.item.clone().expect("item");
    let point = s.point.clone().expect("point");
    let slot = s.slot.clone().expect("slot");
    let day = crate::domain::booking::parse_slot_id(&slot.id)
        .map(|(_, _, t)| crate::domain::booking::civil_at(t).date().to_string());
    let back = BookQuery { day: day.clone(), ..s.query.clone() }.href();
    let change = s.query.change.clone();
    let green = s.query.is_green();
    let mut rows = vec![("事项".to_string(), item.label.clone()), ("网点".into(), format!("{}（{}）", point.label, point.hint))];
    rows.push(("时间".into(), slot.label.clone()));
    if !green {
        rows.push(("办事人".into(), s.holder.clone()));
    }
    let (action, button) = if change.is_some() { ("/api/reschedule_booking", "确认改约") } else { ("/api/book_slot", "确认预约") };
    if let Some(why) = slot.closed.clone() {
        return view! {
            <Page title=title(false, "预约办理：暂停服务")>
                <BackLink href=back.clone() text="返回选择其他时段"/>
                <span class="caption">{caption(&s)}</span>
                <h1>"该时段暂停服务"</h1>
                <SummaryList rows/>
                <p>{crate::domain::booking::closed_text(&why)}</p>
                <p><a class="button" href=back.clone()>"选择其他时段"</a></p>
            </Page>
        }
        .into_any();
    }
    if slot.remaining == 0 && change.is_none() && !green {
        return view! {
            <Page title=title(!s.flash.errors.is_empty(), "预约办理：候补")>
                <BackLink href=back.clone() text="返回选择其他时段"/>
                <ErrorSummary errors=s.flash.errors.clone()/>
                <span class="caption">{caption(&s)}</span>
                <h1>"该时段已约满，可以候补"</h1>
                <SummaryList rows/>
                <p>"加入候补后，有人取消时，系统按候补先后自动为您预约，并短信通知您。不需要时可以随时取消候补或取消预约。"</p>
                <form method="post" action="/api/join_waitlist" novalidate>
                    <input type="hidden" name="item" value=item.id.clone()/>
                    <input type="hidden" name="point" value=point.id.clone()/>
                    <input type="hidden" name="slot" value=slot.id.clone()/>
                    <MyName s=s.clone()/>
                    <button class="button" type="submit">"加入候补"</button>
                </form>
            </Page>
        }
        .into_any();
    }
    let f = s.flash.clone();
    let who = if green {
        view! {
            <input type="hidden" name="for_whom" value="green"/>
            <h2>"办事人"</h2>
            <TextInput name="holder_name" label="办事人姓名" error=f.error("holder_name") value=f.value("holder_name")/>
            <TextInput name="holder_phone" label="办事人手机号码" hint="用于短信告知预约码。办事人用此号码登录后可以查看或取消"
                inputmode="tel" error=f.error("holder_phone") value=f.value("holder_phone")/>
            <Radios name="reason" legend="办理绿色通道的原因" error=f.error("reason") checked=f.value("reason")
                options=crate::domain::booking::GREEN_REASONS.iter().map(|(c, l)| (c.to_string(), l.to_string())).collect()/>
        }
        .into_any()
    } else if change.is_none() {
        let family = f.value("for_whom") == "family";
        view! {
            <MyName s=s.clone()/>
            <Radios name="for_whom" legend="为谁预约" checked=if family { "family" } else { "self" }
                options=vec![("self".into(), "本人".into()), ("family".into(), "为家人预约".into())]/>
            <TextInput name="holder_name" label="家人姓名（为家人预约时填写）" error=f.error("holder_name") value=f.value("holder_name")/>
            <TextInput name="holder_phone" label="家人手机号码（为家人预约时填写）" hint="我们会短信告知家人，家人用此号码登录后可以取消"
                inputmode="tel" error=f.error("holder_phone") value=f.value("holder_phone")/>
        }
        .into_any()
    } else {
        ().into_any()
    };
    let early = s.checkin_early_minutes;
    let next = if green {
        format!("提交后，我们会短信告知办事人预约码。请提醒办事人在预约时段开始前{early}分钟至结束后15分钟内到厅报预约码签到，优先叫号；逾期视为未到。")
    } else {
        format!("提交后，我们会发送短信告知预约码。请在预约时段开始前{early}分钟至结束后15分钟内到厅签到，优先叫号（更早到达可按现场取号排队）；逾期视为未到，{}。", s.no_show_rule)
    };
    view! {
        <Page title=title(!s.flash.errors.is_empty(), "预约办理：核对信息")>
            <BackLink href=back.clone() text="返回修改时段"/>
            <ErrorSummary errors=s.flash.errors.clone()/>
            <span class="caption">{caption(&s)}</span>
            <h1>"请核对预约信息"</h1>
            <SummaryList rows/>
            <p><a href=back>"修改时段"</a></p>
            <p>{next}</p>
            <form method="post" action=action novalidate>
                {match change.clone() {
                    Some(code) => view! { <input type="hidden" name="code" value=code/> }.into_any(),
                    None => view! {
                        <input type="hidden" name="item" value=item.id.clone()/>
                        <input type="hidden" name="point" value=point.id.clone()/>
                    }.into_any(),
                }}
                <input type="hidden" name="slot" value=slot.id.clone()/>
                {s.query.near.clone().filter(|_| change.is_none()).map(|v| view! { <input type="hidden" name="village" value=v/> })}
                {who}
                <button class="button" type="submit">{button}</button>
            </form>
        </Page>
    }
    .into_any()
}

/// `/bookings/{code}`: the booking, its check-in QR code and .ics file (owner), or the hall's view (anyone).
#[component]
pub fn BookingScreen() -> impl IntoView {
    let code = use_params_map().read_untracked().get("code").unwrap_or_default();
    let load = async move {
        let b = get_booking(code).await?;
        let flash = crate::api::booking::booking_flash().await?;
        Ok((b, flash))
    };
    loaded(load, |(b, flash): (Option<BookingView>, crate::api::accounts::Flash)| match b {
        None => view! { <NotFoundBody what="预约"/> }.into_any(),
        Some(b) => view! { <BookingBody b flash/> }.into_any(),
    })
}

#[component]
fn BookingBody(b: BookingView, flash: crate::api::accounts::Flash) -> impl IntoView {
    let rows = vec![
        ("预约码".to_string(), b.code.clone()),
        ("事项".into(), b.item_name.clone()),
        ("网点".into(), b.point_name.clone()),
        ("时间".into(), b.when.clone()),
        ("办事人".into(), b.holder.clone()),
        ("状态".into(), b.status_label.clone()),
    ];
    let heading = if b.owner && b.active { "预约成功" } else { "预约信息" };
    let has_error = !flash.errors.is_empty();
    view! {
        <Page title=title(has_error, &format!("{heading} {}", b.code))>
            {match (b.staff_view, b.owner) {
                (true, _) => Some(view! { <BackLink href="/staff" text="返回工作台"/> }),
                (false, true) => Some(view! { <BackLink href="/bookings" text="我的预约"/> }),
                _ => None,
            }}
            <ErrorSummary errors=flash.errors.clone()/>
            {if b.owner && b.active {
                view! {
                    <div class="panel panel--confirmation">
                        <h1 class="panel__title">{heading}</h1>
                        <div class="panel__body">"预约码"<br/><strong class="booking-code">{b.code.clone()}</strong></div>
                    </div>
                }.into_any()
            } else {
                view! { <h1>{heading}</h1> }.into_any()
            }}
            <p>
                <Tag text=b.status_label.clone()/>
                {b.green_reason.clone().map(|r| view! { " " <Tag text=format!("绿色通道 · {r}") tone="green"/> })}
            </p>
            // Checked in: where the person stands in the queue, live while the page is open (刷新 without JavaScript).
            {b.ticket.clone().map(|(code, live)| view! {
                <h2>"排队进度"</h2>
                <p class="booking-ticket">{format!("排队号 {}。", live.number)}<a href=format!("/tickets/{code}")>"打开排队号页面（可打印）"</a></p>
                <LiveTicket code=code.clone() initial=live en=false/>
                <RefreshButton href=format!("/bookings/{}", b.code)/>
                <IslandScripts/>
            })}
            <SummaryList rows/>
            {b.owner.then(|| {
                let b2 = b.clone();
                view! {
                    {b2.active.then(|| view! {
                        <h2>"签到二维码"</h2>
                        <p>"到厅后在取号机扫描此二维码，或报预约码给工作人员签到。"</p>
                        <div class="booking-qr" inner_html=b2.qr_svg.clone()></div>
                        <p><a href=format!("/bookings/{}/calendar.ics", b2.code) download=format!("预约-{}.ics", b2.code)>"加入日历（.ics 文件）"</a></p>
                    })}
                    <h2>"请携带"</h2>
                    {if b2.materials.is_empty() {
                        view! { <p>"本人有效身份证件。"</p> }.into_any()
                    } else {
                        view! { <ul>{b2.materials.iter().map(|m| view! { <li>{m.clone()}</li> }).collect_view()}</ul> }.into_any()
                    }}
                    <p><a href=format!("/guide/{}", b2.item_code)>"查看完整办事指南"</a></p>
                    <h2>"接下来"</h2>
                    <p>{format!("请按时到{}（{}）。预约时段结束后15分钟内未签到视为未到。", b2.point_name, b2.point_address)}</p>
                    {if b2.staff_view {
                        view! {
                            <p>"已短信告知办事人预约码。办事人用预约时填写的手机号码登录后，可以查看、改约或取消。"</p>
                            <p class="button-group">
                                <a class="button" href="/book?green=1">"为下一位群众预约"</a>
                            </p>
                        }.into_any()
                    } else if b2.changeable && b2.family_view {
                        view! {
                            <p>{format!("这是家人为您预约的。如不能前往，请在预约开始{}分钟前谢绝，名额将释放给其他群众；如需改约，请联系为您预约的家人。", b2.cutoff_minutes)}</p>
                            <p class="button-group">
                                <a class="button button--warning" href=format!("/bookings/{}/cancel", b2.code)>"谢绝此预约"</a>
                            </p>
                        }.into_any()
                    } else if b2.changeable {
                        view! {
                            <p>{format!("如需改约或取消，请在预约开始{}分钟前操作。", b2.cutoff_minutes)}</p>
                            <p class="button-group">
                                <a class="button button--secondary" href=format!("/book?change={}", b2.code)>"改约"</a>
                                <a class="button button--warning" href=format!("/bookings/{}/cancel", b2.code)>"取消预约"</a>
                            </p>
                        }.into_any()
                    } else if b2.active {
                        view! { <p id="cancel">{format!("距预约开始已不足{}分钟，不能再改约或取消。", b2.cutoff_minutes)}</p> }.into_any()
                    } else {
                        view! { <p><a href="/book">"重新预约"</a></p> }.into_any()
                    }}
                }
            })}
            {(!b.owner).then(|| view! { <p>"这是预约的公开信息。预约人登录后可查看详情、改约或取消。"<a href=format!("/signin?next=/bookings/{}", b.code)>"登录"</a></p> })}
            <p>"如需帮助，请致电网点或在工作时间到服务台咨询。"</p>
        </Page>
    }
}

/// `/bookings/{code}/cancel`: are you sure?
#[component]
pub fn CancelScreen() -> impl IntoView {
    let code = use_params_map().read_untracked().get("code").unwrap_or_default();
    let next = format!("/bookings/{code}/cancel");
    loaded(signed_in(next, get_booking(code)), |b: Option<BookingView>| match b {
        Some(b) if b.owner && !b.staff_view => {
            // The family member it was booked for declines it; the booker cancels it.
            let (title, question, back, confirm) = if b.family_view {
                ("谢绝预约", "确定谢绝这个预约吗？", "不谢绝，返回", "确定谢绝")
            } else {
                ("取消预约", "确定取消这个预约吗？", "不取消，返回", "确定取消")
            };
            view! {
                <Page title=title>
                    <BackLink href=format!("/bookings/{}", b.code) text=back/>
                    <h1>{question}</h1>
                    <SummaryList rows=vec![("事项".to_string(), b.item_name.clone()), ("网点".into(), b.point_name.clone()), ("时间".into(), b.when.clone())]/>
                    <form method="post" action="/api/cancel_booking">
                        <input type="hidden" name="code" value=b.code.clone()/>
                        <button class="button button--warning" type="submit">{confirm}</button>
                    </form>
                </Page>
            }
            .into_any()
        }
        _ => view! { <NotFoundBody what="预约"/> }.into_any(),
    })
}

/// `/bookings`: my bookings, reminders and notices.
#[component]
pub fn MyBookingsScreen() -> impl IntoView {
    loaded(signed_in("/bookings".into(), my_bookings()), |m: MyBookingsPage| {
        let line = |b: BookingView| {
            view! {
                <li class="booking-line">
                    <a href=format!("/bookings/{}", b.code)>{b.item_name.clone()}</a>
                    <span class="choice-list__hint">{format!("{} · {}", b.point_name, b.when)}</span>
                    <Tag text=b.status_label.clone()/>
                </li>
            }
        };
        view! {
            <Page title="我的预约">
                <BackLink href="/account" text="返回我的"/>
                <h1>"我的预约"</h1>
                {m.suspended.clone().map(|s| view! { <div class="warning-text" role="note"><strong>{s}</strong></div> })}
                <p><a class="button" href="/book">"新预约"</a></p>
                <h2>"待办理"</h2>
                {if m.upcoming.is_empty() {
                    view! { <p>"暂无待办理的预约。"</p> }.into_any()
                } else {
                    view! { <ul class="choice-list">{m.upcoming.into_iter().map(line).collect_view()}</ul> }.into_any()
                }}
                {(!m.waits.is_empty()).then(|| view! {
                    <h2>"候补中"</h2>
                    <ul class="choice-list">
                        {m.waits.clone().into_iter().map(|(id, what, position)| view! {
                            <li class="booking-line">
                                <span>{what.clone()}</span>
                                <Tag text=position/>
                                <form method="post" action="/api/withdraw_wait" class="inline-form">
                                    <input type="hidden" name="id" value=id/>
                                    <button class="link-button" type="submit">"取消候补"<span class="visually-hidden">{what}</span></button>
                                </form>
                            </li>
                        }).collect_view()}
                    </ul>
                })}
                {(!m.past.is_empty()).then(|| view! {
                    <h2>"历史预约"</h2>
                    <ul class="choice-list">{m.past.into_iter().map(line).collect_view()}</ul>
                })}
                {(!m.notices.is_empty()).then(|| view! {
                    <h2>"最新消息"</h2>
                    <NoticeList notices=m.notices.clone()/>
                    <p><a href="/notices">"全部消息"</a></p>
                })}
            </Page>
        }
    })
}

#[component]
fn NoticeList(notices: Vec<(String, String, String)>) -> impl IntoView {
    view! {
        <ul class="notice-list">
            {notices.into_iter().map(|(body, link, at)| view! { <li><a href=link>{body}</a><span class="choice-list__hint">{at}</span></li> }).collect_view()}
        </ul>
    }
}

/// `/notices`: my in-app notices (消息), newest first.
#[component]
pub fn NoticesScreen() -> impl IntoView {
    loaded(signed_in("/notices".into(), crate::api::booking::my_notices()), |notices: Vec<(String, String, String)>| {
        view! {
            <Page title="消息">
                <BackLink href="/account" text="返回我的"/>
                <h1>"消息"</h1>
                <p>"预约成功、预约提醒（前一天和前一小时）、改约、取消、候补成功和网点临时停止服务，都会在这里和短信中告诉您。"</p>
                {if notices.is_empty() {
                    view! { <p>"暂无消息。"<a href="/book">"预约办理"</a></p> }.into_any()
                } else {
                    view! { <NoticeList notices/> }.into_any()
                }}
            </Page>
        }
    })
}
