//! `/admin/coverage`: for planners — who is within 15 minutes of a service point, who is not, and "what if" a
//! station were added at a chosen place (`?site=`, a plain GET form: no JavaScript needed).

use crate::api::coverage::{coverage_state, CoverageOverview, Figures};
use crate::components::back_link::BackLink;
use crate::components::layout::Page;
use crate::components::summary_list::SummaryList;
use crate::domain::planning::percent;
use crate::pages::loaded;
use crate::components::grouped_select::GroupedSelect;
use leptos::prelude::*;

fn places_line(f: &Figures) -> String {
    format!("{}个中有{}个（{}）", f.places, f.places_covered, f.places_share)
}

fn population_line(f: &Figures) -> String {
    format!("{}人中有{}人（{}）", f.population, f.population_covered, f.population_share)
}

#[component]
pub fn CoverageScreen() -> impl IntoView {
    let q: crate::domain::planning::page::CoverageQuery = crate::pages::query();
    let state = coverage_state(q.site);
    loaded(state, |c: CoverageOverview| {
        let villages_share = percent(if c.villages == 0 { 1000 } else { (c.villages_covered * 1000 + c.villages / 2) / c.villages });
        let chosen = c.chosen.clone();
        let before = c.before.clone();
        view! {
            <Page title="15分钟政务圈覆盖情况">
                <BackLink href="/admin" text="中心管理"/>
                <h1>"15分钟政务圈覆盖情况"</h1>
                <p>"按路网计算到最近服务网点的路程（电动车走公路、步行走小路），15分钟以内为覆盖。人口按自然村统计（演示数据）。"</p>
                <SummaryList rows=vec![
                    ("行政村（社区）".to_string(), format!("{}个中有{}个（{}）", c.villages, c.villages_covered, villages_share)),
                    ("自然村".to_string(), places_line(&c.before)),
                    ("人口".to_string(), population_line(&c.before)),
                    ("政务圈版本".to_string(), format!("第{}版", c.zones_version)),
                ]/>

                <h2 id="what-if">"假如增设一个服务点"</h2>
                <form method="get" action="/admin/coverage#what-if" class="form">
                    <GroupedSelect name="site" label="在哪个自然村增设便民服务点（代办点）" hint="按乡镇（街道）分组，括号内为人口"
                        placeholder="请选择" groups=c.sites.clone() selected=chosen.clone()/>
                    <button class="button" type="submit">"计算"</button>
                </form>
                {c.what_if.map(|w| {
                    let gained = w.after.population_covered - before.population_covered;
                    view! {
                        <div class="panel" role="status">
                            <p class="panel__big">{format!("在{}增设服务点后，15分钟内新增{}个自然村、{}人。", w.site, w.newly_covered.len(), gained)}</p>
                        </div>
                        <table class="table what-if-table">
                            <caption class="visually-hidden">"增设前后的覆盖情况"</caption>
                            <thead><tr><th scope="col">"覆盖"</th><th scope="col">"现在"</th><th scope="col">"增设后"</th></tr></thead>
                            <tbody>
                                <tr><th scope="row">"自然村"</th><td>{places_line(&before)}</td><td>{places_line(&w.after)}</td></tr>
                                <tr><th scope="row">"人口"</th><td>{population_line(&before)}</td><td>{population_line(&w.after)}</td></tr>
                            </tbody>
                        </table>
                        {(!w.newly_covered.is_empty()).then(|| view! {
                            <p>{format!("新进入15分钟范围的自然村：{}", w.newly_covered.join("、"))}</p>
                        })}
                    }
                })}

                <h2>{format!("超出15分钟的自然村（{}个）", c.uncovered.len())}</h2>
                {if c.uncovered.is_empty() {
                    view! { <p>"所有自然村都在15分钟政务圈内。"</p> }.into_any()
                } else {
                    view! {
                        <table class="table coverage-table">
                            <caption class="visually-hidden">"超出15分钟的自然村，按人口从多到少"</caption>
                            <thead><tr>
                                <th scope="col">"自然村"</th>
                                <th scope="col">"人口"</th>
                                <th scope="col">"路程和最近网点"</th>
                            </tr></thead>
                            <tbody>
                                {c.uncovered.into_iter().map(|u| view! {
                                    <tr data-place=u.id.clone()>
                                        <td><span class="coverage-table__name">{u.name}</span><br/><span class="caption">{u.town}</span></td>
                                        <td>{u.population}</td>
                                        <td>
                                            {match u.minutes {
                                                Some(m) => format!("约{m}分钟"),
                                                None => "无道路可达".to_string(),
                                            }}
                                            {u.nearest.map(|(id, name)| view! { <br/><a href=format!("/map/points/{id}")>{name}</a> })}
                                        </td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
            </Page>
        }
    })
}
