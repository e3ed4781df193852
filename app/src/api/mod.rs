//! Server functions, one file per capability. Thin: who is asking → domain → store → DTO.

pub mod accounts;
pub mod admin;
pub mod booking;
pub mod calendar;
pub mod coverage;
pub mod dev;
pub mod guide;
pub mod map;
pub mod network;
pub mod points;
pub mod queue;
pub mod settings;
pub mod windows;

#[cfg(feature = "ssr")]
pub mod context;
#[cfg(feature = "ssr")]
pub mod live;
#[cfg(feature = "ssr")]
pub mod session;
#[cfg(feature = "ssr")]
pub mod zone_model;
