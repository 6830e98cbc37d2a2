//! Bilingual text. The users are Dutch: Dutch is the default, English the second language.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nl,
    En,
}

impl Lang {
    /// Picks the language from an HTTP `Accept-Language` value; Dutch unless English comes first.
    pub fn from_accept_language(header: &str) -> Lang {
        for part in header.split(',') {
            let tag = part
                .split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase();
            if tag.starts_with("nl") {
                return Lang::Nl;
            }
            if tag.starts_with("en") {
                return Lang::En;
            }
        }
        Lang::Nl
    }
}

/// A text in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub nl: String,
    pub en: String,
}

impl Text {
    pub fn new(nl: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            nl: nl.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => &self.en,
        }
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.nl)
    }
}

const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The name of a month (1–12) as people write it: "maart" / "March".
pub fn month_name(month: i8, lang: Lang) -> &'static str {
    let names = if lang == Lang::Nl {
        &MONTHS_NL
    } else {
        &MONTHS_EN
    };
    usize::try_from(month - 1)
        .ok()
        .and_then(|i| names.get(i))
        .copied()
        .unwrap_or_default()
}

const WEEKDAYS_NL: [&str; 7] = ["ma", "di", "wo", "do", "vr", "za", "zo"];
const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// The one way a day is written in running text: "di 10 november 2026" / "Tue 10 November
/// 2026" (docs/woordenlijst.md). A birth date has no weekday: [`long_date`].
pub fn day_date(d: jiff::civil::Date, lang: Lang) -> String {
    let wd = usize::try_from(d.weekday().to_monday_zero_offset()).unwrap_or(0);
    let weekday = match lang {
        Lang::Nl => WEEKDAYS_NL[wd % 7],
        Lang::En => WEEKDAYS_EN[wd % 7],
    };
    format!("{weekday} {}", long_date(d, lang))
}

/// "2 maart 2026" / "2 March 2026" (no weekday: also for birth dates).
pub fn long_date(d: jiff::civil::Date, lang: Lang) -> String {
    format!("{} {} {}", d.day(), month_name(d.month(), lang), d.year())
}
