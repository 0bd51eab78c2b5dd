//! Saving in hostile directories: a link planted where a temporary file might go is never
//! followed, a symlinked plan keeps its link, owner and mode are kept, and no failure or
//! signal leaves a temporary file behind. Through the real binary (`new`, the TUI in a
//! pseudo-terminal) and through the TUI's save in the library.

mod tui_support;

use edgeplan::tui::{Action, update};
use std::fs;
use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use tui_support::TempDir;
use tui_support::pty::{Launch, Pty, key};

const BIN: &str = env!("CARGO_BIN_EXE_edgeplan");

fn new_plan(path: &Path, region: &str) -> Output {
    Command::new(BIN)
        .args(["new", "--force", "--region", region, "-o"])
        .arg(path)
        .output()
        .unwrap()
}

/// Every entry of `dir`, sorted by name.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A file outside the plan's directory that a planted link points at.
fn victim(dir: &TempDir) -> PathBuf {
    let path = dir.join("victim");
    fs::write(&path, "precious\n").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    path
}

fn assert_untouched(victim: &Path) {
    assert_eq!(fs::read_to_string(victim).unwrap(), "precious\n");
    assert_eq!(fs::metadata(victim).unwrap().mode() & 0o777, 0o644);
}

/// Links to `victim` under every temporary name the process `pid` could predictably use
/// for `plan.toml` and its backup.
fn plant(dir: &Path, pid: u32, victim: &Path) {
    for n in 0..512 {
        for name in ["plan.toml", "plan.toml.bak"] {
            symlink(victim, dir.join(format!(".{name}.tmp{pid}-{n}"))).unwrap();
        }
    }
}

