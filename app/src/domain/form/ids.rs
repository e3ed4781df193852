//! The two identity numbers forms ask for, checked by their standards' check characters:
//! 公民身份号码 (GB 11643-1999, ISO 7064 MOD 11-2) and 统一社会信用代码 (GB 32100-2015, MOD 31).

use chrono::NaiveDate;

/// Sex as the ID number records it (its 17th digit: odd for male, even for female).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sex {
    Male,
    Female,
}

/// A valid 18-character citizen ID number, and what it says about its holder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdNumber {
    pub number: String,
    pub birth: NaiveDate,
    pub sex: Sex,
}

/// Why an ID number is not valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdProblem {
    /// Not 17 digits and a check character (digit or X).
    Shape,
    /// Digits 7–14 are not a real date, or it is after `today`.
    BirthDate,
    /// The 18th character does not match the other 17.
    CheckCharacter,
}

/// A number as typed, made comparable: spaces dropped, full-width digits and letters from a Chinese keyboard
/// (１, Ｘ) made half-width, letters upper case.
fn compact(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect::<String>()
        .to_ascii_uppercase()
}

const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: &[u8; 11] = b"10X98765432";

/// The GB 11643 check character of the first 17 digits.
pub fn id_check_character(first17: &[u8; 17]) -> char {
    let sum: u32 = first17.iter().zip(ID_WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    ID_CHECK[(sum % 11) as usize] as char
}

/// Reads an ID number as typed (spaces dropped, a lower-case x accepted). `today` bounds the birth date.
pub fn parse_id_number(typed: &str, today: NaiveDate) -> Result<IdNumber, IdProblem> {
    let number = compact(typed);
    let b = number.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) || !(b[17].is_ascii_digit() || b[17] == b'X') {
        return Err(IdProblem::Shape);
    }
    let digits = |r: std::ops::Range<usize>| number[r].parse::<u32>().unwrap_or(0);
    let birth = NaiveDate::from_ymd_opt(digits(6..10) as i32, digits(10..12), digits(12..14))
        .filter(|d| *d <= today && d.year_ce().1 >= 1900)
        .ok_or(IdProblem::BirthDate)?;
    let first17: &[u8; 17] = b[..17].try_into().map_err(|_| IdProblem::Shape)?;
    if id_check_character(first17) as u8 != b[17] {
        return Err(IdProblem::CheckCharacter);
    }
    let sex = if (b[16] - b'0') % 2 == 1 { Sex::Male } else { Sex::Female };
    Ok(IdNumber { number, birth, sex })
}

use chrono::Datelike;

/// The characters of a unified social credit code: digits and capitals without I, O, S, V, Z.
pub const USCC_CHARSET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/// Why a unified social credit code is not valid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UsccProblem {
    /// Not 18 characters of the code's alphabet.
    Shape,
    /// The 18th character does not match the other 17.
    CheckCharacter,
}

/// The GB 32100 check character of the first 17 characters (each from [`USCC_CHARSET`]).
pub fn uscc_check_character(first17: &[u8; 17]) -> Option<char> {
    let mut sum = 0;
    for (c, w) in first17.iter().zip(USCC_WEIGHTS) {
        sum += USCC_CHARSET.iter().position(|x| x == c)? as u32 * w;
    }
    Some(USCC_CHARSET[((31 - sum % 31) % 31) as usize] as char)
}

