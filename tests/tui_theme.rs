//! Themes: user files merged over a built-in theme, broken files reported, NO_COLOR.

mod tui_support;

use edgeplan::hop::HopStatus;
use edgeplan::tui::app::MessageKind;
use edgeplan::tui::theme::{BUILTIN, Theme};
use ratatui::style::{Color, Modifier, Style};
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

/// The example with a link-local VPC and a vSwitch outside it: the edge nodes, the VPC
/// route table and the security group are broken; on the Review step.
fn broken_review(theme: Theme) -> edgeplan::tui::App {
    let mut app = tui_support::opened(
        tui_support::three_hop_errors(),
        theme,
        edgeplan::tui::glyphs::UNICODE,
    );
    tui_support::press(&mut app, ratatui::crossterm::event::KeyCode::Char('5'));
    app
}

/// True when the cell at the start of `needle` is drawn in `want` over `base`: its
/// colours, and at least its modifiers.
fn drawn_in(buffer: &ratatui::buffer::Buffer, needle: &str, want: Style, base: Style) -> bool {
    let (x, y) =
        tui_support::find(buffer, needle).unwrap_or_else(|| panic!("{needle:?} on screen"));
    let cell = &buffer[(x, y)];
    let want = base.patch(want);
    cell.fg == want.fg.unwrap_or(Color::Reset)
        && cell.bg == want.bg.unwrap_or(Color::Reset)
        && cell.modifier.contains(want.add_modifier)
}

/// Colours per theme are pinned here, cell by cell, rather than by screen snapshots.
#[test]
fn each_builtin_theme_draws_hops_findings_cursor_and_status_bar_in_its_own_styles() {
    use edgeplan::Severity;
    for (name, _) in BUILTIN {
        let t = Theme::builtin(name).unwrap();
        let app = broken_review(t.clone());
        let buffer = tui_support::draw(&app, 120, 40);
        let base = t.base();
        assert!(
            drawn_in(
                &buffer,
                "▸✗ Edge nodes",
                t.hop(HopStatus::Error, true),
                base
            ),
            "{name}: the selected broken hop"
        );
        assert!(
            drawn_in(&buffer, "✓ Core switch", t.hop(HopStatus::Ok, false), base),
            "{name}: a hop that is ok"
        );
        assert!(
            drawn_in(
                &buffer,
                "✗ VPC routes",
                t.hop(HopStatus::Error, false),
                base
            ),
            "{name}: a broken hop"
        );
        let cursor = t.finding(Severity::Error).patch(t.cursor(true));
        assert!(
            drawn_in(&buffer, "▸✗ error", cursor, base),
            "{name}: the finding under the cursor"
        );
        assert!(
            drawn_in(
                &buffer,
                " ✗ error vpc-reserved",
                t.finding(Severity::Error),
                base
            ) || drawn_in(
                &buffer,
                "✗ error vpc-reserved",
                t.finding(Severity::Error),
                base
            ),
            "{name}: a finding not under the cursor"
        );
        assert!(
            drawn_in(&buffer, " plans/site.toml", t.status_bar(), base),
            "{name}: the status bar"
        );
    }
}

#[test]
fn mono_theme_draws_no_colour_anywhere() {
    use ratatui::crossterm::event::KeyCode;
    let mut app = broken_review(Theme::builtin("mono").unwrap());
    tui_support::press(&mut app, KeyCode::Char('4'));
    tui_support::press(&mut app, KeyCode::Char('j'));
    tui_support::press(&mut app, KeyCode::Enter);
    tui_support::type_text(&mut app, "bad");
    for (w, h) in [(80, 24), (120, 40), (160, 48)] {
        let buffer = tui_support::draw(&app, w, h);
        for cell in buffer.content() {
            assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
        }
    }
}
