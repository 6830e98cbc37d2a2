//! Walking a demo case through the application with the clock set back: who acts, and
//! sessions planned, held and reported on.

use anyhow::{Context, Result};
use jiff::Timestamp;
use jiff::civil::Date;
use omgang_app::input::{OutcomeInput, ReportInput, SessionInput};
use omgang_app::views::CaseView;
use omgang_app::{Actor, App, AppError, Role};
use omgang_domain::Programme;
use omgang_domain::case::{PersonRole, amsterdam};
use omgang_domain::programme::{Lead, LocationKind, SessionKind, SessionKindRule};

use super::e;

/// One demo case being walked: the programme, who acts, and the hour of its sessions.
pub(super) struct Walk<'a> {
    pub(super) app: &'a App,
    pub(super) programme: &'a Programme,
    pub(super) coord: &'a Actor,
    pub(super) partner: &'a Actor,
    pub(super) org_id: &'a str,
    pub(super) partner_org: &'a str,
    pub(super) director: &'a str,
    pub(super) supervisor: &'a str,
    pub(super) today: Date,
    /// Each case has its own hour of the day, so supervisors are not double-booked.
    pub(super) hour: i8,
}

impl Walk<'_> {
    fn at(&self, date: Date, hour: i8) -> Result<Timestamp> {
        Ok(date
            .at(hour, 0, 0, 0)
            .to_zoned_datetime(amsterdam())?
            .timestamp())
    }

    /// Sets the application's clock to `hour` o'clock on `date`.
    pub(super) fn set(&self, date: Date, hour: i8) -> Result<()> {
        self.app.clock.set(Some(self.at(date, hour)?));
        Ok(())
    }

    /// A session of `kind` on `date` (held if `hold`) with the default participants.
    pub(super) async fn session(
        &self,
        id: &str,
        kind: SessionKind,
        date: Date,
        hold: bool,
    ) -> Result<CaseView> {
        self.session_with(id, kind, date, hold, Vec::new()).await
    }

    /// A session with these people (person ids), at the omgangshuis where the programme
    /// allows it for `kind`, else at the kind's first place.
    pub(super) async fn session_with(
        &self,
        id: &str,
        kind: SessionKind,
        date: Date,
        hold: bool,
        participants: Vec<String>,
    ) -> Result<CaseView> {
        let allowed = self.programme.locations_for(kind);
        let location = if allowed.contains(&LocationKind::Omgangshuis) {
            LocationKind::Omgangshuis
        } else {
            allowed
                .first()
                .copied()
                .unwrap_or(LocationKind::Omgangshuis)
        };
        let rule = self.programme.kind(kind).context("kind")?;
        let minutes = rule.max_minutes.min(90);
        let (actor, supervisor) = match rule.led_by {
            Lead::Partner => (self.partner, None),
            Lead::Supervisor => (self.coord, Some(self.supervisor.to_owned())),
            _ => (self.coord, None),
        };
        let input = SessionInput {
            kind: omgang_store::json_name(&kind),
            starts_at: format!("{date}T{:02}:00", self.hour),
            minutes,
            location_kind: omgang_store::json_name(&location),
            location_id: None,
            room_id: None,
            description: None,
            home_of: None,
            supervisor_id: supervisor,
            participants,
            confirm: Vec::new(),
            reason: None,
        };
        let view = self.plan_confirmed(actor, id, input).await?;
        if !hold {
            return Ok(view);
        }
        self.hold(actor, id, &view, date, rule).await
    }

    /// Plans the session. A coordinator who plans a visit beyond "about N" or off the
    /// rhythm presses "Toch plannen" (recorded on the timeline); warnings that ask for a
    /// reason stay refusals.
    async fn plan_confirmed(
        &self,
        actor: &Actor,
        id: &str,
        input: SessionInput,
    ) -> Result<CaseView> {
        match self.app.plan_session(actor, id, &input).await {
            Err(AppError::Refused(omgang_domain::Refusal::ConfirmationNeeded { warnings }))
                if warnings.iter().all(|w| !w.needs_reason) =>
            {
                let confirmed = SessionInput {
                    confirm: warnings
                        .iter()
                        .map(|w| w.code.as_str().to_owned())
                        .collect(),
                    ..input
                };
                self.app
                    .plan_session(actor, id, &confirmed)
                    .await
                    .map_err(e)
            }
            other => other.map_err(e),
        }
    }

    /// Holds the session just planned (the last of `view`) at 17:00 on `date`: the children
    /// and the visiting parent(s) came; then its report where the kind needs one.
    async fn hold(
        &self,
        actor: &Actor,
        id: &str,
        view: &CaseView,
        date: Date,
        rule: &SessionKindRule,
    ) -> Result<CaseView> {
        let session = view.sessions.last().context("planned session")?.id.clone();
        self.set(date, 17)?;
        // Who came: the children and the visiting parent(s), as a supervisor ticks them.
        let attended = view
            .children
            .iter()
            .map(|c| c.id.clone())
            .chain(
                view.people
                    .iter()
                    .filter(|p| p.role == PersonRole::NonResidentParent)
                    .map(|p| p.id.clone()),
            )
            .collect();
        let held = OutcomeInput {
            outcome: "held".into(),
            notes: "Verliep rustig.".into(),
            by: None,
            reason: None,
            attended,
        };
        let view = self
            .app
            .record_outcome(actor, id, &session, &held)
            .await
            .map_err(e)?;
        if rule.needs_report {
            return self.report(id, &session).await;
        }
        Ok(view)
    }

    /// The supervisor writes the report of `session`; the coordinator approves and releases it.
    async fn report(&self, id: &str, session: &str) -> Result<CaseView> {
        let sup = supervisor_actor(self.coord, self.supervisor);
        let report = ReportInput {
            course: "Vader kwam op tijd; het kind werd door moeder gebracht. Samen gespeeld en getekend.".into(),
            child_reactions: "Het kind was eerst stil en werd na tien minuten vrolijk.".into(),
            interaction: "Warm contact; vader volgde het spel van het kind.".into(),
            agreements_kept: "Afspraken nagekomen.".into(),
            punctuality_resident_parent: "Op tijd.".into(),
            punctuality_visiting_parent: "Op tijd.".into(),
            incidents: String::new(),
        };
        let view = self
            .app
            .save_report(&sup, id, session, &report)
            .await
            .map_err(e)?;
        let report_id = view.reports.last().context("report")?.id.clone();
        self.app
            .review_report(
                self.coord,
                id,
                &report_id,
                omgang_app::cases::ReviewStep::Approve,
            )
            .await
            .map_err(e)?;
        self.app
            .review_report(
                self.coord,
                id,
                &report_id,
                omgang_app::cases::ReviewStep::Release,
            )
            .await
            .map_err(e)
    }
}

/// The supervisor `supervisor` of the coordinator's organisation.
fn supervisor_actor(coord: &Actor, supervisor: &str) -> Actor {
    Actor {
        user_id: omgang_domain::ids::UserId(supervisor.to_owned()),
        org_id: coord.org_id.clone(),
        role: Role::Supervisor,
        name: "begeleider".into(),
        ip: None,
        lang: omgang_domain::Lang::Nl,
        system: false,
        directory_version: None,
    }
}
