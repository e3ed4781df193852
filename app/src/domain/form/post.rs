//! How a section's answers travel in a plain form post (JavaScript off) and back: every input has its own name,
//! which is also its id, so the error summary's links land on it.
//!
//! | kind | input names |
//! |---|---|
//! | single answers (text, number, choice, mobile, ID number, credit code) | `{field}` |
//! | date (the date input component) | `{field}-year`, `{field}-month`, `{field}-day` |
//! | multiple choice | `{field}-{option value}`, one checkbox each |
//! | address | `{field}` (the village select), `{field}-detail` |
//! | group | `{field}-{row}-{inner field}`, rows from 1 |

use super::definition::{FieldKind, Section};
use super::validate::{Answers, Value};
use std::collections::BTreeMap;

/// Reads one section's posted fields into answers. Nothing typed is dropped except what the section does not ask:
/// a date's parts are kept as typed (`2026-2-30` is the validator's business), a group keeps every row with
/// something in it.
pub fn read_section(section: &Section, posted: &BTreeMap<String, String>) -> Answers {
    let get = |k: &str| posted.get(k).map(|v| v.trim().to_string()).unwrap_or_default();
    let mut out = Answers::new();
    for f in &section.fields {
        let id = f.id.as_str();
        let value = match &f.kind {
            FieldKind::Date => {
                let parts = [get(&format!("{id}-year")), get(&format!("{id}-month")), get(&format!("{id}-day"))];
                if parts.iter().all(String::is_empty) {
                    continue;
                }
                Value::One(parts.join("-"))
            }
            FieldKind::Choices { options } => {
                Value::Many(options.iter().filter(|o| posted.contains_key(&format!("{id}-{}", o.value))).map(|o| o.value.clone()).collect())
            }
            FieldKind::Address => Value::Address { village: get(id), detail: get(&format!("{id}-detail")) },
            FieldKind::Group { fields, max_rows, .. } => Value::Rows(
                (1..=*max_rows)
                    .map(|row| fields.iter().map(|g| (g.id.clone(), get(&format!("{id}-{row}-{}", g.id)))).collect::<BTreeMap<_, _>>())
                    .filter(|r| r.values().any(|v| !v.is_empty()))
                    .collect(),
            ),
            _ => {
                if !posted.contains_key(id) {
                    continue;
                }
                Value::One(get(id))
            }
        };
        out.insert(f.id.clone(), value);
    }
    out
}

/// A single answer as the input shows it again ("" when unanswered).
pub fn text(answers: &Answers, id: &str) -> String {
    match answers.get(id) {
        Some(Value::One(s)) => s.clone(),
        _ => String::new(),
    }
}

/// A date answer's (year, month, day) as typed.
pub fn date_parts(answers: &Answers, id: &str) -> (String, String, String) {
    let t = text(answers, id);
    let mut p = t.splitn(3, '-').map(str::to_string);
    (p.next().unwrap_or_default(), p.next().unwrap_or_default(), p.next().unwrap_or_default())
}

/// Is this option of a multiple choice ticked?
pub fn ticked(answers: &Answers, id: &str, value: &str) -> bool {
    matches!(answers.get(id), Some(Value::Many(vs)) if vs.iter().any(|v| v == value))
}

/// An address answer's (village code, detail).
pub fn address(answers: &Answers, id: &str) -> (String, String) {
    match answers.get(id) {
        Some(Value::Address { village, detail }) => (village.clone(), detail.clone()),
        _ => (String::new(), String::new()),
    }
}

/// A group's rows to show: those answered, then blank ones, at least `min_rows` and one spare, at most `max_rows`
/// (without JavaScript there is no "add a row" button to wait for).
pub fn rows(answers: &Answers, id: &str, min_rows: usize, max_rows: usize) -> Vec<BTreeMap<String, String>> {
    let mut rows = match answers.get(id) {
        Some(Value::Rows(r)) => r.clone(),
        _ => vec![],
    };
    let want = (rows.len() + 1).max(min_rows).min(max_rows);
    while rows.len() < want {
        rows.push(BTreeMap::new());
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::form::definition::{Choice, Field};

    fn section() -> Section {
        let f = |id: &str, kind: FieldKind| Field { id: id.into(), label: id.into(), hint: None, kind, required: true, show_if: None };
        let opts = |v: &[&str]| v.iter().map(|x| Choice { value: x.to_string(), label: x.to_string() }).collect::<Vec<_>>();
        Section {
            id: "s".into(),
            title: "s".into(),
            fields: vec![
                f("name", FieldKind::Text { max_chars: 20 }),
                f("born", FieldKind::Date),
                f("needs", FieldKind::Choices { options: opts(&["a", "b", "c"]) }),
                f("home", FieldKind::Address),
                f("members", FieldKind::Group { fields: vec![f("name", FieldKind::Text { max_chars: 20 })], min_rows: 1, max_rows: 3 }),
                f("note", FieldKind::LongText { max_chars: 100 }),
            ],
        }
    }

    #[test]
    fn a_post_reads_into_answers_and_back_into_inputs() {
        let posted: BTreeMap<String, String> = [
            ("name", " 王秀英 "),
            ("born-year", "1949"),
            ("born-month", "12"),
            ("born-day", "31"),
            ("needs-a", "on"),
            ("needs-c", "on"),
            ("needs-x", "on"),
            ("home", "530127001001"),
            ("home-detail", "3号"),
            ("members-1-name", "王芳"),
            ("members-2-name", ""),
            ("members-3-name", "李明"),
            ("members-9-name", "不在表内"),
            ("stranger", "ignored"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let a = read_section(&section(), &posted);
        assert_eq!(text(&a, "name"), "王秀英");
        assert_eq!(date_parts(&a, "born"), ("1949".into(), "12".into(), "31".into()));
        assert!(ticked(&a, "needs", "a") && ticked(&a, "needs", "c") && !ticked(&a, "needs", "b"));
        assert_eq!(a.get("needs"), Some(&Value::Many(vec!["a".into(), "c".into()])), "only offered options are read");
        assert_eq!(address(&a, "home"), ("530127001001".into(), "3号".into()));
        let names: Vec<String> = rows(&a, "members", 1, 3).iter().map(|r| r.get("name").cloned().unwrap_or_default()).collect();
        assert_eq!(names, vec!["王芳", "李明", ""], "answered rows, then one spare");
        assert!(!a.contains_key("note") && !a.contains_key("stranger"), "what was not posted stays unanswered");
    }

    #[test]
    fn a_half_typed_date_is_kept_for_the_validator_to_name() {
        let posted = BTreeMap::from([("born-year".to_string(), "2026".to_string()), ("born-day".to_string(), "30".to_string())]);
        assert_eq!(text(&read_section(&section(), &posted), "born"), "2026--30");
        assert_eq!(rows(&Answers::new(), "members", 2, 3).len(), 2, "at least the minimum");
    }
}
