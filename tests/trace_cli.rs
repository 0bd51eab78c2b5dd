//! `edgeplan trace` through the real binary: its exit codes, its JSON contract, its text,
//! bad input named by flag and value, and untrusted text escaped; `check` on a plan with
//! no survey says so once and keeps its exit code.

mod cli_support;

use cli_support::{edgeplan, fx};
use predicates::prelude::*;
use predicates::str::contains;

const GOOD: &str = "observed-flannel-ecr.toml";

fn args<'a>(plan: &'a str, rest: &[&'a str]) -> Vec<String> {
    let mut v = vec!["trace".to_string(), fx(plan)];
    v.extend(rest.iter().map(|s| s.to_string()));
    v
}

#[test]
fn trace_exits_0_delivered_1_blocked_3_unknown() {
    let api = [
        "--from",
        "10.0.0.9",
        "--to",
        "192.168.4.4",
        "--proto",
        "tcp",
        "--port",
        "6443",
    ];
    edgeplan(args(GOOD, &api))
        .assert()
        .code(0)
        .stdout(contains(": delivered"));
    edgeplan(args("observed/missing-route.toml", &api))
        .assert()
        .code(1)
        .stdout(contains("BLOCKED at vbr (forward)").and(contains(
            "fix: On vbr, add a route to 192.168.0.0/16 via transit.",
        )));
    edgeplan(args("observed/cloud-side-only.toml", &api))
        .assert()
        .code(3)
        .stdout(contains("INSUFFICIENT_INFO").and(contains(
            "core-switch, firewall, vbr and transit are not surveyed",
        )));
    let ping = [
        "--from",
        "192.168.0.7",
        "--to",
        "10.1.2.3",
        "--proto",
        "icmp",
    ];
    edgeplan(args(GOOD, &ping))
        .assert()
        .code(1)
        .stdout(contains("DENIED_IN at firewall"));
}

#[test]
fn trace_json_has_exactly_the_documented_keys_in_order() {
    let out = edgeplan(args(
        "observed/port-not-allowed.toml",
        &[
            "--from",
            "10.0.0.1",
            "--to",
            "192.168.0.1",
            "--proto",
            "tcp",
            "--port",
            "6443",
            "--format",
            "json",
        ],
    ))
    .output()
    .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    let mut want = [
        "verdict",
        "blocked_at",
        "direction",
        "reason",
        "forward",
        "reply",
    ];
    let at: Vec<usize> = want
        .iter()
        .map(|k| text.find(&format!("\"{k}\": ")).unwrap())
        .collect();
    assert!(at.is_sorted(), "key order: {text}");
    want.sort();
    assert_eq!(sorted, want);
    assert_eq!(v["verdict"], "blocked");
    assert_eq!(v["blocked_at"], "security-group");
    assert_eq!(v["direction"], "forward");
    let last = v["forward"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["hop"], "security-group");
    assert_eq!(last["result"], "DENIED");
    assert!(last["detail"].is_string());
    assert_eq!(v["reply"], serde_json::json!([]));
    let delivered = edgeplan(args(
        GOOD,
        &[
            "--from",
            "10.0.0.1",
            "--to",
            "100.103.42.233",
            "--proto",
            "tcp",
            "--port",
            "443",
            "--format",
            "json",
        ],
    ))
    .output()
    .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&delivered.stdout).unwrap();
    assert_eq!(
        (
            v["verdict"].as_str(),
            v["blocked_at"].is_null(),
            v["direction"].is_null()
        ),
        (Some("delivered"), true, true)
    );
}

