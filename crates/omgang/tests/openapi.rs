//! The OpenAPI document describes the API the server really serves, and the health and
//! readiness endpoints answer.

// Tests may stop at the first surprise; a long test function is a scenario.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

mod common;

use std::collections::BTreeSet;

use common::*;

both_backends!(openapi_document_covers_every_route, health_and_ready,);

/// Every `/api/v1` operation the router registers (method, path).
const OPERATIONS: &[(&str, &str)] = &[
    ("post", "/api/v1/auth/login"),
    ("post", "/api/v1/auth/logout"),
    ("post", "/api/v1/auth/logout-everywhere"),
    ("get", "/api/v1/me"),
    ("post", "/api/v1/tokens"),
    ("delete", "/api/v1/tokens/{id}"),
    ("get", "/api/v1/programmes"),
    ("post", "/api/v1/programmes"),
    ("post", "/api/v1/programmes/check"),
    ("get", "/api/v1/organisations"),
    ("get", "/api/v1/users"),
    ("post", "/api/v1/users"),
    ("get", "/api/v1/supervisors"),
    ("get", "/api/v1/statistics"),
    ("post", "/api/v1/registrations"),
    ("get", "/api/v1/public/programmes"),
    ("post", "/api/v1/public/registrations"),
    ("get", "/api/v1/cases"),
    ("get", "/api/v1/cases/{id}"),
    ("get", "/api/v1/cases/{id}/timeline"),
    ("get", "/api/v1/cases/{id}/audit"),
    ("get", "/api/v1/cases/{id}/signals"),
    ("get", "/api/v1/signals"),
    ("post", "/api/v1/cases/{id}/intake/start"),
    ("post", "/api/v1/cases/{id}/intake/complete"),
    ("post", "/api/v1/cases/{id}/supervisor"),
    ("post", "/api/v1/cases/{id}/coordinator"),
    ("post", "/api/v1/cases/{id}/partner"),
    ("post", "/api/v1/cases/{id}/case-director"),
    ("post", "/api/v1/cases/{id}/plans"),
    ("post", "/api/v1/cases/{id}/plans/signatures"),
    ("post", "/api/v1/cases/{id}/sessions"),
    ("post", "/api/v1/cases/{id}/sessions/{session}/outcome"),
    ("put", "/api/v1/cases/{id}/sessions/{session}/report"),
    ("post", "/api/v1/cases/{id}/consents"),
    ("post", "/api/v1/cases/{id}/phase/advance"),
    ("post", "/api/v1/cases/{id}/reports/{report}/approve"),
    ("post", "/api/v1/cases/{id}/reports/{report}/return"),
    ("post", "/api/v1/cases/{id}/reports/{report}/release"),
    ("post", "/api/v1/cases/{id}/reports/{report}/amendments"),
    ("post", "/api/v1/cases/{id}/evaluations"),
    ("post", "/api/v1/cases/{id}/escalations"),
    ("post", "/api/v1/cases/{id}/end"),
    ("post", "/api/v1/cases/{id}/follow-up/close"),
];

/// The paths given to `.route("...")` anywhere in the workspace's sources: routes that
/// bypass the OpenAPI router.
fn plain_routes() -> BTreeSet<String> {
    let crates = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    let mut out = BTreeSet::new();
    let mut dirs = vec![std::path::PathBuf::from(crates)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir)
            .expect("readable directory")
            .flatten()
        {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() && name != "target" && name != "tests" && !name.starts_with('.') {
                dirs.push(path);
            } else if name.ends_with(".rs") {
                let source = std::fs::read_to_string(&path).unwrap_or_default();
                for (i, _) in source.match_indices(".route(") {
                    let rest = &source[i + ".route(".len()..];
                    let Some(open) = rest.find('"') else { continue };
                    if !rest[..open].trim().is_empty() {
                        continue;
                    }
                    let lit = &rest[open + 1..];
                    if let Some(close) = lit.find('"') {
                        out.insert(lit[..close].to_owned());
                    }
                }
            }
        }
    }
    out
}

