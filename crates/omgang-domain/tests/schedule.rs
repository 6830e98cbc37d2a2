//! The ouderschapsplan's schedule engine: holidays and the calendar, a two-weekly pattern
//! with summer holidays per region and alternating Christmas over three years, and a
//! property test that every night of a year belongs to exactly one parent.
#![allow(clippy::unwrap_used)]

use jiff::ToSpan;
use jiff::civil::{Date, Time, date};
use omgang_domain::schedule::*;
use proptest::prelude::*;

fn two_weekly(anchor: Date) -> Pattern {
    // Week 1 with parent A, week 2 with parent B; the child changes house on Monday.
    let mut days = vec![Parent::A; 7];
    days.extend([Parent::B; 7]);
    Pattern {
        anchor,
        days,
        handover_time: Time::constant(8, 30, 0, 0),
        handover_place: "school".into(),
    }
}

/// An independent reference for the two-weekly pattern: week k after the anchor is A's when
/// k is even.
fn reference_base(anchor: Date, d: Date) -> Parent {
    let days = i64::from(anchor.until(d).unwrap().get_days());
    if days.div_euclid(7) % 2 == 0 {
        Parent::A
    } else {
        Parent::B
    }
}

#[test]
fn easter_and_the_public_holidays() {
    assert_eq!(easter(2024), date(2024, 3, 31));
    assert_eq!(easter(2025), date(2025, 4, 20));
    assert_eq!(easter(2026), date(2026, 4, 5));
    assert_eq!(easter(2027), date(2027, 3, 28));
    assert_eq!(easter(2028), date(2028, 4, 16));
    assert_eq!(easter(2038), date(2038, 4, 25));
    assert_eq!(easter(1818), date(1818, 3, 22));
    // Koningsdag moves to Saturday 26 April when the 27th is a Sunday (2025).
    assert_eq!(koningsdag(2025), date(2025, 4, 26));
    assert_eq!(koningsdag(2026), date(2026, 4, 27));
}

#[test]
fn the_shipped_school_holidays_parse_and_cover_three_school_years() {
    let all = parse_school_holidays(SCHOOL_HOLIDAYS_TOML).unwrap();
    assert_eq!(
        all.len(),
        3 * 5 * 3,
        "3 school years × 5 holidays × 3 regions"
    );
    for region in Region::ALL {
        let summers: Vec<_> = school_holidays(region)
            .filter(|h| h.kind == SchoolHoliday::Zomer)
            .collect();
        assert_eq!(summers.len(), 3);
        for s in summers {
            // Six weeks: Saturday to the Sunday six weeks later.
            assert_eq!(s.first.weekday(), jiff::civil::Weekday::Saturday, "{s:?}");
            assert_eq!(s.last.weekday(), jiff::civil::Weekday::Sunday, "{s:?}");
            assert_eq!(s.first.until(s.last).unwrap().get_days(), 43, "{s:?}");
        }
    }
    assert!(
        SCHOOL_HOLIDAYS_TOML.contains("rijksoverheid.nl"),
        "the source is named"
    );
}

#[test]
fn special_days() {
    let mut s = Schedule {
        pattern: two_weekly(date(2025, 12, 29)),
        region: Region::Midden,
        overrides: vec![
            Override {
                occasion: Occasion::MothersDay,
                rule: Rule::Fixed { parent: Parent::B },
            },
            Override {
                occasion: Occasion::FathersDay,
                rule: Rule::Fixed { parent: Parent::A },
            },
            Override {
                occasion: Occasion::Birthday {
                    name: "Sanne".into(),
                    month: 2,
                    day: 29,
                },
                rule: Rule::AlternateYears {
                    even_years: Parent::B,
                },
            },
        ],
    };
    s.validate().unwrap();
    // Mother's Day 2026 is 10 May (a week-B... whatever the base says, B has it).
    assert_eq!(s.who(date(2026, 5, 10)), Parent::B);
    assert_eq!(
        s.who(date(2026, 6, 21)),
        Parent::A,
        "Father's Day: third Sunday of June"
    );
    // A leap-day birthday on 28 February in 2027 (odd: A), on the day in 2028 (even: B).
    assert_eq!(s.who(date(2027, 2, 28)), Parent::A);
    assert_eq!(s.who(date(2028, 2, 29)), Parent::B);
    s.pattern.days.pop();
    assert_eq!(s.validate(), Err(ScheduleError::PatternLength(13)));
}

