//! From HTML form fields to the application layer's inputs. Field names in the forms are the
//! application's own field paths (`children[0].birth_date`), so its messages land next to the
//! right field.

use omgang_app::FieldError;
use omgang_app::input::*;
use omgang_domain::text::Lang;

use crate::i18n::I18n;
use crate::web::Form;

/// Rows of children and people on the registration form.
pub const CHILD_ROWS: usize = 3;
pub const PERSON_ROWS: usize = 4;

/// A field error of our own (a value the form itself could not read), in both languages.
pub fn own_error(i18n: &I18n, field: &str, key: &str) -> FieldError {
    FieldError::new(field, i18n.t(Lang::Nl, key), i18n.t(Lang::En, key))
}

/// The registration, and which form row each child and person came from.
pub struct Registration {
    pub input: RegistrationInput,
    pub child_rows: Vec<usize>,
    pub person_rows: Vec<usize>,
}

pub fn registration(form: &Form) -> Registration {
    let mut children = Vec::new();
    let mut child_rows = Vec::new();
    for i in 0..CHILD_ROWS {
        let name = form.get(&format!("children[{i}].name"));
        let birth = form.get(&format!("children[{i}].birth_date"));
        if name.trim().is_empty() && birth.trim().is_empty() {
            continue;
        }
        child_rows.push(i);
        children.push(ChildInput {
            name: name.to_owned(),
            birth_date: birth.to_owned(),
        });
    }
    let mut people = Vec::new();
    let mut person_rows = Vec::new();
    for i in 0..PERSON_ROWS {
        let f = |n: &str| format!("people[{i}].{n}");
        let texts = ["name", "email", "phone", "address", "organisation"];
        if texts.iter().all(|n| form.get(&f(n)).trim().is_empty())
            && !form.checked(&f("secret_address"))
            && !form.checked(&f("holds_authority"))
        {
            continue;
        }
        person_rows.push(i);
        people.push(PersonInput {
            name: form.get(&f("name")).to_owned(),
            role: form.get(&f("role")).to_owned(),
            email: form.opt(&f("email")),
            phone: form.opt(&f("phone")),
            address: form.opt(&f("address")),
            secret_address: form.checked(&f("secret_address")),
            organisation: form.opt(&f("organisation")),
            holds_authority: form.checked(&f("holds_authority")),
        });
    }
    Registration {
        input: RegistrationInput {
            programme_id: form.get("programme_id").to_owned(),
            organisation_id: form.opt("organisation_id"),
            registered_by: form.get("registered_by").to_owned(),
            entry_route: form.get("entry_route").to_owned(),
            children,
            people,
            safety_concerns: form.opt("safety_concerns"),
            request: form.opt("request"),
        },
        child_rows,
        person_rows,
    }
}

/// Renames `children[1].name` to the form row it came from (`children[2].name` when row 1
/// was left empty).
pub fn remap_rows(errors: Vec<FieldError>, reg: &Registration) -> Vec<FieldError> {
    errors
        .into_iter()
        .map(|mut e| {
            for (prefix, rows) in [
                ("children[", &reg.child_rows),
                ("people[", &reg.person_rows),
            ] {
                if let Some(rest) = e.field.strip_prefix(prefix)
                    && let Some((n, tail)) = rest.split_once(']')
                    && let Ok(n) = n.parse::<usize>()
                    && let Some(row) = rows.get(n)
                {
                    e.field = format!("{prefix}{row}]{tail}");
                }
            }
            e
        })
        .collect()
}

/// One entry per non-empty line.
fn lines(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

pub const EVALUATION_ROWS: usize = 3;

pub fn plan(form: &Form, i18n: &I18n) -> Result<PlanInput, Vec<FieldError>> {
    let max = form.get("max_duration_months").trim();
    let max_duration_months = if max.is_empty() {
        None
    } else {
        match max.parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                return Err(vec![own_error(
                    i18n,
                    "max_duration_months",
                    "err-whole-number",
                )]);
            }
        }
    };
    Ok(PlanInput {
        goals: lines(form.get("goals")),
        house_rules: lines(form.get("house_rules")),
        visit_agreements: form.get("visit_agreements").to_owned(),
        handover_agreements: form.get("handover_agreements").to_owned(),
        parent_conversations: form.get("parent_conversations").to_owned(),
        child_guidance: form.get("child_guidance").to_owned(),
        work_agreements: form.get("work_agreements").to_owned(),
        evaluation_moments: (0..EVALUATION_ROWS)
            .map(|i| form.get(&format!("evaluation_moments[{i}]")).to_owned())
            .collect(),
        max_duration_months,
        parents_must_not_meet: form.checked("parents_must_not_meet"),
    })
}

/// `goals[2]` is shown at the goals field (one text area for all goals).
pub fn collapse_list_fields(errors: Vec<FieldError>) -> Vec<FieldError> {
    errors
        .into_iter()
        .map(|mut e| {
            for list in ["goals", "house_rules"] {
                if e.field.starts_with(&format!("{list}[")) {
                    e.field = list.to_owned();
                }
            }
            e
        })
        .collect()
}

/// "Toch doorgaan": the warning codes the form showed (`confirm_codes`), when the user
/// pressed the button that confirms them (`confirm`), and the reason typed with it.
pub fn confirmation(form: &Form) -> (Vec<String>, Option<String>) {
    if !form.checked("confirm") {
        return (Vec::new(), None);
    }
    let codes = form
        .get("confirm_codes")
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_owned)
        .collect();
    (codes, form.opt("confirm_reason"))
}

