//! End to end in a pseudo-terminal: the real binary, keys typed through the wizard, the
//! screen read back through a terminal emulator, and the saved file checked.

mod tui_support;

use edgeplan::plan::{Cni, Reach, Transit, load_path};
use tui_support::TempDir;
use tui_support::pty::{Launch, Pty, key};

#[test]
fn typing_through_the_wizard_saves_a_terway_edge_plan_on_cen() {
    let dir = TempDir::new("pty-wizard");
    // Started from the source's example, whose blocks the customer's replace.
    let mut app = Pty::start(Launch::new(&dir.0, &["--example", "site.toml"]));
    let first = app.wait_for("Steps");
    assert!(first.contains("site.toml (new file)"), "{first}");
    assert!(
        first.contains("┌ Path"),
        "box drawing on a UTF-8 locale:\n{first}"
    );

    app.keys(&[key::ENTER, "/"]);
    app.send("singapore");
    app.wait_for("ap-southeast-1");
    app.keys(&[key::ENTER]);
    app.wait_for("Which CNI plugin");
    app.keys(&["j", key::ENTER]);
    let chosen = app.wait_for("How does the VBR reach the VPC?");
    // The message takes one line; m shows it whole.
    app.keys(&["m"]);
    let whole = app.wait_for("Messages");
    assert!(
        whole.contains("added the edge container block 172.16.0.0/12 (the source's")
            && chosen.contains("✓ VBR"),
        "Terway Edge comes with a container block that overlaps nothing:\n{whole}"
    );
    app.keys(&[key::ESC]);
    app.keys(&["j", key::ENTER]);
    app.wait_for("Scope");
    // Replace the offered block with the customer's own.
    app.keys(&["j", "j", "j", "j", "j", "j", "j", key::ENTER, key::CTRL_U]);
    app.send("172.20.0.0/16");
    app.wait_for_line(&["172.20.0.0/16", "✓"]);
    app.keys(&[key::ENTER]);
    // The source's example answers how the nodes reach NTP and packages (internet).
    let fixed = app.wait_for_line(&["5 Review", "all ok"]);
    assert!(
        fixed.contains("✓ VBR") && fixed.contains("✓ CEN"),
        "{fixed}"
    );
    // The mark's word gives way to the hints on a narrow status line.
    let status = |s: &str| s.lines().last().unwrap_or_default().to_string();
    assert!(status(&fixed).contains('●'), "{fixed}");

    app.keys(&[key::CTRL_S]);
    let saved = app.wait_for("Saved");
    assert!(!status(&saved).contains('●'), "{saved}");
    app.keys(&[key::ESC]);
    app.wait_for("Enter open");
    app.keys(&["q"]);
    assert_eq!(app.wait_exit(), 0);

    let (plan, _) = load_path(&dir.join("site.toml")).expect("the saved plan reads back");
    assert_eq!(plan.region, "ap-southeast-1");
    assert_eq!((plan.cni, plan.transit), (Cni::TerwayEdge, Transit::Cen));
    assert_eq!(plan.container_cidrs, ["172.20.0.0/16".parse().unwrap()]);
    assert_eq!(plan.meta.name.as_deref(), Some("site"));
    assert_eq!(
        (plan.ntp_access, plan.package_access),
        (Some(Reach::Internet), Some(Reach::Internet))
    );
}

#[test]
fn a_plain_locale_draws_ascii_and_a_broken_theme_is_reported() {
    let dir = TempDir::new("pty-ascii");
    std::fs::create_dir_all(dir.join("config/edgeplan/themes")).unwrap();
    std::fs::write(
        dir.join("config/edgeplan/themes/default.toml"),
        "[hop]\nok = { fg = \"grean\" }\n",
    )
    .unwrap();
    let config = dir.join("config").display().to_string();
    let mut app = Pty::start(Launch {
        env: &[("LANG", "C"), ("XDG_CONFIG_HOME", &config)],
        ..Launch::new(&dir.0, &[])
    });
    let screen = app.wait_for("Steps");
    assert!(screen.is_ascii(), "{screen}");
    assert!(
        screen.contains("+ Path") || screen.contains("+-"),
        "{screen}"
    );
    assert!(screen.contains("XX theme"), "{screen}");
    // The message takes one line; m shows it whole.
    app.keys(&["m"]);
    let whole = app.wait_for("Messages");
    assert!(
        whole.contains("not a colour"),
        "the broken theme is on screen:\n{whole}"
    );
    app.keys(&[key::ESC, "q"]);
    assert_eq!(app.wait_exit(), 0);
}

#[test]
fn a_plan_that_cannot_be_read_shows_the_error_and_exits_2_leaving_the_file_alone() {
    let dir = TempDir::new("pty-bad-plan");
    let text = "schema_version = 1\n[network]\nregion = \"cn-hangzhou\"\ncni = \"flannel\"\ntransit = \"ecr\"\ndatacenter_cidrs = [\"10.0.0.1/8\"]\nvpc_cidrs = [\"192.168.0.0/16\"]\n";
    std::fs::write(dir.join("bad.toml"), text).unwrap();
    let mut app = Pty::start(Launch::new(&dir.0, &["bad.toml"]));
    let screen = app.wait_for("Cannot open bad.toml");
    assert!(
        screen.contains("bad.toml:6") && screen.contains("10.0.0.1/8"),
        "{screen}"
    );
    app.keys(&[key::CTRL_S, "q"]);
    assert_eq!(app.wait_exit(), 2);
    assert_eq!(std::fs::read_to_string(dir.join("bad.toml")).unwrap(), text);
}
