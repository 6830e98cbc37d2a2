//! The portal, on SQLite and PostgreSQL: a coordinator invites the parents, each accepts the
//! e-mailed one-time link and sets a password, sees the sessions with their own times (the
//! resident parent's drop-off and pick-up around the visit, the visiting parent's arrival and
//! departure), signs the plan (who, version, content hash, when, from which address), cancels
//! a session (late within the house rules' notice period), gets reminders and a calendar
//! feed; and never sees the other parent's secret address or contact details. A referrer
//! follows their registration's status and waiting time.
// Tests may stop at the first surprise; a long test function is a scenario.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

mod common;

use common::*;
use omgang_app::beheer::LocationInput;
use omgang_app::{Actor, Role};
use omgang_domain::ids::{OrgId, UserId};
use serde_json::{Value, json};

both_backends!(
    parents_are_invited_sign_cancel_and_see_only_their_own,
    referrer_follows_a_registration,
    an_ouderschapsplan_is_built_signed_by_both_and_exported,
);

/// The invitation link's secret in the newest mail to `to`.
async fn token_for(t: &TestApp, to: &str) -> String {
    let outbox = t.app.store.outbox().await.unwrap();
    let mail = outbox
        .iter()
        .rev()
        .find(|m| m.mail.to_address == to && m.mail.body.contains("/uitnodiging?token="))
        .unwrap_or_else(|| panic!("an invitation to {to}"));
    assert!(!mail.mail.body.contains(SECRET_ADDRESS));
    let rest = mail.mail.body.split("/uitnodiging?token=").nth(1).unwrap();
    rest.chars().take_while(char::is_ascii_hexdigit).collect()
}

fn cookie_client(t: &TestApp) -> User {
    User {
        client: reqwest::Client::builder()
            .cookie_store(true)
            .no_proxy()
            .build()
            .unwrap(),
        ..t.anonymous()
    }
}

/// Accepts an invitation over the API; the answer's session cookie signs the client in.
async fn accept(t: &TestApp, token: &str) -> User {
    let u = cookie_client(t);
    let me = u
        .post(
            "/api/v1/invitations/accept",
            json!({ "token": token, "password": "een lang genoeg wachtwoord" }),
        )
        .await
        .ok();
    assert_eq!(me["role"], "parent");
    User {
        id: me["user_id"].as_str().unwrap().to_owned(),
        email: me["email"].as_str().unwrap().to_owned(),
        ..u
    }
}

#[track_caller]
fn no_secrets(what: &str, text: &str) {
    for secret in [SECRET_ADDRESS, "anna@ouder.example", "06-12345678"] {
        assert!(!text.contains(secret), "{what} leaks {secret}: {text}");
    }
}

fn session_in<'a>(portal: &'a Value, id: &str) -> &'a Value {
    portal["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == json!(id))
        .unwrap_or_else(|| panic!("session {id} in {portal}"))
}

