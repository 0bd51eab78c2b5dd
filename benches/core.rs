//! Derivation + checks on the source's example and on a plan with 1,000 entries in every
//! CIDR list, and the whole `edgeplan check` process. Targets: under 50 µs for the example,
//! under 10 ms for the large plan, under 5 ms wall for the process.

use criterion::{Criterion, criterion_group, criterion_main};
use edgeplan::plan::{Cni, Plan};
use edgeplan::{checks, requirements};
use ipnet::Ipv4Net;
use std::hint::black_box;
use std::net::Ipv4Addr;

/// `count` disjoint /24 blocks starting at `first.second.0.0`.
fn blocks(first: u8, second: u8, count: u32) -> Vec<Ipv4Net> {
    let base = u32::from(Ipv4Addr::new(first, second, 0, 0));
    (0..count)
        .map(|i| Ipv4Net::new(Ipv4Addr::from(base + (i << 8)), 24).unwrap())
        .collect()
}

fn large_plan() -> Plan {
    let mut plan = Plan::example();
    plan.cni = Cni::TerwayEdge;
    plan.datacenter_cidrs = blocks(10, 0, 1000);
    plan.vpc_cidrs = blocks(192, 168, 200)
        .into_iter()
        .chain(blocks(172, 16, 800))
        .collect();
    plan.cloud_service_cidrs = blocks(100, 96, 1000);
    plan.container_cidrs = blocks(10, 128, 1000);
    plan.vswitch_cidrs = blocks(172, 16, 1000)
        .into_iter()
        .take(800)
        .chain(blocks(192, 168, 200))
        .collect();
    plan
}

fn bench(c: &mut Criterion) {
    let example = Plan::example();
    c.bench_function("derive+check example", |b| {
        b.iter(|| {
            let plan = black_box(&example);
            (requirements::derive(plan), checks::check(plan))
        })
    });
    let large = large_plan();
    assert!(
        checks::check(&large).ok(),
        "the large plan is valid, so every rule runs in full"
    );
    c.bench_function("derive+check 1000 per list", |b| {
        b.iter(|| {
            let plan = black_box(&large);
            (requirements::derive(plan), checks::check(plan))
        })
    });
}

/// The whole `edgeplan check` process on the example plan (target: under 5 ms wall).
fn bench_process(c: &mut Criterion) {
    let plan = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/example-flannel-ecr.toml");
    c.bench_function("edgeplan check process (example)", |b| {
        b.iter(|| {
            let out = std::process::Command::new(env!("CARGO_BIN_EXE_edgeplan"))
                .arg("check")
                .arg(&plan)
                .output()
                .expect("binary runs");
            assert!(out.status.success());
        })
    });
}

criterion_group!(benches, bench, bench_process);
criterion_main!(benches);
