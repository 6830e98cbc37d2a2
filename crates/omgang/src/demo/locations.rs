//! The demo's locations and what the weekly planner reads about them and the families.

use anyhow::Result;
use omgang_app::App;
use omgang_domain::CaseStatus;
use omgang_store::{LocationRow, RoomRow};

use super::people::{DemoOrg, Users};

/// De Boei and Het Anker of Kwadraad, Buurthuis De Linde of Humanitas, with their rooms.
pub(super) async fn add_locations(
    app: &App,
    kwadraad: &DemoOrg,
    humanitas: &DemoOrg,
) -> Result<()> {
    for (org, name, address, rooms) in [
        (
            kwadraad,
            "De Boei",
            "Herenweg 1, Vinkeveen",
            vec![
                ("Huiskamer", "homely"),
                ("Speelzaal", "large"),
                ("Spreekkamer", "office"),
            ],
        ),
        (
            kwadraad,
            "Het Anker",
            "Dorpsstraat 8, Mijdrecht",
            vec![("Gezinskamer", "homely")],
        ),
        (
            humanitas,
            "Buurthuis De Linde",
            "Lindelaan 12, Utrecht",
            vec![("Kinderkamer", "homely")],
        ),
    ] {
        app.store
            .insert_location(&LocationRow {
                id: omgang_app::new_id(),
                org_id: org.id.clone(),
                name: name.into(),
                address: address.into(),
                margin_minutes: 15,
                rooms: rooms
                    .into_iter()
                    .map(|(n, t)| RoomRow {
                        id: omgang_app::new_id(),
                        name: n.into(),
                        room_type: t.into(),
                    })
                    .collect(),
            })
            .await?;
    }
    Ok(())
}

/// What the weekly planner reads besides the cases (issue 13): the locations' opening hours
/// and the travel time between them, the children's school hours, the weekly hours of one
/// supervisor, and the time windows some families gave ("woensdagmiddag,
/// zaterdagochtend"); the other families keep the default windows.
pub(super) async fn planner_inputs(app: &App, org_id: &str, users: &Users) -> Result<()> {
    use omgang_store::HoursRow;
    let slot = |owner: &str, weekday: i64, starts: &str, ends: &str| HoursRow {
        owner_id: owner.to_owned(),
        weekday,
        starts: starts.to_owned(),
        ends: ends.to_owned(),
    };
    // De Boei and Het Anker are twenty minutes apart.
    let locations = app.store.locations_of(org_id).await?;
    for l in &locations {
        let others: Vec<(String, i64)> = locations
            .iter()
            .filter(|o| o.id != l.id)
            .map(|o| (o.id.clone(), 20))
            .collect();
        app.store
            .replace_travel_from(org_id, &l.id, &others)
            .await?;
    }
    for l in app.store.locations_of(org_id).await? {
        let mut hours: Vec<HoursRow> = (1..=4).map(|d| slot(&l.id, d, "09:00", "20:00")).collect();
        hours.push(slot(&l.id, 5, "09:00", "18:00"));
        hours.push(slot(&l.id, 6, "09:00", "13:00"));
        app.store
            .replace_location_hours(org_id, &l.id, &hours)
            .await?;
    }
    if let Some(id) = users.get("begeleider2@kwadraad.example") {
        app.store.set_staff_hours(id, Some(16 * 60)).await?;
    }
    let running = app
        .store
        .cases(&omgang_store::CaseFilter {
            org_id: Some(org_id.to_owned()),
            status: Some(CaseStatus::Running.key().into()),
            ..omgang_store::CaseFilter::default()
        })
        .await?;
    for (i, case) in running.iter().enumerate() {
        let id = case.id.as_str();
        // Half the children go to school: a school week, Wednesday afternoons free.
        if i % 2 == 0 {
            let mut school: Vec<HoursRow> = [1, 2, 4, 5]
                .into_iter()
                .map(|d| slot(id, d, "08:30", "15:00"))
                .collect();
            school.push(slot(id, 3, "08:30", "12:30"));
            app.store.replace_school_hours(id, &school).await?;
        }
        let windows = match i % 3 {
            0 => vec![slot(id, 3, "12:30", "18:00"), slot(id, 6, "09:00", "12:30")],
            1 => vec![slot(id, 1, "15:30", "19:00"), slot(id, 4, "15:30", "19:00")],
            _ => continue,
        };
        app.store.replace_case_windows(id, &windows).await?;
    }
    Ok(())
}
