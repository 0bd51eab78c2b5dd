//! The endpoints the dedicated line does not carry (NTP, the YUM or APT repositories):
//! the plan records how the nodes reach them, and a warning stands while it does not.

mod checks_support;
mod tui_support;

use checks_support::*;
use edgeplan::catalog::Catalog;
use edgeplan::checks::Severity;
use edgeplan::checks::check;
use edgeplan::hop::Hop;
use edgeplan::plan::{Plan, Reach, parse_plan, to_toml};
use edgeplan::requirements::derive;
use edgeplan::tui::glyphs::UNICODE;
use edgeplan::tui::theme::Theme;
use ratatui::crossterm::event::KeyCode;
use std::process::Command;
use tui_support::*;

fn unanswered() -> Plan {
    let mut plan = Plan::example();
    plan.ntp_access = None;
    plan.package_access = None;
    plan
}

#[test]
fn unanswered_ntp_and_package_access_warn_on_the_edge_nodes() {
    let report = check(&unanswered(), Catalog::builtin());
    for (code, words) in [
        ("ntp-access-unanswered", "ntp1.aliyun.com"),
        ("package-access-unanswered", "YUM or APT"),
    ] {
        let f = only(&report, code);
        assert_eq!(f.severity, Severity::Warning);
        assert_eq!(f.hops, [Hop::EdgeNode]);
        assert!(f.message.contains(words), "{}", f.message);
        assert!(
            f.message.contains("internet access, a NAT or"),
            "{}",
            f.message
        );
        assert!(f.message.contains("beyond the source"), "{}", f.message);
    }
    assert!(report.ok(), "a warning: exit 0");
}

#[test]
fn near_miss_every_answer_clears_the_warning_and_is_said_on_the_endpoint() {
    for reach in [Reach::Internet, Reach::Nat, Reach::Internal] {
        let mut plan = unanswered();
        plan.ntp_access = Some(reach);
        plan.package_access = Some(reach);
        assert_clean(&plan);
        let reqs = derive(&plan, Catalog::builtin());
        let reasons: Vec<String> = reqs
            .hop(Hop::EdgeNode)
            .items
            .iter()
            .map(|r| r.reason.to_string())
            .collect();
        for key in ["ntp_access", "package_access"] {
            let said = format!(
                "the nodes reach it through {} ({key} = \"{reach}\")",
                reach.words()
            );
            assert!(
                reasons.iter().any(|r| r.contains(&said)),
                "{said}\n{reasons:#?}"
            );
        }
    }
    let reqs = derive(&unanswered(), Catalog::builtin());
    let ntp = reqs
        .hop(Hop::EdgeNode)
        .items
        .iter()
        .find(|r| r.kind.to_string().starts_with("NTP"))
        .unwrap();
    assert!(
        ntp.reason.contains("Not over the dedicated line") && ntp.reason.contains("set ntp_access")
    );
}

#[test]
fn the_answers_read_and_write_back_and_a_wrong_one_is_refused() {
    let mut plan = Plan::example();
    plan.ntp_access = Some(Reach::Internal);
    plan.package_access = Some(Reach::Nat);
    let text = to_toml(&plan);
    assert!(
        text.contains("ntp_access = \"internal\"\npackage_access = \"nat\""),
        "{text}"
    );
    assert_eq!(parse_plan("p.toml", &text).unwrap(), plan);
    let err = parse_plan("p.toml", &text.replace("\"nat\"", "\"vpn\""))
        .unwrap_err()
        .to_string();
    assert!(err.contains("network.package_access = \"vpn\": unknown package repository access; expected internet | nat | internal"), "{err}");
}

#[test]
fn the_source_examples_answer_and_check_clean_and_an_unanswered_plan_exits_0() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/");
    for name in ["example-flannel-ecr.toml", "example-terway-cen.toml"] {
        let o = Command::new(env!("CARGO_BIN_EXE_edgeplan"))
            .args(["check", &format!("{fixtures}{name}")])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0));
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("0 warning(s)"),
            "{name}"
        );
    }
    let dir = TempDir::new("outside-unanswered");
    let path = dir.join("plan.toml");
    std::fs::write(&path, to_toml(&unanswered())).unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_edgeplan"))
        .arg("check")
        .arg(&path)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("ok: 0 error(s), 2 warning(s)"), "{out}");
}

#[test]
fn the_tui_answers_from_the_review_fix_and_the_warning_goes() {
    let mut app = opened(unanswered(), Theme::default_dark(), UNICODE);
    press(&mut app, KeyCode::Char('5'));
    press(&mut app, KeyCode::Enter); // to the fix of the first warning
    press(&mut app, KeyCode::Enter); // internet
    let plan = app.plan();
    assert_eq!(
        [plan.ntp_access, plan.package_access]
            .iter()
            .filter(|a| a.is_some())
            .count(),
        1,
        "one answer given"
    );
    assert_eq!(app.report().findings.len(), 1);
    assert!(screen(&app, 100, 40).contains("internet"));
}

#[test]
fn a_new_plan_asks_anew_what_the_source_only_assumes() {
    assert_eq!(
        (Plan::template().ntp_access, Plan::template().package_access),
        (None, None)
    );
    let dir = TempDir::new("outside-new");
    let path = dir.join("plan.toml");
    let run = |extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_edgeplan"))
            .args(["new", "--force", "-o", path.to_str().unwrap()])
            .args(extra)
            .output()
            .unwrap()
    };
    let asked = run(&[]);
    let out = String::from_utf8_lossy(&asked.stdout);
    assert_eq!(asked.status.code(), Some(0), "{out}");
    assert!(
        out.contains("ntp-access-unanswered") && out.contains("package-access-unanswered"),
        "{out}"
    );
    let answered = run(&["--ntp-access", "nat", "--package-access", "internal"]);
    let out = String::from_utf8_lossy(&answered.stdout);
    assert!(!out.contains("unanswered"), "{out}");
}
