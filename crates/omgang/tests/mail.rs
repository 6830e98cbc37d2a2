//! E-mail over real SMTP (Python's aiosmtpd on loopback): mail caused by a change arrives, a
//! failing server leads to retries and in the end a visible failed state (never a lost
//! message), and two instances on one PostgreSQL database send every message exactly once.
// Tests may stop at the first surprise; a long test function is a scenario.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

use std::process::{Child, Command, Stdio};
use std::sync::Arc;

use omgang_app::input::{
    ChildInput, CompleteIntakeInput, PersonInput, PlanInput, RegistrationInput,
};
use omgang_app::mail::SmtpSettings;
use omgang_app::{Actor, App, Role, Settings};
use omgang_store::{OutboxMail, Store};
use omgang_testkit::people::{add_organisation, add_user};
use omgang_testkit::server::free_port;
use omgang_testkit::{Engine, TestDb, fresh_store, unique};

struct SmtpServer {
    child: Child,
    port: u16,
    maildir: std::path::PathBuf,
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.maildir);
    }
}

async fn smtp_server() -> SmtpServer {
    let port = free_port();
    let maildir = std::env::temp_dir().join(format!("omgang-mail-{}", unique()));
    let mut child = Command::new("python3")
        .args([
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            &format!("127.0.0.1:{port}"),
            "-c",
            "aiosmtpd.handlers.Mailbox",
        ])
        .arg(&maildir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("python3 -m aiosmtpd (pip install aiosmtpd)");
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return SmtpServer {
                child,
                port,
                maildir,
            };
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("aiosmtpd did not start");
}

impl SmtpServer {
    fn settings(&self) -> SmtpSettings {
        SmtpSettings::parse(
            &format!("smtp://127.0.0.1:{}", self.port),
            "omgang@omgang.example",
        )
        .unwrap()
    }

    /// The messages received, as raw text.
    fn received(&self) -> Vec<String> {
        let mut out = Vec::new();
        for sub in ["new", "cur"] {
            if let Ok(entries) = std::fs::read_dir(self.maildir.join(sub)) {
                for e in entries.flatten() {
                    out.push(std::fs::read_to_string(e.path()).unwrap());
                }
            }
        }
        out
    }
}

async fn sqlite_store() -> Store {
    fresh_store(Engine::Sqlite).await
}

async fn coordinator(app: &App) -> Actor {
    let org = add_organisation(app, "Huis", "provider").await;
    let email = format!("co-{}@huis.example", unique());
    add_user(
        app,
        &org,
        &email,
        "Co",
        Role::Coordinator,
        "a long enough password",
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_plan_is_mailed_to_both_parents_without_details() {
    let smtp = smtp_server().await;
    let app = App::new(sqlite_store().await, Settings::default())
        .await
        .unwrap();
    let co = coordinator(&app).await;
    let parent = |name: &str, role: &str, email: &str, secret: bool| PersonInput {
        name: name.into(),
        role: role.into(),
        email: Some(email.into()),
        phone: None,
        address: Some(format!("Geheimstraat 7, {name}")),
        secret_address: secret,
        organisation: None,
        holds_authority: false,
    };
    let registration = RegistrationInput {
        programme_id: "omgangshuis".into(),
        organisation_id: Some(co.org_id.0.clone()),
        registered_by: "both_parents".into(),
        entry_route: "voluntary".into(),
        children: vec![ChildInput {
            name: "Noor".into(),
            birth_date: "2019-05-01".into(),
        }],
        people: vec![
            parent("Moeder", "resident_parent", "moeder@ouder.example", true),
            parent("Vader", "non_resident_parent", "vader@ouder.example", false),
        ],
        safety_concerns: None,
        request: None,
    };
    let case = app.register(&co, &registration).await.unwrap();
    app.start_intake(&co, &case.id).await.unwrap();
    app.complete_intake(
        &co,
        &case.id,
        &CompleteIntakeInput {
            eligible: true,
            notes: String::new(),
            reason: None,
            confirm: Vec::new(),
        },
    )
    .await
    .unwrap();
    app.write_plan(
        &co,
        &case.id,
        &PlanInput {
            goals: vec!["Contact".into()],
            ..PlanInput::default()
        },
    )
    .await
    .unwrap();

    let delivery = app
        .deliver_mail("worker-1", &smtp.settings())
        .await
        .unwrap();
    assert_eq!(delivery.sent, 2);
    let received = smtp.received();
    assert_eq!(received.len(), 2);
    let all = received.join("\n");
    assert!(all.contains("moeder@ouder.example") && all.contains("vader@ouder.example"));
    assert!(all.contains("Nieuw plan om te ondertekenen"));
    assert!(!all.contains("Geheimstraat"), "no address in any mail");
    assert!(
        app.store
            .outbox()
            .await
            .unwrap()
            .iter()
            .all(|m| m.status == "sent")
    );
    // Nothing is sent twice.
    assert_eq!(
        app.deliver_mail("worker-1", &smtp.settings())
            .await
            .unwrap()
            .sent,
        0
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_server_leads_to_retries_and_then_a_visible_failure() {
    let app = App::new(sqlite_store().await, Settings::default())
        .await
        .unwrap();
    let closed = SmtpSettings::parse(
        &format!("smtp://127.0.0.1:{}", free_port()),
        "omgang@omgang.example",
    )
    .unwrap();
    let mail = OutboxMail {
        id: "m1".into(),
        dedupe_key: "test:m1".into(),
        to_address: "ouder@ouder.example".into(),
        subject: "Test".into(),
        body: "Test".into(),
        case_id: None,
    };
    app.store
        .enqueue_mail(&[mail.clone(), mail], app.now().as_millisecond())
        .await
        .unwrap();
    assert_eq!(
        app.store.outbox().await.unwrap().len(),
        1,
        "the same key is queued once"
    );
    let start = app.now();
    app.clock.set(Some(start));
    let mut minutes = 0;
    for (attempt, wait) in omgang_app::mail::BACKOFF_MINUTES.iter().enumerate() {
        let d = app.deliver_mail("w", &closed).await.unwrap();
        assert_eq!(d.retried, 1, "attempt {} is retried", attempt + 1);
        let row = &app.store.outbox().await.unwrap()[0];
        assert_eq!(
            (row.status.as_str(), row.attempts),
            ("queued", attempt as i64 + 1)
        );
        assert!(row.last_error.is_some());
        // Not due again before its backoff has passed.
        assert_eq!(
            app.deliver_mail("w", &closed).await.unwrap(),
            Default::default()
        );
        minutes += wait;
        app.clock
            .set(Some(start + jiff::SignedDuration::from_mins(minutes)));
    }
    let d = app.deliver_mail("w", &closed).await.unwrap();
    assert_eq!(d.failed, 1);
    let row = &app.store.outbox().await.unwrap()[0];
    assert_eq!(
        row.status, "failed",
        "in the end a visible failed state, never a lost message"
    );

    // Once the server is back, new mail goes out.
    let smtp = smtp_server().await;
    let mail = OutboxMail {
        id: "m2".into(),
        dedupe_key: "test:m2".into(),
        to_address: "ouder@ouder.example".into(),
        subject: "Weer".into(),
        body: "Weer".into(),
        case_id: None,
    };
    app.store
        .enqueue_mail(&[mail], app.now().as_millisecond())
        .await
        .unwrap();
    assert_eq!(
        app.deliver_mail("w", &smtp.settings()).await.unwrap().sent,
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_postgres_send_every_message_once() {
    let smtp = smtp_server().await;
    let db = TestDb::create(Engine::Postgres).await;
    let url = db.url.clone();
    let keys = omgang_app::crypto::Keyring::ephemeral();
    let settings = || Settings {
        data_keys: Some(keys.clone()),
        ..Settings::default()
    };
    let one: Arc<App> = App::new(Store::open(&url).await.unwrap(), settings())
        .await
        .unwrap();
    let two: Arc<App> = App::new(Store::open(&url).await.unwrap(), settings())
        .await
        .unwrap();
    let mails: Vec<OutboxMail> = (0..60)
        .map(|i| OutboxMail {
            id: format!("m{i}"),
            dedupe_key: format!("load:{i}"),
            to_address: format!("ouder{i}@ouder.example"),
            subject: format!("Bericht {i}"),
            body: "Hallo".into(),
            case_id: None,
        })
        .collect();
    one.store
        .enqueue_mail(&mails, one.now().as_millisecond())
        .await
        .unwrap();
    let (a, b) = (one.clone(), two.clone());
    let s1 = smtp.settings();
    let s2 = smtp.settings();
    let first = tokio::spawn(async move {
        let mut sent = 0;
        for _ in 0..5 {
            sent += a.deliver_mail("instance-1", &s1).await.unwrap().sent;
        }
        sent
    });
    let second = tokio::spawn(async move {
        let mut sent = 0;
        for _ in 0..5 {
            sent += b.deliver_mail("instance-2", &s2).await.unwrap().sent;
        }
        sent
    });
    let (n1, n2) = (first.await.unwrap(), second.await.unwrap());
    assert_eq!(n1 + n2, 60, "every message sent once ({n1} + {n2})");
    let received = smtp.received();
    assert_eq!(
        received.len(),
        60,
        "the SMTP server received each message once"
    );
    for i in 0..60 {
        assert_eq!(
            received
                .iter()
                .filter(|m| m.contains(&format!("Subject: Bericht {i}\n"))
                    || m.contains(&format!("Subject: Bericht {i}\r\n")))
                .count(),
            1
        );
    }
    one.store.close().await;
    two.store.close().await;
    // The database goes with `db`.
}
