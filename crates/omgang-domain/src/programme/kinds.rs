//! The programme's vocabularies: how a family comes in, the kinds of session, who leads
//! one, where it is held, and to whom a case escalates.

use serde::{Deserialize, Serialize};

use crate::text::Text;

/// How a family comes into a programme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryRoute {
    /// Parents or professionals register voluntarily.
    Voluntary,
    /// With a referral (*indicatie*, *verwijzing*).
    Referral,
    /// By court order (*rechterlijke uitspraak*).
    CourtOrder,
}

impl EntryRoute {
    pub const ALL: [EntryRoute; 3] = [
        EntryRoute::Voluntary,
        EntryRoute::Referral,
        EntryRoute::CourtOrder,
    ];

    /// The name this value has in JSON (its serde name), in forms and in stored events.
    pub fn key(self) -> &'static str {
        match self {
            EntryRoute::Voluntary => "voluntary",
            EntryRoute::Referral => "referral",
            EntryRoute::CourtOrder => "court_order",
        }
    }

    pub fn label(self) -> Text {
        match self {
            EntryRoute::Voluntary => Text::new("vrijwillig", "voluntary"),
            EntryRoute::Referral => Text::new("verwijzing (indicatie)", "referral"),
            EntryRoute::CourtOrder => Text::new("rechterlijke uitspraak", "court order"),
        }
    }
}

/// How the intake is held.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntakeStyle {
    /// An intake conversation with each parent separately.
    Separate,
    /// One intake conversation with both parents.
    Joint,
    /// An informative conversation, where a guardian or other professionals may attend.
    Informative,
}

/// The document both parents sign before visits may start.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanDocument {
    PlanVanAanpak,
    Samenwerkingscontract,
}

impl PlanDocument {
    pub fn label(self) -> Text {
        match self {
            PlanDocument::PlanVanAanpak => Text::new("plan van aanpak", "plan of approach"),
            PlanDocument::Samenwerkingscontract => {
                Text::new("samenwerkingscontract", "cooperation contract")
            }
        }
    }
}

/// Every kind of session a case can have. Which of them a programme uses, and under
/// which limits, is in its definition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionKind {
    Intake,
    InformativeConversation,
    ChildConversation,
    InteractionObservation,
    ParentConversation,
    /// Ouderschap Na Scheiding: mediation talks, often run by a partner organisation.
    OnsConversation,
    SupervisedVisit,
    SupervisedHandover,
    UnsupervisedVisit,
    Evaluation,
    EndEvaluation,
    FollowUpAppointment,
}

impl SessionKind {
    pub const ALL: [SessionKind; 12] = [
        SessionKind::Intake,
        SessionKind::InformativeConversation,
        SessionKind::ChildConversation,
        SessionKind::InteractionObservation,
        SessionKind::ParentConversation,
        SessionKind::OnsConversation,
        SessionKind::SupervisedVisit,
        SessionKind::SupervisedHandover,
        SessionKind::UnsupervisedVisit,
        SessionKind::Evaluation,
        SessionKind::EndEvaluation,
        SessionKind::FollowUpAppointment,
    ];

    /// The name this value has in JSON (its serde name), in forms and in stored events.
    pub fn key(self) -> &'static str {
        match self {
            SessionKind::Intake => "intake",
            SessionKind::InformativeConversation => "informative_conversation",
            SessionKind::ChildConversation => "child_conversation",
            SessionKind::InteractionObservation => "interaction_observation",
            SessionKind::ParentConversation => "parent_conversation",
            SessionKind::OnsConversation => "ons_conversation",
            SessionKind::SupervisedVisit => "supervised_visit",
            SessionKind::SupervisedHandover => "supervised_handover",
            SessionKind::UnsupervisedVisit => "unsupervised_visit",
            SessionKind::Evaluation => "evaluation",
            SessionKind::EndEvaluation => "end_evaluation",
            SessionKind::FollowUpAppointment => "follow_up_appointment",
        }
    }

    pub fn label(self) -> Text {
        let (nl, en) = match self {
            SessionKind::Intake => ("intakegesprek", "intake"),
            SessionKind::InformativeConversation => {
                ("informatief gesprek", "informative conversation")
            }
            SessionKind::ChildConversation => ("kindgesprek", "child conversation"),
            SessionKind::InteractionObservation => {
                ("interactie-observatie", "interaction observation")
            }
            SessionKind::ParentConversation => ("oudergesprek", "parent conversation"),
            SessionKind::OnsConversation => ("ONS-gesprek", "ONS conversation"),
            SessionKind::SupervisedVisit => ("begeleide omgang", "supervised visit"),
            SessionKind::SupervisedHandover => ("overdrachtsbegeleiding", "supervised handover"),
            SessionKind::UnsupervisedVisit => ("omgang zonder begeleiding", "unsupervised contact"),
            SessionKind::Evaluation => ("evaluatie", "evaluation"),
            SessionKind::EndEvaluation => ("eindevaluatie", "end evaluation"),
            SessionKind::FollowUpAppointment => ("terugkomafspraak", "follow-up appointment"),
        };
        Text::new(nl, en)
    }

    /// Intake-type sessions belong to the intake and plan stages, before visits run.
    pub fn is_intake_stage(self) -> bool {
        matches!(
            self,
            SessionKind::Intake
                | SessionKind::InformativeConversation
                | SessionKind::ChildConversation
                | SessionKind::InteractionObservation
        )
    }

    /// Contact that a supervisor attends.
    pub fn is_supervised_contact(self) -> bool {
        matches!(
            self,
            SessionKind::SupervisedVisit | SessionKind::SupervisedHandover
        )
    }

    /// A contact moment between the child and the non-resident parent.
    pub fn is_visit(self) -> bool {
        matches!(
            self,
            SessionKind::SupervisedVisit
                | SessionKind::SupervisedHandover
                | SessionKind::UnsupervisedVisit
        )
    }
}

