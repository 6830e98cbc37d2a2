//! Finding a family: by part of a name without accents, by case number, by organisation —
//! only among the cases the caller may open, each case shown audited; and the page. Also
//! "Wat is er veranderd" on Mijn werk: the changes in one's own cases since "Alles gezien".

// Tests may stop at the first surprise; a long test function is a scenario.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

mod common;

use common::*;
use jiff::civil::date;
use serde_json::{Value, json};

both_backends!(
    a_family_is_found_by_part_of_a_name_within_the_policy,
    what_changed_since_the_last_visit,
);

fn family(child: &str, mother: &str, father: &str, org: &str) -> Value {
    let mut r = registration("omgangshuis", org, "voluntary", born_aged(6));
    r["children"][0]["name"] = json!(child);
    r["people"][0]["name"] = json!(mother);
    r["people"][1]["name"] = json!(father);
    r
}

fn references(r: &Value) -> Vec<String> {
    r.as_array()
        .unwrap()
        .iter()
        .map(|c| c["reference"].as_str().unwrap().to_owned())
        .collect()
}

async fn a_family_is_found_by_part_of_a_name_within_the_policy(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let org = t.org("Omgangshuis Noord", "provider").await;
    let other_org = t.org("Omgangshuis Zuid", "provider").await;
    let coord = t.user(&org, "coordinator", "Carla").await;
    let other_coord = t.user(&other_org, "coordinator", "Otto").await;
    let sup = t.user(&org, "supervisor", "Sven").await;
    let noor = coord
        .post(
            "/api/v1/registrations",
            family("Noor", "Anna Müller", "Mohamed El Amrani", &org),
        )
        .await
        .ok();
    let noor_ref = noor["reference"].as_str().unwrap().to_owned();
    let sanne = coord
        .post(
            "/api/v1/registrations",
            family("Sanne", "Eva de Vries", "Tom Jansen", &org),
        )
        .await
        .ok();
    let sanne_ref = sanne["reference"].as_str().unwrap().to_owned();
    other_coord
        .post(
            "/api/v1/registrations",
            family("Noortje", "Lisa Muller", "Ali El Amrani", &other_org),
        )
        .await
        .ok();

    let find = |who: &User, q: &str| {
        let who = who.clone();
        let q = q.to_owned();
        async move {
            let url = format!("/api/v1/search?q={}", urlencode(&q));
            who.get(&url).await
        }
    };
    // Accents and capitals do not matter; part of a name is enough; words may be in any order.
    for q in [
        "muller",
        "MÜLLER",
        "el amrani",
        "amrani noor",
        "noor",
        "Müll",
    ] {
        let found = references(&find(&coord, q).await.ok());
        assert_eq!(found, vec![noor_ref.clone()], "{q}");
    }
    assert_eq!(
        references(&find(&coord, "jansen").await.ok()),
        vec![sanne_ref.clone()]
    );
    assert_eq!(
        references(&find(&coord, &sanne_ref).await.ok()),
        vec![sanne_ref.clone()]
    );
    assert!(references(&find(&coord, "nobody").await.ok()).is_empty());
    // The list line names the family.
    let line = find(&coord, "noor").await.ok()[0].clone();
    assert_eq!(line["family"], "Noor (6) · Müller / El Amrani", "{line}");
    // Another organisation's coordinator finds only their own Noortje.
    let theirs = references(&find(&other_coord, "noor").await.ok());
    assert_eq!(theirs.len(), 1);
    assert_ne!(theirs[0], noor_ref);
    // A supervisor finds only the cases they supervise: none yet.
    assert!(references(&find(&sup, "noor").await.ok()).is_empty());
    // Bad input: explained; a parent or funder cannot search.
    find(&coord, "  %_ ").await.invalid("q");
    let funder_org = t.org("Gemeente", "funder").await;
    let funder = t.user(&funder_org, "funder", "Frits").await;
    find(&funder, "noor").await.problem(403);
    // Every case shown is in the audit log; the query itself (a name) is not.
    let lines: Vec<_> = t
        .app
        .store
        .audit_lines(0, 100_000)
        .await
        .unwrap()
        .into_iter()
        .filter(|l| l.row.action == "search")
        .collect();
    assert!(
        lines
            .iter()
            .any(|l| l.row.case_id.as_deref() == noor["id"].as_str())
    );
    assert!(lines.iter().all(|l| !l.row.detail.contains("muller")));
    // The case list sorts and pages as asked, and says how many there are.
    let r = coord
        .get("/api/v1/cases?sort=reference&order=asc&per_page=1&page=2")
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.headers["x-total-count"], "2");
    let page2 = references(&r.ok());
    assert_eq!(
        page2,
        vec![sanne_ref.clone()],
        "the second of two, by reference"
    );
    let r = coord
        .get("/api/v1/cases?sort=reference&order=desc")
        .await
        .ok();
    assert_eq!(references(&r), vec![sanne_ref.clone(), noor_ref.clone()]);
    coord.get("/api/v1/cases?sort=naam").await.invalid("sort");
    coord
        .get("/api/v1/cases?per_page=500")
        .await
        .invalid("per_page");
    let listed = coord.get("/dossiers?sorteer=reference&volgorde=asc").await;
    assert_eq!(listed.status, 200);
    assert!(listed.text.contains("aria-sort=\"ascending\""));
    let (first, second) = (
        listed.text.find(&noor_ref).unwrap(),
        listed.text.find(&sanne_ref).unwrap(),
    );
    assert!(
        first < second,
        "sorted by reference: {noor_ref} {sanne_ref} {}",
        listed.text
    );
    // The page: a search field in the header, the results with the family.
    let page = coord.get("/zoeken?q=el+amrani").await;
    assert_eq!(page.status, 200, "{}", page.text);
    assert!(page.text.contains("role=\"search\""));
    assert!(
        page.text.contains(&noor_ref) && page.text.contains("Noor (6) · Müller &#x2f; El Amrani")
    );
    assert!(!page.text.contains("Noortje"));
    let empty = coord.get("/zoeken?q=%25").await;
    assert_eq!(empty.status, 422);
    assert!(empty.text.contains("Typ een deel van een naam"));
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Issue 15, hand-offs: another coordinator of the organisation sees what happened since
/// their last "Alles gezien" (a registration, the signatures, a cancellation by a parent, a
/// report ready) — never their own steps, never a cancellation by the organisation, never
/// another organisation's cases; "Alles gezien" empties the list and the badge count.
async fn what_changed_since_the_last_visit(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let org = t.org("Omgangshuis Utrecht", "provider").await;
    let coord = t.user(&org, "coordinator", "Anouk de Vries").await;
    let colleague = t.user(&org, "coordinator", "Mila Bakker").await;
    let sup = t.user(&org, "supervisor", "Sanne Jansen").await;
    let other_org = t.org("Ander Huis", "provider").await;
    let outsider = t.user(&other_org, "coordinator", "Ander").await;
    let texts = |changes: &Value| -> Vec<String> {
        changes["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["text"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(
        texts(&colleague.get("/api/v1/changes").await.ok()),
        Vec::<String>::new()
    );
    // The colleague looked on Monday morning; what follows is news to them.
    t.at(day0(), 8, 0);
    assert_eq!(
        colleague.post_empty("/api/v1/changes/seen").await.status,
        204
    );
    t.at(day0(), 9, 0);

    let w = Walk::running(
        &t,
        &coord,
        registration("omgangshuis", &org, "voluntary", born_aged(7)),
    )
    .await;
    let day = date(2026, 3, 10);
    let (_, visit) = w
        .plan_at(&coord, "supervised_visit", day, 14, Some(&sup))
        .await;
    let (_, second) = w
        .plan_at(
            &coord,
            "supervised_visit",
            date(2026, 3, 17),
            14,
            Some(&sup),
        )
        .await;
    let (_, third) = w
        .plan_at(
            &coord,
            "supervised_visit",
            date(2026, 3, 24),
            14,
            Some(&sup),
        )
        .await;
    let view = w.view().await;
    let parent = person(&view, "non_resident_parent");
    // A parent cancels one session; the organisation cancels another.
    for (session, by) in [(&second, parent.as_str()), (&third, "organisation")] {
        coord
            .post(
                &w.path(&format!("sessions/{session}/outcome")),
                json!({ "outcome": "cancelled", "by": by, "reason": "Ziek." }),
            )
            .await
            .ok();
    }
    w.hold(&sup, &visit, day, 14).await;
    let saved = sup
        .put(&w.path(&format!("sessions/{visit}/report")), report_body())
        .await
        .ok();
    let report = session_report(&saved, &visit);
    sup.post_empty(&w.path(&format!("reports/{report}/ready")))
        .await
        .ok();

    let seen = colleague.get("/api/v1/changes").await.ok();
    let listed = texts(&seen);
    assert_eq!(
        listed,
        vec![
            "Verslag klaar voor beoordeling",
            "Een ouder zegde een afspraak af",
            "Handtekening op papier vastgelegd (plan versie 1)",
            "Handtekening op papier vastgelegd (plan versie 1)",
            "Nieuwe aanmelding",
        ],
        "newest first, without the organisation's cancellation: {seen}"
    );
    assert!(
        seen["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["case_reference"] == view["reference"])
    );
    // The coordinator who took those steps is not told about their own; the supervisor's
    // report is news to them.
    assert_eq!(
        texts(&coord.get("/api/v1/changes").await.ok()),
        vec!["Verslag klaar voor beoordeling"]
    );
    // Another organisation sees none of it; the listing is audited per case.
    assert_eq!(
        texts(&outsider.get("/api/v1/changes").await.ok()),
        Vec::<String>::new()
    );
    let audit = coord
        .get(&format!("/api/v1/cases/{}/audit", w.case))
        .await
        .ok();
    assert!(
        audit.to_string().contains("read_changes"),
        "reading the changes is audited: {audit}"
    );

    // "Alles gezien" empties the list (the badge on the pages reads the same count).
    assert_eq!(
        colleague.post_empty("/api/v1/changes/seen").await.status,
        204
    );
    assert_eq!(
        texts(&colleague.get("/api/v1/changes").await.ok()),
        Vec::<String>::new()
    );
}
