//! Every file edgeplan reads — plan, draft, theme, the changed-on-disk stamp — is opened
//! once, must be a regular file and is read with a cap: a FIFO never blocks, `/dev/zero`
//! never fills memory, an oversized file is refused. The draft directory is used only when
//! it is the user's own directory, and links inside it are never followed.

mod tui_support;

use edgeplan::draft::{DraftKey, DraftStore};
use edgeplan::plan::{MAX_PLAN_BYTES, to_toml};
use edgeplan::store::{DiskStamp, MAX_FILE_BYTES};
use edgeplan::tui::app::Mode;
use edgeplan::tui::theme::Theme;
use edgeplan::tui::{Action, App, start_autosave, update};
use edgeplan::{Plan, Transit};
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tui_support::TempDir;

/// How long one read may take; a blocked or endless read fails the test instead.
const TIME_LIMIT: Duration = Duration::from_secs(10);

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

/// Runs `f` on its own thread and fails if it outlasts `TIME_LIMIT`.
fn bounded<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(TIME_LIMIT)
        .unwrap_or_else(|e| panic!("{what}: no answer within {TIME_LIMIT:?} ({e})"))
}

/// `edgeplan ARGS`, killed if it outlasts `TIME_LIMIT`: (exit code, stderr).
fn run_bounded(args: &[&str]) -> (i32, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_edgeplan"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("edgeplan {args:?} did not end within {TIME_LIMIT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().expect("exited"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn assert_refused_as_not_a_file(path: &Path) {
    let file = path.display().to_string();
    for command in ["check", "show"] {
        let (code, err) = run_bounded(&[command, &file]);
        assert_eq!(code, 2, "{command}: {err}");
        assert!(
            err.starts_with(&format!("{file}: not a regular file")),
            "{command}: {err}"
        );
    }
    let path = path.to_path_buf();
    let app = bounded("open in the TUI", move || tui_support::open(&path));
    assert_eq!(app.mode(), Mode::LoadFailed);
    assert!(app.load_error().unwrap().contains("not a regular file"));
}

#[test]
fn dev_zero_as_a_plan_is_refused_at_once() {
    assert_refused_as_not_a_file(Path::new("/dev/zero"));
}

#[test]
fn a_fifo_as_a_plan_is_refused_and_never_blocks() {
    let dir = TempDir::new("reads-fifo-plan");
    let fifo = dir.join("plan.toml");
    mkfifo(&fifo);
    assert_refused_as_not_a_file(&fifo);
}

/// A plan file loaded in the app, with its draft store.
fn loaded(dir: &TempDir) -> (PathBuf, App, DraftStore) {
    let plan = dir.join("plan.toml");
    fs::write(&plan, to_toml(&Plan::example())).unwrap();
    let app = tui_support::open(&plan);
    let store = DraftStore {
        dir: dir.join("drafts"),
    };
    fs::create_dir(&store.dir).unwrap();
    fs::set_permissions(&store.dir, fs::Permissions::from_mode(0o700)).unwrap();
    (plan, app, store)
}

/// Starts autosave with `store` and returns what the status line said.
fn offered(mut app: App, store: DraftStore) -> String {
    let app = bounded("read the draft", move || {
        start_autosave(&mut app, Some(store));
        app
    });
    assert!(app.session().recovered().is_none(), "nothing offered");
    app.message().map(|m| m.text.clone()).unwrap_or_default()
}

#[test]
fn a_draft_that_is_a_fifo_a_device_or_oversized_is_refused() {
    let dir = TempDir::new("reads-draft");
    let (plan, app, store) = loaded(&dir);
    let draft = store.path(&DraftKey::for_file(&plan));
    let header = format!(
        "# edgeplan draft for: {}\n",
        std::path::absolute(&plan).unwrap().display()
    );
    let huge = format!(
        "{header}{}{}",
        to_toml(&Plan::example()),
        "# x\n".repeat(MAX_PLAN_BYTES as usize / 4 + 64 * 1024)
    );
    // What is put in place of the draft, and what the message says about it.
    for said in ["a FIFO", "a symbolic link", "bytes"] {
        let _ = fs::remove_file(&draft);
        match said {
            "a FIFO" => mkfifo(&draft),
            "a symbolic link" => symlink("/dev/zero", &draft).unwrap(),
            _ => fs::write(&draft, &huge).unwrap(),
        }
        let message = offered(app.clone(), store.clone());
        assert!(
            message.contains("could not be read")
                && message.contains(&draft.display().to_string())
                && message.contains(said),
            "{said}: {message}"
        );
        let _ = fs::remove_file(draft.with_extension("unreadable"));
    }
}

#[test]
fn a_draft_that_is_a_link_is_not_followed() {
    let (dir, outside) = (
        TempDir::new("reads-draft-link"),
        TempDir::new("reads-draft-link-out"),
    );
    let (plan, app, store) = loaded(&dir);
    let mut other = Plan::example();
    other.transit = Transit::Cen;
    let planted = outside.join("planted.toml");
    let label = std::path::absolute(&plan).unwrap();
    let body = format!(
        "# edgeplan draft for: {}\n{}",
        label.display(),
        to_toml(&other)
    );
    fs::write(&planted, body).unwrap();
    symlink(&planted, store.path(&DraftKey::for_file(&plan))).unwrap();
    let message = offered(app, store);
    assert!(message.contains("symbolic link"), "{message}");
}

/// Saves twice (the second confirms an overwrite) and returns what the status line said.
fn save_twice(mut app: App) -> (App, String) {
    bounded("save", move || {
        update(&mut app, Action::Save);
        update(&mut app, Action::Save);
        let said = app
            .message()
            .cloned()
            .map(|m| m.text.clone())
            .unwrap_or_default();
        (app, said)
    })
}

#[test]
fn a_plan_swapped_for_a_fifo_or_dev_zero_before_a_save_never_blocks_it() {
    for swap in ["fifo", "zero"] {
        let dir = TempDir::new(&format!("reads-stamp-{swap}"));
        let (plan, mut app, _) = loaded(&dir);
        let mut edited = app.plan().clone();
        edited.transit = Transit::Cen;
        app.session_mut().set_plan(edited);
        fs::remove_file(&plan).unwrap();
        match swap {
            "fifo" => mkfifo(&plan),
            _ => symlink("/dev/zero", &plan).unwrap(),
        }
        let (app, said) = save_twice(app);
        assert!(app.dirty(), "{swap}: not saved");
        assert!(
            said.starts_with("Not saved") && said.contains("not a regular file"),
            "{swap}: {said}"
        );
    }
}

#[test]
fn the_on_disk_stamp_reads_no_more_than_its_cap() {
    let dir = TempDir::new("reads-stamp-cap");
    let path = dir.join("plan.toml");
    let file = fs::File::create(&path).unwrap();
    file.set_len(MAX_FILE_BYTES + 1).unwrap();
    assert_eq!(DiskStamp::of(&path), None);
    file.set_len(MAX_FILE_BYTES).unwrap();
    assert!(DiskStamp::of(&path).is_some());
}

/// A theme file that flips between a regular file and a FIFO while it is loaded over and
/// over: a check before the open would be fooled, so the load must never block.
#[test]
fn a_theme_swapped_for_a_fifo_while_it_loads_never_blocks() {
    let dir = TempDir::new("reads-theme-race");
    let themes = dir.join("themes");
    fs::create_dir(&themes).unwrap();
    fs::write(dir.join("regular"), "[palette]\n").unwrap();
    mkfifo(&dir.join("fifo"));
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let flipper = {
        let (dir, themes, stop) = (dir.0.clone(), themes.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut n = 0u64;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                for target in ["fifo", "regular"] {
                    let tmp = themes.join(format!("t{n}"));
                    n += 1;
                    symlink(dir.join(target), &tmp).unwrap();
                    fs::rename(&tmp, themes.join("flip.toml")).unwrap();
                }
            }
        })
    };
    // Loads for two seconds (a few thousand times); a load that blocks never answers.
    let loads = bounded("load a flipping theme", move || {
        let start = Instant::now();
        let mut loads = 0;
        while start.elapsed() < Duration::from_secs(2) {
            let _ = Theme::load(Some("flip"), Some(&themes), false);
            loads += 1;
        }
        loads
    });
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    flipper.join().unwrap();
    assert!(loads > 100, "only {loads} loads");
}

#[test]
fn a_symlinked_draft_directory_is_refused_and_its_target_left_alone() {
    let dir = TempDir::new("reads-draft-dir-link");
    let real = dir.join("elsewhere");
    fs::create_dir(&real).unwrap();
    fs::set_permissions(&real, fs::Permissions::from_mode(0o755)).unwrap();
    let store = DraftStore {
        dir: dir.join("drafts"),
    };
    symlink(&real, &store.dir).unwrap();
    let err = store
        .save(&DraftKey::Example, "text")
        .unwrap_err()
        .to_string();
    assert!(err.contains("is a symbolic link"), "{err}");
    assert_eq!(fs::metadata(&real).unwrap().mode() & 0o777, 0o755);
    assert!(
        fs::read_dir(&real).unwrap().next().is_none(),
        "nothing written"
    );
}

#[test]
fn a_draft_directory_owned_by_someone_else_is_refused() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: making a directory someone else's needs root");
        return;
    }
    let dir = TempDir::new("reads-draft-dir-foreign");
    let store = DraftStore {
        dir: dir.join("drafts"),
    };
    fs::create_dir(&store.dir).unwrap();
    fs::set_permissions(&store.dir, fs::Permissions::from_mode(0o777)).unwrap();
    std::os::unix::fs::chown(&store.dir, Some(1000), Some(1000)).unwrap();
    let err = store
        .save(&DraftKey::Example, "text")
        .unwrap_err()
        .to_string();
    assert!(err.contains("belongs to uid 1000"), "{err}");
    assert_eq!(fs::metadata(&store.dir).unwrap().mode() & 0o777, 0o777);
    assert!(fs::read_dir(&store.dir).unwrap().next().is_none());
}

