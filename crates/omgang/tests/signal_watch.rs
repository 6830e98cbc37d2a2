//! The signals projection (`cases.signals_from`) never changes what an organisation's
//! signals say: on generated data, on days before, on and long after the day it was worked
//! out, the signals read through it are the signals read from every open case. Forgotten (a
//! programme's rules changed) it is worked out again by `App::fill_signal_watch`.

#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use jiff::ToSpan;
use omgang_app::crypto::Keyring;
use omgang_app::{Actor, App, Role, Settings};
use omgang_domain::Lang;
use omgang_domain::ids::{OrgId, UserId};
use omgang_store::{CaseFilter, CaseScope, Store};

both_backends!(signals_through_the_projection_are_the_signals_of_every_open_case);

async fn signals_through_the_projection_are_the_signals_of_every_open_case(backend: Backend) {
    let db = TestDb::create(backend).await;
    generate_small(&db.url, 300);
    let store = Store::open(&db.url).await.unwrap();
    let settings = Settings {
        data_keys: Some(Keyring::parse(CLI_DATA_KEYS).unwrap()),
        ..Settings::default()
    };
    let app = App::new(store.clone(), settings).await.unwrap();

    // The organisation with the most open cases, and its coordinator.
    let mut busiest = None;
    for org in store.organisations().await.unwrap() {
        let open = store
            .case_summaries(&CaseFilter {
                scope: Some(CaseScope::Organisation(org.id.clone())),
                open_only: true,
                ..CaseFilter::default()
            })
            .await
            .unwrap()
            .len();
        if busiest.as_ref().is_none_or(|(_, n)| open > *n) {
            busiest = Some((org.id, open));
        }
    }
    let (org, open) = busiest.unwrap();
    assert!(
        open >= 20,
        "the generated organisation has {open} open cases"
    );
    let coordinator = store
        .users_of(&org)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.role == "coordinator")
        .unwrap();
    let actor = Actor {
        user_id: UserId(coordinator.id),
        org_id: OrgId(org.clone()),
        role: Role::Coordinator,
        name: coordinator.name,
        ip: None,
        lang: Lang::Nl,
        system: false,
        directory_version: None,
    };
    let read_on = |day| CaseFilter {
        scope: Some(CaseScope::Organisation(org.clone())),
        open_only: true,
        may_signal_on: Some(day),
        ..CaseFilter::default()
    };

    let today = app.today();
    let days: Vec<_> = [-30, 0, 1, 6, 14, 45, 120, 399, 400, 500]
        .iter()
        .map(|d: &i64| today.checked_add(d.days()).unwrap())
        .collect();
    let mut through_projection = Vec::new();
    let mut quiet_today = 0;
    for day in &days {
        let signals = app.signals(&actor, Some(*day)).await.unwrap();
        through_projection.push(serde_json::to_value(signals).unwrap());
        if *day == today {
            quiet_today = open - store.cases(&read_on(*day)).await.unwrap().len();
        }
    }
    // The projection leaves cases out (else it would be worth nothing) …
    assert!(
        quiet_today > 0,
        "every one of {open} open cases is read today: the projection prunes nothing"
    );
    // … and the day it was worked out on stands behind every case: before it, all are read.
    assert_eq!(
        store.cases(&read_on(days[0])).await.unwrap().len(),
        open,
        "a day before the projection was worked out reads every open case"
    );

    // Forgotten, every open case is read: the same signals.
    for programme in app.all_programmes() {
        store.forget_signal_watch(&programme.id).await.unwrap();
    }
    assert_eq!(store.cases(&read_on(today)).await.unwrap().len(), open);
    for (day, expected) in days.iter().zip(&through_projection) {
        let all = serde_json::to_value(app.signals(&actor, Some(*day)).await.unwrap()).unwrap();
        assert_eq!(
            &all, expected,
            "signals on {day} differ through the projection"
        );
    }

    // Worked out again, the same cases are left out and the same signals shown.
    let filled = app.fill_signal_watch().await.unwrap();
    assert!(
        filled as usize >= open,
        "filled {filled} of {open} open cases"
    );
    assert!(
        store
            .cases_without_signal_watch(10)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        open - store.cases(&read_on(today)).await.unwrap().len(),
        quiet_today
    );
    for (day, expected) in days.iter().zip(&through_projection) {
        let again = serde_json::to_value(app.signals(&actor, Some(*day)).await.unwrap()).unwrap();
        assert_eq!(&again, expected, "signals on {day} after filling differ");
    }
    store.close().await;
}
