//! A value being typed that is not valid yet, in a real pseudo-terminal: a hang-up keeps
//! the old value in the draft and offers the half-typed text back as such, and the live
//! view marks the entry and the hops it feeds instead of dropping them.

mod tui_support;

use edgeplan::plan::{Plan, parse_plan, to_toml};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tui_support::TempDir;
use tui_support::pty::{Launch, Pty, key};

/// A plan whose only data-center block is 10.31.0.0/16, in `dir/plan.toml`.
fn plan_with_dc_10_31(dir: &Path) -> Plan {
    let mut plan = Plan::example();
    plan.datacenter_cidrs = vec!["10.31.0.0/16".parse().unwrap()];
    std::fs::write(dir.join("plan.toml"), to_toml(&plan)).unwrap();
    plan
}

/// The one draft file under `dir` (HOME), waiting for it to appear.
fn the_draft(dir: &Path) -> PathBuf {
    let drafts = dir.join(".local/share/edgeplan/drafts");
    let start = Instant::now();
    loop {
        let found = std::fs::read_dir(&drafts).ok().and_then(|d| {
            d.flatten()
                .map(|e| e.path())
                .find(|p| p.to_string_lossy().ends_with(".draft.toml"))
        });
        if let Some(path) = found {
            return path;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "no draft");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_hang_up_while_typing_a_cidr_keeps_the_old_value_and_offers_the_text_back() {
    let dir = TempDir::new("pty-unfinished-hangup");
    let plan = plan_with_dc_10_31(&dir.0);
    let mut app = Pty::start(Launch::new(&dir.0, &["plan.toml"]));
    app.wait_for("Steps");
    app.keys(&["4"]);
    app.wait_for("Scope");
    // The first data-center entry, 10.31.0.0/16: Enter, clear it, half type another.
    app.keys(&["j", key::ENTER, key::CTRL_U]);
    app.send("10.50.0");
    app.wait_for("10.50.0");
    app.hang_up();
    assert_eq!(app.wait_exit(), 129, "128 + SIGHUP");

    let text = std::fs::read_to_string(the_draft(&dir.0)).unwrap();
    let body = text.split_once('\n').unwrap().1;
    let drafted = parse_plan("draft", body).unwrap();
    assert_eq!(drafted, plan, "the draft keeps 10.31.0.0/16:\n{text}");
    assert!(
        text.contains("10.50.0"),
        "the half-typed text is kept:\n{text}"
    );

    let mut app = Pty::start(Launch::new(&dir.0, &["plan.toml"]));
    let offer = app.wait_for("Restore unsaved changes?");
    assert!(
        offer.contains("network.datacenter_cidrs[0]: \"10.50.0\" was being typed"),
        "{offer}"
    );
    app.keys(&["r"]);
    // The message line is one line: its start is enough here.
    let back = app.wait_for("was being type");
    assert!(
        back.contains("10.50.0"),
        "the text is in its editor again:\n{back}"
    );
    // Esc gives up the text: the old value is what the plan holds.
    app.keys(&[key::ESC]);
    app.wait_for_line(&["10.31.0.0/16"]);
    app.keys(&["q"]);
    assert_eq!(app.wait_exit(), 0, "nothing changed, so q quits");
}

#[test]
fn an_invalid_value_being_typed_stays_on_the_path_and_marks_the_hops_it_feeds() {
    for size in [(80, 24), (120, 40)] {
        an_invalid_value_being_typed_at(size);
    }
}

fn an_invalid_value_being_typed_at(size: (u16, u16)) {
    let dir = TempDir::new(&format!("pty-unfinished-live-{}", size.0));
    let mut app = Pty::start(Launch {
        size,
        ..Launch::new(&dir.0, &[])
    });
    app.wait_for("Steps");
    app.keys(&["4"]);
    app.wait_for("Scope");
    app.keys(&["j", key::ENTER, key::CTRL_U]);
    app.send("10.0.0.0/33");
    let screen = app.wait_for("Waits on an unfinished value");
    // The old value stays on the path; the hops it feeds wait on the typed one.
    assert!(
        screen.contains("… Edge nodes  10.0.0.0/8"),
        "the edge nodes wait on the value, which the path still shows:\n{screen}"
    );
    assert!(screen.contains("… VBR"), "{screen}");
    assert!(
        tui_support::pty::in_order(&screen, &["Review", "unfinished"]),
        "Review does not say all ok:\n{screen}"
    );
    assert!(!screen.contains("all ok"), "{screen}");
    assert!(
        screen.contains("Edge nodes  ok with the old value"),
        "{screen}"
    );
    // Esc gives the value up: the marks go, the verdicts are the old value's.
    app.keys(&[key::ESC]);
    let screen = app.wait_for("all ok");
    assert!(!screen.contains("unfinished"), "{screen}");
    app.keys(&["q"]);
    assert_eq!(app.wait_exit(), 0);
}
