//! Evaluation, escalation, the meldcode steps, ending the case and closing its follow-up.

use omgang_domain::case::{Command, Escalation, Evaluation, EvaluationKind, Outcome};
use omgang_domain::programme::EscalationTarget;

use super::confirmation;
use crate::input::*;
use crate::policy::{Actor, CaseAction};
use crate::views::CaseView;
use crate::{App, AppError, Result};

impl App {
    pub async fn record_evaluation(
        &self,
        actor: &Actor,
        id: &str,
        input: &EvaluationInput,
    ) -> Result<CaseView> {
        let today = self.today();
        self.run(actor, id, "record_evaluation", |_, _| {
            let mut c = Check::default();
            let kind: Option<EvaluationKind> = c.choice("kind", &input.kind);
            let on = c.opt_date("on", &input.on).unwrap_or(today);
            let summary = c.text("summary", &input.summary);
            if summary.is_empty() {
                c.push(
                    "summary",
                    "Vat de evaluatie samen.",
                    "Summarise the evaluation.",
                );
            }
            let next_steps = c.text("next_steps", &input.next_steps);
            c.finish()?;
            let evaluation = Evaluation {
                kind: kind.unwrap_or(EvaluationKind::Interim),
                on,
                summary,
                agreement_reached: input.agreement_reached,
                next_steps,
            };
            Ok((
                CaseAction::RecordEvaluation,
                Command::RecordEvaluation(evaluation),
            ))
        })
        .await
    }

    pub async fn record_escalation(
        &self,
        actor: &Actor,
        id: &str,
        input: &EscalationInput,
    ) -> Result<CaseView> {
        let today = self.today();
        self.run(actor, id, "record_escalation", |_, _| {
            let mut c = Check::default();
            let to: Option<EscalationTarget> = c.choice("to", &input.to);
            let on = c.opt_date("on", &input.on).unwrap_or(today);
            let reason = c.text("reason", &input.reason);
            if reason.is_empty() {
                c.push(
                    "reason",
                    "Geef de reden van de melding.",
                    "Give the reason for the report.",
                );
            }
            c.finish()?;
            let to = to.ok_or_else(|| AppError::invalid("to", "Ongeldig.", "Invalid."))?;
            Ok((
                CaseAction::RecordEscalation,
                Command::RecordEscalation(Escalation { to, on, reason }),
            ))
        })
        .await
    }

    /// Records one step of the meldcode, in order, with its date and who took it.
    pub async fn record_meldcode_step(
        &self,
        actor: &Actor,
        id: &str,
        input: &MeldcodeInput,
    ) -> Result<CaseView> {
        let today = self.today();
        self.run(actor, id, "record_meldcode_step", |_, _| {
            let mut c = Check::default();
            let step: Option<omgang_domain::case::MeldcodeStep> = c.choice("step", &input.step);
            let on = c.opt_date("on", &input.on).unwrap_or(today);
            let note = c.text("note", &input.note);
            if note.is_empty() {
                c.push(
                    "note",
                    "Schrijf op wat er bij deze stap gebeurde.",
                    "Write down what happened at this step.",
                );
            }
            let decision = input
                .decision
                .as_deref()
                .filter(|d| !d.trim().is_empty())
                .and_then(|d| c.choice("decision", d));
            let report_to = input
                .report_to
                .as_deref()
                .filter(|d| !d.trim().is_empty())
                .and_then(|d| c.choice::<EscalationTarget>("report_to", d));
            c.finish()?;
            let step = step.ok_or_else(|| AppError::invalid("step", "Ongeldig.", "Invalid."))?;
            Ok((
                CaseAction::RecordEscalation,
                Command::RecordMeldcodeStep(omgang_domain::case::MeldcodeEntry {
                    step,
                    on,
                    by: None,
                    note,
                    answers: input.answers.clone(),
                    decision,
                    report_to,
                }),
            ))
        })
        .await
    }

    pub async fn end_case(&self, actor: &Actor, id: &str, input: &EndInput) -> Result<CaseView> {
        let confirm = confirmation(&input.confirm, input.confirm_reason.as_deref())?;
        self.run_confirmed(actor, id, "end_case", confirm, Vec::new(), |_, _| {
            let mut c = Check::default();
            let summary = c.text("summary", &input.summary);
            let outcome = match input.outcome.trim() {
                "ouderschapsplan" => Some(Outcome::Ouderschapsplan),
                "unsupervised_contact" => Some(Outcome::UnsupervisedContact),
                "follow_up_help" => match c.opt_line("handed_to", &input.handed_to) {
                    Some(handed_to) => Some(Outcome::FollowUpHelp { handed_to }),
                    None => {
                        c.push("handed_to", "Vul in aan wie de vervolghulp is overgedragen.", "Enter who takes on the follow-up help.");
                        None
                    }
                },
                "stopped_early" => match c.opt_text("reason", &input.reason) {
                    Some(reason) => Some(Outcome::StoppedEarly { reason }),
                    None => {
                        c.push("reason", "Geef aan waarom het traject stopt.", "Say why the programme stops.");
                        None
                    }
                },
                "reported" => {
                    let to = input.to.as_deref().unwrap_or("");
                    c.choice::<EscalationTarget>("to", to).map(|to| Outcome::Reported { to })
                }
                other => {
                    c.push(
                        "outcome",
                        format!("Onbekende uitkomst '{other}'; kies uit: ouderschapsplan, unsupervised_contact, follow_up_help, stopped_early, reported."),
                        format!("Unknown outcome '{other}'; choose from: ouderschapsplan, unsupervised_contact, follow_up_help, stopped_early, reported."),
                    );
                    None
                }
            };
            c.finish()?;
            let outcome = outcome.ok_or_else(|| AppError::invalid("outcome", "Ongeldig.", "Invalid."))?;
            Ok((CaseAction::End, Command::EndCase { outcome, summary }))
        })
        .await
    }

    pub async fn close_follow_up(
        &self,
        actor: &Actor,
        id: &str,
        input: &CloseFollowUpInput,
    ) -> Result<CaseView> {
        self.run(actor, id, "close_follow_up", |_, _| {
            let mut c = Check::default();
            let summary = c.text("summary", &input.summary);
            c.finish()?;
            Ok((CaseAction::End, Command::CloseFollowUp { summary }))
        })
        .await
    }
}
