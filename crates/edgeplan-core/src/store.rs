//! Careful writes of plan files: a temporary file in the same directory, flushed and
//! synced, then renamed over the target, so a plan is always either the old or the new
//! version and never half-written. The previous version is kept as `PLAN.toml.bak`.
//!
//! Plans are edited as root in directories others can write to: every temporary file has
//! a random name and is created exclusively (a planted link is never followed), owner and
//! mode are set on the open handle (never on a path), and no path out leaves one behind.

mod read;

pub use read::{Links, ReadError, read_capped};

use std::fs::{self, File, Metadata, Permissions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError, TryLockError};
use std::time::{Duration, Instant};
use tempfile::NamedTempFile;

/// The most read of a file that is only compared or backed up, never parsed.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Set to a number of milliseconds to make every write wait that long before its rename:
/// lets tests end the process in the middle of a save.
pub const SLOW_SAVE_FOR_TEST_ENV: &str = "EDGEPLAN_TEST_SLOW_SAVE";

/// Held while a file is written, so an exit on a signal waits for the write to finish.
static SAVES: Mutex<()> = Mutex::new(());

/// Waits up to `patience` for a write in progress, then keeps any other from starting
/// while the guard lives: taken before the process exits, so no temporary file is left.
pub fn hold_saves(patience: Duration) -> Option<MutexGuard<'static, ()>> {
    let deadline = Instant::now() + patience;
    loop {
        match SAVES.try_lock() {
            Ok(guard) => return Some(guard),
            Err(TryLockError::Poisoned(p)) => return Some(p.into_inner()),
            Err(TryLockError::WouldBlock) if Instant::now() >= deadline => return None,
            Err(TryLockError::WouldBlock) => std::thread::sleep(Duration::from_millis(5)),
        }
    }
}

/// What a file looked like when it was read, to notice a change made by someone else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiskStamp {
    /// Length in bytes.
    pub len: u64,
    /// FNV-1a hash of the contents.
    pub hash: u64,
}

/// FNV-1a: a stable hash (unlike std's) for stamps and draft names.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl DiskStamp {
    /// The stamp of contents just read or written.
    pub fn of_bytes(bytes: &[u8]) -> DiskStamp {
        DiskStamp {
            len: bytes.len() as u64,
            hash: fnv1a(bytes),
        }
    }

    /// The stamp of the file now; `None` when it is missing, not a regular file, over
    /// `MAX_FILE_BYTES` or cannot be read.
    pub fn of(path: &Path) -> Option<DiskStamp> {
        read_capped(path, MAX_FILE_BYTES, Links::Follow)
            .ok()
            .map(|bytes| DiskStamp::of_bytes(&bytes))
    }
}

/// True when the file at `path` is no longer what `loaded` describes (changed, created or removed).
pub fn changed_on_disk(path: &Path, loaded: Option<&DiskStamp>) -> bool {
    let now = DiskStamp::of(path);
    match (loaded, now) {
        (None, None) => false,
        (Some(a), Some(b)) => *a != b,
        _ => true,
    }
}

/// The backup path: `PLAN.toml.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// An error that names the file it is about.
fn naming(path: &Path, what: &str, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{what} {}: {e}", path.display()))
}

/// The file to write: a symbolic link's target, resolved once (the link is kept).
fn resolve(path: &Path, links: Links) -> io::Result<PathBuf> {
    match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() && links == Links::Follow => {
            fs::canonicalize(path).map_err(|e| naming(path, "cannot follow the symbolic link", e))
        }
        _ => Ok(path.to_path_buf()),
    }
}

/// The file being replaced, if any; only a regular file is replaced.
fn existing(target: &Path) -> io::Result<Option<Metadata>> {
    match fs::symlink_metadata(target) {
        Ok(m) if m.file_type().is_file() => Ok(Some(m)),
        // A link left in place of a draft is replaced, never followed.
        Ok(m) if m.file_type().is_symlink() => Ok(None),
        Ok(_) => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{}: not a regular file", target.display()),
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(naming(target, "cannot inspect", e)),
    }
}

/// A new, exclusively created, randomly named file beside `target`; removed when dropped.
fn temp_beside(target: &Path) -> io::Result<NamedTempFile> {
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(target.file_name().unwrap_or_default());
    prefix.push(".");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        // Plans hold customer addressing: owner-only from the start, never world-readable.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(Permissions::from_mode(0o600));
    }
    let dir = parent_dir(target);
    builder
        .tempfile_in(&dir)
        .map_err(|e| naming(&dir, "cannot create a temporary file in", e))
}

/// Gives the new file the owner, group and mode of the one it replaces (owner-only for a
/// new file), through the handle.
fn keep_owner_and_mode(file: &File, old: Option<&Metadata>) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt, fchown};
        let Some(old) = old else {
            return file.set_permissions(Permissions::from_mode(0o600));
        };
        let mine = file.metadata()?;
        if (mine.uid(), mine.gid()) != (old.uid(), old.gid())
            && fchown(file, Some(old.uid()), Some(old.gid())).is_err()
        {
            // Only root may give a file away; others keep at least the group if they can.
            let _ = fchown(file, None, Some(old.gid()));
        }
        file.set_permissions(Permissions::from_mode(old.mode() & 0o777))
    }
    #[cfg(not(unix))]
    {
        let _ = (file, old);
        Ok(())
    }
}

