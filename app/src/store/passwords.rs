//! (ssr only) Staff passwords: argon2id, PHC strings.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::sync::LazyLock;

pub fn hash(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(password.as_bytes(), &salt).expect("argon2 hashes").to_string()
}

pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
}

/// A hash to verify against when the username does not exist, so both paths take the same time.
pub fn dummy_hash() -> String {
    static DUMMY: LazyLock<String> = LazyLock::new(|| hash("palm-hall-no-such-user"));
    DUMMY.clone()
}

/// A new password must be at least 10 characters with a letter and a digit.
pub fn strong_enough(password: &str) -> Result<(), &'static str> {
    let long = password.chars().count() >= 10;
    let letter = password.chars().any(|c| c.is_alphabetic());
    let digit = password.chars().any(|c| c.is_ascii_digit());
    if long && letter && digit {
        Ok(())
    } else {
        Err("密码至少10位，且须同时包含字母和数字")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_differ() {
        let h = hash("window-pass-2026");
        assert!(verify("window-pass-2026", &h));
        assert!(!verify("window-pass-2027", &h));
        assert_ne!(h, hash("window-pass-2026"), "salted");
        assert!(!verify("x", "not a hash"));
        assert!(strong_enough("abc").is_err() && strong_enough("abcdefghij1").is_ok());
    }
}
