//! The application's task list (GOV.UK "complete multiple tasks"): one task per section of the form, then the
//! uploads, the delivery choice and the check before submitting, each with its status.

use super::definition::{FormDef, MaterialSpec};
use super::validate::{validate, Answers, Check};
use crate::i18n::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TaskStatus {
    NotStarted,
    InProgress,
    Done,
    /// The last task waits for all the others.
    CannotStartYet,
}

impl TaskStatus {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Self::NotStarted => lang.pick("未开始", "Not started"),
            Self::InProgress => lang.pick("未完成", "In progress"),
            Self::Done => lang.pick("已完成", "Completed"),
            Self::CannotStartYet => lang.pick("暂不能开始", "Cannot start yet"),
        }
    }
}

/// What a task is.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum TaskKind {
    /// A section of the form, by id.
    Section(String),
    Uploads,
    Delivery,
    Submit,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Task {
    pub kind: TaskKind,
    pub title: String,
    pub status: TaskStatus,
}

/// The tasks and their status. `uploaded` names the materials with a file; `delivery_chosen` says whether a way to
/// receive the result is chosen.
pub fn tasks(def: &FormDef, answers: &Answers, uploaded: &[String], delivery_chosen: bool, check: &Check) -> Vec<Task> {
    let l = check.lang;
    let mut out: Vec<Task> = def
        .sections
        .iter()
        .map(|s| {
            let touched = s.fields.iter().any(|f| answers.contains_key(&f.id));
            let status = match (touched, validate(def, Some(&s.id), answers, check).is_empty()) {
                (false, _) => TaskStatus::NotStarted,
                (true, true) => TaskStatus::Done,
                (true, false) => TaskStatus::InProgress,
            };
            Task { kind: TaskKind::Section(s.id.clone()), title: s.title.clone(), status }
        })
        .collect();
    let needed: Vec<&MaterialSpec> = def.required_materials().collect();
    let uploads = if needed.iter().all(|m| uploaded.contains(&m.id)) && (!uploaded.is_empty() || needed.is_empty()) {
        TaskStatus::Done
    } else if uploaded.is_empty() {
        TaskStatus::NotStarted
    } else {
        TaskStatus::InProgress
    };
    out.push(Task { kind: TaskKind::Uploads, title: l.pick("上传材料", "Upload documents").into(), status: uploads });
    let delivery = if delivery_chosen { TaskStatus::Done } else { TaskStatus::NotStarted };
    out.push(Task { kind: TaskKind::Delivery, title: l.pick("结果领取方式", "How to receive the result").into(), status: delivery });
    let ready = out.iter().all(|t| t.status == TaskStatus::Done);
    out.push(Task {
        kind: TaskKind::Submit,
        title: l.pick("确认提交", "Check and submit").into(),
        status: if ready { TaskStatus::NotStarted } else { TaskStatus::CannotStartYet },
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::catalogue::Requirement;
    use crate::domain::form::library::form_for;
    use crate::domain::form::Value;

    #[test]
    fn statuses_follow_the_answers_and_submit_waits_for_everything() {
        let materials = vec![
            crate::domain::catalogue::Material { name: "居民身份证".into(), requirement: Requirement::Required, form: "原件".into(), copies: 1, note: None },
            crate::domain::catalogue::Material { name: "授权委托书".into(), requirement: Requirement::Optional, form: "原件".into(), copies: 1, note: None },
        ];
        let def = form_for("GA-009", None, &materials).unwrap();
        let villages = |_: &str| true;
        let check = Check { today: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), is_village: &villages, lang: Lang::Zh };
        let status = |a: &Answers, up: &[&str], d: bool| -> Vec<TaskStatus> {
            let up: Vec<String> = up.iter().map(|s| s.to_string()).collect();
            tasks(&def, a, &up, d, &check).into_iter().map(|t| t.status).collect()
        };
        use TaskStatus::*;
        let mut a = Answers::new();
        assert_eq!(status(&a, &[], false), vec![NotStarted, NotStarted, NotStarted, NotStarted, CannotStartYet]);
        a.insert("name".into(), Value::One("王秀英".into()));
        assert_eq!(status(&a, &[], false)[0], InProgress);
        a.insert("id_number".into(), Value::One("11010519491231002X".into()));
        a.insert("mobile".into(), Value::One("13812345678".into()));
        a.insert("purpose".into(), Value::One("job".into()));
        a.insert("by_agent".into(), Value::One("no".into()));
        assert_eq!(status(&a, &["m2"], true), vec![Done, Done, InProgress, Done, CannotStartYet], "the required material is missing");
        assert_eq!(status(&a, &["m1"], true), vec![Done, Done, Done, Done, NotStarted]);
        let titles: Vec<String> = tasks(&def, &a, &[], false, &check).into_iter().map(|t| t.title).collect();
        assert_eq!(titles, vec!["申请人信息", "申请事项", "上传材料", "结果领取方式", "确认提交"]);
    }
}
