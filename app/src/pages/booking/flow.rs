//! `/book`: the booking flow, one question per page (service → point → day → slot → check answers).

use crate::api::booking::{
    booking_flow, BookQuery, BookStep,
};
use crate::components::back_link::BackLink;
use crate::components::error_summary::ErrorSummary;
use crate::components::layout::Page;
use crate::components::radios::{Opt, Radios};
use crate::components::summary_list::SummaryList;
use crate::components::text_input::TextInput;
use crate::components::grouped_select::GroupedSelect;
use crate::pages::{loaded, signed_in};
use super::title;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

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
            h.push_str(&format!("slot={}", crate::domain::html::encode_query(s)));
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
                <GroupedSelect name="village" groups=crate::domain::points::TownOption::groups(&s.towns) selected=s.query.near.clone().unwrap_or_default()
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
    let day_hint = if free.is_empty() && day.suspended {
        Some("当天暂停服务，请选择其他日期。".to_string())
    } else if free.is_empty() {
        Some("当天已约满，请选择其他日期，或选择一个时段候补。".to_string())
    } else {
        None
    };
    let slot_options: Vec<Opt> = s
        .slots
        .iter()
        .map(|x| {
            let full = x.remaining == 0;
            let hint = match (&x.closed, full, rescheduling) {
                (Some(why), _, _) if why.is_empty() => "暂停服务".to_string(),
                (Some(why), _, _) => format!("暂停服务：{why}"),
                (None, true, true) => "已约满".to_string(),
                (None, true, false) => "已约满，可候补".to_string(),
                _ => format!("余{}个", x.remaining),
            };
            Opt::new(x.id.clone(), x.label.clone()).hint(hint).disabled((full && rescheduling) || x.closed.is_some())
        })
        .collect();
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
                <Radios name="slot" legend=format!("选择{}的时段", day.label) heading=true error=error
                    hint=day_hint.unwrap_or_default() options=slot_options/>
                {(!free.is_empty() || (!rescheduling && s.slots.iter().any(|x| x.closed.is_none()))).then(|| view! { <button class="button" type="submit">"继续"</button> })}
            </form>
            {(!wait_slot.is_empty()).then(|| view! {
                <h2>"候补"</h2>
                <p>{format!("您也可以候补{}：有人取消时，系统按候补先后自动为您预约，并短信通知您。", wait_label)}</p>
                <form method="post" action=crate::api::booking::JoinWaitlist::url()>
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
                <form method="post" action=crate::api::booking::JoinWaitlist::url() novalidate>
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
                options={ crate::domain::booking::GREEN_REASONS.iter().map(|(c, l)| (c.to_string(), l.to_string())).collect::<Vec<_>>() }/>
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

