//! Programme definitions: each programme's rules as data.
//!
//! A programme (*traject*) is described by a TOML file (see `programmes/` at the repository
//! root for the five built-in ones). [`Programme::parse`] reads and validates one; a wrong
//! definition is refused with the file, the field and the reason. No code anywhere asks
//! "which programme is this?": every rule is a field read from here.

mod kinds;
mod problems;
mod rules;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

use crate::text::Text;

pub use kinds::{
    EntryRoute, EscalationTarget, IntakeStyle, Lead, LocationKind, PlanDocument, RoomType,
    SessionKind,
};
pub use rules::{
    Cadence, Deadlines, DurationRule, Eligibility, EscalationRule, FollowUpRule, HeldCount,
    IntakeRule, LocationRule, PartnerPart, PhaseRule, PlanRule, SessionKindRule, SupervisionRule,
};

/// One programme's rules. Parse with [`Programme::parse`], which validates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Programme {
    /// A short slug, unique on the installation (e.g. `ouderschap-blijft`).
    pub id: String,
    pub name: Text,
    pub summary: Text,
    /// Who provides it, as described in the source document.
    #[serde(default)]
    pub provider: Option<String>,
    pub eligibility: Eligibility,
    pub intake: IntakeRule,
    pub plan: PlanRule,
    pub duration: DurationRule,
    #[serde(default)]
    pub follow_up: Option<FollowUpRule>,
    #[serde(default)]
    pub deadlines: Deadlines,
    pub session_kinds: Vec<SessionKindRule>,
    pub phases: Vec<PhaseRule>,
    #[serde(default)]
    pub cadence: Option<Cadence>,
    pub locations: LocationRule,
    pub supervision: SupervisionRule,
    #[serde(default)]
    pub partners: Vec<PartnerPart>,
    #[serde(default)]
    pub escalation: Option<EscalationRule>,
}

/// One thing wrong with a definition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldProblem {
    pub field: String,
    pub reason: String,
}

/// A definition that was refused: the file, and each field with its reason.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{file}: {}", problems.iter().map(|p| format!("{}: {}", p.field, p.reason)).collect::<Vec<_>>().join("; "))]
pub struct ProgrammeError {
    pub file: String,
    pub problems: Vec<FieldProblem>,
}

/// The five programmes of the seed documents, shipped in the binary.
pub const BUILT_IN: [(&str, &str); 5] = [
    (
        "de-ronde-venen.toml",
        include_str!("../../../../programmes/de-ronde-venen.toml"),
    ),
    (
        "intensieve-omgangsbegeleiding.toml",
        include_str!("../../../../programmes/intensieve-omgangsbegeleiding.toml"),
    ),
    (
        "ouderschap-blijft.toml",
        include_str!("../../../../programmes/ouderschap-blijft.toml"),
    ),
    (
        "omgangshuis.toml",
        include_str!("../../../../programmes/omgangshuis.toml"),
    ),
    (
        "begeleide-omgangsregeling.toml",
        include_str!("../../../../programmes/begeleide-omgangsregeling.toml"),
    ),
];

/// Parses and validates the built-in programmes.
pub fn built_in() -> Result<Vec<Programme>, ProgrammeError> {
    BUILT_IN
        .iter()
        .map(|(file, src)| Programme::parse(file, src))
        .collect()
}

impl Programme {
    /// Parses a TOML definition and validates it. `file` names it in errors.
    pub fn parse(file: &str, source: &str) -> Result<Programme, ProgrammeError> {
        let programme: Programme = toml::from_str(source).map_err(|e| ProgrammeError {
            file: file.to_owned(),
            problems: vec![FieldProblem {
                field: toml_error_field(source, &e),
                reason: e.message().to_owned(),
            }],
        })?;
        let problems = programme.problems();
        if problems.is_empty() {
            Ok(programme)
        } else {
            Err(ProgrammeError {
                file: file.to_owned(),
                problems,
            })
        }
    }

    /// The rule for a session kind, if the programme has that kind.
    pub fn kind(&self, kind: SessionKind) -> Option<&SessionKindRule> {
        self.session_kinds.iter().find(|k| k.kind == kind)
    }

    pub fn phase(&self, id: &str) -> Option<&PhaseRule> {
        self.phases.iter().find(|p| p.id == id)
    }

    /// The phase after `id`, if any.
    pub fn next_phase(&self, id: &str) -> Option<&PhaseRule> {
        let index = self.phases.iter().position(|p| p.id == id)?;
        self.phases.get(index + 1)
    }

    /// Where a session of `kind` may be held: its own list, or the programme's.
    pub fn locations_for(&self, kind: SessionKind) -> &[LocationKind] {
        match self.kind(kind) {
            Some(rule) if !rule.locations.is_empty() => &rule.locations,
            _ => &self.locations.allowed,
        }
    }

    /// Whether a session of `kind` may be held in a room of `room_type`: a refusal naming
    /// the allowed types when not.
    pub fn check_room_type(
        &self,
        kind: SessionKind,
        room_type: RoomType,
    ) -> Result<(), crate::Refusal> {
        match self.kind(kind) {
            Some(rule) if !rule.room_types.is_empty() && !rule.room_types.contains(&room_type) => {
                Err(crate::Refusal::RoomTypeNotAllowed {
                    kind,
                    room_type,
                    allowed: rule.room_types.clone(),
                })
            }
            _ => Ok(()),
        }
    }

    pub fn partner_kinds(&self) -> impl Iterator<Item = SessionKind> + '_ {
        self.partners
            .iter()
            .flat_map(|p| p.session_kinds.iter().copied())
    }
}

/// Names the place of a TOML error: the line and the key on it.
fn toml_error_field(source: &str, error: &toml::de::Error) -> String {
    let Some(span) = error.span() else {
        return "(file)".to_owned();
    };
    let line_no = source[..span.start.min(source.len())].matches('\n').count() + 1;
    let line = source.lines().nth(line_no - 1).unwrap_or("").trim();
    let key = line.split('=').next().unwrap_or("").trim();
    if key.is_empty() {
        format!("line {line_no}")
    } else {
        format!("{key} (line {line_no})")
    }
}
