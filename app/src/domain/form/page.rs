//! What the filing pages show: the application's task list and sections, my drafts, my cases, a submitted case's
//! confirmation. Plain data built by `service::filing`, returned by `api::filing`, rendered by the pages.

use super::definition::{Field, FieldKind, FileType, FormDef, MaterialSpec};
use super::progress::Task;
use super::validate::{Answers, Value};
use crate::domain::points::TownOption;
use crate::i18n::Lang;
use super::Flash;
use crate::domain::cases::{CaseState, Delivery};
use serde::{Deserialize, Serialize};

/// One application in progress, for its task list, section pages and check-answers page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApplicationView {
    pub draft: String,
    pub item_code: String,
    pub item_name: String,
    pub form: FormDef,
    pub answers: Answers,
    pub delivery: Option<Delivery>,
    pub tasks: Vec<Task>,
    /// Carried by the submit form: however often it is sent, one case.
    pub submit_key: String,
    /// The last failed post of one of its pages, if any.
    pub flash: Flash,
    /// The county's towns and villages, for address questions.
    pub towns: Vec<TownOption>,
    /// (id, name) of the service points that handle the item, for 窗口领取.
    pub points: Vec<(String, String)>,
    /// The files uploaded so far, one per material at most.
    pub uploads: Vec<UploadLine>,
    /// The size limit of one file.
    pub max_upload_bytes: u64,
    /// Names the signed-in person's drafts in the browser's store (a digest of the account, not the account).
    pub owner: String,
    /// When each section's answers (and the delivery page's, as `delivery`) last changed on the server (unix
    /// seconds), for the browser's sync.
    pub section_times: std::collections::BTreeMap<String, i64>,
    /// What was last typed on the delivery page, complete or not.
    pub delivery_typed: Answers,
    /// The server's clock when the page was made (unix seconds): the browser dates its edits on it.
    pub now: i64,
    /// How photos are made smaller in the browser before upload.
    pub downscale: super::keep::Downscale,
    /// Whom it is filed for, when not the asker: "以企业名义申请：…" or "代办：为村民…申请".
    pub filed_as: Option<String>,
    /// A proxy filing whose villager has not yet read back the consent code: submitting waits for it.
    pub consent_needed: bool,
}

impl ApplicationView {
    /// The file uploaded for material `id`, if any.
    pub fn upload(&self, material: &str) -> Option<&UploadLine> {
        self.uploads.iter().find(|u| u.material == material)
    }
}

/// The name of a failed post's flash for `page` (a section's id, `delivery`, `check`, `m:{material}`) of the
/// application `draft`: a flash shows only on the page, and the draft, it came from.
pub fn flash_form(draft: &str, page: &str) -> String {
    format!("apply:{draft}:{page}")
}

/// A file uploaded for one material of an application.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UploadLine {
    pub id: String,
    pub material: String,
    /// The name it had on the person's phone (shown, never used as a path).
    pub file_name: String,
    pub file_type: FileType,
    pub bytes: u64,
    /// A thumbnail can be shown (`/files/{id}/thumb`).
    pub thumbnail: bool,
}

/// A file's size in words: "2.4 MB", "512 KB".
pub fn size_words(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// A village's name with its town's, e.g. "嵩阳街道 三元社区".
pub fn village_words(towns: &[TownOption], code: &str) -> String {
    towns
        .iter()
        .find_map(|t| t.villages.iter().find(|(c, _)| c == code).map(|(_, v)| format!("{} {v}", t.name)))
        .unwrap_or_else(|| code.to_string())
}

/// An answer as check answers shows it, one line per entry: a choice's label, a date in words, an address with
/// its town and village, a group's rows.
pub fn answer_words(f: &Field, answers: &Answers, towns: &[TownOption], lang: Lang) -> Vec<String> {
    let label_of = |kind: &FieldKind, v: &str| -> String {
        match kind {
            FieldKind::Choice { options } | FieldKind::Choices { options } => {
                options.iter().find(|o| o.value == v).map(|o| o.label.clone()).unwrap_or_else(|| v.to_string())
            }
            _ => v.to_string(),
        }
    };
    match (&f.kind, answers.get(&f.id)) {
        (_, None) => vec![],
        (FieldKind::Date, Some(Value::One(d))) => match chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d") {
            Ok(d) => vec![d.format(lang.pick("%Y年%-m月%-d日", "%-d %B %Y")).to_string()],
            Err(_) => vec![d.clone()],
        },
        // The ID number with what it says: "11010519491231002X（1949年12月31日出生，女）", so a slip shows.
        (FieldKind::IdNumber, Some(Value::One(v))) => match super::ids::parse_id_number(v, chrono::NaiveDate::MAX) {
            Ok(id) => {
                let sex = match id.sex {
                    super::ids::Sex::Male => lang.pick("男", "male"),
                    super::ids::Sex::Female => lang.pick("女", "female"),
                };
                let born = id.birth.format(lang.pick("%Y年%-m月%-d日", "%-d %B %Y"));
                vec![lang.pick(format!("{}（{born}出生，{sex}）", id.number), format!("{} (born {born}, {sex})", id.number))]
            }
            Err(_) => vec![v.clone()],
        },
        (kind, Some(Value::One(v))) => vec![label_of(kind, v)],
        (kind, Some(Value::Many(vs))) => vec![vs.iter().map(|v| label_of(kind, v)).collect::<Vec<_>>().join(lang.pick("、", ", "))],
        (_, Some(Value::Address { village, detail })) => vec![format!("{} {detail}", village_words(towns, village))],
        (FieldKind::Group { fields, .. }, Some(Value::Rows(rows))) => rows
            .iter()
            .map(|r| {
                fields
                    .iter()
                    .map(|g| format!("{}{}{}", g.label, lang.pick("：", ": "), label_of(&g.kind, r.get(&g.id).map(String::as_str).unwrap_or(""))))
                    .collect::<Vec<_>>()
                    .join(lang.pick("，", ", "))
            })
            .collect(),
        (_, Some(Value::Rows(_))) => vec![],
    }
}

