//! Careful writes of plan files: a temporary file in the same directory, flushed and
//! synced, then renamed over the target, so a plan is always either the old or the new
//! version and never half-written. The previous version is kept as `PLAN.toml.bak`.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

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

    /// The stamp of the file now; `None` when it does not exist or cannot be read.
    pub fn of(path: &Path) -> Option<DiskStamp> {
        fs::read(path).ok().map(|bytes| DiskStamp::of_bytes(&bytes))
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

/// A temporary name beside `path`, unique per process and call, so two writers (the
/// event loop and the signal watcher) never share one.
fn temp_path(path: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let mut name = std::ffi::OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(format!(".tmp{}-{n}", std::process::id()));
    path.with_file_name(name)
}

fn create_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        // Plans hold customer addressing: owner-only from the start, never world-readable.
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

fn sync_dir(dir: &Path) {
    // Makes the rename durable; not every platform can open a directory, so best effort.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Writes `bytes` to `path` through a synced temporary file and a rename.
/// `keep_backup` keeps the replaced version as `PATH.bak`. On error the target is untouched.
pub fn write_atomic(path: &Path, bytes: &[u8], keep_backup: bool) -> io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let tmp = temp_path(path);
    let result = (|| {
        let mut file = create_private(&tmp)?;
        if let Ok(meta) = fs::metadata(path) {
            // Keep the mode the owner chose for an existing plan.
            file.set_permissions(meta.permissions())?;
        }
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        if keep_backup && path.exists() {
            let bak = backup_path(path);
            let bak_tmp = temp_path(&bak);
            fs::copy(path, &bak_tmp)?;
            File::open(&bak_tmp)?.sync_all()?;
            fs::rename(&bak_tmp, &bak)?;
        }
        fs::rename(&tmp, path)?;
        sync_dir(&dir);
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
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