#[test]
fn bad_input_exits_2_naming_the_flag_and_the_value() {
    for (rest, words) in [
        (
            vec![
                "--from",
                "10.0.0.x",
                "--to",
                "192.168.0.1",
                "--proto",
                "tcp",
                "--port",
                "1",
            ],
            "--from 10.0.0.x",
        ),
        (
            vec![
                "--from",
                "10.0.0.1",
                "--to",
                "192.168.0.1/32",
                "--proto",
                "tcp",
                "--port",
                "1",
            ],
            "--to 192.168.0.1/32",
        ),
        (
            vec![
                "--from",
                "10.0.0.1",
                "--to",
                "192.168.0.1",
                "--proto",
                "icmp",
                "--port",
                "7",
            ],
            "--port 7: icmp has no ports",
        ),
        (
            vec![
                "--from",
                "10.0.0.1",
                "--to",
                "192.168.0.1",
                "--proto",
                "udp",
            ],
            "--port is required with --proto udp",
        ),
        (
            vec![
                "--from", "10.0.0.1", "--to", "8.8.8.8", "--proto", "tcp", "--port", "1",
            ],
            "--to: 8.8.8.8 is in none of the plan's blocks",
        ),
        (
            vec![
                "--from",
                "10.0.0.1",
                "--to",
                "192.168.0.1",
                "--proto",
                "sctp",
                "--port",
                "1",
            ],
            "sctp",
        ),
        (
            vec![
                "--from",
                "10.0.0.1",
                "--to",
                "192.168.0.1",
                "--proto",
                "tcp",
                "--port",
                "0",
            ],
            "--port",
        ),
    ] {
        edgeplan(args(GOOD, &rest))
            .assert()
            .code(2)
            .stderr(contains(words));
    }
    let rest = [
        "--from",
        "10.0.0.1",
        "--to",
        "192.168.0.1",
        "--proto",
        "tcp",
        "--port",
        "1",
    ];
    edgeplan(args("no-such-plan.toml", &rest))
        .assert()
        .code(2)
        .stderr(contains("no-such-plan.toml"));
}

#[test]
fn untrusted_text_in_a_survey_reaches_the_terminal_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(fx(GOOD)).unwrap();
    let evil = good.replacen(
        "{ destination = \"192.168.0.0/16\", next_hop = \"vbr\" }",
        "{ destination = \"192.168.0.0/16\", next_hop = \"nat\\u001b]0;owned\\u0007\\u202e\" }",
        1,
    );
    assert_ne!(evil, good);
    let plan = dir.path().join("evil.toml");
    std::fs::write(&plan, evil).unwrap();
    let plan = plan.display().to_string();
    for format in ["text", "json"] {
        let out = edgeplan([
            "trace",
            &plan,
            "--from",
            "10.0.0.1",
            "--to",
            "192.168.0.1",
            "--proto",
            "tcp",
            "--port",
            "6443",
            "--format",
            format,
        ])
        .output()
        .unwrap();
        assert_eq!(out.status.code(), Some(1), "{format}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("off the path"), "{format}: {text}");
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{202e}'),
            "{format}: {text:?}"
        );
    }
    let out = edgeplan(["check", &plan]).output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text:?}"
    );
}

#[test]
fn check_without_a_survey_says_so_once_and_keeps_its_exit_code() {
    let out = edgeplan(["check", &fx("example-flannel-ecr.toml")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.matches("no hop surveyed").count(), 1, "{text}");
    let out = edgeplan(["check", &fx("example-flannel-ecr.toml"), "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["flows"], serde_json::json!([]));
    edgeplan(["check", &fx("broken-terway-no-containers.toml")])
        .assert()
        .code(1);
}

#[test]
fn check_lists_every_flow_with_its_verdict() {
    edgeplan(["check", &fx("observed/missing-route.toml")])
        .assert()
        .code(1)
        .stdout(
            contains("flows: 14 required: 7 delivered, 7 blocked, 0 unknown")
                .and(contains("  BLOCKED   edge-to-apiserver"))
                .and(contains("NO_ROUTE at vbr (forward)"))
                .and(contains("  delivered edge-to-management")),
        );
}

#[test]
fn the_readme_trace_example_is_what_the_binary_prints() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start =
        "$ edgeplan trace site.toml --from 10.0.0.5 --to 192.168.1.1 --proto tcp --port 6443\n";
    let at = readme.find(start).expect("README shows a trace") + start.len();
    let shown = &readme[at..at + readme[at..].find("```").unwrap()];
    let api = [
        "--from",
        "10.0.0.5",
        "--to",
        "192.168.1.1",
        "--proto",
        "tcp",
        "--port",
        "6443",
    ];
    let out = edgeplan(args("observed/missing-route.toml", &api))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), shown);
}

#[test]
fn check_says_once_which_address_stands_in_for_one_the_plan_does_not_give() {
    // No apiserver_ip: the first VPC host stands in, said once, naming the flow.
    let out = edgeplan(["check", &fx("observed-flannel-ecr.toml")])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let note = "  note (edge-to-apiserver): the plan gives no address here: traced to 192.168.0.1, the first host of VPC 192.168.0.0/16";
    assert_eq!(text.lines().filter(|l| *l == note).count(), 1, "{text}");
    // The edge nodes' address from the switch's server subnet concerns every flow.
    edgeplan(["check", &fx("observed/summary-null-route.toml")])
        .assert()
        .stdout(contains(
            "  note: the edge nodes are traced from 10.1.0.2, a host on the core switch's connected subnet 10.1.0.0/16\n",
        ));
}
