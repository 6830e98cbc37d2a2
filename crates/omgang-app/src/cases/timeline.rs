//! The timeline's text: each stored event described in Dutch or English, and what a step did by itself.

use omgang_domain::Programme;
use omgang_domain::case::{Case, CaseEvent};
use omgang_domain::ids::SessionId;
use omgang_domain::refusal::{dutch_date, english_date};

use super::read::TimelineEntry;
use crate::views::{self};

/// A short description of an event for the timeline (no contact details in it).
pub(super) fn describe(case: &Case, programme: &Programme, event: &CaseEvent, en: bool) -> String {
    match event {
        CaseEvent::Registered { .. }
        | CaseEvent::IntakeStarted { .. }
        | CaseEvent::IntakeCompleted { .. }
        | CaseEvent::CoordinatorAssigned { .. }
        | CaseEvent::SupervisorAssigned { .. }
        | CaseEvent::PartnerAssigned { .. }
        | CaseEvent::CaseDirectorAssigned { .. } => describe_intake(event, en),
        CaseEvent::PlanWritten { .. }
        | CaseEvent::PlanSigned { .. }
        | CaseEvent::ParentingPlanWritten { .. }
        | CaseEvent::ParentingPlanSigned { .. }
        | CaseEvent::RunningStarted { .. } => describe_plan(case, programme, event, en),
        CaseEvent::SessionPlanned { .. }
        | CaseEvent::SessionHeld { .. }
        | CaseEvent::SessionCancelled { .. }
        | CaseEvent::SessionNoShow { .. }
        | CaseEvent::PhaseAdvanced { .. } => describe_session(case, programme, event, en),
        CaseEvent::ReportSaved { .. }
        | CaseEvent::ReportApproved { .. }
        | CaseEvent::ReportSubmitted { .. }
        | CaseEvent::ReportReturned { .. }
        | CaseEvent::ReportReleased { .. }
        | CaseEvent::ReportAmended { .. } => describe_report(event, en),
        CaseEvent::EvaluationRecorded { .. }
        | CaseEvent::EscalationRecorded { .. }
        | CaseEvent::MeldcodeStepRecorded { .. }
        | CaseEvent::Ended { .. }
        | CaseEvent::FollowUpClosed { .. } => describe_end(event, en),
        CaseEvent::ConsentRecorded { .. }
        | CaseEvent::PersonUpdated { .. }
        | CaseEvent::WarningsConfirmed { .. } => describe_people(case, event, en),
    }
}

/// [`describe`]: the registration, intake and the people assigned.
fn describe_intake(event: &CaseEvent, en: bool) -> String {
    let t = |nl: String, e: String| if en { e } else { nl };
    match event {
        CaseEvent::Registered(r) => t(
            format!("Aanmelding ontvangen ({} kind(eren))", r.children.len()),
            format!("Registration received ({} child(ren))", r.children.len()),
        ),
        CaseEvent::IntakeStarted { on } => t(
            format!("Intake gestart op {}", dutch_date(*on)),
            format!("Intake started on {}", english_date(*on)),
        ),
        CaseEvent::IntakeCompleted { eligible, .. } => t(
            format!(
                "Intake afgerond: {}",
                if *eligible { "passend" } else { "niet passend" }
            ),
            format!(
                "Intake completed: {}",
                if *eligible {
                    "eligible"
                } else {
                    "not eligible"
                }
            ),
        ),
        CaseEvent::CoordinatorAssigned { .. } => t(
            "Coördinator toegewezen".into(),
            "Coordinator assigned".into(),
        ),
        CaseEvent::SupervisorAssigned {
            reason: Some(reason),
            ..
        } => t(
            format!("Andere omgangsbegeleider toegewezen; reden: {reason}"),
            format!("Another supervisor assigned; reason: {reason}"),
        ),
        CaseEvent::SupervisorAssigned { .. } => t(
            "Omgangsbegeleider toegewezen".into(),
            "Supervisor assigned".into(),
        ),
        CaseEvent::PartnerAssigned { organisation } => match organisation {
            Some(_) => t(
                "Partnerorganisatie gekoppeld".into(),
                "Partner organisation linked".into(),
            ),
            None => t(
                "Partnerorganisatie ontkoppeld".into(),
                "Partner organisation unlinked".into(),
            ),
        },
        CaseEvent::CaseDirectorAssigned { .. } => t(
            "Casusregisseur gewijzigd".into(),
            "Case director changed".into(),
        ),
        // The other events: told by the other helpers of [`describe`].
        _ => String::new(),
    }
}

