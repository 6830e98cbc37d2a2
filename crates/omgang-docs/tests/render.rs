//! Every document renders in Dutch and English; poppler's `pdftotext` finds the text and
//! `pdfinfo` the metadata (title, author, tagged, the PDF/A and PDF/UA claims).
// Tests may stop at the first surprise; a long test function is a scenario.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::too_many_lines
)]

use omgang_docs::{Document, Lang, Logo, render, sample};

fn tool(name: &str, args: &[&str], pdf: &[u8]) -> String {
    let dir = std::env::temp_dir().join(format!(
        "omgang-docs-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let mut cmd = std::process::Command::new(name);
    cmd.args(args).arg(&path);
    if name == "pdftotext" {
        cmd.arg("-");
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{name} runs (Debian's poppler-utils): {e}"));
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn text(pdf: &[u8]) -> String {
    // One line per line of the page; collapse runs of spaces so the checks read plainly.
    tool("pdftotext", &["-layout", "-enc", "UTF-8"], pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn info(pdf: &[u8]) -> String {
    tool("pdfinfo", &["-meta"], pdf) + &tool("pdfinfo", &[], pdf)
}

#[test]
fn every_document_in_both_languages_has_its_text_and_metadata() {
    for lang in [Lang::Nl, Lang::En] {
        let nl = lang == Lang::Nl;
        let docs = [
            (
                Document::Plan(sample::plan(lang)),
                if nl { "Versie" } else { "Version" },
            ),
            (
                Document::Report(sample::report(lang)),
                if nl { "Aanvullingen" } else { "Amendments" },
            ),
            (
                Document::EndReport(sample::end_report(lang)),
                if nl { "Eindverslag" } else { "End report" },
            ),
            (
                Document::ParentingPlan(sample::parenting_plan(lang)),
                if nl {
                    "c. Kosten van verzorging en opvoeding"
                } else {
                    "c. Costs of care and upbringing"
                },
            ),
        ];
        for (doc, heading) in docs {
            let pdf = render(&doc, None).unwrap();
            assert!(pdf.starts_with(b"%PDF-"));
            let t = text(&pdf);
            assert!(t.contains(heading), "{heading} in {t}");
            // The letterhead, the footer with case number, date made and page numbers.
            assert!(t.contains("Omgangshuis De Brug"), "{t}");
            let footer = if nl {
                "Dossier OH-2026-0042 · gemaakt op 2 maart 2026"
            } else {
                "Case OH-2026-0042 · made on 2 March 2026"
            };
            assert!(t.contains(footer), "{footer} in {t}");
            assert!(
                t.contains(if nl { "pagina 1 van" } else { "page 1 of" }),
                "{t}"
            );
            let i = info(&pdf);
            assert!(i.contains("Tagged:          yes"), "{i}");
            assert!(i.contains("OH-2026-0042"), "title: {i}");
            assert!(i.contains("Author:          Omgangshuis De Brug"), "{i}");
            assert!(
                i.contains("pdfaid:part>2<") || i.contains("pdfaid:part=\"2\""),
                "PDF/A-2: {i}"
            );
            assert!(
                i.contains("pdfuaid:part>1<") || i.contains("pdfuaid:part=\"1\""),
                "PDF/UA-1: {i}"
            );
            assert!(
                i.contains(&format!("<dc:language><rdf:Bag><rdf:li>{}", lang.code()))
                    || i.contains(lang.code()),
                "{i}"
            );
        }
    }
}

#[test]
fn the_plan_shows_every_signature_with_time_and_hash() {
    let pdf = render(&Document::Plan(sample::plan(Lang::Nl)), None).unwrap();
    let t = text(&pdf);
    for s in [
        "Plan van Aanpak — versie 2",
        "Sanne en Daan zien hun vader elke twee weken.",
        "Anna de Vries",
        "1 maart 2026 12:00",
        "in het portaal",
        "Bram Jansen",
        "nog niet ondertekend",
        "9f2c1e0d4b6a8c3e5f7a9b1d3c5e7f9a0b2c4d6e8f0a1b3c5d7e9f1a3b5c7d9e",
        "De ouders ontmoeten elkaar niet",
        "Deze versie is nog niet door alle ouders ondertekend.",
    ] {
        assert!(t.contains(s), "{s:?} in {t}");
    }
}

#[test]
fn user_text_is_text_not_markup() {
    let mut plan = sample::plan(Lang::Nl);
    plan.goals = vec!["#panic(\"x\") *vet* $x^2$ <label> @ref // geen commentaar".into()];
    plan.work_agreements = "] ) } #let x = 1".into();
    let pdf = render(&Document::Plan(plan), None).unwrap();
    let t = text(&pdf);
    assert!(
        t.contains("#panic(\"x\") *vet* $x^2$ <label> @ref // geen commentaar"),
        "{t}"
    );
    assert!(t.contains("] ) } #let x = 1"), "{t}");
}

#[test]
fn a_long_document_numbers_its_pages() {
    let mut report = sample::report(Lang::En);
    report.course = (0..120)
        .map(|i| format!("Paragraph {i} of a long visit report."))
        .collect::<Vec<_>>()
        .join("\n\n");
    let pdf = render(&Document::Report(report), None).unwrap();
    let t = text(&pdf);
    let pages: usize = info(&pdf)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    assert!(pages >= 3, "{pages}");
    assert!(t.contains(&format!("page 1 of {pages}")), "{t}");
    assert!(t.contains(&format!("page {pages} of {pages}")), "{t}");
    assert!(t.contains("Paragraph 119 of a long visit report."));
}

#[test]
fn a_logo_goes_on_the_letterhead() {
    // A 1×1 PNG.
    let png: Vec<u8> = vec![
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90,
        0x77, 0x53, 0xDE, 0x00, 0x00, 0x00, 0x0C, 0x49, 0x44, 0x41, 0x54, 0x08, 0xD7, 0x63, 0xF8,
        0xCF, 0xC0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00, 0x18, 0xDD, 0x8D, 0xB0, 0x00, 0x00, 0x00,
        0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];
    let pdf = render(
        &Document::EndReport(sample::end_report(Lang::Nl)),
        Some(&Logo { bytes: png }),
    )
    .unwrap();
    assert!(text(&pdf).contains("Omgangshuis De Brug"));
    // Not an image: the document still renders, without the logo.
    let pdf = render(
        &Document::EndReport(sample::end_report(Lang::Nl)),
        Some(&Logo {
            bytes: b"not an image".to_vec(),
        }),
    );
    assert!(pdf.is_ok(), "{pdf:?}");
}
