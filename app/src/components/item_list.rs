use super::tag::Tag;
use crate::api::guide::ItemSummary;
use crate::domain::catalogue::{time_limit, Handling};
use leptos::prelude::*;
use crate::i18n::{lang, t, Key};

/// A list of items with kind, time limit and visit badges.
#[component]
pub fn ItemList(items: Vec<ItemSummary>) -> impl IntoView {
    view! {
        <ol class="item-list">
            {items.into_iter().map(|i| view! { <ItemRow item=i/> }).collect_view()}
        </ol>
    }
}

#[component]
pub fn ItemRow(item: ItemSummary) -> impl IntoView {
    let l = lang();
    let visits = t(if item.visits == 0 { Key::ZeroVisits } else { Key::OneVisit });
    let handling_tone = if item.handling == Handling::Immediate { "green" } else { "" };
    view! {
        <li class="item-list__item">
            <a class="item-list__link" href=format!("/guide/{}", item.code)>{item.name.clone()}</a>
            <p class="item-list__meta">
                {item.department.clone()} " · " {item.kind.label(l)} " · " {time_limit(l, item.promised_days, item.statutory_days)}
            </p>
            <p class="item-list__tags">
                <Tag text=item.handling.label(l) tone=handling_tone/>
                <Tag text=visits tone="blue"/>
                {item.nearby.then(|| view! { <Tag text=t(Key::Nearby) tone="purple"/> })}
            </p>
        </li>
    }
}
