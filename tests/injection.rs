//! Terminal injection through the CLI: every payload (escape sequences, a forged line,
//! C1, DEL, bidi, zero-width and line separators, NUL) put through every string field of
//! a valid plan, unknown keys, the key part of an unparsable line, invalid values and the
//! file name, for `check` (text and JSON), `show` and `new`: nothing unsafe reaches the
//! output, and the payload shows escaped (once).

mod tui_support;

use assert_cmd::Command;
use edgeplan::checks::{Finding, Report, Severity};
use edgeplan::escape::{escape, is_unsafe};
use edgeplan::hop::Hop;
use std::path::Path;
use tui_support::TempDir;
use tui_support::payloads::{FORGED, PAYLOADS, marked, toml_string};

/// A valid plan with `meta` lines in `[meta]`, `network` lines in `[network]` and `top`
/// lines before the tables.
fn plan(meta: &str, network: &str, top: &str) -> String {
    plan_with("\"cn-hangzhou\"", "\"flannel\"", meta, network, top)
}

/// A plan with the region and CNI values written as given.
fn plan_with(region: &str, cni: &str, meta: &str, network: &str, top: &str) -> String {
    format!(
        "schema_version = 1\n{top}\n[meta]\n{meta}\n[network]\nregion = {region}\n\
         cni = {cni}\ntransit = \"ecr\"\ndatacenter_cidrs = [\"10.0.0.0/8\"]\n\
         vpc_cidrs = [\"192.168.0.0/16\"]\n{network}\n"
    )
}

/// Runs the binary; returns stdout and stderr.
fn run(args: &[&std::ffi::OsStr]) -> (String, String) {
    let o = Command::cargo_bin("edgeplan")
        .expect("binary built")
        .args(args)
        .output()
        .expect("edgeplan runs");
    assert!(o.status.code().is_some(), "killed by a signal: {args:?}");
    (
        String::from_utf8(o.stdout).expect("UTF-8 stdout"),
        String::from_utf8(o.stderr).expect("UTF-8 stderr"),
    )
}

/// Text output is clean: no unsafe character but line breaks, no line that a payload
/// started, no doubled escape.
fn assert_clean(out: &str, what: &str) {
    let bad: Vec<char> = out.chars().filter(|&c| c != '\n' && is_unsafe(c)).collect();
    assert!(bad.is_empty(), "{what}: raw {bad:?} in\n{out}");
    assert!(
        !out.lines().any(|l| l.starts_with(FORGED)),
        "{what}: a forged line in\n{out}"
    );
    assert!(
        !out.contains("\\\\e") && !out.contains("\\\\u{"),
        "{what}: escaped twice\n{out}"
    );
}

/// `out` shows the marked payload in its escaped form.
fn assert_shows(out: &str, payload: &str, what: &str) {
    let shown = escape(&marked(payload)).into_owned();
    assert!(out.contains(&shown), "{what}: {shown:?} not in\n{out}");
}

/// Every command that reads `path`; returns the text each wrote, after checking it.
fn sweep_commands(path: &Path, what: &str) -> String {
    let mut all = String::new();
    for args in [&["check"][..], &["check", "--format", "json"], &["show"]] {
        let mut argv: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
        argv.push(path.as_os_str());
        let (out, err) = run(&argv);
        let what = format!("{what}, {args:?}");
        if args.contains(&"json") && !out.is_empty() {
            let _: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
        }
        assert_clean(&out, &format!("{what}: stdout"));
        assert_clean(&err, &format!("{what}: stderr"));
        all.push_str(&out);
        all.push_str(&err);
    }
    all
}

#[test]
fn payloads_in_the_meta_fields_of_a_valid_plan_show_escaped() {
    let dir = TempDir::new("inject-meta");
    for (name, payload) in PAYLOADS {
        for field in ["name", "customer", "author", "notes"] {
            let path = dir.join("plan.toml");
            let meta = format!("{field} = {}", toml_string(&marked(payload)));
            std::fs::write(&path, plan(&meta, "", "")).unwrap();
            let out = sweep_commands(&path, &format!("{name} in meta.{field}"));
            // Notes keep their lines (indented); every other field shows on one line.
            if !(field == "notes" && payload.contains('\n')) {
                assert_shows(&out, payload, &format!("{name} in meta.{field}"));
            }
        }
    }
}

