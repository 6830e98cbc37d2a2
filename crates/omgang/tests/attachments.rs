//! Files of a case and the organisation's logo, on SQLite and PostgreSQL: a coordinator adds
//! a court order (PDF) and a scan (PNG); the kind is found from the content (a program named
//! `.pdf` is refused, as is a file over 10 MB, each as a 422 on `file` in Dutch and English,
//! with nothing stored); the download gives back the same bytes; supervisors, parents and
//! another organisation never see them; each step is in the audit log; the logo appears in
//! the documents; retention removes the files with the case.

// Tests may stop at the first surprise; a long test function is a scenario.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

mod common;

use common::*;
use omgang_app::{Actor, Role};
use serde_json::Value;

both_backends!(a_case_keeps_its_files_for_its_coordinators_only);

const PDF: &[u8] = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde\0\0\0\x0cIDATx\x9cc\xf8\xcf\xc0\0\0\x03\x01\x01\0\xc9\xfe\x92\xef\0\0\0\0IEND\xaeB`\x82";

fn actor(u: &User, role: Role) -> Actor {
    Actor {
        user_id: omgang_domain::ids::UserId(u.id.clone()),
        org_id: omgang_domain::ids::OrgId(u.org.clone()),
        role,
        name: u.email.clone(),
        ip: None,
        lang: omgang_domain::Lang::Nl,
        system: false,
        directory_version: None,
    }
}

fn multipart(name: &str, content: &[u8], description: &str) -> (String, Vec<u8>) {
    let boundary = "omgangtestboundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"description\"\r\n\r\n{description}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
         Content-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn upload(u: &User, case: &str, name: &str, content: &[u8], description: &str) -> Resp {
    let (content_type, body) = multipart(name, content, description);
    u.post_raw(
        &format!("/api/v1/cases/{case}/attachments"),
        &content_type,
        body,
    )
    .await
}

async fn download(u: &User, path: &str) -> (u16, String, Vec<u8>) {
    let response = u.request(reqwest::Method::GET, path).send().await.unwrap();
    let status = response.status().as_u16();
    let disposition = response
        .headers()
        .get(reqwest::header::CONTENT_DISPOSITION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    (
        status,
        disposition,
        response.bytes().await.unwrap().to_vec(),
    )
}

async fn a_case_keeps_its_files_for_its_coordinators_only(backend: Backend) {
    let t = TestApp::spawn(backend).await;
    let org = t.org("Omgangshuis Noord", "provider").await;
    let other_org = t.org("Omgangshuis Zuid", "provider").await;
    let coord = t.user(&org, "coordinator", "Carla").await;
    let admin = t.user(&org, "administrator", "Bea").await;
    let sup = t.user(&org, "supervisor", "Sven").await;
    let other_coord = t.user(&other_org, "coordinator", "Otto").await;
    let case = coord
        .post(
            "/api/v1/registrations",
            registration("omgangshuis", &org, "voluntary", born_aged(6)),
        )
        .await
        .ok();
    let id = case["id"].as_str().unwrap().to_owned();
    coord
        .post_empty(&format!("/api/v1/cases/{id}/intake/start"))
        .await
        .ok();
    coord
        .post(
            &format!("/api/v1/cases/{id}/supervisor"),
            serde_json::json!({ "user_id": sup.id }),
        )
        .await
        .ok();

    // A court order and a scan.
    let order = upload(
        &coord,
        &id,
        "C:\\stukken\\beschikking.pdf",
        PDF,
        "Beschikking rechtbank",
    )
    .await;
    assert_eq!(order.status, 201, "{}", order.text);
    let order = order.body;
    assert_eq!(order["name"], "beschikking.pdf");
    assert_eq!(order["media_type"], "application/pdf");
    assert_eq!(order["size"], PDF.len());
    assert_eq!(order["description"], "Beschikking rechtbank");
    let scan = upload(&coord, &id, "scan.pdf", PNG, "").await.ok();
    // The kind is the content's, not the name's.
    assert_eq!(scan["media_type"], "image/png");

    // Refused, each on `file`, nothing stored: a program named .pdf, too large, empty.
    let program = upload(&coord, &id, "brief.pdf", b"MZ\x90\0\x03\0\0\0", "").await;
    let error = &program.invalid("file")["errors"][0];
    assert!(
        error["message_nl"]
            .as_str()
            .unwrap()
            .contains("PDF, PNG of JPEG"),
        "{error}"
    );
    assert!(
        error["message_en"]
            .as_str()
            .unwrap()
            .contains("PDF, PNG or JPEG"),
        "{error}"
    );
    let mut big = PDF.to_vec();
    big.resize(10 * 1024 * 1024 + 1, b' ');
    let too_big = upload(&coord, &id, "groot.pdf", &big, "").await;
    let error = &too_big.invalid("file")["errors"][0];
    assert!(
        error["message_nl"].as_str().unwrap().contains("10 MB"),
        "{error}"
    );
    upload(&coord, &id, "leeg.pdf", b"", "")
        .await
        .invalid("file");
    // Not a form at all: a 422, not a 500.
    coord
        .post(
            &format!("/api/v1/cases/{id}/attachments"),
            serde_json::json!({}),
        )
        .await
        .invalid("file");
    let list = coord
        .get(&format!("/api/v1/cases/{id}/attachments"))
        .await
        .ok();
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 2, "{list}");
    assert!(names.contains(&"beschikking.pdf") && names.contains(&"scan.pdf"));

    // The same bytes back, as a download under its own name.
    let file = format!(
        "/api/v1/cases/{id}/attachments/{}",
        order["id"].as_str().unwrap()
    );
    let (status, disposition, bytes) = download(&coord, &file).await;
    assert_eq!(status, 200);
    assert!(disposition.starts_with("attachment;"), "{disposition}");
    assert!(disposition.contains("beschikking.pdf"), "{disposition}");
    assert_eq!(bytes, PDF);

    // Nobody else: the supervisor of the case is refused, another organisation does not
    // even learn that the case exists, nor does a stranger's upload reach it.
    sup.get(&format!("/api/v1/cases/{id}/attachments"))
        .await
        .problem(403);
    assert_eq!(download(&sup, &file).await.0, 403);
    upload(&sup, &id, "x.pdf", PDF, "").await.problem(403);
    other_coord
        .get(&format!("/api/v1/cases/{id}/attachments"))
        .await
        .problem(404);
    assert_eq!(download(&other_coord, &file).await.0, 404);
    other_coord
        .post(
            &format!("/api/v1/cases/{id}/attachments"),
            serde_json::json!({}),
        )
        .await
        .problem(404);

    // Every step is in the case's audit log, refusals too.
    let audit = coord.get(&format!("/api/v1/cases/{id}/audit")).await.ok();
    let actions: Vec<&str> = audit
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|l| l["action"].as_str())
        .collect();
    for action in ["add_attachment", "read_attachments", "download_attachment"] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
    assert!(
        audit
            .as_array()
            .unwrap()
            .iter()
            .any(|l: &Value| l["action"] == "read_attachments" && l["allowed"] == false),
        "the supervisor's refusal is audited"
    );

    // Removing one.
    let scan_path = format!(
        "/api/v1/cases/{id}/attachments/{}",
        scan["id"].as_str().unwrap()
    );
    assert_eq!(coord.delete(&scan_path).await.status, 204);
    assert_eq!(coord.delete(&scan_path).await.status, 404);

    // The logo: only a PNG or JPEG, by the organisation's administrator; then on the
    // letterhead of the case's documents (the PDF grows by the image).
    let before = download(&coord, &format!("/api/v1/cases/{id}/documents/end-report"))
        .await
        .2
        .len();
    t.app
        .set_logo(
            &actor(&admin, Role::Administrator),
            Some(&omgang_app::attachments::Upload {
                name: "logo.pdf".into(),
                description: String::new(),
                content: PDF.to_vec(),
            }),
        )
        .await
        .expect_err("a PDF is no logo");
    t.app
        .set_logo(
            &actor(&sup, Role::Supervisor),
            Some(&omgang_app::attachments::Upload {
                name: "logo.png".into(),
                description: String::new(),
                content: PNG.to_vec(),
            }),
        )
        .await
        .expect_err("a supervisor sets no logo");
    t.app
        .set_logo(
            &actor(&admin, Role::Administrator),
            Some(&omgang_app::attachments::Upload {
                name: "logo.png".into(),
                description: String::new(),
                content: PNG.to_vec(),
            }),
        )
        .await
        .unwrap();
    let (status, _, with_logo) =
        download(&coord, &format!("/api/v1/cases/{id}/documents/end-report")).await;
    assert_eq!(status, 200);
    assert!(with_logo.len() > before, "{} > {before}", with_logo.len());

    // Retention takes the files with the case.
    t.app
        .store
        .anonymise_case(
            &omgang_store::AnonymisedCase {
                id: id.clone(),
                org_id: org.clone(),
                programme_id: "omgangshuis".into(),
                registered_month: "2026-01".into(),
                closed_on: "2026-01-31".into(),
                outcome: String::new(),
            },
            0,
        )
        .await
        .unwrap();
    assert!(t.app.store.attachments_of(&id).await.unwrap().is_empty());
}
