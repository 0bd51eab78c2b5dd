//! The hostile theme corpus under tests/fixtures/hostile-themes, loaded the way the app loads
//! a user theme (a file in the user theme directory, `Theme::load`) and through
//! `Theme::parse_over`: every `err-*` file is refused with a one-line problem naming the
//! file, the line and the key or value, and the built-in theme stays in use; every `ok-*`
//! file loads. Never a panic, never unbounded time. Inputs over 1 MB are generated here.
//!
//! Each `err-*` file starts with `# expect: LINE: TEXT`: the line the problem must name and
//! text (the key, the value or the offending line) it must quote.

mod tui_support;

use edgeplan::checks::Severity;
use edgeplan::hop::HopStatus;
use edgeplan::tui::app::MessageKind;
use edgeplan::tui::theme::{MAX_THEME_BYTES, Theme};
use proptest::prelude::*;
use ratatui::style::{Color, Modifier, Style};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;
use tui_support::TempDir;

/// How long one load or parse may take, even of a multi-megabyte file in a debug build.
const TIME_LIMIT: Duration = Duration::from_secs(20);

fn corpus(prefix: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile-themes");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("corpus")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with(prefix) && name.ends_with(".toml")
        })
        .collect();
    files.sort();
    files
}

fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

/// Runs `f` on its own thread (the default 2 MiB stack, a quarter of the app's main
/// thread) and fails if it panics or outlasts `TIME_LIMIT`.
fn bounded<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = mpsc::channel();
    let worker = std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    match rx.recv_timeout(TIME_LIMIT) {
        Ok(value) => {
            worker.join().expect("worker finished");
            value
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what}: took over {TIME_LIMIT:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{what}: panicked"),
    }
}

/// Loads `bytes` as the user theme `name`, as the app does at start-up.
fn load_user_theme(dir: &TempDir, name: &str, bytes: &[u8]) -> (PathBuf, Theme, Option<String>) {
    let path = dir.join(&format!("{name}.toml"));
    std::fs::write(&path, bytes).unwrap();
    let (dir, owned) = (dir.0.clone(), name.to_string());
    let loaded = bounded(&format!("load {name}"), move || {
        Theme::load(Some(&owned), Some(&dir), false)
    });
    (path, loaded.theme, loaded.problem)
}

fn parse_over(base: &'static str, origin: &str, text: String) -> Result<Theme, String> {
    let origin = origin.to_string();
    bounded(&format!("parse_over {origin}"), move || {
        Theme::parse_over(base, &origin, &text)
    })
}

/// `# expect: LINE: TEXT` from an `err-*` file's first line.
fn expectation(path: &Path, bytes: &[u8]) -> (usize, String) {
    let first = bytes.split(|&b| b == b'\n').next().unwrap_or_default();
    let first = std::str::from_utf8(first).unwrap_or_default();
    let (line, text) = first
        .strip_prefix("# expect: ")
        .and_then(|rest| rest.split_once(": "))
        .unwrap_or_else(|| panic!("{}: no `# expect: LINE: TEXT` header", path.display()));
    (line.parse().expect("line number"), text.to_string())
}

/// A problem the status bar can show: one line, no control characters, not huge.
fn fits_the_status_bar(problem: &str, origin: &str) -> bool {
    !problem
        .chars()
        .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c))
        && problem.chars().count() <= origin.chars().count() + 1000
}

/// Every style a theme hands out, for comparing whole themes whatever their names.
fn styles(t: &Theme) -> Vec<Style> {
    let mut all = vec![t.base(), t.muted(), t.heading(), t.key(), t.link(), t.fix()];
    for on in [false, true] {
        all.extend([t.border(on), t.title(on), t.cursor(on), t.input(on)]);
        for status in [HopStatus::Ok, HopStatus::Warning, HopStatus::Error] {
            all.push(t.hop(status, on));
        }
    }
    for severity in [Severity::Warning, Severity::Error] {
        all.push(t.finding(severity));
    }
    all.extend([t.current(), t.reason(), t.status_bar(), t.status_key()]);
    all.extend([t.status_modified(), t.overlay(), t.overlay_border()]);
    all.extend([MessageKind::Info, MessageKind::Error].map(|k| t.message(k)));
    all
}

