//! The hostile-input corpus under tests/fixtures/hostile: every file makes the real binary
//! exit 2 with a message naming the file and line (`err-*`), report findings (`find-*`, exit
//! 1) or pass (`ok-*`), never panic. Oversized inputs are generated here.

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::{contains, starts_with};
use std::path::{Path, PathBuf};

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

/// `edgeplan check PATH`.
fn check_cmd(path: &Path) -> Command {
    let mut cmd = Command::cargo_bin("edgeplan").expect("binary built");
    cmd.arg("check").arg(path);
    cmd
}

/// Runs `edgeplan check PATH`; the exit code, stdout and stderr, for a corpus verdict.
fn check(path: &Path) -> (i32, String, String) {
    let o = check_cmd(path).output().unwrap();
    let code = o.status.code().expect("exited, not killed by a signal");
    (
        code,
        String::from_utf8_lossy(&o.stdout).into(),
        String::from_utf8_lossy(&o.stderr).into(),
    )
}

/// `PATH:LINE:` at the start of the first line of the message.
fn names_file_and_line(path: &Path, err: &str) -> bool {
    let prefix = format!("{}:", path.display());
    err.strip_prefix(&prefix)
        .and_then(|rest| rest.split_once(':'))
        .is_some_and(|(line, _)| !line.is_empty() && line.chars().all(|c| c.is_ascii_digit()))
}

#[test]
fn the_corpus_has_at_least_sixty_plans() {
    assert!(corpus().len() >= 60, "{}", corpus().len());
}

#[test]
fn every_hostile_plan_gets_a_clear_answer_and_never_a_panic() {
    let mut failures = Vec::new();
    for path in corpus() {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let (code, out, err) = check(&path);
        let ok = match name.split('-').next() {
            Some("err") => code == 2 && names_file_and_line(&path, &err) && out.is_empty(),
            Some("find") => code == 1 && out.contains("error ") && out.contains("fix: "),
            Some("ok") => code == 0,
            _ => false,
        };
        if !ok || err.contains("panicked") {
            failures.push(format!("{name}: exit {code}\n{out}{err}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A fresh directory for generated plans, removed when dropped.
fn temp_dir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("edgeplan-hostile-")
        .tempdir()
        .unwrap()
}

#[test]
fn a_plan_with_a_hundred_thousand_cidrs_is_checked() {
    let blocks: Vec<String> = (0..100_000u32)
        .map(|i| format!("\"{}/32\"", std::net::Ipv4Addr::from(0x0a00_0000 + i)))
        .collect();
    let text = format!(
        "schema_version = 1\n[network]\nregion = \"cn-hangzhou\"\ncni = \"flannel\"\ntransit = \"ecr\"\ndatacenter_cidrs = [{}]\nvpc_cidrs = [\"192.168.0.0/16\"]\n",
        blocks.join(", ")
    );
    let dir = temp_dir();
    let path = dir.path().join("huge-list.toml");
    std::fs::write(&path, text).unwrap();
    check_cmd(&path).assert().code(0);
}

#[test]
fn a_ten_megabyte_string_is_refused_by_size_naming_the_file() {
    let text = format!(
        "schema_version = 1\n[meta]\nnotes = \"{}\"\n",
        "x".repeat(10 * 1024 * 1024)
    );
    let dir = temp_dir();
    let path = dir.path().join("huge-string.toml");
    std::fs::write(&path, text).unwrap();
    check_cmd(&path).assert().code(2).stderr(
        starts_with(format!("{}: file is ", path.display())).and(contains("plans are limited to")),
    );
}
