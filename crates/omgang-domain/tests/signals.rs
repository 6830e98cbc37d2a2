//! What is late or due: `case_signals` and `staff_signals` with each programme's numbers.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use jiff::civil::{Date, date};
use omgang_domain::case::{
    Command, Escalation, Evaluation, EvaluationKind, Outcome, Party, SessionOutcome, add_months,
};
use omgang_domain::ids::{PersonId, ReportId, SessionId, UserId};
use omgang_domain::programme::{EscalationTarget, SessionKind};
use omgang_domain::signals::{Signal, SignalKind, Urgency, case_signals, sort, staff_signals};

fn signals(w: &World, today: Date) -> Vec<Signal> {
    let all = case_signals(&w.case, &w.programme, today);
    for s in &all {
        assert!(!s.text.nl.trim().is_empty() && !s.text.en.trim().is_empty());
        assert_ne!(s.text.nl, s.text.en);
        assert_eq!(s.case.as_ref(), Some(&w.case.id));
        assert_eq!(s.case_reference.as_deref(), Some(w.case.reference.as_str()));
        assert_eq!(s.user, None);
    }
    all
}

fn of_kind(w: &World, today: Date, kind: SignalKind) -> Vec<Signal> {
    signals(w, today)
        .into_iter()
        .filter(|s| s.kind == kind)
        .collect()
}

/// The one signal of `kind`, if any, as (urgency, due_on).
fn one(w: &World, today: Date, kind: SignalKind) -> Option<(Urgency, Date)> {
    let found = of_kind(w, today, kind);
    assert!(found.len() <= 1, "{found:?}");
    found.first().map(|s| (s.urgency, s.due_on))
}

fn days(d: Date, n: i64) -> Date {
    d.checked_add(jiff::Span::new().days(n)).unwrap()
}

fn evaluation(on: Date, agreement: bool) -> Command {
    Command::RecordEvaluation(Evaluation {
        kind: EvaluationKind::Interim,
        on,
        summary: "Tussenevaluatie.".to_owned(),
        agreement_reached: agreement,
        next_steps: String::new(),
    })
}

// ---- registration and intake ---------------------------------------------------------------

#[test]
fn a_registration_not_picked_up_is_due_then_late() {
    for p in programmes() {
        let w = World::new(&p.id);
        let limit = i64::from(p.deadlines.registration_pickup_days);
        let due = days(start_date(), limit);
        assert_eq!(
            one(&w, days(start_date(), 3), SignalKind::RegistrationWaiting),
            Some((Urgency::Due, due)),
            "{}",
            p.id
        );
        assert_eq!(
            one(&w, due, SignalKind::RegistrationWaiting),
            Some((Urgency::Due, due))
        );
        let late = of_kind(
            &w,
            days(start_date(), limit + 1),
            SignalKind::RegistrationWaiting,
        );
        assert_eq!(late[0].urgency, Urgency::Late);
        assert!(
            late[0]
                .text
                .nl
                .contains(&format!("wacht al {} dagen", limit + 1)),
            "{}",
            late[0].text.nl
        );
        assert!(late[0].text.nl.contains(&format!("termijn {limit} dagen")));
    }
    // Picked up: gone.
    let mut w = World::new(BOR);
    w.start_intake();
    assert_eq!(
        one(&w, days(start_date(), 30), SignalKind::RegistrationWaiting),
        None
    );
}

#[test]
fn begeleide_omgangsregeling_wants_the_first_visit_within_a_month_of_the_intake() {
    let mut w = World::new(BOR);
    w.start_intake();
    let intake = w.case.intake_started_on.unwrap();
    let due = days(intake, 30);
    assert_eq!(
        one(&w, days(intake, 31), SignalKind::FirstVisitLate),
        Some((Urgency::Late, due))
    );
    assert_eq!(
        one(&w, days(intake, 29), SignalKind::FirstVisitLate),
        Some((Urgency::Due, due)),
        "29 days after the intake it is due, not late"
    );
    assert_eq!(
        one(&w, days(intake, 30), SignalKind::FirstVisitLate),
        Some((Urgency::Due, due))
    );
    // A week ahead it shows up; before that it does not.
    assert_eq!(
        one(&w, days(intake, 23), SignalKind::FirstVisitLate),
        Some((Urgency::Due, due))
    );
    assert_eq!(one(&w, days(intake, 22), SignalKind::FirstVisitLate), None);
    let text = &of_kind(&w, days(intake, 31), SignalKind::FirstVisitLate)[0].text;
    assert!(text.nl.contains("binnen 30 dagen"), "{}", text.nl);
    assert!(text.nl.contains("1 april 2026"), "{}", text.nl);

    // Still late once running without a visit; a planned visit is not enough.
    w.complete_intake();
    let v = w.write_plan();
    w.sign(v, RESIDENT);
    w.sign(v, VISITING);
    w.plan_tomorrow("visit-1", SessionKind::SupervisedVisit);
    assert_eq!(
        one(&w, days(intake, 31), SignalKind::FirstVisitLate),
        Some((Urgency::Late, due))
    );
    w.hold("visit-1");
    assert_eq!(one(&w, days(intake, 31), SignalKind::FirstVisitLate), None);
}

