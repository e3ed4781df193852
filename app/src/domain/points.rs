//! Service points (服务网点) and their windows.

use super::calendar::OpeningHours;
use super::catalogue::PointKind;
use super::geo::LatLon;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServicePoint {
    /// Stable, printed on paper: the division code for town and village points, `530127` for the county hall,
    /// `530127-Bn` for branch halls.
    pub id: String,
    pub name: String,
    pub kind: PointKind,
    /// The township-level division it sits in.
    pub town_code: String,
    pub town_name: String,
    pub location: LatLon,
    pub address: String,
    pub phone: String,
    pub hours: OpeningHours,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub id: String,
    pub point_id: String,
    pub number: u32,
    pub department: String,
    pub name: String,
}

/// Masks a phone number for display to anyone but the staff handling a case: 138****5678.
/// Landlines of service points are public and are not masked.
pub fn mask_mobile(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() == 11 && chars.iter().all(|c| c.is_ascii_digit()) {
        format!("{}****{}", chars[..3].iter().collect::<String>(), chars[7..].iter().collect::<String>())
    } else {
        phone.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_mobiles_only() {
        assert_eq!(mask_mobile("13812345678"), "138****5678");
        assert_eq!(mask_mobile("0871-67912345"), "0871-67912345");
    }
}