/// [`describe`]: the plan of approach, the parenting plan and the start of the programme.
fn describe_plan(case: &Case, programme: &Programme, event: &CaseEvent, en: bool) -> String {
    let t = |nl: String, e: String| if en { e } else { nl };
    let doc = programme.plan.document.label();
    match event {
        CaseEvent::PlanWritten { version, .. } => t(
            format!("{} versie {version} geschreven", doc.nl),
            format!("{} version {version} written", doc.en),
        ),
        CaseEvent::PlanSigned { version, signature } => t(
            format!(
                "Versie {version} ondertekend door {}",
                case.person_name(&signature.parent)
            ),
            format!(
                "Version {version} signed by {}",
                case.person_name(&signature.parent)
            ),
        ),
        CaseEvent::ParentingPlanWritten { version, .. } => t(
            format!("Ouderschapsplan versie {version} geschreven"),
            format!("Parenting plan version {version} written"),
        ),
        CaseEvent::ParentingPlanSigned { version, signature } => t(
            format!(
                "Ouderschapsplan versie {version} ondertekend door {}",
                case.person_name(&signature.parent)
            ),
            format!(
                "Parenting plan version {version} signed by {}",
                case.person_name(&signature.parent)
            ),
        ),
        CaseEvent::RunningStarted { phase, .. } => {
            let name = programme.phase(phase).map(|p| p.name.clone());
            t(
                format!(
                    "Traject loopt: {}",
                    name.as_ref().map_or(phase.as_str(), |n| n.nl.as_str())
                ),
                format!(
                    "Programme running: {}",
                    name.as_ref().map_or(phase.as_str(), |n| n.en.as_str())
                ),
            )
        }
        // The other events: told by the other helpers of [`describe`].
        _ => String::new(),
    }
}

/// [`describe`]: sessions and phases.
fn describe_session(case: &Case, programme: &Programme, event: &CaseEvent, en: bool) -> String {
    let t = |nl: String, e: String| if en { e } else { nl };
    match event {
        CaseEvent::SessionPlanned(s) => t(
            format!(
                "{} gepland op {} {}",
                s.kind.label().nl,
                dutch_date(s.date()),
                s.starts_at.time().strftime("%H:%M")
            ),
            format!(
                "{} planned on {} {}",
                s.kind.label().en,
                english_date(s.date()),
                s.starts_at.time().strftime("%H:%M")
            ),
        ),
        CaseEvent::SessionHeld {
            session, attended, ..
        } => {
            let text = session_text(case, session, "gehouden", "held", en);
            if attended.is_empty() {
                text
            } else {
                let names: Vec<String> = attended.iter().map(|p| case.person_name(p)).collect();
                let word = if en { "attended" } else { "aanwezig" };
                format!("{text} ({word}: {})", names.join(", "))
            }
        }
        CaseEvent::SessionCancelled { session, late, .. } => {
            let (nl, e) = if *late {
                ("laat afgezegd", "cancelled late")
            } else {
                ("afgezegd", "cancelled")
            };
            session_text(case, session, nl, e, en)
        }
        CaseEvent::SessionNoShow { session, .. } => {
            session_text(case, session, "niet verschenen", "no-show", en)
        }
        CaseEvent::PhaseAdvanced { to } => {
            let name = programme.phase(to).map(|p| p.name.clone());
            t(
                format!(
                    "Volgende fase: {}",
                    name.as_ref().map_or(to.as_str(), |n| n.nl.as_str())
                ),
                format!(
                    "Next phase: {}",
                    name.as_ref().map_or(to.as_str(), |n| n.en.as_str())
                ),
            )
        }
        // The other events: told by the other helpers of [`describe`].
        _ => String::new(),
    }
}

