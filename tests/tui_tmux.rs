//! End to end in a real terminal: tmux runs the binary, `send-keys` types through the
//! wizard, `capture-pane` reads the screen, and the saved file is checked.
//!
//! Without tmux the tests print a loud skip notice, unless CI is set: then they fail.

mod tui_support;

use edgeplan::plan::{Cni, Transit, load_path};
use tui_support::TempDir;
use tui_support::tmux::{Tmux, command, wait_for_exit};

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
