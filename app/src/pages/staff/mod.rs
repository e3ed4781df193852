//! `/staff`: the staff console: links to window calling, the check-in desk and green-channel booking; and cases (办件受理, 窗口收件).

use crate::api::accounts::Me;
use crate::api::admin::staff_home;
use crate::components::layout::Page;
use crate::components::sign_out_button::SignOutButton;
use crate::pages::loaded;
use leptos::prelude::*;

#[component]
pub fn StaffHome() -> impl IntoView {
    let me = staff_home();
    loaded(me, |me: Me| {
        use crate::domain::accounts::Role;
        let admin = me.grants.iter().any(|g| g.role == Role::CentreAdmin);
        let window = admin || me.grants.iter().any(|g| g.role == Role::WindowStaff);
        let reviewer = me.grants.iter().any(|g| g.role == Role::Reviewer);
        view! {
            <Page title="工作台">
                <h1>"工作台"</h1>
                <p>{format!("您好，{}。", me.display_name)}</p>
                <h2>"我的权限"</h2>
                <ul>
                    {me.grants.into_iter().map(|g| view! {
                        <li>{g.role.zh()}{(!g.scope.is_empty()).then(|| format!("（{}）", g.scope))}</li>
                    }).collect_view()}
                </ul>
                <ul class="plain-list">
                    <li><a href="/staff/cases">"办件受理"</a>"：受理、一次性告知、审查、办结、送达"</li>
                    {window.then(|| view! { <li><a href="/staff/counter">"窗口收件"</a>"：为来到窗口的群众录入申请"</li> })}
                    {window.then(|| view! { <li><a href="/staff/ratings">"窗口评价"</a>"：本窗口的好差评和本月好评率"</li> })}
                    {window.then(|| view! { <li><a href="/staff/agents">"代办员工作情况"</a>"：所辖便民服务站代办员的代办件"</li> })}
                    {(reviewer && !window).then(|| view! { <li><a href="/staff/ratings">"评价"</a>"：本部门各窗口和网上办件的好差评、本月好评率"</li> })}
                </ul>
                {window.then(|| view! {
                    <ul class="plain-list">
                        <li><a href="/staff/window">"窗口叫号"</a></li>
                        <li><a href="/staff/checkin">"签到取号"</a></li>
                        <li><a href="/book?green=1">"绿色通道预约"</a>"：为不方便网上预约的群众现场预约"</li>
                    </ul>
                })}
                {admin.then(|| view! { <p><a href="/admin">"中心管理"</a></p> })}
                <SignOutButton/>
            </Page>
        }
    })
}
