//! The document shell and the route table (GUIDE §4a: these URLs never change once shipped).

use crate::pages;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The Content-Security-Policy of every page: scripts only from this site or carrying the page's nonce (Leptos puts
/// it on the islands' hydration script; `use_nonce()` on our one inline script), WebAssembly allowed to compile
/// (`'wasm-unsafe-eval'`), nothing may frame the page, no plugins, forms and the base URL stay on the site. Inline
/// styles stay allowed (no person's text reaches a style). Other responses get the frame and plugin rules alone
/// (`server::security_headers`).
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; \
         img-src 'self' data:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; frame-ancestors 'none'; \
         object-src 'none'; base-uri 'self'; form-action 'self'"
    )
}

pub fn shell(options: LeptosOptions) -> impl IntoView {
    provide_context(options.clone());
    #[cfg(feature = "ssr")]
    if let (Some(nonce), Some(res)) = (use_nonce(), use_context::<leptos_axum::ResponseOptions>()) {
        if let Ok(v) = http::HeaderValue::from_str(&content_security_policy(&nonce)) {
            res.insert_header(http::header::CONTENT_SECURITY_POLICY, v);
        }
    }
    let elder = crate::api::settings::elder_mode();
    view! {
        <!DOCTYPE html>
        <html lang=crate::i18n::lang().tag() class=if elder { "elder" } else { "" }>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name="theme-color" content="#0b5394"/>
                <link rel="manifest" href="/manifest.webmanifest"/>
                <link rel="icon" type="image/png" sizes="32x32" href="/icons/favicon-32.png"/>
                <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png"/>
                <HashedStylesheet options id="leptos"/>
                // The service worker is registered by a few lines of plain JS, not by the WASM (issue 3, part 4).
                <script src="/register-sw.js" defer></script>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    // SsrMode::Async: each page is rendered whole before it is sent, so it is complete without JavaScript.
    view! {
        <Router>
            <Routes fallback=pages::not_found::NotFound>
                <Route path=path!("/") view=pages::home::Home ssr=SsrMode::Async/>
                <Route path=path!("/guide") view=pages::guide::search::GuideSearch ssr=SsrMode::Async/>
                <Route path=path!("/guide/:code") view=pages::guide::item::ItemPage ssr=SsrMode::Async/>
                <Route path=path!("/map") view=pages::map::MapScreen ssr=SsrMode::Async/>
                <Route path=path!("/map/points/:id") view=pages::points::point::PointPage ssr=SsrMode::Async/>
                <Route path=path!("/calendar") view=pages::calendar::CalendarScreen ssr=SsrMode::Async/>
                <Route path=path!("/signin") view=pages::accounts::SignIn ssr=SsrMode::Async/>
                <Route path=path!("/signin/code") view=pages::accounts::SignInCode ssr=SsrMode::Async/>
                <Route path=path!("/signin/notice") view=pages::accounts::SignInNotice ssr=SsrMode::Async/>
                <Route path=path!("/signin/staff") view=pages::accounts::StaffSignIn ssr=SsrMode::Async/>
                <Route path=path!("/signed-out") view=pages::accounts::SignedOut ssr=SsrMode::Async/>
                <Route path=path!("/account") view=pages::accounts::Account ssr=SsrMode::Async/>
                <Route path=path!("/staff") view=pages::staff::StaffHome ssr=SsrMode::Async/>
                <Route path=path!("/staff/checkin") view=pages::queue::CheckinScreen ssr=SsrMode::Async/>
                <Route path=path!("/staff/window") view=pages::queue::WindowConsole ssr=SsrMode::Async/>
                <Route path=path!("/tickets/:code") view=pages::queue::TicketScreen ssr=SsrMode::Async/>
                <Route path=path!("/windows/:id/screen") view=pages::queue::WindowScreen ssr=SsrMode::Async/>
                <Route path=path!("/admin") view=pages::admin::AdminHome ssr=SsrMode::Async/>
                <Route path=path!("/admin/coverage") view=pages::admin::coverage::CoverageScreen ssr=SsrMode::Async/>
                <Route path=path!("/admin/network") view=pages::admin::network::NetworkAdmin ssr=SsrMode::Async/>
                <Route path=path!("/admin/network/imports/:id") view=pages::admin::network::NetworkImportPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/booking") view=pages::booking::admin::BookingAdminScreen ssr=SsrMode::Async/>
                <Route path=path!("/admin/screens") view=pages::queue::screens::ScreensAdmin ssr=SsrMode::Async/>
                <Route path=path!("/admin/windows") view=pages::admin::windows::WindowsAdmin ssr=SsrMode::Async/>
                <Route path=path!("/book") view=pages::booking::BookScreen ssr=SsrMode::Async/>
                <Route path=path!("/bookings") view=pages::booking::MyBookingsScreen ssr=SsrMode::Async/>
                <Route path=path!("/notices") view=pages::notices::NoticesScreen ssr=SsrMode::Async/>
                <Route path=path!("/bookings/:code") view=pages::booking::BookingScreen ssr=SsrMode::Async/>
                <Route path=path!("/bookings/:code/cancel") view=pages::booking::CancelScreen ssr=SsrMode::Async/>
                <Route path=path!("/apply") view=pages::filing::start::ApplyIndex ssr=SsrMode::Async/>
                <Route path=path!("/apply/:item") view=pages::filing::start::ApplyStart ssr=SsrMode::Async/>
                <Route path=path!("/apply/d/:draft") view=pages::filing::application::TaskListPage ssr=SsrMode::Async/>
                <Route path=path!("/apply/d/:draft/s/:section") view=pages::filing::application::SectionPage ssr=SsrMode::Async/>
                <Route path=path!("/apply/d/:draft/materials") view=pages::filing::materials::MaterialsPage ssr=SsrMode::Async/>
                <Route path=path!("/apply/d/:draft/m/:material") view=pages::filing::materials::MaterialPage ssr=SsrMode::Async/>
                <Route path=path!("/apply/d/:draft/delivery") view=pages::filing::application::DeliveryPage ssr=SsrMode::Async/>
                <Route path=path!("/apply/d/:draft/check") view=pages::filing::application::CheckPage ssr=SsrMode::Async/>
                <Route path=path!("/cases") view=pages::filing::mine::MyCases ssr=SsrMode::Async/>
                <Route path=path!("/cases/:number") view=pages::filing::mine::CasePage ssr=SsrMode::Async/>
                <Route path=path!("/drafts") view=pages::filing::mine::MyDrafts ssr=SsrMode::Async/>
                <Route path=path!("/track") view=pages::cases::track::TrackLookupPage ssr=SsrMode::Async/>
                <Route path=path!("/track/:number") view=pages::cases::track::TrackPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/cases") view=pages::cases::staff::IntakePage ssr=SsrMode::Async/>
                <Route path=path!("/staff/cases/:number") view=pages::cases::staff::StaffCasePage ssr=SsrMode::Async/>
                <Route path=path!("/staff/cases/:number/correction") view=pages::cases::staff::CorrectionPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/cases/:number/notice/:kind") view=pages::cases::staff::NoticePage ssr=SsrMode::Async/>
                <Route path=path!("/staff/counter") view=pages::cases::staff::CounterPage ssr=SsrMode::Async/>
                <Route path=path!("/rate/w/:id") view=pages::rating::RateWindow ssr=SsrMode::Async/>
                <Route path=path!("/rate/t/:id") view=pages::rating::RateTicket ssr=SsrMode::Async/>
                <Route path=path!("/rate/c/:id") view=pages::rating::RateCase ssr=SsrMode::Async/>
                <Route path=path!("/rate/thanks/:id") view=pages::rating::RateThanks ssr=SsrMode::Async/>
                <Route path=path!("/staff/ratings") view=pages::rating::StaffRatings ssr=SsrMode::Async/>
                <Route path=path!("/admin/ratings") view=pages::rating::FlaggedRatings ssr=SsrMode::Async/>
                <Route path=path!("/admin/placards") view=pages::rating::Placards ssr=SsrMode::Async/>
                <Route path=path!("/enterprise") view=pages::enterprise::EnterpriseHomePage ssr=SsrMode::Async/>
                <Route path=path!("/enterprise/:uscc") view=pages::enterprise::EnterprisePage ssr=SsrMode::Async/>
                <Route path=path!("/admin/enterprises") view=pages::enterprise::EnterprisesAdmin ssr=SsrMode::Async/>
                <Route path=path!("/agent") view=pages::proxy::AgentPage ssr=SsrMode::Async/>
                <Route path=path!("/agent/d/:draft/consent") view=pages::proxy::ConsentPage ssr=SsrMode::Async/>
                <Route path=path!("/agent/receipts/:number") view=pages::proxy::ReceiptPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/agents") view=pages::proxy::AgentsAdminPage ssr=SsrMode::Async/>
                <Route path=path!("/staff/agents") view=pages::proxy::AgentsOversightPage ssr=SsrMode::Async/>
                <Route path=path!("/dev/sms") view=pages::dev_sms::DevSms ssr=SsrMode::Async/>
                <Route path=path!("/dev/gallery") view=pages::gallery::Gallery ssr=SsrMode::Async/>
            </Routes>
        </Router>
    }
}
