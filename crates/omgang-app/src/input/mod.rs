//! Request bodies and their validation into domain values.
//!
//! Every field is checked here with a message in Dutch and English that names the field;
//! all problems of one request are reported together. Enumerations arrive as strings so that
//! an unknown value gets a helpful message listing the allowed ones.

use jiff::civil::Date;
use omgang_domain::case::{
    Child, Contact, Person, PersonRole, PlanContent, RegisteredBy, ReportContent,
};
use omgang_domain::ids::PersonId;
use serde::Deserialize;
use utoipa::ToSchema;

use crate::error::AppError;

mod check;
pub use check::Check;

/// New contact details of a person of a case (replacing the old ones), and whether the
/// address must stay secret from the other parent.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonUpdateInput {
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub secret_address: bool,
}

#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChildInput {
    pub name: String,
    /// `YYYY-MM-DD`
    pub birth_date: String,
}

#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonInput {
    pub name: String,
    /// resident_parent, non_resident_parent, guardian, foster_carer, residential_group,
    /// case_director, referrer, other
    pub role: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    /// The address must stay secret from the other parent.
    #[serde(default)]
    pub secret_address: bool,
    #[serde(default)]
    pub organisation: Option<String>,
    /// A guardian who holds parental authority (*gezag*): signs the plan with the parents.
    #[serde(default)]
    pub holds_authority: bool,
}

/// A registration (*aanmelding*).
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RegistrationInput {
    pub programme_id: String,
    /// The lead organisation; defaults to the actor's own.
    #[serde(default)]
    pub organisation_id: Option<String>,
    /// one_parent, both_parents, professional
    pub registered_by: String,
    /// voluntary, referral, court_order
    pub entry_route: String,
    pub children: Vec<ChildInput>,
    /// Parents and others involved.
    pub people: Vec<PersonInput>,
    #[serde(default)]
    pub safety_concerns: Option<String>,
    /// What the family asks for, in their words.
    #[serde(default)]
    pub request: Option<String>,
}

pub struct ValidRegistration {
    pub programme_id: String,
    pub organisation_id: Option<String>,
    pub registered_by: RegisteredBy,
    pub entry_route: omgang_domain::programme::EntryRoute,
    pub children: Vec<Child>,
    pub people: Vec<Person>,
    pub safety_concerns: Option<String>,
    pub request: Option<String>,
}

