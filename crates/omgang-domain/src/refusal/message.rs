//! A refusal in words: one function per family of refusals, by the use case they come from.

use crate::case::ReportState;
use crate::programme::SessionKind;
use crate::text::{Lang, Text};

use super::{Refusal, dutch_date, english_date};

impl Refusal {
    /// The refusal in words, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        // Every refusal belongs to one family (exhaustive: a new refusal names its family).
        let family: fn(&Refusal, Lang) -> Option<String> = match self {
            Refusal::WrongProgramme
            | Refusal::NoChildren
            | Refusal::NoParent
            | Refusal::TooManyParents
            | Refusal::EntryRouteNotAccepted { .. }
            | Refusal::ChildAgeOutsideProgramme { .. }
            | Refusal::TooManyParentsWithCarer
            | Refusal::CarerNotInProgramme { .. }
            | Refusal::WhoBringsTheChild
            | Refusal::AuthorityOnlyForGuardian
            | Refusal::IntakeSessionsMissing { .. }
            | Refusal::JointIntakeNotAllowed { .. }
            | Refusal::IntakeParentRequired => Refusal::registration_message,
            Refusal::CaseClosed
            | Refusal::NotInThisStatus { .. }
            | Refusal::ReasonRequired
            | Refusal::UnknownPerson
            | Refusal::NotAParent
            | Refusal::LastPhase
            | Refusal::ConfirmationNeeded { .. }
            | Refusal::ConfirmationReasonRequired { .. } => Refusal::case_message,
            Refusal::UnknownSupervisor
            | Refusal::NoPartnerPart { .. }
            | Refusal::VolunteersNotAllowed { .. }
            | Refusal::VogNotValid { .. }
            | Refusal::TrainingMissing { .. }
            | Refusal::SupervisorChangeNeedsReason => Refusal::team_message,
            Refusal::NoPlan { .. }
            | Refusal::NotCurrentPlanVersion { .. }
            | Refusal::ParentingPlanParents
            | Refusal::ParentingPlanSchedule { .. }
            | Refusal::NoParentingPlan
            | Refusal::AlreadySigned { .. }
            | Refusal::PlanLongerThanProgramme { .. }
            | Refusal::SignatureInTheFuture { .. }
            | Refusal::SignatureBeforePlan { .. } => Refusal::plan_message,
            Refusal::UnknownSession
            | Refusal::KindNotInProgramme { .. }
            | Refusal::DuplicateSession
            | Refusal::PlanNotSigned { .. }
            | Refusal::KindNotInStage { .. }
            | Refusal::TooLong { .. }
            | Refusal::MaxCountReached { .. }
            | Refusal::PrerequisiteMissing { .. } => Refusal::session_kind_message,
            Refusal::TooFarInThePast
            | Refusal::SessionBeforeSignatures { .. }
            | Refusal::OutcomeAlreadyRecorded
            | Refusal::HeldBeforeStart => Refusal::session_time_message,
            Refusal::LocationNotAllowed { .. }
            | Refusal::LocationNotAllowedForKind { .. }
            | Refusal::RoomTypeNotAllowed { .. }
            | Refusal::HomeOfRequired
            | Refusal::SecretHome
            | Refusal::ConsentMissing { .. }
            | Refusal::ChildTooYoungForConversation { .. }
            | Refusal::GuardianMayNotAttend { .. }
            | Refusal::VisitingParentsMustNotMeet { .. }
            | Refusal::SupervisorRequired { .. }
            | Refusal::NotTheCaseSupervisor
            | Refusal::SupervisorDoubleBooked { .. }
            | Refusal::NoPartnerAssigned { .. } => Refusal::session_place_and_people_message,
            Refusal::NoReportForKind { .. }
            | Refusal::ReportBeforeHeld
            | Refusal::UnknownReport
            | Refusal::ReportNotEditable { .. }
            | Refusal::ReportExists
            | Refusal::ReportAlreadyReady
            | Refusal::ReportEmpty
            | Refusal::ReportNotReadyForReview { .. }
            | Refusal::EmptyAmendment
            | Refusal::ReportInWrongState { .. } => Refusal::report_message,
            Refusal::AgreementOutcomeNeedsRunningCase
            | Refusal::HandedToRequired
            | Refusal::SessionsStillPlanned
            | Refusal::MeldcodeComplete
            | Refusal::MeldcodeStepOutOfOrder { .. }
            | Refusal::MeldcodeStepInTheFuture { .. }
            | Refusal::MeldcodeStepBeforePrevious { .. }
            | Refusal::MeldcodeAnswersRequired
            | Refusal::MeldcodeDecisionRequired => Refusal::end_message,
        };
        // A refusal its family does not word yet still says what happened, by its code
        // (`tests/refusal_words.rs` fails for it, so this is never shipped).
        family(self, lang).unwrap_or_else(|| match lang {
            Lang::Nl => format!("Deze stap kan nu niet ({}).", self.code()),
            Lang::En => format!("This step cannot be taken now ({}).", self.code()),
        })
    }

    /// A registration, and the intake that decides whether a family comes in.
    fn registration_message(&self, lang: Lang) -> Option<String> {
        let t = |text: &Text| text.get(lang).to_owned();
        let pick = |a: String, b: String| if lang == Lang::Nl { a } else { b };
        Some(match self {
        Refusal::WrongProgramme => pick(
            "De aanmelding hoort bij een ander traject.".into(),
            "The registration belongs to another programme.".into(),
        ),
        Refusal::NoChildren => pick(
            "Vul minstens één kind in.".into(),
            "Enter at least one child.".into(),
        ),
        Refusal::NoParent => pick(
            "Vul minstens één ouder in.".into(),
            "Enter at least one parent.".into(),
        ),
        Refusal::TooManyParents => pick(
            "Een dossier heeft één verzorgende en één uitwonende ouder.".into(),
            "A case has one resident and one non-resident parent.".into(),
        ),
        Refusal::EntryRouteNotAccepted { route, programme, accepted } => {
            let acc: Vec<String> = accepted.iter().map(|r| t(&r.label())).collect();
            pick(
                format!(
                    "{} neemt geen aanmeldingen aan via {}; wel via {}.",
                    t(programme),
                    t(&route.label()),
                    list(&acc, lang)
                ),
                format!(
                    "{} does not accept registrations by {}; it does by {}.",
                    t(programme),
                    t(&route.label()),
                    list(&acc, lang)
                ),
            )
        }
        Refusal::ChildAgeOutsideProgramme { child, age, min, max, programme } => pick(
            format!("{} is voor kinderen van {min} tot en met {max} jaar; {child} is {age}.", t(programme)),
            format!("{} is for children aged {min} to {max}; {child} is {age}.", t(programme)),
        ),
        Refusal::TooManyParentsWithCarer => pick(
            "Vul hoogstens één verzorgende ouder in; woont het kind in een pleeggezin of woongroep, dan hoogstens twee uitwonende ouders.".into(),
            "Enter at most one resident parent; when the child lives in foster care or a residential group, at most two non-resident parents.".into(),
        ),
        Refusal::CarerNotInProgramme { programme } => pick(
            format!("{} is niet voor kinderen in een pleeggezin of woongroep; kies het traject van het omgangshuis.", t(programme)),
            format!("{} is not for children in foster care or a residential group; choose the contact centre's programme.", t(programme)),
        ),
        Refusal::WhoBringsTheChild => pick(
            "Vul in bij wie het kind woont: de verzorgende ouder, de pleegouder of de woongroep (die brengt en haalt het kind).".into(),
            "Enter who the child lives with: the resident parent, the foster carer or the residential group (who brings and collects the child).".into(),
        ),
        Refusal::AuthorityOnlyForGuardian => pick(
            "Alleen een (gezins)voogd kan hier gezag hebben; ouders tekenen altijd zelf.".into(),
            "Only a guardian can hold authority here; parents always sign themselves.".into(),
        ),
        Refusal::IntakeSessionsMissing { missing } => {
            let items: Vec<String> = missing.iter().map(&t).collect();
            pick(
                format!("De intake is pas klaar als deze gesprekken zijn gehouden: {}.", list(&items, lang)),
                format!("The intake is complete only once these sessions were held: {}.", list(&items, lang)),
            )
        }
        Refusal::JointIntakeNotAllowed { programme } => pick(
            format!("{} houdt het intakegesprek met elke ouder apart; plan één gesprek per ouder.", t(programme)),
            format!("{} holds the intake with each parent separately; plan one conversation per parent.", t(programme)),
        ),
        Refusal::IntakeParentRequired => pick(
            "Kies de ouder met wie dit intakegesprek is.".into(),
            "Choose the parent this intake is with.".into(),
        ),
            _ => return None,
        })
    }

    /// The case as a whole: its status, its people, reasons and confirmations.
    fn case_message(&self, lang: Lang) -> Option<String> {
        let t = |text: &Text| text.get(lang).to_owned();
        let pick = |a: String, b: String| if lang == Lang::Nl { a } else { b };
        Some(match self {
            Refusal::CaseClosed => pick(
                "Dit dossier is afgesloten; er kan niets meer aan veranderen.".into(),
                "This case is closed; nothing can change in it any more.".into(),
            ),
            Refusal::NotInThisStatus { status } => pick(
                format!(
                    "Dat kan niet nu het dossier de status '{}' heeft.",
                    status.label().nl
                ),
                format!(
                    "That is not possible while the case is '{}'.",
                    status.label().en
                ),
            ),
            Refusal::ReasonRequired => pick("Geef een reden op.".into(), "Give a reason.".into()),
            Refusal::UnknownPerson => pick(
                "Deze persoon hoort niet bij dit dossier.".into(),
                "This person is not part of this case.".into(),
            ),
            Refusal::NotAParent => pick(
                "Deze persoon is geen ouder in dit dossier.".into(),
                "This person is not a parent in this case.".into(),
            ),
            Refusal::LastPhase => pick(
                "Dit is de laatste fase van het traject; sluit het traject af met een uitkomst."
                    .into(),
                "This is the programme's last phase; end the case with an outcome.".into(),
            ),
            Refusal::ConfirmationNeeded { warnings } => {
                let texts: Vec<String> = warnings.iter().map(|w| t(&w.text)).collect();
                pick(
                    format!(
                        "Eerst bevestigen: {} Kies \"Toch plannen\" (of stuur confirm met deze codes) als u dit bewust doet.",
                        texts.join(" ")
                    ),
                    format!(
                        "Confirm first: {} Choose \"Plan anyway\" (or send confirm with these codes) if you do this on purpose.",
                        texts.join(" ")
                    ),
                )
            }
            Refusal::ConfirmationReasonRequired { warnings } => {
                let texts: Vec<String> = warnings.iter().map(|w| t(&w.text)).collect();
                pick(
                    format!(
                        "Geef een reden op om toch door te gaan: {}",
                        texts.join(" ")
                    ),
                    format!("Give a reason to go ahead anyway: {}", texts.join(" ")),
                )
            }
            _ => return None,
        })
    }

    /// The team: a supervisor (qualified, the same one) and a partner organisation.
    fn team_message(&self, lang: Lang) -> Option<String> {
        let t = |text: &Text| text.get(lang).to_owned();
        let pick = |a: String, b: String| if lang == Lang::Nl { a } else { b };
        Some(match self {
        Refusal::UnknownSupervisor => pick(
            "Deze omgangsbegeleider is niet bekend bij deze organisatie.".into(),
            "This supervisor is not known in this organisation.".into(),
        ),
        Refusal::NoPartnerPart { programme } => pick(
            format!("{} heeft geen deel voor een partnerorganisatie.", t(programme)),
            format!("{} has no part for a partner organisation.", t(programme)),
        ),
        Refusal::VolunteersNotAllowed { programme } => pick(
            format!("In {} begeleiden alleen professionals; geen vrijwilligers.", t(programme)),
            format!("In {} only professionals supervise; no volunteers.", t(programme)),
        ),
        Refusal::VogNotValid { supervisor, issued_on, valid_months, on } => match issued_on {
            None => pick(
                format!("{supervisor} heeft geen VOG; een vrijwilliger mag pas begeleiden met een geldige VOG."),
                format!("{supervisor} has no certificate of conduct (VOG); a volunteer needs a valid one."),
            ),
            Some(d) => pick(
                format!(
                    "De VOG van {supervisor} (afgegeven {}) is op {} niet meer geldig (geldig {valid_months} maanden).",
                    dutch_date(*d),
                    dutch_date(*on)
                ),
                format!(
                    "{supervisor}'s certificate of conduct (VOG, issued {}) is no longer valid on {} (valid for {valid_months} months).",
                    english_date(*d),
                    english_date(*on)
                ),
            ),
        },
        Refusal::TrainingMissing { supervisor } => pick(
            format!("{supervisor} heeft de training voor vrijwilligers nog niet afgerond."),
            format!("{supervisor} has not completed the volunteer training."),
        ),
        Refusal::SupervisorChangeNeedsReason => pick(
            "Dit traject houdt bij ieder dossier dezelfde omgangsbegeleider; geef aan waarom de begeleider wisselt (dat wordt vastgelegd).".into(),
            "This programme keeps the same supervisor for each case; say why the supervisor changes (it is recorded).".into(),
        ),
            _ => return None,
        })
    }

    /// The plan and the ouderschapsplan: writing and signing them.
    fn plan_message(&self, lang: Lang) -> Option<String> {
        let t = |text: &Text| text.get(lang).to_owned();
        let pick = |a: String, b: String| if lang == Lang::Nl { a } else { b };
        Some(match self {
            Refusal::NoPlan { document } => pick(
                format!("Er is nog geen {}. Schrijf dat eerst.", document.label().nl),
                format!("There is no {} yet. Write it first.", document.label().en),
            ),
            Refusal::NotCurrentPlanVersion { version, current } => pick(
                format!("Versie {version} is niet de geldende versie; teken versie {current}."),
                format!("Version {version} is not the current version; sign version {current}."),
            ),
            Refusal::ParentingPlanParents => pick(
                "Een ouderschapsplan is tussen twee verschillende ouders van dit dossier.".into(),
                "A parenting plan is between two different parents of this case.".into(),
            ),
            Refusal::ParentingPlanSchedule { problem } => pick(
                format!("De zorgregeling klopt niet: {problem}."),
                format!("The care schedule does not hold together: {problem}."),
            ),
            Refusal::NoParentingPlan => pick(
                "Er is nog geen ouderschapsplan. Schrijf dat eerst.".into(),
                "There is no parenting plan yet. Write it first.".into(),
            ),
            Refusal::AlreadySigned { parent, version } => pick(
                format!("{parent} heeft versie {version} al ondertekend."),
                format!("{parent} has already signed version {version}."),
            ),
            Refusal::PlanLongerThanProgramme {
                months,
                max,
                programme,
            } => pick(
                format!(
                    "{} duurt hoogstens {max} maanden; een plan van {months} maanden past daar niet in.",
                    t(programme)
                ),
                format!(
                    "{} lasts at most {max} months; a plan of {months} months does not fit.",
                    t(programme)
                ),
            ),
            Refusal::SignatureInTheFuture { on } => pick(
                format!(
                    "Een handtekening kan niet in de toekomst liggen ({}).",
                    dutch_date(*on)
                ),
                format!(
                    "A signature cannot be in the future ({}).",
                    english_date(*on)
                ),
            ),
            Refusal::SignatureBeforePlan { on, written } => pick(
                format!(
                    "Deze versie is pas op {} geschreven; een handtekening van {} kan niet.",
                    dutch_date(*written),
                    dutch_date(*on)
                ),
                format!(
                    "This version was written on {}; a signature of {} is not possible.",
                    english_date(*written),
                    english_date(*on)
                ),
            ),
            _ => return None,
        })
    }

    /// Planning a session: its kind in the programme and the case's stage, its length and number.
    fn session_kind_message(&self, lang: Lang) -> Option<String> {
        let t = |text: &Text| text.get(lang).to_owned();
        let kind = |k: &SessionKind| k.label().get(lang).to_owned();
        let pick = |a: String, b: String| if lang == Lang::Nl { a } else { b };
        Some(match self {
            Refusal::UnknownSession => pick(
                "Deze afspraak bestaat niet in dit dossier.".into(),
                "This session does not exist in this case.".into(),
            ),
            Refusal::KindNotInProgramme { kind: k, programme } => pick(
                format!("{} kent geen {}.", t(programme), kind(k)),
                format!("{} has no {}.", t(programme), kind(k)),
            ),
            Refusal::DuplicateSession => pick(
                "Deze afspraak bestaat al.".into(),
                "This session already exists.".into(),
            ),
            Refusal::PlanNotSigned {
                kind: k,
                document,
                version,
                missing,
            } => pick(
                format!(
                    "{} kan pas gepland worden als beide ouders versie {version} van het {} hebben ondertekend. Nog niet getekend: {}.",
                    capitalise(&kind(k)),
                    document.label().nl,
                    list(missing, Lang::Nl)
                ),
                format!(
                    "A {} can only be planned once both parents have signed version {version} of the {}. Not yet signed by: {}.",
                    kind(k),
                    document.label().en,
                    list(missing, Lang::En)
                ),
            ),
            Refusal::KindNotInStage {
                kind: k,
                status,
                phase,
            } => match phase {
                Some(p) => pick(
                    format!("In de fase '{}' kan geen {} gepland worden.", p.nl, kind(k)),
                    format!("No {} can be planned in the phase '{}'.", kind(k), p.en),
                ),
                None => pick(
                    format!(
                        "Een {} kan niet gepland worden nu het dossier '{}' is.",
                        kind(k),
                        status.label().nl
                    ),
                    format!(
                        "A {} cannot be planned while the case is '{}'.",
                        kind(k),
                        status.label().en
                    ),
                ),
            },
            Refusal::TooLong {
                kind: k,
                minutes,
                max,
            } => pick(
                format!(
                    "Een {} duurt hoogstens {max} minuten, niet {minutes}.",
                    kind(k)
                ),
                format!("A {} lasts at most {max} minutes, not {minutes}.", kind(k)),
            ),
            Refusal::MaxCountReached {
                kind: k,
                max,
                programme,
            } => pick(
                format!(
                    "{} heeft hoogstens {max} keer {}; die zijn al gepland of gehouden.",
                    t(programme),
                    kind(k)
                ),
                format!(
                    "{} has at most {max} of {}; they are already planned or held.",
                    t(programme),
                    kind(k)
                ),
            ),
            Refusal::PrerequisiteMissing {
                kind: k,
                needs,
                count,
            } => pick(
                format!(
                    "Een {} kan pas gepland worden als er minstens {count} {} is gehouden.",
                    kind(k),
                    kind(needs)
                ),
                format!(
                    "A {} can only be planned after at least {count} {} was held.",
                    kind(k),
                    kind(needs)
                ),
            ),
            _ => return None,
        })
    }

    /// A session's date, and the outcome recorded for it.
    fn session_time_message(&self, lang: Lang) -> Option<String> {
        let kind = |k: &SessionKind| k.label().get(lang).to_owned();
        let pick = |a: String, b: String| if lang == Lang::Nl { a } else { b };
        Some(match self {
            Refusal::TooFarInThePast => pick(
                "Deze datum ligt meer dan een jaar in het verleden.".into(),
                "This date is more than a year ago.".into(),
            ),
            Refusal::SessionBeforeSignatures {
                kind: k,
                document,
                signed_on,
            } => pick(
                format!(
                    "Een {} kan niet eerder zijn dan de dag waarop beide ouders het {} tekenden ({}).",
                    kind(k),
                    document.label().nl,
                    dutch_date(*signed_on)
                ),
                format!(
                    "{} cannot be dated before both parents signed the {} ({}).",
                    capitalise(&crate::warning::with_article(&kind(k))),
                    document.label().en,
                    english_date(*signed_on)
                ),
            ),
            Refusal::OutcomeAlreadyRecorded => pick(
                "Van deze afspraak is de uitkomst al vastgelegd.".into(),
                "This session's outcome is already recorded.".into(),
            ),
            Refusal::HeldBeforeStart => pick(
                "Deze afspraak is nog niet begonnen.".into(),
                "This session has not started yet.".into(),
            ),
            _ => return None,
        })
    }

    /// Planning a session: its place, its people and who leads it.
    fn session_place_and_people_message(&self, lang: Lang) -> Option<String> {
        let t = |text: &Text| text.get(lang).to_owned();
        let kind = |k: &SessionKind| k.label().get(lang).to_owned();
        let pick = |a: String, b: String| if lang == Lang::Nl { a } else { b };
        Some(match self {
        Refusal::LocationNotAllowed { location, programme } => pick(
            format!("In {} vindt de omgang niet plaats op deze plek: {}.", t(programme), location.label().nl),
            format!("In {} visits do not take place here: {}.", t(programme), location.label().en),
        ),
        Refusal::LocationNotAllowedForKind { kind: k, location, allowed } => {
            let places: Vec<String> = allowed.iter().map(|l| l.label().get(lang).to_owned()).collect();
            pick(
                format!("Een {} is niet op deze plek ({}); dat kan: {}.", kind(k), location.label().nl, list(&places, lang)),
                format!("{} is not held at this place ({}); possible: {}.", capitalise(&crate::warning::with_article(&kind(k))), location.label().en, list(&places, lang)),
            )
        }
        Refusal::RoomTypeNotAllowed { kind: k, room_type, allowed } => {
            let rooms: Vec<String> = allowed.iter().map(|r| r.label().get(lang).to_owned()).collect();
            pick(
                format!("Een {} is niet in een {}; kies een ruimte van deze soort: {}.", kind(k), room_type.label().nl, list(&rooms, lang)),
                format!("{} is not held in an {}; choose a room of this kind: {}.", capitalise(&crate::warning::with_article(&kind(k))), room_type.label().en, list(&rooms, lang)),
            )
        }
        Refusal::HomeOfRequired => pick(
            "Geef aan bij welke ouder thuis de omgang is.".into(),
            "Say at which parent's home the visit is.".into(),
        ),
        Refusal::SecretHome => pick(
            "Het adres van deze ouder is geheim voor de andere ouder. Een afspraak bij deze ouder thuis zou het adres bekendmaken; kies het omgangshuis of een andere locatie.".into(),
            "This parent's address is secret from the other parent. A session at this parent's home would reveal the address; choose the contact centre or another location.".into(),
        ),
        Refusal::ConsentMissing { location, missing } => pick(
            format!(
                "Omgang buiten het omgangshuis ({}) kan pas als beide ouders daarmee hebben ingestemd. Instemming ontbreekt van: {}.",
                location.label().nl,
                list(missing, Lang::Nl)
            ),
            format!(
                "A visit outside the house ({}) needs both parents' consent. Consent missing from: {}.",
                location.label().en,
                list(missing, Lang::En)
            ),
        ),
        Refusal::ChildTooYoungForConversation { below } => pick(
            format!("De kinderen zijn jonger dan {below} jaar; plan een interactie-observatie in plaats van een kindgesprek."),
            format!("The children are younger than {below}; plan an interaction observation instead of a child conversation."),
        ),
        Refusal::GuardianMayNotAttend { kind: k } => pick(
            format!("Bij een {} is een voogd of andere professional niet aanwezig.", kind(k)),
            format!("A guardian or other professional does not attend a {}.", kind(k)),
        ),
        Refusal::VisitingParentsMustNotMeet { parents } => pick(
            format!("{} mogen elkaar niet tegenkomen; plan voor elk een eigen omgang.", list(parents, lang)),
            format!("{} must not meet; plan a visit for each of them.", list(parents, lang)),
        ),
        Refusal::SupervisorRequired { kind: k } => pick(
            format!("Kies een omgangsbegeleider voor de {}.", kind(k)),
            format!("Choose a supervisor for the {}.", kind(k)),
        ),
        Refusal::NotTheCaseSupervisor => pick(
            "Dit traject houdt dezelfde omgangsbegeleider; wijs eerst een andere begeleider toe aan het dossier als dat echt nodig is.".into(),
            "This programme keeps the same supervisor; assign another supervisor to the case first if that is really needed.".into(),
        ),
        Refusal::SupervisorDoubleBooked { supervisor } => pick(
            format!("{supervisor} heeft op dat moment al een andere afspraak."),
            format!("{supervisor} already has another session at that time."),
        ),
        Refusal::NoPartnerAssigned { kind: k } => pick(
            format!("Een {} wordt door de partnerorganisatie gehouden; koppel die eerst aan het dossier.", kind(k)),
            format!("A {} is held by the partner organisation; link it to the case first.", kind(k)),
        ),
            _ => return None,
        })
    }

    /// A session report, from draft to release and amendment.
    fn report_message(&self, lang: Lang) -> Option<String> {
        let kind = |k: &SessionKind| k.label().get(lang).to_owned();
        let pick = |a: String, b: String| if lang == Lang::Nl { a } else { b };
        Some(match self {
        Refusal::NoReportForKind { kind: k } => pick(
            format!("Van een {} wordt geen omgangsverslag gemaakt.", kind(k)),
            format!("No visit report is written for a {}.", kind(k)),
        ),
        Refusal::ReportBeforeHeld => pick(
            "Een verslag kan pas worden geschreven als de afspraak als gehouden is vastgelegd.".into(),
            "A report can only be written once the session is recorded as held.".into(),
        ),
        Refusal::UnknownReport => pick(
            "Dit verslag bestaat niet in dit dossier.".into(),
            "This report does not exist in this case.".into(),
        ),
        Refusal::ReportNotEditable { state } => pick(
            format!(
                "Dit verslag is {} en kan niet meer worden gewijzigd; voeg een aanvulling toe.",
                report_state(*state, Lang::Nl)
            ),
            format!(
                "This report is {} and can no longer be edited; add an amendment.",
                report_state(*state, Lang::En)
            ),
        ),
        Refusal::ReportExists => pick(
            "Voor deze afspraak bestaat al een verslag.".into(),
            "This session already has a report.".into(),
        ),
        Refusal::ReportAlreadyReady => pick(
            "Dit verslag staat al klaar voor beoordeling.".into(),
            "This report is already ready for review.".into(),
        ),
        Refusal::ReportEmpty => pick(
            "Schrijf eerst het verloop van de omgang; een leeg verslag kan niet worden beoordeeld.".into(),
            "Write the course of the visit first; an empty report cannot be reviewed.".into(),
        ),
        Refusal::ReportNotReadyForReview { state } => pick(
            format!(
                "Dit verslag is {} en staat niet klaar voor beoordeling; alleen een verslag dat klaarstaat of is goedgekeurd kan worden teruggegeven.",
                report_state(*state, Lang::Nl)
            ),
            format!(
                "This report is {} and not ready for review; only a report that is ready or approved can be returned.",
                report_state(*state, Lang::En)
            ),
        ),
        Refusal::EmptyAmendment => pick(
            "Een aanvulling mag niet leeg zijn.".into(),
            "An amendment must not be empty.".into(),
        ),
        Refusal::ReportInWrongState { state, needed } => pick(
            format!(
                "Dit verslag is {}; dat kan alleen als het {} is.",
                report_state(*state, Lang::Nl),
                report_state(*needed, Lang::Nl)
            ),
            format!(
                "This report is {}; that is only possible when it is {}.",
                report_state(*state, Lang::En),
                report_state(*needed, Lang::En)
            ),
        ),
            _ => return None,
        })
    }

    /// The end of a case, and the steps of the meldcode.
    fn end_message(&self, lang: Lang) -> Option<String> {
        let pick = |a: String, b: String| if lang == Lang::Nl { a } else { b };
        Some(match self {
        Refusal::AgreementOutcomeNeedsRunningCase => pick(
            "Een traject kan alleen met afspraken worden afgesloten als de omgang loopt.".into(),
            "A case can end with agreements only while it is running.".into(),
        ),
        Refusal::HandedToRequired => pick(
            "Vul in aan wie de vervolghulp is overgedragen.".into(),
            "Enter who the follow-up help was handed to.".into(),
        ),
        Refusal::SessionsStillPlanned => pick(
            "Er staan nog afspraken gepland; leg eerst vast hoe die zijn verlopen of zeg ze af.".into(),
            "Sessions are still planned; record their outcome or cancel them first.".into(),
        ),
        Refusal::MeldcodeComplete => pick(
            "Alle vijf stappen van de meldcode zijn al vastgelegd.".into(),
            "All five steps of the meldcode are recorded already.".into(),
        ),
        Refusal::MeldcodeStepOutOfOrder { step, expected } => pick(
            format!("De meldcode gaat stap voor stap: eerst stap {} ({}), dan pas stap {} ({}).", expected.number(), expected.label().nl, step.number(), step.label().nl),
            format!("The meldcode goes step by step: first step {} ({}), only then step {} ({}).", expected.number(), expected.label().en, step.number(), step.label().en),
        ),
        Refusal::MeldcodeStepInTheFuture { on } => pick(
            format!("Een stap van de meldcode kan niet in de toekomst liggen ({}).", dutch_date(*on)),
            format!("A meldcode step cannot be in the future ({}).", english_date(*on)),
        ),
        Refusal::MeldcodeStepBeforePrevious { previous } => pick(
            format!("Deze stap kan niet eerder zijn dan de vorige stap ({}).", dutch_date(*previous)),
            format!("This step cannot be before the previous one ({}).", english_date(*previous)),
        ),
        Refusal::MeldcodeAnswersRequired => pick(
            "Beantwoord bij het wegen de vijf vragen van het afwegingskader (ja of nee).".into(),
            "When weighing, answer the five questions of the assessment framework (yes or no).".into(),
        ),
        Refusal::MeldcodeDecisionRequired => pick(
            "Leg bij het beslissen vast: melden, hulp, of beide.".into(),
            "When deciding, record: report, help, or both.".into(),
        ),
            _ => return None,
        })
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn list(items: &[String], lang: Lang) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => {
            let and = if lang == Lang::Nl { "en" } else { "and" };
            format!("{} {and} {last}", init.join(", "))
        }
    }
}

/// A report's state inside "Dit verslag is …": the state's own words, a draft with its article.
fn report_state(state: ReportState, lang: Lang) -> String {
    use crate::Vocabulary;
    match (state, lang) {
        (ReportState::Draft, Lang::Nl) => "een concept".to_owned(),
        (ReportState::Draft, Lang::En) => "a draft".to_owned(),
        (ReportState::Approved | ReportState::Released, _) => state.label().get(lang).to_owned(),
    }
}
