//! The figures dashboard: a funder sees the anonymised figures of the cases it pays for (and
//! nothing else, never a name); a provider sees its own; small cells are suppressed; CSV and
//! the page agree.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use serde_json::{Value, json};

both_backends!(funders_see_anonymised_figures_of_what_they_fund);

fn all_year(f: &Value) -> &Value {
    f["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["programme"].is_null() && g["quarter"].is_null())
        .unwrap()
}

fn of(f: &Value, programme: &str) -> Value {
    f["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["programme"] == json!(programme) && g["quarter"].is_null())
        .cloned()
        .unwrap_or(Value::Null)
}

async fn funders_see_anonymised_figures_of_what_they_fund(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let org = t.org("Omgangshuis Noord", "provider").await;
    let other = t.org("Omgangshuis Zuid", "provider").await;
    let gemeente = t.org("Gemeente Noord", "funder").await;
    let coord = t.user(&org, "coordinator", "Carla").await;
    let admin = t.user(&org, "administrator", "Bert").await;
    let other_coord = t.user(&other, "coordinator", "Otto").await;
    let funder = t.user(&gemeente, "funder", "Frits").await;
    for _ in 0..6 {
        coord
            .post(
                "/api/v1/registrations",
                registration("omgangshuis", &org, "voluntary", born_aged(6)),
            )
            .await
            .ok();
    }
    for _ in 0..2 {
        coord
            .post(
                "/api/v1/registrations",
                registration("begeleide-omgangsregeling", &org, "voluntary", born_aged(6)),
            )
            .await
            .ok();
        other_coord
            .post(
                "/api/v1/registrations",
                registration("omgangshuis", &other, "voluntary", born_aged(6)),
            )
            .await
            .ok();
    }
    let year = t.today().year();
    let path = format!("/api/v1/figures?year={year}");
    // Nothing funded yet: the funder's figures are empty.
    let f = funder.get(&path).await.ok();
    assert_eq!(
        all_year(&f)["registrations"],
        json!({"state": "shown", "value": 0})
    );
    // Only an administrator says who funds a programme; a funder must be a funder.
    coord
        .put(
            "/api/v1/programmes/omgangshuis/funders",
            json!({ "funders": [gemeente] }),
        )
        .await
        .problem(403);
    admin
        .put(
            "/api/v1/programmes/omgangshuis/funders",
            json!({ "funders": [other] }),
        )
        .await
        .invalid("funders[0]");
    admin
        .put(
            "/api/v1/programmes/omgangshuis/funders",
            json!({ "funders": [gemeente] }),
        )
        .await
        .ok();
    let f = funder.get(&path).await.ok();
    assert_eq!(f["scope"], "funder");
    assert_eq!(
        all_year(&f)["registrations"],
        json!({"state": "shown", "value": 6})
    );
    assert!(of(&f, "begeleide-omgangsregeling").is_null(), "not funded");
    let text = f.to_string();
    for name in [RESIDENT, VISITING, CHILD, "Omgangshuis Zuid"] {
        assert!(!text.contains(name), "{name} in {text}");
    }
    // The provider sees its own: 8, the two BOR cases suppressed.
    let mine = coord.get(&path).await.ok();
    assert_eq!(mine["scope"], "organisation");
    assert_eq!(
        all_year(&mine)["registrations"],
        json!({"state": "shown", "value": 8})
    );
    assert_eq!(
        of(&mine, "begeleide-omgangsregeling")["registrations"],
        json!({"state": "suppressed"})
    );
    // The CSV says the same, suppressed cells as <5.
    let csv = funder
        .get(&format!("/api/v1/figures/csv?year={year}"))
        .await;
    assert_eq!(csv.status, 200);
    assert!(
        csv.text.starts_with("jaar,kwartaal,traject,aanmeldingen"),
        "{}",
        csv.text
    );
    assert!(
        csv.text.contains(&format!("{year},jaar,alle trajecten,6,")),
        "{}",
        csv.text
    );
    let csv = coord.get(&format!("/api/v1/figures/csv?year={year}")).await;
    assert!(csv.text.contains(",<5,"), "{}", csv.text);
    // Bad input; roles without figures.
    funder
        .get("/api/v1/figures?year=twintig")
        .await
        .invalid("year");
    let sup = t.user(&org, "supervisor", "Sven").await;
    sup.get(&path).await.problem(403);
    // The page: the chart with its table, no names.
    let page = funder.get(&format!("/cijfers?jaar={year}")).await;
    assert_eq!(page.status, 200, "{}", page.text);
    assert!(page.text.contains("<svg class=\"chart\""));
    assert!(page.text.contains("role=\"img\""));
    assert!(page.text.contains("Alle trajecten samen"));
    for name in [RESIDENT, VISITING, CHILD] {
        assert!(!page.text.contains(name));
    }
    let wrong = funder.get("/cijfers?jaar=1800").await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.text.contains("Kies een jaar"));
}
