//! The walkthrough's customer wording: for every hop of the example plan and of every
//! readable fixture, in every region of the catalog, with each CNI, transit and scope,
//! what to configure and why say nothing of "the source", hold no placeholder and name
//! no plan key.

use edgeplan::catalog::Catalog;
use edgeplan::hop::Hop;
use edgeplan::plan::{Cni, Plan, Scope, Transit, load_path};
use edgeplan::requirements::derive;
use strum::VariantArray;

/// What a customer must not read: the engineer's citations, placeholders and plan keys.
const FORBIDDEN: [&str; 14] = [
    "source",
    "not given",
    "not available",
    "(the ",
    "(not ",
    "made up",
    "{region}",
    "[",
    "_cidrs",
    "_ip",
    "_access",
    "management_ip",
    "()",
    "port not",
];

/// The plans read from `tests/fixtures/`, skipping the ones made unreadable on purpose.
fn fixtures() -> Vec<(String, Plan)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut plans = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml")
            && let Ok((plan, _)) = load_path(&path)
        {
            plans.push((path.display().to_string(), plan));
        }
    }
    assert!(plans.len() >= 4, "{plans:?}");
    plans
}

/// Every wording of every hop on `plan`'s path that breaks the rule.
fn offences(plan: &Plan) -> Vec<String> {
    let reqs = derive(plan, Catalog::builtin());
    let mut bad = Vec::new();
    for &hop in Hop::path(plan.transit) {
        for r in &reqs.hop(hop).items {
            for text in [r.kind.customer(32), r.reason_for_customer().to_string()] {
                for word in FORBIDDEN {
                    if text.contains(word) {
                        bad.push(format!("{hop:?}: {word:?} in {text:?}"));
                    }
                }
            }
        }
    }
    bad
}

#[test]
fn customer_wording_has_no_source_no_placeholder_and_no_plan_key() {
    let mut plans = fixtures();
    plans.push(("example".into(), Plan::example()));
    let mut no_api = Plan::example();
    no_api.apiserver_ip = None;
    no_api.ntp_access = None;
    no_api.package_access = None;
    plans.push((
        "example without API server or access answers".into(),
        no_api,
    ));
    let mut bad = Vec::new();
    for scope in Scope::VARIANTS {
        let mut no_region = Plan::example();
        no_region.region.clear();
        no_region.scope = *scope;
        bad.extend(
            offences(&no_region)
                .into_iter()
                .map(|o| format!("no region: {o}")),
        );
    }
    for (name, base) in plans {
        for region in &Catalog::builtin().regions {
            for (&cni, &transit, &scope) in Cni::VARIANTS
                .iter()
                .flat_map(|c| Transit::VARIANTS.iter().map(move |t| (c, t)))
                .flat_map(|(c, t)| Scope::VARIANTS.iter().map(move |s| (c, t, s)))
            {
                let mut plan = base.clone();
                plan.region = region.id.clone();
                (plan.cni, plan.transit, plan.scope) = (cni, transit, scope);
                bad.extend(
                    offences(&plan)
                        .into_iter()
                        .map(|o| format!("{name} {} {cni}/{transit}/{scope}: {o}", region.id)),
                );
            }
        }
    }
    bad.dedup();
    assert!(
        bad.is_empty(),
        "{} offences, first:\n{}",
        bad.len(),
        bad[..bad.len().min(20)].join("\n")
    );
}

#[test]
fn the_engineers_wording_still_cites_the_source_where_it_goes_beyond_it() {
    // Near miss: the customer's words leave the citation out; `show` keeps it.
    let mut plan = Plan::example();
    plan.region = "cn-nanjing".into();
    let reqs = derive(&plan, Catalog::builtin());
    let reasons: Vec<String> = reqs
        .hop(Hop::EdgeNode)
        .items
        .iter()
        .map(|r| format!("{} {}", r.kind, r.reason))
        .collect();
    assert!(reasons.iter().any(|r| r.contains("source")), "{reasons:#?}");
}