#[test]
fn only_begeleide_omgangsregeling_has_a_first_visit_deadline() {
    for id in [DRV, IOB, OB, OH] {
        let mut w = World::new(id);
        w.start_intake();
        assert_eq!(
            one(&w, days(start_date(), 60), SignalKind::FirstVisitLate),
            None,
            "{id}"
        );
    }
}

// ---- the plan ------------------------------------------------------------------------------

#[test]
fn a_plan_not_signed_by_both_parents_is_signalled() {
    for p in programmes() {
        let mut w = World::new(&p.id);
        w.start_intake();
        w.complete_intake();
        let v = w.write_plan();
        let written = w.today();
        let due = days(written, i64::from(p.plan.sign_within_days));
        assert_eq!(
            one(&w, days(written, 1), SignalKind::PlanNotSigned),
            Some((Urgency::Due, due)),
            "{}",
            p.id
        );
        assert_eq!(
            one(&w, days(due, 1), SignalKind::PlanNotSigned),
            Some((Urgency::Late, due))
        );
        w.sign(v, RESIDENT);
        let s = &of_kind(&w, days(due, 1), SignalKind::PlanNotSigned)[0];
        assert!(s.text.nl.contains(VISITING_NAME), "{}", s.text.nl);
        assert!(!s.text.nl.contains(RESIDENT_NAME), "{}", s.text.nl);
        assert!(s.text.nl.contains("Versie 1"), "{}", s.text.nl);
        w.sign(v, VISITING);
        assert_eq!(one(&w, days(due, 1), SignalKind::PlanNotSigned), None);
        // A new version is unsigned again.
        w.advance_days(20);
        w.write_plan();
        assert!(one(&w, w.today(), SignalKind::PlanNotSigned).is_some());
    }
}

// ---- duration and agreement ----------------------------------------------------------------

#[test]
fn the_maximum_duration_coming_close_is_due_and_passed_is_late() {
    for p in programmes() {
        let mut w = World::new(&p.id);
        w.walk_to_running();
        let start = w.case.intake_started_on.unwrap();
        let months = p.duration.max_months.unwrap();
        let end = add_months(start, months);
        let warn = i64::from(p.duration.warn_days_before_max);
        assert_eq!(
            one(&w, days(end, -warn - 1), SignalKind::MaxDurationNear),
            None,
            "{}",
            p.id
        );
        assert_eq!(
            one(&w, days(end, -warn), SignalKind::MaxDurationNear),
            Some((Urgency::Due, end)),
            "{}",
            p.id
        );
        assert_eq!(
            one(&w, end, SignalKind::MaxDurationNear),
            Some((Urgency::Due, end))
        );
        assert_eq!(
            one(&w, days(end, 1), SignalKind::MaxDurationNear),
            Some((Urgency::Late, end))
        );
        let texts = of_kind(&w, days(end, 1), SignalKind::MaxDurationNear);
        assert!(
            texts[0].text.nl.contains(&format!("{months} maanden")),
            "{}",
            texts[0].text.nl
        );
    }
}

#[test]
fn begeleide_omgangsregeling_warns_thirty_days_before_six_months() {
    let mut w = World::new(BOR);
    w.walk_to_running();
    // Intake on 2 March 2026: six months is 2 September 2026.
    let end = date(2026, 9, 2);
    assert_eq!(one(&w, date(2026, 8, 2), SignalKind::MaxDurationNear), None);
    assert_eq!(
        one(&w, date(2026, 8, 3), SignalKind::MaxDurationNear),
        Some((Urgency::Due, end))
    );
    assert_eq!(
        one(&w, date(2026, 9, 3), SignalKind::MaxDurationNear),
        Some((Urgency::Late, end))
    );
}

