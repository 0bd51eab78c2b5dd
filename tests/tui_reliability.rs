//! The promises to users at a jump host, in a real pseudo-terminal: an SSH drop loses no
//! edit, a failed save keeps every edit and a later save works, and the terminal is
//! restored whether the app ends by a signal or a panic.

mod tui_support;

use edgeplan::plan::{Plan, load_path, to_toml};
use std::path::Path;
use std::time::{Duration, Instant};
use tui_support::TempDir;
use tui_support::pty::{Launch, Pty, key};

/// The draft directory the binary uses with `HOME` set to `dir` (as the harness does).
fn drafts(dir: &Path) -> std::path::PathBuf {
    dir.join(".local/share/edgeplan/drafts")
}

fn draft_count(dir: &Path) -> usize {
    std::fs::read_dir(drafts(dir)).map_or(0, |d| {
        d.filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".draft.toml"))
        })
        .count()
    })
}

#[test]
fn an_ssh_drop_mid_edit_loses_nothing_and_the_draft_restores_exactly() {
    let dir = TempDir::new("pty-hangup");
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/example-flannel-ecr.toml");
    std::fs::copy(&fixture, dir.join("plan.toml")).unwrap();
    let mut app = Pty::start(Launch::new(&dir.0, &["plan.toml"]));
    app.wait_for("Steps");
    // CIDRs step, onto "+ add" of the VPC list, type a block.
    app.keys(&["4"]);
    app.wait_for("Scope");
    app.keys(&["j", "j", "j", "j", key::ENTER]);
    app.send("172.16.0.0/16");
    app.wait_for_line(&["172.16.0.0/16", "✓"]);
    app.keys(&[key::ENTER]);
    // The CIDR list's own keys are back: the entry is in the plan.
    app.wait_for("a add");
    // The connection drops: the terminal hangs up (SIGHUP), mid-session.
    app.hang_up();
    assert_eq!(app.wait_exit(), 129, "128 + SIGHUP");

    let start = Instant::now();
    while draft_count(&dir.0) == 0 {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no draft after the hang-up"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let untouched = std::fs::read_to_string(dir.join("plan.toml")).unwrap();
    assert_eq!(
        untouched,
        std::fs::read_to_string(&fixture).unwrap(),
        "the file itself is unchanged"
    );

    let mut app = Pty::start(Launch::new(&dir.0, &["plan.toml"]));
    let offer = app.wait_for("Restore unsaved changes?");
    assert!(
        offer.contains("network.vpc_cidrs: 192.168.0.0/16 -> 192.168.0.0/16, 172.16.0.0/16"),
        "{offer}"
    );
    app.keys(&["r"]);
    app.wait_for("Restored 1 unsaved change");
    app.keys(&[key::CTRL_S]);
    app.wait_for("Saved");
    app.keys(&["q"]);
    assert_eq!(app.wait_exit(), 0);

    let (plan, text) = load_path(&dir.join("plan.toml")).unwrap();
    let mut typed = load_path(&fixture).unwrap().0;
    typed.vpc_cidrs.push("172.16.0.0/16".parse().unwrap());
    assert_eq!(plan, typed, "the plan equals what was typed");
    assert!(
        text.starts_with("# The source document's example"),
        "comments kept: {text}"
    );
    assert_eq!(draft_count(&dir.0), 0, "the draft is gone once saved");
}

#[test]
fn a_failed_save_says_why_and_a_save_to_a_good_path_writes_the_plan_and_a_bak() {
    let dir = TempDir::new("pty-failed-save");
    std::fs::write(
        dir.join("not-a-dir"),
        "a file, so nothing can be saved below it",
    )
    .unwrap();
    let old = "schema_version = 1\n# an older plan\n";
    std::fs::write(dir.join("plan.toml"), old).unwrap();
    let mut app = Pty::start(Launch::new(&dir.0, &[]));
    app.wait_for("Steps");
    app.keys(&[key::CTRL_S]);
    app.wait_for("example-hangzhou-edge.toml");
    app.keys(&[key::CTRL_U]);
    app.send("not-a-dir/plan.toml");
    app.keys(&[key::ENTER]);
    let failed = app.wait_for("Not saved");
    assert!(
        failed.contains("Not a directory") || failed.contains("not a directory"),
        "{failed}"
    );

    app.keys(&[key::CTRL_U]);
    app.send("plan.toml");
    app.keys(&[key::ENTER]);
    app.wait_for("Enter again overwrites it");
    app.keys(&[key::ENTER]);
    app.wait_for("Saved");
    app.keys(&[key::ESC]);
    app.wait_for("Enter open");
    app.keys(&["q"]);
    assert_eq!(app.wait_exit(), 0);
    assert_eq!(
        std::fs::read_to_string(dir.join("plan.toml")).unwrap(),
        to_toml(&Plan::example())
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("plan.toml.bak")).unwrap(),
        old
    );
}

fn assert_terminal_restored(app: &Pty) {
    app.cooked().unwrap();
    assert!(
        !app.alternate_screen(),
        "the alternate screen was left on:\n{}",
        app.screen()
    );
}

#[test]
fn sigterm_and_sigint_end_the_app_and_restore_the_terminal() {
    for (signal, number, code) in [("TERM", libc::SIGTERM, 143), ("INT", libc::SIGINT, 130)] {
        let dir = TempDir::new(&format!("pty-sig{signal}"));
        let mut app = Pty::start(Launch::new(&dir.0, &[]));
        app.wait_for("Steps");
        // SAFETY: kill has no memory effects; the pid is our own child.
        assert_eq!(unsafe { libc::kill(app.pid() as i32, number) }, 0);
        assert_eq!(app.wait_exit(), code, "128 + SIG{signal}");
        assert_terminal_restored(&app);
    }
}

#[test]
fn a_panic_restores_the_terminal_and_prints_the_message() {
    let dir = TempDir::new("pty-panic");
    let mut app = Pty::start(Launch {
        env: &[("EDGEPLAN_TEST_PANIC", "1")],
        ..Launch::new(&dir.0, &[])
    });
    assert_eq!(app.wait_exit(), 101);
    assert_terminal_restored(&app);
    let screen = app.wait_for("panicking after the first frame");
    assert!(!screen.contains("Steps"), "{screen}");
}
