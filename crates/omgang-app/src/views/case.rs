//! Projecting a case for a viewer: what each [`ViewScope`] sees of the people, plans,
//! sessions, reports and records of a case.

use jiff::civil::Date;
use omgang_domain::Programme;
use omgang_domain::case::{Case, Party, Report, Session, SessionState, age_on};
use omgang_domain::signals;
use omgang_domain::text::Lang;
use serde::Serialize;

use super::{
    AttendeeView, CaseView, ChildView, KindOption, MeldcodeAnswer, MeldcodeView, NextStepView,
    PersonView, PlanView, ReportView, SessionView, SignalView, SignatureView, SupervisorChangeView,
    outcome_view, progress, released, role_label, waiting_days,
};
use crate::policy::{ViewScope, partner_sees};

/// What a viewer with a scope sees of a case.
#[derive(Clone, Copy)]
struct Sight {
    scope: ViewScope,
    contacts: bool,
    sessions: bool,
    plan_content: bool,
    details: bool,
    plan_state: bool,
    evaluations: bool,
    /// The staff's view: the kinds to plan, what the intake misses, the supervisors so far.
    staff: bool,
}

impl Sight {
    fn of(scope: ViewScope) -> Self {
        use ViewScope as V;
        Sight {
            scope,
            contacts: matches!(scope, V::Full | V::Supervisor | V::Partner),
            sessions: matches!(scope, V::Full | V::Supervisor | V::Partner | V::Parent),
            plan_content: matches!(scope, V::Full | V::Supervisor | V::Parent),
            details: matches!(scope, V::Full | V::Supervisor),
            plan_state: matches!(scope, V::Full | V::Supervisor | V::CaseDirector | V::Parent),
            evaluations: matches!(scope, V::Full | V::Supervisor | V::CaseDirector),
            staff: matches!(scope, V::Full | V::Supervisor | V::Partner),
        }
    }

    /// Parents see a report once it is released to them, never a draft.
    fn report(self, r: &Report) -> bool {
        matches!(self.scope, ViewScope::Full | ViewScope::Supervisor)
            || (self.scope == ViewScope::Parent && released(r.state))
    }
}

/// Projects a case for a viewer with `scope`.
pub fn case_view(
    case: &Case,
    programme: &Programme,
    scope: ViewScope,
    today: Date,
    lang: Lang,
) -> CaseView {
    use ViewScope as V;
    let sight = Sight::of(scope);
    let phase_name = case
        .phase
        .as_deref()
        .and_then(|p| programme.phase(p))
        .map(|p| p.name.get(lang).to_owned());
    CaseView {
        id: case.id.0.clone(),
        reference: case.reference.clone(),
        scope,
        organisation_id: case.organisation.0.clone(),
        programme_id: case.programme.clone(),
        programme_name: programme.name.get(lang).to_owned(),
        status: case.status,
        status_label: case.status.label().get(lang).to_owned(),
        phase: case.phase.clone(),
        phase_name,
        registered_on: case.registered_on.to_string(),
        waiting_days: waiting_days(case, today),
        entry_route: case.entry_route,
        registered_by: case.registered_by,
        safety_concerns: case.safety_concerns.clone().filter(|_| sight.details),
        request: case.request.clone().filter(|_| sight.details),
        children: children_view(case, sight, today),
        people: people_view(case, sight, lang),
        coordinator_id: case.coordinator.as_ref().map(|u| u.0.clone()),
        supervisor_id: case
            .supervisor
            .as_ref()
            .map(|u| u.0.clone())
            .filter(|_| scope != V::Referrer),
        partner_org_id: case.partner.as_ref().map(|o| o.0.clone()),
        case_director_id: case.case_director.as_ref().map(|u| u.0.clone()),
        intake_started_on: case.intake_started_on.map(|d| d.to_string()),
        intake_completed_on: case.intake_completed_on.map(|d| d.to_string()),
        running_since: case.running_since.map(|d| d.to_string()),
        follow_up_since: case.follow_up_since.map(|d| d.to_string()),
        closed_on: case.closed_on.map(|d| d.to_string()),
        plans: plans_view(case, sight),
        sessions: sessions_view(case, programme, sight, lang),
        reports: case
            .reports
            .iter()
            .filter(|r| sight.report(r))
            .map(|r| report_view(r, sight))
            .collect(),
        consents: records(sight.details, &case.consents),
        evaluations: records(sight.evaluations, &case.evaluations),
        escalations: records(sight.evaluations, &case.escalations),
        progress: if scope == V::Referrer || scope == V::Partner {
            Vec::new()
        } else {
            progress(case, programme, lang)
        },
        outcome: case
            .outcome
            .as_ref()
            .map(|o| outcome_view(o, &case.outcome_summary, lang)),
        signals: if matches!(scope, V::Full | V::Supervisor | V::CaseDirector) {
            signals::case_signals(case, programme, today)
                .iter()
                .map(|s| SignalView::from(s, lang))
                .collect()
        } else {
            Vec::new()
        },
        may: crate::policy::Permissions::default(),
        parenting_plan_version: case
            .parenting_plans
            .last()
            .filter(|_| matches!(scope, V::Full | V::Supervisor | V::Parent))
            .map(|p| p.version),
        meldcode: if sight.evaluations {
            meldcode_view(case, lang)
        } else {
            Vec::new()
        },
        plannable_kinds: plannable_view(case, programme, sight, today, lang),
        intake_missing: intake_missing_view(case, programme, sight, today, lang),
        supervisor_history: supervisor_history_view(case, sight),
        announcement: None,
        next_step: if scope == V::Full {
            omgang_domain::next_step::next_step(case, programme, today).map(|n| NextStepView {
                text: n.text.get(lang).to_owned(),
                section: n.section,
            })
        } else {
            None
        },
    }
}

