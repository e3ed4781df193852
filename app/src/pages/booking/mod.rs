//! Booking screens: `/book` (one question per page: service → point → day → slot → check answers),
//! `/bookings` (my bookings), `/bookings/{code}` (one booking, its QR code), `/bookings/{code}/cancel`,
//! and `/admin/booking` (rules and slot settings).

pub mod admin;
mod booking;
mod flow;
mod mine;

pub use booking::{BookingScreen, CancelScreen};
pub use flow::BookScreen;
pub use mine::MyBookingsScreen;

/// A page's title, marked as an error first when its form came back with errors (GOV.UK: the title says so first).
fn title(flash_has_errors: bool, t: &str) -> String {
    crate::i18n::page_title(crate::i18n::lang(), flash_has_errors, t)
}

