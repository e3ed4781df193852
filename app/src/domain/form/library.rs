//! The application forms the county ships: one JSON file per item and version under `app/data/forms/`
//! (`{item}.v{version}.json`), compiled in. A new version is a new file; old ones stay, so a draft or a case
//! started on an old version can always be read with the questions it was asked. Items without a file get
//! [`FormDef::plain`], derived from their materials.

use super::definition::{FormDef, MaterialSpec};
use crate::domain::catalogue::Material;

/// (item, version, JSON).
const SHIPPED: &[(&str, u32, &str)] = &[
    ("BDC-002", 1, include_str!("../../../data/forms/BDC-002.v1.json")),
    ("GA-004", 1, include_str!("../../../data/forms/GA-004.v1.json")),
    ("GA-007", 1, include_str!("../../../data/forms/GA-007.v1.json")),
    ("GA-008", 1, include_str!("../../../data/forms/GA-008.v1.json")),
    ("GA-009", 1, include_str!("../../../data/forms/GA-009.v1.json")),
    ("MZ-004", 1, include_str!("../../../data/forms/MZ-004.v1.json")),
    ("MZ-007", 1, include_str!("../../../data/forms/MZ-007.v1.json")),
    ("MZ-008", 1, include_str!("../../../data/forms/MZ-008.v1.json")),
    ("RS-002", 1, include_str!("../../../data/forms/RS-002.v1.json")),
    ("RS-004", 1, include_str!("../../../data/forms/RS-004.v1.json")),
    ("RS-007", 1, include_str!("../../../data/forms/RS-007.v1.json")),
    ("RS-011", 1, include_str!("../../../data/forms/RS-011.v1.json")),
    ("SJ-001", 1, include_str!("../../../data/forms/SJ-001.v1.json")),
    ("SJ-003", 1, include_str!("../../../data/forms/SJ-003.v1.json")),
    ("SJ-007", 1, include_str!("../../../data/forms/SJ-007.v1.json")),
    ("SJ-014", 1, include_str!("../../../data/forms/SJ-014.v1.json")),
    ("YB-001", 1, include_str!("../../../data/forms/YB-001.v1.json")),
    ("YB-002", 1, include_str!("../../../data/forms/YB-002.v1.json")),
    ("YB-004", 1, include_str!("../../../data/forms/YB-004.v1.json")),
    ("YB-005", 1, include_str!("../../../data/forms/YB-005.v1.json")),
];

/// The form for `item` at `version` (a draft's), or its newest when `version` is `None`; the item's materials are
/// the uploads. `None` when a draft names a version that does not exist.
pub fn form_for(item: &str, version: Option<u32>, materials: &[Material]) -> Option<FormDef> {
    let mut shipped: Vec<&(&str, u32, &str)> = SHIPPED.iter().filter(|(i, _, _)| *i == item).collect();
    shipped.sort_by_key(|(_, v, _)| *v);
    let chosen = match version {
        Some(v) => shipped.into_iter().find(|(_, sv, _)| *sv == v),
        None => shipped.pop(),
    };
    let mut def = match chosen {
        // The files are checked by the tests below; one that stopped parsing would fail them first.
        Some((_, _, json)) => serde_json::from_str::<FormDef>(json).ok()?,
        None if version.is_none_or(|v| v == 1) => FormDef::plain(item, materials),
        None => return None,
    };
    if def.materials.is_empty() {
        def.materials = materials.iter().enumerate().map(|(i, m)| MaterialSpec::from_material(i, m)).collect();
    }
    Some(def)
}

