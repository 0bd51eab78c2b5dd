//! Arbitrary text into the importers, on every hop and transit: an import answers or
//! fails with an error, never panics, and what it yields fits the caps.
#![no_main]

use edgeplan::hop::Hop;
use edgeplan::import::{self, ImportContext, MAX_ENTRIES, MAX_NOTES};
use edgeplan::plan::Transit;
use libfuzzer_sys::fuzz_target;
use std::net::Ipv4Addr;

fuzz_target!(|text: &str| {
    for transit in [Transit::Ecr, Transit::Cen, Transit::Direct] {
        let context = ImportContext {
            transit,
            vbr_peer_ip: Some(Ipv4Addr::new(10, 255, 0, 1)),
        };
        for hop in Hop::ALL {
            if let Ok(got) = import::read(text, hop, &context) {
                assert!(got.routes.len() <= MAX_ENTRIES && got.rules.len() <= MAX_ENTRIES);
                assert!(got.notes.len() <= MAX_NOTES + 1);
            }
        }
    }
});
