//! Server functions, one file or folder per capability. Thin: who is asking → one service call → data or redirect.

pub mod accounts;
pub mod admin;
pub mod booking;
pub mod calendar;
pub mod cases;
pub mod coverage;
pub mod enterprise;
pub mod dev;
pub mod filing;
pub mod guide;
pub mod map;
pub mod network;
pub mod notices;
pub mod points;
pub mod proxy;
pub mod queue;
pub mod rating;
pub mod settings;
pub mod upload;
pub mod windows;

#[cfg(feature = "ssr")]
pub mod context;
#[cfg(feature = "ssr")]
pub mod session;