/// The items that ship a form of their own.
pub fn items_with_forms() -> impl Iterator<Item = &'static str> {
    SHIPPED.iter().map(|(i, _, _)| *i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::form::definition::FieldKind;

    #[test]
    fn every_shipped_form_parses_names_itself_and_is_sound() {
        for (item, version, json) in SHIPPED {
            let def: FormDef = serde_json::from_str(json).unwrap_or_else(|e| panic!("{item} v{version}: {e}"));
            assert_eq!((def.item.as_str(), def.version), (*item, *version));
            assert_eq!(def.problems(), Vec::<String>::new(), "{item} v{version}");
            assert!(!def.sections.is_empty());
        }
    }

    #[test]
    fn drafts_keep_their_version_and_other_items_get_the_plain_form() {
        let materials = vec![Material { name: "居民身份证".into(), requirement: crate::domain::catalogue::Requirement::Required, form: "原件".into(), copies: 1, note: None }];
        let sj = form_for("SJ-001", None, &materials).unwrap();
        assert_eq!(sj.version, 1);
        assert_eq!(sj.materials[0].name, "居民身份证");
        assert!(sj.materials[0].original);
        assert!(form_for("SJ-001", Some(9), &materials).is_none(), "an unknown version is not quietly replaced");
        let plain = form_for("XX-999", None, &materials).unwrap();
        assert!(plain.fields().any(|f| matches!(f.kind, FieldKind::IdNumber)));
        assert_eq!(plain.problems(), Vec::<String>::new());
        assert!(form_for("XX-999", Some(2), &materials).is_none());
    }

    #[test]
    fn every_shipped_form_is_for_an_item_of_the_catalogue() {
        let catalogue = include_str!("../../../data/demo-catalogue.json");
        for item in items_with_forms() {
            assert!(catalogue.contains(&format!("\"code\": \"{item}\"")) || catalogue.contains(&format!("\"code\":\"{item}\"")), "{item}");
        }
    }

    #[test]
    fn the_twenty_demo_items_ship_their_own_forms() {
        let want = "GA-004 GA-007 GA-008 GA-009 RS-002 RS-004 RS-007 RS-011 YB-001 YB-002 YB-004 YB-005 MZ-004 MZ-007 MZ-008 \
                    SJ-001 SJ-003 SJ-007 SJ-014 BDC-002";
        let mut shipped: Vec<&str> = items_with_forms().collect();
        shipped.sort_unstable();
        let mut want: Vec<&str> = want.split_whitespace().collect();
        want.sort_unstable();
        assert_eq!(shipped, want);
    }

    /// A good answer to any field, as a careful applicant gives it.
    fn answer(f: &crate::domain::form::definition::Field) -> crate::domain::form::Value {
        use crate::domain::form::Value;
        let one = |s: &str| Value::One(s.to_string());
        let text = |f: &crate::domain::form::definition::Field| match &f.kind {
            FieldKind::Number { min, .. } => min.to_string(),
            FieldKind::Date => "2020-01-01".into(),
            FieldKind::Mobile => "13800000000".into(),
            FieldKind::IdNumber => "11010519491231002X".into(),
            FieldKind::CreditCode => "91350100M000100Y43".into(),
            FieldKind::Choice { options } => options[0].value.clone(),
            _ => "张三".into(),
        };
        match &f.kind {
            FieldKind::Choices { options } => Value::Many(vec![options[0].value.clone()]),
            FieldKind::Address => Value::Address { village: "V".into(), detail: "1号".into() },
            FieldKind::Group { fields, min_rows, .. } => Value::Rows(
                (0..(*min_rows).max(1)).map(|_| fields.iter().map(|g| (g.id.clone(), text(g))).collect()).collect(),
            ),
            _ => one(&text(f)),
        }
    }

    #[test]
    fn every_shipped_form_can_be_answered() {
        let villages = |v: &str| v == "V";
        let check = crate::domain::form::Check {
            today: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            is_village: &villages,
            lang: crate::i18n::Lang::Zh,
        };
        for item in items_with_forms() {
            let def = form_for(item, None, &[]).unwrap();
            let answers = def.fields().map(|f| (f.id.clone(), answer(f))).collect();
            assert_eq!(crate::domain::form::validate(&def, None, &answers, &check), vec![], "{item}");
            // And nothing answered is named, field by field, for every required field shown.
            let empty = crate::domain::form::Answers::new();
            assert!(!crate::domain::form::validate(&def, None, &empty, &check).is_empty(), "{item}");
        }
    }

    #[test]
    fn the_household_form_repeats_its_members() {
        let mz = form_for("MZ-004", None, &[]).unwrap();
        assert!(mz.fields().any(|f| matches!(&f.kind, FieldKind::Group { fields, .. } if fields.len() == 3)));
    }
}
