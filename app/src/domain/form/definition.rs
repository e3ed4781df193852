//! Online application forms (网上申报): a versioned definition per catalogue item, as JSON under `app/data/forms/`,
//! or derived from the item's materials when it has none. A draft keeps the version it started on.

use crate::domain::catalogue::{Material, Requirement};
use serde::{Deserialize, Serialize};

/// One item's application form, at one version.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormDef {
    /// The catalogue item's code, e.g. `SJ-001`.
    pub item: String,
    /// Raised whenever the questions change; drafts and cases keep the version they were filled on.
    pub version: u32,
    pub sections: Vec<Section>,
    /// What to upload. Empty in a JSON definition: the item's own materials are used.
    #[serde(default)]
    pub materials: Vec<MaterialSpec>,
    /// The item issues an electronic licence (电子证照), so it can be the way the result is received.
    #[serde(default)]
    pub e_licence: bool,
}

/// One page of questions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub id: String,
    pub title: String,
    pub fields: Vec<Field>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Field {
    /// Unique within the form; the answer's key and the input's name.
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub hint: Option<String>,
    #[serde(flatten)]
    pub kind: FieldKind,
    /// Optional fields say so (选填); a field is required unless it says `"required": false`.
    #[serde(default = "yes")]
    pub required: bool,
    /// Asked only when another answer is one of these values (e.g. a spouse's name when 婚姻状况 is 已婚).
    #[serde(default)]
    pub show_if: Option<ShowIf>,
}

fn yes() -> bool {
    true
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShowIf {
    pub field: String,
    pub any_of: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

/// What a field asks for, and the rule its answer follows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FieldKind {
    Text {
        #[serde(default = "short")]
        max_chars: usize,
    },
    LongText {
        #[serde(default = "long")]
        max_chars: usize,
    },
    /// A whole number within the bounds.
    Number { min: i64, max: i64 },
    /// A calendar date, typed as year, month and day.
    Date,
    Choice { options: Vec<Choice> },
    Choices { options: Vec<Choice> },
    /// Town → village (from the county's divisions), plus the rest of the address.
    Address,
    Mobile,
    /// 公民身份号码 (GB 11643): birth date and sex are derived from it.
    IdNumber,
    /// 统一社会信用代码 (GB 32100).
    CreditCode,
    /// A repeating group (e.g. household members): each row answers `fields`, between `min_rows` and `max_rows`.
    Group { fields: Vec<Field>, min_rows: usize, max_rows: usize },
}

fn short() -> usize {
    50
}

fn long() -> usize {
    1000
}

/// A file type forms accept, checked by content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FileType {
    Jpeg,
    Png,
    Pdf,
}

impl FileType {
    pub const ALL: [FileType; 3] = [Self::Jpeg, Self::Png, Self::Pdf];

    pub fn code(self) -> &'static str {
        match self {
            Self::Jpeg => "jpeg",
            Self::Png => "png",
            Self::Pdf => "pdf",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == s)
    }

    pub fn is_image(self) -> bool {
        self != Self::Pdf
    }

    pub fn mime(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Pdf => "application/pdf",
        }
    }
}

/// One material to upload: the item's own, with whether the original must be shown and what files are accepted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MaterialSpec {
    pub id: String,
    pub name: String,
    pub requirement: Requirement,
    /// The original must be shown at the window (原件), besides the upload.
    pub original: bool,
    pub accept: Vec<FileType>,
}

impl MaterialSpec {
    /// The upload spec of a catalogue material (its position gives it an id: `m1`, `m2`, …).
    pub fn from_material(i: usize, m: &Material) -> Self {
        Self {
            id: format!("m{}", i + 1),
            name: m.name.clone(),
            requirement: m.requirement,
            original: m.form.contains("原件"),
            accept: FileType::ALL.to_vec(),
        }
    }
}

