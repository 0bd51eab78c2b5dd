//! Every finding in a customer's words, as the walkthrough slides show it: for every
//! finding code, plans that produce it say what is wrong and what to change with no
//! citation of the source, no placeholder, no plan key, no code id and no list index,
//! while `check` keeps the engineer's text.

use edgeplan::catalog::Catalog;
use edgeplan::checks::{Finding, FindingCode, check};
use edgeplan::hop::Hop;
use edgeplan::plan::{Field, Plan, Transit, load_path};
use std::collections::BTreeSet;
use strum::VariantArray;

mod every_code;
use every_code::plans_for_every_code;

/// What a customer must not read, besides the plan's keys and the codes' ids.
const FORBIDDEN: [&str; 9] = [
    "source",
    "(the ",
    "{region}",
    "[",
    "network.",
    "meta.",
    "observed.",
    "edgeplan",
    "`",
];

/// Every plan key, as a key is written: the snake_case keys anywhere, the one-word keys
/// where they are set (`scope = `), which plain words like "region" are not.
fn keys() -> Vec<String> {
    let mut out = Vec::new();
    for field in Field::VARIANTS {
        let key = field.key();
        out.push(format!("{key} ="));
        if key.contains('_') {
            out.push(key.to_string());
        }
    }
    out
}

/// The words of a finding's customer wording that break the rule.
fn offences(f: &Finding) -> Vec<String> {
    let mut words: Vec<String> = FORBIDDEN.iter().map(|w| w.to_string()).collect();
    words.extend(keys());
    words.extend(FindingCode::VARIANTS.iter().map(|c| c.id().to_string()));
    // Hop ids of two words (`core-switch`) are the engineer's; "VBR" is the customer's.
    let hop_ids = Hop::ALL
        .iter()
        .map(|h| h.id())
        .filter(|id| id.contains('-'));
    words.extend(hop_ids.map(str::to_string));
    let mut bad = Vec::new();
    for text in [&f.customer.message, &f.customer.fix] {
        if text.trim().is_empty() || !text.ends_with('.') {
            bad.push(format!("{}: not a sentence: {text:?}", f.code));
        }
        for w in &words {
            if text.contains(w.as_str()) {
                bad.push(format!("{}: {w:?} in {text:?}", f.code));
            }
        }
    }
    bad
}

/// The readable plans under `dir`.
fn fixtures(dir: &str) -> Vec<Plan> {
    let mut plans = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml")
            && let Ok((plan, _)) = load_path(&path)
        {
            plans.push(plan);
        }
    }
    assert!(!plans.is_empty(), "{dir}");
    plans
}

/// The plans for every code, the fixtures and the observed fixtures, each on every
/// transit (which names the transit hop), with the catalog each is checked against.
fn plans() -> Vec<(Plan, Catalog)> {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut out = plans_for_every_code();
    for dir in [root.to_string(), format!("{root}/observed")] {
        let read = fixtures(&dir).into_iter();
        out.extend(read.map(|p| (p, Catalog::builtin().clone())));
    }
    let mut all = Vec::new();
    for (plan, catalog) in out {
        for &transit in Transit::VARIANTS {
            let mut p = plan.clone();
            p.transit = transit;
            all.push((p, catalog.clone()));
        }
    }
    all
}

#[test]
fn every_finding_code_has_customer_words_free_of_keys_codes_and_placeholders() {
    let mut seen = BTreeSet::new();
    let mut bad = Vec::new();
    for (plan, catalog) in plans() {
        for f in check(&plan, &catalog).findings {
            bad.extend(offences(&f));
            seen.insert(f.code);
        }
    }
    let missing: Vec<_> = FindingCode::VARIANTS
        .iter()
        .filter(|c| !seen.contains(c))
        .collect();
    assert!(missing.is_empty(), "no plan produces {missing:?}");
    bad.sort();
    bad.dedup();
    assert!(
        bad.is_empty(),
        "{} offences:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn the_engineer_keeps_the_keys_and_the_customer_gets_the_labels() {
    let mut plan = Plan::example();
    plan.datacenter_cidrs = vec!["192.168.0.0/24".parse().unwrap()];
    let report = check(&plan, Catalog::builtin());
    let f = report
        .findings
        .iter()
        .find(|f| f.code == FindingCode::OverlapDatacenterVpc)
        .expect("an overlap");
    assert!(f.fix.contains("datacenter_cidrs"), "{}", f.fix);
    assert_eq!(
        f.customer.message,
        "The data center block 192.168.0.0/24 lies inside the VPC block 192.168.0.0/16: \
         traffic for the overlap cannot be routed to both places."
    );
    assert_eq!(
        f.customer.fix,
        "Change the data center block or the VPC block so that the two do not overlap."
    );
}

#[test]
fn an_unanswered_question_is_said_to_be_undecided_not_answered_no() {
    let mut plan = Plan::example();
    plan.ntp_access = None;
    let report = check(&plan, Catalog::builtin());
    let f = report
        .findings
        .iter()
        .find(|f| f.code == FindingCode::NtpAccessUnanswered)
        .expect("ntp");
    assert!(
        f.customer.message.contains("is not decided yet"),
        "{}",
        f.customer.message
    );
}
