//! Building the week: the organisation's houses and supervisors, each running case's
//! requests (the sessions already planned as fixed ones, then what the programme asks and
//! the coordinator added), and the supervisors' other sessions that week.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use omgang_domain::CaseStatus;

use jiff::civil::{Date, DateTime};
use omgang_domain::case::{Case, Session, SessionState, plannable_kinds};
use omgang_domain::programme::{Lead, Programme, RoomType, SessionKind, SessionKindRule};
use omgang_domain::text::{Lang, Text};
use omgang_planner as planner;
use omgang_store::{AddedRequestRow, AgendaFilter, CaseFilter, HoursRow};

use super::minutes::{
    at_minute, kind_code, kind_of, local, minutes_of_time, normalise, planner_room_type, shift,
    slots_to_minutes, subtract, week_label, week_minute,
};
use super::resources::{Houses, Staff};
use super::week::{
    AddableCase, AddableKind, FixedPlacement, PlanningRequest, Week, addable, minutes_for, need_of,
};
use super::windows::{default_opening_hours, default_windows, hours_to_slots};
use super::{ADDED_PREFIX, DEFAULT_PROFESSIONAL_MINUTES, HOLD_PREFIX, LEAD_PREFIX};
use crate::beheer::SlotInput;
use crate::policy::{self, Actor, CaseAction};
use crate::{App, Result};

/// A family's time windows as stored: the windows and the school hours.
struct FamilyHours<'a> {
    windows: &'a [HoursRow],
    school: &'a [HoursRow],
}

/// One session the week asks of a case: its kind, length, request id and why.
struct Wanted {
    kind: SessionKind,
    minutes: i64,
    id: String,
    need: Text,
}

/// What the week's requests of one case share.
struct CaseWeek<'a> {
    case: &'a Case,
    programme: &'a Programme,
    /// The case's supervisor so far, if still one of ours (continuity).
    previous: Option<String>,
    /// Days the case already has a session this week that the planner does not see.
    busy_days: HashSet<i64>,
}

/// The week being built from the cases: the requests, their views and the resources they add.
struct WeekDraft<'a> {
    org: &'a str,
    monday: Date,
    sunday_end: Date,
    lang: Lang,
    houses: Houses,
    staff: Staff,
    supervisor_ids: HashSet<String>,
    /// The organisation's coordinators, each leading the conversations of their cases as a
    /// resource of the planner of its own (`LEAD_PREFIX`), made when a request needs one.
    leads: BTreeMap<String, planner::Supervisor>,
    /// Times a coordinator already leads a conversation this week (held by a placeholder).
    lead_busy: Vec<(String, [i64; 2])>,
    /// Placeholders holding a room for sessions without a supervisor of ours.
    holds: Vec<planner::Supervisor>,
    requests: Vec<planner::Request>,
    views: Vec<PlanningRequest>,
    fixed_sessions: HashSet<String>,
    addable: Vec<AddableCase>,
}

impl App {
    /// Builds the week: requests from the running cases, locations, supervisors.
    pub(super) async fn build_week(&self, actor: &Actor, monday: Date) -> Result<Week> {
        let org = actor.org_id.as_str();
        let label = week_label(monday);
        let sunday_end = shift(monday, 7);
        let org_name = self
            .store
            .organisation(org)
            .await
            .map(|o| o.name)
            .unwrap_or_default();
        let houses = self.week_houses(org).await?;
        let staff = self.week_staff(org, &houses.ids).await?;
        let cases = self.running_cases(actor).await?;
        let windows = self.store.case_windows_of_org(org).await?;
        let school_hours = self.store.school_hours_of_org(org).await?;
        let dropped: HashSet<String> = self
            .store
            .dropped_requests(org, &label)
            .await?
            .into_iter()
            .collect();
        let added = self.store.added_requests(org, &label).await?;
        let mut draft = WeekDraft {
            org,
            monday,
            sunday_end,
            lang: actor.lang,
            supervisor_ids: staff.supervisors.iter().map(|s| s.id.clone()).collect(),
            houses,
            staff,
            leads: BTreeMap::new(),
            lead_busy: Vec::new(),
            holds: Vec::new(),
            requests: Vec::new(),
            views: Vec::new(),
            fixed_sessions: HashSet::new(),
            addable: Vec::new(),
        };
        let hours = FamilyHours {
            windows: &windows,
            school: &school_hours,
        };
        for case in &cases {
            let Some(programme) = self.programme(&case.programme) else {
                continue;
            };
            if policy::decide_case(actor, case, &programme, CaseAction::Read)
                != policy::Decision::Allow
            {
                continue;
            }
            draft.add_case(case, &programme, &hours, &added, &dropped);
        }
        self.take_other_sessions(&mut draft).await?;
        Ok(draft.finish(label, org_name, &cases))
    }

