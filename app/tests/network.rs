//! Uploading a road network: every validation error named, nothing half-imported, and the zones recomputed in the
//! background while requests keep the previous snapshot.

mod common;

use app::api::network::{import_text, network_state, network_upload, Outcome, UploadBody};
use app::domain::accounts::Role;
use common::{server_at, TestServer};

const NOW: &str = "2026-11-24T10:00:00+08:00";

/// A point well inside the demo county (a little east of the county seat), `east_m`/`north_m` metres off.
fn at(east_m: f64, north_m: f64) -> [f64; 2] {
    let seat = app::demo::SEAT;
    [seat.lon + 0.05 + east_m / (111_195.0 * seat.lat.to_radians().cos()), seat.lat + north_m / 111_195.0]
}

fn line(class: &str, coords: &[[f64; 2]]) -> serde_json::Value {
    serde_json::json!({ "type": "Feature", "properties": { "class": class }, "geometry": { "type": "LineString", "coordinates": coords } })
}

fn collection(features: Vec<serde_json::Value>) -> String {
    serde_json::json!({ "type": "FeatureCollection", "features": features }).to_string()
}

async fn counts(s: &TestServer) -> (usize, usize, Option<String>) {
    let net = app::store::network::load_network(&s.state.db).await.unwrap();
    let last = app::store::network::latest_import(&s.state.db).await.unwrap().map(|i| i.id);
    (net.nodes.len(), net.segments.len(), last)
}

async fn admin(s: &TestServer) -> String {
    s.session_with(&[(Role::CentreAdmin, "")]).await
}

