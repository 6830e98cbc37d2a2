//! Dates as a case reads them (in Europe/Amsterdam, in whole days, months and years), and
//! a name as a sentence starts with it.

use jiff::ToSpan;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// The time zone every date and time in a case is read in.
pub fn amsterdam() -> TimeZone {
    // The bundled tz database always has it; UTC only if the bundle were missing.
    TimeZone::get("Europe/Amsterdam").unwrap_or(TimeZone::UTC)
}

/// Age in whole years on a date.
pub fn age_on(birth: Date, on: Date) -> i32 {
    let mut years = i32::from(on.year()) - i32::from(birth.year());
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    years
}

/// `date` plus `months` calendar months (clamped at month end).
pub fn add_months(date: Date, months: u32) -> Date {
    date.checked_add(i64::from(months).months())
        .unwrap_or(Date::MAX)
}

/// The text with its first letter in capitals.
pub fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// `date` minus `days` days.
pub fn sub_days(date: Date, days: u32) -> Date {
    date.checked_sub(i64::from(days).days())
        .unwrap_or(Date::MIN)
}

/// `date` plus `days` days.
pub fn add_days(date: Date, days: u32) -> Date {
    date.checked_add(i64::from(days).days())
        .unwrap_or(Date::MAX)
}
