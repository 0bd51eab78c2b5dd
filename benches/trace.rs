//! Tracing every required flow of a plan whose surveyed hops each hold 10,000 routes and
//! 2,000 rules (the observed fixture's own entries among them): index building, flow
//! derivation and every trace there and back. Target: under 20 ms. The filler rules come
//! first in evaluation order and never match, so each filter decision scans them all;
//! the filler routes nest at every prefix length, so each lookup probes them all.

use criterion::{Criterion, criterion_group, criterion_main};
use edgeplan::catalog::Catalog;
use edgeplan::observed::{
    Direction, NextHop, PathNode, Ports, Protocol, RouteEntry, RuleAction, RuleEntry,
};
use edgeplan::plan::{Plan, load_path};
use edgeplan::trace::{Verdict, trace_required};
use ipnet::Ipv4Net;
use std::hint::black_box;
use std::net::Ipv4Addr;

const ROUTES: usize = 10_000;
const RULES: usize = 2_000;

/// `count` routes in 20.0.0.0/8, at prefix lengths /9 to /32, to the path's neighbours.
fn filler_routes(count: usize) -> Vec<RouteEntry> {
    let nodes = [
        PathNode::CoreSwitch,
        PathNode::Vbr,
        PathNode::Transit,
        PathNode::Vpc,
    ];
    (0..count)
        .map(|i| {
            let len = 9 + (i % 24) as u8;
            let addr =
                Ipv4Addr::from((20u32 << 24) | ((i as u32).wrapping_mul(2_654_435_761) >> 8));
            let net = Ipv4Net::new(addr, len).unwrap().trunc();
            RouteEntry::new(net, NextHop::Neighbour(nodes[i % nodes.len()]))
        })
        .collect()
}

/// `count` deny rules for ports no flow uses, ahead of every other rule.
fn filler_rules(count: usize) -> Vec<RuleEntry> {
    (0..count)
        .map(|i| RuleEntry {
            direction: if i % 2 == 0 {
                Direction::Inbound
            } else {
                Direction::Outbound
            },
            action: RuleAction::Deny,
            protocol: Protocol::Tcp,
            ports: Ports::one(20_000 + (i % 1000) as u16),
            peers: vec![Ipv4Net::new(Ipv4Addr::new(0, 0, 0, 0), 0).unwrap()],
            priority: 0,
        })
        .collect()
}

fn loaded_plan() -> Plan {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/observed-flannel-ecr.toml"
    );
    let (mut plan, _) = load_path(path.as_ref()).expect("the observed fixture loads");
    for survey in plan.observed.surveys.values_mut() {
        let own = survey.routes.take().unwrap_or_default();
        survey.routes = Some(filler_routes(ROUTES - own.len()));
        survey.routes_mut().extend(own);
        let own = survey.rules.take().unwrap_or_default();
        survey.rules = Some(filler_rules(RULES - own.len()));
        survey.rules_mut().extend(own);
    }
    plan
}

fn bench(c: &mut Criterion) {
    let plan = loaded_plan();
    let catalog = Catalog::builtin();
    let traces = trace_required(&plan, catalog);
    assert!(traces.len() >= 10);
    for t in &traces {
        assert_eq!(
            t.trace.as_ref().unwrap().verdict,
            Verdict::Delivered,
            "{}",
            t.flow.id
        );
    }
    c.bench_function(
        "trace every required flow, 10,000 routes and 2,000 rules per hop",
        |b| b.iter(|| black_box(trace_required(black_box(&plan), catalog))),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
