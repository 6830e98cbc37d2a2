//! The instance and solution types of `FORMAT.md` (`omgang-weekplanner-instance/1`) and their
//! validation.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

/// Minutes in a day.
pub const DAY: i64 = 1440;
/// Minutes in a week.
pub const WEEK: i64 = 7 * DAY;

/// Why an instance could not be read.
#[derive(Debug, thiserror::Error)]
pub enum PlannerError {
    /// Not JSON, or JSON of the wrong shape (a missing field, a wrong type).
    #[error("instance is not valid JSON of the instance format: {0}")]
    Json(#[from] serde_json::Error),
    /// A field refers to an id that the instance does not define.
    #[error("{field}: unknown {kind} id {id:?}")]
    UnknownReference {
        /// The field, e.g. `requests[3].locations[1]`.
        field: String,
        /// What kind of id was expected (`location`, `room`, `supervisor`, `organisation`).
        kind: &'static str,
        /// The id that was not found.
        id: String,
    },
    /// An id is defined twice.
    #[error("{field}: duplicate id {id:?}")]
    DuplicateId {
        /// The field, e.g. `supervisors[7].id`.
        field: String,
        /// The id.
        id: String,
    },
    /// Any other invalid value (a malformed date, an opening-hours list without 7 days, …).
    #[error("{field}: {message}")]
    Invalid {
        /// The field.
        field: String,
        /// What is wrong.
        message: String,
    },
}

fn default_grid() -> i64 {
    15
}
fn default_travel() -> i64 {
    30
}

/// A planning instance (FORMAT.md §2). Unknown extra fields are ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Instance {
    /// `omgang-weekplanner-instance/1`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Instance name; a solution repeats it.
    pub name: String,
    /// Informative: how the instance was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generator: Option<serde_json::Value>,
    /// ISO date of the Monday of the week.
    pub week_start: String,
    /// Session starts are multiples of this.
    #[serde(default = "default_grid")]
    pub grid_minutes: i64,
    /// Travel time between two locations without an entry in `travel_minutes`.
    #[serde(default = "default_travel")]
    pub default_travel_minutes: i64,
    /// The organisations.
    pub organisations: Vec<Organisation>,
    /// The locations with their rooms.
    pub locations: Vec<Location>,
    /// The supervisors.
    pub supervisors: Vec<Supervisor>,
    /// The sessions to place this week.
    pub requests: Vec<Request>,
}

/// An organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organisation {
    /// Unique id.
    pub id: String,
    /// Informative.
    #[serde(default)]
    pub name: String,
}

/// A location of an organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// Unique id.
    pub id: String,
    /// Organisation id.
    pub organisation: String,
    /// Informative.
    #[serde(default)]
    pub name: String,
    /// Staggering margin (minutes) that applies to staggered requests here.
    pub margin_minutes: i64,
    /// Exactly 7 lists (Monday … Sunday) of `[open, close]` in minutes of that day.
    pub opening_hours: Vec<Vec<[i64; 2]>>,
    /// The rooms.
    pub rooms: Vec<Room>,
    /// Travel minutes from here to other locations.
    #[serde(default)]
    pub travel_minutes: BTreeMap<String, i64>,
}

/// A room type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RoomType {
    /// A living-room like visiting room.
    Homely,
    /// A large room (several children, play area).
    Large,
    /// An office (conversations).
    Office,
}

/// A room.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Room {
    /// Unique over the instance.
    pub id: String,
    /// Its type.
    #[serde(rename = "type")]
    pub room_type: RoomType,
}

/// Professional or volunteer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SupervisorKind {
    /// Employed; VOG and training are not checked.
    Professional,
    /// Volunteer: needs `volunteer_allowed`, a valid VOG on the day and training.
    Volunteer,
}

/// A supervisor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Supervisor {
    /// Unique id.
    pub id: String,
    /// Organisation id.
    pub organisation: String,
    /// Informative.
    #[serde(default)]
    pub name: String,
    /// Professional or volunteer.
    pub kind: SupervisorKind,
    /// ISO date through which the VOG is valid, or null.
    pub vog_valid_until: Option<String>,
    /// Trained (checked for volunteers only).
    pub trained: bool,
    /// `[start, end]` in week minutes.
    pub availability: Vec<[i64; 2]>,
    /// Cap on the occupied minutes this week.
    pub max_minutes_per_week: i64,
    /// Location ids this supervisor works at.
    pub locations: Vec<String>,
}

/// A session that a coordinator has already fixed; the solver keeps it as it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixedSession {
    /// Start (week minute).
    pub start: i64,
    /// Room id.
    pub room: String,
    /// Supervisor id.
    pub supervisor: String,
}

