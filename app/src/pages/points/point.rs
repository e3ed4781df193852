use crate::api::points::{get_point, PointDetail};
use crate::components::back_link::BackLink;
use crate::components::item_list::ItemList;
use crate::components::layout::Page;
use crate::components::open_state::OpenState;
use crate::components::tag::Tag;
use crate::pages::loaded;
use crate::components::not_found::NotFoundBody;
use leptos::prelude::*;
use crate::i18n::{lang, t, Key};
use leptos_router::hooks::use_params_map;

/// `/map/points/{point_id}`: address, phone, today's hours and open-now, the items it handles.
#[component]
pub fn PointPage() -> impl IntoView {
    let params = use_params_map();
    let point = get_point(params.read_untracked().get("id").unwrap_or_default());
    loaded(point, |d: Option<PointDetail>| match d {
        None => view! { <NotFoundBody what=t(Key::PointWord)/> }.into_any(),
        Some(d) => view! { <PointBody d/> }.into_any(),
    })
}

#[component]
fn PointBody(d: PointDetail) -> impl IntoView {
    let p = d.point;
    let tel = format!("tel:{}", p.phone.replace('-', ""));
    let l = lang();
    let today_hours = if d.today_sessions.is_empty() { t(Key::ClosedToday).to_string() } else { d.today_sessions.join("，") };
    view! {
        <Page title=p.name.clone()>
            <BackLink href="/guide" text=t(Key::BackGuide)/>
            <span class="caption">{format!("{} · {}", p.kind.label(l), p.town_name)}</span>
            <h1>{p.name.clone()}</h1>
            <div class="point-status">
                <p class="point-status__now"><OpenState word=d.open_word text=d.open_text/></p>
                <p>{l.pick(format!("今天（{}）：{}", d.today, today_hours), format!("Today ({}): {}", d.today, today_hours))}</p>
                {d.today_note.map(|n| view! { <p>{n}</p> })}
                <p class="item-list__tags">
                    {d.all_year.then(|| view! { <Tag text=t(Key::AllYear) tone="green"/> })}
                    {d.lunch_service.then(|| view! { <Tag text=t(Key::Lunch) tone="blue"/> })}
                    {d.evening_service.then(|| view! { <Tag text=t(Key::Evening) tone="blue"/> })}
                </p>
            </div>
            <dl class="summary-list">
                <div class="summary-list__row">
                    <dt class="summary-list__key">{t(Key::Address)}</dt>
                    <dd class="summary-list__value">{p.address.clone()}<br/><a href=d.routes.amap.clone() rel="noopener">{t(Key::NavigateAmap)}</a>
                        <br/><a href=d.routes.baidu.clone() rel="noopener">{t(Key::NavigateBaidu)}</a>
                        <br/><a href=format!("/map?point={}#point-zone", p.id)>
                            {crate::i18n::lang().pick("本网点的15分钟政务圈", "This point's 15-minute zone")}</a></dd>
                </div>
                <div class="summary-list__row">
                    <dt class="summary-list__key">{t(Key::Phone)}</dt>
                    <dd class="summary-list__value"><a href=tel>{p.phone.clone()}</a></dd>
                </div>
            </dl>
            <h2>{t(Key::Hours)}</h2>
            <table class="table">
                <caption class="visually-hidden">{t(Key::Hours)}</caption>
                <tbody>
                    {d.schedule.into_iter().map(|(day, sessions)| view! {
                        <tr>
                            <th scope="row">{day}</th>
                            <td>{if sessions.is_empty() { t(Key::Closed).to_string() } else { sessions.join(l.pick("，", ", ")) }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            {(!d.windows.is_empty()).then(|| view! {
                <h2>{t(Key::Windows)}</h2>
                <ul class="window-list">
                    {d.windows.into_iter().map(|w| view! {
                        <li><strong>{l.pick(format!("{}号窗口", w.number), format!("Window {}", w.number))}</strong>" "{w.name}<span class="window-list__dept">{w.department}</span></li>
                    }).collect_view()}
                </ul>
            })}
            {(!d.stations.is_empty()).then(|| view! {
                <h2>{t(Key::Stations)}</h2>
                <ul class="facet-list facet-list--columns">
                    {d.stations.into_iter().map(|s| view! {
                        <li><a href=format!("/map/points/{}", s.id)>{s.name}</a></li>
                    }).collect_view()}
                </ul>
            })}
            <h2 id="items">{l.pick(format!("可办事项（{}项）", d.items.len()), format!("Services available here ({})", d.items.len()))}</h2>
            <ItemList items=d.items/>
        </Page>
    }
}