impl RegistrationInput {
    pub fn validate(&self) -> Result<ValidRegistration, AppError> {
        let mut c = Check::default();
        let programme_id = c.line("programme_id", &self.programme_id);
        let organisation_id = self
            .organisation_id
            .as_deref()
            .filter(|o| !o.trim().is_empty())
            .map(|o| c.id("organisation_id", o));
        let registered_by = c.choice("registered_by", &self.registered_by);
        let entry_route = c.choice("entry_route", &self.entry_route);
        if self.children.is_empty() {
            c.push(
                "children",
                "Vul minstens één kind in.",
                "Enter at least one child.",
            );
        }
        if self.children.len() > 12 {
            c.push(
                "children",
                "Hoogstens 12 kinderen per aanmelding.",
                "At most 12 children per registration.",
            );
        }
        let children: Vec<Child> = self
            .children
            .iter()
            .enumerate()
            .filter_map(|(i, ch)| {
                let name = c.line(&format!("children[{i}].name"), &ch.name);
                let birth = c.date(&format!("children[{i}].birth_date"), &ch.birth_date)?;
                Some(Child {
                    id: PersonId(crate::new_id()),
                    name,
                    birth_date: birth,
                })
            })
            .collect();
        if !self
            .people
            .iter()
            .any(|p| p.role == "resident_parent" || p.role == "non_resident_parent")
        {
            c.push(
                "people",
                "Vul minstens één ouder in.",
                "Enter at least one parent.",
            );
        }
        if self.people.len() > 20 {
            c.push("people", "Hoogstens 20 betrokkenen.", "At most 20 people.");
        }
        let people: Vec<Person> = self
            .people
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let f = |name: &str| format!("people[{i}].{name}");
                let name = c.line(&f("name"), &p.name);
                let role: Option<PersonRole> = c.choice(&f("role"), &p.role);
                let email = c.email(&f("email"), &p.email);
                let phone = c.phone(&f("phone"), &p.phone);
                let address = c.opt_line(&f("address"), &p.address);
                if p.secret_address && address.is_none() {
                    c.push(
                        &f("address"),
                        "Een geheim adres moet ingevuld zijn.",
                        "A secret address must be filled in.",
                    );
                }
                let organisation = c.opt_line(&f("organisation"), &p.organisation);
                Some(Person {
                    id: PersonId(crate::new_id()),
                    name,
                    role: role?,
                    contact: Contact {
                        email,
                        phone,
                        address,
                    },
                    secret_address: p.secret_address,
                    organisation,
                    holds_authority: p.holds_authority,
                })
            })
            .collect();
        let safety_concerns = c.opt_text("safety_concerns", &self.safety_concerns);
        let request = c.opt_text("request", &self.request);
        c.finish()?;
        Ok(ValidRegistration {
            programme_id,
            organisation_id,
            registered_by: registered_by
                .ok_or_else(|| AppError::invalid("registered_by", "Ongeldig.", "Invalid."))?,
            entry_route: entry_route
                .ok_or_else(|| AppError::invalid("entry_route", "Ongeldig.", "Invalid."))?,
            children,
            people,
            safety_concerns,
            request,
        })
    }
}

#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompleteIntakeInput {
    /// The family fits the programme (age, willingness, conditions).
    pub eligible: bool,
    #[serde(default)]
    pub notes: String,
    /// Required when not eligible; when eligible, the reason for the warnings confirmed.
    #[serde(default)]
    pub reason: Option<String>,
    /// Warning codes confirmed (e.g. child_above_age), after an answer named them.
    #[serde(default)]
    pub confirm: Vec<String>,
}

/// Opens (`true`) or closes a programme for the public registration form.
#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PublicProgrammeInput {
    pub open: bool,
}

