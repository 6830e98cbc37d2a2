//! The view of a version: its words, the schedule's overrides in words, a year's share of
//! nights per parent and twelve month calendars.

use jiff::civil::Date;
use omgang_domain::case::Case;
use omgang_domain::parenting_plan::{ParentingPlanVersion, TOPICS};
use omgang_domain::schedule::{Occasion, Parent, PublicHoliday, Rule, Schedule, SchoolHoliday};
use omgang_domain::text::Lang;
use serde::Serialize;
use utoipa::ToSchema;

use super::form::ParentingPlanInput;

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

pub(super) fn rule_label(rule: &Rule, names: (&str, &str), lang: Lang) -> String {
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

pub(super) fn letter(p: Parent) -> String {
    if p == Parent::A { "a" } else { "b" }.to_owned()
}

/// The schedule's twelve months from this one, as calendars of weeks.
pub(super) fn twelve_months(schedule: &Schedule, today: Date, lang: Lang) -> Vec<MonthView> {
    let mut months = Vec::new();
    let mut first = today.first_of_month();
    for _ in 0..12 {
        months.push(month_view(schedule, first, lang));
        first = omgang_domain::case::add_days(first.last_of_month(), 1);
    }
    months
}

/// One month (from its `first` day): weeks of days from Monday, each with the parent who
/// has the child and why when it is not the base pattern; the nights per parent.
pub(super) fn month_view(schedule: &Schedule, first: Date, lang: Lang) -> MonthView {
    let days = schedule.month(first.year(), first.month());
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
    MonthView {
        label: format!(
            "{} {}",
            omgang_domain::text::month_name(first.month(), lang),
            first.year()
        ),
        weeks: cells.chunks(7).map(<[_]>::to_vec).collect(),
        nights_a: a,
        nights_b: b,
    }
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
    let months = twelve_months(&c.schedule, today, lang);
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