/// [`describe`]: reports.
fn describe_report(event: &CaseEvent, en: bool) -> String {
    let t = |nl: String, e: String| if en { e } else { nl };
    match event {
        CaseEvent::ReportSaved { .. } => t(
            "Verslag opgeslagen (concept)".into(),
            "Report saved (draft)".into(),
        ),
        CaseEvent::ReportApproved { .. } => {
            t("Verslag goedgekeurd".into(), "Report approved".into())
        }
        CaseEvent::ReportSubmitted { .. } => t(
            "Verslag klaar voor beoordeling".into(),
            "Report ready for review".into(),
        ),
        CaseEvent::ReportReturned { reason, .. } if !reason.is_empty() => t(
            format!("Verslag teruggegeven; reden: {reason}"),
            format!("Report returned; reason: {reason}"),
        ),
        CaseEvent::ReportReturned { .. } => {
            t("Verslag teruggegeven".into(), "Report returned".into())
        }
        CaseEvent::ReportReleased { .. } => t(
            "Verslag gedeeld met de ouders".into(),
            "Report released to the parents".into(),
        ),
        CaseEvent::ReportAmended { .. } => {
            t("Aanvulling op verslag".into(), "Report amended".into())
        }
        // The other events: told by the other helpers of [`describe`].
        _ => String::new(),
    }
}

/// [`describe`]: evaluation, escalation, the meldcode and the end.
fn describe_end(event: &CaseEvent, en: bool) -> String {
    let t = |nl: String, e: String| if en { e } else { nl };
    match event {
        CaseEvent::EvaluationRecorded(e) => t(
            format!(
                "Evaluatie op {}{}",
                dutch_date(e.on),
                if e.agreement_reached {
                    ": overeenstemming"
                } else {
                    ""
                }
            ),
            format!(
                "Evaluation on {}{}",
                english_date(e.on),
                if e.agreement_reached {
                    ": agreement"
                } else {
                    ""
                }
            ),
        ),
        CaseEvent::EscalationRecorded(e) => t(
            format!("Melding aan {}", e.to.label().nl),
            format!("Reported to {}", e.to.label().en),
        ),
        CaseEvent::MeldcodeStepRecorded(m) => t(
            format!(
                "Meldcode, stap {}: {} ({})",
                m.step.number(),
                m.step.label().nl,
                dutch_date(m.on)
            ),
            format!(
                "Meldcode, step {}: {} ({})",
                m.step.number(),
                m.step.label().en,
                english_date(m.on)
            ),
        ),
        CaseEvent::Ended {
            outcome, follow_up, ..
        } => {
            let v = views::outcome_view(
                outcome,
                "",
                if en {
                    omgang_domain::Lang::En
                } else {
                    omgang_domain::Lang::Nl
                },
            );
            match (*follow_up, en) {
                (true, false) => format!("Traject afgerond ({}); nazorg begint", v.label),
                (true, true) => format!("Programme ended ({}); follow-up begins", v.label),
                (false, false) => format!("Traject afgesloten: {}", v.label),
                (false, true) => format!("Case closed: {}", v.label),
            }
        }
        CaseEvent::FollowUpClosed { .. } => {
            t("Nazorg afgesloten".into(), "Follow-up closed".into())
        }
        // The other events: told by the other helpers of [`describe`].
        _ => String::new(),
    }
}