#[test]
fn the_plans_own_maximum_duration_counts() {
    let mut w = World::new(OH);
    w.start_intake();
    w.complete_intake();
    let mut content = plan_content();
    content.max_duration_months = Some(3);
    let v = w.write_plan_with(content);
    w.sign(v, RESIDENT);
    w.sign(v, VISITING);
    let end = date(2026, 6, 2);
    assert_eq!(
        one(&w, date(2026, 6, 3), SignalKind::MaxDurationNear),
        Some((Urgency::Late, end))
    );
}

#[test]
fn no_duration_signal_before_the_intake_or_after_the_end() {
    let w = World::new(OB);
    assert_eq!(one(&w, date(2027, 1, 1), SignalKind::MaxDurationNear), None);
    let mut w = World::new(OB);
    w.walk_to_running();
    w.ok(Command::EndCase {
        outcome: Outcome::Ouderschapsplan,
        summary: "Akkoord.".to_owned(),
    });
    // In the follow-up the intensive part's maximum no longer applies.
    assert_eq!(
        one(&w, date(2026, 9, 10), SignalKind::MaxDurationNear),
        None
    );
}

#[test]
fn ouderschap_blijft_without_agreement_after_six_months_must_report() {
    let mut w = World::new(OB);
    w.walk_to_running();
    let start = w.case.intake_started_on.unwrap();
    let due = add_months(start, 6);
    assert_eq!(due, date(2026, 9, 2));
    assert_eq!(
        one(&w, due, SignalKind::NoAgreementReportDue),
        Some((Urgency::Late, due))
    );
    assert_eq!(
        one(&w, days(due, 40), SignalKind::NoAgreementReportDue),
        Some((Urgency::Late, due))
    );
    assert_eq!(
        one(&w, days(due, -10), SignalKind::NoAgreementReportDue),
        Some((Urgency::Due, due))
    );
    assert_eq!(
        one(&w, days(due, -30), SignalKind::NoAgreementReportDue),
        Some((Urgency::Due, due))
    );
    assert_eq!(
        one(&w, days(due, -31), SignalKind::NoAgreementReportDue),
        None
    );
    let text = &of_kind(&w, due, SignalKind::NoAgreementReportDue)[0].text;
    assert!(text.nl.contains("Jeugdteam"), "{}", text.nl);
    assert!(text.nl.contains("Veilig Thuis"), "{}", text.nl);

    // An evaluation without agreement does not clear it; one with agreement does.
    let mut a = w.clone();
    a.ok(evaluation(a.today(), false));
    assert!(one(&a, due, SignalKind::NoAgreementReportDue).is_some());
    a.ok(evaluation(a.today(), true));
    assert_eq!(one(&a, due, SignalKind::NoAgreementReportDue), None);

    // A report to the Jeugdteam or Veilig Thuis clears it; one to the court does not.
    let mut b = w.clone();
    b.ok(Command::RecordEscalation(Escalation {
        to: EscalationTarget::Court,
        on: b.today(),
        reason: "Rechter geïnformeerd.".to_owned(),
    }));
    assert!(one(&b, due, SignalKind::NoAgreementReportDue).is_some());
    b.ok(Command::RecordEscalation(Escalation {
        to: EscalationTarget::Jeugdteam,
        on: b.today(),
        reason: "Geen overeenstemming.".to_owned(),
    }));
    assert_eq!(one(&b, due, SignalKind::NoAgreementReportDue), None);
}

#[test]
fn only_ouderschap_blijft_has_the_no_agreement_report() {
    for id in [DRV, IOB, OH, BOR] {
        let mut w = World::new(id);
        w.walk_to_running();
        assert_eq!(
            one(&w, date(2027, 1, 1), SignalKind::NoAgreementReportDue),
            None,
            "{id}"
        );
    }
}

// ---- sessions and reports ------------------------------------------------------------------