/// The people of a case (none for a referrer), their contact details as the scope allows.
fn people_view(case: &Case, sight: Sight, lang: Lang) -> Vec<PersonView> {
    use ViewScope as V;
    let scope = sight.scope;
    case.people
        .iter()
        .filter(|_| scope != V::Referrer)
        .map(|p| PersonView {
            id: p.id.0.clone(),
            name: p.name.clone(),
            role: p.role,
            role_label: role_label(p.role, lang),
            email: p.contact.email.clone().filter(|_| sight.contacts),
            phone: p.contact.phone.clone().filter(|_| sight.contacts),
            // A secret address is only in the full view.
            address: p.contact.address.clone().filter(|_| {
                sight.contacts && scope != V::Partner && (!p.secret_address || scope == V::Full)
            }),
            secret_address: p.secret_address && matches!(scope, V::Full | V::Supervisor),
            organisation: p.organisation.clone(),
            signs_plan: p.signs_the_plan(),
        })
        .collect()
}

fn children_view(case: &Case, sight: Sight, today: Date) -> Vec<ChildView> {
    case.children
        .iter()
        .map(|c| ChildView {
            id: c.id.0.clone(),
            name: c.name.clone(),
            birth_date: Some(c.birth_date.to_string())
                .filter(|_| sight.details || sight.scope == ViewScope::CaseDirector),
            age: age_on(c.birth_date, today),
        })
        .collect()
}

/// The plan's versions and their signatures (the content only where the scope reads it).
fn plans_view(case: &Case, sight: Sight) -> Vec<PlanView> {
    if !sight.plan_state {
        return Vec::new();
    }
    case.plans
        .iter()
        .map(|p| {
            let unsigned = case
                .parents()
                .filter(|parent| !p.signatures.iter().any(|s| s.parent == parent.id))
                .map(|parent| parent.name.clone())
                .collect::<Vec<_>>();
            PlanView {
                version: p.version,
                created_at: p.created_at.to_string(),
                content_hash: p.content_hash.clone(),
                content: if sight.plan_content {
                    serde_json::to_value(&p.content).ok()
                } else {
                    None
                },
                signatures: p
                    .signatures
                    .iter()
                    .map(|s| SignatureView {
                        parent_id: s.parent.0.clone(),
                        parent_name: case.person_name(&s.parent),
                        signed_at: s.signed_at.to_string(),
                        signed_on: s.date().to_string(),
                        method: s.method,
                        content_hash: s.content_hash.clone(),
                    })
                    .collect(),
                signed_by_all: unsigned.is_empty(),
                unsigned,
            }
        })
        .collect()
}

/// The sessions the scope sees (a partner: those of its part of the programme).
fn sessions_view(case: &Case, programme: &Programme, sight: Sight, lang: Lang) -> Vec<SessionView> {
    case.sessions
        .iter()
        .filter(|s| {
            sight.sessions && (sight.scope != ViewScope::Partner || partner_sees(s, programme))
        })
        .map(|s| session_view(case, s, sight, lang))
        .collect()
}

