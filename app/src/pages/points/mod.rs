//! Service points (服务网点).

pub mod point;
