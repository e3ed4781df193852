//! The working calendar as citizens and administrators see it: each year's holidays and make-up workdays, whether
//! the year is published, and a working-day calculator (承诺时限计算).

use crate::error::AppError;
use leptos::prelude::*;

pub use crate::domain::calendar::page::{parse_calculator, parse_calculator_in, CalendarDay, CalendarOverview, CalendarYear, WorkingDaysAnswer};

#[server]
pub async fn calendar_page(from: Option<String>, days: Option<String>) -> Result<CalendarOverview, AppError> {
    let today = crate::domain::calendar::civil(super::context::now()?).date();
    let (from, days) = (from.unwrap_or_default(), days.unwrap_or_default());
    Ok(crate::service::calendar::calendar_page(&super::context::db()?, &from, &days, crate::i18n::lang(), today).await?)
}
