//! README's worked example of surveying a broken site is run against the real binary:
//! every command in it is executed in a fresh directory and every output line it shows
//! must be printed, in order (a `…` line stands for lines left out).

use std::path::Path;
use std::process::Command;

const README: &str = include_str!("../README.md");
const SURVEY: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/survey");

/// The README's example, between its markers.
fn example() -> &'static str {
    let start = "<!-- survey example: start -->";
    let from = README.find(start).expect("README has the survey example") + start.len();
    let to = README[from..]
        .find("<!-- survey example: end -->")
        .expect("the example ends");
    &README[from..from + to]
}

/// The fenced blocks of `text` with their info strings.
fn blocks(text: &str) -> Vec<(&str, String)> {
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if let Some(info) = line.strip_prefix("```") {
            let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
            out.push((info, body.join("\n") + "\n"));
        }
    }
    out
}

/// `$ command` lines with the output lines shown under each.
fn sessions(text: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in text.lines() {
        match line.strip_prefix("$ ") {
            Some(cmd) => out.push((cmd.to_string(), Vec::new())),
            None => out
                .last_mut()
                .expect("output follows a command")
                .1
                .push(line.into()),
        }
    }
    out
}

/// True when `shown` appears in `printed` in order, `…` standing for any lines.
fn shown_in(shown: &[String], printed: &str) -> bool {
    let mut printed = printed.lines();
    shown
        .iter()
        .filter(|l| l.as_str() != "…")
        .all(|want| printed.any(|got| got == want))
}

#[test]
fn readme_survey_example_prints_what_the_binary_prints() {
    let dir = tempfile::tempdir().unwrap();
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_edgeplan")).parent().unwrap();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap());
    let example = example();
    let blocks = blocks(example);

    // The device output shown is the file imported.
    let shown_switch = &blocks.iter().find(|(info, _)| *info == "text").unwrap().1;
    let switch = std::fs::read_to_string(Path::new(SURVEY).join("core-switch.txt")).unwrap();
    assert_eq!(
        shown_switch, &switch,
        "README shows tests/fixtures/survey/core-switch.txt"
    );
    for file in ["core-switch.txt", "vpc-route-table.json"] {
        std::fs::copy(Path::new(SURVEY).join(file), dir.path().join(file)).unwrap();
    }

    let mut ran = 0;
    for (_, body) in blocks.iter().filter(|(info, _)| *info == "console") {
        for (cmd, shown) in sessions(body) {
            // The cloud CLI is not here: its answer is the fixture copied above.
            if cmd.starts_with("aliyun ") {
                continue;
            }
            let out = Command::new("sh")
                .arg("-c")
                .arg(&cmd)
                .current_dir(dir.path())
                .env("PATH", &path)
                .env("NO_COLOR", "1")
                .output()
                .unwrap();
            let printed = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(
                shown_in(&shown, &printed),
                "README shows for `{cmd}`:\n{}\nbut edgeplan printed:\n{printed}",
                shown.join("\n")
            );
            ran += 1;
        }
    }
    assert_eq!(ran, 6, "every command of the example ran");
}

#[test]
fn readme_survey_example_ends_with_the_hop_that_breaks_the_path() {
    // The trace's verdict is the point of the example: blocked (exit 1) at the core switch.
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("site.toml");
    let edgeplan = env!("CARGO_BIN_EXE_edgeplan");
    let run = |args: &[&str]| {
        Command::new(edgeplan)
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let made = run(&["new", "-o", "site.toml", "--dc", "10.1.0.0/16"]);
    assert!(made.status.success());
    let mut text = std::fs::read_to_string(&plan).unwrap();
    text.push_str("\n[observed.core-switch]\nvbr_peer_ip = \"10.255.0.1\"\n");
    std::fs::write(&plan, text).unwrap();
    let switch = format!("{SURVEY}/core-switch.txt");
    assert!(
        run(&["import", "site.toml", "--hop", "core-switch", &switch])
            .status
            .success()
    );
    let trace = run(&[
        "trace",
        "site.toml",
        "--from",
        "10.1.0.20",
        "--to",
        "100.118.28.1",
        "--proto",
        "tcp",
        "--port",
        "443",
        "--format",
        "json",
    ]);
    assert_eq!(trace.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&trace.stdout).unwrap();
    assert_eq!(json["blocked_at"], "core-switch");
    assert_eq!(json["direction"], "forward");
}
