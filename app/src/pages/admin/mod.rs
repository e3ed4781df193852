//! `/admin`: centre administration — staff accounts, grants, unlocking.

pub mod coverage;
pub mod network;
pub mod windows;

use crate::api::admin::{admin_state, AdminOverview};
use crate::components::error_summary::ErrorSummary;
use crate::components::layout::Page;
use crate::components::tag::Tag;
use crate::components::text_input::TextInput;
use crate::domain::accounts::Role;
use crate::pages::loaded;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Adds a role to an existing staff account.
#[component]
fn GrantForm(
    account_id: String,
    name: String,
    departments: Vec<(String, String)>,
    points: Vec<(String, String)>,
    flash: crate::domain::form::Flash,
) -> impl IntoView {
    let role_id = format!("grant-role-{account_id}");
    let point_id = format!("grant-point-{account_id}");
    let scope_id = format!("grant-scope-{account_id}");
    let error = flash.error(&role_id).or_else(|| flash.error(&point_id)).or_else(|| flash.error(&scope_id));
    view! {
        <form method="post" action=crate::api::admin::GrantRole::url() class="grant-form">
            <input type="hidden" name="account_id" value=account_id/>
            {error.map(|m| view! { <p class="text-input__error">{m}</p> })}
            <label class="visually-hidden" for=role_id.clone()>{format!("为{name}添加的角色")}</label>
            <select id=role_id name="role">
                <option value="">"添加角色…"</option>
                {[Role::WindowStaff, Role::Reviewer, Role::CentreAdmin].into_iter().map(|r| view! {
                    <option value=r.code()>{r.zh()}</option>
                }).collect_view()}
            </select>
            <label class="visually-hidden" for=point_id.clone()>{format!("{name}的新角色所在服务点（窗口工作人员）")}</label>
            <select id=point_id name="point">
                <option value="">"服务点…"</option>
                {points.into_iter().map(|(code, pname)| view! { <option value=code>{pname}</option> }).collect_view()}
            </select>
            <label class="visually-hidden" for=scope_id.clone()>{format!("{name}的新角色所属部门")}</label>
            <select id=scope_id name="scope">
                <option value="">"部门…"</option>
                <option value="*">"全部部门（综合窗口）"</option>
                {departments.into_iter().map(|(code, dname)| view! { <option value=code>{dname}</option> }).collect_view()}
            </select>
            <button class="link-button" type="submit">"添加"<span class="visually-hidden">{format!("{name}的角色")}</span></button>
        </form>
    }
}

