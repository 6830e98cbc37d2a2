//! What is late or due, for a case or a staff member, on a given date.
//!
//! One function per signal of docs/domain.md's list, each with the programme's own numbers.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::case::{Case, CaseStatus};
use crate::ids::{CaseId, UserId};
use crate::programme::Programme;
use crate::text::Text;

mod rules;
mod staff;

use rules::CaseSignals;
pub use staff::staff_signals;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignalKind {
    RegistrationWaiting,
    FirstVisitLate,
    PlanNotSigned,
    MaxDurationNear,
    NoAgreementReportDue,
    EvaluationDue,
    FollowUpAppointmentDue,
    FollowUpEnds,
    ReportNotWritten,
    OutcomeNotRecorded,
    RepeatedCancellations,
    VogExpiring,
    TrainingMissing,
    /// Planned sessions at the home of a parent whose address has since become secret.
    SessionAtSecretHome,
    /// Sessions planned past the maximum duration, or more of a kind than "about N".
    BeyondLimit,
    /// A programme with a week rhythm whose case left it (a gap, or the same kind twice).
    OffRhythm,
}

/// Late: the deadline has passed. Due: it is coming, act now.
impl SignalKind {
    /// What kind of signal it is, for filters and lists.
    pub fn label(self) -> Text {
        let (nl, en) = match self {
            SignalKind::RegistrationWaiting => (
                "aanmelding wacht op intake",
                "registration waiting for intake",
            ),
            SignalKind::FirstVisitLate => ("eerste omgang laat", "first visit late"),
            SignalKind::PlanNotSigned => ("plan niet ondertekend", "plan not signed"),
            SignalKind::MaxDurationNear => ("maximale duur in zicht", "maximum duration near"),
            SignalKind::NoAgreementReportDue => {
                ("geen overeenstemming: melden", "no agreement: report due")
            }
            SignalKind::EvaluationDue => ("evaluatiemoment", "evaluation due"),
            SignalKind::FollowUpAppointmentDue => ("terugkomafspraak", "follow-up appointment due"),
            SignalKind::FollowUpEnds => ("nazorg loopt af", "follow-up ends"),
            SignalKind::ReportNotWritten => ("verslag niet geschreven", "report not written"),
            SignalKind::OutcomeNotRecorded => ("uitkomst niet vastgelegd", "outcome not recorded"),
            SignalKind::RepeatedCancellations => ("herhaald afgezegd", "repeated cancellations"),
            SignalKind::VogExpiring => ("VOG verloopt", "VOG expiring"),
            SignalKind::TrainingMissing => ("training ontbreekt", "training missing"),
            SignalKind::SessionAtSecretHome => {
                ("afspraak op geheim adres", "session at a secret address")
            }
            SignalKind::BeyondLimit => ("voorbij een grens", "beyond a limit"),
            SignalKind::OffRhythm => ("uit het ritme", "off the rhythm"),
        };
        Text::new(nl, en)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    Late,
    Due,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signal {
    pub kind: SignalKind,
    pub urgency: Urgency,
    /// The deadline (late since, or due on).
    pub due_on: Date,
    pub case: Option<CaseId>,
    pub case_reference: Option<String>,
    /// The staff member a staff signal is about.
    pub user: Option<UserId>,
    pub text: Text,
}

/// Most urgent first: late before due, earliest deadline first.
pub fn sort(signals: &mut [Signal]) {
    signals.sort_by_key(|a| (a.urgency, a.due_on, a.kind));
}

fn days_between(from: Date, to: Date) -> i64 {
    to.since(from).map(|s| i64::from(s.get_days())).unwrap_or(0)
}

/// Every signal of one case on `today`: one rule family after the other, most urgent first.
pub fn case_signals(case: &Case, programme: &Programme, today: Date) -> Vec<Signal> {
    if case.status == CaseStatus::Closed {
        return Vec::new();
    }
    let mut signals = CaseSignals {
        case,
        programme,
        today,
        out: Vec::new(),
    };
    signals.sessions_at_secret_home();
    signals.registration_waiting();
    signals.first_visit_late();
    signals.plan_not_signed();
    signals.max_duration_near();
    signals.no_agreement_report_due();
    signals.evaluations_due();
    signals.follow_up();
    signals.sessions_not_finished();
    signals.beyond_limit();
    signals.off_rhythm();
    signals.repeated_cancellations();
    let mut out = signals.out;
    sort(&mut out);
    out
}

/// How many days ahead [`first_signal_day`] looks. A case quiet for longer is looked at again
/// when this horizon has passed.
pub const SIGNAL_WATCH_DAYS: i32 = 400;

/// The first day from `from` on which the case has a signal: until then an organisation's
/// signals need not read it (the store keeps this day beside the case, written with each
/// change). `None` for a closed case: it never has one. A case without a signal within
/// [`SIGNAL_WATCH_DAYS`] gets the last day of that horizon, so it is looked at again then.
///
/// Exact by construction: it asks [`case_signals`] itself, day by day, instead of repeating
/// each rule's thresholds here, which would be a second copy of every rule to keep in step.
/// A day without a signal costs little (nothing is formatted), and this runs once per change.
pub fn first_signal_day(case: &Case, programme: &Programme, from: Date) -> Option<Date> {
    if case.status == CaseStatus::Closed {
        return None;
    }
    let mut day = from;
    for _ in 0..SIGNAL_WATCH_DAYS {
        if !case_signals(case, programme, day).is_empty() {
            return Some(day);
        }
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => return Some(day),
        }
    }
    Some(day)
}
