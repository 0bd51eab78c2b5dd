//! Instance locks: each running edgeplan that edits a plan holds a lock beside its own
//! draft, naming its pid, host and process start time. A second edgeplan on the same
//! plan sees the live lock (and is told), and writes its drafts to another slot, so two
//! instances never share, offer or delete each other's live draft. A lock whose process
//! is gone (same host, pid dead or reused) is stale: its slot and draft are free again.

use crate::draft::{DraftKey, DraftStore};
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// How many instances may edit one plan at once (slot 0 is the plain draft directory).
pub const SLOTS: usize = 8;

/// Longest lock file read; anything longer is not ours.
const MAX_LOCK_BYTES: u64 = 1024;

/// Lock files this process holds, for exit paths that skip destructors (signals, EOF).
static HELD: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Who holds a lock: a running edgeplan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owner {
    /// Its process id.
    pub pid: u32,
    /// The host it runs on.
    pub host: String,
    /// Its start time in clock ticks since boot (0 when unknown), to tell pid reuse.
    pub started: u64,
}

impl Owner {
    /// This process.
    pub fn me() -> Owner {
        let pid = std::process::id();
        Owner {
            pid,
            host: host_name(),
            started: start_time(pid).unwrap_or(0),
        }
    }

    fn to_text(&self) -> String {
        format!(
            "pid={}\nhost={}\nstarted={}\n",
            self.pid, self.host, self.started
        )
    }

    fn parse(text: &str) -> Option<Owner> {
        let field = |name: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(name)?.strip_prefix('='))
                .map(str::to_string)
        };
        let host: String = field("host")?
            .chars()
            .filter(|c| !c.is_control())
            .take(64)
            .collect();
        Some(Owner {
            pid: field("pid")?.parse().ok().filter(|p| *p > 0)?,
            host,
            started: field("started")?.parse().ok()?,
        })
    }

    /// True when the owner is known to be gone: same host, and its pid is dead or now
    /// belongs to a process started at another time. Another host's owner is never gone.
    pub fn is_gone(&self) -> bool {
        if self.host != host_name() {
            return false;
        }
        let Ok(pid) = libc::pid_t::try_from(self.pid) else {
            return true;
        };
        // SAFETY: signal 0 only asks whether the pid exists.
        let dead = unsafe { libc::kill(pid, 0) } != 0
            && io::Error::last_os_error().raw_os_error() == Some(libc::ESRCH);
        dead || (self.started != 0 && start_time(self.pid).is_some_and(|s| s != self.started))
    }

    /// "pid 123 on host-name", for the user.
    pub fn describe(&self) -> String {
        format!("pid {} on {}", self.pid, self.host)
    }
}

/// A lock this process holds; released when dropped.
#[derive(Debug)]
pub struct PlanLock {
    path: PathBuf,
    me: Owner,
}

impl PlanLock {
    /// The lock file.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for PlanLock {
    fn drop(&mut self) {
        if read_owner(&self.path).as_ref() == Some(&self.me) {
            let _ = fs::remove_file(&self.path);
        }
        if let Ok(mut held) = HELD.lock() {
            held.retain(|p| p != &self.path);
        }
    }
}

/// Removes every lock this process holds: for exits that skip destructors.
pub fn release_held() {
    let me = Owner::me();
    let Ok(held) = HELD.lock() else { return };
    for path in held.iter() {
        if read_owner(path).as_ref() == Some(&me) {
            let _ = fs::remove_file(path);
        }
    }
}

/// The draft store of slot `n` under `base` (slot 0 is `base` itself).
pub fn slot_store(base: &DraftStore, n: usize) -> DraftStore {
    match n {
        0 => base.clone(),
        n => DraftStore {
            dir: base.dir.join(format!("instance-{n}")),
        },
    }
}

/// The lock file beside the draft of `key` in `store`.
pub fn lock_path(store: &DraftStore, key: &DraftKey) -> PathBuf {
    store.path(key).with_extension("lock")
}

/// The live instances (other than this one) that edit `key`'s plan under `base`.
pub fn others(base: &DraftStore, key: &DraftKey) -> Vec<Owner> {
    let me = Owner::me();
    (0..SLOTS)
        .filter_map(|n| lock_state(&lock_path(&slot_store(base, n), key)))
        .filter_map(|state| match state {
            LockState::Live(owner) if owner != me => Some(owner),
            _ => None,
        })
        .collect()
}

