//! The ouderschapsplan of a case: written by the coordinator from a form (the layered
//! schedule, parts b and c, the child's involvement, the usual topics), signed by both
//! parents (in the portal or on paper), amended in follow-up as a new version; shown with a
//! month calendar and the year's share of nights per parent; exported as PDF and, for each
//! parent, as an iCalendar feed of their own days. The rules are the domain's
//! (`omgang_domain::parenting_plan`); who may do what is the policy's.

use std::collections::BTreeMap;

use jiff::civil::{Date, Time, Weekday};
use omgang_domain::case::{Case, Command, SignatureMethod};
use omgang_domain::ids::PersonId;
use omgang_domain::parenting_plan::{ParentingPlanContent, ParentingPlanVersion, TOPICS};
use omgang_domain::schedule::{
    Occasion, Override, Parent, Pattern, PublicHoliday, Region, Rule, Schedule, SchoolHoliday,
};
use omgang_domain::text::Lang;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::input::{Check, SignatureInput};
use crate::policy::{self, Actor, CaseAction, ViewScope};
use crate::views::CaseView;
use crate::{App, AppError, Audit, Result};

/// The occasions a schedule can override, as the API and the form name them.
pub const OCCASIONS: [&str; 13] = [
    "school_herfst",
    "school_kerst",
    "school_voorjaar",
    "school_mei",
    "school_zomer",
    "pasen",
    "koningsdag",
    "hemelvaart",
    "pinksteren",
    "kerst",
    "oud_en_nieuw",
    "mothers_day",
    "fathers_day",
];

/// One override of the base pattern.
#[derive(Clone, Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OverrideInput {
    /// One of [`OCCASIONS`], or `birthday` (then `name`, `month` and `day`).
    pub occasion: String,
    /// fixed, alternate_years, split_halves.
    pub rule: String,
    /// a or b: the parent (fixed), the parent in even years (alternate_years), or the parent
    /// of the first half in even years (split_halves).
    pub parent: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub month: Option<i8>,
    #[serde(default)]
    pub day: Option<i8>,
}

/// A version of the ouderschapsplan as the coordinator writes it.
#[derive(Clone, Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ParentingPlanInput {
    /// The person called A in the schedule (a parent of the case).
    pub parent_a: String,
    /// The person called B.
    pub parent_b: String,
    /// 7 (weekly) or 14 (two-weekly) entries, `a` or `b`, Monday of week 1 first: who has
    /// the child that day and the night after.
    pub days: Vec<String>,
    /// The Monday that starts week 1 (`YYYY-MM-DD`; default: this week's Monday).
    #[serde(default)]
    pub anchor: Option<String>,
    /// When the child changes house (`HH:MM`).
    pub handover_time: String,
    /// Where ("school", "bij de vader thuis"); never a secret address.
    pub handover_place: String,
    /// The school holiday region: noord, midden, zuid.
    pub region: String,
    #[serde(default)]
    pub overrides: Vec<OverrideInput>,
    /// (a) the division of care and upbringing in words.
    #[serde(default)]
    pub care: String,
    /// (b) how the parents inform and consult each other.
    pub information: String,
    /// (c) the costs of care and upbringing.
    pub costs: String,
    /// How the children were involved.
    #[serde(default)]
    pub child_involvement: String,
    /// Agreements on the usual topics, by key (school, health, passport_travel, contact,
    /// new_partners, moving, changing_plan, disagreement).
    #[serde(default)]
    pub topics: BTreeMap<String, String>,
}

fn parent_of(text: &str) -> Option<Parent> {
    match text.trim() {
        "a" | "A" => Some(Parent::A),
        "b" | "B" => Some(Parent::B),
        _ => None,
    }
}

/// The occasion an override names (`None`: not one the plan knows, or a birthday without its
/// month and day).
pub fn occasion_of_input(o: &OverrideInput) -> Option<Occasion> {
    use PublicHoliday as P;
    use SchoolHoliday as S;
    Some(match o.occasion.trim() {
        "school_herfst" => Occasion::School { holiday: S::Herfst },
        "school_kerst" => Occasion::School { holiday: S::Kerst },
        "school_voorjaar" => Occasion::School {
            holiday: S::Voorjaar,
        },
        "school_mei" => Occasion::School { holiday: S::Mei },
        "school_zomer" => Occasion::School { holiday: S::Zomer },
        "pasen" => Occasion::Public { holiday: P::Pasen },
        "koningsdag" => Occasion::Public {
            holiday: P::Koningsdag,
        },
        "hemelvaart" => Occasion::Public {
            holiday: P::Hemelvaart,
        },
        "pinksteren" => Occasion::Public {
            holiday: P::Pinksteren,
        },
        "kerst" => Occasion::Public { holiday: P::Kerst },
        "oud_en_nieuw" => Occasion::Public {
            holiday: P::OudEnNieuw,
        },
        "mothers_day" => Occasion::MothersDay,
        "fathers_day" => Occasion::FathersDay,
        "birthday" => Occasion::Birthday {
            name: o.name.clone().unwrap_or_default().trim().to_owned(),
            month: o.month?,
            day: o.day?,
        },
        _ => return None,
    })
}

