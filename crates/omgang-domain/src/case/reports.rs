//! A supervisor's report of a session: a draft, marked ready, reviewed by a coordinator
//! (approved or sent back), released to both parents, and only amended after that.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::event::CaseEvent;
use super::model::Case;
use crate::ids::{ReportId, SessionId, UserId};
use crate::programme::Programme;
use crate::refusal::Refusal;

/// What a supervisor saw. Factual and neutral: what happened, not what it means.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportContent {
    /// Course of the visit.
    pub course: String,
    pub child_reactions: String,
    pub interaction: String,
    pub agreements_kept: String,
    pub punctuality_resident_parent: String,
    pub punctuality_visiting_parent: String,
    pub incidents: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReportState {
    Draft,
    /// Checked by a coordinator, not yet shared.
    Approved,
    /// Shared with both parents; never edited again, only amended.
    Released,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amendment {
    pub text: String,
    pub by: UserId,
    pub at: Timestamp,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub id: ReportId,
    pub session: SessionId,
    pub author: UserId,
    pub state: ReportState,
    pub content: ReportContent,
    pub updated_at: Timestamp,
    pub approved_by: Option<UserId>,
    pub released_at: Option<Timestamp>,
    pub amendments: Vec<Amendment>,
    /// When the author marked the draft ready for review ("klaar voor beoordeling"); cleared
    /// when it is returned. A draft with this set waits for a coordinator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready_at: Option<Timestamp>,
    /// Why it was last sent back to its author, and when.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returned: Option<ReportReturn>,
}

impl Report {
    /// A draft its author marked ready, waiting for a coordinator's review.
    pub fn awaits_review(&self) -> bool {
        self.state == ReportState::Draft && self.ready_at.is_some()
    }
}

/// A report sent back to its author, with the reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportReturn {
    pub reason: String,
    pub at: Timestamp,
}

/// The report, when it is in `state`.
fn report_in_state<'a>(
    case: &'a Case,
    id: &ReportId,
    state: ReportState,
) -> Result<&'a Report, Refusal> {
    let report = case.report(id).ok_or(Refusal::UnknownReport)?;
    if report.state == state {
        Ok(report)
    } else {
        Err(Refusal::ReportInWrongState {
            state: report.state,
            needed: state,
        })
    }
}

/// A draft saved: only for a held session of a kind that has reports, one report per
/// session, and never once it left the draft state.
pub(super) fn save(
    case: &Case,
    programme: &Programme,
    report: ReportId,
    session: SessionId,
    content: ReportContent,
) -> Result<Vec<CaseEvent>, Refusal> {
    let s = case.session(&session).ok_or(Refusal::UnknownSession)?;
    let needs_report = programme.kind(s.kind).is_some_and(|k| k.needs_report);
    if !needs_report {
        return Err(Refusal::NoReportForKind { kind: s.kind });
    }
    if !s.is_held() {
        return Err(Refusal::ReportBeforeHeld);
    }
    match (case.report(&report), case.report_for(&session)) {
        (Some(r), _) if r.session != session => return Err(Refusal::UnknownReport),
        (Some(r), _) if r.state != ReportState::Draft => {
            return Err(Refusal::ReportNotEditable { state: r.state });
        }
        (None, Some(_)) => return Err(Refusal::ReportExists),
        _ => {}
    }
    Ok(vec![CaseEvent::ReportSaved {
        report,
        session,
        content,
    }])
}

/// The author marks a draft with a course written ready for review, once.
pub(super) fn submit(case: &Case, report: ReportId) -> Result<Vec<CaseEvent>, Refusal> {
    let r = report_in_state(case, &report, ReportState::Draft)?;
    if r.ready_at.is_some() {
        return Err(Refusal::ReportAlreadyReady);
    }
    if r.content.course.trim().is_empty() {
        return Err(Refusal::ReportEmpty);
    }
    Ok(vec![CaseEvent::ReportSubmitted { report }])
}

/// A coordinator approves a draft.
pub(super) fn approve(case: &Case, report: ReportId) -> Result<Vec<CaseEvent>, Refusal> {
    report_in_state(case, &report, ReportState::Draft)?;
    Ok(vec![CaseEvent::ReportApproved { report }])
}

/// Back to the author, saying why: a draft waiting for review, or an approved one.
pub(super) fn send_back(
    case: &Case,
    report: ReportId,
    reason: &str,
) -> Result<Vec<CaseEvent>, Refusal> {
    let r = case.report(&report).ok_or(Refusal::UnknownReport)?;
    if !(r.awaits_review() || r.state == ReportState::Approved) {
        return Err(Refusal::ReportNotReadyForReview { state: r.state });
    }
    let reason = reason.trim().to_owned();
    if reason.is_empty() {
        return Err(Refusal::ReasonRequired);
    }
    Ok(vec![CaseEvent::ReportReturned { report, reason }])
}

/// An approved report shared with both parents.
pub(super) fn release(case: &Case, report: ReportId) -> Result<Vec<CaseEvent>, Refusal> {
    report_in_state(case, &report, ReportState::Approved)?;
    Ok(vec![CaseEvent::ReportReleased { report }])
}

/// A released report is never edited, only amended with a text.
pub(super) fn amend(
    case: &Case,
    report: ReportId,
    text: String,
) -> Result<Vec<CaseEvent>, Refusal> {
    report_in_state(case, &report, ReportState::Released)?;
    if text.trim().is_empty() {
        return Err(Refusal::EmptyAmendment);
    }
    Ok(vec![CaseEvent::ReportAmended { report, text }])
}