/// The start page of an application (`/apply/{item}`): what the item asks for, and the asker's drafts of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StartView {
    pub item_code: String,
    pub item_name: String,
    pub promised_days: u32,
    /// The sections' titles: what will be asked.
    pub sections: Vec<String>,
    pub materials: Vec<MaterialSpec>,
    /// The size limit of one file.
    pub max_upload_bytes: u64,
    /// Carried by 开始申请: the same start sent twice opens one draft.
    pub start_key: String,
    /// The asker's unfinished applications for this item, to carry on rather than start again.
    pub drafts: Vec<DraftLine>,
    /// (uscc, name) of the verified enterprises the asker may file this item as (items for enterprises).
    pub enterprises: Vec<(String, String)>,
}

/// The query of an application's section and delivery pages: `?from=check` when 修改 on check answers led there,
/// so 继续 goes back to check answers.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ApplyQuery {
    pub from_check: bool,
}

impl crate::domain::query::FromQuery for ApplyQuery {
    fn from_query(get: &dyn Fn(&str) -> Option<String>) -> Self {
        Self { from_check: crate::domain::query::given(get, "from").as_deref() == Some("check") }
    }
}

/// A draft in 我的草稿.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DraftLine {
    pub id: String,
    pub item_code: String,
    pub item_name: String,
    /// When it last changed, in words.
    pub changed: String,
    pub done: usize,
    pub tasks: usize,
    /// Whom it is filed for, when not the asker.
    pub filed_as: Option<String>,
}

/// A case in 我的办件, or confirmed after submitting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseLine {
    pub number: String,
    pub item_name: String,
    pub state: CaseState,
    /// When it was submitted, in words.
    pub submitted: String,
    /// The receipt date in words: "您于周六 22:14 提交，收件日为12月7日（周一）。"
    pub receipt: String,
    /// The expected completion date in words, or what stops the clock (我的办件).
    pub expected: String,
    /// Whom it was filed as or by, when not the person themselves: the enterprise, or the proxy agent.
    pub filed_as: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::form::definition::Choice;

    #[test]
    fn answers_are_said_in_words() {
        let f = |id: &str, kind: FieldKind| Field { id: id.into(), label: id.into(), hint: None, kind, required: true, show_if: None };
        let towns = vec![TownOption { code: "t".into(), name: "嵩阳街道".into(), villages: vec![("v1".into(), "三元社区".into())] }];
        let mut a = Answers::new();
        a.insert("id".into(), Value::One("11010519491231002X".into()));
        a.insert("born".into(), Value::One("1949-12-31".into()));
        a.insert("form".into(), Value::One("family".into()));
        a.insert("home".into(), Value::Address { village: "v1".into(), detail: "3号".into() });
        let words = |field: &Field| answer_words(field, &a, &towns, Lang::Zh);
        assert_eq!(words(&f("id", FieldKind::IdNumber)), vec!["11010519491231002X（1949年12月31日出生，女）"]);
        assert_eq!(words(&f("born", FieldKind::Date)), vec!["1949年12月31日"]);
        let options = vec![Choice { value: "family".into(), label: "家庭经营".into() }];
        assert_eq!(words(&f("form", FieldKind::Choice { options })), vec!["家庭经营"]);
        assert_eq!(words(&f("home", FieldKind::Address)), vec!["嵩阳街道 三元社区 3号"]);
        assert_eq!(answer_words(&f("id", FieldKind::IdNumber), &a, &towns, Lang::En), vec!["11010519491231002X (born 31 December 1949, female)"]);
    }
}
