//! Drafts: every edit of a plan is also written to a draft in the data directory, so an
//! SSH drop or a crash loses nothing. A draft names the plan it belongs to on its first
//! line, so drafts of different plans never mix.

use crate::plan::MAX_PLAN_BYTES;
use crate::store::{Links, fnv1a, read_capped, write_private};
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

/// The environment variable that overrides the draft directory (tests, shared jump hosts).
pub const DATA_DIR_ENV: &str = "EDGEPLAN_DATA_DIR";

const HEADER: &str = "# edgeplan draft for: ";

/// The largest draft read: a plan and its header line.
const MAX_DRAFT_BYTES: u64 = MAX_PLAN_BYTES + 64 * 1024;

/// Which plan a draft belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftKey {
    /// The built-in example plan.
    Example,
    /// A plan file, by its absolute path.
    File(PathBuf),
}

impl DraftKey {
    /// The key for a plan file (made absolute so `plan.toml` and `./plan.toml` agree).
    pub fn for_file(path: &Path) -> DraftKey {
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        DraftKey::File(abs)
    }

    fn label(&self) -> String {
        match self {
            DraftKey::Example => "(built-in example)".to_string(),
            DraftKey::File(p) => p.display().to_string(),
        }
    }

    fn file_name(&self) -> String {
        match self {
            DraftKey::Example => "example.draft.toml".to_string(),
            DraftKey::File(p) => {
                let stem = p
                    .file_stem()
                    .map_or("plan".into(), |s| s.to_string_lossy().into_owned());
                let stem: String = stem
                    .chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                    .take(40)
                    .collect();
                format!(
                    "{stem}-{:016x}.draft.toml",
                    fnv1a(p.as_os_str().as_encoded_bytes())
                )
            }
        }
    }
}

/// Where drafts live.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftStore {
    /// The directory of draft files.
    pub dir: PathBuf,
}

impl DraftStore {
    /// The store in `$EDGEPLAN_DATA_DIR` or the platform's data directory.
    pub fn default_location() -> Option<DraftStore> {
        let base = match std::env::var_os(DATA_DIR_ENV) {
            Some(d) if !d.is_empty() => PathBuf::from(d),
            _ => directories::ProjectDirs::from("", "", "edgeplan")?
                .data_dir()
                .to_path_buf(),
        };
        Some(DraftStore {
            dir: base.join("drafts"),
        })
    }

    /// The draft file of a plan.
    pub fn path(&self, key: &DraftKey) -> PathBuf {
        self.dir.join(key.file_name())
    }