#[test]
fn a_symlink_planted_for_the_temp_file_is_never_followed_by_new() {
    let (dir, outside) = (TempDir::new("plant-new"), TempDir::new("plant-new-out"));
    let victim = victim(&outside);
    let plan = dir.join("plan.toml");
    assert!(new_plan(&plan, "cn-hangzhou").status.success());
    // The shell waits for a line, then becomes edgeplan under the same pid: the pid is
    // known before the save starts.
    let mut child = Command::new("sh")
        .args(["-c", "read go && exec \"$0\" \"$@\""])
        .arg(BIN)
        .args(["new", "--force", "--region", "eu-central-1", "-o"])
        .arg(&plan)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    plant(&dir.0, child.id(), &victim);
    child.stdin.take().unwrap().write_all(b"go\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_untouched(&victim);
    assert!(!fs::symlink_metadata(&plan).unwrap().is_symlink());
    assert!(fs::read_to_string(&plan).unwrap().contains("eu-central-1"));
}

#[test]
fn a_symlink_planted_for_the_temp_file_is_never_followed_by_the_tui_save() {
    let (dir, outside) = (TempDir::new("plant-tui"), TempDir::new("plant-tui-out"));
    let victim = victim(&outside);
    let plan = dir.join("plan.toml");
    assert!(new_plan(&plan, "cn-hangzhou").status.success());
    let mut app = tui_support::open(&plan);
    plant(&dir.0, std::process::id(), &victim);
    let mut edited = app.plan().clone();
    edited.transit = edgeplan::Transit::Cen;
    app.session_mut().set_plan(edited);
    update(&mut app, Action::Save);
    assert!(!app.dirty(), "{:?}", app.message());
    assert_untouched(&victim);
    assert!(fs::read_to_string(&plan).unwrap().contains("cen"));
}

#[test]
fn a_symlink_planted_for_the_temp_file_is_never_followed_by_ctrl_s() {
    let (dir, outside) = (TempDir::new("plant-pty"), TempDir::new("plant-pty-out"));
    let victim = victim(&outside);
    assert!(
        new_plan(&dir.join("plan.toml"), "cn-hangzhou")
            .status
            .success()
    );
    let data = outside.0.display().to_string();
    let env = [("EDGEPLAN_DATA_DIR", data.as_str())];
    let mut app = Pty::start(Launch {
        env: &env,
        ..Launch::new(&dir.0, &["plan.toml"])
    });
    app.wait_for("Steps");
    plant(&dir.0, app.pid(), &victim);
    app.keys(&[key::CTRL_S]);
    app.wait_for("Saved");
    app.keys(&["q"]);
    assert_eq!(app.wait_exit(), 0);
    assert_untouched(&victim);
    assert!(
        !fs::symlink_metadata(dir.join("plan.toml"))
            .unwrap()
            .is_symlink()
    );
}

/// `dir/plan.toml` -> `real/plan.toml`.
fn linked_plan(name: &str) -> (TempDir, TempDir, PathBuf, PathBuf) {
    let (dir, real) = (TempDir::new(name), TempDir::new(&format!("{name}-real")));
    let target = real.join("plan.toml");
    assert!(new_plan(&target, "cn-hangzhou").status.success());
    let link = dir.join("plan.toml");
    symlink(&target, &link).unwrap();
    (dir, real, link, target)
}

fn assert_saved_through_the_link(link: &Path, target: &Path, old: &str, wanted: &str) {
    assert!(
        fs::symlink_metadata(link).unwrap().is_symlink(),
        "the link is kept"
    );
    assert_eq!(fs::read_link(link).unwrap(), target);
    assert!(fs::read_to_string(target).unwrap().contains(wanted));
    let bak = target.with_file_name("plan.toml.bak");
    assert_eq!(
        fs::read_to_string(bak).unwrap(),
        old,
        "the backup beside the target"
    );
}

#[test]
fn saving_through_a_symlinked_plan_writes_its_target_and_keeps_the_link() {
    let (_dir, _real, link, target) = linked_plan("link-new");
    let old = fs::read_to_string(&target).unwrap();
    let out = new_plan(&link, "eu-central-1");
    assert!(out.status.success(), "{out:?}");
    assert_saved_through_the_link(&link, &target, &old, "eu-central-1");
}

#[test]
fn the_tui_saves_through_a_symlinked_plan_to_its_target() {
    let (_dir, _real, link, target) = linked_plan("link-tui");
    let old = fs::read_to_string(&target).unwrap();
    let mut app = tui_support::open(&link);
    let mut edited = app.plan().clone();
    edited.transit = edgeplan::Transit::Cen;
    app.session_mut().set_plan(edited);
    update(&mut app, Action::Save);
    assert!(!app.dirty(), "{:?}", app.message());
    assert_saved_through_the_link(&link, &target, &old, "transit = \"cen\"");
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

#[test]
fn root_saving_someone_elses_plan_keeps_its_owner_group_and_mode() {
    if !is_root() {
        eprintln!("skipped: giving a file to another user needs root");
        return;
    }
    let dir = TempDir::new("owner");
    let plan = dir.join("plan.toml");
    assert!(new_plan(&plan, "cn-hangzhou").status.success());
    std::os::unix::fs::chown(&plan, Some(1000), Some(1001)).unwrap();
    fs::set_permissions(&plan, fs::Permissions::from_mode(0o640)).unwrap();
    let out = new_plan(&plan, "eu-central-1");
    assert!(out.status.success(), "{out:?}");
    for path in [plan.clone(), dir.join("plan.toml.bak")] {
        let meta = fs::metadata(&path).unwrap();
        let got = (meta.uid(), meta.gid(), meta.mode() & 0o777);
        assert_eq!(got, (1000, 1001, 0o640), "{}", path.display());
    }
}

/// Three saves of `plan.toml` that fail while keeping the backup: each says which file
/// failed, and none leaves a temporary file.
fn assert_failed_backups_leave_nothing(dir: &TempDir, limit: Option<u64>) {
    let plan = dir.join("plan.toml");
    let before = (fs::read(&plan).unwrap(), listing(&dir.0));
    for _ in 0..3 {
        let mut cmd = Command::new(BIN);
        cmd.args(["new", "--force", "--region", "eu-central-1", "-o"])
            .arg(&plan);
        if let Some(limit) = limit {
            let rlimit = libc::rlimit {
                rlim_cur: limit,
                rlim_max: limit,
            };
            // SAFETY: only async-signal-safe calls between fork and exec.
            unsafe {
                cmd.pre_exec(move || {
                    // Writes past the limit fail with EFBIG as on a full disk.
                    libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
                    if libc::setrlimit(libc::RLIMIT_FSIZE, &rlimit) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
        }
        let out = cmd.output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains(&dir.join("plan.toml.bak").display().to_string()),
            "{err}"
        );
    }
    assert_eq!((fs::read(&plan).unwrap(), listing(&dir.0)), before);
}

#[test]
fn a_backup_that_is_a_directory_fails_the_save_naming_it_and_leaves_no_temp_file() {
    let dir = TempDir::new("bak-dir");
    assert!(
        new_plan(&dir.join("plan.toml"), "cn-hangzhou")
            .status
            .success()
    );
    fs::create_dir(dir.join("plan.toml.bak")).unwrap();
    assert_failed_backups_leave_nothing(&dir, None);
    assert!(listing(&dir.join("plan.toml.bak")).is_empty());
}

#[test]
fn a_backup_that_runs_out_of_space_leaves_no_temp_file() {
    let dir = TempDir::new("bak-full");
    let plan = dir.join("plan.toml");
    assert!(new_plan(&plan, "eu-central-1").status.success());
    let new_len = fs::metadata(&plan).unwrap().len();
    // The old plan is larger than the file-size limit, the new one smaller: only the
    // backup's write fails, as when the disk fills between the two.
    let padding = "# a colleague's long note\n".repeat(200);
    let old = format!("{}{padding}", fs::read_to_string(&plan).unwrap());
    fs::write(&plan, &old).unwrap();
    assert_failed_backups_leave_nothing(&dir, Some(new_len + 64));
}

#[test]
fn sigterm_in_the_middle_of_a_save_leaves_no_temp_file() {
    let (dir, data) = (TempDir::new("term-save"), TempDir::new("term-save-data"));
    let plan = dir.join("plan.toml");
    assert!(new_plan(&plan, "cn-hangzhou").status.success());
    let data_dir = data.0.display().to_string();
    let env = [
        ("EDGEPLAN_DATA_DIR", data_dir.as_str()),
        (edgeplan::store::SLOW_SAVE_FOR_TEST_ENV, "1500"),
    ];
    let mut app = Pty::start(Launch {
        env: &env,
        ..Launch::new(&dir.0, &["plan.toml"])
    });
    app.wait_for("Steps");
    app.keys(&[key::CTRL_S]);
    // The save waits 1.5 s with its temporary file written, before the rename: the
    // signal lands while the temporary file exists.
    let start = std::time::Instant::now();
    while !listing(&dir.0).iter().any(|n| n.starts_with(".plan.toml.")) {
        assert!(
            start.elapsed().as_secs() < 15,
            "no save caught in the middle"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    // SAFETY: plain kill(2) of the child we started.
    assert_eq!(unsafe { libc::kill(app.pid() as i32, libc::SIGTERM) }, 0);
    assert_eq!(app.wait_exit(), 128 + 15);
    assert_eq!(listing(&dir.0), ["plan.toml", "plan.toml.bak"]);
    let leftovers: Vec<String> = walk(&data.0);
    assert!(
        leftovers.iter().all(|n| !n.ends_with(".tmp")),
        "{leftovers:?}"
    );
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).into_iter().flatten().flatten() {
        out.push(e.file_name().to_string_lossy().into_owned());
        if e.file_type().unwrap().is_dir() {
            out.extend(walk(&e.path()));
        }
    }
    out
}
