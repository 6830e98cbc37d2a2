//! The audit hash chain on both engines: intact after many appends (also concurrent ones),
//! and an edited or deleted line is found.
#![allow(clippy::unwrap_used)]

use omgang_store::{AuditRow, Store};

async fn sqlite() -> (Store, String) {
    let path = std::env::temp_dir().join(format!("omgang-audit-{}.sqlite", uuid_like()));
    let url = format!("sqlite://{}?mode=rwc", path.display());
    (
        Store::open(&url).await.expect("sqlite"),
        path.display().to_string(),
    )
}

async fn postgres() -> (Store, String) {
    let base = std::env::var("OMGANG_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let admin = Store::connect(&base)
        .await
        .expect("PostgreSQL on 127.0.0.1:5432 is needed");
    let name = format!("omgang_audit_{}", uuid_like());
    sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(admin.pool())
        .await
        .expect("create db");
    admin.close().await;
    let url = match base.rsplit_once('/') {
        Some((server, _)) => format!("{server}/{name}"),
        None => base.clone(),
    };
    (Store::open(&url).await.expect("open"), name)
}

fn uuid_like() -> String {
    format!(
        "{:x}{:x}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    )
}

fn line(i: usize) -> AuditRow {
    AuditRow {
        id: format!("line-{i}"),
        at: 1_700_000_000_000 + i as i64,
        user_id: Some("u1".into()),
        role: Some("coordinator".into()),
        org_id: Some("o1".into()),
        action: "read".into(),
        case_id: Some("c1".into()),
        detail: format!("view {i}"),
        ip: Some("127.0.0.1".into()),
        allowed: true,
    }
}

async fn chain_detects_edits(store: Store, drop_trigger: &str) {
    let mut tasks = Vec::new();
    for i in 0..40 {
        let s = store.clone();
        tasks.push(tokio::spawn(async move {
            s.append_audit(&line(i)).await.unwrap()
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    let report = store.verify_audit().await.unwrap();
    assert_eq!(report.lines, 40);
    assert_eq!(
        report.first_broken, None,
        "concurrent appends form one intact chain"
    );

    // The database refuses edits; someone with direct access drops the guard and edits line 17.
    let refused = sqlx::query("UPDATE audit_log SET detail = 'x' WHERE seq = 17")
        .execute(store.pool())
        .await;
    assert!(refused.is_err(), "the append-only trigger refuses updates");
    sqlx::raw_sql(sqlx::AssertSqlSafe(drop_trigger.to_owned()))
        .execute(store.pool())
        .await
        .unwrap();
    sqlx::query("UPDATE audit_log SET detail = 'nothing to see' WHERE seq = 17")
        .execute(store.pool())
        .await
        .unwrap();
    let report = store.verify_audit().await.unwrap();
    let (seq, reason) = report.first_broken.expect("the edit is found");
    assert_eq!(seq, 17);
    assert!(reason.contains("changed"), "{reason}");

    // A deleted line breaks the chain too.
    sqlx::query("UPDATE audit_log SET detail = 'view 16' WHERE seq = 17")
        .execute(store.pool())
        .await
        .unwrap();
    sqlx::query("DELETE FROM audit_log WHERE seq = 30")
        .execute(store.pool())
        .await
        .unwrap();
    let report = store.verify_audit().await.unwrap();
    assert!(report.first_broken.is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_audit_chain_detects_edits() {
    let (store, path) = sqlite().await;
    chain_detects_edits(
        store,
        "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;",
    )
    .await;
    let _ = std::fs::remove_file(path);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_audit_chain_detects_edits() {
    let (store, name) = postgres().await;
    chain_detects_edits(
        store.clone(),
        "DROP TRIGGER audit_log_append_only ON audit_log;",
    )
    .await;
    store.close().await;
    let base = std::env::var("OMGANG_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".into());
    let admin = Store::connect(&base).await.unwrap();
    let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .execute(admin.pool())
    .await;
}
