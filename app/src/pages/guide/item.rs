use crate::api::guide::{get_item, ItemDetail};
use crate::components::back_link::BackLink;
use crate::components::button::ComingSoon;
use crate::components::layout::Page;
use crate::components::open_state::OpenState;
use crate::components::summary_list::SummaryList;
use crate::components::tag::Tag;
use crate::domain::catalogue::{time_limit_zh, Requirement};
use crate::pages::loaded;
use crate::pages::not_found::NotFoundBody;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/guide/{item_code}`: everything a citizen needs before going.
#[component]
pub fn ItemPage() -> impl IntoView {
    let params = use_params_map();
    let item = Resource::new(move || params.read().get("code").unwrap_or_default(), get_item);
    loaded(item, |d: Option<ItemDetail>| match d {
        None => view! { <NotFoundBody what="事项"/> }.into_any(),
        Some(d) => view! { <ItemBody d/> }.into_any(),
    })
}

#[component]
fn ItemBody(d: ItemDetail) -> impl IntoView {
    let i = d.item;
    let visits = if i.visits == 0 { "零跑腿（全程网办或邮寄送达）" } else { "只跑一次" };
    let rows = vec![
        ("事项类型".to_string(), i.kind.zh().to_string()),
        ("实施部门".to_string(), d.department_name.clone()),
        ("办件类型".to_string(), i.handling.zh().to_string()),
        ("办理时限".to_string(), time_limit_zh(i.promised_days, i.statutory_days)),
        ("跑动次数".to_string(), visits.to_string()),
        ("网办深度".to_string(), format!("{}级", i.online_depth)),
        ("收费标准".to_string(), i.fee.clone()),
        ("服务对象".to_string(), i.audience.zh().to_string()),
        ("设定依据".to_string(), i.legal_basis.clone()),
    ];
    let deferrable = i.materials.iter().any(|m| m.requirement == Requirement::Deferrable);
    view! {
        <Page title=i.name.clone()>
            <BackLink href="/guide" text="返回办事指南"/>
            <span class="caption">{format!("办事指南 · 事项编码 {}", i.code)}</span>
            <h1>{i.name.clone()}</h1>
            <p class="lead">{i.summary.clone()}</p>
            <p class="item-list__tags">
                <Tag text=i.handling.zh()/>
                <Tag text=if i.visits == 0 { "零跑腿" } else { "只跑一次" } tone="blue"/>
                {i.nearby().then(|| view! { <Tag text="可就近办" tone="purple"/> })}
            </p>
            <SummaryList rows/>
            <h2>"受理条件"</h2>
            <p>{i.conditions.clone()}</p>
            <h2 id="materials">"申请材料"</h2>
            {deferrable.then(|| view! {
                <p class="inset">"标“可容缺”的材料暂时缺少时，窗口可先受理（容缺受理），请在告知的期限内补齐。"</p>
            })}
            <ol class="material-list">
                {i.materials.iter().map(|m| {
                    let tone = match m.requirement { Requirement::Required => "", Requirement::Optional => "grey", Requirement::Deferrable => "yellow" };
                    view! {
                        <li class="material-list__item">
                            <span class="material-list__name">{m.name.clone()}</span>
                            " "<Tag text=m.requirement.zh() tone=tone/>
                            <span class="material-list__form">{format!("{} {}份", m.form, m.copies)}</span>
                            {m.note.clone().map(|n| view! { <span class="material-list__note">{n}</span> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            <h2>"办理流程"</h2>
            <ol class="steps">
                {i.steps.iter().map(|s| view! {
                    <li><strong>{s.name.clone()}</strong>"："{s.detail.clone()}</li>
                }).collect_view()}
            </ol>
            <h2 id="places">"办理地点"</h2>
            <ul class="place-list">
                {d.places.into_iter().map(|p| view! {
                    <li class="place-list__item">
                        <a href=format!("/map/points/{}", p.id)>{p.name}</a>
                        <span class="place-list__kind">{p.kind_zh}</span>
                        <OpenState word=p.open_word text=p.open_text/>
                        <span class="place-list__address">{p.address}</span>
                    </li>
                }).collect_view()}
            </ul>
            {(d.village_stations > 0).then(|| view! {
                <p>{format!("全县{}个村（社区）便民服务站也可办理，可就近前往。", d.village_stations)}</p>
            })}
            <h2>"办理方式"</h2>
            <ComingSoon label="网上申报"/>
            <ComingSoon label="预约办理"/>
        </Page>
    }
}
