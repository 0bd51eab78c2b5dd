//! The real binary on plan files under tests/fixtures: every exit code, both formats.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn edgeplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_edgeplan"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn run(args: &[&str]) -> (i32, String, String) {
    let o = edgeplan(args);
    let text = |b: Vec<u8>| String::from_utf8(b).expect("utf-8 output");
    (
        o.status.code().expect("exit code"),
        text(o.stdout),
        text(o.stderr),
    )
}

fn fx(name: &str) -> String {
    fixture(name).display().to_string()
}

#[test]
fn check_exits_0_on_the_source_examples() {
    for f in ["example-flannel-ecr.toml", "example-terway-cen.toml"] {
        let (code, out, _) = run(&["check", &fx(f)]);
        assert_eq!(code, 0, "{f}: {out}");
        assert!(out.contains(": ok: 0 error(s), 0 warning(s)"), "{out}");
    }
}

#[test]
fn check_exits_0_with_only_warnings() {
    let (code, out, _) = run(&["check", &fx("warning-only.toml")]);
    assert_eq!(code, 0);
    assert!(
        out.contains("warning [vbr, transit, vpc-route-table] flannel-container-cidr-unused"),
        "{out}"
    );
}

#[test]
fn check_exits_1_and_names_the_broken_hops() {
    let (code, out, _) = run(&["check", &fx("broken-terway-no-containers.toml")]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("FAILED: 2 error(s)"), "{out}");
    assert!(
        out.contains(
            "error   [core-switch, vbr, transit, vpc-route-table] terway-without-container-cidr"
        ),
        "{out}"
    );
    assert!(
        out.contains("data center 10.0.0.0/8 contains VPC 10.20.0.0/16"),
        "{out}"
    );
    assert!(out.contains("        fix: "), "{out}");
}

#[test]
fn check_json_follows_the_contract() {
    let (code, out, _) = run(&[
        "check",
        &fx("broken-terway-no-containers.toml"),
        "--format",
        "json",
    ]);
    assert_eq!(code, 1);
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
    let (_, out, _) = run(&["check", &fx("example-terway-cen.toml"), "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["ok"], true);
    assert_eq!(v["findings"].as_array().unwrap().len(), 0);
}

#[test]
fn check_exits_2_when_the_plan_cannot_be_read() {
    let (code, _, err) = run(&["check", &fx("bad-host-bits.toml")]);
    assert_eq!(code, 2);
    assert!(err.contains("bad-host-bits.toml:7: network.datacenter_cidrs[0] = \"10.0.0.1/8\": host bits are set; the network is 10.0.0.0/8"), "{err}");
    let (code, _, err) = run(&["check", &fx("bad-toml.toml")]);
    assert_eq!(code, 2);
    assert!(err.contains("bad-toml.toml:2:"), "{err}");
    let (code, _, err) = run(&["check", &fx("no-such-plan.toml")]);
    assert_eq!(code, 2);
    assert!(err.contains("no-such-plan.toml: cannot read:"), "{err}");
}

#[test]
fn show_prints_every_hop_for_a_ticket() {
    let (code, out, _) = run(&["show", &fx("example-terway-cen.toml")]);
    assert_eq!(code, 0);
    assert!(out.contains("Path:    Edge nodes [10.0.0.0/8] -> Core switch -> Firewall -> Express Connect -> VBR -> CEN"));
    assert!(
        out.contains("  - outbound route 172.16.0.0/12 (edge containers) -> CEN transit router")
    );
    assert!(out.contains("BGP on the core switch"));
    let (code, _, _) = run(&["show", &fx("bad-toml.toml")]);
    assert_eq!(code, 2);
}

#[test]
fn new_writes_the_source_example_that_checks_clean_and_refuses_to_overwrite() {
    let dir = std::env::temp_dir().join(format!("edgeplan-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("plan.toml");
    let _ = std::fs::remove_file(&path);
    let p = path.display().to_string();
    let (code, _, err) = run(&[
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
    ]);
    assert_eq!(code, 0, "{err}");
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
    assert_eq!(run(&["check", &p]).0, 0);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let (code, _, err) = run(&["new", "-o", &p]);
    assert_eq!(code, 2);
    assert!(err.contains("already exists; use --force"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        text,
        "left untouched"
    );
    assert_eq!(run(&["new", "-o", &p, "--force"]).0, 0);
    let (code, _, err) = run(&[
        "new",
        "-o",
        &dir.join("x.toml").display().to_string(),
        "--vpc",
        "192.168.0.1/16",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--vpc \"192.168.0.1/16\": host bits are set; the network is 192.168.0.0/16"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn regions_lists_the_catalog_with_unknown_said_as_unknown() {
    let (code, out, _) = run(&["regions"]);
    assert_eq!(code, 0);
    assert!(out.contains("cn-hangzhou       China (Hangzhou)"));
    assert!(out.contains("oss: oss-cn-shanghai-internal.aliyuncs.com vips unknown"));
    let (code, out, _) = run(&["regions", "--format", "json"]);
    assert_eq!(code, 0);
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
        let (code, out, _) = run(cmd);
        assert_eq!(code, 0, "{cmd:?}");
        assert!(out.contains("Usage: edgeplan"), "{cmd:?}: {out}");
    }
}

#[test]
fn bad_arguments_exit_2_with_what_was_expected() {
    let (code, _, err) = run(&["new", "-o", "/tmp/never.toml", "--cni", "calico"]);
    assert_eq!(code, 2);
    assert!(err.contains("expected flannel | terway-edge"), "{err}");
}

#[test]
fn help_lists_the_ids_of_every_choice() {
    let (_, new, _) = run(&["new", "--help"]);
    for ids in ["flannel, terway-edge", "ecr, cen", "broad, fine"] {
        assert!(new.contains(&format!("[possible values: {ids}]")), "{new}");
    }
    for cmd in ["check", "regions"] {
        let (_, help, _) = run(&[cmd, "--help"]);
        assert!(help.contains("[possible values: text, json]"), "{help}");
    }
}
