use crate::api::guide::{get_item, ItemDetail};
use crate::components::back_link::BackLink;
use crate::components::button::LinkButton;
use crate::components::layout::Page;
use crate::components::open_state::OpenState;
use crate::components::summary_list::SummaryList;
use crate::components::tag::Tag;
use crate::domain::catalogue::{time_limit, Requirement};
use crate::i18n::{lang, t, Key};
use crate::pages::loaded;
use crate::components::not_found::NotFoundBody;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// `/guide/{item_code}`: everything a citizen needs before going.
#[component]
pub fn ItemPage() -> impl IntoView {
    let params = use_params_map();
    let item = get_item(params.read_untracked().get("code").unwrap_or_default());
    loaded(item, |d: Option<ItemDetail>| match d {
        None => view! { <NotFoundBody what=t(Key::ItemWord)/> }.into_any(),
        Some(d) => view! { <ItemBody d/> }.into_any(),
    })
}

#[component]
fn ItemBody(d: ItemDetail) -> impl IntoView {
    let i = d.item;
    let l = lang();
    let visits = t(if i.visits == 0 { Key::ZeroVisitsLong } else { Key::OneVisit });
    let rows = vec![
        (t(Key::ItemKindLabel).to_string(), i.kind.label(l).to_string()),
        (t(Key::Department).to_string(), d.department_name.clone()),
        (t(Key::HandlingLabel).to_string(), i.handling.label(l).to_string()),
        (t(Key::TimeLimit).to_string(), time_limit(l, i.promised_days, i.statutory_days)),
        (t(Key::Visits).to_string(), visits.to_string()),
        (t(Key::OnlineDepth).to_string(), l.pick(format!("{}级", i.online_depth), format!("Level {}", i.online_depth))),
        (t(Key::Fee).to_string(), i.fee.clone()),
        (t(Key::AudienceLabel).to_string(), i.audience.label(l).to_string()),
        (t(Key::LegalBasis).to_string(), i.legal_basis.clone()),
    ];
    let deferrable = i.materials.iter().any(|m| m.requirement == Requirement::Deferrable);
    view! {
        <Page title=i.name.clone()>
            <BackLink href="/guide" text=t(Key::BackGuide)/>
            <span class="caption">{l.pick(format!("办事指南 · 事项编码 {}", i.code), format!("Service guide · Item code {}", i.code))}</span>
            <h1>{i.name.clone()}</h1>
            <p class="lead">{i.summary.clone()}</p>
            <p class="item-list__tags">
                <Tag text=i.handling.label(l)/>
                <Tag text=t(if i.visits == 0 { Key::ZeroVisits } else { Key::OneVisit }) tone="blue"/>
                {i.nearby().then(|| view! { <Tag text=t(Key::Nearby) tone="purple"/> })}
            </p>
            <SummaryList rows/>
            <h2>{t(Key::Conditions)}</h2>
            <p>{i.conditions.clone()}</p>
            <h2 id="materials">{t(Key::Materials)}</h2>
            {deferrable.then(|| view! {
                <p class="inset">{t(Key::DeferrableHint)}</p>
            })}
            <ol class="material-list">
                {i.materials.iter().map(|m| {
                    let tone = match m.requirement { Requirement::Required => "", Requirement::Optional => "grey", Requirement::Deferrable => "yellow" };
                    view! {
                        <li class="material-list__item">
                            <span class="material-list__name">{m.name.clone()}</span>
                            " "<Tag text=m.requirement.label(l) tone=tone/>
                            <span class="material-list__form">{l.pick(format!("{} {}份", m.form, m.copies), format!("{} × {}", m.form, m.copies))}</span>
                            {m.note.clone().map(|n| view! { <span class="material-list__note">{n}</span> })}
                        </li>
                    }
                }).collect_view()}
            </ol>
            <h2>{t(Key::Steps)}</h2>
            <ol class="steps">
                {i.steps.iter().map(|s| view! {
                    <li><strong>{s.name.clone()}</strong>"："{s.detail.clone()}</li>
                }).collect_view()}
            </ol>
            <h2 id="places">{t(Key::Places)}</h2>
            <ul class="place-list">
                {d.places.into_iter().map(|p| view! {
                    <li class="place-list__item">
                        <a href=format!("/map/points/{}", p.id)>{p.name}</a>
                        <span class="place-list__kind">{p.kind_label}</span>
                        <OpenState word=p.open_word text=p.open_text/>
                        <span class="place-list__address">{p.address}</span>
                    </li>
                }).collect_view()}
            </ul>
            {(d.village_stations > 0).then(|| view! {
                <p>{l.pick(format!("全县{}个村（社区）便民服务站也可办理，可就近前往。", d.village_stations), format!("It can also be done at any of the county's {} village service stations.", d.village_stations))}</p>
            })}
            <h2>{t(Key::HowToApply)}</h2>
            <LinkButton href=format!("/apply/{}", crate::domain::html::encode_query(&i.code))>{t(Key::ApplyHere)}</LinkButton>
            <LinkButton href=format!("/book?item={}", crate::domain::html::encode_query(&i.code))>{t(Key::BookVisit)}</LinkButton>
        </Page>
    }
}
