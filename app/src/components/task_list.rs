use leptos::prelude::*;

/// One task of a task list: its name, where it is done (none while it cannot be started yet), an optional hint, and
/// its status in words with the tag's tone (`green` done, `blue` in progress, `grey` cannot start yet).
#[derive(Clone, Debug, PartialEq)]
pub struct Task {
    pub name: String,
    pub href: Option<String>,
    pub hint: Option<String>,
    pub status: String,
    pub tone: &'static str,
}

/// The tasks of a long form, each with its status (GOV.UK task list): 申请人信息 已完成, 上传材料 未开始, 确认提交
/// 无法开始. The whole row is the link, and the status is read out with the task's name.
#[component]
pub fn TaskList(tasks: Vec<Task>) -> impl IntoView {
    view! {
        <ul class="task-list">
            {tasks.into_iter().enumerate().map(|(i, t)| {
                let status_id = format!("task-{i}-status");
                let class = if t.href.is_some() { "task-list__item task-list__item--link" } else { "task-list__item" };
                let name = match t.href {
                    Some(href) => view! { <a class="task-list__link" href=href aria-describedby=status_id.clone()>{t.name}</a> }.into_any(),
                    None => view! { <span class="task-list__name">{t.name}</span> }.into_any(),
                };
                view! {
                    <li class=class>
                        <div class="task-list__name-and-hint">
                            {name}
                            {t.hint.map(|h| view! { <p class="task-list__hint">{h}</p> })}
                        </div>
                        <div class="task-list__status" id=status_id>
                            <strong class=format!("tag tag--{}", t.tone)>{t.status}</strong>
                        </div>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
