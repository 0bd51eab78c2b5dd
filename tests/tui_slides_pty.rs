//! The walkthrough slides in the real binary, in a pseudo-terminal: `edgeplan walkthrough
//! PLAN` at 80x24, 120x40 and 200x50, with `--ascii` and with NO_COLOR; every slide key;
//! Esc back to the wizard; the export dialog writing what `edgeplan export` prints.

mod tui_support;

use std::path::{Path, PathBuf};
use std::process::Command;
use tui_support::TempDir;
use tui_support::pty::{BIN, Launch, Pty, key};

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/example-flannel-ecr.toml"
);

/// A copy of the example fixture as `plan.toml` in a fresh directory.
fn plan_dir(name: &str) -> (TempDir, PathBuf) {
    let dir = TempDir::new(name);
    let plan = dir.join("plan.toml");
    std::fs::copy(FIXTURE, &plan).unwrap();
    (dir, plan)
}

/// Every file under `dir`, as paths relative to it.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                out.push(path.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out
}

/// Starts `edgeplan walkthrough plan.toml` at `size` with `env`.
fn slides(dir: &Path, args: &[&str], env: &[(&str, &str)], size: (u16, u16)) -> Pty {
    Pty::start(Launch {
        env,
        size,
        ..Launch::new(dir, args)
    })
}

/// True when the SGR sequences in `bytes` set a foreground or background colour.
fn sets_colour(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    text.split("\x1b[").skip(1).any(|seq| {
        let Some(end) = seq.find(|c: char| !(c.is_ascii_digit() || c == ';')) else {
            return false;
        };
        seq[end..].starts_with('m')
            && seq[..end].split(';').any(|p| {
                matches!(
                    p.parse::<u16>(),
                    Ok(30..=38 | 40..=48 | 90..=97 | 100..=107)
                )
            })
    })
}

#[test]
fn walkthrough_command_shows_every_slide_at_each_size_and_writes_nothing() {
    for size in [(80, 24), (120, 40), (200, 50)] {
        let (dir, plan) = plan_dir("slides-size");
        let before = std::fs::read(&plan).unwrap();
        let stamp = std::fs::metadata(&plan).unwrap().modified().unwrap();
        let mut app = slides(&dir.0, &["walkthrough", "plan.toml"], &[], size);
        let title = app.wait_for("slide 1 of 8");
        for needle in ["example-hangzhou-edge", "ACME", "Ready", "Flannel"] {
            assert!(title.contains(needle), "{size:?}: {needle}\n{title}");
        }
        assert!(title.contains("[read-only]"), "{title}");
        app.keys(&[key::RIGHT]);
        let hop = app.wait_for("Hop 1 of 7: Edge nodes");
        assert!(!hop.contains("source"), "{hop}");
        app.keys(&[key::PAGE_DOWN]);
        app.wait_for("Hop 2 of 7: Core switch");
        app.keys(&[key::END]);
        app.wait_for("Hop 7 of 7: Security group");
        app.keys(&[key::PAGE_UP]);
        app.wait_for("Hop 6 of 7: VPC route table");
        app.keys(&[key::LEFT]);
        app.wait_for("Hop 5 of 7: ECR");
        app.keys(&[key::HOME]);
        app.wait_for("slide 1 of 8");
        // Nothing to edit: the wizard's keys do nothing here.
        app.keys(&["4", "u", key::CTRL_S]);
        app.keys(&[key::ESC]);
        assert_eq!(app.wait_exit(), 0, "Esc quits the slides started alone");
        assert_eq!(std::fs::read(&plan).unwrap(), before);
        assert_eq!(std::fs::metadata(&plan).unwrap().modified().unwrap(), stamp);
        assert_eq!(
            files(&dir.0),
            [PathBuf::from("plan.toml")],
            "no draft, lock or backup"
        );
    }
}

#[test]
fn a_hop_slide_lights_its_hop_in_the_diagram() {
    let (dir, _) = plan_dir("slides-lit");
    let mut app = slides(&dir.0, &["walkthrough", "plan.toml"], &[], (80, 24));
    app.wait_for("slide 1 of 8");
    app.keys(&[key::RIGHT, key::RIGHT, key::RIGHT]);
    let shown = app.wait_for("Hop 3 of 7: Firewall");
    assert!(
        shown.lines().any(|l| l.contains("▸✓ Firewall")),
        "the firewall is pointed at:\n{shown}"
    );
    let mut wide = slides(&dir.0, &["walkthrough", "plan.toml"], &[], (200, 50));
    wide.wait_for("slide 1 of 8");
    wide.keys(&[key::RIGHT, key::RIGHT, key::RIGHT]);
    let shown = wide.wait_for("Hop 3 of 7: Firewall");
    assert!(shown.contains("┏✓ Firewall"), "outlined heavy:\n{shown}");
    app.keys(&["q"]);
    wide.keys(&["q"]);
    assert_eq!((app.wait_exit(), wide.wait_exit()), (0, 0));
}