fn session_view(case: &Case, s: &Session, sight: Sight, lang: Lang) -> SessionView {
    let attended = match &s.state {
        SessionState::Held { attended, .. } if sight.details => attended
            .iter()
            .map(|id| AttendeeView {
                id: id.0.clone(),
                name: case.person_name(id),
                role_label: case.person(id).map_or_else(
                    || if lang == Lang::Nl { "kind" } else { "child" }.to_owned(),
                    |p| role_label(p.role, lang),
                ),
            })
            .collect(),
        _ => Vec::new(),
    };
    let (notes, cancelled_by, reason, late) = match &s.state {
        SessionState::Planned => (None, None, None, None),
        SessionState::Held { notes, .. } => (Some(notes.clone()), None, None, None),
        SessionState::Cancelled {
            by, reason, late, ..
        } => (
            None,
            Some(party_name(case, by, lang)),
            Some(reason.clone()),
            Some(*late),
        ),
        SessionState::NoShow { who, notes } => (
            Some(notes.clone()),
            Some(party_name(case, who, lang)),
            None,
            None,
        ),
    };
    SessionView {
        id: s.id.0.clone(),
        kind: s.kind,
        kind_label: s.kind.label().get(lang).to_owned(),
        starts_at: s.starts_at.to_string(),
        ends_at: s.ends_at().to_string(),
        minutes: s.minutes,
        location_kind: s.place.kind,
        location_label: s.place.kind.label().get(lang).to_owned(),
        location_id: s.place.location_id.clone(),
        room_id: s.place.room_id.clone(),
        description: s.place.description.clone(),
        supervisor_id: s.supervisor.as_ref().map(|u| u.0.clone()),
        partner_org_id: s.partner.as_ref().map(|o| o.0.clone()),
        state: s.state.status(),
        notes: notes.filter(|_| sight.details),
        cancelled_by,
        reason: reason.filter(|_| sight.details),
        late,
        report_id: case
            .report_for(&s.id)
            .filter(|r| sight.report(r))
            .map(|r| r.id.0.clone()),
        attended,
        drop_off_at: None,
        pick_up_at: None,
        brought_by: None,
    }
}

fn report_view(r: &Report, sight: Sight) -> ReportView {
    ReportView {
        id: r.id.0.clone(),
        session_id: r.session.0.clone(),
        author_id: r.author.0.clone(),
        state: r.state,
        content: serde_json::to_value(&r.content).unwrap_or_default(),
        updated_at: r.updated_at.to_string(),
        approved_by: r.approved_by.as_ref().map(|u| u.0.clone()),
        released_at: r.released_at.map(|t| t.to_string()),
        amendments: r
            .amendments
            .iter()
            .filter_map(|a| serde_json::to_value(a).ok())
            .collect(),
        ready_at: r.ready_at.filter(|_| sight.details).map(|t| t.to_string()),
        returned_reason: r
            .returned
            .as_ref()
            .filter(|_| sight.details)
            .map(|x| x.reason.clone()),
        returned_at: r
            .returned
            .as_ref()
            .filter(|_| sight.details)
            .map(|x| x.at.to_string()),
    }
}

/// Records (consents, evaluations, escalations) as JSON, where the scope sees them.
fn records<T: Serialize>(sees: bool, items: &[T]) -> Vec<serde_json::Value> {
    if !sees {
        return Vec::new();
    }
    items
        .iter()
        .filter_map(|c| serde_json::to_value(c).ok())
        .collect()
}

fn meldcode_view(case: &Case, lang: Lang) -> Vec<MeldcodeView> {
    case.meldcode
        .iter()
        .map(|m| MeldcodeView {
            step: m.step,
            number: m.step.number(),
            label: m.step.label().get(lang).to_owned(),
            on: m.on.to_string(),
            by: m.by.as_ref().map(|u| u.0.clone()),
            note: m.note.clone(),
            answers: m
                .answers
                .iter()
                .zip(omgang_domain::case::AFWEGINGSKADER)
                .map(|(a, (nl, en))| MeldcodeAnswer {
                    question: if lang == Lang::Nl { nl } else { en }.to_owned(),
                    answer: *a,
                })
                .collect(),
            decision: m.decision,
            report_to: m.report_to,
        })
        .collect()
}

fn plannable_view(
    case: &Case,
    programme: &Programme,
    sight: Sight,
    today: Date,
    lang: Lang,
) -> Vec<KindOption> {
    if !sight.staff {
        return Vec::new();
    }
    omgang_domain::case::plannable_kinds(case, programme, today)
        .into_iter()
        .map(|k| KindOption {
            kind: k,
            label: k.label().get(lang).to_owned(),
        })
        .collect()
}

fn intake_missing_view(
    case: &Case,
    programme: &Programme,
    sight: Sight,
    today: Date,
    lang: Lang,
) -> Vec<String> {
    if !(sight.staff && case.status == omgang_domain::CaseStatus::Intake) {
        return Vec::new();
    }
    omgang_domain::case::intake_sessions_missing(case, programme, today)
        .iter()
        .map(|n| n.text(case).get(lang).to_owned())
        .collect()
}

fn supervisor_history_view(case: &Case, sight: Sight) -> Vec<SupervisorChangeView> {
    if !sight.staff {
        return Vec::new();
    }
    case.supervisor_history
        .iter()
        .map(|c| SupervisorChangeView {
            user_id: c.user.0.clone(),
            on: c.on.to_string(),
            previous_id: c.previous.as_ref().map(|u| u.0.clone()),
            reason: c.reason.clone(),
        })
        .collect()
}

pub(super) fn party_name(case: &Case, party: &Party, lang: Lang) -> String {
    match party {
        Party::Person(p) => case.person_name(p),
        Party::Organisation => if lang == Lang::Nl {
            "de organisatie"
        } else {
            "the organisation"
        }
        .into(),
    }
}
