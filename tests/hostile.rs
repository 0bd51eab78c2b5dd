//! The hostile-input corpus under tests/fixtures/hostile: every file makes the real binary
//! exit 2 with a message naming the file and line (`err-*`), report findings (`find-*`, exit
//! 1) or pass (`ok-*`), never panic. Oversized inputs are generated here.

use std::path::{Path, PathBuf};
use std::process::Command;

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

fn check(path: &Path) -> (i32, String, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_edgeplan"))
        .arg("check")
        .arg(path)
        .output()
        .unwrap();
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

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("edgeplan-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
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
    let path = temp("huge-list.toml");
    std::fs::write(&path, text).unwrap();
    let (code, out, err) = check(&path);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn a_ten_megabyte_string_is_refused_by_size_naming_the_file() {
    let text = format!(
        "schema_version = 1\n[meta]\nnotes = \"{}\"\n",
        "x".repeat(10 * 1024 * 1024)
    );
    let path = temp("huge-string.toml");
    std::fs::write(&path, text).unwrap();
    let (code, _, err) = check(&path);
    assert_eq!(code, 2);
    assert!(
        err.starts_with(&format!("{}: file is ", path.display())),
        "{err}"
    );
    assert!(err.contains("plans are limited to"), "{err}");
}