/// Takes the first slot whose lock is free or stale; its store holds only drafts of
/// instances that are gone.
pub fn claim(base: &DraftStore, key: &DraftKey) -> io::Result<(PlanLock, DraftStore)> {
    let me = Owner::me();
    for n in 0..SLOTS {
        let store = slot_store(base, n);
        let path = lock_path(&store, key);
        if let Some(LockState::Live(_)) = lock_state(&path) {
            continue;
        }
        // Stale or unreadable: the instance is gone, its slot is free.
        match fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        if create_exclusive(&store.dir, &path, &me)? {
            if let Ok(mut held) = HELD.lock() {
                held.push(path.clone());
            }
            return Ok((PlanLock { path, me }, store));
        }
    }
    Err(io::Error::other(format!(
        "{SLOTS} instances already edit this plan"
    )))
}

enum LockState {
    Live(Owner),
    Stale,
}

fn lock_state(path: &Path) -> Option<LockState> {
    if path.symlink_metadata().is_err() {
        return None;
    }
    Some(match read_owner(path) {
        Some(owner) if !owner.is_gone() => LockState::Live(owner),
        _ => LockState::Stale,
    })
}

/// Writes the lock under a temporary name, then links it into place: the lock appears
/// whole or not at all, and only if no one else holds it. False when someone does.
fn create_exclusive(dir: &Path, path: &Path, me: &Owner) -> io::Result<bool> {
    fs::create_dir_all(dir)?;
    let tmp = tempfile::Builder::new().prefix(".lock-").tempfile_in(dir)?;
    fs::write(tmp.path(), me.to_text())?;
    match fs::hard_link(tmp.path(), path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(e),
    }
}

fn read_owner(path: &Path) -> Option<Owner> {
    use std::os::unix::fs::OpenOptionsExt;
    // Never follow a symlink planted in the lock's place.
    let file = fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
        .ok()?;
    let mut text = String::new();
    file.take(MAX_LOCK_BYTES).read_to_string(&mut text).ok()?;
    Owner::parse(&text)
}

fn host_name() -> String {
    let mut buf = [0u8; 256];
    // SAFETY: the buffer is valid for its length; the name is NUL-terminated within it.
    let ok = unsafe { libc::gethostname(buf.as_mut_ptr().cast(), buf.len() - 1) } == 0;
    let end = buf.iter().position(|b| *b == 0).unwrap_or(0);
    if ok && end > 0 {
        String::from_utf8_lossy(&buf[..end]).into_owned()
    } else {
        "localhost".to_string()
    }
}

/// A process's start time (field 22 of `/proc/<pid>/stat`), where the system has it.
fn start_time(pid: u32) -> Option<u64> {
    let stat = fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may hold spaces and parentheses: count fields after the last ')'.
    let rest = &stat[stat.rfind(')')? + 1..];
    rest.split_whitespace().nth(19)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base(name: &str) -> DraftStore {
        let dir = std::env::temp_dir().join(format!("edgeplan-lock-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        DraftStore { dir }
    }

    #[test]
    fn a_lock_names_its_owner_and_goes_when_dropped() {
        let base = base("own");
        let key = DraftKey::Example;
        let (lock, store) = claim(&base, &key).unwrap();
        assert_eq!(store, base, "the first instance gets the plain slot");
        assert_eq!(read_owner(lock.path()), Some(Owner::me()));
        drop(lock);
        assert!(!lock_path(&base, &key).exists());
    }

    #[test]
    fn a_second_claim_gets_another_slot() {
        let base = base("second");
        let key = DraftKey::Example;
        let (_first, s1) = claim(&base, &key).unwrap();
        let (_second, s2) = claim(&base, &key).unwrap();
        assert_ne!(s1, s2);
    }

    #[test]
    fn a_lock_of_a_dead_pid_is_stale_and_its_slot_is_reused() {
        let base = base("stale");
        let key = DraftKey::Example;
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let dead = child.id();
        child.wait().unwrap();
        let owner = Owner {
            pid: dead,
            ..Owner::me()
        };
        fs::create_dir_all(&base.dir).unwrap();
        fs::write(lock_path(&base, &key), owner.to_text()).unwrap();
        assert!(owner.is_gone());
        assert!(others(&base, &key).is_empty());
        let (_lock, store) = claim(&base, &key).unwrap();
        assert_eq!(store, base);
    }

    #[test]
    fn another_hosts_lock_is_never_taken_as_stale() {
        let owner = Owner {
            host: "elsewhere.example".into(),
            pid: u32::MAX - 1,
            started: 1,
        };
        assert!(!owner.is_gone());
    }

    #[test]
    fn a_hostile_lock_file_parses_to_nothing_or_a_clean_owner() {
        assert_eq!(Owner::parse("garbage"), None);
        assert_eq!(Owner::parse("pid=0\nhost=h\nstarted=1"), None);
        let o = Owner::parse("pid=7\nhost=a\u{1b}[2Jb\nstarted=3").unwrap();
        assert_eq!(o.host, "a[2Jb");
    }
}
