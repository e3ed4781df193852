//! `/staff`: the staff console. Queue calling and case handling arrive with the booking and case issues.

use crate::api::accounts::Me;
use crate::api::admin::staff_home;
use crate::components::layout::Page;
use crate::pages::accounts::SignOutButton;
use crate::pages::loaded;
use leptos::prelude::*;

#[component]
pub fn StaffHome() -> impl IntoView {
    let me = staff_home();
    loaded(me, |me: Me| {
        let admin = me.grants.iter().any(|g| g.role == crate::domain::accounts::Role::CentreAdmin);
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
                {admin.then(|| view! { <p><a href="/admin">"中心管理"</a></p> })}
                <p>"叫号、受理和办件处理功能即将开通。"</p>
                <SignOutButton/>
            </Page>
        }
    })
}