impl ParentingPlanInput {
    /// Checks every field (named in the errors, Dutch and English) and builds the content.
    pub fn validate(&self, today: Date) -> Result<ParentingPlanContent> {
        let mut c = Check::default();
        let parent_a = c.id("parent_a", &self.parent_a);
        let parent_b = c.id("parent_b", &self.parent_b);
        let days: Vec<Parent> = self.days.iter().filter_map(|d| parent_of(d)).collect();
        if days.len() != self.days.len() || !(days.len() == 7 || days.len() == 14) {
            c.push(
                "days",
                "Geef voor elke dag van één of twee weken aan bij wie het kind is (a of b).",
                "Give for every day of one or two weeks who has the child (a or b).",
            );
        }
        let monday = today
            .checked_sub(jiff::Span::new().days(i64::from(today.weekday().to_monday_zero_offset())))
            .unwrap_or(today);
        let anchor = match self.anchor.as_deref().map(str::trim) {
            None | Some("") => Some(monday),
            Some(text) => c.date("anchor", text),
        };
        if anchor.is_some_and(|a| a.weekday() != Weekday::Monday) {
            c.push(
                "anchor",
                "De eerste dag van week 1 is een maandag.",
                "The first day of week 1 is a Monday.",
            );
        }
        let handover_time = match self.handover_time.trim().parse::<Time>() {
            Ok(t) => Some(t),
            Err(_) => {
                c.push(
                    "handover_time",
                    "Geef de tijd van de overdracht als UU:MM, bijvoorbeeld 18:00.",
                    "Give the handover time as HH:MM, for example 18:00.",
                );
                None
            }
        };
        let handover_place = c.line("handover_place", &self.handover_place);
        let region = match self.region.trim() {
            "noord" => Some(Region::Noord),
            "midden" => Some(Region::Midden),
            "zuid" => Some(Region::Zuid),
            _ => {
                c.push(
                    "region",
                    "Kies de regio van de school: noord, midden of zuid.",
                    "Choose the school's region: noord, midden or zuid.",
                );
                None
            }
        };
        let mut overrides = Vec::new();
        for (i, o) in self.overrides.iter().enumerate() {
            let occasion = occasion_of_input(o);
            if occasion.is_none() {
                c.push(
                    &format!("overrides[{i}].occasion"),
                    "Kies een vakantie, feestdag of verjaardag (met naam, maand en dag).",
                    "Choose a holiday, public holiday or birthday (with name, month and day).",
                );
            }
            let parent = parent_of(&o.parent);
            if parent.is_none() {
                c.push(
                    &format!("overrides[{i}].parent"),
                    "Kies ouder a of b.",
                    "Choose parent a or b.",
                );
            }
            let rule = parent.and_then(|p| match o.rule.trim() {
                "fixed" => Some(Rule::Fixed { parent: p }),
                "alternate_years" => Some(Rule::AlternateYears { even_years: p }),
                "split_halves" => Some(Rule::SplitHalves {
                    first_half_even_years: p,
                }),
                _ => None,
            });
            if parent.is_some() && rule.is_none() {
                c.push(
                    &format!("overrides[{i}].rule"),
                    "Kies: altijd dezelfde ouder, om het jaar, of de helften verdeeld.",
                    "Choose: always the same parent, alternate years, or split halves.",
                );
            }
            if let Some(Occasion::Birthday { name, month, day }) = &occasion
                && (name.is_empty() || Date::new(2024, *month, *day).is_err())
            {
                c.push(
                    &format!("overrides[{i}].occasion"),
                    "Een verjaardag heeft een naam en een bestaande datum.",
                    "A birthday has a name and a date that exists.",
                );
            }
            if let (Some(occasion), Some(rule)) = (occasion, rule) {
                overrides.push(Override { occasion, rule });
            }
        }
        let care = c.text("care", &self.care);
        let information = c.text("information", &self.information);
        if information.is_empty() {
            c.push(
                "information",
                "De wet vraagt hoe de ouders elkaar informeren en raadplegen: vul dit in.",
                "The law asks how the parents inform and consult each other: fill this in.",
            );
        }
        let costs = c.text("costs", &self.costs);
        if costs.is_empty() {
            c.push(
                "costs",
                "De wet vraagt hoe de kosten van verzorging en opvoeding verdeeld worden: vul dit in.",
                "The law asks how the costs of care and upbringing are shared: fill this in.",
            );
        }
        let child_involvement = c.text("child_involvement", &self.child_involvement);
        let mut topics = BTreeMap::new();
        for (key, text) in &self.topics {
            if !TOPICS.iter().any(|(k, _, _)| k == key) {
                c.push(
                    &format!("topics.{key}"),
                    "Dit onderwerp kent het ouderschapsplan niet.",
                    "The parenting plan does not know this topic.",
                );
                continue;
            }
            let text = c.text(&format!("topics.{key}"), text);
            if !text.is_empty() {
                topics.insert(key.clone(), text);
            }
        }
        c.finish()?;
        let (Some(anchor), Some(handover_time), Some(region)) = (anchor, handover_time, region)
        else {
            return Err(AppError::Internal("checked above".into()));
        };
        Ok(ParentingPlanContent {
            parent_a: PersonId(parent_a),
            parent_b: PersonId(parent_b),
            schedule: Schedule {
                pattern: Pattern {
                    anchor,
                    days,
                    handover_time,
                    handover_place,
                },
                region,
                overrides,
            },
            care,
            information,
            costs,
            child_involvement,
            topics,
        })
    }