#[component]
pub fn AdminHome() -> impl IntoView {
    let state = admin_state();
    loaded(state, |a: AdminOverview| {
        let f = a.flash.clone();
        let title = if f.errors.is_empty() { "中心管理" } else { "错误：中心管理" };
        let departments = a.departments.clone();
        let points = a.points.clone();
        let point_choice = f.value("point");
        let role_choice = f.value("role");
        let scope_choice = f.value("scope");
        view! {
            <Page title=title>
                <h1>"中心管理"</h1>
                <p><a href="/admin/coverage">"15分钟政务圈覆盖情况"</a>" · "<a href="/admin/network">"路网管理"</a></p>
                {a.unpublished_years.iter().map(|y| view! {
                    <div class="warning-text" role="note">
                        <strong>{format!("{y}年节假日安排尚未录入。")}</strong>
                        "在录入前，系统按周六、周日休息计算办理时限和办公时间。"
                        <a href="/calendar">"查看节假日安排"</a>
                    </div>
                }).collect_view()}
                <p><a href="/admin/booking">"预约设置（规则、时段和名额、暂停预约）"</a>" · "<a href="/admin/windows">"窗口和签到台"</a>" · "<a href="/admin/screens">"窗口屏幕"</a>" · "<a href="/admin/placards">"评价二维码贴纸"</a>" · "<a href="/admin/ratings">"需核查的评价"</a></p>
                <p><a href="/admin/enterprises">"企业核验"</a>" · "<a href="/admin/agents">"代办员"</a></p>
                <h2>"工作人员"</h2>
                <table class="table">
                    <caption class="visually-hidden">"工作人员账号"</caption>
                    <thead><tr><th scope="col">"账号"</th><th scope="col">"权限与状态"</th></tr></thead>
                    <tbody>
                        {a.staff.into_iter().map(|s| {
                            let id = s.id.clone();
                            view! {
                                <tr>
                                    <td><strong>{s.display_name.clone()}</strong><br/>{s.username.clone()}</td>
                                    <td>
                                        <ul class="plain-list">
                                            {s.grants.iter().map(|(g, words)| view! {
                                                <li>
                                                    {g.role.zh()}{(!g.scope.is_empty()).then(|| format!("（{words}）"))}
                                                    <form method="post" action=crate::api::admin::RevokeGrant::url() class="inline-form">
                                                        <input type="hidden" name="account_id" value=id.clone()/>
                                                        <input type="hidden" name="role" value=g.role.code()/>
                                                        <input type="hidden" name="scope" value=g.scope.clone()/>
                                                        <button class="link-button" type="submit">
                                                            "撤销"<span class="visually-hidden">{format!("{}的{}权限", s.display_name, g.role.zh())}</span>
                                                        </button>
                                                    </form>
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                        <GrantForm account_id=id.clone() name=s.display_name.clone()
                                            departments=departments.clone() points=points.clone() flash=f.clone()/>
                                        {s.locked.clone().map(|l| view! {
                                            <p><Tag text=l tone="yellow"/></p>
                                            <form method="post" action=crate::api::admin::UnlockAccount::url()>
                                                <input type="hidden" name="account_id" value=id.clone()/>
                                                <button class="button button--secondary" type="submit">
                                                    "解锁"<span class="visually-hidden">{s.display_name.clone()}</span>
                                                </button>
                                            </form>
                                        })}
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <h2>"个人信息查阅记录"</h2>
                <p class="caption">"工作人员查看群众个人信息（如代为预约的姓名和办事详情）时自动留痕，最近50条。"</p>
                {if a.reads.is_empty() {
                    view! { <p>"暂无查阅记录。"</p> }.into_any()
                } else {
                    view! {
                        <table class="table">
                            <caption class="visually-hidden">"个人信息查阅记录"</caption>
                            <thead><tr><th scope="col">"时间"</th><th scope="col">"工作人员"</th><th scope="col">"查阅内容"</th></tr></thead>
                            <tbody>
                                {a.reads.iter().map(|(at, who, what)| view! { <tr><td>{at.clone()}</td><td>{who.clone()}</td><td>{what.clone()}</td></tr> }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
                <h2 id="new-staff">"新增工作人员"</h2>
                <ErrorSummary errors=f.errors.clone()/>
                <form method="post" action=crate::api::admin::CreateStaffAccount::url() novalidate>
                    <TextInput name="username" label="用户名" hint="3–32位字母、数字或 . _ -" error=f.error("username") value=f.value("username")/>
                    <TextInput name="display_name" label="姓名" error=f.error("display_name") value=f.value("display_name")/>
                    <TextInput name="password" label="初始密码" hint="至少10位，同时包含字母和数字" kind="password"
                        autocomplete="new-password" error=f.error("password")/>
                    <div class=if f.error("role").is_some() { "text-input text-input--error" } else { "text-input" }>
                        <label class="text-input__label" for="role">"角色"</label>
                        {f.error("role").map(|m| view! { <p class="text-input__error" id="role-error">{m}</p> })}
                        <select class="text-input__input" id="role" name="role">
                            <option value="">"请选择"</option>
                            {[Role::WindowStaff, Role::Reviewer, Role::CentreAdmin].into_iter().map(|r| view! {
                                <option value=r.code() selected=role_choice == r.code()>{r.zh()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class=if f.error("point").is_some() { "text-input text-input--error" } else { "text-input" }>
                        <label class="text-input__label" for="point">"服务点（窗口工作人员必选：只能在本服务点的窗口和签到台签到）"</label>
                        {f.error("point").map(|m| view! { <p class="text-input__error" id="point-error">{m}</p> })}
                        <select class="text-input__input" id="point" name="point">
                            <option value="">"请选择"</option>
                            {a.points.into_iter().map(|(code, name)| view! {
                                <option value=code.clone() selected=point_choice == code>{name}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class=if f.error("scope").is_some() { "text-input text-input--error" } else { "text-input" }>
                        <label class="text-input__label" for="scope">"所属部门（窗口工作人员和审核人员必选）"</label>
                        {f.error("scope").map(|m| view! { <p class="text-input__error" id="scope-error">{m}</p> })}
                        <select class="text-input__input" id="scope" name="scope">
                            <option value="">"请选择"</option>
                            <option value="*" selected=scope_choice == "*">"全部部门（综合窗口，仅窗口工作人员）"</option>
                            {a.departments.into_iter().map(|(code, name)| view! {
                                <option value=code.clone() selected=scope_choice == code>{name}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <button class="button" type="submit">"新增"</button>
                </form>
            </Page>
        }
    })
}
