//! The plan's form: its fields as the coordinator fills them in, checked into the domain's
//! content (every field named in the errors), and a version back into the form.

use std::collections::BTreeMap;

use jiff::civil::{Date, Time, Weekday};
use omgang_domain::ids::PersonId;
use omgang_domain::parenting_plan::{ParentingPlanContent, TOPICS};
use omgang_domain::schedule::{
    Occasion, Override, Parent, Pattern, PublicHoliday, Region, Rule, Schedule, SchoolHoliday,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::input::Check;
use crate::{AppError, Result};

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

pub(super) fn parent_of(text: &str) -> Option<Parent> {
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

/// One override of the schedule (`overrides[i]`): its occasion, parent and rule.
pub(super) fn checked_override(c: &mut Check, i: usize, o: &OverrideInput) -> Option<Override> {
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
    match (occasion, rule) {
        (Some(occasion), Some(rule)) => Some(Override { occasion, rule }),
        _ => None,
    }
}

impl ParentingPlanInput {
    /// Checks every field (named in the errors, Dutch and English) and builds the content.
    pub fn validate(&self, today: Date) -> Result<ParentingPlanContent> {
        let mut c = Check::default();
        let parent_a = c.id("parent_a", &self.parent_a);
        let parent_b = c.id("parent_b", &self.parent_b);
        let days = self.checked_days(&mut c);
        let anchor = self.checked_anchor(&mut c, today);
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
        let region = self.checked_region(&mut c);
        let overrides = self
            .overrides
            .iter()
            .enumerate()
            .filter_map(|(i, o)| checked_override(&mut c, i, o))
            .collect();
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
        let topics = self.checked_topics(&mut c);
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

    /// Who has the child each day of one or two weeks.
    fn checked_days(&self, c: &mut Check) -> Vec<Parent> {
        let days: Vec<Parent> = self.days.iter().filter_map(|d| parent_of(d)).collect();
        if days.len() != self.days.len() || !(days.len() == 7 || days.len() == 14) {
            c.push(
                "days",
                "Geef voor elke dag van één of twee weken aan bij wie het kind is (a of b).",
                "Give for every day of one or two weeks who has the child (a or b).",
            );
        }
        days
    }

    /// The first day of week 1: a Monday (left out: this week's).
    fn checked_anchor(&self, c: &mut Check, today: Date) -> Option<Date> {
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
        anchor
    }

    /// The region of the school (its holidays).
    fn checked_region(&self, c: &mut Check) -> Option<Region> {
        match self.region.trim() {
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
        }
    }

    /// The usual topics the plan knows, those filled in.
    fn checked_topics(&self, c: &mut Check) -> BTreeMap<String, String> {
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
        topics
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

pub(super) type OccasionKey = (String, Option<String>, Option<i8>, Option<i8>);

pub(super) fn occasion_key(o: &Occasion) -> OccasionKey {
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
