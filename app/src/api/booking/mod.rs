//! Appointment booking (预约): the citizen's flow (service → point → day → slot → check → confirmation), one
//! booking's page, my bookings, cancel, reschedule; the administrator's rules and slot settings.
//! Every mutation is a plain form post that redirects, so it all works without JavaScript. The workflows are in
//! `service::booking`; these functions say who is asking, make one call there, and redirect or return the page.

mod admin;
mod flow;
mod mine;

pub use admin::*;
pub use flow::*;
pub use mine::*;

pub use crate::domain::booking::page::*;
