//! The agenda: the sessions of a period as the actor may see them — a coordinator the whole
//! organisation (narrowed to a supervisor, location or room), a supervisor their own, a
//! partner organisation's staff the sessions their organisation leads. One query on the
//! `appointments` projection; each case shown leaves a line in the audit log (one commit).

use std::collections::{HashMap, HashSet};

use jiff::civil::Date;
use omgang_domain::case as dcase;
use omgang_domain::case::SessionStatus;
use omgang_domain::programme::SessionKind;
use omgang_domain::text::Lang;
use omgang_store::{AgendaFilter, AgendaRow};
use serde::{Deserialize, Serialize};

use crate::policy::{AgendaScope, agenda_scope};
use crate::{Actor, App, AppError, Audit, Result};

/// At most this many days in one agenda request.
pub const MAX_AGENDA_DAYS: i64 = 62;

/// What to show: a period (`from` up to and including `to`) and optional narrowing.
#[derive(Clone, Debug, Default, Deserialize, utoipa::IntoParams, utoipa::ToSchema)]
pub struct AgendaQuery {
    /// First day, `YYYY-MM-DD` (default: today).
    pub from: Option<String>,
    /// Last day, `YYYY-MM-DD` (default: six days after `from`).
    pub to: Option<String>,
    /// Only this supervisor's sessions (user id).
    pub supervisor: Option<String>,
    /// Only sessions at this location.
    pub location: Option<String>,
    /// Only sessions in this room.
    pub room: Option<String>,
}

/// A session in an agenda.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct AgendaEntry {
    pub session_id: String,
    pub case_id: String,
    pub case_reference: String,
    #[schema(value_type = String)]
    pub kind: SessionKind,
    pub kind_label: String,
    /// Local date-time, Europe/Amsterdam.
    pub starts_at: String,
    pub ends_at: String,
    pub supervisor_id: Option<String>,
    pub supervisor_name: Option<String>,
    pub location_id: Option<String>,
    pub room_id: Option<String>,
    /// Where: the location's and room's names, or the kind of place (never an address).
    pub place_label: String,
    /// planned, held, cancelled, no_show.
    #[schema(value_type = String)]
    pub state: SessionStatus,
    /// This supervisor or this room has another session at the same time.
    pub conflict: bool,
}

/// The days asked for, checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: Date,
    pub to: Date,
}

impl Period {
    pub fn parse(query: &AgendaQuery, today: Date) -> Result<Period> {
        let day = |field: &str, value: &Option<String>, default: Date| match value
            .as_deref()
            .map(str::trim)
        {
            None | Some("") => Ok(default),
            Some(text) => text.parse::<Date>().map_err(|_| {
                AppError::invalid(
                    field,
                    "Vul een datum in als JJJJ-MM-DD.",
                    "Enter a date as YYYY-MM-DD.",
                )
            }),
        };
        let from = day("from", &query.from, today)?;
        let to = day("to", &query.to, dcase::add_days(from, 6))?;
        let days = i64::from(from.until(to).map(|s| s.get_days()).unwrap_or(-1));
        if days < 0 {
            return Err(AppError::invalid(
                "to",
                "De einddatum ligt voor de begindatum.",
                "The end date is before the start date.",
            ));
        }
        if days >= MAX_AGENDA_DAYS {
            return Err(AppError::invalid(
                "to",
                "Vraag een agenda van hoogstens 62 dagen.",
                "Ask for an agenda of at most 62 days.",
            ));
        }
        Ok(Period { from, to })
    }
}

/// Marks sessions that overlap another session of the same supervisor or in the same room.
/// Cancelled sessions take no time. `entries` is sorted by start.
pub fn mark_conflicts(entries: &mut [AgendaEntry]) {
    let live: Vec<usize> = (0..entries.len())
        .filter(|&i| entries[i].state != SessionStatus::Cancelled)
        .collect();
    let mut conflicting = HashSet::new();
    for (n, &i) in live.iter().enumerate() {
        for &j in &live[n + 1..] {
            let (a, b) = (&entries[i], &entries[j]);
            if b.starts_at >= a.ends_at {
                // Sorted by start: every later entry starts after `a` ends too.
                break;
            }
            let same_supervisor = a.supervisor_id.is_some() && a.supervisor_id == b.supervisor_id;
            let same_room = a.room_id.is_some() && a.room_id == b.room_id;
            if same_supervisor || same_room {
                conflicting.insert(i);
                conflicting.insert(j);
            }
        }
    }
    for i in conflicting {
        entries[i].conflict = true;
    }
}

