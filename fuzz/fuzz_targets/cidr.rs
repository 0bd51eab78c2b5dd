//! Arbitrary strings into the CIDR and address parsers; what parses prints back the same.
#![no_main]

use edgeplan::cidr::{parse_addr, parse_net};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(net) = parse_net(text) {
        assert_eq!(net.to_string(), text, "a valid block is written one way only");
    }
    if let Ok(addr) = parse_addr(text) {
        assert_eq!(addr.to_string(), text);
    }
});
