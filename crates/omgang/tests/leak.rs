//! Leak test: the demo data holds cases with secret addresses. Every user who may not see them
//! signs in and requests every API endpoint, every page and every case it can name; no answer
//! contains a secret address. The other parent of a case with a secret address signs in too
//! (an account made by an accepted invitation) and requests every portal page, API endpoint,
//! calendar feed and e-mail they can reach.
// Tests may stop at the first surprise; a long test function is a scenario.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

use omgang_testkit::server::{free_port, fresh_dir};
use std::process::{Child, Command, Stdio};

const PASSWORD: &str = "omgang-demo-2026";

struct Server {
    child: Child,
    base: String,
    dir: std::path::PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

async fn start_demo() -> Server {
    let dir = fresh_dir("omgang-leak");
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_omgang"))
        .args([
            "--database-url",
            &format!("sqlite://{}/demo.sqlite?mode=rwc", dir.display()),
        ])
        .args(["demo", "--listen", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let server = Server { child, base, dir };
    for _ in 0..300 {
        if reqwest::get(format!("{}/health", server.base))
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return server;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the demo server did not start");
}

async fn sign_in(base: &str, email: &str) -> reqwest::Client {
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let res = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&serde_json::json!({ "email": email, "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success(), "{email} signs in");
    client
}

async fn get(client: &reqwest::Client, url: &str) -> String {
    let res = client.get(url).send().await.unwrap();
    assert_ne!(res.status().as_u16(), 500, "{url}");
    res.text().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_address_reaches_anyone_who_may_not_see_it() {
    let server = start_demo().await;
    let base = &server.base;

    // The lead coordinators may see secret addresses: gather them, and every case id.
    let mut secrets = Vec::new();
    let mut case_ids = Vec::new();
    for coordinator in [
        "coordinator@kwadraad.example",
        "coordinator@humanitas.example",
    ] {
        let client = sign_in(base, coordinator).await;
        let cases: serde_json::Value = serde_json::from_str(
            &get(&client, &format!("{base}/api/v1/cases?include_closed=true")).await,
        )
        .unwrap();
        for case in cases.as_array().unwrap() {
            let id = case["id"].as_str().unwrap().to_owned();
            let view: serde_json::Value =
                serde_json::from_str(&get(&client, &format!("{base}/api/v1/cases/{id}")).await)
                    .unwrap();
            for person in view["people"].as_array().unwrap() {
                if person["secret_address"] == true {
                    let address = person["address"]
                        .as_str()
                        .expect("the lead coordinator sees it")
                        .to_owned();
                    assert!(
                        !address.starts_with("sealed:"),
                        "opened for the lead coordinator"
                    );
                    secrets.push(address);
                }
            }
            case_ids.push(id);
        }
    }
    assert!(
        secrets.len() >= 10,
        "the demo has cases with secret addresses: {}",
        secrets.len()
    );
    assert!(case_ids.len() >= 40);

    let others = [
        "begeleider@kwadraad.example",
        "begeleider2@kwadraad.example",
        "beheer@kwadraad.example",
        "vrijwilliger@humanitas.example",
        "vrijwilliger2@humanitas.example",
        "ons@timon.example",
        "regie@sociaalteam.example",
        "verwijzer@sociaalteam.example",
        "gemeente@derondevenen.example",
        "beheer@sociaalteam.example",
        "beheer@timon.example",
    ];
    let mut requests = 0;
    for email in others {
        let client = sign_in(base, email).await;
        let mut urls: Vec<String> = [
            "/api/v1/me",
            "/api/v1/programmes",
            "/api/v1/organisations",
            "/api/v1/cases?include_closed=true",
            "/api/v1/signals",
            "/api/v1/statistics",
            "/api/v1/users",
            "/api/v1/supervisors",
        ]
        .iter()
        .map(|p| format!("{base}{p}"))
        .collect();
        // The pages too: the staff interface goes through the same application layer.
        for page in [
            "/",
            "/aanmeldingen",
            "/dossiers",
            "/dossiers?status=closed",
            "/agenda",
        ] {
            urls.push(format!("{base}{page}"));
        }
        for id in &case_ids {
            for suffix in ["", "/timeline", "/audit", "/signals"] {
                urls.push(format!("{base}/api/v1/cases/{id}{suffix}"));
            }
            urls.push(format!("{base}/dossiers/{id}"));
            urls.push(format!("{base}/dossiers/{id}/plan/afdrukken"));
        }
        for url in urls {
            let body = get(&client, &url).await;
            requests += 1;
            for secret in &secrets {
                assert!(
                    !body.contains(secret.as_str()),
                    "{email} received a secret address from {url}"
                );
            }
            assert!(
                !body.contains("sealed:v1:"),
                "{email} received a sealed value from {url}"
            );
        }
    }
    // The other parent: the visiting parent of a demo case whose resident parent's address is
    // secret, with an account from an accepted invitation.
    let parent = sign_in(base, "ouder@voorbeeld.example").await;
    let home: serde_json::Value =
        serde_json::from_str(&get(&parent, &format!("{base}/api/v1/portal")).await).unwrap();
    let my_cases = home["cases"].as_array().unwrap().clone();
    assert_eq!(my_cases.len(), 1, "the demo parent has one case: {home}");
    assert_eq!(my_cases[0]["me"]["role"], "non_resident_parent");
    let case = my_cases[0]["case_id"].as_str().unwrap().to_owned();
    let mut urls: Vec<String> = [
        "/api/v1/me",
        "/api/v1/portal",
        "/api/v1/programmes",
        "/api/v1/organisations",
        "/api/v1/cases?include_closed=true",
        "/api/v1/signals",
        "/",
        "/mijn-omgang",
        "/mijn-aanmeldingen",
        "/dossiers",
        "/agenda",
    ]
    .iter()
    .map(|p| format!("{base}{p}"))
    .collect();
    for id in &case_ids {
        for suffix in ["", "/timeline", "/audit", "/signals", "/invitations"] {
            urls.push(format!("{base}/api/v1/cases/{id}{suffix}"));
        }
        urls.push(format!("{base}/api/v1/portal/cases/{id}"));
        urls.push(format!("{base}/dossiers/{id}"));
        urls.push(format!("{base}/mijn-omgang/{id}"));
    }
    for s in my_cases[0]["sessions"].as_array().unwrap() {
        let sid = s["id"].as_str().unwrap();
        urls.push(format!("{base}/mijn-omgang/{case}/afzeggen/{sid}"));
    }
    let feed: serde_json::Value = serde_json::from_str(
        &parent
            .post(format!("{base}/api/v1/calendar-feeds"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap(),
    )
    .unwrap();
    urls.push(format!("{base}{}", feed["path"].as_str().unwrap()));
    let mut found = 0;
    let mut parent_requests = 0;
    for url in &urls {
        let body = get(&parent, url).await;
        parent_requests += 1;
        for secret in &secrets {
            found += body.matches(secret.as_str()).count();
        }
        assert!(
            !body.contains("sealed:v1:"),
            "the parent received a sealed value from {url}"
        );
    }
    // What else of the other parent is not theirs to see: the resident parent's phone and
    // e-mail, and the staff-only notes of the case (the safety concerns), as the lead
    // coordinator holds them.
    let coordinator = sign_in(base, "coordinator@kwadraad.example").await;
    let full: serde_json::Value =
        serde_json::from_str(&get(&coordinator, &format!("{base}/api/v1/cases/{case}")).await)
            .unwrap();
    let mut private: Vec<String> = Vec::new();
    for p in full["people"].as_array().unwrap() {
        if p["role"] != "non_resident_parent" {
            for field in ["phone", "email", "address"] {
                if let Some(v) = p[field].as_str().filter(|v| !v.is_empty()) {
                    private.push(v.to_owned());
                }
            }
        }
    }
    if let Some(notes) = full["safety_concerns"].as_str().filter(|v| !v.is_empty()) {
        private.push(notes.to_owned());
    }
    assert!(
        private.len() >= 2,
        "the other side has contact details: {private:?}"
    );
    // The parent's own access request: through the privacy officer's page (the
    // organisation's administrator) and through the CLI.
    let officer = sign_in(base, "beheer@kwadraad.example").await;
    let res = officer
        .get(format!(
            "{base}/privacy/inzage?inzage=ouder@voorbeeld.example"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    assert!(
        res.headers()[reqwest::header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let page_export = res.text().await.unwrap();
    let export: serde_json::Value = serde_json::from_str(&page_export).unwrap();
    assert_eq!(export["cases"].as_array().unwrap().len(), 1, "{export}");
    assert_eq!(
        export["cases"][0]["case"]["me"]["role"],
        "non_resident_parent"
    );
    assert!(
        !export["cases"][0]["who_looked"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let cli = Command::new(env!("CARGO_BIN_EXE_omgang"))
        .args([
            "--database-url",
            &format!("sqlite://{}/demo.sqlite?mode=rwc", server.dir.display()),
        ])
        .args(["export", "--email", "ouder@voorbeeld.example"])
        .output()
        .unwrap();
    assert!(
        cli.status.success(),
        "{}",
        String::from_utf8_lossy(&cli.stderr)
    );
    let cli_export = String::from_utf8_lossy(&cli.stdout).into_owned();
    assert!(cli_export.contains("\"cases\""), "{cli_export}");
    let mut private_hits = 0;
    for (what, body) in [
        ("the page export", &page_export),
        ("the CLI export", &cli_export),
    ] {
        parent_requests += 1;
        for secret in &secrets {
            found += body.matches(secret.as_str()).count();
        }
        for value in &private {
            let hits = body.matches(value.as_str()).count();
            assert_eq!(hits, 0, "{what} holds {value:?}");
            private_hits += hits;
        }
        assert!(!body.contains("sealed:v1:"), "{what}");
    }
    // Nor did any page, feed or API answer the parent reached.
    for url in &urls {
        let body = get(&parent, url).await;
        for value in &private {
            let hits = body.matches(value.as_str()).count();
            assert_eq!(hits, 0, "{url} holds {value:?}");
            private_hits += hits;
        }
    }
    // The print views: the staff's are not the parent's (refused or sent elsewhere).
    for print in [
        format!("{base}/dossiers/{case}/plan/afdrukken"),
        format!("{base}/dossiers/{case}/verslagen/x/afdrukken"),
    ] {
        let body = get(&parent, &print).await;
        parent_requests += 1;
        for value in private.iter().chain(secrets.iter()) {
            let hits = body.matches(value.as_str()).count();
            assert_eq!(hits, 0, "{print} holds {value:?}");
            private_hits += hits;
        }
    }
    assert_eq!(private_hits, 0);

    // Every PDF the other parent can download (the portal's links and the API's), read back
    // with poppler's pdftotext: no secret address, none of the other side's contact details
    // or staff-only notes. Documents of other cases are refused.
    let mut pdf_urls: Vec<String> = vec![
        format!("{base}/mijn-omgang/{case}/plan.pdf"),
        format!("{base}/api/v1/cases/{case}/documents/plan"),
        format!("{base}/api/v1/cases/{case}/documents/end-report"),
        format!("{base}/dossiers/{case}/eindverslag.pdf"),
        format!("{base}/mijn-omgang/{case}/ouderschapsplan.pdf"),
        format!("{base}/dossiers/{case}/ouderschapsplan.pdf"),
        format!("{base}/api/v1/cases/{case}/documents/parenting-plan"),
    ];
    for p in my_cases[0]["plans"].as_array().unwrap() {
        let v = p["version"].as_u64().unwrap();
        pdf_urls.push(format!("{base}/mijn-omgang/{case}/plan/{v}.pdf"));
        pdf_urls.push(format!("{base}/dossiers/{case}/plan/{v}.pdf"));
        pdf_urls.push(format!("{base}/api/v1/cases/{case}/documents/plan/{v}"));
    }
    for r in my_cases[0]["reports"].as_array().unwrap() {
        let rid = r["id"].as_str().unwrap();
        pdf_urls.push(format!("{base}/mijn-omgang/{case}/verslagen/{rid}.pdf"));
        pdf_urls.push(format!(
            "{base}/api/v1/cases/{case}/documents/reports/{rid}"
        ));
    }
    for id in case_ids.iter().filter(|id| **id != case) {
        pdf_urls.push(format!("{base}/api/v1/cases/{id}/documents/plan"));
        pdf_urls.push(format!("{base}/api/v1/cases/{id}/documents/end-report"));
        pdf_urls.push(format!("{base}/mijn-omgang/{id}/plan.pdf"));
        pdf_urls.push(format!("{base}/mijn-omgang/{id}/ouderschapsplan.pdf"));
    }
    let mut pdfs = 0;
    let mut pdf_hits = 0;
    for url in &pdf_urls {
        let res = parent.get(url).send().await.unwrap();
        let status = res.status().as_u16();
        assert_ne!(status, 500, "{url}");
        let is_pdf = res
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .is_some_and(|v| v == "application/pdf");
        let bytes = res.bytes().await.unwrap();
        parent_requests += 1;
        if !is_pdf {
            assert!(
                !url.contains(&case) || url.contains("end-report") || url.contains("eindverslag"),
                "the parent may download {url}: {status}"
            );
            continue;
        }
        assert!(url.contains(&case), "a document of another case: {url}");
        let path = server.dir.join(format!("doc-{pdfs}.pdf"));
        std::fs::write(&path, &bytes).unwrap();
        let out = Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext (Debian's poppler-utils) runs");
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(text.contains("pagina 1 van"), "{url}: {text}");
        pdfs += 1;
        for secret in &secrets {
            found += text.matches(secret.as_str()).count();
        }
        for value in &private {
            let hits = text.matches(value.as_str()).count();
            assert_eq!(hits, 0, "{url} holds {value:?}");
            pdf_hits += hits;
        }
    }
    assert!(
        pdfs >= 4,
        "the parent downloads the plan (portal, page, API): {pdfs}"
    );
    assert_eq!(pdf_hits, 0);

    // The e-mails to the parent (the invitation, and whatever the case sent them).
    let store = omgang_store::Store::open(&format!(
        "sqlite://{}/demo.sqlite?mode=rwc",
        server.dir.display()
    ))
    .await
    .unwrap();
    let mails: Vec<String> = store
        .outbox()
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.mail.to_address == "ouder@voorbeeld.example")
        .map(|m| format!("{}\n{}", m.mail.subject, m.mail.body))
        .collect();
    assert!(
        !mails.is_empty(),
        "the parent's invitation is in the outbox"
    );
    for mail in &mails {
        for secret in &secrets {
            found += mail.matches(secret.as_str()).count();
        }
    }
    assert_eq!(
        found,
        0,
        "the other parent received a secret address in {parent_requests} requests and {} e-mails",
        mails.len()
    );
    println!(
        "leak test: {requests} requests by {} users, {parent_requests} requests ({pdfs} PDFs read with pdftotext) and {} e-mails of the other parent, {} secret addresses, 0 found",
        others.len(),
        mails.len(),
        secrets.len()
    );
    assert!(requests > 1000);
}
