//! Shared helpers for the tests that run the real binary: a fixture's path and the
//! command with its arguments (assert_cmd, stdout and stderr piped).
#![allow(dead_code)] // each test file uses a different part

use assert_cmd::Command;
use std::ffi::OsStr;
use std::path::Path;

/// The path of `tests/fixtures/NAME`, as an argument.
pub fn fx(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

/// The built binary with `args`.
pub fn edgeplan<S: AsRef<OsStr>>(args: impl IntoIterator<Item = S>) -> Command {
    let mut cmd = Command::cargo_bin("edgeplan").expect("binary built");
    cmd.args(args);
    cmd
}