/// A visit report the actor still has to write (none yet, or a draft).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ReportToWrite {
    pub case_id: String,
    pub case_reference: String,
    pub session_id: String,
    pub kind_label: String,
    pub starts_at: String,
    /// A draft exists.
    pub draft: bool,
}

/// How far back "reports to write" looks; older ones are signalled as late.
const REPORTS_LOOKBACK_DAYS: u32 = 60;

/// How far back "Te beoordelen" looks for held sessions whose report waits for review.
const REVIEW_LOOKBACK_DAYS: u32 = 180;

/// A report its author marked ready, waiting for the actor's review ("Te beoordelen").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ReportToReview {
    pub case_id: String,
    pub case_reference: String,
    /// The family in a few words ("Noor (6) · Jansen / El Amrani").
    pub family: String,
    pub session_id: String,
    pub report_id: String,
    pub kind_label: String,
    /// The session's start, local time.
    pub starts_at: String,
    pub author_name: String,
    /// When the author marked it ready (UTC).
    pub ready_at: String,
    /// How long it has waited, in whole hours.
    pub waiting_hours: i64,
    /// The same in words: "3 uur", "2 dagen".
    pub waiting: String,
}

/// "3 uur" / "2 dagen" (and English).
fn waiting_words(hours: i64, lang: Lang) -> String {
    let days = hours / 24;
    match (lang, days) {
        (Lang::Nl, 0) if hours == 1 => "1 uur".into(),
        (Lang::Nl, 0) => format!("{hours} uur"),
        (Lang::Nl, 1) => "1 dag".into(),
        (Lang::Nl, d) => format!("{d} dagen"),
        (Lang::En, 0) if hours == 1 => "1 hour".into(),
        (Lang::En, 0) => format!("{hours} hours"),
        (Lang::En, 1) => "1 day".into(),
        (Lang::En, d) => format!("{d} days"),
    }
}