    /// The form's values of a version (to write the next one from it).
    pub fn from_content(content: &ParentingPlanContent) -> ParentingPlanInput {
        let letter = |p: Parent| if p == Parent::A { "a" } else { "b" }.to_owned();
        ParentingPlanInput {
            parent_a: content.parent_a.0.clone(),
            parent_b: content.parent_b.0.clone(),
            days: content
                .schedule
                .pattern
                .days
                .iter()
                .map(|p| letter(*p))
                .collect(),
            anchor: Some(content.schedule.pattern.anchor.to_string()),
            handover_time: content
                .schedule
                .pattern
                .handover_time
                .strftime("%H:%M")
                .to_string(),
            handover_place: content.schedule.pattern.handover_place.clone(),
            region: omgang_store::json_name(&content.schedule.region),
            overrides: content
                .schedule
                .overrides
                .iter()
                .map(|o| {
                    let (rule, parent) = match o.rule {
                        Rule::Fixed { parent } => ("fixed", parent),
                        Rule::AlternateYears { even_years } => ("alternate_years", even_years),
                        Rule::SplitHalves {
                            first_half_even_years,
                        } => ("split_halves", first_half_even_years),
                    };
                    let (occasion, name, month, day) = occasion_key(&o.occasion);
                    OverrideInput {
                        occasion,
                        rule: rule.into(),
                        parent: letter(parent),
                        name,
                        month,
                        day,
                    }
                })
                .collect(),
            care: content.care.clone(),
            information: content.information.clone(),
            costs: content.costs.clone(),
            child_involvement: content.child_involvement.clone(),
            topics: content.topics.clone(),
        }
    }
}

type OccasionKey = (String, Option<String>, Option<i8>, Option<i8>);

fn occasion_key(o: &Occasion) -> OccasionKey {
    let plain = |k: &str| (k.to_owned(), None, None, None);
    match o {
        Occasion::School { holiday } => {
            plain(&format!("school_{}", omgang_store::json_name(holiday)))
        }
        Occasion::Public { holiday } => plain(&omgang_store::json_name(holiday)),
        Occasion::MothersDay => plain("mothers_day"),
        Occasion::FathersDay => plain("fathers_day"),
        Occasion::Birthday { name, month, day } => (
            "birthday".into(),
            Some(name.clone()),
            Some(*month),
            Some(*day),
        ),
    }
}