/// Reads a unified social credit code as typed (spaces dropped, lower case accepted).
pub fn parse_uscc(typed: &str) -> Result<String, UsccProblem> {
    let code = compact(typed);
    let b = code.as_bytes();
    if b.len() != 18 || !b.iter().all(|c| USCC_CHARSET.contains(c)) {
        return Err(UsccProblem::Shape);
    }
    let first17: &[u8; 17] = b[..17].try_into().map_err(|_| UsccProblem::Shape)?;
    match uscc_check_character(first17) {
        Some(c) if c as u8 == b[17] => Ok(code),
        _ => Err(UsccProblem::CheckCharacter),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    #[test]
    fn the_standards_own_id_examples_pass() {
        // GB 11643-1999's example numbers.
        let a = parse_id_number("11010519491231002X", today()).unwrap();
        assert_eq!((a.birth, a.sex), (NaiveDate::from_ymd_opt(1949, 12, 31).unwrap(), Sex::Female));
        let b = parse_id_number("440524188001010014", today());
        assert_eq!(b, Err(IdProblem::BirthDate), "born 1880: before 1900 is refused as a typing error");
        let c = parse_id_number("11010519491231002x", today()).unwrap();
        assert_eq!(c.number, "11010519491231002X", "a lower-case x is read as X");
        assert_eq!(parse_id_number(" 1101 0519 4912 3100 2X ", today()).unwrap().number, "11010519491231002X");
        assert_eq!(parse_id_number("１１０１０５１９４９１２３１００２ｘ", today()).unwrap().number, "11010519491231002X", "full-width");
        assert_eq!(parse_uscc("９１３５０１００Ｍ０００１００Ｙ４３").as_deref(), Ok("91350100M000100Y43"), "full-width");
    }

    #[test]
    fn bad_id_numbers_say_what_is_wrong() {
        assert_eq!(parse_id_number("110105194912310021", today()), Err(IdProblem::CheckCharacter));
        assert_eq!(parse_id_number("11010519491231002", today()), Err(IdProblem::Shape));
        assert_eq!(parse_id_number("1101051949123100XX", today()), Err(IdProblem::Shape));
        assert_eq!(parse_id_number("110105194902300020", today()), Err(IdProblem::BirthDate), "30 February");
        assert_eq!(parse_id_number("110105203001010012", today()), Err(IdProblem::BirthDate), "born in the future");
    }

    #[test]
    fn published_credit_codes_pass_and_altered_ones_fail() {
        // Codes printed on business licences (a state-owned company, a listed bank, a government body).
        for code in ["91350100M000100Y43", "91110000100017643K", "11100000000013127D"] {
            assert_eq!(parse_uscc(code).as_deref(), Ok(code), "{code}");
        }
        assert_eq!(parse_uscc("91350100m000100y43").as_deref(), Ok("91350100M000100Y43"));
        assert_eq!(parse_uscc("91350100M000100Y44"), Err(UsccProblem::CheckCharacter));
        assert_eq!(parse_uscc("91350100M000100Y4"), Err(UsccProblem::Shape));
        assert_eq!(parse_uscc("91350100M000100YO3"), Err(UsccProblem::Shape), "O is not in the alphabet");
    }

    proptest! {
        #[test]
        fn any_id_with_its_check_character_passes_and_any_other_fails(
            region in 110000u32..660000, days in 0i64..40_000, seq in 0u32..1000, other in 0usize..11
        ) {
            let birth = NaiveDate::from_ymd_opt(1910, 1, 1).unwrap() + chrono::Duration::days(days);
            prop_assume!(birth <= today());
            let first17 = format!("{region:06}{}{seq:03}", birth.format("%Y%m%d"));
            let check = id_check_character(first17.as_bytes().try_into().unwrap());
            let id = parse_id_number(&format!("{first17}{check}"), today()).unwrap();
            prop_assert_eq!(id.birth, birth);
            prop_assert_eq!(id.sex, if seq % 2 == 1 { Sex::Male } else { Sex::Female });
            let wrong = ID_CHECK[other] as char;
            prop_assume!(wrong != check);
            prop_assert_eq!(parse_id_number(&format!("{first17}{wrong}"), today()), Err(IdProblem::CheckCharacter));
        }

        #[test]
        fn any_code_with_its_check_character_passes_and_one_changed_character_fails(
            chars in proptest::collection::vec(0usize..31, 17), at in 0usize..17, by in 1usize..31
        ) {
            let first17: Vec<u8> = chars.iter().map(|i| USCC_CHARSET[*i]).collect();
            let check = uscc_check_character(first17.as_slice().try_into().unwrap()).unwrap();
            let code = format!("{}{check}", String::from_utf8(first17.clone()).unwrap());
            prop_assert_eq!(parse_uscc(&code), Ok(code.clone()));
            // One mistyped character is always caught: the weights are all coprime with 31.
            let mut typo = first17.clone();
            typo[at] = USCC_CHARSET[(chars[at] + by) % 31];
            let typo = format!("{}{check}", String::from_utf8(typo).unwrap());
            prop_assert_eq!(parse_uscc(&typo), Err(UsccProblem::CheckCharacter));
        }
    }
}