async fn openapi_document_covers_every_route(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let anon = t.anonymous();
    let r = anon.get("/api/v1/openapi.json").await;
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(
        r.content_type.starts_with("application/json"),
        "{}",
        r.content_type
    );
    let doc = r.body;
    let version = doc["openapi"].as_str().expect("openapi version");
    assert!(version.starts_with("3.1."), "OpenAPI {version}");
    assert!(doc["info"]["title"].as_str().is_some_and(|s| !s.is_empty()));
    let paths = doc["paths"].as_object().expect("paths");
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    for schema in ["Problem", "CaseView", "RegistrationInput", "SessionInput"] {
        assert!(schemas.contains_key(schema), "no schema {schema}");
    }
    assert!(
        doc["components"]["securitySchemes"]["token"]["scheme"] == "bearer",
        "{}",
        doc["components"]["securitySchemes"]
    );

    // Every operation the router serves is in the document.
    for (method, path) in OPERATIONS {
        assert!(
            paths.get(*path).and_then(|p| p.get(*method)).is_some(),
            "{} {path} is served but not in the OpenAPI document",
            method.to_uppercase()
        );
    }
    // Routes added outside the OpenAPI router: only the document itself may be one.
    let plain = plain_routes();
    assert!(
        plain.contains("/api/v1/openapi.json"),
        "the source scan found {plain:?}"
    );
    for route in plain {
        if route.starts_with("/api/v1") && route != "/api/v1/openapi.json" {
            assert!(
                paths.contains_key(&route),
                "{route} is routed outside the OpenAPI router and missing from the document"
            );
        }
    }

    // Every operation in the document is served: without credentials it answers (401, 422,
    // 200, 204), never with the fallback's 404 or 405.
    let id = uuid::Uuid::new_v4().to_string();
    let mut operations = 0;
    for (path, item) in paths {
        let concrete = path
            .replace("{id}", &id)
            .replace("{session}", &id)
            .replace("{report}", &id);
        for (method, operation) in item.as_object().expect("path item") {
            let Ok(m) = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()) else {
                continue;
            };
            if !matches!(method.as_str(), "get" | "post" | "put" | "delete" | "patch") {
                continue;
            }
            operations += 1;
            assert!(
                operation["responses"]
                    .as_object()
                    .is_some_and(|r| !r.is_empty()),
                "{method} {path} documents no responses"
            );
            let mut rb = anon.request(m.clone(), &concrete);
            if operation.get("requestBody").is_some() {
                rb = rb.json(&json!({}));
            }
            let r = anon.send(rb).await;
            // The calendar feed is public: an unknown secret is simply not found.
            let not_found_is_an_answer =
                path == "/calendar/{file}" && r.text.contains("\"not_found\"");
            assert!(
                (r.status != 404 || not_found_is_an_answer) && r.status != 405 && r.status < 500,
                "{m} {concrete} (documented as {path}) answered {}: {}",
                r.status,
                r.text
            );
            if path.starts_with("/api/v1/") && r.status >= 400 {
                r.client_error();
            }
        }
    }
    assert!(
        operations >= OPERATIONS.len() + 2,
        "{operations} operations documented"
    );
    // And what is not served answers 404 as a problem document.
    anon.get("/api/v1/no-such-thing").await.problem(404);
}

async fn health_and_ready(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let anon = t.anonymous();
    let health = anon.get("/health").await;
    assert_eq!(health.status, 200, "{}", health.text);
    assert_eq!(health.body["status"], "ok");
    let ready = anon.get("/ready").await;
    assert_eq!(ready.status, 200, "{}", ready.text);
    assert_eq!(ready.body["status"], "ready");
    // Security headers on every answer.
    for r in [&health, &ready] {
        assert_eq!(
            r.headers
                .get("x-content-type-options")
                .and_then(|v| v.to_str().ok()),
            Some("nosniff")
        );
        assert_eq!(
            r.headers.get("cache-control").and_then(|v| v.to_str().ok()),
            Some("no-store")
        );
    }
    // Readiness follows the database.
    t.app.store.close().await;
    let ready = anon.get("/ready").await;
    assert_eq!(ready.status, 503, "{}", ready.text);
    let health = anon.get("/health").await;
    assert_eq!(health.status, 200, "{}", health.text);
}
