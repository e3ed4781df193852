//! `/admin/network`: the road network in use, the zones' snapshot, and uploading GeoJSON (a plain multipart form
//! post, no JavaScript needed); `/admin/network/imports/{id}`: what one import did.

use crate::api::network::{network_import, network_state, ImportLine, NetworkOverview};
use crate::components::radios::Radios;
use crate::components::back_link::BackLink;
use crate::components::error_summary::ErrorSummary;
use crate::components::layout::Page;
use crate::components::summary_list::SummaryList;
use crate::components::text_input::TextInput;
use crate::pages::loaded;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_params_map;

fn import_rows(l: &ImportLine) -> Vec<(String, String)> {
    let mut rows = vec![
        ("来源".to_string(), l.source.clone()),
        ("方式".to_string(), l.mode.clone()),
    ];
    if !l.at.is_empty() {
        rows.push(("导入时间".to_string(), l.at.clone()));
    }
    if l.features > 0 {
        rows.push(("文件中的道路".to_string(), format!("{}条", l.features)));
    }
    rows.push(("新增节点".to_string(), format!("{}个", l.nodes_added)));
    rows.push(("新增路段".to_string(), format!("{}段", l.segments_added)));
    let by_class: Vec<String> = l.by_class.iter().map(|(c, n)| format!("{c}{n}段")).collect();
    rows.push(("按道路等级".to_string(), by_class.join("，")));
    rows.push(("导入后路网".to_string(), format!("{}个节点，{}段道路", l.nodes_total, l.segments_total)));
    rows
}

