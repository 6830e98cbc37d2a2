//! Session reports: drafts, submission, the coordinator's review and amendments.

use omgang_domain::case::Command;
use omgang_domain::ids::{ReportId, SessionId};

use crate::input::*;
use crate::policy::{Actor, CaseAction};
use crate::views::CaseView;
use crate::{App, AppError, Result};

/// The coordinator's review steps of a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReviewStep {
    Approve,
    /// Back to the author, with the reason.
    Return {
        reason: String,
    },
    Release,
}

impl App {
    /// Saves a report draft for a session (creating it on first save).
    pub async fn save_report(
        &self,
        actor: &Actor,
        id: &str,
        session: &str,
        input: &ReportInput,
    ) -> Result<CaseView> {
        let content = input.validate()?;
        let new_report = crate::new_id();
        self.run(actor, id, "save_report", |case, _| {
            let s = case
                .session(&SessionId(session.to_owned()))
                .ok_or(AppError::NotFound)?;
            let own = s.supervisor.as_ref() == Some(&actor.user_id);
            let report = case
                .report_for(&s.id)
                .map(|r| r.id.clone())
                .unwrap_or_else(|| ReportId(new_report.clone()));
            Ok((
                CaseAction::WriteReport { own },
                Command::SaveReport {
                    report,
                    session: s.id.clone(),
                    content: content.clone(),
                },
            ))
        })
        .await
    }

    /// The author marks a draft ready for review ("klaar voor beoordeling"): it appears in the
    /// coordinators' "Te beoordelen" with its waiting time.
    pub async fn submit_report(&self, actor: &Actor, id: &str, report: &str) -> Result<CaseView> {
        self.run(actor, id, "submit_report", |case, _| {
            let r = case
                .report(&ReportId(report.to_owned()))
                .ok_or(AppError::NotFound)?;
            let own = case
                .session(&r.session)
                .is_some_and(|s| s.supervisor.as_ref() == Some(&actor.user_id));
            Ok((
                CaseAction::WriteReport { own },
                Command::SubmitReport {
                    report: r.id.clone(),
                },
            ))
        })
        .await
    }

    pub async fn review_report(
        &self,
        actor: &Actor,
        id: &str,
        report: &str,
        step: ReviewStep,
    ) -> Result<CaseView> {
        self.run(actor, id, "review_report", |case, _| {
            // An id that is not in this case is not found, like an unknown session.
            let report = case
                .report(&ReportId(report.to_owned()))
                .ok_or(AppError::NotFound)?
                .id
                .clone();
            let command = match &step {
                ReviewStep::Approve => Command::ApproveReport { report },
                ReviewStep::Return { reason } => Command::ReturnReport {
                    report,
                    reason: reason.trim().to_owned(),
                },
                ReviewStep::Release => Command::ReleaseReport { report },
            };
            Ok((CaseAction::ReviewReport, command))
        })
        .await
    }

    pub async fn amend_report(
        &self,
        actor: &Actor,
        id: &str,
        report: &str,
        input: &AmendInput,
    ) -> Result<CaseView> {
        self.run(actor, id, "amend_report", |case, _| {
            case.report(&ReportId(report.to_owned()))
                .ok_or(AppError::NotFound)?;
            let mut c = Check::default();
            let text = c.text("text", &input.text);
            if text.is_empty() {
                c.push("text", "Schrijf de aanvulling.", "Write the amendment.");
            }
            c.finish()?;
            Ok((
                CaseAction::AmendReport,
                Command::AmendReport {
                    report: ReportId(report.to_owned()),
                    text,
                },
            ))
        })
        .await
    }
}
