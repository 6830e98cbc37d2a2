//! Sample documents, for the tests and the timing example: a case as a coordinator would see
//! it, in Dutch or English.

use crate::model::*;

fn header(lang: Lang) -> Header {
    let nl = lang == Lang::Nl;
    Header {
        lang,
        organisation: "Omgangshuis De Brug".into(),
        case_reference: "OH-2026-0042".into(),
        programme: if nl { "Omgangshuis" } else { "Contact centre" }.into(),
        made_on: if nl { "2 maart 2026" } else { "2 March 2026" }.into(),
        made_on_iso: "2026-03-02".into(),
        children: vec![
            ChildLine {
                name: "Sanne".into(),
                birth_date: Some(if nl { "4 mei 2018" } else { "4 May 2018" }.into()),
            },
            ChildLine {
                name: "Daan".into(),
                birth_date: None,
            },
        ],
        made_for: None,
    }
}

pub fn plan(lang: Lang) -> PlanDoc {
    PlanDoc {
        header: header(lang),
        document: "Plan van Aanpak".into(),
        version: 2,
        versions: 2,
        current: true,
        created_at: "1 maart 2026 10:15".into(),
        content_hash: "9f2c1e0d4b6a8c3e5f7a9b1d3c5e7f9a0b2c4d6e8f0a1b3c5d7e9f1a3b5c7d9e".into(),
        goals: vec![
            "Sanne en Daan zien hun vader elke twee weken.".into(),
            "Overdracht zonder spanning; de ouders hoeven elkaar niet te zien.".into(),
        ],
        house_rules: vec!["Geen gesprekken over de rechtszaak waar de kinderen bij zijn.".into()],
        visit_agreements: "Om de week op zaterdag van 10:00 tot 12:00 in het omgangshuis.\n\nNa vier omgangen evalueren we."
            .into(),
        handover_agreements: "Moeder brengt de kinderen om 9:45 en haalt ze om 12:15 op.".into(),
        parent_conversations: "Eens per maand een gezamenlijk oudergesprek met de coördinator.".into(),
        child_guidance: String::new(),
        work_agreements: "Afzeggen uiterlijk 24 uur van tevoren.".into(),
        evaluation_moments: vec!["1 april 2026".into(), "1 juni 2026".into()],
        max_duration_months: Some(6),
        parents_must_not_meet: true,
        signatures: vec![
            SignatureLine {
                name: "Anna de Vries".into(),
                role: "verzorgende ouder".into(),
                signed_at: Some("1 maart 2026 12:00".into()),
                method: Some("in het portaal".into()),
                content_hash: Some(
                    "9f2c1e0d4b6a8c3e5f7a9b1d3c5e7f9a0b2c4d6e8f0a1b3c5d7e9f1a3b5c7d9e".into(),
                ),
            },
            SignatureLine {
                name: "Bram Jansen".into(),
                role: "uitwonende ouder".into(),
                signed_at: None,
                method: None,
                content_hash: None,
            },
        ],
        signed_by_all: false,
    }
}

pub fn report(lang: Lang) -> ReportDoc {
    ReportDoc {
        header: header(lang),
        session: "begeleide omgang".into(),
        session_at: "7 maart 2026 10:00".into(),
        place: "omgangshuis".into(),
        released_at: "9 maart 2026".into(),
        resident_parent: Some("Anna de Vries".into()),
        visiting_parent: Some("Bram Jansen".into()),
        course: "Rustig verlopen. Vader had een spel meegenomen.".into(),
        child_reactions: "Sanne was eerst stil, daarna vrolijk.".into(),
        interaction: "Warm contact.".into(),
        agreements_kept: "Ja.".into(),
        punctuality_resident_parent: "Op tijd.".into(),
        punctuality_visiting_parent: "Tien minuten te laat.".into(),
        incidents: String::new(),
        amendments: vec![AmendmentLine {
            at: "10 maart 2026 09:00".into(),
            text: "Vader meldde dat de trein vertraagd was.".into(),
        }],
    }
}