#[test]
fn a_visit_report_not_written_in_time_is_signalled() {
    for p in programmes() {
        let mut w = World::new(&p.id);
        w.walk_to_running();
        if p.kind(SessionKind::SupervisedVisit)
            .is_some_and(|k| !k.requires_held.is_empty())
        {
            w.plan_and_hold("ons-1", SessionKind::OnsConversation);
        }
        w.plan_and_hold("pc-or-eval", SessionKind::Evaluation);
        w.plan_and_hold("visit-1", SessionKind::SupervisedVisit);
        let held_on = w.today();
        let due = days(held_on, i64::from(p.deadlines.report_within_days_of_visit));
        assert_eq!(
            one(&w, held_on, SignalKind::ReportNotWritten),
            Some((Urgency::Due, due)),
            "{}: only the visit needs a report",
            p.id
        );
        assert_eq!(
            one(&w, days(due, 1), SignalKind::ReportNotWritten),
            Some((Urgency::Late, due))
        );
        // A draft counts as written.
        w.ok(Command::SaveReport {
            report: ReportId::from("r-1"),
            session: SessionId::from("visit-1"),
            content: report_content("Concept."),
        });
        assert_eq!(one(&w, days(due, 1), SignalKind::ReportNotWritten), None);
    }
}

#[test]
fn omgangshuis_wants_reports_within_two_days() {
    let mut w = World::new(OH);
    w.walk_to_running();
    w.plan_and_hold("visit-1", SessionKind::SupervisedVisit);
    let held_on = w.today();
    assert_eq!(
        one(&w, days(held_on, 3), SignalKind::ReportNotWritten),
        Some((Urgency::Late, days(held_on, 2)))
    );
}

#[test]
fn a_session_in_the_past_without_outcome_is_late() {
    let mut w = World::new(IOB);
    w.walk_to_running();
    w.plan_tomorrow("pc-1", SessionKind::ParentConversation);
    let on = w.case.session(&SessionId::from("pc-1")).unwrap().date();
    assert_eq!(one(&w, on, SignalKind::OutcomeNotRecorded), None);
    assert_eq!(
        one(&w, days(on, 1), SignalKind::OutcomeNotRecorded),
        Some((Urgency::Late, days(on, 1)))
    );
    w.hold("pc-1");
    assert_eq!(one(&w, days(on, 1), SignalKind::OutcomeNotRecorded), None);
}

#[test]
fn an_evaluation_moment_is_signalled_ahead_and_cleared_by_an_evaluation() {
    let mut w = World::new(OH);
    w.start_intake();
    w.complete_intake();
    let moment = date(2026, 6, 1);
    let mut content = plan_content();
    content.evaluation_moments = vec![moment, date(2026, 9, 1)];
    let v = w.write_plan_with(content);
    w.sign(v, RESIDENT);
    w.sign(v, VISITING);
    let warn = i64::from(w.programme.deadlines.evaluation_warn_days);
    assert_eq!(
        one(&w, days(moment, -warn - 1), SignalKind::EvaluationDue),
        None
    );
    assert_eq!(
        one(&w, days(moment, -warn), SignalKind::EvaluationDue),
        Some((Urgency::Due, moment))
    );
    assert_eq!(
        one(&w, moment, SignalKind::EvaluationDue),
        Some((Urgency::Due, moment))
    );
    assert_eq!(
        one(&w, days(moment, 1), SignalKind::EvaluationDue),
        Some((Urgency::Late, moment))
    );
    // An evaluation long before the window does not count.
    w.ok(evaluation(date(2026, 4, 1), false));
    assert!(one(&w, moment, SignalKind::EvaluationDue).is_some());
    w.ok(evaluation(date(2026, 5, 28), false));
    assert_eq!(one(&w, days(moment, 1), SignalKind::EvaluationDue), None);
    // The second moment comes later, on its own.
    assert_eq!(
        one(&w, date(2026, 9, 2), SignalKind::EvaluationDue),
        Some((Urgency::Late, date(2026, 9, 1)))
    );
}

#[test]
fn evaluation_moments_are_not_signalled_before_the_case_runs() {
    let mut w = World::new(OH);
    w.start_intake();
    w.complete_intake();
    let mut content = plan_content();
    content.evaluation_moments = vec![date(2026, 3, 10)];
    w.write_plan_with(content);
    assert_eq!(one(&w, date(2026, 3, 10), SignalKind::EvaluationDue), None);
}