/// The case: a two-weekly pattern, the summer holiday split in halves (A the first
/// half in even years), Christmas (25 and 26 December) alternating (A in even years), over
/// the calendar years 2026, 2027 and 2028, in each region.
#[test]
fn two_weekly_with_split_summers_and_alternating_christmas_over_three_years() {
    let anchor = date(2025, 12, 29);
    let overrides = vec![
        Override {
            occasion: Occasion::School {
                holiday: SchoolHoliday::Zomer,
            },
            rule: Rule::SplitHalves {
                first_half_even_years: Parent::A,
            },
        },
        Override {
            occasion: Occasion::Public {
                holiday: PublicHoliday::Kerst,
            },
            rule: Rule::AlternateYears {
                even_years: Parent::A,
            },
        },
    ];
    // Worked out by hand for noord 2026 (see the note): the base gives A 183 nights and B
    // 182; the summer (4 July – 16 August, 44 nights) has 23 A-nights under the base and 22
    // after the split; Christmas 2026 falls in a B-week and goes to A (+2).
    let noord = Schedule {
        pattern: two_weekly(anchor),
        region: Region::Noord,
        overrides: overrides.clone(),
    };
    assert_eq!(
        noord.nights(date(2026, 1, 1), date(2027, 1, 1)),
        Share { a: 183, b: 182 }.with(|s| {
            s.a = s.a - 1 + 2;
            s.b = s.b + 1 - 2;
        })
    );
    assert_eq!(noord.year_share(2026), Share { a: 184, b: 181 });
    assert_eq!(noord.year_share(2026).percent(Parent::A), 50.4);

    for region in Region::ALL {
        let s = Schedule {
            pattern: two_weekly(anchor),
            region,
            overrides: overrides.clone(),
        };
        for year in [2026_i16, 2027, 2028] {
            let from = date(year, 1, 1);
            let to = date(year + 1, 1, 1);
            // The reference: the base pattern, then the summer's halves, then Christmas.
            let summer = school_holidays(region)
                .find(|h| h.kind == SchoolHoliday::Zomer && h.first.year() == year)
                .unwrap();
            let even = year % 2 == 0;
            let mut expected = Share::default();
            let mut d = from;
            while d < to {
                let mut p = reference_base(anchor, d);
                if d >= summer.first && d <= summer.last {
                    let i = summer.first.until(d).unwrap().get_days();
                    let first = if even { Parent::A } else { Parent::B };
                    p = if i < 22 { first } else { first.other() };
                }
                if d.month() == 12 && (d.day() == 25 || d.day() == 26) {
                    p = if even { Parent::A } else { Parent::B };
                }
                match p {
                    Parent::A => expected.a += 1,
                    Parent::B => expected.b += 1,
                }
                d = d.checked_add(1.day()).unwrap();
            }
            let got = s.nights(from, to);
            assert_eq!(got, expected, "{region:?} {year}");
            assert_eq!(got.total(), if year == 2028 { 366 } else { 365 });
            // The summer is split 22/22, each year the other way round.
            let summer_share = s.nights(summer.first, summer.last.checked_add(1.day()).unwrap());
            assert_eq!(summer_share, Share { a: 22, b: 22 }, "{region:?} {year}");
            let first_half = if even { Parent::A } else { Parent::B };
            assert_eq!(s.who(summer.first), first_half);
            assert_eq!(s.who(summer.last), first_half.other());
            // Christmas alternates.
            assert_eq!(s.who(date(year, 12, 25)), first_half);
            assert_eq!(s.who(date(year, 12, 26)), first_half);
        }
    }
}

#[test]
fn layers_override_in_order_and_christmas_holidays_cross_the_new_year() {
    let s = Schedule {
        pattern: two_weekly(date(2025, 12, 29)),
        region: Region::Zuid,
        overrides: vec![
            // Listed before the school holiday: the layer still puts the public holiday on top.
            Override {
                occasion: Occasion::Public {
                    holiday: PublicHoliday::OudEnNieuw,
                },
                rule: Rule::SplitHalves {
                    first_half_even_years: Parent::B,
                },
            },
            Override {
                occasion: Occasion::School {
                    holiday: SchoolHoliday::Kerst,
                },
                rule: Rule::SplitHalves {
                    first_half_even_years: Parent::A,
                },
            },
        ],
    };
    // Kerstvakantie 19 December 2026 – 3 January 2027 (16 days): A the first 8 (2026 is
    // even), B from 27 December; Oud en Nieuw (2026: B on the 31st, A on 1 January).
    assert_eq!(s.who(date(2026, 12, 19)), Parent::A);
    assert_eq!(s.who(date(2026, 12, 26)), Parent::A);
    assert_eq!(s.who(date(2026, 12, 27)), Parent::B);
    assert_eq!(s.who(date(2026, 12, 31)), Parent::B);
    assert_eq!(s.who(date(2027, 1, 1)), Parent::A);
    assert_eq!(s.who(date(2027, 1, 2)), Parent::B);
    let handovers = s.handovers(date(2026, 12, 18), date(2027, 1, 5));
    assert!(
        handovers
            .iter()
            .any(|h| h.date == date(2027, 1, 1) && h.to == Parent::A)
    );
    assert!(handovers.iter().all(|h| h.place == "school"));
    // The month preview says why.
    let dec = s.month(2026, 12);
    assert_eq!(dec.len(), 31);
    assert_eq!(
        dec[18].reason,
        Reason::Occasion(Occasion::School {
            holiday: SchoolHoliday::Kerst
        })
    );
    assert_eq!(
        dec[30].reason,
        Reason::Occasion(Occasion::Public {
            holiday: PublicHoliday::OudEnNieuw
        })
    );
    assert_eq!(dec[0].reason, Reason::Base);
}