#[test]
fn the_corpus_has_at_least_thirty_files_of_both_kinds() {
    let (err, ok) = (corpus("err-").len(), corpus("ok-").len());
    assert!(err + ok >= 30 && err >= 20 && ok >= 5, "{err} err, {ok} ok");
    let all = corpus("").len();
    assert_eq!(all, err + ok, "every fixture is named err-* or ok-*");
}

#[test]
fn every_err_theme_is_refused_naming_file_line_and_key_and_the_builtin_stays_in_use() {
    let dir = TempDir::new("theme-hostile-err");
    let light_dir = TempDir::new("theme-hostile-err-as-light");
    let mut failures = Vec::new();
    for fixture in corpus("err-") {
        let name = stem(&fixture);
        let bytes = std::fs::read(&fixture).unwrap();
        let (line, text) = expectation(&fixture, &bytes);

        let (path, theme, problem) = load_user_theme(&dir, &name, &bytes);
        let origin = path.display().to_string();
        match problem {
            None => failures.push(format!("{name}: loaded without a problem")),
            Some(p) => {
                let named = p.contains(&format!("{origin}:{line}: ")) && p.contains(&text);
                if !named || !fits_the_status_bar(&p, &origin) {
                    failures.push(format!(
                        "{name}: want {origin}:{line}: and {text:?}\n  got {p}"
                    ));
                }
                if !p.ends_with("(using the built-in default theme)") {
                    failures.push(format!("{name}: no fallback named: {p}"));
                }
            }
        }
        if theme != Theme::default_dark() {
            failures.push(format!("{name}: the built-in default theme is not in use"));
        }

        // The same file named like a built-in theme falls back to that built-in.
        let (_, theme, problem) = load_user_theme(&light_dir, "light", &bytes);
        if theme != Theme::builtin("light").unwrap() || problem.is_none() {
            failures.push(format!("{name} as light.toml: {problem:?}"));
        }

        let origin = format!("{name}.toml");
        match String::from_utf8(bytes.clone()) {
            Ok(text_in) => match parse_over("default", &origin, text_in) {
                Ok(_) => failures.push(format!("{name}: parse_over accepted it")),
                Err(e) if !e.contains(&format!("{origin}:{line}: ")) || !e.contains(&text) => {
                    failures.push(format!("{name}: parse_over: {e}"))
                }
                Err(_) => {}
            },
            // Not UTF-8: only the loader sees the bytes; the lossy text must still not panic.
            Err(_) => {
                let lossy = String::from_utf8_lossy(&bytes).into_owned();
                let _ = parse_over("default", &origin, lossy);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_ok_theme_loads_without_a_problem() {
    let dir = TempDir::new("theme-hostile-ok");
    for fixture in corpus("ok-") {
        let name = stem(&fixture);
        let bytes = std::fs::read(&fixture).unwrap();
        let (_, theme, problem) = load_user_theme(&dir, &name, &bytes);
        assert_eq!(problem, None, "{name}");
        assert_eq!(theme.name(), name);
        let text = String::from_utf8(bytes).expect("ok fixtures are UTF-8");
        let parsed = parse_over("default", &format!("{name}.toml"), text);
        assert_eq!(
            parsed.as_ref(),
            Ok(&theme),
            "{name}: parse_over agrees with load"
        );
    }
}

fn load_ok(name: &str) -> Theme {
    let fixture = corpus(name)
        .pop()
        .unwrap_or_else(|| panic!("no fixture {name}"));
    let dir = TempDir::new(&format!("theme-hostile-{name}"));
    let (_, theme, problem) = load_user_theme(&dir, name, &std::fs::read(fixture).unwrap());
    assert_eq!(problem, None, "{name}");
    theme
}

#[test]
fn the_partial_theme_changes_its_two_styles_and_keeps_the_default_for_the_rest() {
    let (theme, default) = (load_ok("ok-partial-theme"), Theme::default_dark());
    let error = theme.hop(HopStatus::Error, false);
    assert_eq!(error.fg, Some(Color::Magenta));
    assert_eq!(
        error.add_modifier,
        default.hop(HopStatus::Error, false).add_modifier,
        "modifiers not given come from the default"
    );
    assert_eq!(theme.status_bar().bg, Some(Color::Rgb(0xff, 0xff, 0xd7)));
    assert_eq!(theme.status_bar().fg, default.status_bar().fg);
    let changed = styles(&theme)
        .iter()
        .zip(styles(&default))
        .filter(|(a, b)| **a != *b)
        .count();
    // hop error, selected and not; the status bar.
    assert_eq!(changed, 3);
}

#[test]
fn an_empty_or_comment_only_theme_is_the_default_unchanged() {
    for name in ["ok-empty-file", "ok-comments-only", "ok-empty-styles"] {
        let theme = load_ok(name);
        let default = Theme::default_dark();
        if name == "ok-empty-styles" {
            // `error = { modifiers = [] }` clears the default's bold; `ok = {}` changes nothing.
            assert_eq!(
                theme.hop(HopStatus::Ok, false),
                default.hop(HopStatus::Ok, false)
            );
            let error = theme.hop(HopStatus::Error, false);
            assert_eq!(error.fg, default.hop(HopStatus::Error, false).fg);
            assert_eq!(error.add_modifier, Modifier::empty());
        } else {
            assert_eq!(styles(&theme), styles(&default), "{name}");
        }
    }
}

#[test]
fn every_documented_colour_spelling_reads_as_the_colour_it_names() {
    let t = load_ok("ok-every-colour-spelling");
    assert_eq!(
        (t.base().fg, t.base().bg),
        (Some(Color::Gray), Some(Color::Reset))
    );
    assert_eq!(t.muted().fg, Some(Color::DarkGray));
    assert_eq!(t.heading().fg, Some(Color::LightBlue));
    assert_eq!(t.key().fg, Some(Color::LightRed));
    assert_eq!(t.border(false).fg, Some(Color::Indexed(0)));
    assert_eq!(t.border(true).fg, Some(Color::Indexed(255)));
    assert_eq!(t.title(false).fg, Some(Color::Rgb(0xff, 0xaa, 0x00)));
    assert_eq!(t.title(true).fg, Some(Color::Rgb(0x00, 0xff, 0x7f)));
    assert_eq!(t.title(true).bg, Some(Color::Gray));
    assert_eq!(t.hop(HopStatus::Ok, false).fg, Some(Color::LightGreen));
    assert_eq!(t.hop(HopStatus::Warning, false).fg, Some(Color::Yellow));
    assert_eq!(t.hop(HopStatus::Error, false).fg, Some(Color::LightRed));
}

#[test]
fn dotted_keys_bom_crlf_and_string_forms_read_like_plain_inline_tables() {
    for name in [
        "ok-dotted-keys-and-subtables",
        "ok-utf8-bom",
        "ok-crlf-line-endings",
        "ok-literal-and-multi-line-strings",
        "ok-escaped-colour-names",
    ] {
        let t = load_ok(name);
        assert_eq!(t.hop(HopStatus::Ok, false).fg, Some(Color::Green), "{name}");
    }
    let t = load_ok("ok-dotted-keys-and-subtables");
    assert_eq!(t.hop(HopStatus::Error, false).fg, Some(Color::Red));
    assert_eq!(t.status_bar().bg, Some(Color::Blue));
}

/// A 2 MB value, key or comment: `parse_over` answers briefly, `load` refuses the file for
/// its size before parsing it. Neither quotes megabytes back.
#[test]
fn multi_megabyte_themes_get_a_short_answer() {
    let big = "x".repeat(2 << 20);
    let cases = [
        (
            format!("[hop]\nok = {{ fg = \"{big}\" }}\n"),
            Some("hop.ok.fg = \"xxx"),
        ),
        (format!("[hop]\n{big} = {{}}\n"), Some("unknown field `xxx")),
        (format!("[hop]\nok = {{ fg = \"{big}\n"), Some("xxx")),
        (format!("# {big}\n[hop]\nok = {{ fg = \"red\" }}\n"), None),
        (
            format!(
                "[hop]\nerror = {{ modifiers = [{}] }}\n",
                "\"bold\", ".repeat(300_000)
            ),
            None,
        ),
    ];
    let dir = TempDir::new("theme-hostile-huge");
    for (i, (text, refused)) in cases.into_iter().enumerate() {
        assert!(text.len() as u64 > MAX_THEME_BYTES);
        match (parse_over("default", "big.toml", text.clone()), refused) {
            (Err(e), Some(quoted)) => {
                assert!(
                    e.contains("big.toml:2: ") && e.contains(quoted),
                    "case {i}: {e}"
                );
                assert!(
                    fits_the_status_bar(&e, "big.toml"),
                    "case {i}: {} chars",
                    e.len()
                );
            }
            (Ok(t), None) => assert_eq!(t.name(), "big"),
            (other, _) => panic!("case {i}: {:?}", other.map(|t| t.name().to_string())),
        }
        let (path, theme, problem) = load_user_theme(&dir, "big", text.as_bytes());
        let problem = problem.expect("refused for its size");
        assert!(problem.contains(&path.display().to_string()), "{problem}");
        assert!(problem.contains("larger than 1048576 bytes"), "{problem}");
        assert_eq!(theme, Theme::default_dark());
    }
}

#[test]
fn a_theme_of_exactly_the_size_limit_loads_and_one_byte_more_does_not() {
    let body = "[hop]\nok = { fg = \"red\" }\n";
    let pad = MAX_THEME_BYTES as usize - body.len() - 3;
    let text = format!("#{}\n{body}", " ".repeat(pad));
    let dir = TempDir::new("theme-hostile-limit");
    let (_, theme, problem) = load_user_theme(&dir, "edge", text.as_bytes());
    assert_eq!(text.len() as u64, MAX_THEME_BYTES - 1);
    assert_eq!(problem, None);
    assert_eq!(theme.hop(HopStatus::Ok, false).fg, Some(Color::Red));
    let text = format!("#{}\n{body}", " ".repeat(pad + 1));
    assert_eq!(text.len() as u64, MAX_THEME_BYTES);
    assert_eq!(load_user_theme(&dir, "edge", text.as_bytes()).2, None);
    let text = format!("#{}\n{body}", " ".repeat(pad + 2));
    assert!(load_user_theme(&dir, "edge", text.as_bytes()).2.is_some());
}

/// Nesting a hundred thousand deep is refused on a 2 MiB stack, with the line.
#[test]
fn nesting_a_hundred_thousand_deep_is_refused_without_overflowing_the_stack() {
    let n = 100_000;
    let cases = [
        format!(
            "\n[hop]\nok = {{ fg = {}{} }}\n",
            "[".repeat(n),
            "]".repeat(n)
        ),
        format!("\n[hop]\nok = {}1{}\n", "{ a = ".repeat(n), " }".repeat(n)),
        format!("\n\nhop{} = 1\n", ".a".repeat(n)),
        format!("\n\n[hop{}]\n", ".a".repeat(n)),
        format!("\n\n[[hop{}]]\n", ".a".repeat(n)),
    ];
    for (i, text) in cases.into_iter().enumerate() {
        let e = parse_over("default", "deep.toml", text).expect_err("refused");
        assert!(e.contains("deep.toml:3: "), "case {i}: {e}");
        assert!(fits_the_status_bar(&e, "deep.toml"), "case {i}: {e}");
    }
}

#[test]
fn an_error_after_two_hundred_thousand_lines_names_the_right_line() {
    let text = format!(
        "{}[hop]\nok = {{ fg = \"#12345\" }}\n",
        "# padding\n".repeat(200_000)
    );
    let e = parse_over("default", "long.toml", text).unwrap_err();
    assert!(
        e.contains("long.toml:200002: hop.ok.fg = \"#12345\""),
        "{e}"
    );
    let text = format!("{}[hop]\nerorr = {{}}\n", "\r\n".repeat(200_000));
    let e = parse_over("default", "long.toml", text).unwrap_err();
    assert!(
        e.contains("long.toml:200002: ") && e.contains("erorr"),
        "{e}"
    );
}

/// A directory, a FIFO with no writer or `/dev/zero` in place of the theme file: reported at
/// once, never opened (a FIFO would block start-up, `/dev/zero` would fill memory).
#[test]
fn something_other_than_a_regular_file_is_reported_not_read() {
    let dir = TempDir::new("theme-hostile-not-a-file");
    std::fs::create_dir(dir.join("folder.toml")).unwrap();
    let mut names = vec!["folder"];
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/dev/zero", dir.join("zero.toml")).unwrap();
        let fifo = std::process::Command::new("mkfifo")
            .arg(dir.join("fifo.toml"))
            .status();
        assert!(fifo.is_ok_and(|s| s.success()), "mkfifo");
        names.extend(["zero", "fifo"]);
    }
    for name in names {
        let (owned, path) = (name.to_string(), dir.0.clone());
        let loaded = bounded(name, move || Theme::load(Some(&owned), Some(&path), false));
        let problem = loaded.problem.expect("a problem");
        let file = dir.join(&format!("{name}.toml")).display().to_string();
        assert!(
            problem.starts_with(&format!("theme {file}: not a regular file")),
            "{problem}"
        );
        assert_eq!(loaded.theme, Theme::default_dark());
    }
}

/// Lines a theme file is made of, good and bad, for the structured property.
fn theme_line() -> impl Strategy<Value = String> {
    let section = prop::sample::select(vec![
        "text", "pane", "hop", "finding", "list", "input", "status", "overlay", "colors",
    ]);
    let key = prop::sample::select(vec![
        "normal",
        "border-focused",
        "ok",
        "error",
        "fix",
        "cursor",
        "text",
        "bar",
        "body",
        "x",
    ]);
    let value = prop::sample::select(vec![
        "\"red\"",
        "\"#12345\"",
        "\"#GGGGGG\"",
        "\"#1234567\"",
        "\"255\"",
        "\"256\"",
        "\"+5\"",
        "\"light-blue\"",
        "5",
        "[\"bold\"]",
        "[\"blink\"]",
        "{}",
        "[[[]]]",
        "\"\\u0000\"",
        "",
    ]);
    let field = prop::sample::select(vec!["fg", "bg", "modifiers", "blink"]);
    prop_oneof![
        section.clone().prop_map(|s| format!("[{s}]")),
        section.prop_map(|s| format!("[[{s}]]")),
        (key.clone(), field.clone(), value.clone())
            .prop_map(|(k, f, v)| format!("{k} = {{ {f} = {v} }}")),
        (key.clone(), field, value.clone()).prop_map(|(k, f, v)| format!("{k}.{f} = {v}")),
        (key, value).prop_map(|(k, v)| format!("{k} = {v}")),
        "\\PC{0,12}",
    ]
}

/// A `parse_over` answer is a theme or a short one-line problem naming `fuzz.toml:LINE:`.
fn well_formed(result: Result<Theme, String>) -> Result<(), TestCaseError> {
    if let Err(e) = result {
        let line = e
            .strip_prefix("theme fuzz.toml:")
            .and_then(|r| r.split_once(": "));
        prop_assert!(
            line.is_some_and(|(n, _)| n.parse::<usize>().is_ok_and(|n| n > 0)),
            "{e}"
        );
        prop_assert!(fits_the_status_bar(&e, "fuzz.toml"), "{e}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_text_never_panics_parse_over(text in any::<String>()) {
        well_formed(Theme::parse_over("default", "fuzz.toml", &text))?;
    }

    #[test]
    fn arbitrary_bytes_made_text_never_panic_parse_over(
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
    ) {
        let text = String::from_utf8_lossy(&bytes);
        well_formed(Theme::parse_over("light", "fuzz.toml", &text))?;
    }

    #[test]
    fn theme_shaped_lines_load_or_are_refused_briefly(
        lines in prop::collection::vec(theme_line(), 0..24),
    ) {
        well_formed(Theme::parse_over("high-contrast", "fuzz.toml", &lines.join("\n")))?;
    }

    #[test]
    fn any_colour_string_is_read_or_refused_naming_its_line_and_value(value in any::<String>()) {
        let quoted: String = value.chars().map(|c| format!("\\U{:08X}", c as u32)).collect();
        let text = format!("[hop]\nok = {{ fg = \"{quoted}\" }}\n");
        match Theme::parse_over("default", "fuzz.toml", &text) {
            Ok(t) => prop_assert!(t.hop(HopStatus::Ok, false).fg.is_some()),
            Err(e) => {
                prop_assert!(e.starts_with("theme fuzz.toml:2: hop.ok.fg = \""), "{e}");
                prop_assert!(fits_the_status_bar(&e, "fuzz.toml"), "{e}");
            }
        }
    }
}