pub fn session(form: &Form, i18n: &I18n) -> Result<SessionInput, Vec<FieldError>> {
    let (confirm, reason) = confirmation(form);
    let minutes_text = form.get("minutes").trim();
    let minutes = match minutes_text.parse::<u32>() {
        Ok(n) => n,
        Err(_) if minutes_text.is_empty() => 0,
        Err(_) => return Err(vec![own_error(i18n, "minutes", "err-whole-number")]),
    };
    Ok(SessionInput {
        kind: form.get("kind").to_owned(),
        starts_at: form.get("starts_at").to_owned(),
        minutes,
        location_kind: form
            .opt("location_kind")
            .unwrap_or_else(|| "omgangshuis".into()),
        // A room of one of the organisation's locations: "location|room".
        location_id: form.get("room").split_once('|').map(|(l, _)| l.to_owned()),
        room_id: form.get("room").split_once('|').map(|(_, r)| r.to_owned()),
        description: form.opt("description"),
        home_of: form.opt("home_of"),
        supervisor_id: form.opt("supervisor_id"),
        participants: form
            .get("participants")
            .split(',')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(str::to_owned)
            .collect(),
        confirm,
        reason,
    })
}

pub fn outcome(form: &Form) -> OutcomeInput {
    OutcomeInput {
        outcome: form.get("outcome").to_owned(),
        notes: form.get("notes").to_owned(),
        by: form.opt("by"),
        reason: form.opt("reason"),
        // One checkbox per person and child: `attended.<id>`.
        attended: form
            .0
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .filter_map(|(k, _)| k.strip_prefix("attended."))
            .map(str::to_owned)
            .collect(),
    }
}

/// A yes/no radio group: `Some(true)`, `Some(false)`, or `None` when nothing was chosen.
pub fn yes_no(form: &Form, name: &str) -> Option<bool> {
    match form.get(name) {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

pub fn report(form: &Form) -> ReportInput {
    ReportInput {
        course: form.get("course").to_owned(),
        child_reactions: form.get("child_reactions").to_owned(),
        interaction: form.get("interaction").to_owned(),
        agreements_kept: form.get("agreements_kept").to_owned(),
        punctuality_resident_parent: form.get("punctuality_resident_parent").to_owned(),
        punctuality_visiting_parent: form.get("punctuality_visiting_parent").to_owned(),
        incidents: form.get("incidents").to_owned(),
    }
}

pub fn evaluation(form: &Form) -> EvaluationInput {
    EvaluationInput {
        kind: form.opt("kind").unwrap_or_else(|| "interim".into()),
        on: form.opt("on"),
        summary: form.get("summary").to_owned(),
        agreement_reached: form.checked("agreement_reached"),
        next_steps: form.get("next_steps").to_owned(),
    }
}

pub fn escalation(form: &Form) -> EscalationInput {
    EscalationInput {
        to: form.get("to").to_owned(),
        on: form.opt("on"),
        reason: form.get("reason").to_owned(),
    }
}

pub fn end(form: &Form) -> EndInput {
    let (confirm, confirm_reason) = confirmation(form);
    EndInput {
        outcome: form.get("outcome").to_owned(),
        summary: form.get("summary").to_owned(),
        handed_to: form.opt("handed_to"),
        reason: form.opt("reason"),
        to: form.opt("to"),
        confirm,
        confirm_reason,
    }
}

/// One step of the meldcode. The weighing step's five questions are yes/no radio groups
/// (`answers[0]` … `answers[4]`); each one left open is named.
pub fn meldcode(form: &Form, i18n: &I18n) -> Result<MeldcodeInput, Vec<FieldError>> {
    let step = form.get("step").to_owned();
    let mut answers = Vec::new();
    let mut errors = Vec::new();
    if step == "weighing" {
        for i in 0..omgang_domain::case::AFWEGINGSKADER.len() {
            let name = format!("answers[{i}]");
            match yes_no(form, &name) {
                Some(a) => answers.push(a),
                None => errors.push(own_error(i18n, &name, "err-choose")),
            }
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(MeldcodeInput {
        step,
        on: form.opt("on"),
        note: form.get("note").to_owned(),
        answers,
        decision: form.opt("decision"),
        report_to: form.opt("report_to"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_rows_are_skipped_and_errors_name_the_form_row() {
        let form = Form(vec![
            ("children[0].name".into(), "".into()),
            ("children[1].name".into(), "Sam".into()),
            ("children[1].birth_date".into(), "2019-13-01".into()),
            ("people[0].role".into(), "resident_parent".into()),
            ("people[1].name".into(), "Kim".into()),
            ("people[1].role".into(), "non_resident_parent".into()),
        ]);
        let reg = registration(&form);
        assert_eq!(reg.input.children.len(), 1);
        assert_eq!(reg.input.people.len(), 1);
        let errors = remap_rows(
            vec![
                FieldError::new("children[0].birth_date", "x", "x"),
                FieldError::new("people[0].email", "x", "x"),
            ],
            &reg,
        );
        assert_eq!(errors[0].field, "children[1].birth_date");
        assert_eq!(errors[1].field, "people[1].email");
    }
}
