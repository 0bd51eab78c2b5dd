//! Hostile themes generated here rather than kept in the corpus: multi-megabyte values,
//! the size limit to the byte, deep nesting, hundreds of thousands of lines, special files
//! in place of the theme, and fuzzed text. Never a panic, never unbounded time, never a
//! huge or multi-line problem.

mod tui_support;

use edgeplan::hop::HopStatus;
use edgeplan::tui::theme::{MAX_THEME_BYTES, Theme};
use proptest::prelude::*;
use ratatui::style::Color;
use tui_support::TempDir;
use tui_support::themes::*;

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
