//! The guide's server functions against a real, freshly seeded SQLite database.

mod common;

use app::api::guide::{get_item, home_facets, search_items, GuideFilter};
use app::api::points::get_point;
use app::domain::calendar::OpenWord;
use common::server_at;

const TUESDAY_LUNCH: &str = "2026-11-24T12:30:00+08:00";

fn q(words: &str) -> GuideFilter {
    GuideFilter { q: words.into(), ..Default::default() }
}

#[tokio::test]
async fn search_by_words_puts_name_hits_first() {
    let s = server_at(TUESDAY_LUNCH).await;
    let r = s.call(|| search_items(q("营业执照"))).await.unwrap();
    assert!(r.items.len() > 6);
    assert!(r.items[..6].iter().all(|i| i.name.contains("营业执照")), "{:?}", &r.items[..6]);
}

#[tokio::test]
async fn search_by_pinyin_initials_and_full_width() {
    let s = server_at(TUESDAY_LUNCH).await;
    for words in ["yyzz", "ＹＹＺＺ", "YYZZ"] {
        let r = s.call(|| search_items(q(words))).await.unwrap();
        let names: Vec<_> = r.items.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names.len(), 6, "{words}: {names:?}");
        assert!(names.iter().all(|n| n.contains("营业执照")));
    }
}

#[tokio::test]
async fn search_by_material_finds_items_whose_name_lacks_the_word() {
    let s = server_at(TUESDAY_LUNCH).await;
    let r = s.call(|| search_items(q("户口簿"))).await.unwrap();
    assert!(r.items.iter().any(|i| i.name == "居民身份证换领"));
    assert!(r.items.iter().all(|i| !i.name.contains("户口簿")));
}

#[tokio::test]
async fn every_term_must_match_and_like_wildcards_are_literal() {
    let s = server_at(TUESDAY_LUNCH).await;
    let both = s.call(|| search_items(q("营业执照 注销"))).await.unwrap();
    assert!(both.items.iter().any(|i| i.name == "营业执照注销登记"));
    assert!(both.items.len() < s.call(|| search_items(q("营业执照"))).await.unwrap().items.len());
    // LIKE wildcards typed by a person separate words; they never act as wildcards.
    let wild = s.call(|| search_items(q("营业%执照_注销"))).await.unwrap();
    assert_eq!(wild.items, both.items);
}

#[tokio::test]
async fn filters_by_audience_department_event_and_nearby() {
    let s = server_at(TUESDAY_LUNCH).await;
    let all = s.call(|| search_items(GuideFilter::default())).await.unwrap().items;
    let ent = s
        .call(|| search_items(GuideFilter { audience: Some("enterprise".into()), ..Default::default() }))
        .await
        .unwrap();
    assert!(!ent.items.is_empty() && ent.items.len() < all.len());
    assert!(ent.items.iter().all(|i| i.audience != app::domain::catalogue::Audience::Personal));
    assert_eq!(ent.described, vec!["法人办事"]);
    let near = s.call(|| search_items(GuideFilter { nearby: true, ..Default::default() })).await.unwrap();
    assert!(near.items.iter().all(|i| i.nearby));
    let home = s.call(home_facets).await.unwrap();
    assert_eq!(home.total as usize, all.len());
    assert_eq!(home.nearby as usize, near.items.len());
    let birth = home.events.iter().find(|e| e.key == "出生").expect("出生 event");
    let born = s.call(|| search_items(GuideFilter { event: Some("出生".into()), ..Default::default() })).await.unwrap();
    assert_eq!(born.items.len() as u32, birth.count);
    let dept = &home.departments[0];
    let by_dept =
        s.call(|| search_items(GuideFilter { department: Some(dept.key.clone()), ..Default::default() })).await.unwrap();
    assert_eq!(by_dept.items.len() as u32, dept.count);
}

#[tokio::test]
async fn item_page_lists_places_open_first_with_lunch_states() {
    let s = server_at(TUESDAY_LUNCH).await;
    let d = s.call(|| get_item("SJ-001".into())).await.unwrap().expect("SJ-001 exists");
    assert_eq!(d.item.name, "个体工商户营业执照设立登记");
    assert!(!d.item.materials.is_empty());
    let hall = d.places.iter().find(|p| p.id == "530127").expect("the hall handles every item");
    assert_eq!(hall.open_word, OpenWord::Open);
    let town = d.places.iter().find(|p| p.id == "530127001").expect("SJ-001 can be done in towns");
    assert_eq!(town.open_word, OpenWord::Lunch);
    assert_eq!(town.open_text, "14:00 恢复办公");
    let first_closed = d.places.iter().position(|p| p.open_word != OpenWord::Open).unwrap();
    assert!(d.places[first_closed..].iter().all(|p| p.open_word != OpenWord::Open));
    assert!(s.call(|| get_item("NOPE".into())).await.unwrap().is_none());
}

#[tokio::test]
async fn point_page_on_a_holiday() {
    let s = server_at("2026-10-02T10:00:00+08:00").await;
    let hall = s.call(|| get_point("530127".into())).await.unwrap().unwrap();
    assert_eq!(hall.open_word, OpenWord::Open);
    assert_eq!(hall.today_note.as_deref(), Some("今天是国庆节假期"));
    assert!(hall.all_year && hall.windows.len() >= 25);
    let town = s.call(|| get_point("530127001".into())).await.unwrap().unwrap();
    assert_eq!(town.open_word, OpenWord::Closed);
    assert_eq!(town.open_text, "10月8日 09:00 开门");
    assert!(!town.stations.is_empty());
    assert!(s.call(|| get_point("nowhere".into())).await.unwrap().is_none());
}

#[tokio::test]
async fn demo_data_is_versioned_and_reseeding_is_idempotent() {
    let s = server_at(TUESDAY_LUNCH).await;
    let db = &s.state.db;
    assert_eq!(app::service::demo::installed_version(db).await.unwrap(), app::demo::DEMO_VERSION);
    assert!(!app::service::demo::seed_if_older(db, &app::demo::generate()).await.unwrap(), "same version: no reseed");
    app::service::demo::reset(db, &app::demo::generate()).await.unwrap();
    let home = s.call(home_facets).await.unwrap();
    assert_eq!(home.total as usize, app::demo::generate().items.len());
    let cal = app::store::calendar::load(db).await.unwrap();
    assert!(cal.is_published(2026) && !cal.is_published(2027));
}
