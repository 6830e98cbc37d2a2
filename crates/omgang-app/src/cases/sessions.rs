//! Sessions: planning one (with its place), recording its outcome, and moving to the next phase.

use omgang_domain::case::{Command, NewSession, Party, Place, SessionOutcome};
use omgang_domain::ids::{CaseId, PersonId, SessionId, UserId};
use omgang_domain::programme::{LocationKind, RoomType, SessionKind};
use omgang_store::StoreError;

use super::confirmation;
use crate::input::*;
use crate::policy::{Actor, CaseAction};
use crate::views::CaseView;
use crate::{App, AppError, Result};

impl App {
    pub async fn plan_session(
        &self,
        actor: &Actor,
        id: &str,
        input: &SessionInput,
    ) -> Result<CaseView> {
        let session_id = crate::new_id();
        let confirm = confirmation(&input.confirm, input.reason.as_deref())?;
        let slot = crate::beheer::PlannedSlot {
            kind: input.kind.clone(),
            starts_at: input.starts_at.clone(),
            minutes: input.minutes,
            supervisor_id: input.supervisor_id.clone(),
            room_id: input.room_id.clone(),
        };
        let (location_id, room_id, room_type) = self.known_place(actor, id, input).await?;
        let shell_warnings = self.shell_planning_warnings(actor, id, &slot).await?;
        self.run_confirmed(
            actor,
            id,
            "plan_session",
            confirm,
            shell_warnings,
            |_, programme| {
                let mut c = Check::default();
                let kind: Option<SessionKind> = c.choice("kind", &input.kind);
                let starts_at = c.datetime("starts_at", &input.starts_at);
                if input.minutes == 0 || input.minutes > 24 * 60 {
                    c.push(
                        "minutes",
                        "Geef de duur in minuten (1 tot 1440).",
                        "Give the length in minutes (1 to 1440).",
                    );
                }
                let location: Option<LocationKind> =
                    c.choice("location_kind", &input.location_kind);
                let location_id = location_id.as_deref().map(|s| c.id("location_id", s));
                let room_id = room_id.as_deref().map(|s| c.id("room_id", s));
                // The room must be of a type this kind is held in (seed 003: homely rooms
                // and larger ones for play; conversations in an office).
                if let (Some(kind), Some(room_type)) = (kind, room_type)
                    && let Err(refusal) = programme.check_room_type(kind, room_type)
                {
                    c.push(
                        "room_id",
                        refusal.message(omgang_domain::Lang::Nl),
                        refusal.message(omgang_domain::Lang::En),
                    );
                }
                let description = c.opt_line("description", &input.description);
                let home_of = input
                    .home_of
                    .as_deref()
                    .filter(|s| !s.trim().is_empty())
                    .map(|s| PersonId(c.id("home_of", s)));
                let supervisor = input
                    .supervisor_id
                    .as_deref()
                    .filter(|s| !s.trim().is_empty())
                    .map(|s| UserId(c.id("supervisor_id", s)));
                let participants: Vec<PersonId> = input
                    .participants
                    .iter()
                    .enumerate()
                    .map(|(i, p)| PersonId(c.id(&format!("participants[{i}]"), p)))
                    .collect();
                c.finish()?;
                let (Some(kind), Some(starts_at), Some(location)) = (kind, starts_at, location)
                else {
                    return Err(AppError::Internal("validated fields missing".into()));
                };
                let command = Command::PlanSession(NewSession {
                    id: SessionId(session_id.clone()),
                    kind,
                    starts_at,
                    minutes: input.minutes,
                    place: Place {
                        kind: location,
                        location_id,
                        room_id,
                        description,
                        home_of,
                    },
                    supervisor,
                    partner: None,
                    participants,
                });
                Ok((CaseAction::PlanSession(kind), command))
            },
        )
        .await
    }

