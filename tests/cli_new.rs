//! `edgeplan new` writes honest plans: it checks what it wrote (exit 1 on errors, the file
//! still written), Terway Edge gets a container block that collides with nothing, and
//! every field of a plan can be given on the command line.

mod tui_support;

use edgeplan::plan::{Cni, Reach, Scope, Transit, load_path};
use std::process::{Command, Output};
use tui_support::TempDir;

fn new(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_edgeplan"))
        .arg("new")
        .args(args)
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn new_checks_what_it_wrote_and_exits_1_on_errors_keeping_the_file() {
    let dir = TempDir::new("new-broken");
    let path = dir.join("broken.toml");
    let o = new(&["-o", path.to_str().unwrap(), "--vpc", "10.1.0.0/16"]);
    let out = text(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}{}", text(&o.stderr));
    assert!(out.starts_with("wrote "), "{out}");
    assert!(out.contains("FAILED: 1 error(s)"), "{out}");
    assert!(out.contains("overlap-datacenter-vpc"), "{out}");
    assert!(load_path(&path).is_ok(), "the plan is written all the same");
}

#[test]
fn terway_edge_next_to_a_vpc_on_the_source_block_gets_a_free_container_block() {
    let dir = TempDir::new("new-terway-vpc");
    let path = dir.join("plan.toml");
    let o = new(&[
        "-o",
        path.to_str().unwrap(),
        "--cni",
        "terway-edge",
        "--vpc",
        "172.16.0.0/12",
        "--ntp-access",
        "internet",
        "--package-access",
        "nat",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stdout));
    let out = text(&o.stdout);
    assert_eq!(
        out.lines().nth(1),
        Some(
            "Terway Edge: added the edge container block 192.168.0.0/16, as the source's 172.16.0.0/12 overlaps the plan"
        ),
        "{out}"
    );
    // The example's management address is labelled, never taken for the customer's.
    assert!(
        out.lines().nth(2).is_some_and(|l| l.starts_with(
            "warning: management_ip 100.103.42.233 is the source's example resolution"
        )),
        "{out}"
    );
    assert_eq!(out.lines().count(), 3, "no findings to print:\n{out}");
    let (plan, _) = load_path(&path).unwrap();
    assert_eq!(plan.container_cidrs, ["192.168.0.0/16".parse().unwrap()]);
}

#[test]
fn every_field_of_a_plan_can_be_given_on_the_command_line() {
    let dir = TempDir::new("new-every-field");
    let path = dir.join("full.toml");
    let o = new(&[
        "-o",
        path.to_str().unwrap(),
        "--region",
        "eu-central-1",
        "--cni",
        "terway-edge",
        "--transit",
        "cen",
        "--scope",
        "fine",
        "--dc",
        "10.10.0.0/16",
        "--vpc",
        "172.20.0.0/16",
        "--container",
        "10.20.0.0/16",
        "--cloud",
        "100.64.0.0/10",
        "--vswitch",
        "172.20.1.0/24",
        "--service-cidr",
        "172.21.0.0/20",
        "--apiserver-ip",
        "172.20.1.10",
        "--management-ip",
        "100.100.0.10",
        "--kubernetes-version",
        "1.30.1-aliyun.1",
        "--ntp-access",
        "internal",
        "--package-access",
        "nat",
        "--name",
        "acme-frankfurt",
        "--customer",
        "ACME",
        "--author",
        "N. Engineer",
        "--notes",
        "cut-over on Friday",
    ]);
    assert!(
        matches!(o.status.code(), Some(0 | 1)),
        "{}{}",
        text(&o.stdout),
        text(&o.stderr)
    );
    let (plan, _) = load_path(&path).unwrap();
    assert_eq!(plan.region, "eu-central-1");
    assert_eq!(
        (plan.cni, plan.transit, plan.scope),
        (Cni::TerwayEdge, Transit::Cen, Scope::Fine)
    );
    let net = |s: &str| s.parse().unwrap();
    assert_eq!(plan.datacenter_cidrs, [net("10.10.0.0/16")]);
    assert_eq!(plan.vpc_cidrs, [net("172.20.0.0/16")]);
    assert_eq!(plan.container_cidrs, [net("10.20.0.0/16")]);
    assert_eq!(plan.cloud_service_cidrs, [net("100.64.0.0/10")]);
    assert_eq!(plan.vswitch_cidrs, [net("172.20.1.0/24")]);
    assert_eq!(plan.service_cidr, Some(net("172.21.0.0/20")));
    assert_eq!(plan.apiserver_ip, Some("172.20.1.10".parse().unwrap()));
    assert_eq!(plan.management_ip, Some("100.100.0.10".parse().unwrap()));
    assert_eq!(plan.kubernetes_version.as_deref(), Some("1.30.1-aliyun.1"));
    assert_eq!(
        (plan.ntp_access, plan.package_access),
        (Some(Reach::Internal), Some(Reach::Nat))
    );
    assert_eq!(plan.meta.name.as_deref(), Some("acme-frankfurt"));
    assert_eq!(plan.meta.customer.as_deref(), Some("ACME"));
    assert_eq!(plan.meta.author.as_deref(), Some("N. Engineer"));
    assert_eq!(plan.meta.notes.as_deref(), Some("cut-over on Friday"));
}

#[test]
fn a_bad_address_is_refused_naming_the_flag_and_value() {
    let dir = TempDir::new("new-bad-address");
    let path = dir.join("plan.toml");
    let o = new(&["-o", path.to_str().unwrap(), "--apiserver-ip", "10.0.0.0/8"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(err.starts_with("--apiserver-ip \"10.0.0.0/8\": "), "{err}");
    assert!(!path.exists(), "nothing is written for a bad value");
}
