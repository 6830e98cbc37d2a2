//! The plan of approach (or cooperation contract): its versions, written by the
//! coordinator and signed by every parent; visits start once all signed.

use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::calendar::amsterdam;
use super::command::Ctx;
use super::event::CaseEvent;
use super::model::{Case, CaseStatus};
use super::not_in_this_status;
use crate::ids::{PersonId, UserId};
use crate::programme::Programme;
use crate::refusal::Refusal;

/// The contents of one version of the plan of approach / cooperation contract.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanContent {
    pub goals: Vec<String>,
    pub house_rules: Vec<String>,
    /// Frequency, length and place of visits.
    pub visit_agreements: String,
    /// How the child is handed over (staggered arrival and departure).
    pub handover_agreements: String,
    pub parent_conversations: String,
    pub child_guidance: String,
    pub work_agreements: String,
    pub evaluation_moments: Vec<Date>,
    pub max_duration_months: Option<u32>,
    /// The parents must not meet: staggered arrival and departure.
    pub parents_must_not_meet: bool,
}

impl PlanContent {
    /// SHA-256 of the canonical JSON form: what a signature is a signature of.
    pub fn hash(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        hex::encode(Sha256::digest(json))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SignatureMethod {
    /// Signed on paper, recorded by staff.
    Paper,
    /// Signed by the parent in the portal.
    Portal,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    pub parent: PersonId,
    pub signed_at: Timestamp,
    pub method: SignatureMethod,
    /// The content hash the parent signed.
    pub content_hash: String,
    pub recorded_by: UserId,
    /// The day the parent signed, when staff record a paper signature afterwards (never in
    /// the future); otherwise the day of `signed_at`.
    #[serde(default)]
    pub signed_on: Option<Date>,
}

impl Signature {
    /// The day the signature counts from.
    pub fn date(&self) -> Date {
        self.signed_on
            .unwrap_or_else(|| amsterdam().to_datetime(self.signed_at).date())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanVersion {
    pub version: u32,
    pub content: PlanContent,
    pub content_hash: String,
    pub created_at: Timestamp,
    pub created_by: UserId,
    pub signatures: Vec<Signature>,
}

/// A new version of the plan, in a stage that has one, never longer than the programme.
pub(super) fn write(
    case: &Case,
    programme: &Programme,
    content: PlanContent,
) -> Result<Vec<CaseEvent>, Refusal> {
    if !matches!(
        case.status,
        CaseStatus::Plan | CaseStatus::Running | CaseStatus::FollowUp
    ) {
        return Err(not_in_this_status(case));
    }
    if let (Some(plan), Some(max)) = (content.max_duration_months, programme.duration.max_months)
        && plan > max
    {
        return Err(Refusal::PlanLongerThanProgramme {
            months: plan,
            max,
            programme: programme.name.clone(),
        });
    }
    let version = case.plans.last().map_or(1, |p| p.version + 1);
    let content_hash = content.hash();
    Ok(vec![CaseEvent::PlanWritten {
        version,
        content,
        content_hash,
    }])
}

/// A signer signs the current version, as `(version, parent, method, signed_on)`, once; the
/// last signature of a case in its plan stage starts it running.
pub(super) fn sign(
    case: &Case,
    programme: &Programme,
    ctx: &Ctx,
    (version, parent, method, signed_on): (u32, PersonId, SignatureMethod, Option<Date>),
) -> Result<Vec<CaseEvent>, Refusal> {
    let plan = case.current_plan().ok_or(Refusal::NoPlan {
        document: programme.plan.document,
    })?;
    if plan.version != version {
        return Err(Refusal::NotCurrentPlanVersion {
            version,
            current: plan.version,
        });
    }
    let person = case
        .person(&parent)
        .filter(|p| p.signs_the_plan())
        .ok_or(Refusal::NotAParent)?;
    if plan.signatures.iter().any(|s| s.parent == parent) {
        return Err(Refusal::AlreadySigned {
            parent: person.name.clone(),
            version,
        });
    }
    let today = ctx.today();
    check_signed_on(plan, signed_on, today)?;
    let signature = Signature {
        parent,
        signed_at: ctx.now,
        method,
        content_hash: plan.content_hash.clone(),
        recorded_by: ctx.actor.clone(),
        signed_on,
    };
    let signed_day = signature.date();
    let mut events = vec![CaseEvent::PlanSigned { version, signature }];
    let all_signed_now = case.unsigned_parents().len() == 1;
    if all_signed_now
        && case.status == CaseStatus::Plan
        && let Some(first) = programme.phases.first()
    {
        // Running from the day the last parent signed.
        let others = plan.signatures.iter().map(Signature::date);
        let on = others.chain([signed_day]).max().unwrap_or(today);
        events.push(CaseEvent::RunningStarted {
            on,
            phase: first.id.clone(),
        });
    }
    Ok(events)
}

/// A paper signature recorded afterwards carries the day it was signed: never in the
/// future, never before the version was written.
fn check_signed_on(
    plan: &PlanVersion,
    signed_on: Option<Date>,
    today: Date,
) -> Result<(), Refusal> {
    if let Some(on) = signed_on {
        if on > today {
            return Err(Refusal::SignatureInTheFuture { on });
        }
        let written = amsterdam().to_datetime(plan.created_at).date();
        if on < written {
            return Err(Refusal::SignatureBeforePlan { on, written });
        }
    }
    Ok(())
}
