//! The scenarios: each page or API call the benchmark drives, with its rate and client.

use std::sync::Arc;

use anyhow::Result;
use reqwest::{Client, Method};
use serde_json::json;

use super::BenchArgs;
use super::load::Scenario;
use super::server::sign_in;
use super::targets::Targets;

/// Every scenario the data allows, in the order they run (signs in the users they need).
pub(super) async fn scenarios(
    app: &omgang_app::App,
    args: &BenchArgs,
    base: &str,
    t: &Targets,
) -> Result<Vec<Scenario>> {
    let (coordinator, coordinator_token) = sign_in(base, &t.coordinator_email).await?;
    let (supervisor, _) = sign_in(base, &t.supervisor_email).await?;
    let (_, report_token) = sign_in(base, &t.report_supervisor_email).await?;
    let plain = Client::builder().pool_max_idle_per_host(256).build()?;
    let week = app.today().to_string();
    let mut scenarios = vec![
        Scenario {
            name: "health",
            rate: args.rate,
            client: plain.clone(),
            make: {
                let url = format!("{base}/health");
                Arc::new(move |c: &Client, _| c.get(&url))
            },
        },
        Scenario {
            name: "case page",
            rate: args.rate,
            client: coordinator.clone(),
            make: {
                let ids = Arc::new(t.open_case_ids.clone());
                let base = base.to_owned();
                Arc::new(move |c: &Client, i| {
                    c.get(format!("{base}/dossiers/{}", ids[i % ids.len()]))
                })
            },
        },
        Scenario {
            name: "supervisor week agenda",
            rate: args.rate,
            client: supervisor.clone(),
            make: {
                let url = format!("{base}/agenda?week={week}");
                Arc::new(move |c: &Client, _| c.get(&url))
            },
        },
        with_token(
            "organisation signals",
            args.signals_rate,
            &plain,
            format!("{base}/api/v1/signals"),
            coordinator_token.clone(),
        ),
        // The coordinator's Signalen page: all open cases worked out, the first 50 signals
        // shown (and audited as read).
        Scenario {
            name: "signals page",
            rate: args.signals_rate,
            client: coordinator.clone(),
            make: {
                let url = format!("{base}/signalen");
                Arc::new(move |c: &Client, _| c.get(&url))
            },
        },
    ];
    if !t.report_sessions.is_empty() {
        scenarios.push(report_save(args, base, &plain, t, report_token));
    }
    let public = t
        .programme_for_public
        .clone()
        .and_then(|(org, id)| Some((org, app.programme(&id)?)));
    if let Some((org, programme)) = public {
        let today = app.today();
        scenarios.push(Scenario {
            name: "public registration",
            rate: args.write_rate,
            client: plain.clone(),
            make: {
                let url = format!("{base}/api/v1/public/registrations");
                Arc::new(move |c: &Client, i| {
                    c.post(&url)
                        .json(&public_registration(&org, &programme, today, i))
                })
            },
        });
    }
    if !t.search_terms.is_empty() {
        scenarios.push(search(args, base, &plain, t, coordinator_token.clone()));
    }
    // The dashboard of this year: the provider's own (its coordinator) and a funder's (the
    // cases of the ten providers it pays for).
    scenarios.push(with_token(
        "organisation dashboard",
        args.dashboard_rate,
        &plain,
        format!("{base}/api/v1/figures"),
        coordinator_token,
    ));
    if let Some(email) = &t.funder_email {
        let (_, funder_token) = sign_in(base, email).await?;
        scenarios.push(with_token(
            "funder dashboard",
            args.dashboard_rate,
            &plain,
            format!("{base}/api/v1/figures"),
            funder_token,
        ));
    }
    Ok(scenarios)
}

/// GET `url` with an API token.
fn with_token(
    name: &'static str,
    rate: f64,
    client: &Client,
    url: String,
    token: String,
) -> Scenario {
    Scenario {
        name,
        rate,
        client: client.clone(),
        make: Arc::new(move |c: &Client, _| c.get(&url).bearer_auth(&token)),
    }
}

/// A supervisor saves draft reports, each time a new version.
fn report_save(
    args: &BenchArgs,
    base: &str,
    client: &Client,
    t: &Targets,
    token: String,
) -> Scenario {
    Scenario {
        name: "report save",
        rate: args.write_rate,
        client: client.clone(),
        make: {
            let targets = Arc::new(t.report_sessions.clone());
            let base = base.to_owned();
            Arc::new(move |c: &Client, i| {
                let (case, session) = &targets[i % targets.len()];
                c.request(
                    Method::PUT,
                    format!("{base}/api/v1/cases/{case}/sessions/{session}/report"),
                )
                .bearer_auth(&token)
                .json(&json!({
                    "course": format!("Het bezoek verliep rustig (versie {i})."),
                    "child_reactions": "Het kind was blij en speelde.",
                    "interaction": "Warm contact, samen een spel gedaan.",
                    "agreements_kept": "Ja.",
                    "punctuality_resident_parent": "Op tijd.",
                    "punctuality_visiting_parent": "Vijf minuten te laat.",
                    "incidents": "",
                }))
            })
        },
    }
}

/// A coordinator finds families by (part of) a child's name.
fn search(args: &BenchArgs, base: &str, client: &Client, t: &Targets, token: String) -> Scenario {
    Scenario {
        name: "search",
        rate: args.search_rate,
        client: client.clone(),
        make: {
            let terms = Arc::new(t.search_terms.clone());
            let url = format!("{base}/api/v1/search");
            Arc::new(move |c: &Client, i| {
                // The terms are folded: letters and digits only, nothing to escape.
                c.get(format!("{url}?q={}", terms[i % terms.len()]))
                    .bearer_auth(&token)
            })
        },
    }
}

/// A registration as a parent would type it on the public page; every one different, and
/// within the programme's rules (entry route, the child's age).
fn public_registration(
    org: &str,
    programme: &omgang_domain::Programme,
    today: jiff::civil::Date,
    i: usize,
) -> serde_json::Value {
    let route = programme
        .eligibility
        .entry_routes
        .first()
        .map_or_else(|| "voluntary".to_owned(), omgang_store::json_name);
    let age = i16::from(programme.eligibility.child_age_min.max(1)) + 1;
    let birth = jiff::civil::date(today.year() - age, 3, 1 + (i % 28) as i8);
    json!({
        "programme_id": programme.id,
        "organisation_id": org,
        "registered_by": "both_parents",
        "entry_route": route,
        "children": [{ "name": format!("Kind {i}"), "birth_date": birth.to_string() }],
        "people": [
            {
                "name": format!("Ouder A {i}"),
                "role": "resident_parent",
                "email": format!("a{i}@ouder.example"),
                "phone": "06-12345678",
                "address": format!("Geheimstraat {i}, Utrecht"),
                "secret_address": true
            },
            {
                "name": format!("Ouder B {i}"),
                "role": "non_resident_parent",
                "email": format!("b{i}@ouder.example"),
                "phone": "06-87654321",
                "address": format!("Dorpsstraat {i}, Mijdrecht")
            }
        ],
        "safety_concerns": "",
        "request": "Weer contact tussen kind en vader, onder begeleiding."
    })
}