async fn parents_are_invited_sign_cancel_and_see_only_their_own(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let org = t.org("Omgangshuis Test", "provider").await;
    let coord = t.user(&org, "coordinator", "Carla Coördinator").await;
    let sup = t.user(&org, "supervisor", "Sven Begeleider").await;
    let view = coord
        .post(
            "/api/v1/registrations",
            registration("omgangshuis", &org, "voluntary", born_aged(7)),
        )
        .await
        .ok();
    let case = view["id"].as_str().unwrap().to_owned();
    let w = Walk {
        t: &t,
        coord: &coord,
        case: case.clone(),
    };
    coord.post_empty(&w.path("intake/start")).await.ok();
    coord
        .post(&w.path("intake/complete"), json!({ "eligible": true }))
        .await
        .ok();
    let view = coord
        .post(&w.path("plans"), plan_body(plus_days(day0(), 60)))
        .await
        .ok();
    let resident = person(&view, "resident_parent");
    let visiting = person(&view, "non_resident_parent");

    // Invitations: validated, in Dutch and English, for people of the case only.
    let invitations = format!("/api/v1/cases/{case}/invitations");
    let r = coord
        .post(&invitations, json!({ "person_id": "someone-else" }))
        .await;
    r.invalid("person_id");
    let r = coord
        .post(
            &invitations,
            json!({ "person_id": visiting, "email": "geen-adres" }),
        )
        .await;
    r.invalid("email");
    assert!(!r.en().is_empty());
    let inv = coord
        .post(&invitations, json!({ "person_id": visiting }))
        .await;
    assert_eq!(inv.status, 201, "{}", inv.text);
    assert_eq!(inv.body["status"], "pending");
    assert_eq!(inv.body["email"], "bram@ouder.example");
    // Nobody else may invite or list invitations (the supervisor is not on the case yet:
    // the case is not even revealed).
    sup.post(&invitations, json!({ "person_id": resident }))
        .await
        .problem(404);
    sup.get(&invitations).await.problem(404);
    let token = token_for(&t, "bram@ouder.example").await;
    assert_eq!(token.len(), 64);

    // Accepting: the password rules, the link once.
    let anon = cookie_client(&t);
    let r = anon
        .post(
            "/api/v1/invitations/accept",
            json!({ "token": token, "password": "kort" }),
        )
        .await;
    r.invalid("password");
    let r = anon
        .post(
            "/api/v1/invitations/accept",
            json!({ "token": "0".repeat(64), "password": "een lang genoeg wachtwoord" }),
        )
        .await;
    r.invalid("token");
    let bram = accept(&t, &token).await;
    let r = anon
        .post(
            "/api/v1/invitations/accept",
            json!({ "token": token, "password": "een lang genoeg wachtwoord" }),
        )
        .await;
    r.invalid("token");
    let list = coord.get(&invitations).await.ok();
    assert_eq!(list[0]["status"], "accepted");

    // The other parent too (her address is secret).
    coord
        .post(&invitations, json!({ "person_id": resident, "lang": "en" }))
        .await
        .ok();
    let anna = accept(&t, &token_for(&t, "anna@ouder.example").await).await;

    // Bram's portal: his own details, names of the others, nothing of Anna's contact.
    let home = bram.get("/api/v1/portal").await;
    assert_eq!(home.status, 200, "{}", home.text);
    no_secrets("the portal", &home.text);
    let mine = &home.body["cases"][0];
    assert_eq!(mine["me"]["name"], VISITING);
    assert_eq!(mine["me"]["address"], VISITING_ADDRESS);
    assert_eq!(mine["me"]["email"], "bram@ouder.example");
    assert!(mine["others"].to_string().contains(RESIDENT));
    let case_view = bram.get(&format!("/api/v1/cases/{case}")).await;
    assert_eq!(case_view.status, 200, "{}", case_view.text);
    assert_eq!(case_view.body["scope"], "parent");
    no_secrets("the case view", &case_view.text);
    // Anna's own secret address is not shown to her either (only the lead coordinators).
    let anna_home = anna.get("/api/v1/portal").await.ok();
    assert_eq!(anna_home["cases"][0]["me"]["secret_address"], true);
    assert_eq!(anna_home["cases"][0]["me"]["address"], Value::Null);
    assert!(!anna_home.to_string().contains(SECRET_ADDRESS));
    // Staff steps stay closed.
    bram.post(
        &w.path("plans/signatures"),
        json!({ "version": 1, "parent_id": visiting, "method": "portal" }),
    )
    .await
    .problem(403);
    bram.get(&w.path("timeline")).await.problem(403);
    bram.get(&w.path("signals")).await.problem(403);
    bram.get("/api/v1/portal/cases/no-such-case")
        .await
        .problem(404);

    // Signing: the version read, its content hash; a changed plan is not signed blindly.
    let plan = &mine["plans"][0];
    assert_eq!(plan["may_sign"], true);
    let hash = plan["content_hash"].as_str().unwrap().to_owned();
    let sign = format!("/api/v1/portal/cases/{case}/signature");
    bram.post(&sign, json!({ "version": 1, "content_hash": "anders" }))
        .await
        .invalid("content_hash");
    let signed = bram
        .post(&sign, json!({ "version": 1, "content_hash": hash }))
        .await
        .ok();
    let signature = &signed["plans"][0]["my_signature"];
    assert_eq!(signature["method"], "portal");
    assert_eq!(signature["content_hash"], json!(hash));
    assert_eq!(signature["parent_id"], json!(visiting));
    assert!(signature["signed_at"].as_str().is_some());
    bram.post(&sign, json!({ "version": 1, "content_hash": hash }))
        .await
        .refused("already_signed");
    let audit = coord.get(&w.path("audit")).await.ok();
    let line = audit
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["action"] == "portal_signature")
        .expect("the signature's audit line");
    assert!(line["detail"].as_str().unwrap().contains(&hash));
    assert_eq!(line["ip"], "127.0.0.1");
    // Anna signs too: the case runs.
    let anna_hash =
        anna.get("/api/v1/portal").await.ok()["cases"][0]["plans"][0]["content_hash"].clone();
    anna.post(&sign, json!({ "version": 1, "content_hash": anna_hash }))
        .await
        .ok();
    assert_eq!(w.view().await["status"], "running");

    // Sessions with each parent's own times.
    let visit_day = plus_days(day0(), 3);
    let (_, visit) = w
        .plan_at(&coord, "supervised_visit", visit_day, 10, Some(&sup))
        .await;
    let b = bram.get(&format!("/api/v1/portal/cases/{case}")).await.ok();
    let s = session_in(&b, &visit);
    assert_eq!(s["times_kind"], "arrive_leave");
    assert_eq!(s["my_arrival"], json!(local(visit_day, 10, 0) + ":00"));
    assert_eq!(s["my_departure"], json!(local(visit_day, 11, 0) + ":00"));
    assert_eq!(s["may_cancel"], true);
    assert_eq!(s["cancel_would_be_late"], false);
    let a = anna.get(&format!("/api/v1/portal/cases/{case}")).await.ok();
    let s = session_in(&a, &visit);
    assert_eq!(s["times_kind"], "drop_off_pick_up");
    assert_eq!(s["my_arrival"], json!(local(visit_day, 9, 45) + ":00"));
    assert_eq!(s["my_departure"], json!(local(visit_day, 11, 15) + ":00"));
    // Without a location: only the kind of place.
    assert_eq!(s["place_name"], Value::Null);

    // At a location with two entrances: its name and address, and each parent their own
    // entrance (who brings the child the first, the visiting parent the second) — issue 15.
    let location = t
        .app
        .add_location(
            &Actor {
                user_id: UserId(coord.id.clone()),
                org_id: OrgId(org.clone()),
                role: Role::Coordinator,
                name: "Carla".into(),
                ip: None,
                lang: omgang_domain::Lang::Nl,
                system: false,
                directory_version: None,
            },
            &LocationInput {
                name: "De Boei".into(),
                address: "Herenweg 1, Vinkeveen".into(),
                margin_minutes: 15,
                entrances: "Voordeur\nTuindeur (achterom)".into(),
                travel_minutes: None,
            },
        )
        .await
        .unwrap();
    let at_house = plus_days(day0(), 5);
    let (_, housed) = w
        .plan(
            &coord,
            json!({ "kind": "supervised_visit", "starts_at": local(at_house, 10, 0), "minutes": 60,
                    "supervisor_id": sup.id, "location_id": location.id }),
        )
        .await;
    let b = bram.get(&format!("/api/v1/portal/cases/{case}")).await.ok();
    let s = session_in(&b, &housed);
    assert_eq!(s["place_name"], "De Boei");
    assert_eq!(s["place_address"], "Herenweg 1, Vinkeveen");
    assert_eq!(s["entrance"], "Tuindeur (achterom)");
    let a = anna.get(&format!("/api/v1/portal/cases/{case}")).await.ok();
    assert_eq!(session_in(&a, &housed)["entrance"], "Voordeur");

    // Reminders: once per session and parent, never an address.
    let soon = plus_days(day0(), 1);
    let (_, tomorrow) = w
        .plan_at(&coord, "supervised_visit", soon, 8, Some(&sup))
        .await;
    let before = t.app.store.outbox().await.unwrap().len();
    assert_eq!(t.app.send_reminders().await.unwrap(), 2);
    t.app.send_reminders().await.unwrap();
    let outbox = t.app.store.outbox().await.unwrap();
    assert_eq!(outbox.len(), before + 2, "each reminder is queued once");
    let reminder = outbox
        .iter()
        .find(|m| m.mail.dedupe_key == format!("reminder:{tomorrow}:{resident}"))
        .expect("Anna's reminder");
    assert!(
        reminder.mail.body.contains("07:45"),
        "{}",
        reminder.mail.body
    );
    no_secrets("a reminder", &reminder.mail.body);

    // Cancelling: a reason is required; within the notice period (48 h) it is late.
    let cancel = |s: &str| format!("/api/v1/portal/cases/{case}/sessions/{s}/cancel");
    bram.post(&cancel(&tomorrow), json!({ "reason": " " }))
        .await
        .invalid("reason");
    let after = bram
        .post(&cancel(&tomorrow), json!({ "reason": "Ziek." }))
        .await
        .ok();
    let s = session_in(&after, &tomorrow);
    assert_eq!(s["state"], "cancelled");
    assert_eq!(s["late"], true);
    let after = bram
        .post(&cancel(&visit), json!({ "reason": "Werk." }))
        .await
        .ok();
    assert_eq!(session_in(&after, &visit)["late"], false);
    bram.post(&cancel(&visit), json!({ "reason": "Nog eens." }))
        .await
        .client_error();
    // The other side hears of it, without the reason.
    let outbox = t.app.store.outbox().await.unwrap();
    let told = outbox
        .iter()
        .filter(|m| {
            m.mail.to_address == "anna@ouder.example" && !m.mail.dedupe_key.starts_with("reminder")
        })
        .count();
    assert!(told >= 2, "Anna is told of the cancellations");
    assert!(!outbox.iter().any(|m| m.mail.body.contains("Ziek.")));

    // A parent's calendar feed: their own times, no address.
    let feed = bram.post_empty("/api/v1/calendar-feeds").await.ok();
    let ics = t.anonymous().get(feed["path"].as_str().unwrap()).await;
    assert_eq!(ics.status, 200, "{}", ics.text);
    assert!(ics.text.contains("BEGIN:VEVENT"));
    assert!(ics.text.contains("STATUS:CANCELLED"));
    no_secrets("the feed", &ics.text);
    let feed = anna.post_empty("/api/v1/calendar-feeds").await.ok();
    let ics = t.anonymous().get(feed["path"].as_str().unwrap()).await;
    assert!(ics.text.contains("T094500"), "{}", ics.text);
    assert!(!ics.text.contains("Geheimweg"));

    // The pages: home, case, cancel form; no secret anywhere.
    for page in ["/mijn-omgang".to_owned(), format!("/mijn-omgang/{case}")] {
        let r = bram.get(&page).await;
        assert_eq!(r.status, 200, "{page}: {}", r.text);
        no_secrets(&page, &r.text);
    }
    let r = bram.get("/").await;
    assert!(r.text.contains(VISITING), "the parent lands on Mijn omgang");

    // The daily digest: a count for each coordinator with signals, no case detail.
    t.app.send_signals_digest().await.unwrap();
    for m in t.app.store.outbox().await.unwrap() {
        if m.mail.dedupe_key.starts_with("digest:") {
            assert!(!m.mail.body.contains(RESIDENT) && !m.mail.body.contains(CHILD));
        }
    }
}

