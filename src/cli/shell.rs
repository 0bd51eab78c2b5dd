//! `edgeplan completions` and `edgeplan man`: shell completion scripts and the manual page,
//! generated from the same clap definition the binary parses with.

use super::{EXIT_OK, EXIT_UNREADABLE};
use std::io::Write;

/// A shell that `edgeplan completions` writes a script for.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, strum::EnumString, strum::IntoStaticStr, strum::VariantArray,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Shell {
    /// GNU Bash.
    Bash,
    /// Z shell.
    Zsh,
    /// fish.
    Fish,
}

impl From<Shell> for clap_complete::Shell {
    fn from(shell: Shell) -> Self {
        match shell {
            Shell::Bash => clap_complete::Shell::Bash,
            Shell::Zsh => clap_complete::Shell::Zsh,
            Shell::Fish => clap_complete::Shell::Fish,
        }
    }
}

/// Writes the completion script of `shell` for the command `cmd`.
pub fn completions(shell: Shell, cmd: &mut clap::Command, out: &mut dyn Write) -> i32 {
    let name = cmd.get_name().to_string();
    clap_complete::generate(clap_complete::Shell::from(shell), cmd, name, out);
    EXIT_OK
}

/// Writes the manual page (roff) of the command `cmd`.
pub fn man(cmd: clap::Command, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    match clap_mangen::Man::new(cmd).render(out) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            let _ = writeln!(err, "cannot write the manual page: {e}");
            EXIT_UNREADABLE
        }
    }
}