    /// The running cases of the organisation the actor may list.
    async fn running_cases(&self, actor: &Actor) -> Result<Vec<Arc<Case>>> {
        Ok(match policy::case_scope(actor) {
            Some(scope) => {
                self.store
                    .cases(&CaseFilter {
                        scope: Some(scope),
                        org_id: Some(actor.org_id.as_str().to_owned()),
                        status: Some(CaseStatus::Running.key().into()),
                        ..CaseFilter::default()
                    })
                    .await?
            }
            None => Vec::new(),
        })
    }

    /// What supervisors already have this week and the planner does not keep as fixed:
    /// not available then (margins included for visits).
    async fn take_other_sessions(&self, draft: &mut WeekDraft<'_>) -> Result<()> {
        let monday = draft.monday;
        let agenda = self
            .store
            .agenda(
                &AgendaFilter {
                    org_id: Some(draft.org.to_owned()),
                    ..AgendaFilter::default()
                },
                &format!("{monday}T00:00:00"),
                &format!("{}T00:00:00", draft.sunday_end),
            )
            .await?;
        for a in agenda.iter().filter(|a| {
            a.state == omgang_domain::case::SessionStatus::Planned
                && !draft.fixed_sessions.contains(&a.session_id)
        }) {
            let Some(sup) = a.supervisor_user_id.as_deref() else {
                continue;
            };
            let (Ok(s), Ok(e)) = (
                a.starts_at.parse::<DateTime>(),
                a.ends_at.parse::<DateTime>(),
            ) else {
                continue;
            };
            let m = if a.kind.is_visit() {
                a.location_id
                    .as_ref()
                    .and_then(|l| draft.houses.margin_of.get(l).copied())
                    .unwrap_or(0)
            } else {
                0
            };
            if let Some(p) = draft.staff.supervisors.iter_mut().find(|p| p.id == sup) {
                p.availability = subtract(
                    &p.availability,
                    [week_minute(monday, s) - m, week_minute(monday, e) + m],
                );
            }
        }
        Ok(())
    }
}

/// Last time's start of a session of `kind` before the week, as a minute of the week.
fn preferred_start(case: &Case, kind: SessionKind, monday: Date) -> Option<i64> {
    case.sessions
        .iter()
        .filter(|s| s.kind == kind && s.counts() && s.date() < monday)
        .max_by_key(|s| s.starts_at)
        .map(|s| {
            let offset = i64::from(s.date().weekday().to_monday_zero_offset());
            offset * 1440 + minutes_of_time(s.starts_at.time())
        })
}