/// The name of an occasion ("zomervakantie", "verjaardag van Noor").
pub fn occasion_label(o: &Occasion, lang: Lang) -> String {
    let nl = lang == Lang::Nl;
    let pick = |n: &str, e: &str| if nl { n } else { e }.to_owned();
    match o {
        Occasion::School { holiday } => match holiday {
            SchoolHoliday::Herfst => pick("herfstvakantie", "autumn holiday"),
            SchoolHoliday::Kerst => pick("kerstvakantie", "Christmas holiday"),
            SchoolHoliday::Voorjaar => pick("voorjaarsvakantie", "spring holiday"),
            SchoolHoliday::Mei => pick("meivakantie", "May holiday"),
            SchoolHoliday::Zomer => pick("zomervakantie", "summer holiday"),
        },
        Occasion::Public { holiday } => match holiday {
            PublicHoliday::Pasen => pick("Pasen", "Easter"),
            PublicHoliday::Koningsdag => pick("Koningsdag", "King's Day"),
            PublicHoliday::Hemelvaart => pick("Hemelvaartsdag", "Ascension Day"),
            PublicHoliday::Pinksteren => pick("Pinksteren", "Whitsun"),
            PublicHoliday::Kerst => pick("Kerst", "Christmas"),
            PublicHoliday::OudEnNieuw => pick("Oud en Nieuw", "New Year's Eve and Day"),
        },
        Occasion::MothersDay => pick("Moederdag", "Mother's Day"),
        Occasion::FathersDay => pick("Vaderdag", "Father's Day"),
        Occasion::Birthday { name, .. } => {
            if nl {
                format!("verjaardag van {name}")
            } else {
                format!("{name}'s birthday")
            }
        }
    }
}

fn rule_label(rule: &Rule, names: (&str, &str), lang: Lang) -> String {
    let name = |p: Parent| if p == Parent::A { names.0 } else { names.1 };
    let nl = lang == Lang::Nl;
    match *rule {
        Rule::Fixed { parent } => {
            if nl {
                format!("altijd bij {}", name(parent))
            } else {
                format!("always with {}", name(parent))
            }
        }
        Rule::AlternateYears { even_years } => {
            if nl {
                format!(
                    "om het jaar: in even jaren bij {}, in oneven jaren bij {}",
                    name(even_years),
                    name(even_years.other())
                )
            } else {
                format!(
                    "alternate years: even years with {}, odd years with {}",
                    name(even_years),
                    name(even_years.other())
                )
            }
        }
        Rule::SplitHalves {
            first_half_even_years,
        } => {
            if nl {
                format!(
                    "helft-helft: in even jaren de eerste helft bij {}, daarna bij {}; in oneven jaren andersom",
                    name(first_half_even_years),
                    name(first_half_even_years.other())
                )
            } else {
                format!(
                    "split halves: in even years the first half with {}, then with {}; in odd years the other way round",
                    name(first_half_even_years),
                    name(first_half_even_years.other())
                )
            }
        }
    }
}

/// A parent of the plan as a view shows them: the name only.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PlanParentView {
    pub id: String,
    pub name: String,
    /// a or b.
    pub letter: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct OverrideView {
    pub occasion: String,
    pub rule: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct TopicView {
    pub key: String,
    pub label: String,
    pub text: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PlanSignatureView {
    pub parent_name: String,
    pub signed_at: String,
    /// paper, portal
    pub method: String,
}

/// One day in the month calendar.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CalendarDayView {
    pub date: String,
    pub day: i8,
    /// a or b
    pub parent: String,
    /// The occasion that decides the day, if not the base pattern.
    pub occasion: Option<String>,
}

/// A month of the calendar: weeks of seven (Monday first), `None` outside the month.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct MonthView {
    pub label: String,
    pub weeks: Vec<Vec<Option<CalendarDayView>>>,
    /// Nights with A and B in this month.
    pub nights_a: u32,
    pub nights_b: u32,
}

/// The year's nights per parent.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ShareView {
    pub year: i16,
    pub nights_a: u32,
    pub nights_b: u32,
    pub percent_a: f64,
    pub percent_b: f64,
}

/// The current ouderschapsplan, as the reader may see it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ParentingPlanView {
    pub version: u32,
    /// How many versions there are (amendments make new ones).
    pub versions: u32,
    pub content_hash: String,
    pub created_at: String,
    pub parent_a: PlanParentView,
    pub parent_b: PlanParentView,
    /// 7 or 14 letters (a/b), Monday first.
    pub days: Vec<String>,
    pub anchor: String,
    pub handover_time: String,
    pub handover_place: String,
    pub region: String,
    pub overrides: Vec<OverrideView>,
    pub care: String,
    pub information: String,
    pub costs: String,
    pub child_involvement: String,
    pub topics: Vec<TopicView>,
    pub signatures: Vec<PlanSignatureView>,
    /// The people (ids) who signed this version.
    pub signed_ids: Vec<String>,
    pub signed_by_both: bool,
    /// This year's and next year's share of nights.
    pub shares: Vec<ShareView>,
    /// Twelve months from this one.
    pub months: Vec<MonthView>,
    /// The form's values of this version (to write the next one from it).
    pub input: ParentingPlanInput,
}

