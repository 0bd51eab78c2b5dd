//! The plan's name, customer, author and notes are edited in the wizard, in a real
//! pseudo-terminal: rows under the CIDR step's "Plan" heading, saved with the plan.

mod tui_support;

use edgeplan::plan::load_path;
use std::path::Path;
use tui_support::TempDir;
use tui_support::pty::{Launch, Pty, key};

#[test]
fn name_customer_author_and_notes_are_edited_under_plan_and_saved() {
    let dir = TempDir::new("pty-meta");
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/example-flannel-ecr.toml");
    std::fs::copy(&fixture, dir.join("plan.toml")).unwrap();
    let mut app = Pty::start(Launch::new(&dir.0, &["plan.toml"]));
    app.wait_for("Steps");
    app.keys(&["4"]);
    app.wait_for("Scope");
    // The last rows: PgDn to the end lands on notes; customer and author are above it.
    app.keys(&[key::PAGE_DOWN, key::PAGE_DOWN, key::PAGE_DOWN]);
    let screen = app.wait_for("Plan");
    assert!(
        tui_support::pty::in_order(&screen, &["name", "example-hangzhou-edge"]),
        "{screen}"
    );
    app.keys(&[key::ENTER, key::CTRL_U]);
    app.send("reviewed on the call with ACME");
    app.keys(&[key::ENTER]);
    app.wait_for_line(&["notes", "reviewed on the call with ACME"]);
    app.keys(&["k", key::ENTER, key::CTRL_U]);
    app.send("N. Engineer");
    app.keys(&[key::ENTER]);
    app.wait_for_line(&["author", "N. Engineer"]);
    app.keys(&[key::CTRL_S]);
    app.wait_for("Saved");
    app.keys(&["q"]);
    assert_eq!(app.wait_exit(), 0);

    let (plan, _) = load_path(&dir.join("plan.toml")).unwrap();
    assert_eq!(
        plan.meta.notes.as_deref(),
        Some("reviewed on the call with ACME")
    );
    assert_eq!(plan.meta.author.as_deref(), Some("N. Engineer"));
    assert_eq!(plan.meta.customer.as_deref(), Some("ACME"), "untouched");
}
