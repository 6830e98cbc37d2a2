//! The ouderschapsplan (parenting plan) as a versioned, signed document of the case. Dutch
//! law (art. 815 lid 2 Rv) asks a parenting plan to settle (a) the division of care and
//! upbringing or the contact arrangement, (b) how the parents inform and consult each
//! other about the child and its property, and (c) the costs of care and upbringing; the
//! request to the court says how the children were involved (lid 4). Part (a) is the
//! layered [`Schedule`] with the words around it; the others are text, with the usual
//! topics ([`TOPICS`]) as guided fields.
//!
//! Like the plan of approach, every version carries a content hash; both parents sign the
//! version (in the portal or on paper), and a new version (an amendment during follow-up)
//! is signed again.

use std::collections::BTreeMap;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::case::{Case, CaseEvent, CaseStatus, Signature, SignatureMethod, amsterdam};
use crate::ids::{PersonId, UserId};
use crate::refusal::Refusal;
use crate::schedule::{Parent, Schedule};

/// The usual topics a parenting plan settles: key, Dutch and English name.
pub const TOPICS: [(&str, &str, &str); 8] = [
    ("school", "School en opvang", "School and childcare"),
    ("health", "Gezondheid en zorg", "Health and care"),
    (
        "passport_travel",
        "Paspoort en reizen naar het buitenland",
        "Passport and travel abroad",
    ),
    (
        "contact",
        "Contact per telefoon en video",
        "Phone and video contact",
    ),
    ("new_partners", "Nieuwe partners", "New partners"),
    ("moving", "Verhuizen", "Moving house"),
    ("changing_plan", "Het plan wijzigen", "Changing the plan"),
    (
        "disagreement",
        "Bemiddeling als de ouders het oneens zijn",
        "Mediation when the parents disagree",
    ),
];

/// What one version of the parenting plan says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParentingPlanContent {
    /// The parent called A in the schedule.
    pub parent_a: PersonId,
    /// The parent called B in the schedule.
    pub parent_b: PersonId,
    /// (a) who has the child when: the base pattern and what overrides it.
    pub schedule: Schedule,
    /// (a) the division of care and upbringing in words (decisions, daily care).
    pub care: String,
    /// (b) how the parents inform and consult each other.
    pub information: String,
    /// (c) the costs of care and upbringing.
    pub costs: String,
    /// (lid 4) how the children were involved in making the plan.
    pub child_involvement: String,
    /// Agreements on the usual topics, by [`TOPICS`] key.
    #[serde(default)]
    pub topics: BTreeMap<String, String>,
}

impl ParentingPlanContent {
    /// The content hash both parents sign.
    pub fn hash(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        hex::encode(Sha256::digest(json))
    }

    /// The person who is `parent` in the schedule.
    pub fn person(&self, parent: Parent) -> &PersonId {
        match parent {
            Parent::A => &self.parent_a,
            Parent::B => &self.parent_b,
        }
    }

    /// Which schedule parent a person is, if either.
    pub fn parent_of(&self, person: &PersonId) -> Option<Parent> {
        if person == &self.parent_a {
            Some(Parent::A)
        } else if person == &self.parent_b {
            Some(Parent::B)
        } else {
            None
        }
    }
}

/// One version of the parenting plan with its signatures.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParentingPlanVersion {
    pub version: u32,
    pub content: ParentingPlanContent,
    pub content_hash: String,
    pub created_at: jiff::Timestamp,
    pub created_by: UserId,
    pub signatures: Vec<Signature>,
}

impl ParentingPlanVersion {
    /// Both parents of the plan signed this version.
    pub fn signed_by_both(&self) -> bool {
        [&self.content.parent_a, &self.content.parent_b]
            .iter()
            .all(|p| self.signatures.iter().any(|s| &s.parent == *p))
    }
}

/// The rules of writing a version: while the case runs or is in follow-up (an amendment
/// then), between two different parents of the case, with a schedule that holds together.
pub fn write(case: &Case, content: ParentingPlanContent) -> Result<Vec<CaseEvent>, Refusal> {
    if !matches!(case.status, CaseStatus::Running | CaseStatus::FollowUp) {
        return Err(if case.status == CaseStatus::Closed {
            Refusal::CaseClosed
        } else {
            Refusal::NotInThisStatus {
                status: case.status,
            }
        });
    }
    let is_parent = |p: &PersonId| case.person(p).is_some_and(|x| x.role.is_parent());
    if content.parent_a == content.parent_b
        || !is_parent(&content.parent_a)
        || !is_parent(&content.parent_b)
    {
        return Err(Refusal::ParentingPlanParents);
    }
    content
        .schedule
        .validate()
        .map_err(|e| Refusal::ParentingPlanSchedule {
            problem: e.to_string(),
        })?;
    let version = case.parenting_plans.last().map_or(1, |p| p.version + 1);
    let content_hash = content.hash();
    Ok(vec![CaseEvent::ParentingPlanWritten {
        version,
        content,
        content_hash,
    }])
}

/// The rules of a signature: the current version, by one of its two parents, once; a paper
/// signature's day never in the future nor before the version was written.
pub fn sign(
    case: &Case,
    (version, parent, method, signed_on): (u32, PersonId, SignatureMethod, Option<Date>),
    (now, today, actor): (jiff::Timestamp, Date, &UserId),
) -> Result<Vec<CaseEvent>, Refusal> {
    if case.status == CaseStatus::Closed {
        return Err(Refusal::CaseClosed);
    }
    let plan = case
        .parenting_plans
        .last()
        .ok_or(Refusal::NoParentingPlan)?;
    if plan.version != version {
        return Err(Refusal::NotCurrentPlanVersion {
            version,
            current: plan.version,
        });
    }
    if plan.content.parent_of(&parent).is_none() {
        return Err(Refusal::NotAParent);
    }
    if plan.signatures.iter().any(|s| s.parent == parent) {
        return Err(Refusal::AlreadySigned {
            parent: case
                .person(&parent)
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            version,
        });
    }
    if let Some(on) = signed_on {
        if on > today {
            return Err(Refusal::SignatureInTheFuture { on });
        }
        let written = amsterdam().to_datetime(plan.created_at).date();
        if on < written {
            return Err(Refusal::SignatureBeforePlan { on, written });
        }
    }
    Ok(vec![CaseEvent::ParentingPlanSigned {
        version,
        signature: Signature {
            parent,
            signed_at: now,
            method,
            content_hash: plan.content_hash.clone(),
            recorded_by: actor.clone(),
            signed_on,
        },
    }])
}
