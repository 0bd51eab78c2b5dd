//! README's table of finding codes is the code's own list: every `FindingCode`, in order,
//! with the line its doc comment gives and its source, so the README cannot drift.

use edgeplan::checks::FindingCode;
use strum::VariantArray;

/// The table README.md holds between its markers.
fn table() -> String {
    let mut out = String::from("| code | what it checks | source |\n|---|---|---|\n");
    for code in FindingCode::VARIANTS {
        out.push_str(&format!(
            "| `{code}` | {} | {} |\n",
            code.what(),
            code.source()
        ));
    }
    out
}

#[test]
fn every_finding_code_says_where_its_fact_comes_from() {
    for code in FindingCode::VARIANTS {
        assert!(
            !code.what().is_empty(),
            "{code} says nothing of what it checks"
        );
        assert!(!code.source().is_empty(), "{code} names no source");
    }
}

#[test]
fn the_readme_lists_every_finding_code_with_what_it_checks() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let start =
        "<!-- finding codes: generated from FindingCode, checked by tests/readme_codes.rs -->\n";
    let end = "<!-- end of finding codes -->";
    let at = readme.find(start).expect("the start marker") + start.len();
    let until = readme[at..].find(end).expect("the end marker") + at;
    assert_eq!(
        readme[at..until],
        table(),
        "README.md's table of finding codes is out of date; put this between the markers:\n{}",
        table()
    );
}
