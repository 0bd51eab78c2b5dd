//! The real binary on plan files under tests/fixtures: every exit code, both formats.

mod cli_support;

use cli_support::{edgeplan, fx};
use predicates::prelude::*;
use predicates::str::contains;
use std::ffi::OsStr;

/// The standard output of a run that ended with `code`, as text.
fn stdout_of<S: AsRef<OsStr>>(args: impl IntoIterator<Item = S>, code: i32) -> String {
    let out = edgeplan(args)
        .assert()
        .code(code)
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("utf-8 output")
}

#[test]
fn check_exits_0_on_the_source_examples() {
    for f in ["example-flannel-ecr.toml", "example-terway-cen.toml"] {
        edgeplan(["check", &fx(f)])
            .assert()
            .code(0)
            .stdout(contains(": ok: 0 error(s), 0 warning(s)"));
    }
}

#[test]
fn check_exits_0_with_only_warnings() {
    edgeplan(["check", &fx("warning-only.toml")])
        .assert()
        .code(0)
        .stdout(contains(
            "warning [vbr, transit, vpc-route-table] flannel-container-cidr-unused",
        ));
}

#[test]
fn check_exits_1_and_names_the_broken_hops() {
    edgeplan(["check", &fx("broken-terway-no-containers.toml")])
        .assert()
        .code(1)
        .stdout(
            contains("FAILED: 2 error(s)")
                .and(contains(
                    "error   [core-switch, vbr, transit, vpc-route-table] terway-without-container-cidr",
                ))
                .and(contains("data center 10.0.0.0/8 contains VPC 10.20.0.0/16"))
                .and(contains("        fix: ")),
        );
}

