//! Pure rules: no I/O, no leptos, no sqlx. Compiles for the server and the browser.

pub mod accounts;
pub mod booking;
pub mod calendar;
pub mod cases;
pub mod catalogue;
pub mod enterprise;
pub mod form;
pub mod geo;
pub mod html;
pub mod network_import;
pub mod pii;
pub mod planning;
pub mod points;
pub mod proxy;
pub mod qr;
pub mod query;
pub mod queue;
pub mod rating;
pub mod rng;
pub mod sms;
pub mod zone_shapes;
pub mod zones;
