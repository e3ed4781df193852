//! The service guide (办事指南).

pub mod item;
pub mod search;