fn letter(p: Parent) -> String {
    if p == Parent::A { "a" } else { "b" }.to_owned()
}

/// The view of a version: its words, its schedule as a year's share and twelve months.
pub fn view_of(
    case: &Case,
    plan: &ParentingPlanVersion,
    today: Date,
    lang: Lang,
) -> ParentingPlanView {
    let c = &plan.content;
    let name_a = case.person_name(&c.parent_a);
    let name_b = case.person_name(&c.parent_b);
    let mut months = Vec::new();
    let mut first = today.first_of_month();
    for _ in 0..12 {
        let days = c.schedule.month(first.year(), first.month());
        let lead = usize::try_from(first.weekday().to_monday_zero_offset()).unwrap_or(0);
        let mut cells: Vec<Option<CalendarDayView>> = vec![None; lead];
        let (mut a, mut b) = (0, 0);
        for d in &days {
            if d.parent == Parent::A {
                a += 1;
            } else {
                b += 1;
            }
            cells.push(Some(CalendarDayView {
                date: d.date.to_string(),
                day: d.date.day(),
                parent: letter(d.parent),
                occasion: match &d.reason {
                    omgang_domain::schedule::Reason::Base => None,
                    omgang_domain::schedule::Reason::Occasion(o) => Some(occasion_label(o, lang)),
                },
            }));
        }
        while !cells.len().is_multiple_of(7) {
            cells.push(None);
        }
        months.push(MonthView {
            label: format!(
                "{} {}",
                omgang_domain::text::month_name(first.month(), lang),
                first.year()
            ),
            weeks: cells.chunks(7).map(<[_]>::to_vec).collect(),
            nights_a: a,
            nights_b: b,
        });
        first = omgang_domain::case::add_days(first.last_of_month(), 1);
    }
    let shares = [today.year(), today.year() + 1]
        .into_iter()
        .map(|year| {
            let s = c.schedule.year_share(year);
            ShareView {
                year,
                nights_a: s.a,
                nights_b: s.b,
                percent_a: s.percent(Parent::A),
                percent_b: s.percent(Parent::B),
            }
        })
        .collect();
    ParentingPlanView {
        version: plan.version,
        versions: u32::try_from(case.parenting_plans.len()).unwrap_or(u32::MAX),
        content_hash: plan.content_hash.clone(),
        created_at: plan.created_at.to_string(),
        parent_a: PlanParentView {
            id: c.parent_a.0.clone(),
            name: name_a.clone(),
            letter: "a".into(),
        },
        parent_b: PlanParentView {
            id: c.parent_b.0.clone(),
            name: name_b.clone(),
            letter: "b".into(),
        },
        days: c.schedule.pattern.days.iter().map(|p| letter(*p)).collect(),
        anchor: c.schedule.pattern.anchor.to_string(),
        handover_time: c
            .schedule
            .pattern
            .handover_time
            .strftime("%H:%M")
            .to_string(),
        handover_place: c.schedule.pattern.handover_place.clone(),
        region: omgang_store::json_name(&c.schedule.region),
        overrides: c
            .schedule
            .overrides
            .iter()
            .map(|o| OverrideView {
                occasion: occasion_label(&o.occasion, lang),
                rule: rule_label(&o.rule, (&name_a, &name_b), lang),
            })
            .collect(),
        care: c.care.clone(),
        information: c.information.clone(),
        costs: c.costs.clone(),
        child_involvement: c.child_involvement.clone(),
        topics: TOPICS
            .iter()
            .filter_map(|(key, nl, en)| {
                c.topics.get(*key).map(|text| TopicView {
                    key: (*key).to_owned(),
                    label: if lang == Lang::Nl { nl } else { en }.to_string(),
                    text: text.clone(),
                })
            })
            .collect(),
        signatures: plan
            .signatures
            .iter()
            .map(|s| PlanSignatureView {
                parent_name: case.person_name(&s.parent),
                signed_at: s.signed_at.to_string(),
                method: omgang_store::json_name(&s.method),
            })
            .collect(),
        signed_ids: plan.signatures.iter().map(|s| s.parent.0.clone()).collect(),
        signed_by_both: plan.signed_by_both(),
        shares,
        months,
        input: ParentingPlanInput::from_content(c),
    }
}

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

