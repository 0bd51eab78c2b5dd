//! Shared helpers for the check tests: blocks from text, a Terway plan, and assertions on
//! the one finding with a code.
#![allow(dead_code)] // each test file uses a different part

use edgeplan::catalog::Catalog;
use edgeplan::checks::{Report, Severity, check};
use edgeplan::hop::Hop;
use edgeplan::plan::{Cni, Plan};

/// A block from text.
pub fn net(s: &str) -> ipnet::Ipv4Net {
    s.parse().unwrap()
}

/// Blocks from text.
pub fn nets(list: &[&str]) -> Vec<ipnet::Ipv4Net> {
    list.iter().map(|s| net(s)).collect()
}

/// The example on Terway Edge with the source's container block.
pub fn terway() -> Plan {
    let mut p = Plan::example();
    p.cni = Cni::TerwayEdge;
    p.container_cidrs = nets(&["172.16.0.0/12"]);
    p
}

/// The one finding with `code`; fails when there is none or several.
pub fn only(report: &Report, code: &str) -> edgeplan::Finding {
    let found: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.code.id() == code)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "expected one {code}, got {:#?}",
        report.findings
    );
    found[0].clone()
}

/// `plan` checks with no finding at all.
pub fn assert_clean(plan: &Plan) {
    let r = check(plan, Catalog::builtin());
    assert!(
        r.findings.is_empty(),
        "expected no errors or warnings, got {:#?}",
        r.findings
    );
}

/// `plan` has one error `code` on `hops` whose message names every word of `words`.
pub fn assert_error(plan: &Plan, code: &str, hops: &[Hop], words: &[&str]) {
    let f = only(&check(plan, Catalog::builtin()), code);
    assert_eq!(f.severity, Severity::Error, "{f:?}");
    assert_eq!(f.hops, hops, "{f:?}");
    for w in words {
        assert!(f.message.contains(w), "{:?} should name {w}", f.message);
    }
    assert!(!f.fix.is_empty());
}