#[tokio::test]
async fn each_problem_is_named_and_nothing_is_imported() {
    let s = server_at(NOW).await;
    let token = admin(&s).await;
    let before = counts(&s).await;
    let good = line("village", &[at(0.0, 0.0), at(300.0, 0.0)]);
    let cases: Vec<(String, &str)> = vec![
        ("{\"type\": ".to_string(), "文件不是有效的 JSON"),
        (r#"{"type":"Feature"}"#.to_string(), "不是 GeoJSON 要素集合"),
        (collection(vec![]), "文件中没有道路"),
        (collection(vec![good.clone(), line("village", &[at(0.0, 0.0)])]), "第2条道路的坐标少于2个点"),
        (
            collection(vec![good.clone(), serde_json::json!({ "type": "Feature", "properties": { "class": "path" },
                "geometry": { "type": "LineString", "coordinates": [at(0.0, 0.0), ["东", 25.3]] } })]),
            "第2条道路的第2个坐标不是有效的经纬度数字",
        ),
        (collection(vec![line("path", &[at(0.0, 0.0), [105.0, 25.3]])]), "第1条道路的第2个坐标（经度105.00000，纬度25.30000）在县域范围之外"),
        (collection(vec![good.clone(), good.clone(), line("highway", &[at(0.0, 0.0), at(0.0, 300.0)])]), "第3条道路的道路等级“highway”无法识别"),
        (
            collection(vec![serde_json::json!({ "type": "Feature", "properties": { "class": "path" },
                "geometry": { "type": "Polygon", "coordinates": [[at(0.0, 0.0), at(0.0, 300.0), at(300.0, 0.0), at(0.0, 0.0)]] } })]),
            "第1条道路的几何类型是 Polygon",
        ),
        (format!("{}{}", collection(vec![good.clone()]), " ".repeat(app::domain::network_import::MAX_BYTES)), "文件太大"),
    ];
    for (text, expected) in cases {
        for replace in [false, true] {
            let got = s.call_as(Some(&token), || import_text(&text, "roads.geojson", replace)).await.unwrap();
            match got {
                Outcome::Rejected(problems) => assert!(problems.iter().any(|p| p.contains(expected)), "{expected}: {problems:?}"),
                Outcome::Imported(l) => panic!("{expected}: imported {l:?}"),
            }
            assert_eq!(counts(&s).await, before, "{expected}: the network is unchanged");
        }
    }
    // Several problems in one file are all listed.
    let text = collection(vec![line("highway", &[at(0.0, 0.0), at(0.0, 300.0)]), good.clone(), line("path", &[at(0.0, 0.0)])]);
    let Outcome::Rejected(problems) = s.call_as(Some(&token), || import_text(&text, "x", false)).await.unwrap() else { panic!() };
    assert_eq!(problems.len(), 2, "{problems:?}");
}

#[tokio::test]
async fn only_the_administrator_may_import() {
    let s = server_at(NOW).await;
    let staff = s.session_with(&[(Role::WindowStaff, "GA")]).await;
    let text = collection(vec![line("village", &[at(0.0, 0.0), at(300.0, 0.0)])]);
    assert!(s.call_as(Some(&staff), || import_text(&text, "x", true)).await.is_err());
    assert!(s.call_as(None, || import_text(&text, "x", true)).await.is_err());
}

#[tokio::test]
async fn a_failure_while_writing_leaves_the_old_network_whole() {
    let s = server_at(NOW).await;
    let token = admin(&s).await;
    // The import's record is the last row the transaction writes: make it fail there, after the old network was
    // deleted and the new one written, with a stray record already holding the number the import will take (the
    // same on SQLite and PostgreSQL, where a trigger would need each one's own language).
    sqlx::query(
        "INSERT INTO road_imports (id, seq, imported_at, source, mode, file_name, features, nodes_added, segments_added, \
         by_class, nodes_total, segments_total) \
         SELECT 'stray', last + 1, 0, 'upload', 'add', 'x', 0, 0, 0, '{}', 0, 0 FROM sequences WHERE name = 'road_imports'",
    )
    .execute(&s.state.db)
    .await
    .unwrap();
    let before = counts(&s).await;
    assert_eq!(before.2.as_deref(), Some("stray"));
    let text = collection(vec![line("county", &[at(0.0, 0.0), at(500.0, 0.0), at(900.0, 100.0)])]);
    for replace in [true, false] {
        let r = s.call_as(Some(&token), || import_text(&text, "roads.geojson", replace)).await;
        assert!(r.is_err(), "the write failed");
        assert_eq!(counts(&s).await, before, "nothing half-imported (replace: {replace})");
    }
}

#[tokio::test]
async fn an_import_recomputes_the_zones_while_readers_keep_the_old_snapshot() {
    let s = server_at(NOW).await;
    let token = admin(&s).await;
    let zones = s.state.zones.clone();
    let old = zones.get(&s.state.db, s.state.clock.now_for(None)).await.unwrap();
    assert_eq!(old.version, 1);
    let (nodes, segments, _) = counts(&s).await;
    assert_eq!((old.nodes, old.segments), (nodes, segments));

    // A new county road of three segments (its vertices join existing nodes only if within 2 m).
    let text = collection(vec![line("county", &[at(0.0, 0.0), at(400.0, 0.0), at(800.0, 0.0), at(1200.0, 50.0)])]);
    let Outcome::Imported(l) = s.call_as(Some(&token), || import_text(&text, "new-road.geojson", false)).await.unwrap() else {
        panic!("valid file rejected")
    };
    assert_eq!((l.features, l.segments_added, l.segments_total), (1, 3, segments as i64 + 3));
    assert_eq!(l.by_class[0], ("县道".to_string(), 3));

    // No worker runs in this test: until a recompute, every reader gets the previous snapshot.
    let seen = zones.snapshot().unwrap();
    assert!(std::sync::Arc::ptr_eq(&seen, &old));
    let state = s.call_as(Some(&token), network_state).await.unwrap();
    assert_eq!((state.zones.version, state.zones.segments), (1, segments));
    assert!(state.zones.recomputing, "the admin page says a recompute is due");

    // The background worker recomputes when asked and swaps the snapshot in.
    let mut versions = zones.versions();
    let worker = tokio::spawn(zones.clone().worker(s.state.db.clone(), s.state.clock.clone()));
    zones.request_recompute();
    tokio::time::timeout(std::time::Duration::from_secs(60), versions.wait_for(|v| *v >= 2)).await.unwrap().unwrap();
    worker.abort();
    let new = zones.snapshot().unwrap();
    assert_eq!((new.version, new.segments), (2, segments + 3));
    assert_ne!(new.fingerprint, old.fingerprint);
    // A reader holding the old snapshot still has it, whole.
    assert_eq!((old.version, old.segments), (1, segments));
    let state = s.call_as(Some(&token), network_state).await.unwrap();
    assert!(!state.zones.recomputing);
    assert_eq!(state.zones.version, 2);
}

#[tokio::test]
async fn replacing_the_network_keeps_only_the_upload() {
    let s = server_at(NOW).await;
    let token = admin(&s).await;
    // Two roads meeting at a shared end (snapped into one node) and a MultiLineString.
    let multi = serde_json::json!({ "type": "Feature", "properties": { "class": "path" },
        "geometry": { "type": "MultiLineString", "coordinates": [[at(0.0, 0.0), at(0.0, 500.0)], [at(600.0, 600.0), at(700.0, 700.0)]] } });
    let text = collection(vec![
        line("town", &[at(0.0, 0.0), at(400.0, 0.0)]),
        line("village", &[at(400.5, 0.0), at(400.0, 400.0)]),
        multi,
    ]);
    let Outcome::Imported(l) = s.call_as(Some(&token), || import_text(&text, "all.geojson", true)).await.unwrap() else { panic!() };
    assert_eq!((l.nodes_total, l.segments_total), (6, 4), "the ends 0.5 m apart joined: {l:?}");
    let model = s.state.zones.recompute(&s.state.db, s.state.clock.now_for(None)).await.unwrap();
    assert_eq!((model.nodes, model.segments), (6, 4));
}

/// A multipart body as a browser sends it for the upload form.
fn multipart(boundary: &str, mode: &str, file: Option<(&str, &str)>, text: &str) -> Vec<u8> {
    let mut b = String::new();
    b.push_str(&format!("--{boundary}\r\nContent-Disposition: form-data; name=\"mode\"\r\n\r\n{mode}\r\n"));
    let (name, content) = file.unwrap_or(("", ""));
    b.push_str(&format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: application/geo+json\r\n\r\n{content}\r\n"
    ));
    b.push_str(&format!("--{boundary}\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\n{text}\r\n--{boundary}--\r\n"));
    b.into_bytes()
}

