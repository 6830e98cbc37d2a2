//! Time windows: a family's windows and school hours, a location's opening hours, and the
//! defaults when nothing is stored.

use jiff::civil::Time;
use omgang_domain::Refusal;
use omgang_domain::programme::SessionKind;
use omgang_store::{HoursRow, StoreError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::beheer::SlotInput;
use crate::input::Check;
use crate::policy::{self, Actor, CaseAction, OrgAction};
use crate::{App, AppError, Audit, Result};

/// A location's opening hours without stored ones: weekdays 09:00–21:00, Saturday 09:00–17:00.
pub fn default_opening_hours() -> Vec<SlotInput> {
    let mut out: Vec<SlotInput> = (1..=5).map(|d| slot(d, "09:00", "21:00")).collect();
    out.push(slot(6, "09:00", "17:00"));
    out
}

/// A family's windows without stored ones: for visits and handovers the weekday afternoons
/// and evenings after school (Wednesday from 12:30) and Saturday 09:00–16:00; for other
/// sessions weekday office hours.
pub fn default_windows(kind: SessionKind) -> Vec<SlotInput> {
    if kind.is_visit() {
        vec![
            slot(1, "15:00", "19:30"),
            slot(2, "15:00", "19:30"),
            slot(3, "12:30", "19:30"),
            slot(4, "15:00", "19:30"),
            slot(5, "15:00", "19:30"),
            slot(6, "09:00", "16:00"),
        ]
    } else {
        (1..=5).map(|d| slot(d, "09:00", "17:00")).collect()
    }
}

pub(super) fn slot(weekday: u8, starts: &str, ends: &str) -> SlotInput {
    SlotInput {
        weekday,
        starts: starts.into(),
        ends: ends.into(),
    }
}

/// The family's time windows of a case (a weekday may have several), or a location's
/// opening hours.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WindowsInput {
    /// Weekday 1 (Monday) to 7 (Sunday), `HH:MM` to `HH:MM`. Empty: the default windows.
    pub windows: Vec<SlotInput>,
    /// A case only: the children's school hours, in the same form (replaced when given, kept
    /// when left out; empty: none). Visits and handovers, which the child attends, are not
    /// planned in them.
    #[serde(default)]
    pub school: Option<Vec<SlotInput>>,
}

/// The family's time windows of a case.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct WindowsView {
    pub case_id: String,
    pub windows: Vec<SlotInput>,
    /// No windows stored: the planner uses the default ones (shown here).
    pub default: bool,
    /// The children's school hours (none stored: none).
    pub school: Vec<SlotInput>,
}

pub(super) fn hours_to_slots(rows: &[HoursRow], owner: &str) -> Vec<SlotInput> {
    rows.iter()
        .filter(|r| r.owner_id == owner)
        .map(|r| SlotInput {
            weekday: u8::try_from(r.weekday).unwrap_or(1),
            starts: r.starts.clone(),
            ends: r.ends.clone(),
        })
        .collect()
}

/// Validates weekly slots (several a day allowed, not overlapping) into rows for `owner`.
pub(super) fn check_slots(
    c: &mut Check,
    field: &str,
    slots: &[SlotInput],
    owner: &str,
) -> Vec<HoursRow> {
    let mut rows = Vec::new();
    let mut taken: Vec<(u8, Time, Time)> = Vec::new();
    if slots.len() > 50 {
        c.push(field, "Hoogstens 50 tijdvakken.", "At most 50 slots.");
        return rows;
    }
    for (i, s) in slots.iter().enumerate() {
        let f = |name: &str| format!("{field}[{i}].{name}");
        if !(1..=7).contains(&s.weekday) {
            c.push(
                &f("weekday"),
                "Kies een dag: maandag (1) tot en met zondag (7).",
                "Choose a day: Monday (1) to Sunday (7).",
            );
            continue;
        }
        let time = |c: &mut Check, name: &str, v: &str| match v.trim().parse::<Time>() {
            Ok(t) => Some(t),
            Err(_) => {
                c.push(
                    &f(name),
                    format!(
                        "'{}' is geen tijd; gebruik UU:MM, bijvoorbeeld 15:30.",
                        v.trim()
                    ),
                    format!(
                        "'{}' is not a time; use HH:MM, for example 15:30.",
                        v.trim()
                    ),
                );
                None
            }
        };
        let (Some(a), Some(b)) = (time(c, "starts", &s.starts), time(c, "ends", &s.ends)) else {
            continue;
        };
        if b <= a {
            c.push(
                &f("ends"),
                "De eindtijd ligt na de begintijd.",
                "The end time comes after the start time.",
            );
            continue;
        }
        if taken
            .iter()
            .any(|(d, x, y)| *d == s.weekday && a < *y && *x < b)
        {
            c.push(
                &f("starts"),
                "Dit tijdvak overlapt een ander tijdvak op dezelfde dag.",
                "This slot overlaps another slot on the same day.",
            );
            continue;
        }
        taken.push((s.weekday, a, b));
        rows.push(HoursRow {
            owner_id: owner.to_owned(),
            weekday: i64::from(s.weekday),
            starts: format!("{:02}:{:02}", a.hour(), a.minute()),
            ends: format!("{:02}:{:02}", b.hour(), b.minute()),
        });
    }
    rows
}