/// Writes `bytes` into a temporary file beside `target`, ready to be renamed over it.
fn prepared(target: &Path, bytes: &[u8], old: Option<&Metadata>) -> io::Result<NamedTempFile> {
    let mut tmp = temp_beside(target)?;
    keep_owner_and_mode(tmp.as_file(), old)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    Ok(tmp)
}

/// Copies the plan being replaced to `PLAN.bak` with its owner and mode.
fn back_up(target: &Path, old: &Metadata) -> io::Result<()> {
    let bak = backup_path(target);
    let bytes =
        read_capped(target, MAX_FILE_BYTES, Links::Refuse).map_err(|e| e.into_io(target))?;
    prepared(&bak, &bytes, Some(old))
        .and_then(|tmp| tmp.persist(&bak).map(drop).map_err(|e| e.error))
        .map_err(|e| naming(&bak, "cannot keep the backup", e))
}

fn slow_for_test() {
    if let Some(ms) = std::env::var_os(SLOW_SAVE_FOR_TEST_ENV)
        .and_then(|v| v.to_str().and_then(|v| v.parse().ok()))
    {
        std::thread::sleep(Duration::from_millis(ms));
    }
}

fn write(path: &Path, bytes: &[u8], keep_backup: bool, links: Links) -> io::Result<()> {
    let _saving = SAVES.lock().unwrap_or_else(PoisonError::into_inner);
    let target = resolve(path, links)?;
    let old = existing(&target)?;
    // A private file (a draft) is always owner-only, whatever the one it replaces was.
    let keep = old.as_ref().filter(|_| links == Links::Follow);
    let tmp = prepared(&target, bytes, keep)?;
    slow_for_test();
    if keep_backup && let Some(old) = &old {
        back_up(&target, old)?;
    }
    tmp.persist(&target).map_err(|e| e.error)?;
    sync_dir(&parent_dir(&target));
    Ok(())
}

fn sync_dir(dir: &Path) {
    // Makes the rename durable; not every platform can open a directory, so best effort.
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        // Only a directory: a FIFO swapped in for it must not block the save.
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_DIRECTORY | libc::O_NONBLOCK);
    }
    if let Ok(d) = options.open(dir) {
        let _ = d.sync_all();
    }
}

/// Writes `bytes` to `path` through a synced temporary file and a rename; a symbolic link
/// at `path` is kept and its target written. `keep_backup` keeps the replaced version as
/// `PATH.bak`. An existing file keeps its owner, group and mode. On error the target is
/// untouched and no temporary file is left.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> io::Result<()> {
    write(path, bytes, keep_backup, Links::Follow)
}

/// Like `write_atomic` without a backup, but a symbolic link at `path` is replaced, never
/// followed: for files inside a directory edgeplan owns (drafts).
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write(path, bytes, false, Links::Refuse)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("edgeplan-store-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&d);
        fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn a_save_replaces_the_file_and_keeps_the_old_one_as_bak() {
        let d = dir("bak");
        let p = d.join("plan.toml");
        write_atomic(&p, b"old", true).unwrap();
        assert!(!backup_path(&p).exists(), "nothing to back up yet");
        write_atomic(&p, b"new", true).unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"new");
        assert_eq!(fs::read(backup_path(&p)).unwrap(), b"old");
        let leftovers: Vec<_> = fs::read_dir(&d)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains(".tmp")
            })
            .collect();
        assert!(leftovers.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn new_plans_are_readable_by_their_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let p = dir("mode").join("plan.toml");
        write_atomic(&p, b"x", true).unwrap();
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }

    #[test]
    fn a_failed_save_says_why_and_leaves_no_file() {
        // A parent that is a file fails even for root.
        let d = dir("fail");
        let file = d.join("not-a-dir");
        fs::write(&file, b"x").unwrap();
        let err = write_atomic(&file.join("plan.toml"), b"new", true).unwrap_err();
        assert!(!err.to_string().is_empty());
        assert_eq!(fs::read(&file).unwrap(), b"x");
    }

    #[cfg(unix)]
    #[test]
    fn a_bak_that_is_a_symlink_is_replaced_and_its_target_left_alone() {
        let d = dir("bak-link");
        let (p, elsewhere) = (d.join("plan.toml"), d.join("elsewhere"));
        fs::write(&elsewhere, b"keep").unwrap();
        write_atomic(&p, b"old", true).unwrap();
        std::os::unix::fs::symlink(&elsewhere, backup_path(&p)).unwrap();
        write_atomic(&p, b"new", true).unwrap();
        assert_eq!(fs::read(&elsewhere).unwrap(), b"keep");
        assert!(!fs::symlink_metadata(backup_path(&p)).unwrap().is_symlink());
        assert_eq!(fs::read(backup_path(&p)).unwrap(), b"old");
    }

    #[test]
    fn a_change_by_someone_else_is_noticed() {
        let p = dir("stamp").join("plan.toml");
        fs::write(&p, b"one").unwrap();
        let stamp = DiskStamp::of(&p);
        assert!(!changed_on_disk(&p, stamp.as_ref()));
        fs::write(&p, b"two").unwrap();
        assert!(changed_on_disk(&p, stamp.as_ref()));
        assert!(changed_on_disk(&p, None), "created since");
    }
}