/// Confirms the warnings of a step ("toch doorgaan"), with a reason where they ask for one.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConfirmInput {
    /// Warning codes confirmed, after an answer named them.
    #[serde(default)]
    pub confirm: Vec<String>,
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignUserInput {
    pub user_id: String,
    /// For a supervisor change where the programme keeps the same supervisor: why.
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignOptionalInput {
    /// Empty or absent to unlink.
    #[serde(default)]
    pub id: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanInput {
    #[serde(default)]
    pub goals: Vec<String>,
    /// Empty: the programme's template house rules.
    #[serde(default)]
    pub house_rules: Vec<String>,
    #[serde(default)]
    pub visit_agreements: String,
    #[serde(default)]
    pub handover_agreements: String,
    #[serde(default)]
    pub parent_conversations: String,
    #[serde(default)]
    pub child_guidance: String,
    #[serde(default)]
    pub work_agreements: String,
    /// Dates `YYYY-MM-DD`.
    #[serde(default)]
    pub evaluation_moments: Vec<String>,
    #[serde(default)]
    pub max_duration_months: Option<u32>,
    #[serde(default = "yes")]
    pub parents_must_not_meet: bool,
}

fn yes() -> bool {
    true
}

impl PlanInput {
    pub fn validate(&self, template: &[String]) -> Result<PlanContent, AppError> {
        let mut c = Check::default();
        let goals: Vec<String> = self
            .goals
            .iter()
            .enumerate()
            .map(|(i, g)| c.text(&format!("goals[{i}]"), g))
            .filter(|g| !g.is_empty())
            .collect();
        if goals.is_empty() {
            c.push(
                "goals",
                "Schrijf minstens één doel op.",
                "Write down at least one goal.",
            );
        }
        let mut house_rules: Vec<String> = self
            .house_rules
            .iter()
            .enumerate()
            .map(|(i, r)| c.text(&format!("house_rules[{i}]"), r))
            .filter(|r| !r.is_empty())
            .collect();
        if house_rules.is_empty() {
            house_rules = template.to_vec();
        }
        let evaluation_moments: Vec<Date> = self
            .evaluation_moments
            .iter()
            .enumerate()
            .filter(|(_, d)| !d.trim().is_empty())
            .filter_map(|(i, d)| c.date(&format!("evaluation_moments[{i}]"), d))
            .collect();
        if let Some(m) = self.max_duration_months
            && !(1..=36).contains(&m)
        {
            c.push(
                "max_duration_months",
                "Tussen 1 en 36 maanden.",
                "Between 1 and 36 months.",
            );
        }
        let content = PlanContent {
            goals,
            house_rules,
            visit_agreements: c.text("visit_agreements", &self.visit_agreements),
            handover_agreements: c.text("handover_agreements", &self.handover_agreements),
            parent_conversations: c.text("parent_conversations", &self.parent_conversations),
            child_guidance: c.text("child_guidance", &self.child_guidance),
            work_agreements: c.text("work_agreements", &self.work_agreements),
            evaluation_moments,
            max_duration_months: self.max_duration_months,
            parents_must_not_meet: self.parents_must_not_meet,
        };
        c.finish()?;
        Ok(content)
    }
}

#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignatureInput {
    pub version: u32,
    pub parent_id: String,
    /// paper (recorded by staff) or portal
    #[serde(default = "paper")]
    pub method: String,
    /// For a paper signature recorded afterwards: the day it was signed (`YYYY-MM-DD`,
    /// never in the future). Absent: today.
    #[serde(default)]
    pub signed_on: Option<String>,
}

fn paper() -> String {
    "paper".into()
}

#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionInput {
    /// intake, informative_conversation, child_conversation, interaction_observation,
    /// parent_conversation, ons_conversation, supervised_visit, supervised_handover,
    /// unsupervised_visit, evaluation, end_evaluation, follow_up_appointment
    pub kind: String,
    /// Local time in Europe/Amsterdam, `YYYY-MM-DDTHH:MM`.
    pub starts_at: String,
    pub minutes: u32,
    /// omgangshuis, playground, other_location, parent_home, office
    #[serde(default = "omgangshuis")]
    pub location_kind: String,
    #[serde(default)]
    pub location_id: Option<String>,
    #[serde(default)]
    pub room_id: Option<String>,
    /// For ambulant places: a description (never a parent's address).
    #[serde(default)]
    pub description: Option<String>,
    /// For parent_home: the parent (person id) whose home it is.
    #[serde(default)]
    pub home_of: Option<String>,
    #[serde(default)]
    pub supervisor_id: Option<String>,
    #[serde(default)]
    pub participants: Vec<String>,
    /// Warning codes confirmed ("toch plannen"), after an answer named them.
    #[serde(default)]
    pub confirm: Vec<String>,
    /// Why, where a confirmed warning asks for a reason.
    #[serde(default)]
    pub reason: Option<String>,
}

fn omgangshuis() -> String {
    "omgangshuis".into()
}

#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeInput {
    /// held, cancelled, no_show
    pub outcome: String,
    #[serde(default)]
    pub notes: String,
    /// For cancelled / no_show: a person id of the case, or "organisation".
    #[serde(default)]
    pub by: Option<String>,
    /// For cancelled: why.
    #[serde(default)]
    pub reason: Option<String>,
    /// For held: who came — person and child ids of the case (parents, children, guardian,
    /// carer). Leave out when not recorded.
    #[serde(default)]
    pub attended: Vec<String>,
}