#[test]
fn a_link_inside_the_draft_directory_is_replaced_by_a_save_never_followed() {
    let (dir, outside) = (
        TempDir::new("reads-draft-save-link"),
        TempDir::new("reads-draft-save-link-out"),
    );
    let store = DraftStore {
        dir: dir.join("drafts"),
    };
    fs::create_dir(&store.dir).unwrap();
    let victim = outside.join("victim");
    fs::write(&victim, "precious").unwrap();
    symlink(&victim, store.path(&DraftKey::Example)).unwrap();
    store.save(&DraftKey::Example, "text").unwrap();
    assert_eq!(fs::read_to_string(&victim).unwrap(), "precious");
    let draft = fs::symlink_metadata(store.path(&DraftKey::Example)).unwrap();
    assert!(draft.is_file());
    assert_eq!(draft.mode() & 0o777, 0o600);
}

#[test]
fn a_symlinked_draft_directory_is_not_read_nor_changed_at_start() {
    let dir = TempDir::new("reads-draft-dir-link-start");
    let (plan, app, store) = loaded(&dir);
    let real = dir.join("elsewhere");
    fs::rename(&store.dir, &real).unwrap();
    symlink(&real, &store.dir).unwrap();
    let draft = real.join(store.path(&DraftKey::for_file(&plan)).file_name().unwrap());
    fs::write(&draft, "not a draft of anything").unwrap();
    let message = offered(app, store);
    assert!(message.contains("is a symbolic link"), "{message}");
    assert_eq!(
        fs::read_to_string(&draft).unwrap(),
        "not a draft of anything"
    );
    assert_eq!(fs::read_dir(&real).unwrap().count(), 1, "nothing moved");
}
