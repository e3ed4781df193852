//! One validation of an application's answers, pure and without `cfg`: the server runs it on every 继续 and at
//! submit (authoritative), and the browser can run the same function as the person types.

use super::definition::{options, Field, FieldKind, FormDef};
use super::ids::{parse_id_number, parse_uscc, IdProblem, UsccProblem};
use super::FieldError;
use crate::i18n::Lang;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One answer: a single value (text, number, date as `YYYY-MM-DD`, a choice), several choices, an address, or a
/// repeating group's rows (each row's answers by field id).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    One(String),
    Many(Vec<String>),
    Address { village: String, detail: String },
    Rows(Vec<BTreeMap<String, String>>),
}

/// An application's answers by field id.
pub type Answers = BTreeMap<String, Value>;

/// What validation needs besides the answers: today (birth dates), the county's villages (addresses), the
/// reader's language.
pub struct Check<'a> {
    pub today: NaiveDate,
    pub is_village: &'a dyn Fn(&str) -> bool,
    pub lang: Lang,
}

/// Is `f` asked, given the answers so far? A field whose condition is not met is skipped, and its answer ignored.
pub fn shown(f: &Field, answers: &Answers) -> bool {
    let Some(cond) = &f.show_if else { return true };
    match answers.get(&cond.field) {
        Some(Value::One(v)) => cond.any_of.contains(v),
        Some(Value::Many(vs)) => vs.iter().any(|v| cond.any_of.contains(v)),
        _ => false,
    }
}

/// The problems with the answers to one section (`Some(id)`, at its 继续) or to the whole form (`None`, at submit),
/// each on its field's id (a group's row fields as `{group}-{row}-{field}`, rows from 1), in the form's order.
pub fn validate(def: &FormDef, section: Option<&str>, answers: &Answers, check: &Check) -> Vec<FieldError> {
    let mut out = Vec::new();
    for s in def.sections.iter().filter(|s| section.is_none_or(|id| s.id == id)) {
        for f in s.fields.iter().filter(|f| shown(f, answers)) {
            field(f, &f.id, answers.get(&f.id), check, &mut out);
        }
    }
    out
}

fn blank(v: Option<&Value>) -> bool {
    match v {
        None => true,
        Some(Value::One(s)) => s.trim().is_empty(),
        Some(Value::Many(vs)) => vs.iter().all(|s| s.trim().is_empty()),
        Some(Value::Address { village, detail }) => village.trim().is_empty() && detail.trim().is_empty(),
        Some(Value::Rows(rows)) => rows.is_empty(),
    }
}

