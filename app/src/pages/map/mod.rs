//! `/map`: the 15-minute service map, first slice — a town → village picker (works without JavaScript and without
//! location), the village's zone, travel times to the nearest points and the nearest one open now.

use crate::api::map::{map_state, MapOverview, NearbyPlace};
use crate::components::back_link::BackLink;
use crate::components::island_scripts::IslandScripts;
use crate::components::layout::Page;
use crate::components::map::{LocateMe, MapViewer};
use crate::components::open_state::OpenState;
use crate::i18n::{lang, t, Key};
use crate::pages::loaded;
use crate::components::grouped_select::GroupedSelect;
use leptos::prelude::*;

#[component]
pub fn MapScreen() -> impl IntoView {
    let q: crate::domain::zones::page::MapQuery = crate::pages::query();
    let state = map_state(q.village, q.point);
    let located = q.located.unwrap_or_default();
    loaded(state, |m: MapOverview| {
        let l = lang();
        let chosen = m.chosen.clone();
        view! {
            <Page title=l.pick("15分钟政务圈", "15-minute service zones")>
                <BackLink href="/"/>
                <h1>{l.pick("15分钟政务圈", "15-minute service zones")}</h1>
                <p>{l.pick(
                    "选择您所在的村（社区），查看最近的服务网点、路上要多久，以及现在哪里开门。",
                    "Choose your village or community to see the nearest service points, how long it takes to get there, and which is open now.",
                )}</p>
                <MapViewer labels=(
                    l.pick("放大", "Zoom in").to_string(),
                    l.pick("缩小", "Zoom out").to_string(),
                    l.pick("看全县", "Whole county").to_string(),
                )>
                    <div inner_html=m.svg.clone()></div>
                </MapViewer>
                <p class="caption">{l.pick(
                    "深浅不同的色块是各网点的政务圈，蓝点是服务网点，棕线是县道等主要道路，红圈是所选的村（社区）或位置，黑线框出它所在的政务圈。",
                    "Tinted areas are each point's zone, blue dots are service points, brown lines are the main roads, the red ring is the chosen village or place and the black line outlines its zone.",
                )}</p>
                {m.point_zone.clone().map(|name| view! {
                    <p class="panel" role="status" id="point-zone">{l.pick(
                        format!("地图上用黑线标出了{name}的15分钟政务圈，红圈是网点所在。"),
                        format!("The black line on the map outlines {name}'s 15-minute zone; the red ring is the point."),
                    )}</p>
                })}
                <LocateMe
                    label=l.pick("用我的位置查找", "Use my location").to_string()
                    waiting=l.pick("正在获取您的位置……", "Finding your location…").to_string()
                    refused=l.pick(
                        "您没有允许获取位置。请在下面选择您所在的村（社区）。",
                        "You did not allow location access. Please choose your village or community below.",
                    ).to_string()
                    failed=l.pick(
                        "暂时无法获取您的位置。请在下面选择您所在的村（社区）。",
                        "Your location could not be found. Please choose your village or community below.",
                    ).to_string()
                />
                {(located == "outside").then(|| view! {
                    <p class="panel panel--warning" role="status">{l.pick(
                        "您的位置不在嵩明县内。请在下面选择您所在的村（社区）。",
                        "Your location is outside Songming County. Please choose your village or community below.",
                    )}</p>
                })}
                <form method="get" action="/map" class="form">
                    <GroupedSelect name="village" groups=crate::domain::points::TownOption::groups(&m.towns) selected=chosen.clone()
                        label=l.pick("所在村（社区）", "Village or community") hint=l.pick("按乡镇（街道）分组", "Grouped by township")
                        placeholder=l.pick("请选择", "Choose")/>
                    <button class="button" type="submit">{l.pick("查看", "Show")}</button>
                </form>
                {m.zone.map(|z| {
                    let verdict = if z.covered {
                        l.pick(
                            format!("{}（{}）在{}的15分钟政务圈内，{}可到。", z.village, z.town, z.zone.place.name, about_minutes(z.zone.minutes, l)),
                            format!("{} ({}) is in the 15-minute zone of {}: {} away.", z.village, z.town, z.zone.place.name, about_minutes(z.zone.minutes, l)),
                        )
                    } else {
                        let limit = (crate::domain::zones::FIFTEEN_MINUTES / 60.0).round() as i64;
                        l.pick(
                            format!("{}（{}）离最近的{}约{}分钟，超出{limit}分钟。", z.village, z.town, z.zone.place.name, z.zone.minutes),
                            format!("{} ({}) is about {} min from the nearest point, {}: beyond {limit} minutes.", z.village, z.town, z.zone.minutes, z.zone.place.name),
                        )
                    };
                    view! {
                        <div class="panel" role="status" id="my-zone">
                            {(located == "1" && chosen.is_empty()).then(|| view! { <p>{l.pick("按您的位置（由路网计算）：", "By your location (along the roads):")}</p> })}
                            <p class="panel__big">{verdict}</p>
                            {z.nearest_open.map(|o| view! {
                                <p>
                                    {l.pick("它现在不开门。现在开门的最近网点：", "It is closed now. The nearest point open now: ")}
                                    <a href=format!("/map/points/{}", o.place.id)>{o.place.name}</a>
                                    {l.pick(format!("，约{}分钟。", o.minutes), format!(", about {} min.", o.minutes))}
                                </p>
                            })}
                        </div>
                        <h2>{l.pick("附近的服务网点", "Nearby service points")}</h2>
                        <ol class="place-list">
                            {z.nearby.into_iter().map(|n| view! { <NearbyLine n/> }).collect_view()}
                        </ol>
                        <p><a href="/guide?nearby=true">{l.pick("可在乡镇、村（社区）就近办理的事项", "Items you can do near home")}</a></p>
                    }
                })}
                <IslandScripts/>
                <p class="caption">{l.pick(
                    "路程按电动车走公路、步行走小路估算（演示路网）。",
                    "Travel times assume an e-bike on roads and walking on paths (demonstration road network).",
                )}</p>
            </Page>
        }
    })
}

#[component]
fn NearbyLine(n: NearbyPlace) -> impl IntoView {
    let l = lang();
    let tel = format!("tel:{}", n.phone.replace('-', ""));
    let page = format!("/map/points/{}", n.place.id);
    view! {
        <li class="place-list__item">
            <a href=page.clone()>{n.place.name}</a>
            <span class="place-list__kind">{format!("{} · {}", n.place.kind_label, about_minutes(n.minutes, l))}</span>
            <OpenState word=n.place.open_word text=n.place.open_text/>
            <span class="place-list__address">{n.place.address}</span>
            <span class="place-list__actions">
                <a href=format!("{page}#items")>{l.pick(format!("可办事项{}项", n.items), format!("{} services", n.items))}</a>
                <a href=tel>{l.pick(format!("电话 {}", n.phone), format!("Call {}", n.phone))}</a>
                <a href=n.routes.amap rel="noopener">{t(Key::NavigateAmap)}</a>
                <a href=n.routes.baidu rel="noopener">{t(Key::NavigateBaidu)}</a>
            </span>
        </li>
    }
}

/// "约N分钟", or "不到1分钟" when the point is on the doorstep.
fn about_minutes(minutes: u32, l: crate::i18n::Lang) -> String {
    match minutes {
        0 => l.pick("不到1分钟", "under a minute").to_string(),
        m => l.pick(format!("约{m}分钟"), format!("about {m} min")),
    }
}