/// Who leads a kind of session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lead {
    /// The case's coordinator (zorgcoördinator).
    Coordinator,
    /// A supervisor (omgangsbegeleider), professional or volunteer.
    Supervisor,
    /// A partner organisation's staff (e.g. Timon for ONS).
    Partner,
    /// Nobody from an organisation: only logged (unsupervised visits).
    Nobody,
}

/// Where a session takes place.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LocationKind {
    /// The omgangshuis (or the organisation's own office).
    Omgangshuis,
    /// An (indoor) playground.
    Playground,
    /// Another suitable location found for the case.
    OtherLocation,
    /// The home of a parent.
    ParentHome,
    /// An office: a partner organisation's own, or the Sociaal Team's (seed 000: ONS
    /// conversations "op kantoor van het Sociaal Team").
    Office,
}

impl LocationKind {
    /// Every value, in the order forms list them.
    pub const ALL: [LocationKind; 5] = [
        LocationKind::Omgangshuis,
        LocationKind::Playground,
        LocationKind::OtherLocation,
        LocationKind::ParentHome,
        LocationKind::Office,
    ];

    /// The name this value has in JSON (its serde name), in forms and in stored events.
    pub fn key(self) -> &'static str {
        match self {
            LocationKind::Omgangshuis => "omgangshuis",
            LocationKind::Playground => "playground",
            LocationKind::OtherLocation => "other_location",
            LocationKind::ParentHome => "parent_home",
            LocationKind::Office => "office",
        }
    }

    pub fn label(self) -> Text {
        match self {
            LocationKind::Omgangshuis => Text::new("omgangshuis", "contact centre"),
            LocationKind::Playground => Text::new("speeltuin", "playground"),
            LocationKind::OtherLocation => Text::new("andere locatie", "other location"),
            LocationKind::ParentHome => Text::new("bij de ouder thuis", "at the parent's home"),
            LocationKind::Office => Text::new(
                "kantoor (partner of Sociaal Team)",
                "office (partner or Sociaal Team)",
            ),
        }
    }

    pub fn is_outside_house(self) -> bool {
        self != LocationKind::Omgangshuis
    }
}

/// The kind of a room in one of the organisation's locations (seed 003: "ruimtes die
/// huiselijk zijn ingericht, maar ook … grotere ruimtes waar ouder(s) en kind(eren)
/// bijvoorbeeld samen een balspel kunnen spelen").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoomType {
    /// Furnished like a living room.
    Homely,
    /// A larger room, for play (a ball game).
    Large,
    /// An office, for conversations.
    Office,
}

impl RoomType {
    pub const ALL: [RoomType; 3] = [RoomType::Homely, RoomType::Large, RoomType::Office];

    pub fn code(self) -> &'static str {
        match self {
            RoomType::Homely => "homely",
            RoomType::Large => "large",
            RoomType::Office => "office",
        }
    }

    pub fn parse(code: &str) -> Option<RoomType> {
        RoomType::ALL.into_iter().find(|t| t.code() == code)
    }

    pub fn label(self) -> Text {
        match self {
            RoomType::Homely => Text::new("huiselijke ruimte", "homely room"),
            RoomType::Large => Text::new("grote ruimte", "large room"),
            RoomType::Office => Text::new("spreekkamer", "office"),
        }
    }
}

/// Where a case is reported when it escalates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EscalationTarget {
    Jeugdteam,
    VeiligThuis,
    Court,
    CertifiedInstitution,
}

impl EscalationTarget {
    /// Every value, in the order forms list them.
    pub const ALL: [EscalationTarget; 4] = [
        EscalationTarget::Jeugdteam,
        EscalationTarget::VeiligThuis,
        EscalationTarget::Court,
        EscalationTarget::CertifiedInstitution,
    ];

    /// The name this value has in JSON (its serde name), in forms and in stored events.
    pub fn key(self) -> &'static str {
        match self {
            EscalationTarget::Jeugdteam => "jeugdteam",
            EscalationTarget::VeiligThuis => "veilig_thuis",
            EscalationTarget::Court => "court",
            EscalationTarget::CertifiedInstitution => "certified_institution",
        }
    }

    pub fn label(self) -> Text {
        match self {
            EscalationTarget::Jeugdteam => Text::new("Jeugdteam", "youth team (Jeugdteam)"),
            EscalationTarget::VeiligThuis => Text::new("Veilig Thuis", "Veilig Thuis"),
            EscalationTarget::Court => Text::new("rechtbank", "court"),
            EscalationTarget::CertifiedInstitution => {
                Text::new("gecertificeerde instelling", "certified institution")
            }
        }
    }
}