#[test]
fn repeated_cancellations_by_one_parent_are_signalled() {
    let mut w = World::new(IOB);
    w.walk_to_running();
    let cancel = |w: &mut World, id: &str, by: Party| {
        w.plan_tomorrow(id, SessionKind::ParentConversation);
        w.ok(Command::RecordOutcome {
            session: SessionId::from(id),
            outcome: SessionOutcome::Cancelled {
                by,
                reason: "Kan niet.".to_owned(),
            },
        });
        w.advance_days(2);
    };
    let visiting = Party::Person(PersonId::from(VISITING));
    cancel(&mut w, "pc-1", visiting.clone());
    cancel(&mut w, "pc-2", Party::Person(PersonId::from(RESIDENT)));
    cancel(&mut w, "pc-3", Party::Organisation);
    cancel(&mut w, "pc-4", Party::Organisation);
    assert_eq!(one(&w, w.today(), SignalKind::RepeatedCancellations), None);
    // A no-show counts as well.
    w.plan_tomorrow("pc-5", SessionKind::ParentConversation);
    let start = w.case.session(&SessionId::from("pc-5")).unwrap().starts_at;
    w.set_now(
        omgang_domain::case::amsterdam()
            .to_timestamp(start)
            .unwrap(),
    );
    w.ok(Command::RecordOutcome {
        session: SessionId::from("pc-5"),
        outcome: SessionOutcome::NoShow {
            who: visiting,
            notes: String::new(),
        },
    });
    let found = of_kind(&w, w.today(), SignalKind::RepeatedCancellations);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].urgency, Urgency::Due);
    assert_eq!(found[0].due_on, start.date());
    assert!(
        found[0]
            .text
            .nl
            .contains(&format!("{VISITING_NAME} heeft 2 keer")),
        "{}",
        found[0].text.nl
    );
}

// ---- follow-up -----------------------------------------------------------------------------

#[test]
fn follow_up_appointments_are_due_through_the_follow_up_half_year() {
    let mut w = World::new(OB);
    w.walk_to_running();
    w.ok(Command::EndCase {
        outcome: Outcome::Ouderschapsplan,
        summary: "Akkoord.".to_owned(),
    });
    let since = w.case.follow_up_since.unwrap();
    // Six months with four appointments: one every 45 days.
    let first = days(since, 45);
    assert_eq!(
        one(&w, days(first, -15), SignalKind::FollowUpAppointmentDue),
        None
    );
    assert_eq!(
        one(&w, days(first, -14), SignalKind::FollowUpAppointmentDue),
        Some((Urgency::Due, first))
    );
    assert_eq!(
        one(&w, days(first, 1), SignalKind::FollowUpAppointmentDue),
        Some((Urgency::Late, first))
    );
    let text = &of_kind(&w, first, SignalKind::FollowUpAppointmentDue)[0].text;
    assert!(text.nl.contains("Terugkomafspraak 1 van 4"), "{}", text.nl);
    // Planned: nothing to signal.
    w.set_now(ts(days(first, -3), 9, 0));
    w.plan_tomorrow("fu-1", SessionKind::FollowUpAppointment);
    assert_eq!(one(&w, first, SignalKind::FollowUpAppointmentDue), None);
    w.hold("fu-1");
    let second = days(since, 90);
    assert_eq!(
        one(&w, days(second, 1), SignalKind::FollowUpAppointmentDue),
        Some((Urgency::Late, second))
    );
    // The end of the follow-up period.
    let end = add_months(since, 6);
    assert_eq!(one(&w, days(end, -1), SignalKind::FollowUpEnds), None);
    assert_eq!(
        one(&w, end, SignalKind::FollowUpEnds),
        Some((Urgency::Late, end))
    );
    w.ok(Command::CloseFollowUp {
        summary: String::new(),
    });
    assert!(signals(&w, end).is_empty());
}

// ---- closed cases and ordering -------------------------------------------------------------

#[test]
fn closed_cases_have_no_signals() {
    for p in programmes() {
        let mut w = World::new(&p.id);
        w.walk_to_running();
        w.plan_tomorrow("eval-1", SessionKind::Evaluation);
        w.write_plan();
        let busy = days(w.today(), 400);
        assert!(!signals(&w, busy).is_empty(), "{}", p.id);
        w.ok(Command::EndCase {
            outcome: Outcome::StoppedEarly {
                reason: "Verhuisd.".to_owned(),
            },
            summary: String::new(),
        });
        for today in [w.today(), busy, date(2030, 1, 1)] {
            assert!(signals(&w, today).is_empty(), "{}", p.id);
        }
    }
}

