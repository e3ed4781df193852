//! Who is let in: every server function (named by its URL; the table must list every registered one), called as nobody, as a citizen, as staff of another department,
//! as the centre administrator and as a village proxy agent (a citizen too: let in wherever a citizen is). The check is the server's; a refusal is "请先登录" or "您没有…权限".

mod common;

use app::api::{accounts, admin, booking, calendar, cases, coverage, dev, enterprise, filing, guide, map, network, notices, points, proxy, queue, rating, settings};
use app::domain::accounts::Role;
use common::{server_at, TestServer};
use app::error::AppError;

const NOW: &str = "2026-11-24T10:00:00+08:00";

#[derive(Debug, PartialEq, Clone, Copy)]
enum Who {
    Nobody,
    Citizen,
    OtherDeptStaff,
    Admin,
    /// A proxy agent of the 山脚社区 station.
    Agent,
}

const ALL: [Who; 5] = [Who::Nobody, Who::Citizen, Who::OtherDeptStaff, Who::Admin, Who::Agent];
const AGENT_STATION: &str = "530127001005";

fn refused<T>(r: &Result<T, AppError>) -> bool {
    matches!(r, Err(AppError::SignInRequired)) || matches!(r, Err(AppError::Forbidden(m)) if m.contains("没有办理此项业务的权限"))
}

