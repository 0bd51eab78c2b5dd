//! The promises to users at a jump host, in a real terminal (tmux): an SSH drop loses no
//! edit, a failed save keeps every edit and a later save works, and the terminal is
//! restored whether the app ends by a signal or a panic.

mod tui_support;

use edgeplan::plan::{Plan, load_path, to_toml};
use std::path::Path;
use std::time::{Duration, Instant};
use tui_support::TempDir;
use tui_support::tmux::{BIN, Tmux, command, wait_for_exit};

/// The draft directory the binary uses with `HOME` set to `dir` (as `command` does).
fn drafts(dir: &Path) -> std::path::PathBuf {
    dir.join(".local/share/edgeplan/drafts")
}

#[test]
fn an_ssh_drop_mid_edit_loses_nothing_and_the_draft_restores_exactly() {
    let dir = TempDir::new("tmux-hangup");
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/example-flannel-ecr.toml");
    std::fs::copy(&fixture, dir.join("plan.toml")).unwrap();
    let Some(tmux) = Tmux::start("hangup", &command(&dir.0, "C.UTF-8", "plan.toml")) else {
        return;
    };
    tmux.wait_for("Steps");
    // CIDRs step, onto "+ add" of the VPC list, type a block.
    tmux.keys(&["4"]);
    tmux.wait_for("Scope");
    tmux.keys(&["j", "j", "j", "j", "Enter"]);
    tmux.text("172.16.0.0/16");
    tmux.wait_for_line(&["172.16.0.0/16", "✓"]);
    tmux.keys(&["Enter"]);
    // The CIDR list's own keys are back: the entry is in the plan.
    tmux.wait_for("a add");
    // The connection drops: tmux hangs up the terminal (SIGHUP), mid-session.
    drop(tmux);

    let start = Instant::now();
    while std::fs::read_dir(drafts(&dir.0)).map_or(0, |d| d.count()) == 0 {
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

    let Some(tmux) = Tmux::start("hangup-again", &command(&dir.0, "C.UTF-8", "plan.toml")) else {
        return;
    };
    let offer = tmux.wait_for("Restore unsaved changes?");
    assert!(
        offer.contains("network.vpc_cidrs: 192.168.0.0/16 -> 192.168.0.0/16, 172.16.0.0/16"),
        "{offer}"
    );
    tmux.keys(&["r"]);
    tmux.wait_for("Restored 1 unsaved change");
    tmux.keys(&["C-s"]);
    tmux.wait_for("Saved");
    tmux.keys(&["q"]);
    assert_eq!(wait_for_exit(&dir.0), "0");

    let (plan, text) = load_path(&dir.join("plan.toml")).unwrap();
    let mut typed = load_path(&fixture).unwrap().0;
    typed.vpc_cidrs.push("172.16.0.0/16".parse().unwrap());
    assert_eq!(plan, typed, "the plan equals what was typed");
    assert!(
        text.starts_with("# The source document's example"),
        "comments kept: {text}"
    );
    assert_eq!(
        std::fs::read_dir(drafts(&dir.0)).unwrap().count(),
        0,
        "the draft is gone once saved"
    );
}

#[test]
fn a_failed_save_says_why_and_a_save_to_a_good_path_writes_the_plan_and_a_bak() {
    let dir = TempDir::new("tmux-failed-save");
    std::fs::write(
        dir.join("not-a-dir"),
        "a file, so nothing can be saved below it",
    )
    .unwrap();
    let old = "schema_version = 1\n# an older plan\n";
    std::fs::write(dir.join("plan.toml"), old).unwrap();
    let Some(tmux) = Tmux::start("failed-save", &command(&dir.0, "C.UTF-8", "")) else {
        return;
    };
    tmux.wait_for("Steps");
    tmux.keys(&["C-s"]);
    tmux.wait_for("example-hangzhou-edge.toml");
    tmux.keys(&["C-u"]);
    tmux.text("not-a-dir/plan.toml");
    tmux.keys(&["Enter"]);
    let failed = tmux.wait_for("Not saved");
    assert!(
        failed.contains("Not a directory") || failed.contains("not a directory"),
        "{failed}"
    );

    tmux.keys(&["C-u"]);
    tmux.text("plan.toml");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Enter again overwrites it");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Saved");
    tmux.keys(&["Escape"]);
    tmux.wait_for("Enter open");
    tmux.keys(&["q"]);
    assert_eq!(wait_for_exit(&dir.0), "0");
    assert_eq!(
        std::fs::read_to_string(dir.join("plan.toml")).unwrap(),
        to_toml(&Plan::example())
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("plan.toml.bak")).unwrap(),
        old
    );
}

/// Runs the binary with `env`, then records its exit code and the terminal's settings.
fn command_then_stty(dir: &Path, env: &str) -> String {
    format!(
        "cd {d} && echo $$ > {d}/pid && env -i PATH=/usr/bin:/bin TERM=xterm-256color LANG=C.UTF-8 HOME={d} {env} {BIN} 2> {d}/stderr; echo $? > {d}/exit; stty -a > {d}/stty; sleep 30",
        d = dir.display()
    )
}

fn assert_terminal_restored(dir: &Path, tmux: &Tmux) {
    let start = Instant::now();
    while !std::fs::read_to_string(dir.join("stty")).is_ok_and(|s| s.contains("echo")) {
        assert!(start.elapsed() < Duration::from_secs(10), "stty never ran");
        std::thread::sleep(Duration::from_millis(50));
    }
    let stty = std::fs::read_to_string(dir.join("stty")).unwrap();
    for flag in ["-icanon", "-echo ", "-isig"] {
        assert!(!stty.contains(flag), "raw mode left on ({flag}):\n{stty}");
    }
    let screen = tmux.capture();
    assert!(
        !screen.contains("Steps"),
        "the alternate screen was left:\n{screen}"
    );
}

#[test]
fn sigterm_and_sigint_end_the_app_and_restore_the_terminal() {
    for (signal, code) in [("TERM", "143"), ("INT", "130")] {
        let dir = TempDir::new(&format!("tmux-sig{signal}"));
        let Some(tmux) = Tmux::start(&format!("sig{signal}"), &command_then_stty(&dir.0, ""))
        else {
            return;
        };
        tmux.wait_for("Steps");
        let shell: i32 = std::fs::read_to_string(dir.join("pid"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        // The app is the shell's only child.
        let children =
            std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children")).unwrap();
        let app = children.split_whitespace().next().expect("the app runs");
        let sent = std::process::Command::new("kill")
            .args([&format!("-{signal}"), app])
            .status()
            .unwrap();
        assert!(sent.success());
        assert_eq!(wait_for_exit(&dir.0), code, "128 + SIG{signal}");
        assert_terminal_restored(&dir.0, &tmux);
    }
}

#[test]
fn a_panic_restores_the_terminal_and_prints_the_message() {
    let dir = TempDir::new("tmux-panic");
    let Some(tmux) = Tmux::start("panic", &command_then_stty(&dir.0, "EDGEPLAN_TEST_PANIC=1"))
    else {
        return;
    };
    assert_eq!(wait_for_exit(&dir.0), "101");
    assert_terminal_restored(&dir.0, &tmux);
    let stderr = std::fs::read_to_string(dir.join("stderr")).unwrap();
    assert!(
        stderr.contains("panicking after the first frame"),
        "{stderr}"
    );
}
