//! Shell conventions of the real binary: completions, the manual page, `--version` naming the
//! catalog's source, `--quiet`, and no escape sequences when stdout is not a terminal.

mod cli_support;

use cli_support::{edgeplan, fx};
use edgeplan::catalog::Source;
use std::ffi::OsStr;
use std::path::Path;

const SUBCOMMANDS: [&str; 9] = [
    "check",
    "show",
    "export",
    "diff",
    "trace",
    "new",
    "regions",
    "completions",
    "man",
];

/// (exit code, stdout, stderr) of a run.
fn run<S: AsRef<OsStr>>(args: impl IntoIterator<Item = S>) -> (i32, String, String) {
    let out = edgeplan(args).output().expect("binary runs");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("utf-8 output");
    (
        out.status.code().expect("exited"),
        text(out.stdout),
        text(out.stderr),
    )
}

#[test]
fn completions_for_each_shell_mention_every_subcommand() {
    for shell in ["bash", "zsh", "fish"] {
        let (code, out, _) = run(["completions", shell]);
        assert_eq!(code, 0, "{shell}");
        for sub in SUBCOMMANDS {
            assert!(out.contains(sub), "{shell} completions lack {sub}");
        }
    }
}

#[test]
fn completions_for_an_unsupported_shell_are_refused_with_the_choices() {
    let (code, out, err) = run(["completions", "tcsh"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("expected bash | zsh | fish"), "{err}");
}

#[test]
fn man_prints_roff_naming_every_subcommand() {
    let (code, out, _) = run(["man"]);
    assert_eq!(code, 0);
    assert!(
        out.lines().any(|l| l.starts_with(".TH edgeplan 1")),
        "{out}"
    );
    for sub in SUBCOMMANDS {
        assert!(
            out.contains(&format!("edgeplan\\-{sub}")),
            "manual page lacks {sub}"
        );
    }
}

#[test]
fn version_names_the_catalog_source_and_its_transcription_date() {
    let source = Source::builtin();
    let (code, out, _) = run(["--version"]);
    assert_eq!(code, 0);
    assert!(out.starts_with(&format!("edgeplan {}", env!("CARGO_PKG_VERSION"))));
    assert!(out.contains(&source.title), "{out}");
    assert!(out.contains(&source.transcribed), "{out}");
}

#[test]
fn quiet_check_prints_nothing_and_keeps_the_exit_codes() {
    for (plan, code) in [
        ("example-flannel-ecr.toml", 0),
        ("warning-only.toml", 0),
        ("broken-terway-no-containers.toml", 1),
    ] {
        for format in ["text", "json"] {
            let (got, out, err) = run(["check", "--quiet", "--format", format, &fx(plan)]);
            assert_eq!((got, out.as_str(), err.as_str()), (code, "", ""), "{plan}");
        }
    }
    let (code, out, err) = run(["check", "-q", &fx("bad-toml.toml")]);
    assert_eq!((code, out.as_str()), (2, ""));
    assert!(
        !err.is_empty(),
        "a plan that cannot be read is still said on stderr"
    );
}

#[test]
fn quiet_new_prints_nothing_and_keeps_the_exit_codes() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("p.toml");
    let plan = plan.to_str().unwrap();
    let (code, out, err) = run(["new", "--quiet", "-o", plan]);
    assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""));
    assert!(Path::new(plan).exists());
    let (code, out, err) = run(["new", "-q", "-o", plan]);
    assert_eq!((code, out.as_str()), (2, ""), "an existing file is refused");
    assert!(err.contains("already exists"), "{err}");
    let broken = dir.path().join("broken.toml");
    let broken = broken.to_str().unwrap();
    let (code, out, _) = run(["new", "-q", "-o", broken, "--vpc", "10.1.0.0/16"]);
    assert_eq!(
        (code, out.as_str()),
        (1, ""),
        "a plan written with errors exits 1"
    );
}

/// Every command (and clap's own help and errors) with stdout piped writes no ESC byte, with
/// or without NO_COLOR, even when the environment asks for colour.
#[test]
fn no_command_writes_escape_sequences_to_a_pipe() {
    let dir = tempfile::tempdir().unwrap();
    let new_plan = dir.path().join("n.toml").display().to_string();
    let runs: Vec<Vec<String>> = [
        vec!["check".into(), fx("broken-terway-no-containers.toml")],
        vec![
            "check".into(),
            "--format".into(),
            "json".into(),
            fx("warning-only.toml"),
        ],
        vec!["check".into(), fx("bad-toml.toml")],
        vec!["show".into(), fx("example-terway-cen.toml")],
        vec!["regions".into()],
        vec!["regions".into(), "--format".into(), "json".into()],
        vec!["new".into(), "--force".into(), "-o".into(), new_plan],
        vec!["completions".into(), "bash".into()],
        vec!["completions".into(), "zsh".into()],
        vec!["completions".into(), "fish".into()],
        vec!["man".into()],
        vec!["--version".into()],
        vec!["--help".into()],
        vec!["check".into(), "--help".into()],
        vec![
            "check".into(),
            "--format".into(),
            "yaml".into(),
            "x.toml".into(),
        ],
        vec!["nonsense-flag-run".into(), "--bogus".into()],
    ]
    .into();
    for no_color in [false, true] {
        for args in &runs {
            let mut cmd = edgeplan(args);
            cmd.env_remove("CLICOLOR_FORCE")
                .env("TERM", "xterm-256color");
            if no_color {
                cmd.env("NO_COLOR", "1");
            } else {
                cmd.env_remove("NO_COLOR");
            }
            let out = cmd.output().expect("binary runs");
            for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
                assert!(
                    !bytes.contains(&0x1b),
                    "{args:?} (NO_COLOR {no_color}) wrote ESC to {stream}"
                );
            }
        }
    }
}