    /// Opens the draft directory, refusing a symbolic link, something not a directory or
    /// a directory owned by someone else; checked on the handle. `None` when it is missing.
    fn open_dir(&self) -> io::Result<Option<File>> {
        let refuse = |why: &str| {
            io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!(
                    "the draft directory {} {why}; refusing to use it (remove it or set {DATA_DIR_ENV})",
                    self.dir.display()
                ),
            )
        };
        let mut options = fs::OpenOptions::new();
        options.read(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.custom_flags(libc::O_NOFOLLOW | libc::O_DIRECTORY);
        }
        let dir = match options.open(&self.dir) {
            Ok(dir) => dir,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            #[cfg(unix)]
            Err(e) if matches!(e.raw_os_error(), Some(libc::ELOOP | libc::ENOTDIR)) => {
                let link = fs::symlink_metadata(&self.dir).is_ok_and(|m| m.is_symlink());
                return Err(refuse(if link {
                    "is a symbolic link"
                } else {
                    "is not a directory"
                }));
            }
            Err(e) => return Err(e),
        };
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let owner = dir.metadata()?.uid();
            // SAFETY: geteuid has no preconditions and cannot fail.
            let me = unsafe { libc::geteuid() };
            if owner != me {
                return Err(refuse(&format!(
                    "belongs to uid {owner}, not to you (uid {me})"
                )));
            }
        }
        Ok(Some(dir))
    }

    /// The draft directory, created owner-only if missing, made owner-only if not.
    fn ready_dir(&self) -> io::Result<()> {
        if self.open_dir()?.is_none() {
            if let Some(parent) = self.dir.parent() {
                fs::create_dir_all(parent)?;
            }
            let mut builder = fs::DirBuilder::new();
            #[cfg(unix)]
            {
                // Drafts hold customer addressing; their names say which plans exist.
                use std::os::unix::fs::DirBuilderExt;
                builder.mode(0o700);
            }
            match builder.create(&self.dir) {
                Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
                _ => {}
            }
        }
        let dir = self.open_dir()?.ok_or_else(|| {
            io::Error::new(io::ErrorKind::NotFound, "the draft directory vanished")
        })?;
        #[cfg(unix)]
        {
            // Through the handle: the directory checked is the one changed.
            use std::os::unix::fs::PermissionsExt;
            if dir.metadata()?.permissions().mode() & 0o077 != 0 {
                dir.set_permissions(fs::Permissions::from_mode(0o700))?;
            }
        }
        Ok(())
    }

    /// Writes the draft (plan text) for `key`, atomically.
    pub fn save(&self, key: &DraftKey, plan_text: &str) -> io::Result<()> {
        self.ready_dir()?;
        let body = format!("{HEADER}{}\n{plan_text}", key.label());
        write_private(&self.path(key), body.as_bytes())
    }

    /// The draft's plan text for `key`, if there is one that belongs to it; an error when
    /// the directory or the draft is refused (a link, not a regular file, too large).
    pub fn load(&self, key: &DraftKey) -> io::Result<Option<String>> {
        if self.open_dir()?.is_none() {
            return Ok(None);
        }
        let path = self.path(key);
        let bytes = match read_capped(&path, MAX_DRAFT_BYTES, Links::Refuse) {
            Err(e) if e.is_not_found() => return Ok(None),
            other => other.map_err(|e| e.into_io(&path))?,
        };
        let Ok(body) = String::from_utf8(bytes) else {
            return Ok(None);
        };
        let Some((first, rest)) = body.split_once('\n') else {
            return Ok(None);
        };
        Ok((first == format!("{HEADER}{}", key.label())).then(|| rest.to_string()))
    }

    /// Moves an unreadable draft of `key` out of autosave's way; where it went.
    pub fn set_aside(&self, key: &DraftKey) -> io::Result<PathBuf> {
        self.open_dir()?;
        let path = self.path(key);
        let aside = path.with_extension("unreadable");
        // rename moves a link itself, never what it points to.
        fs::rename(&path, &aside)?;
        Ok(aside)
    }

    /// Removes the draft of `key`.
    pub fn discard(&self, key: &DraftKey) -> io::Result<()> {
        if self.open_dir()?.is_none() {
            return Ok(());
        }
        // remove_file removes a link itself, never what it points to.
        match fs::remove_file(self.path(key)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// The comment line a draft carries for a value that was being typed and is not valid
/// yet: the plan keeps the old value, and this line keeps the half-typed text.
const UNFINISHED: &str = "# unfinished: ";

/// A value that was being typed when the draft was written: where it goes and the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unfinished {
    /// The plan key it goes to, dotted (`network.datacenter_cidrs[0]`).
    pub field: String,
    /// The text as typed (not a valid value).
    pub text: String,
}

/// `text` as a one-line TOML basic string (toml's own writer may break lines).
fn quoted(text: &str) -> String {
    let mut out = String::from('"');
    for c in text.chars() {
        match c {
            '"' | '\\' => out.extend(['\\', c]),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Unfinished {
    /// The comment line that records it in a draft (one line; TOML quoting).
    pub fn note(&self) -> String {
        let (field, text) = (quoted(&self.field), quoted(&self.text));
        format!("{UNFINISHED}{{ field = {field}, text = {text} }}\n")
    }

    /// The unfinished value a draft's text records, if any.
    pub fn read(draft_text: &str) -> Option<Unfinished> {
        let line = draft_text
            .lines()
            .find_map(|l| l.strip_prefix(UNFINISHED))?;
        let table: toml::Table = toml::from_str(&format!("v = {line}")).ok()?;
        let v = table.get("v")?.as_table()?;
        Some(Unfinished {
            field: v.get("field")?.as_str()?.to_string(),
            text: v.get("text")?.as_str()?.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(name: &str) -> DraftStore {
        let dir =
            std::env::temp_dir().join(format!("edgeplan-draft-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        DraftStore { dir }
    }

    #[test]
    fn a_draft_comes_back_for_its_own_plan_only() {
        let s = store("own");
        let a = DraftKey::for_file(Path::new("/tmp/a/plan.toml"));
        let b = DraftKey::for_file(Path::new("/tmp/b/plan.toml"));
        s.save(&a, "text of a").unwrap();
        s.save(&DraftKey::Example, "text of example").unwrap();
        assert_eq!(s.load(&a).unwrap().as_deref(), Some("text of a"));
        assert_eq!(s.load(&b).unwrap(), None, "same file name, other directory");
        assert_eq!(
            s.load(&DraftKey::Example).unwrap().as_deref(),
            Some("text of example")
        );
        s.discard(&a).unwrap();
        assert_eq!(s.load(&a).unwrap(), None);
        s.discard(&a).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn drafts_are_private_to_their_owner() {
        use std::os::unix::fs::PermissionsExt;
        let s = store("private");
        s.save(&DraftKey::Example, "text").unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&s.dir), 0o700);
        assert_eq!(mode(&s.path(&DraftKey::Example)), 0o600);
    }

    #[test]
    fn an_unfinished_value_survives_its_note_with_quotes_and_newlines() {
        let u = Unfinished {
            field: "network.datacenter_cidrs[0]".into(),
            text: "10.50.0 \"x\"\n# y".into(),
        };
        let note = u.note();
        assert_eq!(note.lines().count(), 1, "{note}");
        let draft = format!("name = \"a\"\n{note}region = \"cn-hangzhou\"\n");
        assert_eq!(Unfinished::read(&draft), Some(u));
        assert_eq!(Unfinished::read("name = \"a\"\n"), None);
    }
}