/// A session to place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// Unique id.
    pub id: String,
    /// Case id: two sessions of one case never on the same day.
    pub case_id: String,
    /// Organisation id.
    pub organisation: String,
    /// Informative (`supervised_visit`, `intake`, …).
    #[serde(default)]
    pub kind: String,
    /// Session length.
    pub duration_minutes: i64,
    /// Allowed location ids.
    pub locations: Vec<String>,
    /// Allowed room types.
    pub room_types: Vec<RoomType>,
    /// The parents must not meet: the location margin applies.
    pub staggered: bool,
    /// A volunteer may supervise.
    pub volunteer_allowed: bool,
    /// `[start, end]` in week minutes when the family can come.
    pub windows: Vec<[i64; 2]>,
    /// The supervisor of the case so far, if any.
    pub previous_supervisor: Option<String>,
    /// Preferred start (week minute), if any.
    pub preferred_start: Option<i64>,
    /// Optional extension: an already fixed session that the solver must keep.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed: Option<FixedSession>,
    /// Optional extension (absent in FORMAT.md's instances): only these supervisors may take
    /// the session — a programme that keeps one supervisor per case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub only_supervisors: Option<Vec<String>>,
}

/// A plan in the solution format (FORMAT.md §3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Solution {
    /// The instance name.
    pub instance: String,
    /// The placed sessions.
    pub assignments: Vec<Assignment>,
    /// Ids of the requests that are not placed.
    pub unplaced: Vec<String>,
    /// Extension (ignored by check.py): why each unplaced request is unplaced.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub unplaced_reasons: BTreeMap<String, ReasonText>,
}

/// A placed session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    /// Request id.
    pub request: String,
    /// Start (week minute).
    pub start: i64,
    /// Room id.
    pub room: String,
    /// Supervisor id.
    pub supervisor: String,
}

/// A reason in a coordinator's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReasonText {
    /// Machine-readable code, e.g. `vog_invalid`.
    pub code: String,
    /// Dutch.
    pub nl: String,
    /// English.
    pub en: String,
}

impl Solution {
    /// The solution as JSON (the solution format; `unplaced_reasons` only when non-empty).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a solution file.
    ///
    /// # Errors
    /// When the text is not JSON of the solution shape.
    pub fn from_json(text: &str) -> Result<Solution, PlannerError> {
        Ok(serde_json::from_str(text)?)
    }
}

/// Days since 1970-01-01 of an ISO date `YYYY-MM-DD`.
pub(crate) fn parse_date(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let t = s.get(r)?;
        if !t.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        t.parse().ok()
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let dim = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m) || d < 1 || d > dim[(m - 1) as usize] {
        return None;
    }
    // days_from_civil (H. Hinnant)
    let y2 = if m <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

impl Instance {
    /// Parses and validates an instance: every reference (organisation, location, room,
    /// supervisor) must exist, ids must be unique, dates must be ISO dates, each location has
    /// 7 days of opening hours, durations are positive, travel times non-negative.
    ///
    /// # Errors
    /// [`PlannerError`] naming the offending field.
    pub fn from_json(text: &str) -> Result<Instance, PlannerError> {
        let inst: Instance = serde_json::from_str(text)?;
        inst.validate()?;
        Ok(inst)
    }

    /// Validates references and values (see [`Instance::from_json`]).
    ///
    /// # Errors
    /// [`PlannerError`] naming the offending field.
    pub fn validate(&self) -> Result<(), PlannerError> {
        if parse_date(&self.week_start).is_none() {
            return Err(invalid("week_start".into(), "not an ISO date YYYY-MM-DD"));
        }
        if self.grid_minutes <= 0 {
            return Err(invalid("grid_minutes".into(), "must be positive"));
        }
        if self.default_travel_minutes < 0 {
            return Err(invalid(
                "default_travel_minutes".into(),
                "must not be negative",
            ));
        }
        let ids = Ids::of(self)?;
        for (i, l) in self.locations.iter().enumerate() {
            ids.check_location(i, l)?;
        }
        for (i, s) in self.supervisors.iter().enumerate() {
            ids.check_supervisor(i, s)?;
        }
        for (i, r) in self.requests.iter().enumerate() {
            ids.check_request(i, r)?;
        }
        Ok(())
    }
}

fn invalid(field: String, message: &str) -> PlannerError {
    PlannerError::Invalid {
        field,
        message: message.to_string(),
    }
}

/// The ids, each checked to be defined once.
fn unique<'a>(
    ids: impl Iterator<Item = (String, &'a str)>,
) -> Result<HashSet<&'a str>, PlannerError> {
    let mut set = HashSet::new();
    for (field, id) in ids {
        if !set.insert(id) {
            return Err(PlannerError::DuplicateId {
                field,
                id: id.to_string(),
            });
        }
    }
    Ok(set)
}