pub fn end_report(lang: Lang) -> EndReportDoc {
    EndReportDoc {
        header: header(lang),
        status: "afgesloten".into(),
        registered_on: "5 januari 2026".into(),
        intake_completed_on: Some("20 januari 2026".into()),
        running_since: Some("1 februari 2026".into()),
        follow_up_since: None,
        closed_on: Some("30 juni 2026".into()),
        entry_route: "verwijzing".into(),
        plan_versions: 2,
        plan_signed_by_all: true,
        sessions: vec![
            SessionCount {
                kind: "begeleide omgang".into(),
                held: 7,
                cancelled: 2,
                no_show: 1,
                planned: 0,
            },
            SessionCount {
                kind: "oudergesprek".into(),
                held: 4,
                cancelled: 0,
                no_show: 0,
                planned: 0,
            },
        ],
        by_whom: vec![ByWhom {
            who: "Bram Jansen".into(),
            cancelled: 2,
            late: 1,
            no_show: 1,
        }],
        report_summaries: vec![ReportSummary {
            session: "begeleide omgang".into(),
            at: "7 maart 2026".into(),
            summary: "Rustig verlopen.".into(),
        }],
        report_summaries_note: None,
        evaluations: vec![EvaluationLine {
            kind: "eindevaluatie".into(),
            on: "25 juni 2026".into(),
            summary: "De ouders maken zelf afspraken.".into(),
            agreement_reached: true,
            next_steps: "Ouderschapsplan bij de rechter.".into(),
        }],
        outcome: Some("ouderschapsplan gemaakt".into()),
        outcome_detail: None,
        outcome_summary: Some("Afspraken vastgelegd.".into()),
        follow_up: Some("Geen vervolghulp nodig.".into()),
    }
}

// Sample data: one whole ouderschapsplan written out, field by field, in two languages.
#[allow(clippy::too_many_lines)]
pub fn parenting_plan(lang: Lang) -> ParentingPlanDoc {
    let nl = lang == Lang::Nl;
    let pair = |label: &str, text: &str| Pair {
        label: label.into(),
        text: text.into(),
    };
    let days = if nl {
        [
            "maandag",
            "dinsdag",
            "woensdag",
            "donderdag",
            "vrijdag",
            "zaterdag",
            "zondag",
        ]
    } else {
        [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ]
    };
    ParentingPlanDoc {
        header: header(lang),
        version: 1,
        versions: 1,
        created_at: "1 maart 2026 10:15".into(),
        content_hash: "41c2e0d4b6a8c3e5f7a9b1d3c5e7f9a0b2c4d6e8f0a1b3c5d7e9f1a3b5c7d9e0".into(),
        parent_a: "Anna de Vries".into(),
        parent_b: "Bram Jansen".into(),
        pattern: (0..14)
            .map(|i| {
                pair(
                    &format!("week {}, {}", i / 7 + 1, days[i % 7]),
                    if i % 7 >= 5 && i < 7 {
                        "Bram Jansen"
                    } else {
                        "Anna de Vries"
                    },
                )
            })
            .collect(),
        handover: if nl {
            "om 18:00, school"
        } else {
            "at 18:00, school"
        }
        .into(),
        region: "midden".into(),
        overrides: vec![
            pair(
                if nl {
                    "zomervakantie"
                } else {
                    "summer holiday"
                },
                if nl {
                    "helft-helft: in even jaren de eerste helft bij Anna de Vries"
                } else {
                    "split halves: in even years the first half with Anna de Vries"
                },
            ),
            pair(
                if nl { "Kerst" } else { "Christmas" },
                if nl { "om het jaar" } else { "alternate years" },
            ),
        ],
        shares: vec![ShareLine {
            year: 2026,
            nights_a: 261,
            nights_b: 104,
            percent_a: if nl { "71,5%" } else { "71.5%" }.into(),
            percent_b: if nl { "28,5%" } else { "28.5%" }.into(),
        }],
        care: "Beslissingen over school en zorg nemen de ouders samen.".into(),
        information: "Elke eerste zondag van de maand een mail over school en gezondheid.".into(),
        costs: "Naar draagkracht; de vader betaalt 250 euro per maand.".into(),
        child_involvement: "Sanne heeft met de begeleider over de regeling gepraat.".into(),
        topics: vec![pair(
            if nl {
                "Paspoort en reizen naar het buitenland"
            } else {
                "Passport and travel abroad"
            },
            "Reizen buiten Europa alleen met toestemming van de ander.",
        )],
        signatures: vec![
            SignatureLine {
                name: "Anna de Vries".into(),
                role: if nl {
                    "verzorgende ouder"
                } else {
                    "resident parent"
                }
                .into(),
                signed_at: Some("2 maart 2026 09:12".into()),
                method: Some(
                    if nl {
                        "in het portaal"
                    } else {
                        "in the portal"
                    }
                    .into(),
                ),
                content_hash: Some(
                    "41c2e0d4b6a8c3e5f7a9b1d3c5e7f9a0b2c4d6e8f0a1b3c5d7e9f1a3b5c7d9e0".into(),
                ),
            },
            SignatureLine {
                name: "Bram Jansen".into(),
                role: if nl {
                    "uitwonende ouder"
                } else {
                    "non-resident parent"
                }
                .into(),
                signed_at: None,
                method: None,
                content_hash: None,
            },
        ],
        signed_by_both: false,
    }
}