impl WeekDraft<'_> {
    fn in_week(&self, at: DateTime) -> bool {
        at.date() >= self.monday && at.date() < self.sunday_end
    }

    /// The case's supervisor so far (or of its last session), if still one of ours.
    fn previous_supervisor(&self, case: &Case) -> Option<String> {
        case.supervisor
            .as_ref()
            .map(|u| u.0.clone())
            .or_else(|| {
                case.sessions
                    .iter()
                    .filter(|s| s.supervisor.is_some() && s.counts())
                    .max_by_key(|s| s.starts_at)
                    .and_then(|s| s.supervisor.as_ref().map(|u| u.0.clone()))
            })
            .filter(|u| self.supervisor_ids.contains(u))
    }

    /// The requests of one case: its sessions planned this week (kept), then what the
    /// programme asks and the coordinator added.
    fn add_case(
        &mut self,
        case: &Case,
        programme: &Programme,
        hours: &FamilyHours<'_>,
        added: &[AddedRequestRow],
        dropped: &HashSet<String>,
    ) {
        let mut week = CaseWeek {
            case,
            programme,
            previous: self.previous_supervisor(case),
            busy_days: HashSet::new(),
        };
        let in_week: Vec<&Session> = case
            .sessions
            .iter()
            .filter(|s| s.state == SessionState::Planned && self.in_week(s.starts_at))
            .collect();
        for s in &in_week {
            self.add_planned_session(&mut week, s);
        }
        let planned_kinds: HashSet<SessionKind> = in_week.iter().map(|s| s.kind).collect();
        let wanted = self.wanted_of(case, programme, &planned_kinds, added);
        let stored = hours_to_slots(hours.windows, case.id.as_str());
        let school = slots_to_minutes(&hours_to_slots(hours.school, case.id.as_str()));
        for w in wanted {
            self.add_request(&week, w, &stored, &school, dropped);
        }
    }

    /// A session planned this week: a fixed request where the planner can keep it (in one of
    /// our rooms), otherwise a day the case is busy.
    fn add_planned_session(&mut self, week: &mut CaseWeek<'_>, s: &Session) {
        let case = week.case;
        let led = week.programme.kind(s.kind).map(|r| r.led_by);
        let room = s
            .place
            .room_id
            .clone()
            .filter(|r| self.houses.room_location.contains_key(r));
        let sup = s
            .supervisor
            .as_ref()
            .map(|u| u.0.clone())
            .filter(|u| self.supervisor_ids.contains(u));
        let start = week_minute(self.monday, s.starts_at);
        let Some(room) = room else {
            week.busy_days.insert(start.div_euclid(1440));
            return;
        };
        let location = self
            .houses
            .room_location
            .get(&room)
            .cloned()
            .unwrap_or_default();
        let staggered = s.kind.is_visit();
        let m = if staggered {
            self.houses.margin_of.get(&location).copied().unwrap_or(0)
        } else {
            0
        };
        let minutes = i64::from(s.minutes);
        let occupied = [start - m, start + minutes + m];
        let id = format!("session:{}", s.id);
        self.fixed_sessions.insert(s.id.0.clone());
        // A session one of our supervisors leads stays with them. Otherwise (a parent
        // conversation the coordinator leads) the room is taken then, held by a placeholder
        // available only then.
        let (holder, ours, need) = match (led, sup) {
            (Some(Lead::Supervisor), Some(sup)) => (
                sup,
                true,
                Text::new("Al gepland: blijft staan.", "Planned already: stays."),
            ),
            _ => {
                week.busy_days.insert(start.div_euclid(1440));
                let hold = self.hold_room(case, s, led, occupied, &location);
                (
                    hold,
                    false,
                    Text::new(
                        "Al gepland: blijft staan; de ruimte is dan bezet.",
                        "Planned already: stays; the room is taken then.",
                    ),
                )
            }
        };
        let previous_here = if ours { week.previous.clone() } else { None };
        self.requests.push(planner::Request {
            id: id.clone(),
            case_id: case.id.0.clone(),
            organisation: self.org.to_owned(),
            kind: kind_code(s.kind),
            duration_minutes: minutes,
            locations: vec![location],
            room_types: RoomType::ALL
                .iter()
                .map(|t| planner_room_type(*t))
                .collect(),
            staggered,
            volunteer_allowed: ours,
            windows: vec![occupied],
            previous_supervisor: previous_here.clone(),
            preferred_start: None,
            fixed: Some(planner::FixedSession {
                start,
                room: room.clone(),
                supervisor: holder.clone(),
            }),
            only_supervisors: None,
        });
        self.views.push(PlanningRequest {
            id,
            case_id: case.id.0.clone(),
            case_reference: case.reference.clone(),
            programme_id: case.programme.clone(),
            kind: kind_code(s.kind),
            kind_label: s.kind.label().get(self.lang).to_owned(),
            minutes,
            staggered,
            volunteer_allowed: ours,
            room_types: Vec::new(),
            windows: Vec::new(),
            windows_default: false,
            previous_supervisor_name: previous_here
                .as_ref()
                .and_then(|p| self.staff.names.get(p).cloned()),
            previous_supervisor_id: previous_here,
            preferred_start: None,
            fixed: Some(FixedPlacement {
                session_id: s.id.0.clone(),
                starts_at: local(s.starts_at),
                room_id: room,
                supervisor_id: holder,
            }),
            need: need.get(self.lang).to_owned(),
            dropped: false,
        });
    }

    /// A placeholder that holds the room of a session no supervisor of ours leads, available
    /// only then; a conversation the coordinator leads also takes the coordinator's time.
    fn hold_room(
        &mut self,
        case: &Case,
        s: &Session,
        led: Option<Lead>,
        occupied: [i64; 2],
        location: &str,
    ) -> String {
        let hold = format!("{HOLD_PREFIX}{}", s.id);
        if led == Some(Lead::Coordinator)
            && let Some(c) = &case.coordinator
        {
            self.lead_busy
                .push((format!("{LEAD_PREFIX}{}", c.0), occupied));
        }
        self.holds.push(planner::Supervisor {
            id: hold.clone(),
            organisation: self.org.to_owned(),
            name: String::new(),
            kind: planner::SupervisorKind::Professional,
            vog_valid_until: None,
            trained: true,
            availability: vec![occupied],
            max_minutes_per_week: occupied[1] - occupied[0],
            locations: vec![location.to_owned()],
        });
        hold
    }

    /// What the programme asks of the case this week, then what the coordinator added; the
    /// kinds a coordinator may add make the case addable.
    fn wanted_of(
        &mut self,
        case: &Case,
        programme: &Programme,
        planned_kinds: &HashSet<SessionKind>,
        added: &[AddedRequestRow],
    ) -> Vec<Wanted> {
        let mut wanted: Vec<Wanted> = Vec::new();
        let mut kinds_here: Vec<AddableKind> = Vec::new();
        for kind in plannable_kinds(case, programme, self.monday) {
            if !addable(programme, kind) {
                continue;
            }
            kinds_here.push(AddableKind {
                kind: kind_code(kind),
                label: kind.label().get(self.lang).to_owned(),
                minutes: minutes_for(case, programme, kind),
            });
            if planned_kinds.contains(&kind) {
                continue;
            }
            let Some((why_nl, why_en)) = need_of(case, programme, kind, self.monday) else {
                continue;
            };
            wanted.push(Wanted {
                kind,
                minutes: minutes_for(case, programme, kind),
                id: format!("{}:{}", kind_code(kind), case.id),
                need: Text::new(why_nl, why_en),
            });
        }
        for a in added.iter().filter(|a| a.case_id == case.id.0) {
            if let Some(kind) = kind_of(&a.kind) {
                wanted.push(Wanted {
                    kind,
                    minutes: a.minutes,
                    id: format!("{ADDED_PREFIX}{}", a.id),
                    need: Text::new(
                        "Toegevoegd door de coördinator.",
                        "Added by the coordinator.",
                    ),
                });
            }
        }
        if !kinds_here.is_empty() {
            self.addable.push(AddableCase {
                case_id: case.id.0.clone(),
                case_reference: case.reference.clone(),
                kinds: kinds_here,
            });
        }
        wanted
    }

    /// The coordinator's lead resource for a conversation they lead (made on first need);
    /// `Err(())` when the case has no active coordinator of ours, so no request.
    fn lead_for(&mut self, case: &Case, rule: &SessionKindRule) -> Result<Option<String>, ()> {
        if rule.led_by != Lead::Coordinator {
            return Ok(None);
        }
        let Some((cid, name)) = case
            .coordinator
            .as_ref()
            .and_then(|c| self.staff.coordinators.get_key_value(&c.0))
        else {
            return Err(());
        };
        let lead_id = format!("{LEAD_PREFIX}{cid}");
        self.staff.names.insert(lead_id.clone(), name.clone());
        let name = name.clone();
        self.leads
            .entry(lead_id.clone())
            .or_insert_with(|| planner::Supervisor {
                id: lead_id.clone(),
                organisation: self.org.to_owned(),
                name,
                kind: planner::SupervisorKind::Professional,
                vog_valid_until: None,
                trained: true,
                availability: slots_to_minutes(&default_opening_hours()),
                max_minutes_per_week: DEFAULT_PROFESSIONAL_MINUTES,
                locations: self.houses.ids.clone(),
            });
        Ok(Some(lead_id))
    }

    /// One request the week asks of a case: its windows (the family's or the default, less
    /// the busy days and, for a visit, school hours), who may lead it, and its view.
    fn add_request(
        &mut self,
        week: &CaseWeek<'_>,
        w: Wanted,
        stored: &[SlotInput],
        school: &[[i64; 2]],
        dropped: &HashSet<String>,
    ) {
        let (case, programme) = (week.case, week.programme);
        let Wanted {
            kind,
            minutes,
            id,
            need,
        } = w;
        let Some(rule) = programme.kind(kind) else {
            return;
        };
        let (window_slots, windows_default) = if stored.is_empty() {
            (default_windows(kind), true)
        } else {
            (stored.to_vec(), false)
        };
        let mut week_windows = slots_to_minutes(&window_slots);
        for d in &week.busy_days {
            week_windows = subtract(&week_windows, [d * 1440, d * 1440 + 1440]);
        }
        // The child is at school then: no visit or handover.
        if kind.is_visit() {
            for s in school {
                week_windows = subtract(&week_windows, *s);
            }
        }
        let types: Vec<RoomType> = if rule.room_types.is_empty() {
            RoomType::ALL.to_vec()
        } else {
            rule.room_types.clone()
        };
        let preferred = preferred_start(case, kind, self.monday);
        // A conversation the coordinator leads: the case's own coordinator, in a room.
        let Ok(lead) = self.lead_for(case, rule) else {
            return;
        };
        let previous = match &lead {
            Some(l) => Some(l.clone()),
            None => week.previous.clone(),
        };
        let volunteer_allowed = lead.is_none() && programme.supervision.volunteers_allowed;
        let is_dropped = dropped.contains(&id);
        let request = planner::Request {
            id: id.clone(),
            case_id: case.id.0.clone(),
            organisation: self.org.to_owned(),
            kind: kind_code(kind),
            duration_minutes: minutes,
            locations: self.houses.ids.clone(),
            room_types: types.iter().map(|t| planner_room_type(*t)).collect(),
            staggered: kind.is_visit(),
            volunteer_allowed,
            windows: week_windows,
            previous_supervisor: previous.clone(),
            preferred_start: preferred,
            fixed: None,
            // The coordinator's conversation: only them. A programme that keeps one
            // supervisor: only the case's own (the case rules refuse another when the
            // proposal is accepted).
            only_supervisors: match &lead {
                Some(l) => Some(vec![l.clone()]),
                None => programme
                    .supervision
                    .same_supervisor
                    .then(|| case.supervisor.as_ref().map(|u| vec![u.0.clone()]))
                    .flatten(),
            },
        };
        if !is_dropped {
            self.requests.push(request);
        }
        self.views.push(PlanningRequest {
            id,
            case_id: case.id.0.clone(),
            case_reference: case.reference.clone(),
            programme_id: case.programme.clone(),
            kind: kind_code(kind),
            kind_label: kind.label().get(self.lang).to_owned(),
            minutes,
            staggered: kind.is_visit(),
            volunteer_allowed,
            room_types: types.iter().map(|t| t.code().to_owned()).collect(),
            windows: window_slots,
            windows_default,
            previous_supervisor_id: previous.clone(),
            previous_supervisor_name: previous
                .as_ref()
                .and_then(|p| self.staff.names.get(p).cloned()),
            preferred_start: preferred.map(|p| local(at_minute(self.monday, p))),
            fixed: None,
            need: need.get(self.lang).to_owned(),
            dropped: is_dropped,
        });
    }

    /// The instance and the week's views, once every case is in.
    fn finish(self, label: String, org_name: String, cases: &[Arc<Case>]) -> Week {
        let Self {
            org,
            monday,
            houses,
            staff,
            mut leads,
            lead_busy,
            holds,
            mut requests,
            mut views,
            addable,
            ..
        } = self;
        let mut supervisors = staff.supervisors;
        // A fixed session is kept where its supervisor is (also outside the stored hours).
        for r in &requests {
            if let (Some(f), Some(w)) = (&r.fixed, r.windows.first())
                && let Some(p) = supervisors.iter_mut().find(|p| p.id == f.supervisor)
            {
                p.availability.push(*w);
                normalise(&mut p.availability);
            }
        }
        let case_ids: Vec<String> = {
            let mut ids: Vec<String> = views
                .iter()
                .map(|v| v.case_id.clone())
                .chain(addable.iter().map(|a| a.case_id.clone()))
                .collect();
            ids.sort();
            ids.dedup();
            ids
        };
        views.sort_by_key(|v| v.dropped);
        // Coordinators lead conversations only: the supervisors' sessions go to supervisors.
        if !leads.is_empty() {
            let ours: Vec<String> = supervisors.iter().map(|s| s.id.clone()).collect();
            for r in requests
                .iter_mut()
                .filter(|r| r.fixed.is_none() && r.only_supervisors.is_none())
            {
                r.only_supervisors = Some(ours.clone());
            }
        }
        for (lead, occupied) in lead_busy {
            if let Some(l) = leads.get_mut(&lead) {
                l.availability = subtract(&l.availability, occupied);
            }
        }
        supervisors.extend(leads.into_values());
        supervisors.extend(holds);
        let instance = planner::Instance {
            format: Some("omgang-weekplanner-instance/1".into()),
            name: format!("{org}-{label}"),
            generator: None,
            week_start: monday.to_string(),
            grid_minutes: 15,
            default_travel_minutes: 30,
            organisations: vec![planner::Organisation {
                id: org.to_owned(),
                name: org_name,
            }],
            locations: houses.locations,
            supervisors,
            requests,
        };
        Week {
            label,
            monday,
            instance,
            requests: views,
            case_ids,
            addable,
            programme_of: cases
                .iter()
                .map(|c| (c.id.0.clone(), c.programme.clone()))
                .collect(),
        }
    }
}