async fn lets_in(s: &TestServer, token: Option<&str>, name: &str) -> bool {
    let t = token;
    macro_rules! check {
        ($call:expr) => {{
            let r = s.call_as(t, || $call).await;
            if let Err(e) = &r {
                assert!(refused(&r), "{name}: unexpected error {e:?}");
            }
            !refused(&r)
        }};
    }
    // For a call about someone's own record with an id that is not theirs: `NotFound` means it got past who is
    // asking to the ownership check.
    macro_rules! check_owned {
        ($call:expr) => {{
            let r = s.call_as(t, || $call).await;
            match &r {
                Err(AppError::NotFound(_)) => true,
                Err(e) => {
                    assert!(refused(&r), "{name}: unexpected error {e:?}");
                    false
                }
                Ok(_) => true,
            }
        }};
    }
    match name {
        "whoami" => check!(accounts::whoami()),
        "sign_in_state" => check!(accounts::sign_in_state("signin".into(), None)),
        "send_code" => check!(accounts::send_code(Some("12".into()), None)),
        "verify_code" => check!(accounts::verify_code(Some("1".into()))),
        "accept_notice" => check!(accounts::accept_notice(Some("no".into()))),
        "staff_sign_in" => check!(accounts::staff_sign_in(None, None, None)),
        "sign_out" => check!(accounts::sign_out()),
        "home_facets" => check!(guide::home_facets()),
        "search_items" => check!(guide::search_items(guide::GuideFilter::default())),
        "get_item" => check!(guide::get_item("SJ-001".into())),
        "get_point" => check!(points::get_point("530127".into())),
        "map_state" => check!(map::map_state(Some("530127102202".into()), None)),
        "locate_me" => check!(map::locate_me(25.4688, 103.1337)),
        "calendar_page" => check!(calendar::calendar_page(None, None)),
        "set_elder" => check!(settings::set_elder("1".into(), None)),
        "set_lang" => check!(settings::set_lang("en".into(), None)),
        "dev_pages_enabled" => check!(dev::dev_pages_enabled()),
        "dev_sms" => check!(dev::dev_sms()),
        "staff_home" => check!(admin::staff_home()),
        "admin_state" => check!(admin::admin_state()),
        "admin_unlock" => check!(admin::unlock_account("nobody".into())),
        "admin_create_staff" => check!(admin::create_staff_account(None, None, None, None, None, None)),
        "admin_grant" => check!(admin::grant_role("nobody".into(), "reviewer".into(), None, Some("GA".into()))),
        "admin_revoke" => check!(admin::revoke_grant("nobody".into(), "citizen".into(), String::new())),
        "network_state" => check!(network::network_state()),
        "save_travel_profile" => check!(network::save_travel_profile(None, None, None, None)),
        "network_import" => check!(network::network_import("nope".into())),
        "network_upload" => check!(network::network_upload(network::UploadBody(Box::pin(futures::stream::empty())))),
        "coverage_state" => check!(coverage::coverage_state(None)),
        "checkin_page" => check!(queue::checkin_page(None)),
        "queue_check_in" => check!(queue::check_in("530127".into(), Some("nothing".into()), None)),
        "queue_take_ticket" => check!(queue::take_ticket("530127".into(), None, None)),
        "ticket_page" => check!(queue::ticket_page("nothing".into())),
        "window_console" => check!(queue::window_console()),
        "queue_sign_on" => check!(queue::window_sign_on(None)),
        "queue_sign_off" => check!(queue::window_sign_off()),
        "queue_pause" => check!(queue::window_pause("1".into())),
        "queue_call_next" => check!(queue::call_next()),
        "queue_ticket_action" => check!(queue::ticket_action("serve".into(), "nothing".into(), None)),
        "screen_page" => check!(queue::screen_page("W01".into())),
        "queue_pair_screen" => check!(queue::pair_screen("nowhere".into())),
        "booking_flow" => check!(booking::booking_flow(booking::BookQuery::default())),
        "book_slot" => check!(booking::book_slot("SJ-001".into(), "530127".into(), None, None, None, None, None, None, None)),
        "get_booking" => check!(booking::get_booking("NOSUCHCODE23".into())),
        "booking_flash" => check!(booking::booking_flash()),
        "my_bookings" => check!(booking::my_bookings()),
        "my_notices" => check!(notices::my_notices()),
        "online_items" => check!(filing::online_items()),
        "apply_start" => check!(filing::apply_start("GA-009".into())),
        "start_application" => check!(filing::start_application("GA-009".into(), None, None)),
        "application" => check_owned!(filing::application("nodraft".into())),
        "save_application_section" => check_owned!(filing::save_section("nodraft".into(), "applicant".into(), None, None, Default::default())),
        "keep_application_section" => check_owned!(filing::keep_section("nodraft".into(), "applicant".into(), 0, 0, Default::default())),
        "save_application_delivery" => check_owned!(filing::save_delivery("nodraft".into(), None, Default::default())),
        "upload_material" => check_owned!(filing::upload_material(filing::UploadBody(Box::pin(futures::stream::empty())))),
        "remove_material" => check_owned!(filing::remove_material("nodraft".into(), "m1".into())),
        "delete_draft" => check_owned!(filing::delete_draft("nodraft".into())),
        "submit_application" => check_owned!(filing::submit_application("nodraft".into(), "nokey".into())),
        "my_drafts" => check!(filing::my_drafts()),
        "my_cases" => check!(filing::my_cases()),
        "my_case" => check_owned!(filing::my_case("SM2026112400001".into())),
        "cancel_booking" => check!(booking::cancel_booking("NOSUCHCODE23".into())),
        "reschedule_booking" => check!(booking::reschedule_booking("NOSUCHCODE23".into(), None)),
        "booking_admin" => check!(booking::booking_admin()),
        "save_booking_rules" => check!(booking::save_booking_rules(None, None, None, None, None, None, None, None, None, None)),
        "set_booking_group" => check!(booking::set_booking_group(None, None, None, None)),
        "lift_booking_suspension" => check!(booking::lift_booking_suspension("nobody".into())),
        "join_waitlist" => check!(booking::join_waitlist("SJ-001".into(), "530127".into(), None, None)),
        "withdraw_wait" => check!(booking::withdraw_wait("nowait".into())),
        "close_point" => check!(booking::close_point(None, None, None, None, None)),
        "screens_admin" => check!(queue::screens_admin()),
        "windows_admin" => check!(app::api::windows::windows_admin(None, None)),
        "admin_save_window" => check!(app::api::windows::save_window("530127".into(), None, None, None, None, None)),
        "admin_retire_window" => check!(app::api::windows::retire_window("nowindow".into(), "1".into())),
        "queue_unpair_screen" => check!(queue::unpair_screen("nodevice".into())),
        "track_case" => check_owned!(cases::track_case("SM2026112400001".into(), None)),
        "track_lookup_page" => check!(cases::track_lookup_page()),
        "track_lookup" => check!(cases::track_lookup(Some("SM2026112400001".into()), Some("1234".into()))),
        "supply_material" => check_owned!(cases::supply_material(cases::UploadBody(Box::pin(futures::stream::empty())))),
        "resubmit_case" => check_owned!(cases::resubmit_case("SM2026112400001".into(), Default::default())),
        "staff_cases" => check!(cases::staff_cases(None, None, None, None)),
        "staff_case" => check_owned!(cases::staff_case("SM2026112400001".into())),
        "case_step" => check_owned!(cases::case_step("SM2026112400001".into(), "accept".into(), Default::default())),
        "counter_page" => check!(cases::counter_page()),
        "start_counter" => check!(cases::start_counter(None, None)),
        "rate_page" => check_owned!(rating::rate_page("w".into(), "nowindow".into(), None)),
        "submit_rating" => check_owned!(rating::submit_rating("w".into(), "nowindow".into(), None, Some("satisfied".into()), None, Default::default())),
        "rating_thanks" => check_owned!(rating::rating_thanks("norating".into())),
        "staff_ratings" => check!(rating::staff_ratings()),
        "flagged_ratings" => check!(rating::flagged_ratings()),
        "rating_placards" => check!(rating::rating_placards(None)),
        "my_enterprises" => check!(enterprise::my_enterprises()),
        "register_enterprise" => check!(enterprise::register_enterprise(None, None, None)),
        "enterprise_page" => check_owned!(enterprise::enterprise_page("91350100M000100Y43".into())),
        "invite_member" => check_owned!(enterprise::invite_member("91350100M000100Y43".into(), Some("13800000000".into()))),
        "accept_invite" => check_owned!(enterprise::accept_invite("91350100M000100Y43".into())),
        "remove_member" => check_owned!(enterprise::remove_member("91350100M000100Y43".into(), "someone".into())),
        "withdraw_invite" => check_owned!(enterprise::withdraw_invite("91350100M000100Y43".into(), "138****0000".into())),
        "hand_over_enterprise" => check_owned!(enterprise::hand_over_enterprise("91350100M000100Y43".into(), "someone".into())),
        "pending_enterprises" => check!(enterprise::pending_enterprises()),
        "verify_enterprise" => check!(enterprise::verify_enterprise("91350100M000100Y43".into(), "refused".into(), Default::default())),
        "agent_overview" => check!(proxy::agent_overview()),
        "agent_start" => check!(proxy::agent_start([("station".to_string(), AGENT_STATION.to_string())].into())),
        "agent_consent" => check_owned!(proxy::agent_consent("nodraft".into())),
        "confirm_consent" => check_owned!(proxy::confirm_consent("nodraft".into(), None)),
        "resend_consent" => check_owned!(proxy::resend_consent("nodraft".into())),
        "agent_receipt" => check_owned!(proxy::agent_receipt("SM2026120700001".into())),
        "agents_admin" => check!(proxy::agents_admin()),
        "grant_agent" => check!(proxy::grant_agent(None, None, None)),
        "revoke_agent" => check!(proxy::revoke_agent("someone".into(), AGENT_STATION.into())),
        "agents_oversight" => check!(proxy::agents_oversight()),
        other => panic!("no call for {other}"),
    }
}

