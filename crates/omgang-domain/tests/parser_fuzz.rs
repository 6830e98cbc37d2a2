//! Fuzzing the programme-definition parser: any text, and every built-in definition mutated
//! line by line, gives a programme or a refusal with file, field and reason; never a panic.
#![allow(clippy::unwrap_used)]

use omgang_domain::programme::{BUILT_IN, Programme};
use proptest::prelude::*;

fn check(source: &str) {
    match Programme::parse("fuzz.toml", source) {
        Ok(p) => assert!(p.problems().is_empty()),
        Err(e) => {
            assert_eq!(e.file, "fuzz.toml");
            assert!(!e.problems.is_empty());
            assert!(
                e.problems
                    .iter()
                    .all(|p| !p.field.is_empty() && !p.reason.is_empty()),
                "{e}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_text_is_parsed_or_refused(source in ".{0,400}") {
        check(&source);
    }

    #[test]
    fn mutated_definitions_are_parsed_or_refused(
        file in 0..BUILT_IN.len(),
        line in 0usize..400,
        mutation in 0u8..5,
        text in "[a-z_=\\[\\]\"0-9 .{},-]{0,30}",
    ) {
        let mut lines: Vec<String> = BUILT_IN[file].1.lines().map(str::to_owned).collect();
        let i = line % lines.len();
        match mutation {
            0 => { lines.remove(i); }
            1 => lines[i] = text,
            2 => lines.insert(i, text),
            3 => lines[i] = lines[i].replace(|c: char| c.is_ascii_digit(), "9"),
            _ => lines[i] = lines[i].replace('"', ""),
        }
        check(&lines.join("\n"));
    }
}
