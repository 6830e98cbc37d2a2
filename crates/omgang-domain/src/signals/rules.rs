//! The rules of a case's signals, one method per signal (or family of signals).

use jiff::civil::Date;

use super::{Signal, SignalKind, Urgency, days_between};
use crate::case::{Case, CaseStatus, Party, SessionState, add_days, add_months, sub_days};
use crate::programme::{Programme, SessionKind};
use crate::refusal::{dutch_date, english_date};
use crate::text::Text;

/// One case's signals on one day, collected rule by rule.
pub(super) struct CaseSignals<'a> {
    pub(super) case: &'a Case,
    pub(super) programme: &'a Programme,
    pub(super) today: Date,
    pub(super) out: Vec<Signal>,
}

impl CaseSignals<'_> {
    fn push(&mut self, kind: SignalKind, urgency: Urgency, due_on: Date, text: Text) {
        self.out.push(Signal {
            kind,
            urgency,
            due_on,
            case: Some(self.case.id.clone()),
            case_reference: Some(self.case.reference.clone()),
            user: None,
            text,
        });
    }

    /// Late once the deadline has passed, due until then.
    fn late_or_due(&self, due: Date) -> Urgency {
        if self.today > due {
            Urgency::Late
        } else {
            Urgency::Due
        }
    }

    /// Intake, plan or running: the stages the programme's clock runs in.
    fn active(&self) -> bool {
        matches!(
            self.case.status,
            CaseStatus::Intake | CaseStatus::Plan | CaseStatus::Running
        )
    }

    /// A parent's address became secret after sessions were planned at their home: the other
    /// parent would go there. Every such session is named; the coordinator moves or cancels it.
    pub(super) fn sessions_at_secret_home(&mut self) {
        let case = self.case;
        let at_secret_home: Vec<&crate::case::Session> = case
            .sessions
            .iter()
            .filter(|s| matches!(s.state, SessionState::Planned))
            .filter(|s| {
                s.place.home_of.as_ref().is_some_and(|host| {
                    case.person(host).is_some_and(|p| p.secret_address)
                        && case
                            .people
                            .iter()
                            .any(|o| o.role.is_parent() && &o.id != host)
                })
            })
            .collect();
        if let Some(first) = at_secret_home.iter().map(|s| s.starts_at.date()).min() {
            let list = |lang_nl: bool| {
                at_secret_home
                    .iter()
                    .map(|s| {
                        let when = if lang_nl {
                            dutch_date(s.starts_at.date())
                        } else {
                            english_date(s.starts_at.date())
                        };
                        format!("{when} {}", s.starts_at.time().strftime("%H:%M"))
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            self.push(
                SignalKind::SessionAtSecretHome,
                Urgency::Late,
                first,
                Text::new(
                    format!(
                        "Afspraken bij een ouder thuis van wie het adres nu geheim is; verplaats of annuleer ze: {}.",
                        list(true)
                    ),
                    format!(
                        "Sessions at the home of a parent whose address is now secret; move or cancel them: {}.",
                        list(false)
                    ),
                ),
            );
        }
    }

    /// A registration not picked up; waiting time growing.
    pub(super) fn registration_waiting(&mut self) {
        let case = self.case;
        let today = self.today;
        let d = &self.programme.deadlines;
        if case.status == CaseStatus::Registered {
            let due = add_days(case.registered_on, d.registration_pickup_days);
            let waiting = days_between(case.registered_on, today);
            self.push(
                SignalKind::RegistrationWaiting,
                self.late_or_due(due),
                due,
                Text::new(
                    format!(
                        "Aanmelding wacht al {waiting} dagen op intake (termijn {} dagen).",
                        d.registration_pickup_days
                    ),
                    format!(
                        "Registration waiting {waiting} days for intake (limit {} days).",
                        d.registration_pickup_days
                    ),
                ),
            );
        }
    }

    /// No first visit within N days of the intake.
    pub(super) fn first_visit_late(&mut self) {
        let case = self.case;
        let today = self.today;
        let d = &self.programme.deadlines;
        let active = self.active();
        if let (Some(days), Some(start)) =
            (d.first_visit_within_days_of_intake, case.intake_started_on)
            && active
            && !case
                .sessions
                .iter()
                .any(|s| s.kind.is_visit() && s.is_held())
        {
            let due = add_days(start, days);
            if today >= sub_days(due, 7) {
                self.push(
                    SignalKind::FirstVisitLate,
                    self.late_or_due(due),
                    due,
                    Text::new(
                        format!(
                            "Nog geen eerste omgang; die moet binnen {days} dagen na de intake ({}).",
                            dutch_date(due)
                        ),
                        format!(
                            "No first visit yet; it is due within {days} days of the intake ({}).",
                            english_date(due)
                        ),
                    ),
                );
            }
        }
    }

    /// The plan not signed by both parents.
    pub(super) fn plan_not_signed(&mut self) {
        let case = self.case;
        let programme = self.programme;
        if let Some(plan) = case.current_plan()
            && !case.plan_signed_by_all()
        {
            let written = crate::case::amsterdam().to_datetime(plan.created_at).date();
            let due = add_days(written, programme.plan.sign_within_days);
            let missing: Vec<String> = case
                .unsigned_parents()
                .iter()
                .map(|p| p.name.clone())
                .collect();
            self.push(
                SignalKind::PlanNotSigned,
                self.late_or_due(due),
                due,
                Text::new(
                    format!(
                        "Versie {} van het {} is nog niet ondertekend door {}.",
                        plan.version,
                        programme.plan.document.label().nl,
                        missing.join(", ")
                    ),
                    format!(
                        "Version {} of the {} is not yet signed by {}.",
                        plan.version,
                        programme.plan.document.label().en,
                        missing.join(", ")
                    ),
                ),
            );
        }
    }

    /// The maximum duration coming close.
    /// A plan may shorten the programme's maximum, never stretch it.
    pub(super) fn max_duration_near(&mut self) {
        let case = self.case;
        let programme = self.programme;
        let today = self.today;
        let active = self.active();
        let plan_max = case
            .current_plan()
            .and_then(|p| p.content.max_duration_months);
        let max_months = match (plan_max, programme.duration.max_months) {
            (Some(plan), Some(programme_max)) => Some(plan.min(programme_max)),
            (plan, programme_max) => plan.or(programme_max),
        };
        if let (Some(months), Some(start)) = (max_months, case.started_on())
            && active
        {
            let end = add_months(start, months);
            let warn_from = sub_days(end, programme.duration.warn_days_before_max);
            if today >= warn_from {
                let (nl, en) = if today > end {
                    (
                        format!(
                            "De maximale duur van {months} maanden is voorbij sinds {}.",
                            dutch_date(end)
                        ),
                        format!(
                            "The maximum duration of {months} months passed on {}.",
                            english_date(end)
                        ),
                    )
                } else {
                    (
                        format!(
                            "De maximale duur van {months} maanden is bereikt op {}.",
                            dutch_date(end)
                        ),
                        format!(
                            "The maximum duration of {months} months is reached on {}.",
                            english_date(end)
                        ),
                    )
                };
                self.push(
                    SignalKind::MaxDurationNear,
                    self.late_or_due(end),
                    end,
                    Text::new(nl, en),
                );
            }
        }
    }

    /// No agreement after N months: a report to the Jeugdteam / Veilig Thuis is due.
    pub(super) fn no_agreement_report_due(&mut self) {
        let case = self.case;
        let programme = self.programme;
        let today = self.today;
        let d = &self.programme.deadlines;
        let active = self.active();
        if let (Some(months), Some(start), Some(rule)) = (
            d.no_agreement_report_after_months,
            case.started_on(),
            programme.escalation.as_ref(),
        ) && active
            && !case.agreement_reached()
            && !case
                .escalations
                .iter()
                .any(|e| rule.no_agreement_report_to.contains(&e.to))
        {
            let due = add_months(start, months);
            if today >= sub_days(due, 30) {
                let to_nl: Vec<String> = rule
                    .no_agreement_report_to
                    .iter()
                    .map(|t| t.label().nl)
                    .collect();
                let to_en: Vec<String> = rule
                    .no_agreement_report_to
                    .iter()
                    .map(|t| t.label().en)
                    .collect();
                self.push(
                    SignalKind::NoAgreementReportDue,
                    if today >= due {
                        Urgency::Late
                    } else {
                        Urgency::Due
                    },
                    due,
                    Text::new(
                        format!(
                            "Geen overeenstemming {months} maanden na de start ({}): melding aan {} is nodig.",
                            dutch_date(due),
                            to_nl.join(" en/of ")
                        ),
                        format!(
                            "No agreement {months} months after the start ({}): a report to {} is due.",
                            english_date(due),
                            to_en.join(" and/or ")
                        ),
                    ),
                );
            }
        }
    }

    /// An evaluation moment due.
    pub(super) fn evaluations_due(&mut self) {
        let case = self.case;
        let today = self.today;
        let d = &self.programme.deadlines;
        if matches!(case.status, CaseStatus::Running | CaseStatus::FollowUp)
            && let Some(plan) = case.current_plan()
        {
            for moment in &plan.content.evaluation_moments {
                let window_start = sub_days(*moment, d.evaluation_warn_days);
                let done = case.evaluations.iter().any(|e| e.on >= window_start);
                if !done && today >= window_start {
                    self.push(
                        SignalKind::EvaluationDue,
                        self.late_or_due(*moment),
                        *moment,
                        Text::new(
                            format!("Evaluatiemoment op {}.", dutch_date(*moment)),
                            format!("Evaluation moment on {}.", english_date(*moment)),
                        ),
                    );
                }
            }
        }
    }

    /// Follow-up appointments due, and the end of the follow-up period.
    pub(super) fn follow_up(&mut self) {
        let case = self.case;
        let programme = self.programme;
        let today = self.today;
        if case.status == CaseStatus::FollowUp
            && let (Some(rule), Some(since)) = (&programme.follow_up, case.follow_up_since)
        {
            let held = case.held(SessionKind::FollowUpAppointment);
            let planned = case.sessions.iter().any(|s| {
                s.kind == SessionKind::FollowUpAppointment && s.state == SessionState::Planned
            });
            if held < rule.return_appointments && !planned {
                let next = held + 1;
                let due = add_days(
                    since,
                    (rule.months * 30 * next) / rule.return_appointments.max(1),
                );
                if today >= sub_days(due, 14) {
                    self.push(
                        SignalKind::FollowUpAppointmentDue,
                        self.late_or_due(due),
                        due,
                        Text::new(
                            format!(
                                "Terugkomafspraak {next} van {} plannen (uiterlijk {}).",
                                rule.return_appointments,
                                dutch_date(due)
                            ),
                            format!(
                                "Plan follow-up appointment {next} of {} (by {}).",
                                rule.return_appointments,
                                english_date(due)
                            ),
                        ),
                    );
                }
            }
            let end = add_months(since, rule.months);
            if today >= end {
                self.push(
                    SignalKind::FollowUpEnds,
                    Urgency::Late,
                    end,
                    Text::new(
                        format!(
                            "De nazorgperiode is geëindigd op {}; sluit het dossier af.",
                            dutch_date(end)
                        ),
                        format!(
                            "The follow-up period ended on {}; close the case.",
                            english_date(end)
                        ),
                    ),
                );
            }
        }
    }

    /// A visit report not written soon after the visit; an outcome not recorded.
    pub(super) fn sessions_not_finished(&mut self) {
        let case = self.case;
        let programme = self.programme;
        let today = self.today;
        let d = &self.programme.deadlines;
        for session in &case.sessions {
            let date = session.date();
            let needs_report = programme.kind(session.kind).is_some_and(|k| k.needs_report);
            if needs_report && session.is_held() && case.report_for(&session.id).is_none() {
                let due = add_days(date, d.report_within_days_of_visit);
                self.push(
                    SignalKind::ReportNotWritten,
                    self.late_or_due(due),
                    due,
                    Text::new(
                        format!(
                            "Verslag van de {} van {} is nog niet geschreven.",
                            session.kind.label().nl,
                            dutch_date(date)
                        ),
                        format!(
                            "Report of the {} on {} is not written yet.",
                            session.kind.label().en,
                            english_date(date)
                        ),
                    ),
                );
            }
            if session.state == SessionState::Planned && date < today {
                self.push(
                    SignalKind::OutcomeNotRecorded,
                    Urgency::Late,
                    add_days(date, 1),
                    Text::new(
                        format!(
                            "Leg vast hoe de {} van {} is verlopen.",
                            session.kind.label().nl,
                            dutch_date(date)
                        ),
                        format!(
                            "Record the outcome of the {} on {}.",
                            session.kind.label().en,
                            english_date(date)
                        ),
                    ),
                );
            }
        }
    }

    /// Planned past the limits the coordinator confirmed: still visible until it is over.
    pub(super) fn beyond_limit(&mut self) {
        let case = self.case;
        let programme = self.programme;
        let today = self.today;
        let active = self.active();
        if active {
            let mut items: Vec<(Date, Text)> = Vec::new();
            if let Some((months, end)) = crate::warning::max_duration_end(case, programme) {
                for s in case.sessions.iter().filter(|s| {
                    s.state == SessionState::Planned
                        && s.kind != SessionKind::EndEvaluation
                        && s.date() > end
                }) {
                    items.push((
                        s.date(),
                        Text::new(
                            format!(
                                "{} op {} valt na de maximale duur van {months} maanden",
                                crate::case::capitalised(&s.kind.label().nl),
                                dutch_date(s.date())
                            ),
                            format!(
                                "{} on {} falls after the maximum duration of {months} months",
                                crate::case::capitalised(&s.kind.label().en),
                                english_date(s.date())
                            ),
                        ),
                    ));
                }
            }
            for rule in &programme.session_kinds {
                if let Some(target) = rule.target_count {
                    let counted = case.counted(rule.kind);
                    let planned_beyond = case
                        .sessions
                        .iter()
                        .any(|s| s.kind == rule.kind && s.state == SessionState::Planned);
                    if counted > target && planned_beyond {
                        items.push((
                            today,
                            Text::new(
                                format!(
                                    "{counted} keer {} gepland of gehouden, ongeveer {target} verwacht",
                                    rule.kind.label().nl
                                ),
                                format!(
                                    "{counted} {} planned or held, about {target} expected",
                                    rule.kind.label().en
                                ),
                            ),
                        ));
                    }
                }
            }
            if let Some(first) = items.iter().map(|(d, _)| *d).min() {
                let nl: Vec<String> = items.iter().map(|(_, t)| t.nl.clone()).collect();
                let en: Vec<String> = items.iter().map(|(_, t)| t.en.clone()).collect();
                self.push(
                    SignalKind::BeyondLimit,
                    Urgency::Due,
                    first,
                    Text::new(
                        format!("Voorbij een grens van het traject: {}.", nl.join("; ")),
                        format!("Past a limit of the programme: {}.", en.join("; ")),
                    ),
                );
            }
        }
    }

    /// A week rhythm left: nothing of the rhythm for two periods, or lately the same kind
    /// twice in a row or two in one period.
    pub(super) fn off_rhythm(&mut self) {
        let case = self.case;
        let programme = self.programme;
        let today = self.today;
        if case.status == CaseStatus::Running
            && let Some(cadence) = &programme.cadence
        {
            let rhythm = crate::warning::rhythm_sessions(case, programme);
            let interval = cadence.interval_days.max(1);
            let recent_from = sub_days(today, interval * 2);
            let mut why: Option<(Date, Text)> = None;
            if let Some(last) = rhythm.last()
                && add_days(last.date(), interval * 2) < today
            {
                why = Some((
                    add_days(last.date(), interval * 2),
                    Text::new(
                        format!(
                            "Sinds {} staat er niets in het ritme van het traject; plan de volgende afspraak.",
                            dutch_date(last.date())
                        ),
                        format!(
                            "Nothing in the programme's rhythm since {}; plan the next session.",
                            english_date(last.date())
                        ),
                    ),
                ));
            }
            if why.is_none() {
                for pair in rhythm.windows(2) {
                    let (a, b) = (pair[0], pair[1]);
                    if b.date() < recent_from {
                        continue;
                    }
                    let same_period = crate::warning::same_period(a.date(), b.date(), interval);
                    if a.kind == b.kind || same_period {
                        why = Some((
                            b.date(),
                            Text::new(
                                format!(
                                    "Het ritme is losgelaten: {} op {} en {} op {}.",
                                    a.kind.label().nl,
                                    dutch_date(a.date()),
                                    b.kind.label().nl,
                                    dutch_date(b.date())
                                ),
                                format!(
                                    "The rhythm was left: {} on {} and {} on {}.",
                                    a.kind.label().en,
                                    english_date(a.date()),
                                    b.kind.label().en,
                                    english_date(b.date())
                                ),
                            ),
                        ));
                        break;
                    }
                }
            }
            if let Some((due, text)) = why {
                self.push(SignalKind::OffRhythm, Urgency::Due, due, text);
            }
        }
    }

    /// Repeated cancellations or no-shows by one party.
    pub(super) fn repeated_cancellations(&mut self) {
        let case = self.case;
        let d = &self.programme.deadlines;
        let mut by_party: Vec<(&Party, u32, Date)> = Vec::new();
        for s in &case.sessions {
            let party = match &s.state {
                SessionState::Cancelled { by, .. } => by,
                SessionState::NoShow { who, .. } => who,
                _ => continue,
            };
            if matches!(party, Party::Organisation) {
                continue;
            }
            match by_party.iter_mut().find(|(p, _, _)| *p == party) {
                Some(entry) => {
                    entry.1 += 1;
                    entry.2 = entry.2.max(s.date());
                }
                None => by_party.push((party, 1, s.date())),
            }
        }
        for (party, count, last) in by_party {
            if count >= d.repeated_cancellations {
                let name = match party {
                    Party::Person(p) => case.person_name(p),
                    Party::Organisation => String::new(),
                };
                self.push(
                    SignalKind::RepeatedCancellations,
                    Urgency::Due,
                    last,
                    Text::new(
                        format!("{name} heeft {count} keer afgezegd of is niet gekomen."),
                        format!("{name} cancelled or did not show up {count} times."),
                    ),
                );
            }
        }
    }
}