impl App {
    /// The sessions of a period that `actor` may see, sorted by start, with conflicts marked.
    pub async fn agenda(&self, actor: &Actor, query: &AgendaQuery) -> Result<Vec<AgendaEntry>> {
        let Some(scope) = agenda_scope(actor).or(actor.system.then_some(AgendaScope::Organisation))
        else {
            self.audit(Audit {
                actor: Some(actor),
                action: "read_agenda",
                case: None,
                detail: "no agenda for this role".into(),
                allowed: false,
            })
            .await?;
            return Err(AppError::Forbidden);
        };
        let period = Period::parse(query, self.today())?;
        let nonempty = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        };
        let mut filter = AgendaFilter {
            location_id: nonempty(&query.location),
            room_id: nonempty(&query.room),
            supervisor_user_id: nonempty(&query.supervisor),
            ..AgendaFilter::default()
        };
        match scope {
            AgendaScope::Organisation => filter.org_id = Some(actor.org_id.0.clone()),
            AgendaScope::Own => {
                if filter
                    .supervisor_user_id
                    .as_ref()
                    .is_some_and(|s| s != &actor.user_id.0)
                {
                    self.audit(Audit {
                        actor: Some(actor),
                        action: "read_agenda",
                        case: None,
                        detail: "another supervisor's agenda".into(),
                        allowed: false,
                    })
                    .await?;
                    return Err(AppError::Forbidden);
                }
                filter.supervisor_user_id = Some(actor.user_id.0.clone());
            }
            AgendaScope::Partner => filter.partner_org_id = Some(actor.org_id.0.clone()),
        }
        let from = format!("{}T00:00:00", period.from);
        let to = format!("{}T00:00:00", dcase::add_days(period.to, 1));
        let rows = self.store.agenda(&filter, &from, &to).await?;
        let names = self.staff_names(actor, &rows).await?;
        let places = self.place_names(actor).await?;
        let mut entries: Vec<AgendaEntry> = rows
            .iter()
            .map(|r| entry(r, &names, &places, actor.lang))
            .collect();
        mark_conflicts(&mut entries);
        self.audit_cases_shown(
            actor,
            "read_agenda",
            "sessions in agenda",
            rows.iter().map(|r| r.case_id.as_str()),
        )
        .await?;
        Ok(entries)
    }

    /// The reports of sessions the actor supervised (held in the last 60 days) that are not
    /// written yet or still a draft, oldest first.
    pub async fn reports_to_write(&self, actor: &Actor) -> Result<Vec<ReportToWrite>> {
        if agenda_scope(actor).is_none() {
            return Ok(Vec::new());
        }
        let filter = AgendaFilter {
            supervisor_user_id: Some(actor.user_id.0.clone()),
            ..AgendaFilter::default()
        };
        let rows = self.held_since(&filter, REPORTS_LOOKBACK_DAYS).await?;
        let case_ids = distinct_cases(&rows);
        let mut out = Vec::new();
        let mut shown = Vec::new();
        for id in case_ids {
            let (case, _) = self
                .store
                .case(&omgang_domain::ids::CaseId(id.to_owned()))
                .await?;
            let Some(programme) = self.programme(&case.programme) else {
                continue;
            };
            if crate::policy::decide_case(actor, &case, &programme, crate::policy::CaseAction::Read)
                != crate::policy::Decision::Allow
            {
                continue;
            }
            for session in case.sessions.iter().filter(|s| {
                s.supervisor.as_ref() == Some(&actor.user_id)
                    && matches!(s.state, dcase::SessionState::Held { .. })
                    && programme.kind(s.kind).is_some_and(|r| r.needs_report)
            }) {
                let report = case.report_for(&session.id);
                if report.is_some_and(|r| r.state != dcase::ReportState::Draft) {
                    continue;
                }
                out.push(ReportToWrite {
                    case_id: case.id.0.clone(),
                    case_reference: case.reference.clone(),
                    session_id: session.id.0.clone(),
                    kind_label: session.kind.label().get(actor.lang).to_owned(),
                    starts_at: session.starts_at.strftime("%Y-%m-%dT%H:%M:%S").to_string(),
                    draft: report.is_some(),
                });
                shown.push(case.id.0.clone());
            }
        }
        out.sort_by(|a, b| a.starts_at.cmp(&b.starts_at));
        self.audit_cases_shown(
            actor,
            "read_reports_to_write",
            "reports to write",
            shown.iter().map(String::as_str),
        )
        .await?;
        Ok(out)
    }

    /// Reports waiting for the actor's review: drafts their authors marked ready, of the
    /// organisation's cases the actor may review, the longest waiting first. Only for those
    /// who see the organisation's agenda (coordinators); each case shown is audited.
    pub async fn reports_to_review(&self, actor: &Actor) -> Result<Vec<ReportToReview>> {
        if agenda_scope(actor) != Some(AgendaScope::Organisation) {
            return Ok(Vec::new());
        }
        let today = self.today();
        let now = self.now();
        // Only the cases where a report was marked ready lately are read, not every case of
        // the organisation: this runs on every visit of Mijn werk.
        let since = now.as_millisecond() - i64::from(REVIEW_LOOKBACK_DAYS) * 24 * 3600 * 1000;
        let filter = omgang_store::CaseFilter {
            org_id: Some(actor.org_id.0.clone()),
            ..omgang_store::CaseFilter::default()
        };
        let case_ids = self
            .store
            .cases_with_event_since(&filter, "report_submitted", since)
            .await?;
        let names: HashMap<String, String> = self
            .org_users(actor, actor.org_id.as_str())
            .await?
            .into_iter()
            .map(|u| (u.id, u.name))
            .collect();
        let mut out = Vec::new();
        let mut shown = Vec::new();
        for id in case_ids {
            let (case, _) = self.store.case(&omgang_domain::ids::CaseId(id)).await?;
            if !case.reports.iter().any(dcase::Report::awaits_review) {
                continue;
            }
            let Some(programme) = self.programme(&case.programme) else {
                continue;
            };
            if crate::policy::decide_case(
                actor,
                &case,
                &programme,
                crate::policy::CaseAction::ReviewReport,
            ) != crate::policy::Decision::Allow
            {
                continue;
            }
            for report in case.reports.iter().filter(|r| r.awaits_review()) {
                let (Some(ready_at), Some(session)) =
                    (report.ready_at, case.session(&report.session))
                else {
                    continue;
                };
                let waiting_hours = now.duration_since(ready_at).as_hours().max(0);
                out.push(ReportToReview {
                    case_id: case.id.0.clone(),
                    case_reference: case.reference.clone(),
                    family: crate::views::family_label(&case, today),
                    session_id: session.id.0.clone(),
                    report_id: report.id.0.clone(),
                    kind_label: session.kind.label().get(actor.lang).to_owned(),
                    starts_at: session.starts_at.strftime("%Y-%m-%dT%H:%M:%S").to_string(),
                    author_name: names
                        .get(report.author.as_str())
                        .cloned()
                        .unwrap_or_default(),
                    ready_at: ready_at.to_string(),
                    waiting_hours,
                    waiting: waiting_words(waiting_hours, actor.lang),
                });
            }
            shown.push(case.id.0.clone());
        }
        out.sort_by(|a, b| a.ready_at.cmp(&b.ready_at));
        self.audit_cases_shown(
            actor,
            "read_reports_to_review",
            "reports to review",
            shown.iter().map(String::as_str),
        )
        .await?;
        Ok(out)
    }

    /// The held sessions of the last `days` days (up to today) that `filter` selects.
    async fn held_since(&self, filter: &AgendaFilter, days: u32) -> Result<Vec<AgendaRow>> {
        let today = self.today();
        let from = today
            .checked_sub(jiff::Span::new().days(i64::from(days)))
            .unwrap_or(today);
        let rows = self
            .store
            .agenda(
                filter,
                &format!("{from}T00:00:00"),
                &format!("{}T00:00:00", dcase::add_days(today, 1)),
            )
            .await?;
        Ok(rows
            .into_iter()
            .filter(|r| r.state == SessionStatus::Held)
            .collect())
    }

    /// Names of the supervisors in `rows` (staff of the sessions' organisations).
    async fn staff_names(
        &self,
        actor: &Actor,
        rows: &[AgendaRow],
    ) -> Result<HashMap<String, String>> {
        let mut names = HashMap::from([(actor.user_id.0.clone(), actor.name.clone())]);
        let orgs: HashSet<&str> = rows
            .iter()
            .filter(|r| r.supervisor_user_id.is_some())
            .map(|r| r.org_id.as_str())
            .collect();
        for org in orgs {
            for user in self.org_users(actor, org).await? {
                names.insert(user.id, user.name);
            }
        }
        Ok(names)
    }

    /// Names of the actor's organisation's locations and rooms.
    async fn place_names(&self, actor: &Actor) -> Result<HashMap<String, String>> {
        let mut names = HashMap::new();
        for location in self.org_locations(actor, actor.org_id.as_str()).await? {
            for room in &location.rooms {
                names.insert(room.id.clone(), room.name.clone());
            }
            names.insert(location.id, location.name);
        }
        Ok(names)
    }
}

