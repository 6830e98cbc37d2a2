//! The ouderschapsplan of a case: written by the coordinator from a form (the layered
//! schedule, parts b and c, the child's involvement, the usual topics), signed by both
//! parents (in the portal or on paper), amended in follow-up as a new version; shown with a
//! month calendar and the year's share of nights per parent; exported as PDF and, for each
//! parent, as an iCalendar feed of their own days. The rules are the domain's
//! (`omgang_domain::parenting_plan`); who may do what is the policy's.

use jiff::civil::Date;
use omgang_domain::case::{Command, SignatureMethod};
use omgang_domain::ids::PersonId;

use crate::input::{Check, SignatureInput};
use crate::policy::{self, Actor, CaseAction, ViewScope};
use crate::views::CaseView;
use crate::{App, AppError, Audit, Result};

mod form;
mod pdf;
mod view;
pub use form::{OCCASIONS, OverrideInput, ParentingPlanInput, occasion_of_input};
pub use view::{
    CalendarDayView, MonthView, OverrideView, ParentingPlanView, PlanParentView, PlanSignatureView,
    ShareView, TopicView, occasion_label, view_of,
};

impl App {
    /// Writes a new version of the ouderschapsplan (coordinators), through the case rules.
    pub async fn write_parenting_plan(
        &self,
        actor: &Actor,
        id: &str,
        input: &ParentingPlanInput,
    ) -> Result<CaseView> {
        let today = self.today();
        self.run(actor, id, "write_parenting_plan", |_, _| {
            let content = input.validate(today)?;
            Ok((
                CaseAction::WriteParentingPlan,
                Command::WriteParentingPlan { content },
            ))
        })
        .await
    }

    /// Records a parent's paper signature of the current version (staff).
    pub async fn sign_parenting_plan(
        &self,
        actor: &Actor,
        id: &str,
        input: &SignatureInput,
    ) -> Result<CaseView> {
        self.run(actor, id, "sign_parenting_plan", |_, _| {
            let mut c = Check::default();
            let parent = c.id("parent_id", &input.parent_id);
            let signed_on = input
                .signed_on
                .as_deref()
                .filter(|s| !s.trim().is_empty())
                .and_then(|s| c.date("signed_on", s));
            c.finish()?;
            Ok((
                CaseAction::SignParentingPlan { own: false },
                Command::SignParentingPlan {
                    version: input.version,
                    parent: PersonId(parent),
                    method: SignatureMethod::Paper,
                    signed_on,
                },
            ))
        })
        .await
    }

    /// A parent signs the current version in the portal, as themselves; `content_hash` is
    /// the version they read (a plan changed since is refused on that field).
    pub async fn portal_sign_parenting_plan(
        &self,
        actor: &Actor,
        id: &str,
        version: u32,
        content_hash: &str,
    ) -> Result<()> {
        self.my_links(actor).await?;
        let me = self.me_in(actor, id).await?;
        self.run(actor, id, "sign_parenting_plan", |case, _| {
            let plan = case.parenting_plans.last().ok_or(AppError::Refused(
                omgang_domain::Refusal::NoParentingPlan,
            ))?;
            if plan.version == version && plan.content_hash != content_hash.trim() {
                return Err(AppError::invalid(
                    "content_hash",
                    "Het ouderschapsplan is intussen gewijzigd; lees de nieuwe versie en onderteken opnieuw.",
                    "The parenting plan has changed since; read the new version and sign again.",
                ));
            }
            let own = me
                .as_ref()
                .and_then(|p| case.person(p))
                .is_some_and(|p| p.role.is_parent());
            Ok((
                CaseAction::SignParentingPlan { own },
                Command::SignParentingPlan {
                    version,
                    parent: me.clone().unwrap_or_else(|| PersonId(String::new())),
                    method: SignatureMethod::Portal,
                    signed_on: None,
                },
            ))
        })
        .await?;
        Ok(())
    }

    /// The current ouderschapsplan (`None`: none written yet), for the case's coordinators
    /// and supervisors and for its parents; the read is audited.
    pub async fn parenting_plan(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<Option<ParentingPlanView>> {
        let (case, _, _) = self.load_for(actor, id, CaseAction::Read).await?;
        let linked = self.linked(actor, &case.id).await?;
        if !matches!(
            policy::view_scope_with(actor, &case, &linked),
            Some(ViewScope::Full | ViewScope::Supervisor | ViewScope::Parent)
        ) {
            return Err(AppError::Forbidden);
        }
        self.audit(Audit {
            actor: Some(actor),
            action: "read_parenting_plan",
            case: Some(id),
            detail: case
                .parenting_plans
                .last()
                .map_or_else(|| "none".into(), |p| format!("version {}", p.version)),
            allowed: true,
        })
        .await?;
        Ok(case
            .parenting_plans
            .last()
            .map(|p| view_of(&case, p, self.today(), actor.lang)))
    }

    /// A parent's own days of the current ouderschapsplan as iCalendar (the coming twelve
    /// months): one event per stay, starting at the handover, with the handover's place.
    /// Only for a parent of the plan, about themselves.
    pub async fn parenting_plan_ics(&self, actor: &Actor, id: &str) -> Result<String> {
        let (case, _, _) = self.load_for(actor, id, CaseAction::Read).await?;
        let me = self.me_in(actor, id).await?;
        let plan = case.parenting_plans.last().ok_or(AppError::NotFound)?;
        let mine = me
            .as_ref()
            .and_then(|p| plan.content.parent_of(p))
            .ok_or(AppError::Forbidden)?;
        self.audit(Audit {
            actor: Some(actor),
            action: "read_parenting_plan_calendar",
            case: Some(id),
            detail: format!("version {}", plan.version),
            allowed: true,
        })
        .await?;
        let today = self.today();
        let schedule = &plan.content.schedule;
        let days = schedule.days(today, omgang_domain::case::add_days(today, 365));
        let children: Vec<&str> = case.children.iter().map(|c| c.name.as_str()).collect();
        let mut cal = icalendar::Calendar::new();
        cal.name(&format!("Ouderschapsplan {}", children.join(", ")));
        let mut i = 0;
        while i < days.len() {
            if days[i].parent != mine {
                i += 1;
                continue;
            }
            let start = i;
            while i < days.len() && days[i].parent == mine {
                i += 1;
            }
            let first = days[start].date;
            let until = days.get(i).map_or_else(
                || omgang_domain::case::add_days(days[i - 1].date, 1),
                |d| d.date,
            );
            let tz = omgang_domain::case::amsterdam();
            let at = |d: Date| tz.to_timestamp(d.to_datetime(schedule.pattern.handover_time));
            let (Ok(from), Ok(to)) = (at(first), at(until)) else {
                continue;
            };
            let to_chrono = |t: jiff::Timestamp| {
                chrono::DateTime::<chrono::Utc>::from_timestamp(t.as_second(), 0)
            };
            let (Some(from), Some(to)) = (to_chrono(from), to_chrono(to)) else {
                continue;
            };
            use icalendar::{Component, EventLike};
            let event = icalendar::Event::new()
                .uid(&format!("pp-{}-{}-{first}@omgang", case.id.0, plan.version))
                .summary(&format!("Bij mij: {}", children.join(", ")))
                .location(&schedule.pattern.handover_place)
                .description(&format!(
                    "Ouderschapsplan versie {}: overdracht om {} ({}).",
                    plan.version,
                    schedule.pattern.handover_time.strftime("%H:%M"),
                    schedule.pattern.handover_place
                ))
                .starts(from)
                .ends(to)
                .done();
            cal.push(event);
        }
        Ok(cal.done().to_string())
    }
}
