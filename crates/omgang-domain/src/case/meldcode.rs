//! The Meldcode huiselijk geweld en kindermishandeling: its five steps, taken in order and
//! recorded one by one; a decision to report also records the escalation.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use super::event::CaseEvent;
use super::model::{Case, Escalation};
use crate::ids::UserId;
use crate::programme::EscalationTarget;
use crate::refusal::Refusal;

/// The five steps of the Meldcode huiselijk geweld en kindermishandeling (seed 002: "wordt
/// dit … gemeld aan het desbetreffende Jeugdteam en/of Veilig Thuis"), in their order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeldcodeStep {
    /// 1. Signalen in kaart brengen.
    Signals,
    /// 2. Collegiale consultatie en zo nodig Veilig Thuis raadplegen.
    Consultation,
    /// 3. Gesprek met de cliënt(en).
    Conversation,
    /// 4. Wegen: het afwegingskader (vijf vragen).
    Weighing,
    /// 5. Beslissen: melden en/of hulp bieden of organiseren.
    Decision,
}

impl MeldcodeStep {
    pub const ALL: [MeldcodeStep; 5] = [
        MeldcodeStep::Signals,
        MeldcodeStep::Consultation,
        MeldcodeStep::Conversation,
        MeldcodeStep::Weighing,
        MeldcodeStep::Decision,
    ];

    pub fn number(self) -> usize {
        MeldcodeStep::ALL
            .iter()
            .position(|s| *s == self)
            .map_or(0, |i| i + 1)
    }

    pub fn label(self) -> crate::Text {
        use crate::Text;
        match self {
            MeldcodeStep::Signals => Text::new("signalen in kaart brengen", "mapping the signals"),
            MeldcodeStep::Consultation => Text::new(
                "collegiale consultatie (en zo nodig Veilig Thuis raadplegen)",
                "consulting colleagues (and Veilig Thuis where needed)",
            ),
            MeldcodeStep::Conversation => {
                Text::new("gesprek met de ouders", "conversation with the parents")
            }
            MeldcodeStep::Weighing => Text::new(
                "wegen met het afwegingskader",
                "weighing with the assessment framework",
            ),
            MeldcodeStep::Decision => Text::new(
                "beslissen: melden en/of hulp",
                "deciding: report and/or help",
            ),
        }
    }
}

/// The five questions of the meldcode's afwegingskader, answered at the weighing step.
pub const AFWEGINGSKADER: [(&str, &str); 5] = [
    (
        "Is er een vermoeden van huiselijk geweld of kindermishandeling?",
        "Is there a suspicion of domestic violence or child abuse?",
    ),
    (
        "Is er sprake van acute en/of structurele onveiligheid?",
        "Is there acute and/or structural unsafety?",
    ),
    (
        "Ben ik in staat effectieve hulp te bieden of te organiseren?",
        "Am I able to offer or organise effective help?",
    ),
    (
        "Aanvaarden de betrokkenen hulp en zijn zij bereid zich in te zetten?",
        "Do those involved accept help and are they willing to work on it?",
    ),
    (
        "Leidt de hulp binnen de gewenste termijn tot voldoende resultaat?",
        "Does the help lead to sufficient results within the desired period?",
    ),
];

/// The decision of step 5.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeldcodeDecision {
    /// Melden bij Veilig Thuis (and/or the programme's target).
    Report,
    /// Hulp bieden of organiseren, no report.
    Help,
    /// Both.
    ReportAndHelp,
}

/// One recorded meldcode step: when, by whom, what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeldcodeEntry {
    pub step: MeldcodeStep,
    pub on: Date,
    /// Filled in by `apply_by`.
    #[serde(default)]
    pub by: Option<UserId>,
    pub note: String,
    /// Step 4: the answers to the five questions of the afwegingskader, in order.
    #[serde(default)]
    pub answers: Vec<bool>,
    /// Step 5.
    #[serde(default)]
    pub decision: Option<MeldcodeDecision>,
    /// Step 5 with a report: to whom.
    #[serde(default)]
    pub report_to: Option<EscalationTarget>,
}

/// A meldcode step: in order (each step after the one before it, none twice), dated on or
/// after the step before and never in the future; the weighing answers the five questions;
/// the decision says what, and a report also records the escalation.
pub(super) fn record_step(
    case: &Case,
    today: Date,
    mut entry: MeldcodeEntry,
) -> Result<Vec<CaseEvent>, Refusal> {
    let done = case.meldcode.len();
    let expected = MeldcodeStep::ALL
        .get(done)
        .copied()
        .ok_or(Refusal::MeldcodeComplete)?;
    if entry.step != expected {
        return Err(Refusal::MeldcodeStepOutOfOrder {
            step: entry.step,
            expected,
        });
    }
    if entry.on > today {
        return Err(Refusal::MeldcodeStepInTheFuture { on: entry.on });
    }
    if let Some(previous) = case.meldcode.last()
        && entry.on < previous.on
    {
        return Err(Refusal::MeldcodeStepBeforePrevious {
            previous: previous.on,
        });
    }
    if entry.note.trim().is_empty() {
        return Err(Refusal::ReasonRequired);
    }
    if entry.step == MeldcodeStep::Weighing && entry.answers.len() != AFWEGINGSKADER.len() {
        return Err(Refusal::MeldcodeAnswersRequired);
    }
    if entry.step != MeldcodeStep::Weighing {
        entry.answers.clear();
    }
    let mut events = Vec::new();
    if entry.step == MeldcodeStep::Decision {
        let decision = entry.decision.ok_or(Refusal::MeldcodeDecisionRequired)?;
        if matches!(
            decision,
            MeldcodeDecision::Report | MeldcodeDecision::ReportAndHelp
        ) {
            let to = entry.report_to.unwrap_or(EscalationTarget::VeiligThuis);
            entry.report_to = Some(to);
            if !case.escalations.iter().any(|e| e.to == to) {
                events.push(CaseEvent::EscalationRecorded(Escalation {
                    to,
                    on: entry.on,
                    reason: entry.note.clone(),
                }));
            }
        } else {
            entry.report_to = None;
        }
    } else {
        entry.decision = None;
        entry.report_to = None;
    }
    entry.by = None;
    events.insert(0, CaseEvent::MeldcodeStepRecorded(entry));
    Ok(events)
}
