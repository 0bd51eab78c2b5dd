//! `kubernetes_version`: optional, read strictly, shown in the review, and checked against
//! Terway Edge's oldest Kubernetes (1.28, the vendor's Terway Edge page).

mod checks_support;
mod tui_support;

use checks_support::*;
use edgeplan::cli::show_text;
use edgeplan::hop::Hop;
use edgeplan::plan::{Plan, parse_plan, to_toml};
use edgeplan::tui::app::Step;
use edgeplan::tui::glyphs::UNICODE;
use edgeplan::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use std::process::Command;
use tui_support::*;

fn on(mut plan: Plan, version: &str) -> Plan {
    plan.kubernetes_version = Some(version.into());
    plan
}

#[test]
fn terway_edge_on_kubernetes_before_1_28_fails_on_the_edge_nodes_and_the_core_switch() {
    assert_error(
        &on(terway(), "1.26.3-aliyun.1"),
        "terway-kubernetes-too-old",
        &[Hop::EdgeNode, Hop::CoreSwitch],
        &[
            "1.28 or later",
            "1.26",
            "beyond the source: the vendor's Terway Edge page",
        ],
    );
}

#[test]
fn near_misses_1_28_terway_flannel_on_an_old_cluster_and_no_version_stay_clean() {
    assert_clean(&on(terway(), "1.28"));
    assert_clean(&on(terway(), "v1.31.1"));
    assert_clean(&on(Plan::example(), "1.26"));
    assert_clean(&terway());
}

#[test]
fn the_version_reads_writes_back_and_refuses_what_is_not_a_version() {
    let plan = on(Plan::example(), "1.28.9-aliyun.1");
    let text = to_toml(&plan);
    assert!(
        text.contains("kubernetes_version = \"1.28.9-aliyun.1\""),
        "{text}"
    );
    assert_eq!(parse_plan("p.toml", &text).unwrap(), plan);
    let bad = text.replace("1.28.9-aliyun.1", "latest");
    let err = parse_plan("p.toml", &bad).unwrap_err().to_string();
    assert!(
        err.contains("network.kubernetes_version") && err.contains("not a Kubernetes version"),
        "{err}"
    );
    assert_eq!(
        parse_plan("p.toml", &to_toml(&Plan::example()))
            .unwrap()
            .kubernetes_version,
        None
    );
}

#[test]
fn show_and_the_review_name_the_version() {
    let plan = on(terway(), "1.30");
    assert!(show_text(&plan).contains("Kubernetes: 1.30\n"));
    assert!(!show_text(&terway()).contains("Kubernetes:"));
    let mut app = opened(plan, Theme::default_dark(), UNICODE);
    press(
        &mut app,
        KeyCode::Char(char::from(b'1' + Step::Review.index() as u8)),
    );
    assert!(screen(&app, 100, 30).contains("Kubernetes 1.30"));
}

#[test]
fn new_takes_the_version_and_refuses_a_bad_one() {
    let dir = TempDir::new("new-kubernetes");
    let path = dir.join("plan.toml");
    let run = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_edgeplan"))
            .args([
                "new",
                "--force",
                "--cni",
                "terway-edge",
                "-o",
                path.to_str().unwrap(),
            ])
            .args(extra)
            .output()
            .unwrap()
    };
    let old = run(&["--kubernetes-version", "1.26"]);
    assert_eq!(old.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&old.stdout).contains("terway-kubernetes-too-old"));
    assert_eq!(
        run(&["--kubernetes-version", "1.30"]).status.code(),
        Some(0)
    );
    let bad = run(&["--kubernetes-version", "soon"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a Kubernetes version"));
}
