//! Two edgeplans on one plan, end to end in pseudo-terminals: the second is told, opens
//! read-only or takes over knowingly, never gets or deletes the first one's live draft,
//! and the first one's edits survive its `kill -9` for the next start.

mod tui_support;

use edgeplan::draft::{DraftKey, DraftStore};
use std::path::{Path, PathBuf};
use tui_support::TempDir;
use tui_support::pty::{Launch, Pty, key};

/// A plan, its data directory, and how to start edgeplan on it.
struct Setup {
    dir: TempDir,
    data: String,
}

impl Setup {
    fn new(name: &str) -> Setup {
        let dir = TempDir::new(name);
        let fixture =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/example-flannel-ecr.toml");
        std::fs::copy(fixture, dir.join("plan.toml")).unwrap();
        let data = dir.join("data").display().to_string();
        Setup { dir, data }
    }

    fn start(&self) -> Pty {
        let env = [("EDGEPLAN_DATA_DIR", self.data.as_str())];
        let app = Pty::start(Launch {
            env: &env,
            ..Launch::new(&self.dir.0, &["plan.toml"])
        });
        // The path pane's title: the steps pane may be under a question.
        app.wait_for("┌ Path");
        app
    }

    /// The plain draft of the plan: the one the first instance writes.
    fn draft(&self) -> PathBuf {
        let store = DraftStore {
            dir: PathBuf::from(&self.data).join("drafts"),
        };
        store.path(&DraftKey::for_file(&self.dir.join("plan.toml")))
    }

    fn draft_text(&self) -> String {
        std::fs::read_to_string(self.draft()).unwrap_or_default()
    }
}

/// Adds 172.16.0.0/16 to the VPC blocks and waits for the draft to hold it.
fn edit_and_wait_for_draft(app: &mut Pty, setup: &Setup) {
    app.add_vpc_block();
    app.wait_until("the draft holds the edit", |_| {
        setup.draft_text().contains("172.16.0.0/16")
    });
}

#[test]
fn a_second_edgeplan_is_told_the_plan_is_open_and_can_open_it_read_only() {
    let setup = Setup::new("two-read-only");
    let mut a = setup.start();
    edit_and_wait_for_draft(&mut a, &setup);

    let mut b = setup.start();
    let told = b.wait_for("This plan is open in another edgeplan");
    assert!(told.contains(&format!("pid {}", a.pid())), "{told}");
    assert!(
        !told.contains("Restore unsaved changes?"),
        "a live instance's draft is never offered: {told}"
    );
    b.keys(&["r"]);
    b.wait_for("[read-only]");
    b.keys(&["q"]);
    assert_eq!(b.wait_exit(), 0);
    assert!(
        setup.draft_text().contains("172.16.0.0/16"),
        "A's draft is kept"
    );
    a.keys(&["q", "n"]);
    assert_eq!(a.wait_exit(), 0);
}

#[test]
fn taking_over_never_touches_the_live_draft_and_a_killed_owners_edits_come_back() {
    let setup = Setup::new("two-take-over");
    let mut a = setup.start();
    edit_and_wait_for_draft(&mut a, &setup);

    let mut b = setup.start();
    b.wait_for("This plan is open in another edgeplan");
    b.keys(&["t"]);
    b.wait_until("the question is gone", |b| {
        !b.screen().contains("open in another edgeplan")
    });
    assert!(
        !b.screen().contains("Restore unsaved changes?"),
        "A's live draft is not B's to restore or discard:\n{}",
        b.screen()
    );
    // A dies without a chance to write anything, while B runs.
    a.signal(libc::SIGKILL);
    a.wait_exit();
    b.keys(&["q"]);
    assert_eq!(b.wait_exit(), 0);
    assert!(
        setup.draft_text().contains("172.16.0.0/16"),
        "A's edits outlive B's whole session"
    );

    // A is gone: its edits are offered at the next start, with no question about it.
    let mut c = setup.start();
    let offer = c.wait_for("Restore unsaved changes?");
    assert!(
        !offer.contains("open in another edgeplan"),
        "a dead instance is not open elsewhere: {offer}"
    );
    assert!(offer.contains("172.16.0.0/16"), "{offer}");
    c.keys(&["r"]);
    c.wait_for("Restored 1 unsaved change");
    c.keys(&[key::CTRL_C]);
}

#[test]
fn a_stale_lock_of_a_dead_pid_is_not_shown_as_open_elsewhere() {
    let setup = Setup::new("stale-lock");
    // A gone instance left its draft and lock: a pid that no longer runs, this host.
    let mut gone = std::process::Command::new("true").spawn().unwrap();
    let dead = gone.id();
    gone.wait().unwrap();
    let draft = setup.draft();
    std::fs::create_dir_all(draft.parent().unwrap()).unwrap();
    let plan = std::fs::read_to_string(setup.dir.join("plan.toml")).unwrap();
    let store = DraftStore {
        dir: draft.parent().unwrap().to_path_buf(),
    };
    let with_edit = plan.replace(
        "\"192.168.0.0/16\"",
        "\"192.168.0.0/16\", \"172.16.0.0/16\"",
    );
    assert_ne!(with_edit, plan, "the fixture has the VPC block to extend");
    store
        .save(
            &DraftKey::for_file(&setup.dir.join("plan.toml")),
            &with_edit,
        )
        .unwrap();
    let lock = draft.with_extension("lock");
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap();
    std::fs::write(
        &lock,
        format!("pid={dead}\nhost={}\nstarted=1\n", host.trim()),
    )
    .unwrap();

    let mut app = setup.start();
    let offer = app.wait_for("Restore unsaved changes?");
    assert!(!offer.contains("open in another edgeplan"), "{offer}");
    let held = std::fs::read_to_string(&lock).unwrap();
    assert!(
        held.contains(&format!("pid={}", app.pid())),
        "the stale lock is replaced by the running one: {held}"
    );
    app.keys(&["q"]);
    assert_eq!(app.wait_exit(), 0);
    assert!(!lock.exists(), "the lock goes with its instance");
}
