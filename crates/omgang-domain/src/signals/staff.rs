//! A staff member's signals: a volunteer's VOG or training running out.

use jiff::civil::Date;

use super::{Signal, SignalKind, Urgency};
use crate::case::{StaffFacts, add_months, sub_days};
use crate::refusal::{dutch_date, english_date};
use crate::text::Text;

/// A volunteer's VOG or training running out.
pub fn staff_signals(
    staff: &StaffFacts,
    vog_valid_months: u32,
    warn_days: u32,
    today: Date,
) -> Vec<Signal> {
    let mut out = Vec::new();
    if !staff.is_volunteer {
        return out;
    }
    let signal = |kind, urgency, due_on, text| Signal {
        kind,
        urgency,
        due_on,
        case: None,
        case_reference: None,
        user: Some(staff.id.clone()),
        text,
    };
    match staff.vog_issued_on {
        None => out.push(signal(
            SignalKind::VogExpiring,
            Urgency::Late,
            today,
            Text::new(
                format!("{} heeft geen VOG.", staff.name),
                format!("{} has no VOG.", staff.name),
            ),
        )),
        Some(issued) if issued > today => out.push(signal(
            SignalKind::VogExpiring,
            Urgency::Late,
            issued,
            Text::new(
                format!(
                    "De VOG van {} is pas geldig vanaf {}.",
                    staff.name,
                    dutch_date(issued)
                ),
                format!(
                    "{}'s VOG is only valid from {}.",
                    staff.name,
                    english_date(issued)
                ),
            ),
        )),
        Some(issued) => {
            let expires = add_months(issued, vog_valid_months);
            let warn_from = sub_days(expires, warn_days);
            if today >= warn_from {
                let urgency = if today >= expires {
                    Urgency::Late
                } else {
                    Urgency::Due
                };
                out.push(signal(
                    SignalKind::VogExpiring,
                    urgency,
                    expires,
                    Text::new(
                        format!(
                            "De VOG van {} verloopt op {}.",
                            staff.name,
                            dutch_date(expires)
                        ),
                        format!("{}'s VOG expires on {}.", staff.name, english_date(expires)),
                    ),
                ));
            }
        }
    }
    if staff.training_completed_on.is_none_or(|d| d > today) {
        out.push(signal(
            SignalKind::TrainingMissing,
            Urgency::Late,
            today,
            Text::new(
                format!(
                    "{} heeft de vrijwilligerstraining nog niet afgerond.",
                    staff.name
                ),
                format!("{} has not completed the volunteer training.", staff.name),
            ),
        ));
    }
    out
}
