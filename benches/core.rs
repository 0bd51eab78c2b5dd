//! Derivation + checks on the source's example and on a plan with 1,000 entries in every
//! CIDR list, and the whole `edgeplan check` process. Targets: under 50 µs for the example,
//! under 10 ms for the large plan, under 5 ms wall for the process. `edgeplan check` (load,
//! parse, checks, output) on 4 MiB plans of worst-case shape for each family of rules:
//! target under 1 s each.

use criterion::{Criterion, criterion_group, criterion_main};
use edgeplan::catalog::Catalog;
use edgeplan::cli::Format;
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
    // Broad scope must cover the region's registry, OSS and management destinations.
    for net in [
        "100.103.9.188/32",
        "100.103.7.181/32",
        "100.103.42.233/32",
        "100.118.28.0/24",
        "100.114.102.0/24",
        "100.118.31.0/24",
    ] {
        plan.cloud_service_cidrs.push(net.parse().unwrap());
    }
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
            (
                requirements::derive(plan, Catalog::builtin()),
                checks::check(plan, Catalog::builtin()),
            )
        })
    });
    let large = large_plan();
    assert!(
        checks::check(&large, Catalog::builtin()).ok(),
        "the large plan is valid, so every rule runs in full"
    );
    c.bench_function("derive+check 1000 per list", |b| {
        b.iter(|| {
            let plan = black_box(&large);
            (
                requirements::derive(plan, Catalog::builtin()),
                checks::check(plan, Catalog::builtin()),
            )
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

/// A plan file with the given CIDR list bodies.
fn plan_text(lists: [(&str, String); 5]) -> String {
    let mut s = String::from(
        "schema_version = 1\n[network]\nregion = \"cn-hangzhou\"\ncni = \"terway-edge\"\n\
         transit = \"ecr\"\nscope = \"broad\"\n",
    );
    for (key, body) in lists {
        s.push_str(&format!("{key} = [{body}]\n"));
    }
    s
}

/// `block` quoted and repeated to about `bytes`.
fn repeated(block: &str, bytes: usize) -> String {
    let item = format!("\"{block}\", ");
    item.repeat(bytes / item.len())
}

/// Distinct /24 blocks from `first.0.0.0` on, to about `bytes`.
fn distinct(first: u8, bytes: usize) -> String {
    let mut body = String::new();
    for i in 0u32.. {
        let item = format!(
            "\"{}/24\", ",
            Ipv4Addr::from((u32::from(first) << 24) + (i << 8))
        );
        if body.len() + item.len() > bytes {
            break;
        }
        body.push_str(&item);
    }
    body
}

/// Plans just under the 4 MiB limit, each the worst shape for one family of rules: a
/// finding per entry (public VPC blocks), a vSwitch list against a VPC list as long, and
/// every block of every set overlapping every other.
fn worst_case_plans() -> Vec<(&'static str, String)> {
    let fill = edgeplan::plan::MAX_PLAN_BYTES as usize - 1024;
    let one = |s: &str| format!("\"{s}\"");
    vec![
        (
            "vpc-not-private",
            plan_text([
                ("datacenter_cidrs", one("192.168.0.0/16")),
                ("vpc_cidrs", repeated("1.0.0.0/8", fill)),
                ("cloud_service_cidrs", one("100.0.0.0/8")),
                ("container_cidrs", String::new()),
                ("vswitch_cidrs", String::new()),
            ]),
        ),
        (
            "vswitch-outside-vpc",
            plan_text([
                ("datacenter_cidrs", one("192.168.0.0/16")),
                ("vpc_cidrs", distinct(10, fill / 2)),
                ("cloud_service_cidrs", one("100.0.0.0/8")),
                ("container_cidrs", String::new()),
                ("vswitch_cidrs", repeated("2.0.0.0/8", fill / 2)),
            ]),
        ),
        (
            "overlaps-and-redundant",
            plan_text([
                ("datacenter_cidrs", repeated("10.0.0.0/8", fill / 5)),
                ("vpc_cidrs", repeated("10.0.0.0/8", fill / 5)),
                ("cloud_service_cidrs", repeated("10.0.0.0/8", fill / 5)),
                ("container_cidrs", repeated("10.0.0.0/8", fill / 5)),
                ("vswitch_cidrs", repeated("10.0.0.0/8", fill / 5)),
            ]),
        ),
    ]
}

/// `edgeplan check` in process, from reading the file to writing the report.
fn bench_worst_case(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("edgeplan-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut group = c.benchmark_group("check 4 MiB worst-case plan");
    group.sample_size(10);
    for (name, text) in worst_case_plans() {
        assert!(
            text.len() as u64 <= edgeplan::plan::MAX_PLAN_BYTES,
            "{name}"
        );
        let path = dir.join(format!("{name}.toml"));
        std::fs::write(&path, &text).unwrap();
        for format in [Format::Text, Format::Json] {
            group.bench_function(format!("{name} {format:?}"), |b| {
                b.iter(|| {
                    let code = edgeplan::cli::check(
                        &path,
                        format,
                        &mut std::io::sink(),
                        &mut std::io::sink(),
                    );
                    assert_eq!(code, 1);
                })
            });
        }
    }
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, bench, bench_process, bench_worst_case);
criterion_main!(benches);
