//! `VACUUM INTO` makes a consistent copy while writes go on, and the copy loses nothing that
//! was committed before it began.
#![allow(clippy::unwrap_used)]

use omgang_store::{OrganisationRow, Store, Table};

fn temp(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!(
        "omgang-{name}-{}-{}.sqlite",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ))
}

fn org(i: usize) -> OrganisationRow {
    OrganisationRow {
        id: format!("org-{i}"),
        name: format!("Organisatie {i}"),
        kind: "provider".into(),
        created_at: i as i64,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_online_backup_is_consistent_and_complete() {
    let path = temp("live");
    let store = Store::open(&format!("sqlite://{}?mode=rwc", path.display()))
        .await
        .unwrap();
    for i in 0..200 {
        store.insert_organisation(&org(i)).await.unwrap();
    }
    // Writes keep coming while the backup runs.
    let writer = {
        let store = store.clone();
        tokio::spawn(async move {
            for i in 200..400 {
                store.insert_organisation(&org(i)).await.unwrap();
            }
        })
    };
    let backup = temp("backup");
    store.backup_to(&backup).await.unwrap();
    writer.await.unwrap();

    let copy = Store::connect(&format!("sqlite://{}?mode=ro", backup.display()))
        .await
        .unwrap();
    assert_eq!(copy.integrity_check().await.unwrap(), "ok");
    let n = copy.count(Table::Organisations).await.unwrap();
    assert!(
        (200..=400).contains(&n),
        "the copy holds everything committed before it began: {n}"
    );
    let names: Vec<String> = copy
        .organisations()
        .await
        .unwrap()
        .into_iter()
        .map(|o| o.id)
        .collect();
    for i in 0..200 {
        assert!(names.contains(&format!("org-{i}")));
    }
    // A second backup to the same file is refused rather than overwriting it.
    assert!(store.backup_to(&backup).await.is_err());
    for p in [path, backup] {
        let _ = std::fs::remove_file(&p);
    }
}
