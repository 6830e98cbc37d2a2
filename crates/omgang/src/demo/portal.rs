//! The parents' portal in the demo: two parent accounts and an ouderschapsplan to sign.

use anyhow::{Context, Result};
use omgang_app::{Actor, App};
use omgang_domain::case::{Case, CaseStatus, Person, PersonRole};

use super::{DEMO_PASSWORD, Login, e};

/// Two parent accounts, made the way parents get them: the coordinator invites both parents
/// of a running case with a secret address, and each accepts the e-mailed link.
pub(super) async fn portal_accounts(
    app: &App,
    coord: &Actor,
    logins: &mut Vec<Login>,
) -> Result<()> {
    let filter = omgang_store::CaseFilter {
        org_id: Some(coord.org_id.0.clone()),
        status: Some(CaseStatus::Running.key().into()),
        open_only: true,
        ..omgang_store::CaseFilter::default()
    };
    let cases = app.store.cases(&filter).await?;
    let Some(case) = cases
        .iter()
        .find(|c| c.parents().any(|p| p.secret_address) && c.plan_signed_by_all())
    else {
        return Ok(());
    };
    let org = app.store.organisation(coord.org_id.as_str()).await?.name;
    // The visiting parent is the "other parent" who must never see the secret address.
    for (role, email) in [
        (PersonRole::NonResidentParent, "ouder@voorbeeld.example"),
        (PersonRole::ResidentParent, "ouder2@voorbeeld.example"),
    ] {
        let Some(person) = case.parents().find(|p| p.role == role) else {
            continue;
        };
        invite_and_accept(app, coord, case, person, email).await?;
        logins.push(Login {
            email: email.into(),
            role: "parent".into(),
            name: person.name.clone(),
            organisation: org.clone(),
        });
    }
    parenting_plan(app, coord, case).await
}

/// The coordinator invites `person` at `email`; the parent accepts the e-mailed link and
/// chooses [`DEMO_PASSWORD`].
async fn invite_and_accept(
    app: &App,
    coord: &Actor,
    case: &Case,
    person: &Person,
    email: &str,
) -> Result<()> {
    app.invite_person(
        coord,
        case.id.as_str(),
        &omgang_app::invitations::InviteInput {
            person_id: person.id.0.clone(),
            email: Some(email.into()),
            lang: None,
        },
    )
    .await
    .map_err(e)?;
    let outbox = app.store.outbox().await?;
    let body = outbox
        .iter()
        .rev()
        .find(|m| m.mail.to_address == email)
        .map(|m| m.mail.body.clone())
        .context("the invitation mail")?;
    let token: String = body
        .split("/uitnodiging?token=")
        .nth(1)
        .context("the invitation link")?
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    app.accept_invitation(
        &omgang_app::invitations::AcceptInput {
            token,
            password: DEMO_PASSWORD.into(),
            password_again: None,
        },
        None,
    )
    .await
    .map_err(e)?;
    Ok(())
}

/// An ouderschapsplan for both parents to read and sign: every other weekend and a midweek
/// afternoon with the visiting parent, the holidays shared.
async fn parenting_plan(app: &App, coord: &Actor, case: &Case) -> Result<()> {
    let resident = case
        .parents()
        .find(|p| p.role == PersonRole::ResidentParent);
    let visiting = case
        .parents()
        .find(|p| p.role == PersonRole::NonResidentParent);
    if let (Some(a), Some(b)) = (resident, visiting) {
        let rule =
            |occasion: &str, rule: &str, parent: &str| omgang_app::parenting_plan::OverrideInput {
                occasion: occasion.into(),
                rule: rule.into(),
                parent: parent.into(),
                ..Default::default()
            };
        app.write_parenting_plan(
            coord,
            case.id.as_str(),
            &omgang_app::parenting_plan::ParentingPlanInput {
                parent_a: a.id.0.clone(),
                parent_b: b.id.0.clone(),
                days: ["a", "a", "b", "a", "a", "b", "b", "a", "a", "b", "a", "a", "a", "a"]
                    .map(String::from)
                    .to_vec(),
                handover_time: "18:00".into(),
                handover_place: "school, of bij de voordeur van het omgangshuis".into(),
                region: "midden".into(),
                overrides: vec![
                    rule("school_zomer", "split_halves", "a"),
                    rule("school_kerst", "alternate_years", "b"),
                    rule("mothers_day", "fixed", "a"),
                    rule("fathers_day", "fixed", "b"),
                ],
                care: "Beslissingen over school, zorg en geloof nemen de ouders samen.".into(),
                information: "De ouders mailen elkaar elke eerste zondag van de maand over school en gezondheid; bij iets dringends bellen ze.".into(),
                costs: "Naar draagkracht volgens de berekening van de mediator; de vader betaalt 250 euro per maand.".into(),
                child_involvement: "Het kind heeft met de begeleider over de regeling gepraat; zijn wensen staan in het verslag van het kindgesprek.".into(),
                topics: [(
                    "passport_travel".to_owned(),
                    "Reizen buiten Europa alleen met schriftelijke toestemming van de ander.".to_owned(),
                )]
                .into(),
                ..Default::default()
            },
        )
        .await
        .map_err(e)?;
    }
    Ok(())
}