/// `id` (in `field`) must be one of `set` (ids of `kind`).
fn known(
    set: &HashSet<&str>,
    kind: &'static str,
    field: String,
    id: &str,
) -> Result<(), PlannerError> {
    if set.contains(id) {
        Ok(())
    } else {
        Err(PlannerError::UnknownReference {
            field,
            kind,
            id: id.to_string(),
        })
    }
}

/// The ids an instance defines, for checking its references.
struct Ids<'a> {
    orgs: HashSet<&'a str>,
    locs: HashSet<&'a str>,
    rooms: HashSet<&'a str>,
    sups: HashSet<&'a str>,
}

impl<'a> Ids<'a> {
    /// The ids of organisations, locations, rooms, supervisors (and requests), each unique.
    fn of(inst: &'a Instance) -> Result<Ids<'a>, PlannerError> {
        let orgs = unique(
            inst.organisations
                .iter()
                .enumerate()
                .map(|(i, o)| (format!("organisations[{i}].id"), o.id.as_str())),
        )?;
        let locs = unique(
            inst.locations
                .iter()
                .enumerate()
                .map(|(i, l)| (format!("locations[{i}].id"), l.id.as_str())),
        )?;
        let rooms = unique(inst.locations.iter().enumerate().flat_map(|(i, l)| {
            l.rooms
                .iter()
                .enumerate()
                .map(move |(k, r)| (format!("locations[{i}].rooms[{k}].id"), r.id.as_str()))
        }))?;
        let sups = unique(
            inst.supervisors
                .iter()
                .enumerate()
                .map(|(i, s)| (format!("supervisors[{i}].id"), s.id.as_str())),
        )?;
        unique(
            inst.requests
                .iter()
                .enumerate()
                .map(|(i, r)| (format!("requests[{i}].id"), r.id.as_str())),
        )?;
        Ok(Ids {
            orgs,
            locs,
            rooms,
            sups,
        })
    }

    /// `locations[i]`: organisation, margin, 7 days of opening hours, travel times.
    fn check_location(&self, i: usize, l: &Location) -> Result<(), PlannerError> {
        known(
            &self.orgs,
            "organisation",
            format!("locations[{i}].organisation"),
            &l.organisation,
        )?;
        if l.margin_minutes < 0 {
            return Err(invalid(
                format!("locations[{i}].margin_minutes"),
                "must not be negative",
            ));
        }
        if l.opening_hours.len() != 7 {
            return Err(invalid(
                format!("locations[{i}].opening_hours"),
                "must have exactly 7 days",
            ));
        }
        for (to, t) in &l.travel_minutes {
            known(
                &self.locs,
                "location",
                format!("locations[{i}].travel_minutes"),
                to,
            )?;
            if *t < 0 {
                return Err(invalid(
                    format!("locations[{i}].travel_minutes.{to}"),
                    "must not be negative",
                ));
            }
        }
        Ok(())
    }

    /// `supervisors[i]`: organisation, VOG date, locations.
    fn check_supervisor(&self, i: usize, s: &Supervisor) -> Result<(), PlannerError> {
        known(
            &self.orgs,
            "organisation",
            format!("supervisors[{i}].organisation"),
            &s.organisation,
        )?;
        if let Some(v) = &s.vog_valid_until
            && parse_date(v).is_none()
        {
            return Err(invalid(
                format!("supervisors[{i}].vog_valid_until"),
                "not an ISO date YYYY-MM-DD",
            ));
        }
        for (k, l) in s.locations.iter().enumerate() {
            known(
                &self.locs,
                "location",
                format!("supervisors[{i}].locations[{k}]"),
                l,
            )?;
        }
        Ok(())
    }

    /// `requests[i]`: organisation, duration, locations, previous supervisor, fixed session.
    fn check_request(&self, i: usize, r: &Request) -> Result<(), PlannerError> {
        known(
            &self.orgs,
            "organisation",
            format!("requests[{i}].organisation"),
            &r.organisation,
        )?;
        if r.duration_minutes <= 0 {
            return Err(invalid(
                format!("requests[{i}].duration_minutes"),
                "must be positive",
            ));
        }
        for (k, l) in r.locations.iter().enumerate() {
            known(
                &self.locs,
                "location",
                format!("requests[{i}].locations[{k}]"),
                l,
            )?;
        }
        if let Some(p) = &r.previous_supervisor {
            known(
                &self.sups,
                "supervisor",
                format!("requests[{i}].previous_supervisor"),
                p,
            )?;
        }
        if let Some(f) = &r.fixed {
            known(
                &self.rooms,
                "room",
                format!("requests[{i}].fixed.room"),
                &f.room,
            )?;
            known(
                &self.sups,
                "supervisor",
                format!("requests[{i}].fixed.supervisor"),
                &f.supervisor,
            )?;
        }
        Ok(())
    }
}

/// Indexes of an instance shared by the checker and the solver.
pub(crate) struct Index<'a> {
    pub req: HashMap<&'a str, usize>,
    pub loc: HashMap<&'a str, usize>,
    /// room id -> (location index, room index within the location)
    pub room: HashMap<&'a str, (usize, usize)>,
    pub sup: HashMap<&'a str, usize>,
    /// days since epoch of each day of the week
    pub dates: [i64; 7],
    /// VOG valid-until (days since epoch) per supervisor
    pub vog: Vec<Option<i64>>,
}

