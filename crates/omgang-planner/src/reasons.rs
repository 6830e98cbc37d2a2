//! Why a request stays unplaced, in a coordinator's words (Dutch and English).
//!
//! The reason is the first constraint, in the order a coordinator would check them, that
//! eliminates every option: room type at the allowed locations, opening hours within the
//! family's windows, supervisors at those locations, their availability, volunteer rules
//! (allowed, trained, VOG on the day), and finally what is occupied in the plan.

use crate::model::{DAY, Index, Instance, Request, SupervisorKind, inside_one, open_at};
use crate::solver::CReq;
use crate::solver::{Comp, State, sup_conflict};

/// A reason: code, Dutch, English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Reason {
    pub code: &'static str,
    pub nl: String,
    pub en: String,
}

fn reason(code: &'static str, nl: &str, en: &str) -> Reason {
    Reason {
        code,
        nl: nl.to_string(),
        en: en.to_string(),
    }
}

const DAYS_NL: [&str; 7] = [
    "maandag",
    "dinsdag",
    "woensdag",
    "donderdag",
    "vrijdag",
    "zaterdag",
    "zondag",
];
const DAYS_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn days_list(mask: u8, names: &[&str; 7], or: &str) -> String {
    let v: Vec<&str> = (0..7)
        .filter(|d| mask & (1 << d) != 0)
        .map(|d| names[d])
        .collect();
    match v.len() {
        0 => String::new(),
        1 => v[0].to_string(),
        n => format!("{} {or} {}", v[..n - 1].join(", "), v[n - 1]),
    }
}

pub(crate) fn fixed_invalid(rules: &[&str]) -> Reason {
    let list = rules.join(", ");
    Reason {
        code: "fixed_invalid",
        nl: format!("de vastgezette afspraak voldoet niet aan de regels ({list})"),
        en: format!("the fixed session breaks a rule ({list})"),
    }
}

/// Candidate (start, location) pairs by opening hours and windows, ignoring supervisors.
fn open_slots(
    inst: &Instance,
    ix: &Index<'_>,
    r: &Request,
    locs: &[usize],
) -> Vec<(i64, i64, i64, usize)> {
    let mut out = Vec::new();
    let grid = inst.grid_minutes;
    for &lg in locs {
        let l = &inst.locations[lg];
        let m = if r.staggered { l.margin_minutes } else { 0 };
        for &[ws, we] in &r.windows {
            let mut s = (ws + m).div_euclid(grid) * grid;
            if s < ws + m {
                s += grid;
            }
            while s + r.duration_minutes + m <= we {
                let (a, b) = (s - m, s + r.duration_minutes + m);
                let day = s.div_euclid(DAY);
                if open_at(l, day, a, b) {
                    out.push((a, b, day, lg));
                }
                s += grid;
            }
        }
    }
    let _ = ix;
    out
}

/// The reason why request `r` (local index in `p`) is unplaced in state `st`.
pub(crate) fn explain(inst: &Instance, ix: &Index<'_>, p: &Comp, st: &State, r: usize) -> Reason {
    let q = &p.reqs[r];
    if let Some(f) = &q.fixed_reason {
        return f.clone();
    }
    if q.fixed.is_some() {
        return reason(
            "fixed_conflict",
            "de vastgezette afspraak botst met een andere vastgezette afspraak",
            "the fixed session clashes with another fixed session",
        );
    }
    if q.slots.is_empty() {
        no_option(inst, ix, &inst.requests[q.g])
    } else {
        occupied(p, st, q)
    }
}

/// The reason why request `req` has no option at all: the first rule, in the order a
/// coordinator would check them, that removes the last one.
fn no_option(inst: &Instance, ix: &Index<'_>, req: &Request) -> Reason {
    let locs: Vec<usize> = req
        .locations
        .iter()
        .filter_map(|l| ix.loc.get(l.as_str()).copied())
        .filter(|&lg| {
            inst.locations[lg]
                .rooms
                .iter()
                .any(|rm| req.room_types.contains(&rm.room_type))
        })
        .collect();
    if locs.is_empty() {
        return reason(
            "no_room_type",
            "geen ruimte van het gevraagde type op de toegestane locaties",
            "no room of the requested type at the allowed locations",
        );
    }
    let slots = open_slots(inst, ix, req, &locs);
    if slots.is_empty() {
        return reason(
            "closed_in_windows",
            "geen toegestane locatie met een ruimte van het gevraagde type is open binnen de tijden van het gezin",
            "no allowed location with a room of the requested type is open within the family's time windows",
        );
    }
    if !(0..inst.supervisors.len()).any(|si| locs.iter().any(|&lg| works_at(inst, req, si, lg))) {
        return reason(
            "no_supervisor_at_location",
            "geen begeleider van de organisatie werkt op de toegestane locaties",
            "no supervisor of the organisation works at the allowed locations",
        );
    }
    no_supervisor(inst, req, &slots)
}

/// Whether supervisor `si` of the organisation of `req` works at location `lg`.
fn works_at(inst: &Instance, req: &Request, si: usize, lg: usize) -> bool {
    let s = &inst.supervisors[si];
    s.organisation == req.organisation && s.locations.contains(&inst.locations[lg].id)
}

