//! Personal data shown to someone other than its owner is masked, in one place: names, mobile numbers, and
//! resident identity card numbers (身份证号, GB 11643) for online filing. Staff handling a case see it whole, and
//! their reads are audited (`store::audit`).

/// A name shown to anyone holding a booking's code without signing in: the family name and stars (张**).
pub fn mask_name(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => std::iter::once(first).chain(chars.map(|_| '*')).collect(),
        None => String::new(),
    }
}

/// A mobile number shown to anyone but the staff handling it: 138****5678. Landlines of service points are
/// public and are not masked.
pub fn mask_mobile(phone: &str) -> String {
    let chars: Vec<char> = phone.chars().collect();
    if chars.len() == 11 && chars.iter().all(|c| c.is_ascii_digit()) {
        format!("{}****{}", chars[..3].iter().collect::<String>(), chars[7..].iter().collect::<String>())
    } else {
        phone.to_string()
    }
}

/// An identity card number shown to anyone but the staff handling it: the first three and last four characters
/// (530***********123X). Anything that is not 18 characters is masked whole: a typo must not leak a number.
pub fn mask_id_number(id: &str) -> String {
    let chars: Vec<char> = id.trim().chars().collect();
    if chars.len() == 18 {
        format!("{}{}{}", chars[..3].iter().collect::<String>(), "*".repeat(11), chars[14..].iter().collect::<String>())
    } else {
        "*".repeat(chars.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_mobiles_and_id_numbers_are_masked() {
        assert_eq!(mask_name("张三丰"), "张**");
        assert_eq!(mask_name(""), "");
        assert_eq!(mask_mobile("13812345678"), "138****5678");
        assert_eq!(mask_mobile("0871-67912345"), "0871-67912345");
        assert_eq!(mask_id_number("53012719900101123X"), "530***********123X");
        assert_eq!(mask_id_number("5301271990"), "**********");
    }
}
