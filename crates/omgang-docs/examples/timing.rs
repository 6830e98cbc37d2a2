//! How long one PDF takes: renders the sample plan of approach 100 times (after one warm-up)
//! and prints the median and the spread. Run in release:
//!
//! ```sh
//! cargo run --release -p omgang-docs --example timing
//! cargo run --release -p omgang-docs --example timing -- /tmp/out   # also writes the samples
//! ```

use std::time::Instant;

use omgang_docs::{Document, Lang, render, sample};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    if let Some(dir) = std::env::args().nth(1) {
        std::fs::create_dir_all(&dir)?;
        for lang in [Lang::Nl, Lang::En] {
            for doc in [
                Document::Plan(sample::plan(lang)),
                Document::Report(sample::report(lang)),
                Document::EndReport(sample::end_report(lang)),
                Document::ParentingPlan(sample::parenting_plan(lang)),
            ] {
                let path = format!("{dir}/{}-{}", lang.code(), doc.file_name());
                std::fs::write(&path, render(&doc, None)?)?;
                println!("wrote {path}");
            }
        }
    }
    for (name, doc) in [
        ("plan of approach", Document::Plan(sample::plan(Lang::Nl))),
        ("visit report", Document::Report(sample::report(Lang::Nl))),
        (
            "end report",
            Document::EndReport(sample::end_report(Lang::Nl)),
        ),
        (
            "ouderschapsplan",
            Document::ParentingPlan(sample::parenting_plan(Lang::Nl)),
        ),
    ] {
        let bytes = render(&doc, None)?.len();
        let mut times = Vec::with_capacity(100);
        for i in 0..100 {
            // A different case each time, so that no render reuses the compiler's memo of
            // the one before.
            let mut doc = doc.clone();
            match &mut doc {
                Document::Plan(d) => d.header.case_reference = format!("OH-2026-{i:04}"),
                Document::Report(d) => d.header.case_reference = format!("OH-2026-{i:04}"),
                Document::EndReport(d) => d.header.case_reference = format!("OH-2026-{i:04}"),
                Document::ParentingPlan(d) => d.header.case_reference = format!("OH-2026-{i:04}"),
            }
            let start = Instant::now();
            let pdf = render(&doc, None)?;
            times.push(start.elapsed().as_secs_f64() * 1000.0);
            std::hint::black_box(pdf);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{name}: median {:.1} ms, p10 {:.1} ms, p90 {:.1} ms over 100 renders ({bytes} bytes)",
            times[50], times[10], times[90]
        );
    }
    Ok(())
}