const WEEKDAYS_NL: [&str; 7] = [
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
];
const WEEKDAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

impl App {
    /// The current ouderschapsplan as PDF (tagged, archivable), made from the reader's own
    /// view: the coordinators, and the parents of the case in the portal. Audited.
    pub async fn parenting_plan_pdf(
        &self,
        actor: &Actor,
        id: &str,
    ) -> Result<crate::documents::Pdf> {
        use crate::documents::{l, time_text};
        use omgang_docs::{Document, Pair, ParentingPlanDoc, ShareLine, SignatureLine};
        let (case, _, programme) = self
            .load_for(
                actor,
                id,
                CaseAction::DownloadDocument(policy::DocumentKind::ParentingPlan),
            )
            .await?;
        let plan = case.parenting_plans.last().ok_or(AppError::NotFound)?;
        let view = self.document_view(actor, &case, &programme).await?;
        let lang = actor.lang;
        let pv = view_of(&case, plan, self.today(), lang);
        let name = |letter: &str| {
            if letter == "a" {
                pv.parent_a.name.clone()
            } else {
                pv.parent_b.name.clone()
            }
        };
        let weekdays = if lang == Lang::Nl {
            WEEKDAYS_NL
        } else {
            WEEKDAYS_EN
        };
        let pattern = pv
            .days
            .iter()
            .enumerate()
            .map(|(i, letter)| Pair {
                label: if pv.days.len() == 7 {
                    weekdays[i % 7].to_owned()
                } else {
                    format!(
                        "{} {}, {}",
                        l(lang, "week", "week"),
                        i / 7 + 1,
                        weekdays[i % 7]
                    )
                },
                text: name(letter),
            })
            .collect();
        let percent = |p: f64| {
            let text = format!("{p:.1}%");
            if lang == Lang::Nl {
                text.replace('.', ",")
            } else {
                text
            }
        };
        let signatures = [&pv.parent_a, &pv.parent_b]
            .iter()
            .map(|p| {
                let sig = plan.signatures.iter().find(|s| s.parent.0 == p.id);
                SignatureLine {
                    name: p.name.clone(),
                    role: case
                        .person(&PersonId(p.id.clone()))
                        .map(|x| x.role.label().get(lang).to_owned())
                        .unwrap_or_default(),
                    signed_at: sig.map(|s| time_text(&s.signed_at.to_string(), lang)),
                    method: sig.map(|s| match s.method {
                        SignatureMethod::Portal => l(lang, "in het portaal", "in the portal"),
                        SignatureMethod::Paper => l(lang, "op papier", "on paper"),
                    }),
                    content_hash: sig.map(|s| s.content_hash.clone()),
                }
            })
            .collect();
        let organisation = self.organisation_name(&case).await?;
        let made_for = (view.scope == ViewScope::Parent).then(|| l(lang, "ouder", "parent"));
        let doc = ParentingPlanDoc {
            header: self.header(&view, &organisation, lang, made_for),
            version: pv.version,
            versions: pv.versions,
            created_at: time_text(&pv.created_at, lang),
            content_hash: pv.content_hash.clone(),
            parent_a: pv.parent_a.name.clone(),
            parent_b: pv.parent_b.name.clone(),
            pattern,
            handover: format!(
                "{} {}, {}",
                l(lang, "om", "at"),
                pv.handover_time,
                pv.handover_place
            ),
            region: pv.region.clone(),
            overrides: pv
                .overrides
                .iter()
                .map(|o| Pair {
                    label: o.occasion.clone(),
                    text: o.rule.clone(),
                })
                .collect(),
            shares: pv
                .shares
                .iter()
                .map(|s| ShareLine {
                    year: s.year,
                    nights_a: s.nights_a,
                    nights_b: s.nights_b,
                    percent_a: percent(s.percent_a),
                    percent_b: percent(s.percent_b),
                })
                .collect(),
            care: pv.care.clone(),
            information: pv.information.clone(),
            costs: pv.costs.clone(),
            child_involvement: pv.child_involvement.clone(),
            topics: pv
                .topics
                .iter()
                .map(|t| Pair {
                    label: t.label.clone(),
                    text: t.text.clone(),
                })
                .collect(),
            signatures,
            signed_by_both: pv.signed_by_both,
        };
        let scope = view.scope;
        self.render_audited(
            actor,
            (id, &view.organisation_id),
            Document::ParentingPlan(doc),
            format!("parenting_plan v{}", pv.version),
            scope,
        )
        .await
    }
}