#[test]
fn payloads_in_unknown_keys_show_escaped_in_the_error() {
    let dir = TempDir::new("inject-keys");
    for (name, payload) in PAYLOADS {
        let quoted = format!("{} = 1", toml_string(&marked(payload)));
        let raw = format!("{} = 1", marked(payload));
        let cases = [
            ("quoted top-level key", plan("", "", &quoted)),
            ("quoted key in [meta]", plan(&quoted, "", "")),
            ("quoted key in [network]", plan("", &quoted, "")),
            ("raw key at top level", plan("", "", &raw)),
            ("raw key in [network]", plan("", &raw, "")),
            (
                "unparsable line",
                plan("", &format!("{} oops", marked(payload)), ""),
            ),
        ];
        for (case, text) in cases {
            let path = dir.join("plan.toml");
            std::fs::write(&path, text).unwrap();
            let what = format!("{name} in a {case}");
            let out = sweep_commands(&path, &what);
            assert!(out.contains("plan.toml:"), "{what}: no error\n{out}");
            if case.starts_with("quoted") {
                assert_shows(&out, payload, &what);
            }
        }
    }
}

#[test]
fn payloads_in_invalid_values_show_escaped_in_the_error() {
    let dir = TempDir::new("inject-values");
    for (name, payload) in PAYLOADS {
        let p = toml_string(&marked(payload));
        let cidr = toml_string(&format!("10.0.0.0/{}", marked(payload)));
        let cases = [
            ("region", plan_with(&p, "\"flannel\"", "", "", "")),
            ("cni", plan_with("\"cn-hangzhou\"", &p, "", "", "")),
            (
                "CIDR prefix",
                plan("", &format!("vswitch_cidrs = [{cidr}]"), ""),
            ),
            ("CIDR address", plan("", &format!("service_cidr = {p}"), "")),
            ("address", plan("", &format!("apiserver_ip = {p}"), "")),
        ];
        for (key, text) in cases {
            let path = dir.join("plan.toml");
            std::fs::write(&path, text).unwrap();
            let what = format!("{name} in {key}");
            let out = sweep_commands(&path, &what);
            assert_shows(&out, payload, &what);
        }
    }
}

#[test]
fn payloads_in_file_names_show_escaped_for_every_command() {
    let dir = TempDir::new("inject-files");
    for (name, payload) in PAYLOADS.iter().filter(|(_, p)| !p.contains('\0')) {
        let file = format!("{}.toml", marked(payload));
        let path = dir.join(&file);
        // A plan with an error finding (overlapping blocks), then one that cannot be read.
        let finding = plan("", "", "").replace("192.168.0.0/16", "10.1.0.0/16");
        for (case, text) in [
            ("a plan with findings", finding),
            ("a broken plan", "x".into()),
        ] {
            std::fs::write(&path, text).unwrap();
            let what = format!("{name} in the file name of {case}");
            let out = sweep_commands(&path, &what);
            assert_shows(&out, payload, &what);
        }
        std::fs::remove_file(&path).unwrap();
        let new = [path.as_os_str(), path.as_os_str()];
        for round in ["writes", "refuses to overwrite"] {
            let (out, err) = run(&["new".as_ref(), "-o".as_ref(), new[0]]);
            let what = format!("{name}: new {round}");
            assert_clean(&out, &what);
            assert_clean(&err, &what);
            assert_shows(&format!("{out}{err}"), payload, &what);
        }
        for (flag, value) in [
            ("--region", marked(payload)),
            ("--dc", format!("10.0.0.0/{}", marked(payload))),
        ] {
            let args = [
                "new".as_ref(),
                "-o".as_ref(),
                new[1],
                flag.as_ref(),
                value.as_ref(),
            ];
            let (out, err) = run(&args);
            let what = format!("{name}: new {flag}");
            assert_clean(&format!("{out}{err}"), &what);
            assert_shows(&err, payload, &what);
        }
    }
}

#[test]
fn json_findings_parse_back_to_the_same_text_and_hold_no_terminal_control() {
    for (name, payload) in PAYLOADS {
        let text = marked(payload);
        let report = Report {
            findings: vec![Finding {
                hops: vec![Hop::EdgeNode],
                severity: Severity::Error,
                code: edgeplan::checks::FindingCode::UnknownRegion,
                subject: vec![],
                message: text.clone(),
                fix: text.clone(),
                customer: edgeplan::checks::Wording::new(text.clone(), text.clone()),
            }],
        };
        let json = edgeplan::cli::check_json(&report, &[]);
        assert!(
            !json.chars().any(|c| c != '\n' && is_unsafe(c)),
            "{name}: {json:?}"
        );
        let doc: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        assert_eq!(doc["findings"][0]["message"], text.as_str(), "{name}");
        assert_eq!(doc["findings"][0]["fix"], text.as_str(), "{name}");
    }
}