#[tokio::test]
async fn every_server_function_lets_in_exactly_who_it_should() {
    use Who::*;
    let table: &[(&str, &[Who])] = &[
        ("whoami", &ALL),
        ("sign_in_state", &ALL),
        ("send_code", &ALL),
        ("verify_code", &ALL),
        ("staff_sign_in", &ALL),
        ("home_facets", &ALL),
        ("search_items", &ALL),
        ("get_item", &ALL),
        ("get_point", &ALL),
        ("map_state", &ALL),
        ("locate_me", &ALL),
        ("calendar_page", &ALL),
        ("set_elder", &ALL),
        ("set_lang", &ALL),
        ("dev_pages_enabled", &ALL),
        ("dev_sms", &ALL),
        ("accept_notice", &[Citizen, OtherDeptStaff, Admin]),
        ("staff_home", &[OtherDeptStaff, Admin]),
        ("admin_state", &[Admin]),
        ("admin_unlock", &[Admin]),
        ("admin_create_staff", &[Admin]),
        ("admin_grant", &[Admin]),
        ("admin_revoke", &[Admin]),
        ("network_state", &[Admin]),
        ("save_travel_profile", &[Admin]),
        ("network_import", &[Admin]),
        ("network_upload", &[Admin]),
        ("coverage_state", &[Admin]),
        ("ticket_page", &ALL),
        ("screen_page", &ALL),
        ("checkin_page", &[OtherDeptStaff, Admin]),
        ("queue_check_in", &[OtherDeptStaff, Admin]),
        ("queue_take_ticket", &[OtherDeptStaff, Admin]),
        ("window_console", &[OtherDeptStaff, Admin]),
        ("queue_sign_on", &[OtherDeptStaff, Admin]),
        ("queue_sign_off", &[OtherDeptStaff, Admin]),
        ("queue_pause", &[OtherDeptStaff, Admin]),
        ("queue_call_next", &[OtherDeptStaff, Admin]),
        ("queue_ticket_action", &[OtherDeptStaff, Admin]),
        ("queue_pair_screen", &[Admin]),
        ("get_booking", &ALL),
        ("booking_flash", &ALL),
        ("booking_flow", &[Citizen, OtherDeptStaff, Admin]),
        ("book_slot", &[Citizen, OtherDeptStaff, Admin]),
        ("my_bookings", &[Citizen, OtherDeptStaff, Admin]),
        ("my_notices", &[Citizen, OtherDeptStaff, Admin]),
        ("online_items", &ALL),
        ("apply_start", &[Citizen, OtherDeptStaff, Admin]),
        ("start_application", &[Citizen, OtherDeptStaff, Admin]),
        ("save_application_delivery", &[Citizen, OtherDeptStaff, Admin]),
        ("upload_material", &[Citizen, OtherDeptStaff, Admin]),
        ("remove_material", &[Citizen, OtherDeptStaff, Admin]),
        ("application", &[Citizen, OtherDeptStaff, Admin]),
        ("save_application_section", &[Citizen, OtherDeptStaff, Admin]),
        ("keep_application_section", &[Citizen, OtherDeptStaff, Admin]),
        ("delete_draft", &[Citizen, OtherDeptStaff, Admin]),
        ("submit_application", &[Citizen, OtherDeptStaff, Admin]),
        ("my_drafts", &[Citizen, OtherDeptStaff, Admin]),
        ("my_cases", &[Citizen, OtherDeptStaff, Admin]),
        ("my_case", &[Citizen, OtherDeptStaff, Admin]),
        ("cancel_booking", &[Citizen, OtherDeptStaff, Admin]),
        ("reschedule_booking", &[Citizen, OtherDeptStaff, Admin]),
        ("join_waitlist", &[Citizen, OtherDeptStaff, Admin]),
        ("withdraw_wait", &[Citizen, OtherDeptStaff, Admin]),
        ("booking_admin", &[Admin]),
        ("close_point", &[Admin]),
        ("save_booking_rules", &[Admin]),
        ("set_booking_group", &[Admin]),
        ("lift_booking_suspension", &[Admin]),
        ("screens_admin", &[Admin]),
        ("windows_admin", &[Admin]),
        ("admin_save_window", &[Admin]),
        ("admin_retire_window", &[Admin]),
        ("queue_unpair_screen", &[Admin]),
        ("track_case", &[Citizen, OtherDeptStaff, Admin]),
        ("track_lookup_page", &ALL),
        ("track_lookup", &ALL),
        ("supply_material", &[Citizen, OtherDeptStaff, Admin]),
        ("resubmit_case", &[Citizen, OtherDeptStaff, Admin]),
        ("staff_cases", &[OtherDeptStaff, Admin]),
        ("staff_case", &[OtherDeptStaff, Admin]),
        ("case_step", &[OtherDeptStaff, Admin]),
        ("counter_page", &[OtherDeptStaff, Admin]),
        ("start_counter", &[OtherDeptStaff, Admin]),
        ("rate_page", &ALL),
        ("submit_rating", &ALL),
        ("rating_thanks", &ALL),
        ("staff_ratings", &[OtherDeptStaff, Admin]),
        ("flagged_ratings", &[Admin]),
        ("rating_placards", &[Admin]),
        ("my_enterprises", &[Citizen, OtherDeptStaff, Admin]),
        ("register_enterprise", &[Citizen, OtherDeptStaff, Admin]),
        ("enterprise_page", &[Citizen, OtherDeptStaff, Admin]),
        ("invite_member", &[Citizen, OtherDeptStaff, Admin]),
        ("accept_invite", &[Citizen, OtherDeptStaff, Admin]),
        ("remove_member", &[Citizen, OtherDeptStaff, Admin]),
        ("withdraw_invite", &[Citizen, OtherDeptStaff, Admin]),
        ("hand_over_enterprise", &[Citizen, OtherDeptStaff, Admin]),
        ("pending_enterprises", &[Admin]),
        ("verify_enterprise", &[Admin]),
        ("agent_overview", &[Agent]),
        ("agent_start", &[Agent]),
        ("agent_consent", &[Agent]),
        ("confirm_consent", &[Agent]),
        ("resend_consent", &[Agent]),
        ("agent_receipt", &[Agent]),
        ("agents_admin", &[Admin]),
        ("grant_agent", &[Admin]),
        ("revoke_agent", &[Admin]),
        ("agents_oversight", &[OtherDeptStaff, Admin]),
        // Last: it ends the session it is called with.
        ("sign_out", &ALL),
    ];
    // Every server function the app registers has a row here: one added without a rule fails this test.
    let registered: std::collections::BTreeSet<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.trim_start_matches("/api/").trim_end_matches(|c: char| c.is_ascii_digit()).to_string())
        .collect();
    let named: std::collections::BTreeSet<String> = table.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(registered, named, "the access table must name every server function");
    let s = server_at(NOW).await;
    for (name, allowed) in table {
        for who in ALL {
            // Fresh sessions per call: accept_notice("no") and sign_out end the session they run in.
            let token = match who {
                Nobody => None,
                Citizen => Some(s.session_with(&[(Role::Citizen, "")]).await),
                OtherDeptStaff => Some(s.session_with(&[(Role::WindowStaff, "530127:GA"), (Role::Reviewer, "GA")]).await),
                Admin => Some(s.session_with(&[(Role::CentreAdmin, "")]).await),
                Agent => Some(s.session_with(&[(Role::Citizen, ""), (Role::ProxyAgent, AGENT_STATION)]).await),
            };
            let got = lets_in(&s, token.as_deref(), name).await;
            // An agent is a signed-in citizen too.
            let expected = allowed.contains(&who) || (who == Agent && allowed.contains(&Citizen));
            assert_eq!(got, expected, "{name} as {who:?}");
        }
    }
}

#[tokio::test]
async fn the_sms_sink_page_answers_only_when_the_sink_is_on() {
    let s = server_at(NOW).await;
    assert!(s.call_as(None, dev::dev_sms).await.unwrap().is_some());
    let mut off = server_at(NOW).await;
    off.state.sms_sink = false;
    assert!(off.call_as(None, dev::dev_sms).await.unwrap().is_none());
}