#[test]
fn signals_come_late_first_then_by_deadline() {
    let mut w = World::new(OB);
    w.walk_to_running();
    w.plan_tomorrow("pc-1", SessionKind::ParentConversation);
    w.write_plan();
    let all = signals(&w, date(2026, 9, 20));
    assert!(all.len() >= 3, "{all:?}");
    let keys: Vec<_> = all.iter().map(|s| (s.urgency, s.due_on, s.kind)).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    let mut shuffled = all.clone();
    shuffled.reverse();
    sort(&mut shuffled);
    assert_eq!(shuffled, all);
}

// ---- staff ---------------------------------------------------------------------------------

#[test]
fn a_volunteers_vog_running_out_is_due_then_late() {
    let v = volunteer("u-vera", Some(date(2023, 6, 1)), Some(date(2023, 7, 1)));
    let expires = date(2026, 6, 1);
    assert!(staff_signals(&v, 36, 30, date(2026, 5, 1)).is_empty());
    let due = staff_signals(&v, 36, 30, date(2026, 5, 2));
    assert_eq!(due.len(), 1, "{due:?}");
    assert_eq!(due[0].kind, SignalKind::VogExpiring);
    assert_eq!(due[0].urgency, Urgency::Due);
    assert_eq!(due[0].due_on, expires);
    assert_eq!(due[0].user, Some(UserId::from("u-vera")));
    assert_eq!(due[0].case, None);
    assert!(due[0].text.nl.contains("1 juni 2026"), "{}", due[0].text.nl);
    let late = staff_signals(&v, 36, 30, expires);
    assert_eq!(late[0].urgency, Urgency::Late);
    // Signals and rules agree on the last valid day.
    assert!(v.vog_valid_on(date(2026, 5, 31), 36));
    assert!(!v.vog_valid_on(expires, 36));
}

#[test]
fn a_volunteer_without_vog_or_training_is_signalled() {
    let today = date(2026, 3, 2);
    let none = volunteer("u-x", None, None);
    let found = staff_signals(&none, 36, 30, today);
    let kinds: Vec<_> = found.iter().map(|s| (s.kind, s.urgency)).collect();
    assert_eq!(
        kinds,
        vec![
            (SignalKind::VogExpiring, Urgency::Late),
            (SignalKind::TrainingMissing, Urgency::Late)
        ]
    );
    for s in &found {
        assert!(s.text.nl.contains("Vera Vrijwilliger"));
        assert!(!s.text.en.is_empty());
    }
    let trained = volunteer("u-y", None, Some(date(2025, 1, 1)));
    assert_eq!(staff_signals(&trained, 36, 30, today).len(), 1);
    assert!(staff_signals(&good_volunteer("u-z"), 36, 30, today).is_empty());
}

#[test]
fn a_professional_has_no_vog_or_training_signals() {
    let pro = professional("u-pro", "Piet Professional");
    assert!(pro.vog_issued_on.is_none() && pro.training_completed_on.is_none());
    assert!(staff_signals(&pro, 36, 30, date(2026, 3, 2)).is_empty());
}

#[test]
fn a_volunteer_the_rules_refuse_is_signalled() {
    let today = date(2026, 3, 2);
    // Training still to be completed, VOG valid: decide refuses with TrainingMissing.
    let future_training = volunteer("u-a", Some(date(2025, 1, 1)), Some(date(2026, 6, 1)));
    let mut w = World::new(BOR);
    w.walk_to_running();
    w.staff = Some(volunteer(
        SUPERVISOR,
        Some(date(2025, 1, 1)),
        Some(date(2026, 6, 1)),
    ));
    let visit = w.session("visit-1", SessionKind::SupervisedVisit, w.slot(1));
    assert!(matches!(
        w.refused(Command::PlanSession(visit)),
        omgang_domain::refusal::Refusal::TrainingMissing { .. }
    ));
    assert!(
        staff_signals(&future_training, 36, 30, today)
            .iter()
            .any(|s| s.kind == SignalKind::TrainingMissing),
        "the rules refuse this volunteer, the signals say nothing"
    );
    // A VOG dated in the future is not valid today either.
    let future_vog = volunteer("u-b", Some(date(2026, 6, 1)), Some(date(2025, 1, 1)));
    assert!(!future_vog.vog_valid_on(today, 36));
    assert!(
        staff_signals(&future_vog, 36, 30, today)
            .iter()
            .any(|s| s.kind == SignalKind::VogExpiring),
        "the rules refuse this volunteer, the signals say nothing"
    );
}