impl<'a> Index<'a> {
    pub fn new(inst: &'a Instance) -> Index<'a> {
        let ws = parse_date(&inst.week_start).unwrap_or(0);
        let mut dates = [0; 7];
        for (d, x) in dates.iter_mut().enumerate() {
            *x = ws + d as i64;
        }
        Index {
            req: inst
                .requests
                .iter()
                .enumerate()
                .map(|(i, r)| (r.id.as_str(), i))
                .collect(),
            loc: inst
                .locations
                .iter()
                .enumerate()
                .map(|(i, l)| (l.id.as_str(), i))
                .collect(),
            room: inst
                .locations
                .iter()
                .enumerate()
                .flat_map(|(i, l)| {
                    l.rooms
                        .iter()
                        .enumerate()
                        .map(move |(k, r)| (r.id.as_str(), (i, k)))
                })
                .collect(),
            sup: inst
                .supervisors
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.as_str(), i))
                .collect(),
            dates,
            vog: inst
                .supervisors
                .iter()
                .map(|s| s.vog_valid_until.as_deref().and_then(parse_date))
                .collect(),
        }
    }

    /// Travel from location `a` to `b` (indices).
    pub fn travel(&self, inst: &Instance, a: usize, b: usize) -> i64 {
        if a == b {
            return 0;
        }
        inst.locations[a]
            .travel_minutes
            .get(&inst.locations[b].id)
            .copied()
            .unwrap_or(inst.default_travel_minutes)
    }
}

pub(crate) fn inside_one(intervals: &[[i64; 2]], a: i64, b: i64) -> bool {
    intervals.iter().any(|&[x, y]| x <= a && b <= y)
}

/// Whether location `l` is open during all of `[a, b)` on week day `day` (0: Monday).
pub(crate) fn open_at(l: &Location, day: i64, a: i64, b: i64) -> bool {
    (0..7).contains(&day)
        && l.opening_hours[day as usize]
            .iter()
            .any(|&[o, c]| day * DAY + o <= a && b <= day * DAY + c)
}

/// Which unary rule (FORMAT.md §5, per assignment) fails first for a session, if any.
pub(crate) fn unary_violations(
    inst: &Instance,
    ix: &Index<'_>,
    r: &Request,
    start: i64,
    loc: usize,
    room_type: RoomType,
    sup: usize,
) -> Vec<&'static str> {
    let mut v = Vec::new();
    let l = &inst.locations[loc];
    let s = &inst.supervisors[sup];
    let m = if r.staggered { l.margin_minutes } else { 0 };
    let (a, b) = (start - m, start + r.duration_minutes + m);
    let day = start.div_euclid(DAY);
    if start.rem_euclid(inst.grid_minutes) != 0 {
        v.push("grid");
    }
    if r.only_supervisors
        .as_ref()
        .is_some_and(|only| !only.contains(&s.id))
    {
        v.push("supervisor_not_allowed");
    }
    if !inside_one(&r.windows, a, b) {
        v.push("window");
    }
    if !open_at(l, day, a, b) {
        v.push("opening_hours");
    }
    if !r.locations.contains(&l.id) {
        v.push("room_location");
    }
    if !r.room_types.contains(&room_type) {
        v.push("room_type");
    }
    if s.organisation != r.organisation {
        v.push("supervisor_organisation");
    }
    if !s.locations.contains(&l.id) {
        v.push("supervisor_location");
    }
    if !inside_one(&s.availability, a, b) {
        v.push("supervisor_availability");
    }
    if s.kind == SupervisorKind::Volunteer {
        if !r.volunteer_allowed {
            v.push("volunteer_not_allowed");
        }
        let ok = (0..7).contains(&day) && ix.vog[sup].is_some_and(|x| x >= ix.dates[day as usize]);
        if !ok {
            v.push("vog_invalid");
        }
        if !s.trained {
            v.push("not_trained");
        }
    }
    v
}
