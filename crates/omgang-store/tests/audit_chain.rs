//! The audit hash chain on both engines: intact after many appends (also concurrent ones),
//! and an edited or deleted line is found. Each database is removed afterwards.
// Tests may stop at the first surprise; a long test function is a scenario.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

use omgang_store::{AuditRow, Store};
use omgang_testkit::{Engine, TestDb};

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
    let db = TestDb::create(Engine::Sqlite).await;
    chain_detects_edits(
        db.open().await,
        "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;",
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_audit_chain_detects_edits() {
    let db = TestDb::create(Engine::Postgres).await;
    let store = db.open().await;
    chain_detects_edits(
        store.clone(),
        "DROP TRIGGER audit_log_append_only ON audit_log;",
    )
    .await;
    store.close().await;
}