fn entry(
    row: &AgendaRow,
    names: &HashMap<String, String>,
    places: &HashMap<String, String>,
    lang: Lang,
) -> AgendaEntry {
    let kind_label = row.kind.label().get(lang).to_owned();
    let named = |id: &Option<String>| id.as_ref().and_then(|id| places.get(id)).cloned();
    let place_label = match (named(&row.location_id), named(&row.room_id)) {
        (Some(location), Some(room)) => format!("{location}, {room}"),
        (Some(location), None) => location,
        _ => row
            .place_kind
            .map(|k| k.label().get(lang).to_owned())
            .unwrap_or_default(),
    };
    AgendaEntry {
        session_id: row.session_id.clone(),
        case_id: row.case_id.clone(),
        case_reference: row.case_reference.clone(),
        kind: row.kind,
        kind_label,
        starts_at: row.starts_at.clone(),
        ends_at: row.ends_at.clone(),
        supervisor_id: row.supervisor_user_id.clone(),
        supervisor_name: row
            .supervisor_user_id
            .as_ref()
            .and_then(|id| names.get(id))
            .cloned(),
        location_id: row.location_id.clone(),
        room_id: row.room_id.clone(),
        place_label,
        state: row.state,
        conflict: false,
    }
}

/// Each case of `rows` once, in their order.
fn distinct_cases(rows: &[AgendaRow]) -> Vec<&str> {
    let mut seen = HashSet::new();
    rows.iter()
        .map(|r| r.case_id.as_str())
        .filter(|id| seen.insert(*id))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(start: &str, end: &str, supervisor: Option<&str>, room: Option<&str>) -> AgendaEntry {
        AgendaEntry {
            session_id: format!("{start}{supervisor:?}{room:?}"),
            case_id: "c".into(),
            case_reference: "R".into(),
            kind: SessionKind::SupervisedVisit,
            kind_label: String::new(),
            starts_at: start.into(),
            ends_at: end.into(),
            supervisor_id: supervisor.map(str::to_owned),
            supervisor_name: None,
            location_id: None,
            room_id: room.map(str::to_owned),
            place_label: String::new(),
            state: SessionStatus::Planned,
            conflict: false,
        }
    }

    #[test]
    fn same_supervisor_or_room_at_once_is_a_conflict() {
        let mut e = vec![
            at(
                "2026-12-01T10:00:00",
                "2026-12-01T11:00:00",
                Some("a"),
                Some("r1"),
            ),
            at(
                "2026-12-01T10:30:00",
                "2026-12-01T11:30:00",
                Some("a"),
                Some("r2"),
            ),
            at(
                "2026-12-01T10:45:00",
                "2026-12-01T11:15:00",
                Some("b"),
                Some("r1"),
            ),
            at(
                "2026-12-01T11:30:00",
                "2026-12-01T12:00:00",
                Some("a"),
                Some("r1"),
            ),
            at(
                "2026-12-01T10:00:00",
                "2026-12-01T12:00:00",
                Some("c"),
                None,
            ),
        ];
        e.sort_by(|a, b| a.starts_at.cmp(&b.starts_at));
        mark_conflicts(&mut e);
        let flagged: Vec<(&str, bool)> = e
            .iter()
            .map(|x| (x.starts_at.as_str(), x.conflict))
            .collect();
        assert_eq!(
            flagged,
            vec![
                ("2026-12-01T10:00:00", true),
                ("2026-12-01T10:00:00", false),
                ("2026-12-01T10:30:00", true),
                ("2026-12-01T10:45:00", true),
                // Starts as the other ends: back to back is fine.
                ("2026-12-01T11:30:00", false),
            ]
        );
    }

    #[test]
    fn cancelled_sessions_take_no_time() {
        let mut e = vec![
            at(
                "2026-12-01T10:00:00",
                "2026-12-01T11:00:00",
                Some("a"),
                None,
            ),
            at(
                "2026-12-01T10:00:00",
                "2026-12-01T11:00:00",
                Some("a"),
                None,
            ),
        ];
        e[1].state = SessionStatus::Cancelled;
        mark_conflicts(&mut e);
        assert!(e.iter().all(|x| !x.conflict));
    }

    #[test]
    fn period_is_checked() {
        let today: Date = "2026-11-28".parse().expect("a date");
        let p = Period::parse(&AgendaQuery::default(), today).expect("the default week");
        assert_eq!(
            (p.from.to_string(), p.to.to_string()),
            ("2026-11-28".into(), "2026-12-04".into())
        );
        let bad = AgendaQuery {
            from: Some("28-11-2026".into()),
            ..AgendaQuery::default()
        };
        assert!(Period::parse(&bad, today).is_err());
        let backwards = AgendaQuery {
            from: Some("2026-12-01".into()),
            to: Some("2026-11-30".into()),
            ..AgendaQuery::default()
        };
        assert!(Period::parse(&backwards, today).is_err());
        let long = AgendaQuery {
            from: Some("2026-01-01".into()),
            to: Some("2026-12-31".into()),
            ..AgendaQuery::default()
        };
        assert!(Period::parse(&long, today).is_err());
    }
}
