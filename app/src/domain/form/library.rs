//! The application forms the county ships: one JSON file per item and version under `app/data/forms/`
//! (`{item}.v{version}.json`), compiled in. A new version is a new file; old ones stay, so a draft or a case
//! started on an old version can always be read with the questions it was asked. Items without a file get
//! [`FormDef::plain`], derived from their materials.

use super::definition::{FormDef, MaterialSpec};
use crate::domain::catalogue::Material;

/// (item, version, JSON).
const SHIPPED: &[(&str, u32, &str)] = &[
    ("GA-009", 1, include_str!("../../../data/forms/GA-009.v1.json")),
    ("MZ-004", 1, include_str!("../../../data/forms/MZ-004.v1.json")),
    ("SJ-001", 1, include_str!("../../../data/forms/SJ-001.v1.json")),
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
    fn the_household_form_repeats_its_members() {
        let mz = form_for("MZ-004", None, &[]).unwrap();
        assert!(mz.fields().any(|f| matches!(&f.kind, FieldKind::Group { fields, .. } if fields.len() == 3)));
    }
}
