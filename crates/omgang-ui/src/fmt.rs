//! Dates and times as people in the Netherlands write them, in Europe/Amsterdam time.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime, Time};
use omgang_domain::text::Lang;

/// Parses what the application layer hands out: a UTC timestamp (`…Z`), a local date-time
/// (`YYYY-MM-DDTHH:MM[:SS]`) or a date (`YYYY-MM-DD`), as a local (Amsterdam) date and
/// optional time.
pub fn parse(s: &str) -> Option<(Date, Option<Time>)> {
    let s = s.trim();
    if let Ok(ts) = s.parse::<Timestamp>() {
        let dt = omgang_domain::case::amsterdam().to_datetime(ts);
        return Some((dt.date(), Some(dt.time())));
    }
    if let Ok(dt) = s.parse::<DateTime>() {
        return Some((dt.date(), Some(dt.time())));
    }
    s.parse::<Date>().ok().map(|d| (d, None))
}

/// "za 28 november 2026" / "Sat 28 November 2026".
pub fn date(d: Date, lang: Lang) -> String {
    omgang_domain::text::day_date(d, lang)
}

/// A birth date: no weekday ("4 mei 2018").
pub fn birth_date(s: &str, lang: Lang) -> String {
    parse(s).map_or_else(
        || s.to_owned(),
        |(d, _)| omgang_domain::text::long_date(d, lang),
    )
}

/// "14:05".
pub fn time(t: Time) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// A date, or a date with its time ("za 28 november 2026, 14:05"); the input unchanged if it
/// is not a date.
pub fn any(s: &str, lang: Lang) -> String {
    match parse(s) {
        Some((d, Some(t))) => format!("{}, {}", date(d, lang), time(t)),
        Some((d, None)) => date(d, lang),
        None => s.to_owned(),
    }
}

/// Only the date part of whatever `parse` understands.
pub fn date_only(s: &str, lang: Lang) -> String {
    parse(s).map_or_else(|| s.to_owned(), |(d, _)| date(d, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_dates() {
        let d: Date = "2026-11-28".parse().unwrap_or_default();
        assert_eq!(date(d, Lang::Nl), "za 28 november 2026");
        assert_eq!(date(d, Lang::En), "Sat 28 November 2026");
        // 13:00 UTC in winter is 14:00 in Amsterdam.
        assert_eq!(
            any("2026-01-05T13:00:00Z", Lang::Nl),
            "ma 5 januari 2026, 14:00"
        );
        // Summer time: +2.
        assert_eq!(
            any("2026-07-01T08:30:00Z", Lang::Nl),
            "wo 1 juli 2026, 10:30"
        );
        assert_eq!(
            any("2026-03-02T09:15:00", Lang::Nl),
            "ma 2 maart 2026, 09:15"
        );
        assert_eq!(any("geen datum", Lang::Nl), "geen datum");
    }
}
