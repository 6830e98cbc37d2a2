//! Organisations and users, added through the application layer as the system actor (as the
//! command line does).

use omgang_app::admin::{OrganisationInput, UserInput};
use omgang_app::{Actor, App, Role, system_actor};

/// Adds an organisation of `kind` (`provider`, `municipality`, `partner`, …); returns its id.
pub async fn add_organisation(app: &App, name: &str, kind: &str) -> String {
    app.add_organisation(
        &system_actor(),
        &OrganisationInput {
            name: name.into(),
            kind: kind.into(),
        },
    )
    .await
    .unwrap()
    .id
}

/// The input for a user of `org` with a role and a password, no certificates, no language.
pub fn user_input(org: &str, email: &str, name: &str, role: &str, password: &str) -> UserInput {
    UserInput {
        email: email.into(),
        name: name.into(),
        role: role.into(),
        password: password.into(),
        organisation_id: Some(org.into()),
        vog_issued_on: None,
        training_completed_on: None,
        lang: None,
    }
}

/// Adds the user of `input` (which must be accepted) and returns them as an actor: in their
/// organisation with their role, Dutch, no IP address.
pub async fn add_user_as(app: &App, input: &UserInput) -> Actor {
    let view = app.add_user(&system_actor(), input).await.unwrap();
    let role = Role::parse(&input.role).unwrap_or_else(|| panic!("role {}", input.role));
    Actor {
        user_id: omgang_domain::ids::UserId(view.id),
        org_id: omgang_domain::ids::OrgId(input.organisation_id.clone().unwrap_or_default()),
        role,
        name: input.name.clone(),
        ip: None,
        lang: omgang_domain::Lang::Nl,
        system: false,
        directory_version: None,
    }
}

/// Adds a user of `org` with `role` and `password` (see [`add_user_as`]).
pub async fn add_user(
    app: &App,
    org: &str,
    email: &str,
    name: &str,
    role: Role,
    password: &str,
) -> Actor {
    add_user_as(app, &user_input(org, email, name, role.as_str(), password)).await
}
