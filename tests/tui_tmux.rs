//! End to end in a real terminal: tmux runs the binary, `send-keys` types through the
//! wizard, `capture-pane` reads the screen, and the saved file is checked.
//!
//! Without tmux the tests print a loud skip notice, unless CI is set: then they fail.

mod tui_support;

use edgeplan::plan::{Cni, Transit, load_path};
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};
use tui_support::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_edgeplan");

/// A private tmux server (its own socket), killed when dropped.
struct Tmux {
    socket: String,
}

impl Tmux {
    /// Starts `command` in an 80x24 session; `None` (after a notice) when tmux is missing.
    fn start(name: &str, command: &str) -> Option<Tmux> {
        if Command::new("tmux").arg("-V").output().is_err() {
            if std::env::var_os("CI").is_some() {
                panic!(
                    "tmux is not installed, and CI is set: the end-to-end TUI tests must run in CI"
                );
            }
            eprintln!("\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!");
            eprintln!(
                "!!! SKIPPED {name}: tmux is not installed; the TUI was not tested in a real terminal"
            );
            eprintln!("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n");
            return None;
        }
        let tmux = Tmux {
            socket: format!("edgeplan-test-{name}-{}", std::process::id()),
        };
        let out = tmux.run(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "t",
            "-x",
            "80",
            "-y",
            "24",
            command,
        ]);
        assert!(
            out.status.success(),
            "tmux new-session: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Some(tmux)
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    /// Sends tmux key names (Enter, C-s, j).
    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "t"];
        args.extend(keys);
        assert!(self.run(&args).status.success());
    }

    /// Types literal text.
    fn text(&self, text: &str) {
        assert!(
            self.run(&["send-keys", "-t", "t", "-l", text])
                .status
                .success()
        );
    }

    fn capture(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "t"]).stdout).into_owned()
    }

    /// Waits until the screen shows `needle`; panics with the screen after 10 s.
    fn wait_for(&self, needle: &str) -> String {
        self.wait_for_line(&[needle])
    }

    /// Waits until one line of the screen shows every part, in order.
    fn wait_for_line(&self, parts: &[&str]) -> String {
        let start = Instant::now();
        loop {
            let screen = self.capture();
            let found = screen.lines().any(|line| {
                let mut rest = line;
                parts.iter().all(|p| match rest.find(p) {
                    Some(at) => {
                        rest = &rest[at + p.len()..];
                        true
                    }
                    None => false,
                })
            });
            if found {
                return screen;
            }
            if start.elapsed() > Duration::from_secs(10) {
                panic!("timed out waiting for {parts:?}; the screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

/// The shell command that runs the binary in `dir` with a clean environment and writes
/// its exit code to `dir/exit`.
fn command(dir: &Path, locale: &str, args: &str) -> String {
    format!(
        "cd {dir} && env -i PATH=/usr/bin:/bin TERM=xterm-256color LANG={locale} XDG_CONFIG_HOME={dir}/config HOME={dir} {BIN} {args}; echo $? > {dir}/exit; sleep 30",
        dir = dir.display()
    )
}

fn wait_for_exit(dir: &Path) -> String {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(10) {
        if let Ok(code) = std::fs::read_to_string(dir.join("exit"))
            && code.ends_with('\n')
        {
            return code.trim().to_string();
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("edgeplan did not exit");
}

#[test]
fn typing_through_the_wizard_in_tmux_saves_a_terway_edge_plan_on_cen() {
    let dir = TempDir::new("tmux-wizard");
    let Some(tmux) = Tmux::start("wizard", &command(&dir.0, "C.UTF-8", "site.toml")) else {
        return;
    };
    let first = tmux.wait_for("Steps");
    assert!(first.contains("site.toml (new file)"), "{first}");
    assert!(
        first.contains("┌ Path"),
        "box drawing on a UTF-8 locale:\n{first}"
    );

    tmux.keys(&["Enter"]);
    tmux.text("singapore");
    tmux.wait_for("ap-southeast-1");
    tmux.keys(&["Enter"]);
    tmux.wait_for("Which CNI plugin");
    tmux.keys(&["j", "Enter"]);
    let broken = tmux.wait_for("How does the VBR reach the VPC?");
    assert!(
        broken.contains("✗ VBR"),
        "Terway Edge without containers breaks the VBR:\n{broken}"
    );
    tmux.keys(&["j", "Enter"]);
    tmux.wait_for("Scope");
    tmux.keys(&["j", "j", "j", "j", "j", "j", "j", "Enter"]);
    tmux.text("172.16.0.0/12");
    tmux.wait_for_line(&["172.16.0.0/12", "✓"]);
    tmux.keys(&["Enter"]);
    let fixed = tmux.wait_for_line(&["5 Review", "all ok"]);
    assert!(
        fixed.contains("✓ VBR") && fixed.contains("✓ CEN"),
        "{fixed}"
    );
    assert!(fixed.contains("● modified"), "{fixed}");

    tmux.keys(&["C-s"]);
    let saved = tmux.wait_for("Saved");
    assert!(!saved.contains("● modified"), "{saved}");
    // Escape then q at once would arrive as Alt-q; let the Escape land first.
    tmux.keys(&["Escape"]);
    tmux.wait_for("Enter open");
    tmux.keys(&["q"]);
    assert_eq!(wait_for_exit(&dir.0), "0");

    let (plan, _) = load_path(&dir.join("site.toml")).expect("the saved plan reads back");
    assert_eq!(plan.region, "ap-southeast-1");
    assert_eq!((plan.cni, plan.transit), (Cni::TerwayEdge, Transit::Cen));
    assert_eq!(plan.container_cidrs, ["172.16.0.0/12".parse().unwrap()]);
    assert_eq!(plan.meta.name.as_deref(), Some("site"));
}

#[test]
fn a_plain_locale_draws_ascii_and_a_broken_theme_is_reported() {
    let dir = TempDir::new("tmux-ascii");
    std::fs::create_dir_all(dir.join("config/edgeplan/themes")).unwrap();
    std::fs::write(
        dir.join("config/edgeplan/themes/default.toml"),
        "[hop]\nok = { fg = \"grean\" }\n",
    )
    .unwrap();
    let Some(tmux) = Tmux::start("ascii", &command(&dir.0, "C", "")) else {
        return;
    };
    let screen = tmux.wait_for("Steps");
    assert!(screen.is_ascii(), "{screen}");
    assert!(
        screen.contains("+ Path") || screen.contains("+-"),
        "{screen}"
    );
    assert!(
        screen.contains("not a colour"),
        "the broken theme is on screen:\n{screen}"
    );
    tmux.keys(&["q"]);
    assert_eq!(wait_for_exit(&dir.0), "0");
}

#[test]
fn a_plan_that_cannot_be_read_shows_the_error_and_exits_2_leaving_the_file_alone() {
    let dir = TempDir::new("tmux-bad-plan");
    let text = "schema_version = 1\n[network]\nregion = \"cn-hangzhou\"\ncni = \"flannel\"\ntransit = \"ecr\"\ndatacenter_cidrs = [\"10.0.0.1/8\"]\nvpc_cidrs = [\"192.168.0.0/16\"]\n";
    std::fs::write(dir.join("bad.toml"), text).unwrap();
    let Some(tmux) = Tmux::start("bad", &command(&dir.0, "C.UTF-8", "bad.toml")) else {
        return;
    };
    let screen = tmux.wait_for("Cannot open bad.toml");
    assert!(
        screen.contains("bad.toml:6") && screen.contains("10.0.0.1/8"),
        "{screen}"
    );
    tmux.keys(&["C-s", "q"]);
    assert_eq!(wait_for_exit(&dir.0), "2");
    assert_eq!(std::fs::read_to_string(dir.join("bad.toml")).unwrap(), text);
}
