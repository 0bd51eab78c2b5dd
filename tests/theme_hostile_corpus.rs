//! The hostile theme corpus under tests/fixtures/hostile-themes, loaded the way the app loads
//! a user theme (a file in the user theme directory, `Theme::load`) and through
//! `Theme::parse_over`: every `err-*` file is refused with a one-line problem naming the
//! file, the line and the key or value, and the built-in theme stays in use; every `ok-*`
//! file loads. Never a panic, never unbounded time. Generated inputs (megabytes, deep
//! nesting, special files, fuzzing) are in `theme_hostile_generated.rs`.
//!
//! Each `err-*` file starts with `# expect: LINE: TEXT`: the line the problem must name and
//! text (the key, the value or the offending line) it must quote.

mod tui_support;

use edgeplan::checks::Severity;
use edgeplan::hop::HopStatus;
use edgeplan::tui::app::MessageKind;
use edgeplan::tui::theme::Theme;
use ratatui::style::{Color, Modifier, Style};
use std::path::{Path, PathBuf};
use tui_support::TempDir;
use tui_support::themes::*;

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