impl FormDef {
    /// The plain form of an item without a definition of its own: who applies, what for, and its materials.
    pub fn plain(item: &str, materials: &[Material]) -> Self {
        let field = |id: &str, label: &str, kind: FieldKind| Field { id: id.into(), label: label.into(), hint: None, kind, required: true, show_if: None };
        Self {
            item: item.to_string(),
            version: 1,
            sections: vec![
                Section {
                    id: "applicant".into(),
                    title: "申请人信息".into(),
                    fields: vec![
                        field("name", "姓名", FieldKind::Text { max_chars: 20 }),
                        field("id_number", "身份证号码", FieldKind::IdNumber),
                        field("mobile", "手机号码", FieldKind::Mobile),
                        field("address", "联系地址", FieldKind::Address),
                    ],
                },
                Section {
                    id: "matter".into(),
                    title: "申请事项".into(),
                    fields: vec![Field {
                        hint: Some("简要说明申请的具体内容".into()),
                        ..field("details", "申请内容", FieldKind::LongText { max_chars: 500 })
                    }],
                },
            ],
            materials: materials.iter().enumerate().map(|(i, m)| MaterialSpec::from_material(i, m)).collect(),
            e_licence: false,
        }
    }

    /// Every top-level field of the form, in order (a group's own fields are inside its kind).
    pub fn fields(&self) -> impl Iterator<Item = &Field> {
        self.sections.iter().flat_map(|s| s.fields.iter())
    }

    /// The answers to the questions asked, given the answers: those whose `show_if` no longer holds are dropped.
    pub fn asked(&self, answers: &crate::domain::form::Answers) -> crate::domain::form::Answers {
        let shown: Vec<&str> = self.fields().filter(|f| crate::domain::form::shown(f, answers)).map(|f| f.id.as_str()).collect();
        answers.iter().filter(|(k, _)| shown.contains(&k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect()
    }

    /// The materials that must have a file before the application can be submitted (必交).
    pub fn required_materials(&self) -> impl Iterator<Item = &MaterialSpec> {
        self.materials.iter().filter(|m| m.requirement == Requirement::Required)
    }

    /// "请上传…" on each required material without a file among `uploaded` (material ids).
    pub fn missing_materials(&self, uploaded: &[String], lang: crate::i18n::Lang) -> Vec<crate::domain::form::FieldError> {
        self.required_materials()
            .filter(|m| !uploaded.contains(&m.id))
            .map(|m| crate::domain::form::FieldError { field: m.id.clone(), message: lang.pick(format!("请上传{}", m.name), format!("Upload {}", m.name)) })
            .collect()
    }

    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// What is wrong with the definition itself (duplicate ids, a `show_if` naming no earlier choice, empty
    /// options, bad bounds), so a broken JSON file fails its test rather than a citizen.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut seen: Vec<&Field> = Vec::new();
        for f in self.fields() {
            if seen.iter().any(|s| s.id == f.id) {
                out.push(format!("{}: field id used twice", f.id));
            }
            // The section post (and the browser's sync, `api::filing::keep_section`) carries these itself; an answer
            // of the same name would be lost.
            if ["id", "section", "back_to_check", "add_row", "delivery", "sync_base", "sync_edited"].contains(&f.id.as_str()) {
                out.push(format!("{}: a reserved name", f.id));
            }
            if let Some(cond) = &f.show_if {
                match seen.iter().find(|s| s.id == cond.field) {
                    Some(s) if matches!(s.kind, FieldKind::Choice { .. } | FieldKind::Choices { .. }) => {
                        let values = options(&s.kind);
                        for v in &cond.any_of {
                            if !values.contains(&v.as_str()) {
                                out.push(format!("{}: show_if value {v} is not an option of {}", f.id, s.id));
                            }
                        }
                    }
                    _ => out.push(format!("{}: show_if must name an earlier choice field", f.id)),
                }
            }
            match &f.kind {
                FieldKind::Choice { options } | FieldKind::Choices { options } if options.is_empty() => {
                    out.push(format!("{}: no options", f.id))
                }
                FieldKind::Number { min, max } if min > max => out.push(format!("{}: min above max", f.id)),
                FieldKind::Group { fields, min_rows, max_rows } => {
                    if min_rows > max_rows || *max_rows == 0 {
                        out.push(format!("{}: bad row bounds", f.id));
                    }
                    let nested = |g: &Field| matches!(g.kind, FieldKind::Group { .. } | FieldKind::Choices { .. } | FieldKind::Date | FieldKind::Address);
                    if fields.iter().any(|g| nested(g) || g.show_if.is_some()) {
                        out.push(format!("{}: a group's fields are single answers without conditions", f.id));
                    }
                }
                _ => {}
            }
            seen.push(f);
        }
        out
    }
}

/// The values a choice field offers.
pub fn options(kind: &FieldKind) -> Vec<&str> {
    match kind {
        FieldKind::Choice { options } | FieldKind::Choices { options } => options.iter().map(|o| o.value.as_str()).collect(),
        _ => vec![],
    }
}