async fn post_upload(s: &TestServer, token: &str, body: Vec<u8>, boundary: &str) -> Option<String> {
    use leptos::prelude::*;
    let owner = Owner::new();
    let req = http::Request::builder()
        .uri("/api/network_upload")
        .header(http::header::COOKIE, format!("palm_session={token}"))
        .header(http::header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"));
    let (mut parts, _) = req.body(()).unwrap().into_parts();
    parts.extensions.insert(axum::extract::ConnectInfo(std::net::SocketAddr::from(([127, 0, 0, 1], 40000))));
    let response = leptos_axum::ResponseOptions::default();
    owner.with(|| {
        provide_context(s.state.clone());
        provide_context(parts);
        provide_context(response.clone());
    });
    let chunks: Vec<Result<leptos::server_fn::Bytes, app::error::AppError>> =
        body.chunks(1000).map(|c| Ok(leptos::server_fn::Bytes::copy_from_slice(c))).collect();
    let upload = UploadBody(Box::pin(futures::stream::iter(chunks)));
    owner.with(|| leptos::reactive::computed::ScopedFuture::new_untracked(network_upload(upload))).await.unwrap();
    let location = response.0.read().unwrap().headers.get(http::header::LOCATION).map(|v| v.to_str().unwrap().to_string());
    location
}

#[tokio::test]
async fn the_form_post_redirects_to_the_result_or_back_with_the_problems() {
    let s = server_at(NOW).await;
    let token = admin(&s).await;
    let boundary = "----palmhall7MA4YWxkTrZu0gW";
    let good = collection(vec![line("village", &[at(0.0, 0.0), at(300.0, 0.0)])]);
    let to = post_upload(&s, &token, multipart(boundary, "add", Some(("村道.geojson", &good)), ""), boundary).await.unwrap();
    assert!(to.starts_with("/admin/network/imports/"), "{to}");
    let id = to.rsplit('/').next().unwrap().to_string();
    let line = s.call_as(Some(&token), || app::api::network::network_import(id)).await.unwrap().unwrap();
    assert_eq!((line.source.as_str(), line.segments_added), ("村道.geojson", 1));

    // Pasted text with a problem: back to the form, the problem named, the text kept.
    let bad = collection(vec![line_with_class("lane")]);
    let to = post_upload(&s, &token, multipart(boundary, "add", None, &bad), boundary).await.unwrap();
    assert_eq!(to, "/admin/network");
    let state = s.call_as(Some(&token), network_state).await.unwrap();
    assert_eq!(state.flash.errors.len(), 1);
    assert_eq!(state.flash.errors[0].field, "text");
    assert!(state.flash.errors[0].message.contains("第1条道路的道路等级“lane”无法识别"), "{:?}", state.flash.errors);
    assert_eq!(state.flash.value("text"), bad);

    // Nothing chosen.
    post_upload(&s, &token, multipart(boundary, "add", None, ""), boundary).await.unwrap();
    let state = s.call_as(Some(&token), network_state).await.unwrap();
    assert_eq!(state.flash.error("file").as_deref(), Some("请选择要上传的 GeoJSON 文件，或粘贴文件内容"));
}

fn line_with_class(class: &str) -> serde_json::Value {
    line(class, &[at(0.0, 0.0), at(300.0, 0.0)])
}

#[tokio::test]
async fn a_moved_point_makes_the_snapshot_stale_until_recomputed() {
    let s = server_at(NOW).await;
    let token = admin(&s).await;
    let old = s.state.zones.get(&s.state.db, s.state.clock.now_for(None)).await.unwrap();
    assert!(!s.call_as(Some(&token), network_state).await.unwrap().zones.recomputing);
    // A village station moves 1 km north (as an edit of points would): the model no longer matches the database.
    sqlx::query("UPDATE service_points SET lat = lat + 0.009 WHERE id = '530127001001'").execute(&s.state.db).await.unwrap();
    assert!(s.call_as(Some(&token), network_state).await.unwrap().zones.recomputing);
    let new = s.state.zones.recompute(&s.state.db, s.state.clock.now_for(None)).await.unwrap();
    assert_ne!(new.fingerprint, old.fingerprint);
    let moved = new.sources.iter().find(|p| p.id == "530127001001").unwrap().node;
    let before = old.sources.iter().find(|p| p.id == "530127001001").unwrap().node;
    assert_ne!(moved, before, "the station joins the network at a new node");
    assert!(!s.call_as(Some(&token), network_state).await.unwrap().zones.recomputing);
}

/// Issue 13, item 1. "My zone" from a phone's location is the zone of the road-network node nearest to it (the
/// benchmarked look-up), not the zone of the village nearest in a straight line; the coordinate never enters a URL.
/// Here the nearest village committee is 山脚社区 (its own station), but by road the location is 2 minutes from
/// 530127001006's station (before: the answer was 山脚社区's station).
#[tokio::test]
async fn my_location_is_zoned_along_the_roads() {
    let s = server_at(NOW).await;
    let (_, token) = s.citizen("13900007001").await;
    let m = s.state.zones.get(&s.state.db, s.state.clock.now_for(None)).await.unwrap();
    let here = app::domain::geo::LatLon::new(25.2855, 103.0060);
    let straight = m.villages.iter().min_by(|a, b| a.0.location.distance_m(here).total_cmp(&b.0.location.distance_m(here))).unwrap();
    assert_eq!(straight.0.code, "530127001005", "the village nearest in a straight line");
    s.call_as(Some(&token), || app::api::map::locate_me(here.lat, here.lon)).await.unwrap();
    let map = s.call_as(Some(&token), || app::api::map::map_state(None, None)).await.unwrap();
    let zone = map.zone.expect("a zone for the location");
    assert_eq!(zone.zone.place.id, "530127001006", "the zone along the roads");
    assert_eq!(zone.village, "您的位置");
    assert!(zone.zone.minutes <= 3 && zone.covered, "{} min", zone.zone.minutes);
    assert_eq!(map.chosen, "", "no village is chosen for a location");
    // One-time: a reload shows the picker again, and nothing of the coordinate is kept.
    let again = s.call_as(Some(&token), || app::api::map::map_state(None, None)).await.unwrap();
    assert!(again.zone.is_none());
}

/// Issue 13, item 3. Every point's page links to its own zone on `/map`: `?point=` outlines that point's zone and
/// rings the point (before: only village stations had a zone link, through their village).
#[tokio::test]
async fn a_point_s_own_zone_is_outlined() {
    let s = server_at(NOW).await;
    let map = s.call(|| app::api::map::map_state(None, Some("530127".into()))).await.unwrap();
    assert_eq!(map.point_zone.as_deref(), Some("嵩明县政务服务中心"));
    assert!(map.svg.contains(r##"stroke="#d4351c""##) && map.svg.contains(r##"fill="none" stroke="#0b0c0c""##), "ring and outline");
    assert!(map.svg.contains("已标出嵩明县政务服务中心的政务圈"));
    let none = s.call(|| app::api::map::map_state(None, Some("<nope>".into()))).await.unwrap();
    assert!(none.point_zone.is_none() && !none.svg.contains(r##"stroke="#d4351c""##));
}

/// Issue 13, item 4. The travel profile is the administrator's setting: a bad speed is named by its field and
/// nothing is saved; a good one is saved, marks the zones stale and the recompute uses it (before: the demo e-bike
/// profile was built in).
#[tokio::test]
async fn the_travel_profile_is_a_setting_and_recomputes_the_zones() {
    let s = server_at(NOW).await;
    let admin = s.session_with(&[(Role::CentreAdmin, "")]).await;
    let before = s.state.zones.get(&s.state.db, s.state.clock.now_for(None)).await.unwrap();
    assert_eq!(before.profile.speeds_kmh, [25.0, 18.0, 15.0, 5.0]);
    let save = |v: [&str; 4]| {
        let v = v.map(|x| Some(x.to_string()));
        s.call_as(Some(&admin), move || app::api::network::save_travel_profile(v[0].clone(), v[1].clone(), v[2].clone(), v[3].clone()))
    };
    save(["25", "快", "15", "50"]).await.unwrap();
    let page = s.call_as(Some(&admin), network_state).await.unwrap();
    assert_eq!(page.flash.error("speed_town").as_deref(), Some("镇街的速度应为整数（公里/小时）"));
    assert_eq!(page.flash.value("speed_town"), "快", "what was typed comes back");
    save(["25", "18", "15", "50"]).await.unwrap();
    let page = s.call_as(Some(&admin), network_state).await.unwrap();
    assert_eq!(page.flash.error("speed_path").as_deref(), Some("小路的速度应为1–20公里/小时"));
    assert_eq!(page.speeds.iter().map(|(_, _, k)| *k).collect::<Vec<_>>(), vec![25, 18, 15, 5], "nothing saved");
    // Walking twice as fast on paths: saved, the snapshot is stale, and the recompute uses the new speeds.
    save(["30", "20", "16", "10"]).await.unwrap();
    let page = s.call_as(Some(&admin), network_state).await.unwrap();
    assert_eq!(page.flash.value("done"), "出行速度已保存，正在后台按新速度重新计算政务圈。");
    assert!(page.zones.recomputing, "the zones are stale until recomputed");
    let after = s.state.zones.recompute(&s.state.db, s.state.clock.now_for(None)).await.unwrap();
    assert_eq!(after.profile.speeds_kmh, [30.0, 20.0, 16.0, 10.0]);
    let (_, slow) = before.from_village("530127001005").unwrap();
    let (_, fast) = after.from_village("530127001005").unwrap();
    let to = |list: &Vec<(String, u32)>, id: &str| list.iter().find(|(p, _)| p == id).map(|(_, ms)| *ms).unwrap();
    assert!(to(&fast, "530127") < to(&slow, "530127"), "faster speeds, shorter trips to the county hall");
}

/// Issue 13, item 2. `/map` is a map a person can find themselves on: the county and town roads and the towns'
/// names are drawn, and the chosen village is named beside its ring; names are escaped (before: tinted zones and
/// dots only).
#[tokio::test]
async fn the_map_draws_roads_and_names() {
    let s = server_at(NOW).await;
    let map = s.call(|| app::api::map::map_state(None, None)).await.unwrap();
    assert_eq!(map.svg.matches(r##"fill="none" stroke="#b1591d""##).count(), 1, "county roads");
    assert_eq!(map.svg.matches(r##"fill="none" stroke="#8a6d3b""##).count(), 1, "town roads");
    for town in ["嵩阳街道", "小街镇", "杨林镇"] {
        assert!(map.svg.contains(&format!(">{town}</text>")), "{town} is named");
    }
    let chosen = s.call(|| app::api::map::map_state(Some("530127102202".into()), None)).await.unwrap();
    assert!(chosen.svg.contains(r#"class="map-label map-label--chosen""#) && chosen.svg.contains(">李官村</text>"));
}