#[component]
pub fn NetworkAdmin() -> impl IntoView {
    loaded(network_state(), |n: NetworkOverview| {
        let f = n.flash.clone();
        let title = if f.errors.is_empty() { "路网管理" } else { "错误：路网管理" };
        let problems: usize = f.value("problems").parse().unwrap_or(0);
        let file_error = match (f.error("file"), problems) {
            (Some(_), p) if p > 1 => Some(format!("文件未导入：有{p}处问题，见页面顶部的列表")),
            (e, _) => e,
        };
        let text_error = match (f.error("text"), problems) {
            (Some(_), p) if p > 1 => Some(format!("内容未导入：有{p}处问题，见页面顶部的列表")),
            (e, _) => e,
        };
        let mode = f.value("mode");
        let replace = mode == "replace";
        let classes = n.classes.iter().map(|(code, label)| format!("{code}（{label}）")).collect::<Vec<_>>().join("、");
        let z = n.zones.clone();
        let current = n.imports.first().cloned();
        view! {
            <Page title=title>
                <BackLink href="/admin" text="中心管理"/>
                <h1>"路网管理"</h1>
                <ErrorSummary errors=f.errors.clone()/>
                <h2>"当前路网和政务圈"</h2>
                <SummaryList rows=vec![
                    ("路网来源".to_string(), current.as_ref().map(|c| c.source.clone()).unwrap_or_else(|| "尚无路网".into())),
                    ("路网规模".to_string(), format!("{}个节点，{}段道路", z.nodes, z.segments)),
                    ("政务圈版本".to_string(), format!("第{}版，计算于{}（用时{}毫秒）", z.version, z.computed_at, z.compute_ms)),
                    ("状态".to_string(), if z.recomputing {
                        "路网或网点已更新，正在后台重新计算；完成前地图和覆盖情况仍按上一版显示".to_string()
                    } else {
                        "已按当前路网和网点计算".to_string()
                    }),
                ]/>
                <p><a href="/admin/coverage">"查看15分钟政务圈覆盖情况"</a></p>

                <h2 id="upload">"上传路网（GeoJSON）"</h2>
                <p>{format!(
                    "文件为 GeoJSON 要素集合（FeatureCollection），每条道路是 LineString 或 MultiLineString，坐标为 WGS-84 的 [经度, 纬度]，\
                     并在 properties.class 中注明道路等级：{classes}。所有坐标须在县域范围内。文件有任何问题都不会导入，原路网保持不变。"
                )}</p>
                <form method="post" action=crate::api::network::NetworkUpload::url() enctype="multipart/form-data" novalidate>
                    <Radios name="mode" legend="导入方式" error=f.error("mode")
                        options=vec![("add".into(), "追加到现有路网（如新修的道路）".into()), ("replace".into(), "替换全部路网".into())]
                        checked=if replace { "replace" } else { "add" }/>
                    <div class=if file_error.is_some() { "text-input text-input--error" } else { "text-input" }>
                        <label class="text-input__label" for="file">"GeoJSON 文件"</label>
                        <p class="text-input__hint" id="file-hint">".geojson 或 .json，UTF-8 编码，最大 16 MB"</p>
                        {file_error.clone().map(|m| view! { <p class="text-input__error" id="file-error"><span class="visually-hidden">"错误："</span>{m}</p> })}
                        <input class="file-input" type="file" id="file" name="file" accept=".geojson,.json,application/geo+json,application/json"
                            aria-describedby=if file_error.is_some() { "file-hint file-error" } else { "file-hint" }/>
                    </div>
                    <div class=if text_error.is_some() { "text-input text-input--error" } else { "text-input" }>
                        <label class="text-input__label" for="text">"或者粘贴 GeoJSON 内容"</label>
                        <p class="text-input__hint" id="text-hint">"未选择文件时使用"</p>
                        {text_error.clone().map(|m| view! { <p class="text-input__error" id="text-error"><span class="visually-hidden">"错误："</span>{m}</p> })}
                        <textarea class="text-input__input text-input__textarea" id="text" name="text" rows="6" spellcheck="false"
                            aria-describedby=if text_error.is_some() { "text-hint text-error" } else { "text-hint" }>{crate::domain::html::escape(&f.value("text"))}</textarea>
                    </div>
                    <button class="button" type="submit">"上传并导入"</button>
                </form>

                <h2 id="speeds">"出行速度"</h2>
                {(!f.value("done").is_empty()).then(|| view! { <div class="panel" role="status"><p>{f.value("done")}</p></div> })}
                <p>"政务圈按群众的出行方式估算路上时间：公路按电动车，小路按步行。修改后在后台按新速度重新计算。"</p>
                <form method="post" action=crate::api::network::SaveTravelProfile::url() novalidate>
                    {n.speeds.iter().map(|(code, label, kmh)| {
                        let name = format!("speed_{code}");
                        let typed = f.value(&name);
                        // After a failed save, what was typed; otherwise the speed in use.
                        let value = if f.errors.is_empty() { kmh.to_string() } else { typed };
                        view! {
                            <TextInput name=name.clone() label=format!("{label}（公里/小时）") inputmode="numeric" short=true
                                error=f.error(&name) value=value/>
                        }
                    }).collect_view()}
                    <button class="button" type="submit">"保存出行速度"</button>
                </form>

                <h2>"最近的路网变更"</h2>
                <table class="table">
                    <caption class="visually-hidden">"最近的路网变更"</caption>
                    <thead><tr><th scope="col">"来源"</th><th scope="col">"结果"</th></tr></thead>
                    <tbody>
                        {n.imports.into_iter().map(|l| view! {
                            <tr>
                                <td><a href=format!("/admin/network/imports/{}", l.id)>{l.source.clone()}</a><br/>{l.at.clone()}</td>
                                <td>{format!("{}：新增{}段道路，共{}段", l.mode, l.segments_added, l.segments_total)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </Page>
        }
    })
}

#[component]
pub fn NetworkImportPage() -> impl IntoView {
    let params = use_params_map();
    let id = params.read_untracked().get("id").unwrap_or_default();
    loaded(network_import(id), |found: Option<ImportLine>| match found {
        None => view! {
            <Page title="找不到这次导入">
                <BackLink href="/admin/network" text="路网管理"/>
                <h1>"找不到这次导入"</h1>
                <p><a href="/admin/network">"返回路网管理"</a></p>
            </Page>
        }
        .into_any(),
        Some(l) => view! {
            <Page title="路网已导入">
                <BackLink href="/admin/network" text="路网管理"/>
                <div class="panel" role="status">
                    <h1 class="panel__big">"路网已导入"</h1>
                    <p>{format!("新增{}段道路，路网现有{}段道路。", l.segments_added, l.segments_total)}</p>
                </div>
                <SummaryList rows=import_rows(&l)/>
                <h2>"接下来"</h2>
                <p>"15分钟政务圈正在后台按新路网重新计算，通常几秒内完成；完成前，地图和覆盖情况仍按上一版路网显示。"</p>
                <p><a href="/admin/network">"返回路网管理"</a>" · "<a href="/admin/coverage">"查看覆盖情况"</a></p>
            </Page>
        }
        .into_any(),
    })
}
