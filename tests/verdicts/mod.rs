//! Helpers shared by the verdict tests (`checks_limits.rs`, `checks_verdicts.rs`): plans
//! near the source's example and one-finding assertions that check hops and subject.
#![allow(dead_code)] // each test file uses its own part

use edgeplan::Finding;
use edgeplan::catalog::Catalog;
use edgeplan::checks::{FieldRef, FindingCode, Report, Severity, check};
use edgeplan::hop::Hop;
use edgeplan::plan::{Cni, Field, Plan};
use ipnet::Ipv4Net;

pub fn net(s: &str) -> Ipv4Net {
    s.parse().unwrap()
}

pub fn nets(list: &[&str]) -> Vec<Ipv4Net> {
    list.iter().map(|s| net(s)).collect()
}

/// `count` distinct /24 blocks inside 10.0.0.0/8.
pub fn dc_blocks(count: usize) -> Vec<Ipv4Net> {
    (0..count)
        .map(|i| net(&format!("10.{}.{}.0/24", i / 256, i % 256)))
        .collect()
}

pub fn at(field: Field, i: usize) -> FieldRef {
    FieldRef::entry(field, i)
}

pub fn whole(field: Field) -> FieldRef {
    FieldRef::whole(field)
}

pub fn terway() -> Plan {
    let mut p = Plan::example();
    p.cni = Cni::TerwayEdge;
    p.container_cidrs = nets(&["172.16.0.0/12"]);
    p
}

pub fn report(plan: &Plan) -> Report {
    check(plan, Catalog::builtin())
}

pub fn found(plan: &Plan, code: FindingCode) -> Vec<Finding> {
    report(plan)
        .findings
        .into_iter()
        .filter(|f| f.code == code)
        .collect()
}

/// The one finding with `code`, with its severity, hops and subject checked.
pub fn only(
    plan: &Plan,
    code: FindingCode,
    severity: Severity,
    hops: &[Hop],
    subject: &[FieldRef],
) -> Finding {
    let all = found(plan, code);
    assert_eq!(all.len(), 1, "expected one {code}, got {:#?}", report(plan));
    let f = all[0].clone();
    assert_eq!(f.severity, severity, "{f:?}");
    assert_eq!(f.hops, hops, "{f:?}");
    assert_eq!(f.subject, subject, "{f:?}");
    assert!(!f.fix.is_empty());
    f
}

pub fn assert_none(plan: &Plan, code: FindingCode) {
    assert!(found(plan, code).is_empty(), "{:#?}", report(plan));
}

pub fn assert_clean(plan: &Plan) {
    let r = report(plan);
    assert!(
        r.findings.is_empty(),
        "expected no findings, got {:#?}",
        r.findings
    );
}