#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConsentInput {
    pub parent_id: String,
    /// visit_outside_house
    #[serde(default = "outside")]
    pub subject: String,
    pub given: bool,
    /// `YYYY-MM-DD`; today when absent.
    #[serde(default)]
    pub on: Option<String>,
    #[serde(default)]
    pub note: String,
}

fn outside() -> String {
    "visit_outside_house".into()
}

#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReportInput {
    #[serde(default)]
    pub course: String,
    #[serde(default)]
    pub child_reactions: String,
    #[serde(default)]
    pub interaction: String,
    #[serde(default)]
    pub agreements_kept: String,
    #[serde(default)]
    pub punctuality_resident_parent: String,
    #[serde(default)]
    pub punctuality_visiting_parent: String,
    #[serde(default)]
    pub incidents: String,
}

impl ReportInput {
    pub fn validate(&self) -> Result<ReportContent, AppError> {
        let mut c = Check::default();
        let content = ReportContent {
            course: c.text("course", &self.course),
            child_reactions: c.text("child_reactions", &self.child_reactions),
            interaction: c.text("interaction", &self.interaction),
            agreements_kept: c.text("agreements_kept", &self.agreements_kept),
            punctuality_resident_parent: c.text(
                "punctuality_resident_parent",
                &self.punctuality_resident_parent,
            ),
            punctuality_visiting_parent: c.text(
                "punctuality_visiting_parent",
                &self.punctuality_visiting_parent,
            ),
            incidents: c.text("incidents", &self.incidents),
        };
        c.finish()?;
        Ok(content)
    }
}

#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AmendInput {
    pub text: String,
}

/// Sending a report back to its author.
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReturnInput {
    /// Why: what the author should change (required).
    #[serde(default)]
    pub reason: String,
}

#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EvaluationInput {
    /// interim or end
    #[serde(default = "interim")]
    pub kind: String,
    /// `YYYY-MM-DD`; today when absent.
    #[serde(default)]
    pub on: Option<String>,
    pub summary: String,
    #[serde(default)]
    pub agreement_reached: bool,
    #[serde(default)]
    pub next_steps: String,
}

fn interim() -> String {
    "interim".into()
}

#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EscalationInput {
    /// jeugdteam, veilig_thuis, court, certified_institution
    pub to: String,
    #[serde(default)]
    pub on: Option<String>,
    pub reason: String,
}

/// One step of the meldcode (signals, consultation, conversation, weighing, decision).
#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeldcodeInput {
    /// signals, consultation, conversation, weighing, decision — in this order
    pub step: String,
    /// `YYYY-MM-DD` (default: today; never in the future)
    #[serde(default)]
    pub on: Option<String>,
    /// What was seen, who was consulted, what was said, weighed or decided.
    pub note: String,
    /// Step 4 (weighing): yes/no to the five questions of the afwegingskader, in order.
    #[serde(default)]
    pub answers: Vec<bool>,
    /// Step 5 (decision): report, help, report_and_help
    #[serde(default)]
    pub decision: Option<String>,
    /// Step 5 with a report: jeugdteam, veilig_thuis, court, certified_institution
    /// (default: veilig_thuis).
    #[serde(default)]
    pub report_to: Option<String>,
}

#[derive(Clone, Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndInput {
    /// ouderschapsplan, unsupervised_contact, follow_up_help, stopped_early, reported
    pub outcome: String,
    #[serde(default)]
    pub summary: String,
    /// For follow_up_help: who takes it on.
    #[serde(default)]
    pub handed_to: Option<String>,
    /// For stopped_early: why.
    #[serde(default)]
    pub reason: Option<String>,
    /// For reported: jeugdteam or veilig_thuis.
    #[serde(default)]
    pub to: Option<String>,
    /// Warning codes confirmed (e.g. reports_not_released), after an answer named them.
    #[serde(default)]
    pub confirm: Vec<String>,
    /// Why the case ends despite the confirmed warnings.
    #[serde(default)]
    pub confirm_reason: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CloseFollowUpInput {
    #[serde(default)]
    pub summary: String,
}
