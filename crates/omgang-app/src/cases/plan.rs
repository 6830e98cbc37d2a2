//! The plan of approach: writing and signing it.

use omgang_domain::case::{Command, SignatureMethod};
use omgang_domain::ids::PersonId;

use crate::input::*;
use crate::policy::{Actor, CaseAction};
use crate::views::CaseView;
use crate::{App, Result};

impl App {
    pub async fn write_plan(&self, actor: &Actor, id: &str, input: &PlanInput) -> Result<CaseView> {
        self.run(actor, id, "write_plan", |_, programme| {
            let template: Vec<String> = programme
                .plan
                .house_rules
                .iter()
                .map(|r| r.nl.clone())
                .collect();
            let content = input.validate(&template)?;
            Ok((CaseAction::WritePlan, Command::WritePlan { content }))
        })
        .await
    }

    pub async fn sign_plan(
        &self,
        actor: &Actor,
        id: &str,
        input: &SignatureInput,
    ) -> Result<CaseView> {
        self.run(actor, id, "sign_plan", |_, _| {
            let mut c = Check::default();
            let parent = c.id("parent_id", &input.parent_id);
            let method: Option<SignatureMethod> = c.choice("method", &input.method);
            let signed_on = input
                .signed_on
                .as_deref()
                .filter(|s| !s.trim().is_empty())
                .and_then(|s| c.date("signed_on", s));
            c.finish()?;
            let method = method.unwrap_or(SignatureMethod::Paper);
            Ok((
                CaseAction::RecordSignature,
                Command::SignPlan {
                    version: input.version,
                    parent: PersonId(parent),
                    method,
                    signed_on,
                },
            ))
        })
        .await
    }
}