fn field(f: &Field, key: &str, v: Option<&Value>, c: &Check, out: &mut Vec<FieldError>) {
    let l = c.lang;
    let label = f.label.as_str();
    let (mut mine, mut rows_out) = (Vec::new(), Vec::new());
    let mut fail = |message: String| mine.push(message);
    let choose = matches!(f.kind, FieldKind::Choice { .. } | FieldKind::Choices { .. } | FieldKind::Address);
    if blank(v) && !matches!(f.kind, FieldKind::Group { .. }) {
        if f.required {
            fail(if choose { l.pick(format!("请选择{label}"), format!("Choose {label}")) } else { l.pick(format!("请输入{label}"), format!("Enter {label}")) });
        }
        out.extend(mine.into_iter().map(|message| FieldError { field: key.to_string(), message }));
        return;
    }
    let one = match v {
        Some(Value::One(s)) => s.trim(),
        _ => "",
    };
    match &f.kind {
        FieldKind::Text { max_chars } | FieldKind::LongText { max_chars } => {
            if one.chars().count() > *max_chars {
                fail(l.pick(format!("{label}不能超过{max_chars}个字"), format!("{label} must be {max_chars} characters or fewer")));
            } else if one.chars().any(|ch| ch.is_control() && ch != '\n' && ch != '\r' && ch != '\t') {
                fail(l.pick(format!("{label}含有无法识别的字符，请重新输入"), format!("{label} has characters that cannot be read: enter it again")));
            }
        }
        FieldKind::Number { min, max } => match one.parse::<i64>() {
            Ok(n) if (*min..=*max).contains(&n) => {}
            _ => fail(l.pick(format!("{label}应为{min}到{max}之间的整数"), format!("{label} must be a whole number from {min} to {max}"))),
        },
        FieldKind::Date => {
            let date = one.split('-').map(|p| p.trim().parse::<u32>().ok()).collect::<Vec<_>>();
            let ok = match date.as_slice() {
                [Some(y), Some(m), Some(d)] => NaiveDate::from_ymd_opt(*y as i32, *m, *d).is_some_and(|d| d.year_ce().1 >= 1900),
                _ => false,
            };
            if !ok {
                fail(l.pick(format!("{label}不是有效的日期，请填写年、月、日，如 2026 12 7"), format!("{label} must be a real date: enter the year, month and day, like 2026 12 7")));
            }
        }
        FieldKind::Choice { .. } | FieldKind::Choices { .. } => {
            let offered = options(&f.kind);
            let picked: Vec<&str> = match v {
                Some(Value::One(s)) => vec![s.as_str()],
                Some(Value::Many(vs)) => vs.iter().map(String::as_str).filter(|s| !s.is_empty()).collect(),
                _ => vec![""],
            };
            let single = matches!(f.kind, FieldKind::Choice { .. });
            if picked.iter().any(|p| !offered.contains(p)) || (single && picked.len() != 1) {
                fail(l.pick(format!("请从列出的选项中选择{label}"), format!("Choose {label} from the options listed")));
            }
        }
        FieldKind::Address => {
            let (village, detail) = match v {
                Some(Value::Address { village, detail }) => (village.trim(), detail.trim()),
                _ => ("", ""),
            };
            if !(c.is_village)(village) {
                fail(l.pick(format!("请选择{label}所在的村（社区）"), format!("Choose the village or community of {label}")));
            } else if detail.is_empty() {
                fail(l.pick(format!("请填写{label}的详细地址，如门牌号"), format!("Enter the rest of {label}, such as the house number")));
            } else if detail.chars().count() > 100 {
                fail(l.pick(format!("{label}的详细地址不能超过100个字"), format!("The rest of {label} must be 100 characters or fewer")));
            }
        }
        FieldKind::Mobile => {
            if crate::domain::accounts::normalise_mobile(one).is_none() {
                fail(l.pick(format!("{label}应为11位手机号码，如 13812345678"), format!("{label} must be an 11-digit mobile number, like 13812345678")));
            }
        }
        FieldKind::IdNumber => match parse_id_number(one, c.today) {
            Ok(_) => {}
            Err(IdProblem::Shape) => fail(l.pick(
                format!("{label}应为18位，前17位是数字，最后一位是数字或X"),
                format!("{label} must be 18 characters: 17 digits, then a digit or X"),
            )),
            Err(IdProblem::BirthDate) => fail(l.pick(
                format!("{label}中的出生日期（第7到14位）不正确，请核对"),
                format!("The date of birth in {label} (characters 7 to 14) is not right: check it"),
            )),
            Err(IdProblem::CheckCharacter) => fail(l.pick(
                format!("{label}有误，请对照身份证核对每一位"),
                format!("{label} is not right: check each character against the ID card"),
            )),
        },
        FieldKind::CreditCode => match parse_uscc(one) {
            Ok(_) => {}
            Err(UsccProblem::Shape) => fail(l.pick(
                format!("{label}应为18位数字或大写字母（不含I、O、S、V、Z）"),
                format!("{label} must be 18 digits or capital letters (no I, O, S, V or Z)"),
            )),
            Err(UsccProblem::CheckCharacter) => fail(l.pick(
                format!("{label}有误，请对照营业执照核对每一位"),
                format!("{label} is not right: check each character against the business licence"),
            )),
        },
        FieldKind::Group { fields, min_rows, max_rows } => {
            let rows: &[BTreeMap<String, String>] = match v {
                Some(Value::Rows(rows)) => rows,
                _ => &[],
            };
            // A row left entirely blank is not a row.
            let rows: Vec<&BTreeMap<String, String>> = rows.iter().filter(|r| r.values().any(|x| !x.trim().is_empty())).collect();
            if rows.len() < *min_rows && (f.required || !rows.is_empty()) {
                fail(l.pick(format!("请至少填写{min_rows}位{label}"), format!("Enter at least {min_rows} in {label}")));
            } else if rows.len() > *max_rows {
                fail(l.pick(format!("{label}最多填写{max_rows}位"), format!("Enter at most {max_rows} in {label}")));
            }
            for (i, row) in rows.iter().enumerate() {
                for g in fields {
                    let v = row.get(&g.id).map(|s| Value::One(s.clone()));
                    field(g, &format!("{}-{}-{}", f.id, i + 1, g.id), v.as_ref(), c, &mut rows_out);
                }
            }
        }
    }
    out.extend(mine.into_iter().map(|message| FieldError { field: key.to_string(), message }));
    out.append(&mut rows_out);
}