pub(crate) fn windows_view(case_id: &str, stored: &[HoursRow], school: &[HoursRow]) -> WindowsView {
    let school = hours_to_slots(school, case_id);
    if stored.is_empty() {
        WindowsView {
            case_id: case_id.to_owned(),
            windows: default_windows(SessionKind::SupervisedVisit),
            default: true,
            school,
        }
    } else {
        WindowsView {
            case_id: case_id.to_owned(),
            windows: hours_to_slots(stored, case_id),
            default: false,
            school,
        }
    }
}

impl App {
    /// The family's time windows of a case (the planner's default when none are stored), for
    /// those who plan the case (the same answer as changing them).
    pub async fn case_windows(&self, actor: &Actor, case_id: &str) -> Result<WindowsView> {
        let (case, _, _) = self
            .load_for(actor, case_id, CaseAction::SetWindows)
            .await?;
        let view = self.windows_of(case.id.as_str()).await?;
        self.audit(Audit {
            actor: Some(actor),
            action: "read_windows",
            case: Some(case.id.as_str()),
            detail: String::new(),
            allowed: true,
        })
        .await?;
        Ok(view)
    }

    /// A case's windows and school hours as stored, without policy or audit: for the use
    /// cases that have done both ([`App::case_windows`], [`App::case_page`]).
    pub(crate) async fn windows_of(&self, case_id: &str) -> Result<WindowsView> {
        let stored = self.store.case_windows(case_id).await?;
        let school = self.store.school_hours(case_id).await?;
        Ok(windows_view(case_id, &stored, &school))
    }

    /// Replaces the family's time windows of a case (coordinators of the case).
    pub async fn set_case_windows(
        &self,
        actor: &Actor,
        case_id: &str,
        input: &WindowsInput,
    ) -> Result<WindowsView> {
        let (case, _, _) = self
            .load_for(actor, case_id, CaseAction::SetWindows)
            .await?;
        if !case.is_open() {
            return Err(AppError::Refused(Refusal::CaseClosed));
        }
        let mut c = Check::default();
        let rows = check_slots(&mut c, "windows", &input.windows, case.id.as_str());
        let school = input
            .school
            .as_ref()
            .map(|s| check_slots(&mut c, "school", s, case.id.as_str()));
        c.finish()?;
        self.store
            .replace_case_windows(case.id.as_str(), &rows)
            .await?;
        let school = match school {
            Some(school) => {
                self.store
                    .replace_school_hours(case.id.as_str(), &school)
                    .await?;
                school
            }
            None => self.store.school_hours(case.id.as_str()).await?,
        };
        self.audit(Audit {
            actor: Some(actor),
            action: "set_windows",
            case: Some(case.id.as_str()),
            detail: if input.school.is_some() {
                "windows, school hours".into()
            } else {
                "windows".into()
            },
            allowed: true,
        })
        .await?;
        Ok(windows_view(case.id.as_str(), &rows, &school))
    }

    /// Replaces a location's opening hours (administrators and coordinators, who manage
    /// locations). Empty: the default hours.
    pub async fn set_location_hours(
        &self,
        actor: &Actor,
        location_id: &str,
        input: &WindowsInput,
    ) -> Result<Vec<SlotInput>> {
        if !policy::may_org(actor, &actor.org_id, OrgAction::ManageLocations) {
            return Err(self.refuse_planning(actor, "set_location_hours").await);
        }
        let mut c = Check::default();
        let rows = check_slots(&mut c, "windows", &input.windows, location_id);
        if input.school.as_ref().is_some_and(|s| !s.is_empty()) {
            c.push(
                "school",
                "Schooltijden horen bij een dossier, niet bij een locatie.",
                "School hours belong to a case, not to a location.",
            );
        }
        c.finish()?;
        match self
            .store
            .replace_location_hours(actor.org_id.as_str(), location_id, &rows)
            .await
        {
            Ok(()) => {}
            Err(StoreError::NotFound) => return Err(AppError::NotFound),
            Err(e) => return Err(e.into()),
        }
        self.audit(Audit {
            actor: Some(actor),
            action: "set_location_hours",
            case: None,
            detail: location_id.to_owned(),
            allowed: true,
        })
        .await?;
        Ok(if rows.is_empty() {
            default_opening_hours()
        } else {
            hours_to_slots(&rows, location_id)
        })
    }
}