async fn referrer_follows_a_registration(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let org = t.org("Omgangshuis Test", "provider").await;
    let team = t.org("Sociaal Team", "municipality").await;
    let coord = t.user(&org, "coordinator", "Carla Coördinator").await;
    let referrer = t.user(&team, "referrer", "Rik Verwijzer").await;
    let view = referrer
        .post(
            "/api/v1/registrations",
            registration("omgangshuis", &org, "referral", born_aged(6)),
        )
        .await
        .ok();
    let case = view["id"].as_str().unwrap().to_owned();
    assert_eq!(view["scope"], "referrer");
    no_secrets("the referrer's view", &view.to_string());
    t.at(plus_days(day0(), 5), 9, 0);
    let list = referrer.get("/api/v1/cases").await.ok();
    let mine = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == json!(case))
        .unwrap();
    assert_eq!(mine["status"], "registered");
    assert_eq!(mine["waiting_days"], 5);
    let page = referrer.get("/mijn-aanmeldingen").await;
    assert_eq!(page.status, 200, "{}", page.text);
    assert!(page.text.contains("wachttijd 5 dagen"), "{}", page.text);
    assert!(page.text.contains("wacht op intake"));
    no_secrets("the referrer's page", &page.text);

    // Intake, then stopped early: the end report (outcome) is there for the referrer.
    coord
        .post_empty(&format!("/api/v1/cases/{case}/intake/start"))
        .await
        .ok();
    let page = referrer.get("/mijn-aanmeldingen").await;
    assert!(page.text.contains("wachttijd 5 dagen"));
    coord
        .post(
            &format!("/api/v1/cases/{case}/intake/complete"),
            json!({ "eligible": false, "reason": "Past niet bij dit traject." }),
        )
        .await
        .ok();
    let page = referrer.get("/mijn-aanmeldingen").await;
    assert_eq!(page.status, 200, "{}", page.text);
    assert!(page.text.contains("Eindverslag"), "{}", page.text);
    assert!(page.text.contains("afgesloten"));

    // Accounts of an organisation are made only by that organisation: a provider's
    // coordinator cannot invite the team's referrers (nor partner staff of a partner), the
    // team's own administrator can.
    coord
        .post(
            "/api/v1/invitations",
            json!({ "email": "nieuw@team.example", "name": "Nina Nieuw", "role": "referrer", "organisation_id": team }),
        )
        .await
        .problem(403);
    let partner_org = t.org("Partner", "partner").await;
    coord
        .post(
            "/api/v1/invitations",
            json!({ "email": "p@partner.example", "name": "P", "role": "partner_staff", "organisation_id": partner_org }),
        )
        .await
        .problem(403);
    let team_admin = t.user(&team, "administrator", "Toos Teambeheer").await;
    let inv = team_admin
        .post(
            "/api/v1/invitations",
            json!({ "email": "nieuw@team.example", "name": "Nina Nieuw", "role": "referrer", "organisation_id": team }),
        )
        .await;
    assert_eq!(inv.status, 201, "{}", inv.text);
    // Within its own organisation the role must still fit it.
    team_admin
        .post(
            "/api/v1/invitations",
            json!({ "email": "x@team.example", "name": "X", "role": "partner_staff", "organisation_id": team }),
        )
        .await
        .invalid("organisation_id");
    // Another organisation's administrator cannot either.
    team_admin
        .post(
            "/api/v1/invitations",
            json!({ "email": "y@partner.example", "name": "Y", "role": "partner_staff", "organisation_id": partner_org }),
        )
        .await
        .problem(403);
    referrer
        .post(
            "/api/v1/invitations",
            json!({ "email": "y@team.example", "name": "Y", "role": "referrer", "organisation_id": team }),
        )
        .await
        .problem(403);
    // Nor by adding a user: only an organisation's own administrator (or the operator).
    coord
        .post(
            "/api/v1/users",
            json!({ "email": "z@team.example", "name": "Z", "role": "referrer", "password": "een lang genoeg wachtwoord", "organisation_id": team }),
        )
        .await
        .problem(403);
    team_admin
        .post(
            "/api/v1/users",
            json!({ "email": "z@partner.example", "name": "Z", "role": "partner_staff", "password": "een lang genoeg wachtwoord", "organisation_id": partner_org }),
        )
        .await
        .problem(403);
    let token = token_for(&t, "nieuw@team.example").await;
    let u = cookie_client(&t);
    let me = u
        .post(
            "/api/v1/invitations/accept",
            json!({ "token": token, "password": "een lang genoeg wachtwoord", "password_again": "iets anders dan dat" }),
        )
        .await;
    me.invalid("password_again");
    let me = u
        .post(
            "/api/v1/invitations/accept",
            json!({ "token": token, "password": "een lang genoeg wachtwoord" }),
        )
        .await
        .ok();
    assert_eq!(me["role"], "referrer");
    assert_eq!(me["organisation_id"], json!(team));
}