use chrono::Datelike;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::form::definition::{Choice, Field, FieldKind, FormDef, Section, ShowIf};

    fn f(id: &str, label: &str, kind: FieldKind) -> Field {
        Field { id: id.into(), label: label.into(), hint: None, kind, required: true, show_if: None }
    }

    fn opts(values: &[&str]) -> Vec<Choice> {
        values.iter().map(|v| Choice { value: v.to_string(), label: v.to_string() }).collect()
    }

    fn def() -> FormDef {
        FormDef {
            item: "T-1".into(),
            version: 1,
            materials: vec![],
            e_licence: false,
            sections: vec![
                Section {
                    id: "a".into(),
                    title: "申请人信息".into(),
                    fields: vec![
                        f("name", "姓名", FieldKind::Text { max_chars: 5 }),
                        f("id_no", "身份证号码", FieldKind::IdNumber),
                        f("mobile", "手机号码", FieldKind::Mobile),
                        f("born", "出生日期", FieldKind::Date),
                        f("married", "婚姻状况", FieldKind::Choice { options: opts(&["未婚", "已婚"]) }),
                        Field { show_if: Some(ShowIf { field: "married".into(), any_of: vec!["已婚".into()] }), ..f("spouse", "配偶姓名", FieldKind::Text { max_chars: 20 }) },
                        Field { required: false, ..f("note", "备注", FieldKind::LongText { max_chars: 10 }) },
                    ],
                },
                Section {
                    id: "b".into(),
                    title: "申请事项".into(),
                    fields: vec![
                        f("people", "家庭人口", FieldKind::Number { min: 1, max: 20 }),
                        f("needs", "困难类型", FieldKind::Choices { options: opts(&["疾病", "残疾", "就学"]) }),
                        f("home", "居住地址", FieldKind::Address),
                        f("firm", "统一社会信用代码", FieldKind::CreditCode),
                        f("members", "家庭成员", FieldKind::Group {
                            fields: vec![f("name", "姓名", FieldKind::Text { max_chars: 20 }), f("id", "身份证号码", FieldKind::IdNumber)],
                            min_rows: 1,
                            max_rows: 2,
                        }),
                    ],
                },
            ],
        }
    }

    fn one(s: &str) -> Value {
        Value::One(s.into())
    }

    fn good() -> Answers {
        let row = |n: &str, id: &str| BTreeMap::from([("name".to_string(), n.to_string()), ("id".to_string(), id.to_string())]);
        BTreeMap::from([
            ("name".into(), one("王秀英")),
            ("id_no".into(), one("11010519491231002X")),
            ("mobile".into(), one("138 1234 5678")),
            ("born".into(), one("1949-12-31")),
            ("married".into(), one("未婚")),
            ("people".into(), one("3")),
            ("needs".into(), Value::Many(vec!["疾病".into(), "就学".into()])),
            ("home".into(), Value::Address { village: "530127001001".into(), detail: "3号".into() }),
            ("firm".into(), one("91350100M000100Y43")),
            ("members".into(), Value::Rows(vec![row("王芳", "11010519491231002X")])),
        ])
    }

    fn errors(answers: &Answers, section: Option<&str>) -> Vec<(String, String)> {
        let villages = |v: &str| v == "530127001001";
        let check = Check { today: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), is_village: &villages, lang: Lang::Zh };
        validate(&def(), section, answers, &check).into_iter().map(|e| (e.field, e.message)).collect()
    }

    fn with(key: &str, v: Value) -> Answers {
        let mut a = good();
        a.insert(key.into(), v);
        a
    }

    #[test]
    fn a_good_application_passes_and_the_definition_is_sound() {
        assert_eq!(errors(&good(), None), vec![]);
        assert_eq!(def().problems(), Vec::<String>::new());
    }

    #[test]
    fn each_kind_names_its_field_and_what_to_do() {
        let first = |a: Answers| errors(&a, None).into_iter().next().expect("an error");
        assert_eq!(first(with("name", one(" "))), ("name".into(), "请输入姓名".into()));
        assert_eq!(first(with("name", one("王秀英王秀英"))), ("name".into(), "姓名不能超过5个字".into()));
        assert_eq!(first(with("id_no", one("110105194912310021"))).1, "身份证号码有误，请对照身份证核对每一位");
        assert_eq!(first(with("id_no", one("1101051949"))).1, "身份证号码应为18位，前17位是数字，最后一位是数字或X");
        assert_eq!(first(with("mobile", one("1381234"))).1, "手机号码应为11位手机号码，如 13812345678");
        assert_eq!(first(with("born", one("2026-2-30"))).1, "出生日期不是有效的日期，请填写年、月、日，如 2026 12 7");
        assert_eq!(first(with("married", one("离异"))).1, "请从列出的选项中选择婚姻状况");
        assert_eq!(first(with("married", one(""))).1, "请选择婚姻状况");
        assert_eq!(first(with("people", one("0"))).1, "家庭人口应为1到20之间的整数");
        assert_eq!(first(with("people", one("2.5"))).1, "家庭人口应为1到20之间的整数");
        assert_eq!(first(with("needs", Value::Many(vec!["疾病".into(), "失业".into()]))).1, "请从列出的选项中选择困难类型");
        assert_eq!(first(with("home", Value::Address { village: "999".into(), detail: "3号".into() })).1, "请选择居住地址所在的村（社区）");
        assert_eq!(first(with("home", Value::Address { village: "530127001001".into(), detail: " ".into() })).1, "请填写居住地址的详细地址，如门牌号");
        assert_eq!(first(with("firm", one("91350100M000100Y44"))).1, "统一社会信用代码有误，请对照营业执照核对每一位");
        assert_eq!(first(with("note", one("一二三四五六七八九十一"))).1, "备注不能超过10个字");
    }

    #[test]
    fn optional_fields_may_be_blank_and_english_speaks_english() {
        let mut a = good();
        a.remove("note");
        assert_eq!(errors(&a, None), vec![]);
        let villages = |_: &str| true;
        let check = Check { today: NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(), is_village: &villages, lang: Lang::En };
        let e = validate(&def(), None, &with("name", one("")), &check);
        assert_eq!(e[0].message, "Enter 姓名");
    }

    #[test]
    fn show_if_asks_only_when_its_condition_holds() {
        // Not married: the spouse is not asked, and a stray answer is ignored.
        assert_eq!(errors(&with("spouse", one("王王王王王王王王王王王王王王王王王王王王王")), None), vec![]);
        // Married: the spouse's name is required.
        let e = errors(&with("married", one("已婚")), None);
        assert_eq!(e, vec![("spouse".into(), "请输入配偶姓名".into())]);
    }

    #[test]
    fn groups_check_their_rows_and_their_count() {
        let row = |n: &str, id: &str| BTreeMap::from([("name".to_string(), n.to_string()), ("id".to_string(), id.to_string())]);
        let blank_row = row("", "");
        assert_eq!(errors(&with("members", Value::Rows(vec![blank_row.clone()])), None), vec![("members".into(), "请至少填写1位家庭成员".into())]);
        let three = Value::Rows(vec![row("甲", "11010519491231002X"), row("乙", "11010519491231002X"), row("丙", "11010519491231002X")]);
        assert_eq!(errors(&with("members", three), None), vec![("members".into(), "家庭成员最多填写2位".into())]);
        let bad = Value::Rows(vec![row("甲", "11010519491231002X"), row("乙", "123")]);
        assert_eq!(errors(&with("members", bad), None)[0].0, "members-2-id");
    }

    #[test]
    fn a_section_is_checked_alone() {
        let a = with("people", one("x"));
        assert_eq!(errors(&a, Some("a")), vec![]);
        assert_eq!(errors(&a, Some("b")).len(), 1);
    }

    #[test]
    fn broken_definitions_are_caught() {
        let mut d = def();
        d.sections[0].fields[5].show_if = Some(ShowIf { field: "married".into(), any_of: vec!["丧偶".into()] });
        d.sections[1].fields.push(f("name", "重复", FieldKind::Mobile));
        let p = d.problems();
        assert!(p.iter().any(|x| x.contains("show_if value 丧偶")), "{p:?}");
        assert!(p.iter().any(|x| x.contains("name: field id used twice")), "{p:?}");
    }
}