/// [`describe`]: consent, contact details and warnings confirmed.
fn describe_people(case: &Case, event: &CaseEvent, en: bool) -> String {
    let t = |nl: String, e: String| if en { e } else { nl };
    match event {
        CaseEvent::ConsentRecorded(c) => t(
            format!(
                "{} van {}",
                if c.given {
                    "Instemming"
                } else {
                    "Geen instemming"
                },
                case.person_name(&c.parent)
            ),
            format!(
                "{} from {}",
                if c.given { "Consent" } else { "No consent" },
                case.person_name(&c.parent)
            ),
        ),
        CaseEvent::WarningsConfirmed {
            warnings, reason, ..
        } => {
            let texts: Vec<&str> = warnings
                .iter()
                .map(|w| {
                    if en {
                        w.text.en.as_str()
                    } else {
                        w.text.nl.as_str()
                    }
                })
                .collect();
            let why = reason.as_deref().unwrap_or("");
            match (en, why.is_empty()) {
                (false, true) => format!("Toch doorgegaan na waarschuwing: {}", texts.join(" ")),
                (false, false) => format!(
                    "Toch doorgegaan na waarschuwing: {} Reden: {why}",
                    texts.join(" ")
                ),
                (true, true) => format!("Went ahead despite the warning: {}", texts.join(" ")),
                (true, false) => format!(
                    "Went ahead despite the warning: {} Reason: {why}",
                    texts.join(" ")
                ),
            }
        }
        CaseEvent::PersonUpdated {
            person,
            secret_address,
            ..
        } => {
            let name = case.person(person).map_or("?", |p| p.name.as_str());
            match (*secret_address, en) {
                (false, false) => format!("Contactgegevens van {name} gewijzigd"),
                (false, true) => format!("Contact details of {name} changed"),
                (true, false) => {
                    format!(
                        "Contactgegevens van {name} gewijzigd; adres geheim voor de andere ouder"
                    )
                }
                (true, true) => format!(
                    "Contact details of {name} changed; address secret from the other parent"
                ),
            }
        }
        // The other events: told by the other helpers of [`describe`].
        _ => String::new(),
    }
}

/// The timeline: each stored event described; a phase change right after a held session
/// (in the same step) is told as the automatic move it was.
pub(super) fn timeline_entries(
    case: &Case,
    programme: &Programme,
    events: &[omgang_store::StoredEvent],
    en: bool,
) -> Vec<TimelineEntry> {
    let mut out = Vec::with_capacity(events.len());
    for (i, e) in events.iter().enumerate() {
        let before = i.checked_sub(1).and_then(|j| events.get(j));
        let automatic = match (&e.event, before) {
            (CaseEvent::PhaseAdvanced { .. }, Some(prev)) if prev.at == e.at => {
                announcement(case, programme, &[prev.event.clone(), e.event.clone()])
            }
            _ => None,
        };
        let text = match automatic {
            Some(t) if en => t.en,
            Some(t) => t.nl,
            None => describe(case, programme, &e.event, en),
        };
        out.push(TimelineEntry {
            seq: e.seq,
            at: e.at.to_string(),
            actor_id: e.actor.0.clone(),
            event: e.event.name().to_owned(),
            text,
        });
    }
    out
}

/// What a step did by itself: a held session that completed its phase moves the case on
/// ("De 4e begeleide omgang is gehouden: het traject gaat naar Overdrachtsbegeleiding.").
pub fn announcement(
    case: &Case,
    programme: &Programme,
    events: &[CaseEvent],
) -> Option<omgang_domain::Text> {
    let held = events.iter().find_map(|e| match e {
        CaseEvent::SessionHeld { session, .. } => case.session(session).map(|s| s.kind),
        _ => None,
    })?;
    let to = events.iter().find_map(|e| match e {
        CaseEvent::PhaseAdvanced { to } => programme.phase(to),
        _ => None,
    })?;
    let from = programme
        .phases
        .iter()
        .find(|p| programme.next_phase(&p.id).is_some_and(|n| n.id == to.id))?;
    let advance = from.advance_after.filter(|a| a.kind == held)?;
    Some(omgang_domain::Text::new(
        format!(
            "De {}e {} is gehouden: het traject gaat naar {}.",
            advance.count,
            held.label().nl,
            to.name.nl
        ),
        format!(
            "The {} {} was held: the programme moves on to {}.",
            english_ordinal(advance.count),
            held.label().en,
            to.name.en
        ),
    ))
}

pub(super) fn english_ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

pub(super) fn session_text(
    case: &Case,
    id: &SessionId,
    nl: &str,
    en_word: &str,
    en: bool,
) -> String {
    match case.session(id) {
        Some(s) if en => format!(
            "{} on {}: {en_word}",
            s.kind.label().en,
            english_date(s.date())
        ),
        Some(s) => format!("{} van {}: {nl}", s.kind.label().nl, dutch_date(s.date())),
        None => (if en { en_word } else { nl }).to_owned(),
    }
}