    /// A session's location and room must be real ones of the case's organisation (422 naming
    /// the field otherwise); a room alone brings its location, so the location's agenda shows
    /// the session. Checked only for the actor's own organisation: planning itself answers
    /// anyone else (403/404) without telling which rooms exist.
    pub(super) async fn known_place(
        &self,
        actor: &Actor,
        case_id: &str,
        input: &SessionInput,
    ) -> Result<(Option<String>, Option<String>, Option<RoomType>)> {
        let room = input
            .room_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let location = input
            .location_id
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty());
        let given = (location.map(str::to_owned), room.map(str::to_owned));
        if room.is_none() && location.is_none() {
            return Ok((given.0, given.1, None));
        }
        let org = match self.store.case(&CaseId(case_id.to_owned())).await {
            Ok((case, _)) if case.organisation == actor.org_id || actor.system => {
                case.organisation.0
            }
            Ok(_) | Err(StoreError::NotFound) => return Ok((given.0, given.1, None)),
            Err(e) => return Err(e.into()),
        };
        let locations = self.store.locations_of(&org).await?;
        let mut c = Check::default();
        let of_room =
            room.and_then(|r| locations.iter().find(|l| l.rooms.iter().any(|x| x.id == r)));
        if room.is_some() && of_room.is_none() {
            c.push(
                "room_id",
                "Onbekende ruimte: kies een ruimte van een van de locaties van deze organisatie (GET /api/v1/locations).",
                "Unknown room: choose a room of one of this organisation's locations (GET /api/v1/locations).",
            );
        }
        if let Some(l) = location {
            if !locations.iter().any(|x| x.id == l) {
                c.push(
                    "location_id",
                    "Onbekende locatie: kies een locatie van deze organisatie (GET /api/v1/locations).",
                    "Unknown location: choose one of this organisation's locations (GET /api/v1/locations).",
                );
            } else if of_room.is_some_and(|found| found.id != l) {
                c.push(
                    "room_id",
                    "Deze ruimte hoort niet bij de gekozen locatie.",
                    "This room is not in the chosen location.",
                );
            }
        }
        c.finish()?;
        let room_type = room.and_then(|r| {
            of_room
                .and_then(|l| l.rooms.iter().find(|x| x.id == r))
                .and_then(|x| RoomType::parse(&x.room_type))
        });
        Ok((
            given.0.or_else(|| of_room.map(|l| l.id.clone())),
            given.1,
            room_type,
        ))
    }

    pub async fn record_outcome(
        &self,
        actor: &Actor,
        id: &str,
        session: &str,
        input: &OutcomeInput,
    ) -> Result<CaseView> {
        self.run(actor, id, "record_outcome", |case, _| {
            let s = case
                .session(&SessionId(session.to_owned()))
                .ok_or(AppError::NotFound)?;
            let own = s.supervisor.as_ref() == Some(&actor.user_id);
            let mut c = Check::default();
            let notes = c.text("notes", &input.notes);
            let party = |c: &mut Check| -> Option<Party> {
                match input.by.as_deref().map(str::trim) {
                    Some("organisation") => Some(Party::Organisation),
                    Some(p) if !p.is_empty() => Some(Party::Person(PersonId(c.id("by", p)))),
                    _ => {
                        c.push(
                            "by",
                            "Kies wie afzegde of niet kwam.",
                            "Choose who cancelled or did not come.",
                        );
                        None
                    }
                }
            };
            let outcome = match input.outcome.trim() {
                "held" => {
                    let attended = input
                        .attended
                        .iter()
                        .enumerate()
                        .map(|(i, p)| {
                            let field = format!("attended[{i}]");
                            let id = PersonId(c.id(&field, p));
                            let known = case.person(&id).is_some()
                                || case.children.iter().any(|k| k.id == id);
                            if !known {
                                c.push(
                                    &field,
                                    "Onbekende persoon: kies iemand die bij dit dossier hoort.",
                                    "Unknown person: choose someone who belongs to this case.",
                                );
                            }
                            id
                        })
                        .collect();
                    Some(SessionOutcome::Held { notes, attended })
                }
                "cancelled" => {
                    let by = party(&mut c);
                    let reason = c.opt_text("reason", &input.reason);
                    if reason.is_none() {
                        c.push(
                            "reason",
                            "Geef de reden van afzeggen.",
                            "Give the reason for cancelling.",
                        );
                    }
                    by.zip(reason)
                        .map(|(by, reason)| SessionOutcome::Cancelled { by, reason })
                }
                "no_show" => party(&mut c).map(|who| SessionOutcome::NoShow { who, notes }),
                other => {
                    c.push(
                        "outcome",
                        format!(
                            "Onbekende uitkomst '{other}'; kies uit: held, cancelled, no_show."
                        ),
                        format!(
                            "Unknown outcome '{other}'; choose from: held, cancelled, no_show."
                        ),
                    );
                    None
                }
            };
            c.finish()?;
            let outcome =
                outcome.ok_or_else(|| AppError::invalid("outcome", "Ongeldig.", "Invalid."))?;
            Ok((
                CaseAction::RecordOutcome { kind: s.kind, own },
                Command::RecordOutcome {
                    session: s.id.clone(),
                    outcome,
                },
            ))
        })
        .await
    }

    /// Moves the case to the next phase by hand; skipping the phase's required sessions
    /// needs a confirmation with a reason (`input.confirm`, `input.reason`).
    pub async fn advance_phase(
        &self,
        actor: &Actor,
        id: &str,
        input: &ConfirmInput,
    ) -> Result<CaseView> {
        let confirm = confirmation(&input.confirm, input.reason.as_deref())?;
        self.run_confirmed(actor, id, "advance_phase", confirm, Vec::new(), |_, _| {
            Ok((CaseAction::AdvancePhase, Command::AdvancePhase))
        })
        .await
    }
}
