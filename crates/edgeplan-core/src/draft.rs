//! Drafts: every edit of a plan is also written to a draft in the data directory, so an
//! SSH drop or a crash loses nothing. A draft names the plan it belongs to on its first
//! line, so drafts of different plans never mix.

use crate::store::{fnv1a, write_atomic};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The environment variable that overrides the draft directory (tests, shared jump hosts).
pub const DATA_DIR_ENV: &str = "EDGEPLAN_DATA_DIR";

const HEADER: &str = "# edgeplan draft for: ";

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

    /// Writes the draft (plan text) for `key`, atomically.
    pub fn save(&self, key: &DraftKey, plan_text: &str) -> io::Result<()> {
        fs::create_dir_all(&self.dir)?;
        #[cfg(unix)]
        {
            // Drafts hold customer addressing; their names say which plans exist.
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&self.dir, fs::Permissions::from_mode(0o700))?;
        }
        let body = format!("{HEADER}{}\n{plan_text}", key.label());
        write_atomic(&self.path(key), body.as_bytes(), false)
    }

    /// The draft's plan text for `key`, if there is one that belongs to it.
    pub fn load(&self, key: &DraftKey) -> Option<String> {
        let body = fs::read_to_string(self.path(key)).ok()?;
        let (first, rest) = body.split_once('\n')?;
        (first == format!("{HEADER}{}", key.label())).then(|| rest.to_string())
    }

    /// Removes the draft of `key`.
    pub fn discard(&self, key: &DraftKey) -> io::Result<()> {
        match fs::remove_file(self.path(key)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
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
        assert_eq!(s.load(&a).as_deref(), Some("text of a"));
        assert_eq!(s.load(&b), None, "same file name, other directory");
        assert_eq!(
            s.load(&DraftKey::Example).as_deref(),
            Some("text of example")
        );
        s.discard(&a).unwrap();
        assert_eq!(s.load(&a), None);
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
}
