//! An organisation's directory held in memory follows every change to its staff, locations and
//! rooms, also one made by another instance on the same database: the version moves with each
//! change, in the same transaction, and a directory asked at the new version is read again.
// Tests may stop at the first surprise; a long test function is a scenario.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

use omgang_store::{LocationRow, OrganisationRow, RoomRow, Store, UserRow};
use omgang_testkit::{Engine, TestDb, both_engines};

fn user(id: &str, org: &str, name: &str) -> UserRow {
    UserRow {
        id: id.into(),
        org_id: org.into(),
        email: format!("{id}@example.org"),
        name: name.into(),
        role: "supervisor".into(),
        password_hash: "x".into(),
        is_volunteer: false,
        vog_issued_on: None,
        training_completed_on: None,
        active: true,
        lang: "nl".into(),
        created_at: 1,
    }
}

async fn organisation(store: &Store, id: &str) {
    store
        .insert_organisation(&OrganisationRow {
            id: id.into(),
            name: id.into(),
            kind: "provider".into(),
            created_at: 1,
        })
        .await
        .unwrap();
}

async fn directory_follows_every_change(engine: Engine) {
    let db = TestDb::create(engine).await;
    let here = db.open().await;
    let there = db.open().await; // another instance on the same database
    organisation(&here, "org-a").await;
    organisation(&here, "org-b").await;

    let v0 = here.directory_version("org-a").await.unwrap();
    let d0 = here.directory("org-a", v0).await.unwrap();
    assert!(d0.users.is_empty() && d0.locations.is_empty());

    // A user added by the other instance: the version moves, the directory at it has them.
    there
        .insert_user(&user("u1", "org-a", "Anna"))
        .await
        .unwrap();
    let v1 = here.directory_version("org-a").await.unwrap();
    assert!(v1 > v0, "adding a user moves the version");
    assert_eq!(here.directory("org-a", v1).await.unwrap().users.len(), 1);
    // The old version is not served from memory any more once the new one is held.
    assert_eq!(
        here.directory("org-a", v1).await.unwrap().users[0].name,
        "Anna"
    );

    // A change of name, made elsewhere.
    let mut renamed = user("u1", "org-a", "Anna de Vries");
    renamed.role = "volunteer".into();
    there.update_user(&renamed).await.unwrap();
    let v2 = here.directory_version("org-a").await.unwrap();
    assert!(v2 > v1, "changing a user moves the version");
    let d2 = here.directory("org-a", v2).await.unwrap();
    assert_eq!(d2.users[0].name, "Anna de Vries");
    assert_eq!(d2.users[0].role, "volunteer");

    // A location, then a room in it, then the location changed.
    there
        .insert_location(&LocationRow {
            id: "loc-1".into(),
            org_id: "org-a".into(),
            name: "Omgangshuis Noord".into(),
            address: "Straat 1".into(),
            margin_minutes: 15,
            rooms: Vec::new(),
        })
        .await
        .unwrap();
    let v3 = here.directory_version("org-a").await.unwrap();
    assert!(v3 > v2, "adding a location moves the version");
    assert_eq!(
        here.directory("org-a", v3).await.unwrap().locations.len(),
        1
    );
    there
        .insert_room(
            "org-a",
            "loc-1",
            &RoomRow {
                id: "room-1".into(),
                name: "Speelkamer".into(),
                room_type: "homely".into(),
            },
        )
        .await
        .unwrap();
    let v4 = here.directory_version("org-a").await.unwrap();
    assert!(v4 > v3, "adding a room moves the version");
    let d4 = here.directory("org-a", v4).await.unwrap();
    assert_eq!(d4.locations[0].rooms.len(), 1);
    assert_eq!(d4.locations[0].rooms[0].name, "Speelkamer");
    there
        .update_location(
            "org-a",
            "loc-1",
            "Omgangshuis Zuid",
            "Straat 2",
            20,
            "Achterdeur",
        )
        .await
        .unwrap();
    let v5 = here.directory_version("org-a").await.unwrap();
    assert!(v5 > v4, "changing a location moves the version");
    let d5 = here.directory("org-a", v5).await.unwrap();
    assert_eq!(d5.locations[0].name, "Omgangshuis Zuid");
    assert_eq!(
        d5.entrances,
        vec![("loc-1".to_owned(), "Achterdeur".to_owned())]
    );

    // Another organisation's change leaves this one's version alone.
    there
        .insert_user(&user("u2", "org-b", "Bram"))
        .await
        .unwrap();
    assert_eq!(here.directory_version("org-a").await.unwrap(), v5);
    assert!(here.directory("org-a", v5).await.unwrap().users.len() == 1);

    // Asked at the version it holds, the directory comes from memory (the same value), even
    // after the rows changed under it without a version (which the triggers never allow: this
    // only shows that memory served it).
    let held = here.directory("org-a", v5).await.unwrap();
    let again = here.directory("org-a", v5).await.unwrap();
    assert!(std::sync::Arc::ptr_eq(&held, &again));

    here.close().await;
    there.close().await;
}

both_engines!(directory_follows_every_change);