trait With: Sized {
    fn with(self, f: impl FnOnce(&mut Self)) -> Self;
}
impl With for Share {
    fn with(mut self, f: impl FnOnce(&mut Self)) -> Self {
        f(&mut self);
        self
    }
}

fn parent() -> impl Strategy<Value = Parent> {
    prop_oneof![Just(Parent::A), Just(Parent::B)]
}

fn rule() -> impl Strategy<Value = Rule> {
    prop_oneof![
        parent().prop_map(|parent| Rule::Fixed { parent }),
        parent().prop_map(|even_years| Rule::AlternateYears { even_years }),
        parent().prop_map(|first_half_even_years| Rule::SplitHalves {
            first_half_even_years
        }),
    ]
}

fn occasion() -> impl Strategy<Value = Occasion> {
    use PublicHoliday as P;
    use SchoolHoliday as S;
    prop_oneof![
        prop::sample::select(vec![S::Herfst, S::Kerst, S::Voorjaar, S::Mei, S::Zomer])
            .prop_map(|holiday| Occasion::School { holiday }),
        prop::sample::select(vec![
            P::Pasen,
            P::Koningsdag,
            P::Hemelvaart,
            P::Pinksteren,
            P::Kerst,
            P::OudEnNieuw
        ])
        .prop_map(|holiday| Occasion::Public { holiday }),
        Just(Occasion::MothersDay),
        Just(Occasion::FathersDay),
        (1_i8..=12, 1_i8..=28).prop_map(|(month, day)| Occasion::Birthday {
            name: "kind".into(),
            month,
            day
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Every night of a year belongs to exactly one parent, whatever the pattern and the
    /// overrides: the days cover the year once each, the nights add up to the year, and the
    /// month previews and `who` agree.
    #[test]
    fn every_night_of_a_year_belongs_to_exactly_one_parent(
        two_weeks in any::<bool>(),
        days in prop::collection::vec(parent(), 14),
        weeks_after in 0_i64..200,
        region in prop::sample::select(Region::ALL.to_vec()),
        overrides in prop::collection::vec((occasion(), rule()), 0..8),
        year in 2025_i16..=2028,
    ) {
        let n = if two_weeks { 14 } else { 7 };
        let s = Schedule {
            pattern: Pattern {
                anchor: date(2022, 1, 3).checked_add((weeks_after * 7).days()).unwrap(),
                days: days[..n].to_vec(),
                handover_time: Time::constant(18, 0, 0, 0),
                handover_place: "school".into(),
            },
            region,
            overrides: overrides.into_iter().map(|(occasion, rule)| Override { occasion, rule }).collect(),
        };
        prop_assert!(s.validate().is_ok());
        let from = date(year, 1, 1);
        let to = date(year + 1, 1, 1);
        let all = s.days(from, to);
        let in_year = i64::from(from.until(to).unwrap().get_days());
        prop_assert_eq!(all.len() as i64, in_year);
        let mut seen = std::collections::BTreeSet::new();
        for (i, d) in all.iter().enumerate() {
            prop_assert_eq!(d.date, from.checked_add((i as i64).days()).unwrap());
            prop_assert!(seen.insert(d.date), "{} twice", d.date);
        }
        let a: Vec<Date> = all.iter().filter(|d| d.parent == Parent::A).map(|d| d.date).collect();
        let b: Vec<Date> = all.iter().filter(|d| d.parent == Parent::B).map(|d| d.date).collect();
        prop_assert!(a.iter().all(|d| !b.contains(d)), "no night is both parents'");
        let share = s.nights(from, to);
        prop_assert_eq!(share.total() as i64, in_year);
        prop_assert_eq!(share.a as usize, a.len());
        let pct = share.percent(Parent::A) + share.percent(Parent::B);
        prop_assert!((pct - 100.0).abs() < 0.11, "{pct}");
        let mut months = Vec::new();
        for m in 1..=12 {
            months.extend(s.month(year, m));
        }
        prop_assert_eq!(&months, &all);
        for d in all.iter().step_by(29) {
            prop_assert_eq!(s.who(d.date), d.parent);
        }
        // A handover exactly where the parent changes.
        let changes = all.windows(2).filter(|w| w[0].parent != w[1].parent).count();
        let handovers = s.handovers(from.checked_add(1.day()).unwrap(), to);
        prop_assert_eq!(handovers.len(), changes);
    }
}
