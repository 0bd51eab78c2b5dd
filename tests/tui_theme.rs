//! Themes: user files merged over a built-in theme, broken files reported, NO_COLOR.

mod tui_support;

use edgeplan::hop::HopStatus;
use edgeplan::tui::app::MessageKind;
use edgeplan::tui::theme::{BUILTIN, Theme};
use ratatui::style::{Color, Modifier};
use tui_support::TempDir;

#[test]
fn a_partial_user_theme_is_merged_over_the_default() {
    let dir = TempDir::new("theme-partial");
    std::fs::write(
        dir.join("customer.toml"),
        "[hop]\nerror = { fg = \"magenta\" }\n",
    )
    .unwrap();
    let loaded = Theme::load(Some("customer"), Some(&dir.0), false);
    assert_eq!(loaded.problem, None);
    let (theme, default) = (loaded.theme, Theme::default_dark());
    let error = theme.hop(HopStatus::Error, false);
    assert_eq!(error.fg, Some(Color::Magenta));
    assert!(
        error.add_modifier.contains(Modifier::BOLD),
        "modifiers not given come from the default"
    );
    assert_eq!(
        theme.hop(HopStatus::Ok, false),
        default.hop(HopStatus::Ok, false)
    );
    assert_eq!(theme.status_bar(), default.status_bar());
}

#[test]
fn a_theme_written_for_the_retired_info_finding_style_still_loads() {
    let text = "[finding]\ninfo = { fg = \"lightblue\" }\nerror = { fg = \"magenta\" }\n";
    let theme = Theme::parse_over("default", "old.toml", text).expect("old themes load");
    assert_eq!(
        theme.finding(edgeplan::Severity::Error).fg,
        Some(Color::Magenta)
    );
}

#[test]
fn a_user_file_named_like_a_builtin_theme_changes_that_theme() {
    let dir = TempDir::new("theme-light-override");
    std::fs::write(
        dir.join("light.toml"),
        "[status]\nbar = { bg = \"#ffffd7\" }\n",
    )
    .unwrap();
    let theme = Theme::load(Some("light"), Some(&dir.0), false).theme;
    let light = Theme::builtin("light").unwrap();
    assert_eq!(theme.base(), light.base());
    assert_eq!(theme.status_bar().bg, Some(Color::Rgb(0xff, 0xff, 0xd7)));
    assert_eq!(theme.status_bar().fg, light.status_bar().fg);
}

#[test]
fn a_broken_theme_file_is_reported_with_its_path_and_key() {
    let dir = TempDir::new("theme-broken");
    let cases = [
        ("typo.toml", "[hop]\nerorr = { fg = \"red\" }\n", "erorr"),
        (
            "colour.toml",
            "[finding]\nfix = { fg = \"greenish\" }\n",
            "finding.fix.fg = \"greenish\": not a colour",
        ),
        (
            "modifier.toml",
            "[text]\nheading = { modifiers = [\"blink-fast\"] }\n",
            "text.heading.modifiers",
        ),
        ("syntax.toml", "[hop\nok = {}\n", "syntax.toml"),
    ];
    for (file, text, expected) in cases {
        std::fs::write(dir.join(file), text).unwrap();
        let name = file.trim_end_matches(".toml");
        let loaded = Theme::load(Some(name), Some(&dir.0), false);
        let problem = loaded
            .problem
            .unwrap_or_else(|| panic!("{file} was silently accepted"));
        assert!(problem.contains(expected), "{file}: {problem}");
        assert!(
            problem.contains(&dir.join(file).display().to_string()),
            "{file}: {problem}"
        );
        assert_eq!(
            loaded.theme,
            Theme::default_dark(),
            "{file}: falls back to the built-in default"
        );
    }
}

#[test]
fn an_unknown_theme_name_is_reported_with_the_names_that_exist() {
    let loaded = Theme::load(Some("solarized"), None, false);
    let problem = loaded.problem.unwrap();
    assert!(
        problem.contains("solarized") && problem.contains("high-contrast"),
        "{problem}"
    );
    assert_eq!(loaded.theme.name(), "default");
}

#[test]
fn no_color_forces_mono_whatever_theme_was_asked_for() {
    let loaded = Theme::load(Some("light"), None, true);
    assert_eq!(loaded.theme.name(), "mono");
    assert_eq!(loaded.problem, None);
    let mono = loaded.theme;
    for style in [
        mono.base(),
        mono.hop(HopStatus::Error, true),
        mono.status_bar(),
        mono.message(MessageKind::Error),
    ] {
        assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
    }
}

#[test]
fn every_builtin_theme_tells_hop_statuses_apart() {
    for (name, _) in BUILTIN {
        let t = Theme::builtin(name).unwrap();
        let styles = [HopStatus::Ok, HopStatus::Warning, HopStatus::Error].map(|s| t.hop(s, false));
        assert!(
            styles[0] != styles[1] && styles[1] != styles[2] && styles[0] != styles[2],
            "{name}: {styles:?}"
        );
        assert_ne!(
            t.hop(HopStatus::Ok, true),
            t.hop(HopStatus::Ok, false),
            "{name}: selection shows"
        );
    }
}

#[test]
fn a_theme_error_is_one_line_naming_the_line() {
    let dir = TempDir::new("theme-one-line");
    std::fs::write(
        dir.join("t.toml"),
        "[text]\nnormal = {}\n[hop]\nerorr = {}\n",
    )
    .unwrap();
    let problem = Theme::load(Some("t"), Some(&dir.0), false).problem.unwrap();
    assert!(!problem.contains('\n'), "{problem}");
    assert!(problem.contains("t.toml:4"), "{problem}");
}

#[test]
fn render_code_names_no_colour_and_no_style_of_its_own() {
    // Every look comes from a `Theme` method named for its purpose, so a theme file (and
    // NO_COLOR) reaches all of the screen.
    fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    sources(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui/ui"),
        &mut files,
    );
    assert!(files.len() > 5, "{files:?}");
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for word in ["Color", "Modifier::", "Style::"] {
            assert!(!text.contains(word), "{} names {word}", file.display());
        }
    }
}
