//! Validation of a parsed definition: every semantic problem, with the field and the reason.

use super::kinds::{IntakeStyle, Lead, SessionKind};
use super::{FieldProblem, Programme};

/// The problems found so far, in the order of the definition's parts.
#[derive(Default)]
struct Problems(Vec<FieldProblem>);

impl Problems {
    fn add(&mut self, field: &str, reason: String) {
        self.0.push(FieldProblem {
            field: field.to_owned(),
            reason,
        });
    }
}

impl Programme {
    /// Every semantic problem of the definition (empty when it is sound), part by part.
    pub fn problems(&self) -> Vec<FieldProblem> {
        let mut p = Problems::default();
        self.identity_problems(&mut p);
        self.eligibility_problems(&mut p);
        self.intake_problems(&mut p);
        self.duration_problems(&mut p);
        self.session_kinds_problems(&mut p);
        self.phases_problems(&mut p);
        self.cadence_problems(&mut p);
        self.locations_and_supervision_problems(&mut p);
        self.partners_problems(&mut p);
        self.escalation_problems(&mut p);
        p.0
    }

    fn has_kind(&self, kind: SessionKind) -> bool {
        self.kind(kind).is_some()
    }

    /// The id is a slug; the name is in both languages.
    fn identity_problems(&self, p: &mut Problems) {
        if self.id.is_empty()
            || !self
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            p.add("id", "must be a non-empty slug of a-z, 0-9 and '-'".into());
        }
        if self.name.nl.trim().is_empty() || self.name.en.trim().is_empty() {
            p.add("name", "needs a Dutch and an English name".into());
        }
    }

    /// The children's ages (17 at most, soft margin included) and at least one entry route.
    fn eligibility_problems(&self, p: &mut Problems) {
        let e = &self.eligibility;
        if e.child_age_min > e.child_age_max {
            p.add(
                "eligibility.child_age_min",
                format!(
                    "{} is above child_age_max {}",
                    e.child_age_min, e.child_age_max
                ),
            );
        }
        if u16::from(e.child_age_max) + u16::from(e.child_age_soft_above) > 17 {
            p.add(
                "eligibility.child_age_soft_above",
                "child_age_max plus child_age_soft_above is above 17".into(),
            );
        }
        if e.child_age_max > 17 {
            p.add(
                "eligibility.child_age_max",
                "children are 17 at most".into(),
            );
        }
        if e.entry_routes.is_empty() {
            p.add(
                "eligibility.entry_routes",
                "needs at least one entry route".into(),
            );
        }
    }

    /// The intake's style and sessions are session kinds of the programme.
    fn intake_problems(&self, p: &mut Problems) {
        if self.intake.style == IntakeStyle::Informative
            && !self.has_kind(SessionKind::InformativeConversation)
        {
            p.add(
                "intake.style",
                "an informative intake needs the session kind informative_conversation".into(),
            );
        }
        if self.intake.style != IntakeStyle::Informative && !self.has_kind(SessionKind::Intake) {
            p.add(
                "intake.style",
                "this intake style needs the session kind intake".into(),
            );
        }
        if self.intake.child_conversation && !self.has_kind(SessionKind::ChildConversation) {
            p.add(
                "intake.child_conversation",
                "needs the session kind child_conversation".into(),
            );
        }
        if self.intake.interaction_observation_below_age.is_some()
            && !self.has_kind(SessionKind::InteractionObservation)
        {
            p.add(
                "intake.interaction_observation_below_age",
                "needs the session kind interaction_observation".into(),
            );
        }
    }

    /// The target duration within the maximum; a follow-up with its months and appointments.
    fn duration_problems(&self, p: &mut Problems) {
        if let (Some(target), Some(max)) = (self.duration.target_months, self.duration.max_months)
            && target > max
        {
            p.add(
                "duration.target_months",
                format!("{target} is above max_months {max}"),
            );
        }
        if self.duration.max_months == Some(0) {
            p.add("duration.max_months", "must be at least 1".into());
        }
        if let Some(f) = &self.follow_up {
            if f.months == 0 {
                p.add("follow_up.months", "must be at least 1".into());
            }
            if f.return_appointments > 0 && !self.has_kind(SessionKind::FollowUpAppointment) {
                p.add(
                    "follow_up.return_appointments",
                    "needs the session kind follow_up_appointment".into(),
                );
            }
        }
    }

    /// At least one session kind, each sound.
    fn session_kinds_problems(&self, p: &mut Problems) {
        if self.session_kinds.is_empty() {
            p.add("session_kinds", "needs at least one session kind".into());
        }
        for (i, rule) in self.session_kinds.iter().enumerate() {
            let field = |name: &str| format!("session_kinds[{i}].{name}");
            if self.session_kinds[..i].iter().any(|r| r.kind == rule.kind) {
                p.add(&field("kind"), format!("{:?} is defined twice", rule.kind));
            }
            // Supervised contact lasts two hours at most (seed 001); other kinds a working day.
            let limit = if rule.kind.is_supervised_contact() {
                120
            } else {
                480
            };
            if rule.max_minutes == 0 || rule.max_minutes > limit {
                p.add(
                    &field("max_minutes"),
                    format!(
                        "must be between 1 and {limit} minutes, not {}",
                        rule.max_minutes
                    ),
                );
            }
            if let (Some(t), Some(m)) = (rule.target_count, rule.max_count)
                && t > m
            {
                p.add(
                    &field("target_count"),
                    format!("{t} is above max_count {m}"),
                );
            }
            if rule.max_count == Some(0) {
                p.add(
                    &field("max_count"),
                    "must be at least 1 (leave the kind out instead)".into(),
                );
            }
            for (j, req) in rule.requires_held.iter().enumerate() {
                if !self.has_kind(req.kind) {
                    p.add(
                        &format!("session_kinds[{i}].requires_held[{j}].kind"),
                        format!("{:?} is not a session kind of this programme", req.kind),
                    );
                }
                if req.kind == rule.kind {
                    p.add(
                        &format!("session_kinds[{i}].requires_held[{j}].kind"),
                        "a kind cannot require itself".into(),
                    );
                }
            }
            for (j, loc) in rule.locations.iter().enumerate() {
                if rule.locations[..j].contains(loc) {
                    p.add(
                        &format!("session_kinds[{i}].locations[{j}]"),
                        format!("{loc:?} is listed twice"),
                    );
                }
            }
            if rule.led_by == Lead::Partner && !self.partner_kinds().any(|k| k == rule.kind) {
                p.add(
                    &field("led_by"),
                    "led by a partner, but no partner has this kind".into(),
                );
            }
            if rule.kind == SessionKind::SupervisedVisit && rule.led_by != Lead::Supervisor {
                p.add(
                    &field("led_by"),
                    "a supervised visit is led by a supervisor".into(),
                );
            }
        }
    }

    /// At least one phase, each with a unique id, its own kinds, and a next phase to advance to.
    fn phases_problems(&self, p: &mut Problems) {
        if self.phases.is_empty() {
            p.add("phases", "needs at least one phase".into());
        }
        for (i, phase) in self.phases.iter().enumerate() {
            if phase.id.is_empty() {
                p.add(&format!("phases[{i}].id"), "must not be empty".into());
            }
            if self.phases[..i].iter().any(|p| p.id == phase.id) {
                p.add(
                    &format!("phases[{i}].id"),
                    format!("'{}' is used twice", phase.id),
                );
            }
            for (j, kind) in phase.session_kinds.iter().enumerate() {
                if !self.has_kind(*kind) {
                    p.add(
                        &format!("phases[{i}].session_kinds[{j}]"),
                        format!("{kind:?} is not a session kind of this programme"),
                    );
                }
            }
            for (j, req) in phase.required.iter().enumerate() {
                if !phase.session_kinds.contains(&req.kind) {
                    p.add(
                        &format!("phases[{i}].required[{j}].kind"),
                        format!("{:?} cannot be planned in this phase", req.kind),
                    );
                }
                if req.count == 0 {
                    p.add(
                        &format!("phases[{i}].required[{j}].count"),
                        "must be at least 1".into(),
                    );
                }
            }
            if let Some(advance) = &phase.advance_after {
                if !phase.session_kinds.contains(&advance.kind) {
                    p.add(
                        &format!("phases[{i}].advance_after.kind"),
                        format!("{:?} cannot be planned in this phase", advance.kind),
                    );
                }
                if advance.count == 0 {
                    p.add(
                        &format!("phases[{i}].advance_after.count"),
                        "must be at least 1".into(),
                    );
                }
                if i + 1 == self.phases.len() {
                    p.add(
                        &format!("phases[{i}].advance_after"),
                        "the last phase has no next phase to advance to".into(),
                    );
                }
            }
        }
    }

    /// A week rhythm alternates at least two kinds of the programme.
    fn cadence_problems(&self, p: &mut Problems) {
        if let Some(c) = &self.cadence {
            if c.alternate.len() < 2 {
                p.add(
                    "cadence.alternate",
                    "needs at least two kinds to alternate".into(),
                );
            }
            if c.interval_days == 0 {
                p.add("cadence.interval_days", "must be at least 1".into());
            }
            for (j, kind) in c.alternate.iter().enumerate() {
                if !self.has_kind(*kind) {
                    p.add(
                        &format!("cadence.alternate[{j}]"),
                        format!("{kind:?} is not a session kind of this programme"),
                    );
                }
            }
        }
    }

    /// At least one place; volunteer requirements only where volunteers may supervise.
    fn locations_and_supervision_problems(&self, p: &mut Problems) {
        if self.locations.allowed.is_empty() {
            p.add(
                "locations.allowed",
                "needs at least one location kind".into(),
            );
        }
        let s = &self.supervision;
        if !s.volunteers_allowed && (s.volunteer_requires_training || s.volunteer_requires_vog) {
            p.add(
                "supervision.volunteers_allowed",
                "volunteer requirements are set, but volunteers are not allowed".into(),
            );
        }
        if s.volunteer_requires_vog && s.vog_valid_months == 0 {
            p.add("supervision.vog_valid_months", "must be at least 1".into());
        }
    }

    /// Each partner has kinds of the programme that a partner leads.
    fn partners_problems(&self, p: &mut Problems) {
        for (i, partner) in self.partners.iter().enumerate() {
            if partner.session_kinds.is_empty() {
                p.add(
                    &format!("partners[{i}].session_kinds"),
                    "needs at least one kind".into(),
                );
            }
            for (j, kind) in partner.session_kinds.iter().enumerate() {
                match self.kind(*kind) {
                    None => p.add(
                        &format!("partners[{i}].session_kinds[{j}]"),
                        format!("{kind:?} is not a session kind of this programme"),
                    ),
                    Some(rule) if rule.led_by != Lead::Partner => p.add(
                        &format!("partners[{i}].session_kinds[{j}]"),
                        format!("{kind:?} is not led_by = \"partner\""),
                    ),
                    Some(_) => {}
                }
            }
        }
    }

    /// A no-agreement deadline says to whom the report goes.
    fn escalation_problems(&self, p: &mut Problems) {
        if self.deadlines.no_agreement_report_after_months.is_some()
            && self
                .escalation
                .as_ref()
                .is_none_or(|e| e.no_agreement_report_to.is_empty())
        {
            p.add(
                "escalation.no_agreement_report_to",
                "deadlines.no_agreement_report_after_months is set, so say to whom the report goes"
                    .into(),
            );
        }
    }
}