/// The reason why no supervisor may take `req` in any of its open `slots` (availability,
/// the family's own supervisors, volunteer rules).
fn no_supervisor(inst: &Instance, req: &Request, slots: &[(i64, i64, i64, usize)]) -> Reason {
    // (slot, supervisor) pairs surviving location and availability
    let mut pairs: Vec<(i64, usize)> = Vec::new();
    for &(a, b, day, lg) in slots {
        for si in 0..inst.supervisors.len() {
            if works_at(inst, req, si, lg) && inside_one(&inst.supervisors[si].availability, a, b) {
                pairs.push((day, si));
            }
        }
    }
    if pairs.is_empty() {
        return reason(
            "no_supervisor_available",
            "geen begeleider beschikbaar binnen de tijden van het gezin op de toegestane locaties",
            "no supervisor is available within the family's time windows at the allowed locations",
        );
    }
    if let Some(only) = &req.only_supervisors {
        pairs.retain(|&(_, si)| only.contains(&inst.supervisors[si].id));
        if pairs.is_empty() {
            return reason(
                "own_supervisor_unavailable",
                "de eigen begeleider of coördinator van dit gezin is niet beschikbaar binnen de tijden van het gezin",
                "the family's own supervisor or coordinator is not available within the family's time windows",
            );
        }
    }
    let vol = |si: usize| inst.supervisors[si].kind == SupervisorKind::Volunteer;
    if !req.volunteer_allowed {
        pairs.retain(|&(_, si)| !vol(si));
        if pairs.is_empty() {
            return reason(
                "volunteer_not_allowed",
                "alleen vrijwilligers beschikbaar, maar voor deze afspraak is een beroepskracht nodig",
                "only volunteers are available, but this session needs a professional",
            );
        }
    }
    pairs.retain(|&(_, si)| !vol(si) || inst.supervisors[si].trained);
    if pairs.is_empty() {
        return reason(
            "not_trained",
            "alleen vrijwilligers beschikbaar die hun training nog niet hebben afgerond",
            "only volunteers who have not completed their training are available",
        );
    }
    let mask = pairs.iter().fold(0u8, |m, &(d, _)| m | (1 << d));
    Reason {
        code: "vog_invalid",
        nl: format!(
            "geen begeleider met geldige VOG beschikbaar op {}",
            days_list(mask, &DAYS_NL, "of")
        ),
        en: format!(
            "no supervisor with a valid VOG (certificate of conduct) available on {}",
            days_list(mask, &DAYS_EN, "or")
        ),
    }
}

/// The reason why request `q`, which has options, finds them all occupied in state `st`.
fn occupied(p: &Comp, st: &State, q: &CReq) -> Reason {
    let case_days = st.case_days[q.case as usize];
    let mut any_free_day = false;
    let mut room_free = false;
    let mut sup_free_time = false;
    let mut sup_free = false;
    for sl in &q.slots {
        if case_days & (1 << sl.day) != 0 {
            continue;
        }
        any_free_day = true;
        if q.rooms[sl.room_lo as usize..sl.room_hi as usize]
            .iter()
            .any(|&k| st.room_ok(k, sl.a, sl.b))
        {
            room_free = true;
        }
        for &s in &q.sups[sl.sup_lo as usize..sl.sup_hi as usize] {
            let time_ok = st.sup_occ[s as usize]
                .iter()
                .all(|&(x, y, l, _)| !sup_conflict(p, x, y, l, sl.a, sl.b, sl.loc));
            sup_free_time |= time_ok;
            sup_free |= time_ok && st.sup_used[s as usize] + (sl.b - sl.a) <= p.sup_max[s as usize];
        }
    }
    if !any_free_day {
        let mask = q.day_mask;
        return Reason {
            code: "case_same_day",
            nl: format!(
                "op elke mogelijke dag ({}) staat al een andere afspraak van deze zaak",
                days_list(mask, &DAYS_NL, "en")
            ),
            en: format!(
                "another session of this case is already planned on every possible day ({})",
                days_list(mask, &DAYS_EN, "and")
            ),
        };
    }
    if !room_free {
        return reason(
            "rooms_occupied",
            "alle ruimtes van het gevraagde type zijn bezet binnen de tijden van het gezin",
            "all rooms of the requested type are occupied within the family's time windows",
        );
    }
    if !sup_free {
        if sup_free_time {
            return reason(
                "supervisors_max_minutes",
                "de geschikte begeleiders hebben hun uren voor deze week al vol",
                "the suitable supervisors have already used up their hours for this week",
            );
        }
        return reason(
            "supervisors_occupied",
            "alle geschikte begeleiders zijn al ingepland binnen de tijden van het gezin",
            "all suitable supervisors are already booked within the family's time windows",
        );
    }
    reason(
        "no_common_time",
        "er is wel een ruimte vrij en wel een begeleider vrij, maar nooit op hetzelfde moment",
        "a room and a supervisor are free, but never at the same time",
    )
}
