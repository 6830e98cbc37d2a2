use super::*;

#[test]
fn the_five_built_in_programmes_are_valid() {
    let all = built_in().expect("built-in programmes are valid");
    assert_eq!(all.len(), 5);
    let mut ids: Vec<_> = all.iter().map(|p| p.id.clone()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 5, "ids are unique");
}

#[test]
fn supervised_visits_last_two_hours_at_most_in_every_built_in_programme() {
    for p in built_in().expect("valid") {
        if let Some(rule) = p.kind(SessionKind::SupervisedVisit) {
            assert!(rule.max_minutes <= 120, "{}", p.id);
        }
    }
}

fn source(name: &str) -> &'static str {
    BUILT_IN
        .iter()
        .find(|(f, _)| *f == name)
        .map(|(_, s)| *s)
        .expect("exists")
}

#[test]
fn a_syntax_error_names_file_line_and_key() {
    let broken =
        source("ouderschap-blijft.toml").replace("child_age_max = 17", "child_age_max = \"old\"");
    let err = Programme::parse("ob.toml", &broken).expect_err("refused");
    assert_eq!(err.file, "ob.toml");
    assert!(
        err.problems[0].field.starts_with("child_age_max (line"),
        "{err}"
    );
}

#[test]
fn an_unknown_field_is_refused() {
    let broken = format!(
        "{}\nfavourite_colour = \"blue\"\n",
        source("omgangshuis.toml")
    );
    let err = Programme::parse("x.toml", &broken).expect_err("refused");
    assert!(err.to_string().contains("favourite_colour"), "{err}");
}

#[test]
fn semantic_errors_name_field_and_reason() {
    let mut p = Programme::parse("ob", source("ouderschap-blijft.toml")).expect("valid");
    p.eligibility.child_age_min = 15;
    p.eligibility.child_age_max = 12;
    p.session_kinds[0].max_minutes = 0;
    p.phases.push(p.phases[0].clone());
    let fields: Vec<_> = p.problems().into_iter().map(|p| p.field).collect();
    assert!(
        fields.contains(&"eligibility.child_age_min".to_owned()),
        "{fields:?}"
    );
    assert!(
        fields.contains(&"session_kinds[0].max_minutes".to_owned()),
        "{fields:?}"
    );
    assert!(
        fields
            .iter()
            .any(|f| f.starts_with("phases[") && f.ends_with(".id")),
        "{fields:?}"
    );
}

#[test]
fn a_visit_longer_than_two_hours_is_refused_in_a_definition() {
    let mut p = Programme::parse("b", source("begeleide-omgangsregeling.toml")).expect("valid");
    let i = p
        .session_kinds
        .iter()
        .position(|k| k.kind == SessionKind::SupervisedVisit)
        .expect("has visits");
    p.session_kinds[i].max_minutes = 180;
    let problems = p.problems();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].field, format!("session_kinds[{i}].max_minutes"));
}

#[test]
fn escalation_deadline_needs_a_target() {
    let mut p = Programme::parse("ob", source("ouderschap-blijft.toml")).expect("valid");
    p.escalation = None;
    assert!(
        p.problems()
            .iter()
            .any(|f| f.field == "escalation.no_agreement_report_to")
    );
}
