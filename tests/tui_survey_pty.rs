//! The survey step in the real binary, in a pseudo-terminal: a route added by keys, a
//! deleted one brought back by undo, a hop switched to not surveyed, and a switch's
//! table pasted (bracketed paste) and imported, each saved and read back from the file.

mod tui_support;

use edgeplan::hop::Hop;
use edgeplan::plan::{Plan, load_path};
use std::path::Path;
use tui_support::TempDir;
use tui_support::pty::{Launch, Pty, key};

const CTRL_D: &str = "\x04";

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The surveyed example copied to `plan.toml`, opened on the survey step (which opens on
/// the core switch) and `right` hops on.
fn start(dir: &TempDir, right: usize) -> Pty {
    std::fs::copy(fixture("observed-flannel-ecr.toml"), dir.join("plan.toml")).unwrap();
    let mut app = Pty::start(Launch::new(&dir.0, &["plan.toml"]));
    app.wait_for("Steps");
    app.keys(&["7"]);
    app.wait_for("Surveyed");
    for _ in 0..right {
        app.keys(&[key::RIGHT]);
    }
    app
}

fn save_and_quit(mut app: Pty) {
    app.keys(&[key::CTRL_S]);
    app.wait_for("Saved");
    app.keys(&["q"]);
    assert_eq!(app.wait_exit(), 0);
}

fn saved(dir: &TempDir) -> Plan {
    load_path(&dir.join("plan.toml")).unwrap().0
}

fn routes(plan: &Plan, hop: Hop) -> Vec<String> {
    plan.observed.survey(hop).map_or_else(Vec::new, |s| {
        s.routes
            .as_ref()
            .unwrap()
            .iter()
            .map(|r| format!("{} {}", r.destination, r.next_hop.word()))
            .collect()
    })
}

#[test]
fn a_route_added_by_keys_is_saved_to_the_file() {
    let dir = TempDir::new("pty-survey-add");
    let mut app = start(&dir, 2);
    app.wait_for("VBR: surveyed, 3 routes");
    app.keys(&["a"]);
    app.wait_for("destination");
    app.send("172.16.0.0/12");
    app.keys(&[key::TAB]);
    app.send("blackhole");
    app.wait_for_line(&["next hop", "blackhole", "✓"]);
    app.keys(&[key::ENTER]);
    app.wait_for("VBR: surveyed, 4 routes");
    save_and_quit(app);
    let got = routes(&saved(&dir), Hop::Vbr);
    assert_eq!(got.last().unwrap(), "172.16.0.0/12 blackhole", "{got:?}");
}

#[test]
fn a_deleted_route_is_saved_gone_and_undo_saves_it_back() {
    let dir = TempDir::new("pty-survey-undo");
    let before = routes(&saved_after_copy(&dir), Hop::Vbr);
    let mut app = start(&dir, 2);
    // Surveyed, MTU, then the first route.
    app.keys(&[key::DOWN, key::DOWN, "d"]);
    app.wait_for("VBR: surveyed, 2 routes");
    app.keys(&[key::CTRL_S]);
    app.wait_for("Saved");
    assert_eq!(routes(&saved(&dir), Hop::Vbr), before[1..]);
    app.keys(&["u"]);
    app.wait_for("VBR: surveyed, 3 routes");
    save_and_quit(app);
    assert_eq!(routes(&saved(&dir), Hop::Vbr), before);
}

fn saved_after_copy(dir: &TempDir) -> Plan {
    std::fs::copy(fixture("observed-flannel-ecr.toml"), dir.join("plan.toml")).unwrap();
    saved(dir)
}

#[test]
fn a_hop_switched_to_not_surveyed_leaves_the_file_and_undo_brings_it_back() {
    let dir = TempDir::new("pty-survey-toggle");
    let mut app = start(&dir, 0);
    app.wait_for("Core switch: surveyed");
    app.keys(&["s"]);
    app.wait_for("Core switch: not surveyed");
    app.keys(&[key::CTRL_S]);
    app.wait_for("Saved");
    let text = std::fs::read_to_string(dir.join("plan.toml")).unwrap();
    assert!(!text.contains("[observed.core-switch]"), "{text}");
    assert!(saved(&dir).observed.survey(Hop::CoreSwitch).is_none());
    app.keys(&["u"]);
    app.wait_for("Core switch: surveyed, 3 routes");
    save_and_quit(app);
    assert_eq!(routes(&saved(&dir), Hop::CoreSwitch).len(), 3);
}

#[test]
fn a_pasted_switch_table_is_imported_and_saved() {
    let dir = TempDir::new("pty-survey-paste");
    let mut app = start(&dir, 0);
    app.wait_for("Core switch: surveyed, 3 routes");
    let table =
        std::fs::read_to_string(fixture("devices/h3c-comware-display-ip-routing-table.txt"))
            .unwrap();
    app.send(&format!("\x1b[200~{table}\x1b[201~"));
    app.wait_for("Paste Core switch's output");
    app.keys(&[CTRL_D]);
    app.wait_for("Imported");
    save_and_quit(app);
    let plan = saved(&dir);
    let survey = plan.observed.survey(Hop::CoreSwitch).unwrap();
    let expected = edgeplan::import::read(
        &table,
        Hop::CoreSwitch,
        &edgeplan::import::ImportContext {
            transit: plan.transit,
            vbr_peer_ip: survey.vbr_peer_ip,
        },
    )
    .unwrap();
    assert_eq!(survey.routes, Some(expected.routes));
    let original = load_path(&fixture("observed-flannel-ecr.toml")).unwrap().0;
    assert_ne!(
        original.observed.survey(Hop::CoreSwitch).unwrap().routes,
        survey.routes,
        "the table replaced the routes"
    );
    assert_eq!(survey.mtu, Some(1500), "the settings stay");
}

/// Draft files the binary left under `HOME` = `dir`.
fn draft_count(dir: &Path) -> usize {
    let drafts = dir.join(".local/share/edgeplan/drafts");
    std::fs::read_dir(drafts).map_or(0, |d| {
        d.filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.file_name().to_string_lossy().ends_with(".draft.toml"))
        })
        .count()
    })
}

#[test]
fn a_surveyed_route_survives_an_ssh_drop_in_the_draft() {
    let dir = TempDir::new("pty-survey-draft");
    let mut app = start(&dir, 2);
    app.wait_for("VBR: surveyed, 3 routes");
    app.keys(&["a"]);
    app.wait_for("destination");
    app.send("172.16.0.0/12");
    app.keys(&[key::TAB]);
    app.send("transit");
    app.wait_for_line(&["next hop", "transit", "✓"]);
    app.keys(&[key::ENTER]);
    app.wait_for("VBR: surveyed, 4 routes");
    app.hang_up();
    assert_eq!(app.wait_exit(), 129, "128 + SIGHUP");
    let start = std::time::Instant::now();
    while draft_count(&dir.0) == 0 {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "no draft after the hang-up"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let mut app = Pty::start(Launch::new(&dir.0, &["plan.toml"]));
    let offer = app.wait_for("Restore unsaved changes?");
    assert!(
        offer.contains("observed.vbr.routes: + 172.16.0.0/12 -> transit"),
        "{offer}"
    );
    app.keys(&["r"]);
    app.wait_for("Restored");
    save_and_quit(app);
    let got = routes(&saved(&dir), Hop::Vbr);
    assert_eq!(got.last().unwrap(), "172.16.0.0/12 transit", "{got:?}");
}
