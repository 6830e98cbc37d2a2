//! Issue 15: the case page's header says what the programme expects next, in a coordinator's
//! words — walked through Ouderschap Blijft (separate intakes, signatures, four visits with
//! their reports, then the handovers), and what is overdue comes first.
// Tests may stop at the first surprise; a long test function is a scenario.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

mod common;

use common::*;
use omgang_domain::case::{CaseStatus, Command};
use omgang_domain::ids::ReportId;
use omgang_domain::next_step::{Section, next_step};
use omgang_domain::programme::SessionKind;
use omgang_domain::text::{Lang, long_date};

fn said(w: &World) -> (String, Section) {
    let step = next_step(&w.case, &w.programme, w.today()).expect("an open case has a next step");
    assert!(!step.text.en.is_empty());
    (step.text.get(Lang::Nl).to_owned(), step.section)
}

#[test]
fn ouderschap_blijft_step_by_step() {
    let mut w = World::new(OB);
    assert_eq!(
        said(&w),
        (
            "Neem de aanmelding in behandeling: start de intake.".to_owned(),
            Section::Steps
        )
    );
    w.start_intake();
    // Seed 002: each parent's intake apart, then the child conversation.
    assert_eq!(
        said(&w),
        (
            format!("Plan het intakegesprek met {RESIDENT_NAME}."),
            Section::Sessions
        )
    );
    w.complete_intake();
    let document = w.programme.plan.document.label().nl;
    assert_eq!(
        said(&w),
        (format!("Schrijf het {document}."), Section::Plan)
    );
    let v = w.write_plan();
    assert_eq!(
        said(&w).0,
        format!("Wacht op de handtekeningen van {RESIDENT_NAME} en {VISITING_NAME}.")
    );
    w.sign(v, RESIDENT);
    assert_eq!(
        said(&w),
        (
            format!("Wacht op de handtekening van {VISITING_NAME}."),
            Section::Plan
        )
    );
    w.sign(v, VISITING);
    assert_eq!(w.case.status, CaseStatus::Running);
    assert_eq!(said(&w).0, "Plan de 1e begeleide omgang.");

    for i in 1..=4 {
        w.plan_tomorrow(&format!("v{i}"), SessionKind::SupervisedVisit);
        let tomorrow = long_date(w.slot(1).date(), Lang::Nl);
        assert_eq!(
            said(&w),
            (
                format!("Volgende: de {i}e begeleide omgang op {tomorrow}."),
                Section::Sessions
            )
        );
        w.hold(&format!("v{i}"));
        // Held: its report comes first.
        let (text, section) = said(&w);
        assert!(
            text.starts_with("Wacht op het verslag van de begeleide omgang van"),
            "{text}"
        );
        assert_eq!(section, Section::Reports);
        let report = format!("r{i}");
        w.ok(Command::SaveReport {
            report: ReportId::from(report.as_str()),
            session: omgang_domain::ids::SessionId::from(format!("v{i}").as_str()),
            content: report_content("Verloop."),
        });
        w.ok(Command::SubmitReport {
            report: ReportId::from(report.as_str()),
        });
        assert!(said(&w).0.starts_with("Beoordeel het verslag van"));
        w.ok(Command::ApproveReport {
            report: ReportId::from(report.as_str()),
        });
        assert!(said(&w).0.starts_with("Deel het verslag van"));
        w.ok(Command::ReleaseReport {
            report: ReportId::from(report.as_str()),
        });
    }
    // The fourth visit moved the case on by itself (seed 002): now the handovers.
    assert_eq!(said(&w).0, "Plan de 1e overdrachtsbegeleiding.");
    w.assert_rebuilds();
}

#[test]
fn an_outcome_not_recorded_comes_first_and_a_closed_case_has_none() {
    let mut w = World::new(OH);
    w.walk_to_running();
    w.plan_tomorrow("v1", SessionKind::SupervisedVisit);
    let day = long_date(w.slot(1).date(), Lang::Nl);
    w.advance_days(3);
    assert_eq!(
        said(&w),
        (
            format!("Leg de uitkomst vast van de begeleide omgang van {day}."),
            Section::Sessions
        )
    );
    w.hold("v1");
    w.report_walk("v1", "r1");
    // Omgangshuis has no phase counts: the next appointment, or plan one.
    assert_eq!(
        said(&w).0,
        "Plan de volgende afspraak, of rond het traject af."
    );
    w.plan_tomorrow("pc", SessionKind::ParentConversation);
    assert!(
        said(&w)
            .0
            .starts_with("Volgende afspraak: het oudergesprek op")
    );
    w.case.status = CaseStatus::Closed;
    assert!(next_step(&w.case, &w.programme, w.today()).is_none());
}
