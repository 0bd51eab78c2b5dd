//! Arbitrary bytes into the theme parser, as a user theme merged over the default: never a
//! panic, and a refusal is one line naming `fuzz.toml:LINE:` as the status bar shows it.
#![no_main]

use edgeplan::tui::theme::Theme;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Err(e) = Theme::parse_over("default", "fuzz.toml", text) {
        let line = e
            .strip_prefix("theme fuzz.toml:")
            .and_then(|r| r.split_once(": "));
        assert!(
            line.is_some_and(|(n, _)| n.parse::<usize>().is_ok_and(|n| n > 0)),
            "{e}"
        );
        assert!(!e.chars().any(char::is_control), "{e:?}");
    }
});
