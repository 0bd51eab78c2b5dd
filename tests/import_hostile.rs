//! Hostile input never makes an import panic: random bytes, every truncation of every
//! device fixture, and fixtures with random bytes spliced in, on every hop and transit.
//! Each either imports or fails with an error; no other outcome is allowed.

use edgeplan_core::hop::Hop;
use edgeplan_core::import::{self, ImportContext};
use edgeplan_core::plan::Transit;
use proptest::prelude::*;
use std::net::Ipv4Addr;
use std::path::Path;

fn fixtures() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/devices");
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("fixture directory")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json" || x == "txt"))
        .map(|p| {
            (
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

fn contexts() -> Vec<ImportContext> {
    [Transit::Ecr, Transit::Cen, Transit::Direct]
        .into_iter()
        .flat_map(|transit| {
            [None, Some(Ipv4Addr::new(10, 255, 0, 1))].map(|vbr_peer_ip| ImportContext {
                transit,
                vbr_peer_ip,
            })
        })
        .collect()
}

/// Imports `text` on every hop with every context; the results themselves are not judged.
fn import_everywhere(text: &str) {
    for context in contexts() {
        for hop in Hop::ALL {
            let _ = import::read(text, hop, &context);
        }
    }
}

#[test]
fn the_fixtures_are_all_here() {
    assert_eq!(fixtures().len(), 9);
}

#[test]
fn every_truncation_of_every_fixture_imports_or_fails_cleanly() {
    let context = ImportContext {
        transit: Transit::Ecr,
        vbr_peer_ip: Some(Ipv4Addr::new(10, 255, 0, 1)),
    };
    for (name, text) in fixtures() {
        let hop = import::detect(&text)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .hops()[0];
        for end in (0..=text.len()).filter(|i| text.is_char_boundary(*i)) {
            let _ = import::read(&text[..end], hop, &context);
            let _ = import::read(&text[end..], hop, &context);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        import_everywhere(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn random_text_from_the_formats_alphabet_never_panics(
        text in "[ \n{}\\[\\]\":,./0-9A-Za-z_-]{0,600}",
        prefix in prop::sample::select(vec![
            "", "{", "Codes: L - local\n", "Route Flags: R - relay\n",
            "Destination/Mask    Proto  Pre  Cost         NextHop         Interface\n",
        ]),
    ) {
        import_everywhere(&format!("{prefix}{text}"));
    }

    #[test]
    fn fixtures_with_bytes_spliced_in_never_panic(
        which in 0usize..9,
        at in any::<prop::sample::Index>(),
        junk in proptest::collection::vec(any::<u8>(), 1..16),
    ) {
        let (_, text) = &fixtures()[which];
        let mut bytes = text.clone().into_bytes();
        let at = at.index(bytes.len() + 1);
        bytes.splice(at..at, junk);
        import_everywhere(&String::from_utf8_lossy(&bytes));
    }
}