#[test]
fn check_json_follows_the_contract() {
    let out = stdout_of(
        [
            "check",
            &fx("broken-terway-no-containers.toml"),
            "--format",
            "json",
        ],
        1,
    );
    assert!(
        out.starts_with(
            "{\n  \"ok\": false,\n  \"errors\": 2,\n  \"warnings\": 0,\n  \"findings\": ["
        ),
        "contract order: {out}"
    );
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["ok"], false);
    assert_eq!(v["errors"], 2);
    assert_eq!(v["warnings"], 0);
    let first = &v["findings"][0];
    for key in ["hop", "severity", "code", "message", "fix"] {
        assert!(first[key].is_string(), "{key} in {first}");
    }
    assert_eq!(first["severity"], "error");
    // Each finding's keys in the documented order, `fields` last.
    let keys = [
        "hop", "hops", "severity", "code", "message", "fix", "fields",
    ];
    let at: Vec<usize> = keys
        .iter()
        .map(|k| out.find(&format!("\"{k}\": ")).expect(k))
        .collect();
    assert!(at.is_sorted(), "finding key order: {out}");
    assert_eq!(first["code"], "terway-without-container-cidr");
    assert_eq!(
        first["fields"],
        serde_json::json!(["network.container_cidrs", "network.cni"])
    );
    let overlap = &v["findings"][1];
    assert_eq!(overlap["code"], "overlap-datacenter-vpc");
    assert_eq!(
        overlap["fields"],
        serde_json::json!(["network.datacenter_cidrs[0]", "network.vpc_cidrs[0]"])
    );
    let out = stdout_of(
        ["check", &fx("example-terway-cen.toml"), "--format", "json"],
        0,
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn check_exits_2_when_the_plan_cannot_be_read() {
    edgeplan(["check", &fx("bad-host-bits.toml")])
        .assert()
        .code(2)
        .stderr(contains("bad-host-bits.toml:7: network.datacenter_cidrs[0] = \"10.0.0.1/8\": host bits are set; the network is 10.0.0.0/8"));
    edgeplan(["check", &fx("bad-toml.toml")])
        .assert()
        .code(2)
        .stderr(contains("bad-toml.toml:2:"));
    edgeplan(["check", &fx("no-such-plan.toml")])
        .assert()
        .code(2)
        .stderr(contains("no-such-plan.toml: cannot read:"));
}

#[test]
fn show_prints_every_hop_for_a_ticket() {
    edgeplan(["show", &fx("example-terway-cen.toml")])
        .assert()
        .code(0)
        .stdout(
            contains("Path:    Edge nodes [10.0.0.0/8] -> Core switch -> Firewall -> Express Connect -> VBR -> CEN")
                .and(contains(
                    "  - outbound route 172.16.0.0/12 (edge containers) -> CEN transit router",
                ))
                .and(contains("BGP on the core switch")),
        );
    edgeplan(["show", &fx("bad-toml.toml")]).assert().code(2);
}

#[test]
fn new_writes_the_source_example_that_checks_clean_and_refuses_to_overwrite() {
    let dir = tempfile::Builder::new()
        .prefix("edgeplan-cli-")
        .tempdir()
        .unwrap();
    let path = dir.path().join("plan.toml");
    let p = path.display().to_string();
    edgeplan([
        "new",
        "-o",
        &p,
        "--cni",
        "terway-edge",
        "--transit",
        "cen",
        "--region",
        "eu-central-1",
        "--dc",
        "10.10.0.0/16",
        "--dc",
        "10.20.0.0/16",
    ])
    .assert()
    .code(0);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("region = \"eu-central-1\""), "{text}");
    assert!(
        text.contains("container_cidrs = [\"172.16.0.0/12\"]"),
        "{text}"
    );
    assert!(
        text.contains("datacenter_cidrs = [\n    \"10.10.0.0/16\",\n    \"10.20.0.0/16\",\n]"),
        "{text}"
    );
    edgeplan(["check", &p]).assert().code(0);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    edgeplan(["new", "-o", &p])
        .assert()
        .code(2)
        .stderr(contains("already exists; use --force"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "left untouched"
    );
    edgeplan(["new", "-o", &p, "--force"]).assert().code(0);
    let other = dir.path().join("x.toml").display().to_string();
    edgeplan(["new", "-o", &other, "--vpc", "192.168.0.1/16"])
        .assert()
        .code(2)
        .stderr(contains(
            "--vpc \"192.168.0.1/16\": host bits are set; the network is 192.168.0.0/16",
        ));
}

#[test]
fn regions_lists_the_catalog_with_unknown_said_as_unknown() {
    edgeplan(["regions"]).assert().code(0).stdout(
        contains("cn-hangzhou       China (Hangzhou)").and(contains(
            "oss: oss-cn-shanghai-internal.aliyuncs.com vips unknown",
        )),
    );
    let out = stdout_of(["regions", "--format", "json"], 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 29);
    let seoul = v
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "ap-northeast-2")
        .unwrap();
    assert_eq!(seoul["oss"]["vip_cidrs"][0], "100.99.119.0/24");
    assert!(seoul["oss"]["dual_stack_endpoint"].is_null());
}

#[test]
fn every_command_has_help() {
    for cmd in [
        &["--help"][..],
        &["check", "--help"],
        &["show", "--help"],
        &["new", "--help"],
        &["regions", "--help"],
    ] {
        edgeplan(cmd)
            .assert()
            .code(0)
            .stdout(contains("Usage: edgeplan"));
    }
}

#[test]
fn bad_arguments_exit_2_with_what_was_expected() {
    edgeplan(["new", "-o", "/tmp/never.toml", "--cni", "calico"])
        .assert()
        .code(2)
        .stderr(contains("expected flannel | terway-edge"));
}

#[test]
fn help_lists_the_ids_of_every_choice() {
    let ids = ["flannel, terway-edge", "ecr, cen, direct", "broad, fine"]
        .map(|ids| contains(format!("[possible values: {ids}]")));
    let [cni, transit, scope] = ids;
    edgeplan(["new", "--help"])
        .assert()
        .stdout(cni.and(transit).and(scope));
    for cmd in ["check", "regions"] {
        edgeplan([cmd, "--help"])
            .assert()
            .stdout(contains("[possible values: text, json]"));
    }
}