#[test]
fn ascii_slides_draw_only_ascii() {
    let (dir, _) = plan_dir("slides-ascii");
    let mut app = slides(
        &dir.0,
        &["walkthrough", "plan.toml", "--ascii"],
        &[],
        (120, 40),
    );
    let title = app.wait_for("slide 1 of 8");
    assert!(title.is_ascii(), "{title}");
    app.keys(&[key::RIGHT]);
    let hop = app.wait_for("Hop 1 of 7: Edge nodes");
    assert!(hop.is_ascii(), "{hop}");
    assert!(hop.lines().any(|l| l.contains(">ok Edge nodes")), "{hop}");
    app.keys(&[key::ESC]);
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn no_color_slides_set_no_colour() {
    let (dir, _) = plan_dir("slides-no-color");
    let mut app = slides(
        &dir.0,
        &["walkthrough", "plan.toml"],
        &[("NO_COLOR", "1")],
        (120, 40),
    );
    app.wait_for("slide 1 of 8");
    app.keys(&[key::RIGHT]);
    app.wait_for("Hop 1 of 7: Edge nodes");
    assert!(!sets_colour(&app.output()), "NO_COLOR set a colour");
    app.keys(&[key::ESC]);
    assert_eq!(app.wait_exit(), 0);
    // The check itself sees colour where there is some.
    assert!(sets_colour(b"\x1b[1;38;5;196mred"));
}

#[test]
fn esc_in_the_tui_walkthrough_returns_to_the_wizard() {
    let (dir, _) = plan_dir("slides-esc");
    let mut app = slides(&dir.0, &["plan.toml"], &[], (120, 40));
    app.wait_for("Steps");
    app.keys(&["w"]);
    app.wait_for("slide 1 of 8");
    app.keys(&[key::ESC]);
    app.wait_for("Steps");
    app.keys(&["q"]);
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn a_plan_that_cannot_be_read_is_said_before_any_screen() {
    let dir = TempDir::new("slides-missing");
    let out = Command::new(BIN)
        .args(["walkthrough", "missing.toml"])
        .current_dir(&dir.0)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.toml"));
    assert!(files(&dir.0).is_empty());
}

#[test]
fn export_from_the_tui_writes_what_edgeplan_export_prints() {
    let (dir, _) = plan_dir("export-tui");
    let mut app = slides(&dir.0, &["plan.toml"], &[], (120, 40));
    app.wait_for("Steps");
    app.keys(&["x"]);
    app.wait_for("Markdown, for a change ticket");
    app.wait_for("plan.md");
    app.keys(&[key::ENTER]);
    app.wait_for("Exported markdown to");
    let written = std::fs::read(dir.join("plan.md")).unwrap();
    let printed = Command::new(BIN)
        .args(["export", "plan.toml", "--format", "markdown"])
        .current_dir(&dir.0)
        .output()
        .unwrap();
    assert!(printed.status.success());
    assert_eq!(
        String::from_utf8(written).unwrap(),
        String::from_utf8(printed.stdout).unwrap()
    );
    // JSON next: the path follows the format.
    app.keys(&["x", key::DOWN]);
    app.wait_for("plan.json");
    app.keys(&[key::ENTER]);
    app.wait_for("Exported json to");
    assert!(dir.join("plan.json").exists());
    app.keys(&["q"]);
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn an_export_that_cannot_be_written_keeps_the_dialog_and_says_why() {
    let (dir, _) = plan_dir("export-fails");
    let mut app = slides(&dir.0, &["plan.toml"], &[], (120, 40));
    app.wait_for("Steps");
    app.keys(&["x"]);
    app.wait_for("plan.md");
    // A path under a missing directory.
    app.keys(&[key::CTRL_U]);
    app.send("nowhere/out.md");
    app.wait_for("nowhere/out.md");
    app.keys(&[key::ENTER]);
    let shown = app.wait_for("Not exported");
    assert!(shown.contains("nowhere/out.md"), "{shown}");
    assert!(shown.contains("Export"), "the dialog stays:\n{shown}");
    app.keys(&[key::ESC]);
    app.keys(&["q"]);
    assert_eq!(app.wait_exit(), 0);
}
