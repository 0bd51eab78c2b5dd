//! Undo and redo at a jump host: `u` takes back the last edit (a typed CIDR is one
//! edit), Ctrl-R does it again, an empty data-center list is an error on its hops and
//! no container block stands in for it, and a save with errors says so. Driven in a
//! pseudo-terminal, the way it was tried.

mod tui_support;

use std::path::Path;
use tui_support::TempDir;
use tui_support::pty::{Launch, Pty, key};

fn terway_plan(dir: &TempDir) {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/example-flannel-ecr.toml");
    let text = std::fs::read_to_string(fixture)
        .unwrap()
        .replace("cni = \"flannel\"", "cni = \"terway-edge\"")
        .replace(
            "container_cidrs = []",
            "container_cidrs = [\"172.16.0.0/12\"]",
        );
    std::fs::write(dir.join("plan.toml"), text).unwrap();
}

#[test]
fn u_undoes_a_delete_and_ctrl_r_redoes_it() {
    let dir = TempDir::new("pty-undo-delete");
    terway_plan(&dir);
    let mut app = Pty::start(Launch::new(&dir.0, &["plan.toml"]));
    app.wait_for("Steps");
    // CIDRs step: the data center's only block.
    app.keys(&["4", "j", "d"]);
    let deleted = app.wait_for("Removed 10.0.0.0/8");
    assert!(
        deleted.contains("u undo"),
        "the hint offers undo:\n{deleted}"
    );
    app.keys(&["u"]);
    let undone = app.wait_for("Undid");
    assert!(undone.contains("10.0.0.0/8"), "{undone}");
    app.wait_for("^R redo");
    app.send("\x12");
    app.wait_for("Redid");
    app.keys(&["u", key::CTRL_S]);
    app.wait_for("Saved");
    app.keys(&["q"]);
    assert_eq!(app.wait_exit(), 0);
    let text = std::fs::read_to_string(dir.join("plan.toml")).unwrap();
    assert!(
        text.contains("datacenter_cidrs = [\"10.0.0.0/8\"]"),
        "{text}"
    );
}

#[test]
fn a_typed_block_is_one_undo_step_not_one_per_key() {
    let dir = TempDir::new("pty-undo-typed");
    terway_plan(&dir);
    let mut app = Pty::start(Launch::new(&dir.0, &["plan.toml"]));
    app.wait_for("Steps");
    // CIDRs step, the data center's "+ add" row.
    app.keys(&["4", "j", "j", key::ENTER]);
    app.send("172.20.0.0/16");
    app.wait_for_line(&["172.20.0.0/16", "✓"]);
    app.keys(&[key::ENTER]);
    app.wait_for("a add");
    app.keys(&["u"]);
    app.wait_for("Undid network.datacenter_cidrs: 10.0.0.0/8, 172.20.0.0/16 -> 10.0.0.0/8");
    app.keys(&["u"]);
    app.wait_for("nothing to undo");
    app.keys(&["q"]);
    assert_eq!(
        app.wait_exit(),
        0,
        "back where the file was: nothing to ask"
    );
}

#[test]
fn no_data_center_block_is_an_error_on_the_edge_nodes_and_saving_says_so() {
    let dir = TempDir::new("pty-undo-empty");
    terway_plan(&dir);
    let mut app = Pty::start(Launch::new(&dir.0, &["plan.toml"]));
    app.wait_for("Steps");
    app.keys(&["4", "j", "d"]);
    let empty = app.wait_for("Removed 10.0.0.0/8");
    let edge = empty
        .lines()
        .find(|l| l.contains("Edge nodes"))
        .unwrap_or_default()
        .to_string();
    assert!(
        edge.contains('✗'),
        "the edge nodes' hop is broken:\n{empty}"
    );
    assert!(
        !edge.contains("172.16.0.0/12"),
        "the container block is not labelled as the data center:\n{empty}"
    );
    app.keys(&[key::CTRL_S]);
    let saved = app.wait_for("Saved");
    assert!(saved.contains("error"), "saved, with errors:\n{saved}");
    app.keys(&["q"]);
    assert_eq!(app.wait_exit(), 0);
}