/// The ouderschapsplan: the coordinator writes it (every field checked), both parents read
/// and sign it in the portal, each gets the PDF (without the other's secrets) and an
/// iCalendar feed of only their own days; an amendment is a new version, signed again.
async fn an_ouderschapsplan_is_built_signed_by_both_and_exported(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let org = t.org("Omgangshuis Test", "provider").await;
    let coord = t.user(&org, "coordinator", "Carla Coördinator").await;
    let view = coord
        .post(
            "/api/v1/registrations",
            registration("omgangshuis", &org, "voluntary", born_aged(7)),
        )
        .await
        .ok();
    let case = view["id"].as_str().unwrap().to_owned();
    let path = |p: &str| format!("/api/v1/cases/{case}/{p}");
    coord.post_empty(&path("intake/start")).await.ok();
    coord
        .post(&path("intake/complete"), json!({ "eligible": true }))
        .await
        .ok();
    let view = coord
        .post(&path("plans"), plan_body(plus_days(day0(), 60)))
        .await
        .ok();
    let resident = person(&view, "resident_parent");
    let visiting = person(&view, "non_resident_parent");
    // Not before the case runs.
    let plan = json!({
        "parent_a": resident, "parent_b": visiting,
        "days": ["a","a","a","a","a","b","b", "a","a","a","a","b","b","b"],
        "handover_time": "18:00", "handover_place": "school",
        "region": "midden",
        "overrides": [
            { "occasion": "school_zomer", "rule": "split_halves", "parent": "a" },
            { "occasion": "kerst", "rule": "alternate_years", "parent": "b" },
            { "occasion": "mothers_day", "rule": "fixed", "parent": "a" },
            { "occasion": "birthday", "name": "Sam", "month": 5, "day": 4, "rule": "alternate_years", "parent": "a" }
        ],
        "care": "Beslissingen over school nemen de ouders samen.",
        "information": "Elke maand een mail over school en gezondheid.",
        "costs": "Naar draagkracht; de vader betaalt 250 euro per maand.",
        "child_involvement": "Sam heeft met de begeleider over de regeling gepraat.",
        "topics": { "passport_travel": "Reizen buiten Europa alleen met toestemming van de ander." }
    });
    coord
        .post(&path("parenting-plan"), plan.clone())
        .await
        .refused("not_in_this_status");
    for parent in [&resident, &visiting] {
        coord
            .post(
                &path("plans/signatures"),
                json!({ "version": 1, "parent_id": parent, "method": "paper" }),
            )
            .await
            .ok();
    }
    coord.get(&path("parenting-plan")).await.problem(404);

    // Every field checked, named, in Dutch and English.
    let mut bad = plan.clone();
    bad["days"] = json!(["a", "b", "c"]);
    bad["handover_time"] = json!("zes uur");
    bad["region"] = json!("west");
    bad["costs"] = json!("");
    bad["overrides"][3]["day"] = json!(32);
    bad["topics"] = json!({ "huisdieren": "De kat blijft bij de moeder." });
    let r = coord.post(&path("parenting-plan"), bad).await;
    r.invalid("days");
    let mut fields = r.fields();
    fields.sort();
    assert_eq!(
        fields,
        [
            "costs",
            "days",
            "handover_time",
            "overrides[3].occasion",
            "region",
            "topics.huisdieren"
        ],
        "{}",
        r.text
    );
    let mut same_parent = plan.clone();
    same_parent["parent_b"] = json!(resident);
    coord
        .post(&path("parenting-plan"), same_parent)
        .await
        .refused("parenting_plan_parents");
    coord.post(&path("parenting-plan"), plan.clone()).await.ok();

    // The view: a year's nights add up, twelve months of calendar, the rules in words.
    let pp = coord.get(&path("parenting-plan")).await.ok();
    assert_eq!(pp["version"], 1);
    let year = pp["shares"][0]["year"].as_i64().unwrap();
    let days_in_year = if year % 4 == 0 { 366 } else { 365 };
    assert_eq!(
        pp["shares"][0]["nights_a"].as_i64().unwrap()
            + pp["shares"][0]["nights_b"].as_i64().unwrap(),
        days_in_year
    );
    assert_eq!(pp["months"].as_array().unwrap().len(), 12);
    assert!(
        pp["overrides"].to_string().contains("zomervakantie"),
        "{}",
        pp["overrides"]
    );
    assert!(pp["overrides"].to_string().contains("verjaardag van Sam"));
    assert_eq!(pp["signed_by_both"], false);

    // Both parents in the portal: they read it and sign it as themselves.
    let invitations = format!("/api/v1/cases/{case}/invitations");
    coord
        .post(&invitations, json!({ "person_id": visiting }))
        .await
        .ok();
    let bram = accept(&t, &token_for(&t, "bram@ouder.example").await).await;
    coord
        .post(&invitations, json!({ "person_id": resident }))
        .await
        .ok();
    let anna = accept(&t, &token_for(&t, "anna@ouder.example").await).await;
    let read = bram.get(&path("parenting-plan")).await;
    assert_eq!(read.status, 200, "{}", read.text);
    let read_anna = anna.get(&path("parenting-plan")).await;
    assert_eq!(read_anna.status, 200, "{}", read_anna.text);
    no_secrets("the parenting plan", &read.text);
    let hash = read.body["content_hash"].as_str().unwrap().to_owned();
    let sign = format!("/api/v1/portal/cases/{case}/parenting-plan/signature");
    bram.post(
        &sign,
        json!({ "version": 1, "content_hash": "iets anders" }),
    )
    .await
    .invalid("content_hash");
    assert_eq!(
        bram.post(&sign, json!({ "version": 1, "content_hash": hash }))
            .await
            .status,
        204
    );
    bram.post(&sign, json!({ "version": 1, "content_hash": hash }))
        .await
        .refused("already_signed");
    // The coordinator signs nobody in the portal.
    coord
        .post(&sign, json!({ "version": 1, "content_hash": hash }))
        .await
        .client_error();
    assert_eq!(
        anna.post(&sign, json!({ "version": 1, "content_hash": hash }))
            .await
            .status,
        204
    );
    let pp = coord.get(&path("parenting-plan")).await.ok();
    assert_eq!(pp["signed_by_both"], true);
    assert_eq!(pp["signatures"].as_array().unwrap().len(), 2);
    assert!(pp["signatures"].to_string().contains("portal"));

    // The PDF, as each parent gets it: the plan, the law's parts, no secrets.
    let (status, _, pdf) = bram.get_bytes(&path("documents/parenting-plan")).await;
    assert_eq!(status, 200);
    let text = pdf_text(&pdf);
    for expected in [
        "Ouderschapsplan",
        "Naar draagkracht",
        "Elke maand een mail",
        "zomervakantie",
        "Reizen buiten Europa",
        "door beide ouders ondertekend",
    ] {
        assert!(text.contains(expected), "{expected} in {text}");
    }
    no_secrets("the parenting plan's PDF", &text);

    // The feeds: each parent's own days only, never overlapping.
    let feed = format!("/api/v1/portal/cases/{case}/parenting-plan.ics");
    let starts = |ics: &str| -> Vec<String> {
        ics.lines()
            .filter(|l| l.starts_with("DTSTART"))
            .map(str::to_owned)
            .collect()
    };
    let (status, _, bram_ics) = bram.get_bytes(&feed).await;
    assert_eq!(status, 200);
    let (_, _, anna_ics) = anna.get_bytes(&feed).await;
    let (bram_ics, anna_ics) = (
        String::from_utf8(bram_ics).unwrap(),
        String::from_utf8(anna_ics).unwrap(),
    );
    assert!(bram_ics.contains("BEGIN:VEVENT") && anna_ics.contains("BEGIN:VEVENT"));
    let (b, a) = (starts(&bram_ics), starts(&anna_ics));
    assert!(b.len() > 20 && a.len() > 20, "{} and {}", b.len(), a.len());
    assert!(b.iter().all(|s| !a.contains(s)), "a stay in both feeds");
    assert_eq!(coord.get(&feed).await.status, 403);

    // An amendment: version 2, to be signed again.
    let mut amended = plan.clone();
    amended["costs"] = json!("Naar draagkracht; de vader betaalt 275 euro per maand.");
    coord.post(&path("parenting-plan"), amended).await.ok();
    let pp = coord.get(&path("parenting-plan")).await.ok();
    assert_eq!(
        (pp["version"].as_i64(), pp["versions"].as_i64()),
        (Some(2), Some(2))
    );
    assert_eq!(pp["signed_by_both"], false);
    assert!(pp["signatures"].as_array().unwrap().is_empty());
    assert_ne!(pp["content_hash"], json!(hash));
}
