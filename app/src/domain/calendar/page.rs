//! What the working calendar's page shows (each year's holidays and make-up workdays, whether the year is published),
//! and its working-day calculator's reading of the two fields.

use crate::domain::form::FieldError;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalendarDay {
    pub date: String,
    pub weekday: String,
    /// 放假 / 调休上班
    pub kind: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalendarYear {
    pub year: i32,
    pub published: bool,
    pub days: Vec<CalendarDay>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkingDaysAnswer {
    pub from: String,
    pub days: u32,
    pub due: String,
    /// Set when the answer crosses into a year whose calendar is not published yet.
    pub provisional: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalendarOverview {
    pub today: String,
    pub years: Vec<CalendarYear>,
    /// The calculator's inputs as typed (kept on error), its answer, or what is wrong with them.
    pub from: String,
    pub days: String,
    pub answer: Option<WorkingDaysAnswer>,
    pub errors: Vec<FieldError>,
}

/// Reads the calculator's two fields; every problem names the field and says what to do (in Chinese).
pub fn parse_calculator(from: &str, days: &str) -> Result<(chrono::NaiveDate, u32), Vec<FieldError>> {
    parse_calculator_in(crate::i18n::Lang::Zh, from, days)
}

/// [`parse_calculator`] with its messages in the interface language.
pub fn parse_calculator_in(
    lang: crate::i18n::Lang,
    from: &str,
    days: &str,
) -> Result<(chrono::NaiveDate, u32), Vec<FieldError>> {
    use crate::i18n::Key;
    let mut errors = Vec::new();
    let from_t = from.trim().replace(['年', '月', '/', '.'], "-").replace('日', "");
    // Years a county calendar can mean (chrono also reads "+262142-12-31", whose next day does not exist).
    let date = chrono::NaiveDate::parse_from_str(&from_t, "%Y-%m-%d").ok().filter(|d| (1900..=2100).contains(&chrono::Datelike::year(d)));
    if from.trim().is_empty() {
        errors.push(FieldError { field: "from".into(), message: lang.t(Key::FromMissing).into() });
    } else if date.is_none() {
        errors.push(FieldError { field: "from".into(), message: lang.t(Key::FromBad).into() });
    }
    let n = days.trim().parse::<u32>().ok();
    match n {
        _ if days.trim().is_empty() => {
            errors.push(FieldError { field: "days".into(), message: lang.t(Key::DaysMissing).into() })
        }
        Some(n) if n <= 365 => {}
        _ => errors.push(FieldError { field: "days".into(), message: lang.t(Key::DaysBad).into() }),
    }
    match (date, n, errors.is_empty()) {
        (Some(d), Some(n), true) => Ok((d, n)),
        _ => Err(errors),
    }
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calculator_names_each_bad_field() {
        let e = parse_calculator("", "abc").unwrap_err();
        assert_eq!(e.iter().map(|e| e.field.as_str()).collect::<Vec<_>>(), vec!["from", "days"]);
        assert_eq!(e[0].message, "请输入受理日期");
        let e = parse_calculator("2026-13-01", "5").unwrap_err();
        assert!(e[0].message.contains("格式不正确"));
        assert!(parse_calculator("2026-09-30", "400").is_err());
    }

    #[test]
    fn calculator_speaks_english_when_asked() {
        let e = parse_calculator_in(crate::i18n::Lang::En, "", "").unwrap_err();
        assert_eq!(e[0].message, "Enter the date accepted");
        assert_eq!(e[1].message, "Enter the number of working days");
    }

    #[test]
    fn calculator_accepts_chinese_dates() {
        let (d, n) = parse_calculator("2026年9月30日", " 5 ").unwrap();
        assert_eq!((d.to_string(), n), ("2026-09-30".to_string(), 5));
    }
}

/// `/calendar?from=…&days=…`: the working-day calculator's two fields as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CalendarQuery {
    pub from: Option<String>,
    pub days: Option<String>,
}

impl crate::domain::query::FromQuery for CalendarQuery {
    fn from_query(get: &dyn Fn(&str) -> Option<String>) -> Self {
        Self { from: get("from"), days: get("days") }
    }
}
