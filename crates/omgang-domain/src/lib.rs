//! The functional core of omgang.
//!
//! Everything in this crate is pure: no IO, no async, no clock. Time comes in through
//! [`case::Ctx`]; identifiers are made by the caller. That keeps every rule testable by
//! plain function calls and property tests.
//!
//! * [`programme`]: programme definitions (data, parsed from TOML) and their validation.
//! * [`case`]: the case aggregate, the commands that change it, the events it records,
//!   `decide` (the rules) and `apply` (the state change).
//! * [`signals`]: what is late or due for a case on a given date.
//! * [`refusal`]: why a command was refused, in Dutch and English.
//! * [`warning`]: what a step goes past ("about eight", the week rhythm, the maximum
//!   duration), confirmed by the user with a reason where asked, never passed silently.
//! * [`schedule`]: the ouderschapsplan's care schedule (base pattern, school and public
//!   holidays, special days) and the time share per parent.

pub mod case;
pub mod figures;
pub mod ids;
pub mod next_step;
pub mod parenting_plan;
pub mod programme;
pub mod refusal;
pub mod schedule;
pub mod signals;
pub mod text;
pub mod vocabulary;
pub mod warning;

pub use case::{Case, CaseEvent, CaseStatus, Command, Ctx, apply, decide};
pub use programme::{Programme, ProgrammeError};
pub use refusal::Refusal;
pub use text::{Lang, Text};
pub use vocabulary::Vocabulary;

#[cfg(test)]
mod vocabulary_tests;
