//! Arbitrary bytes into the plan reader; a plan that reads must check, derive and
//! round-trip through the writer exactly.
#![no_main]

use edgeplan::plan::{parse_plan, plan_text, to_toml, update_toml};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = plan_text("fuzz.toml", data) else { return };
    let Ok(plan) = parse_plan("fuzz.toml", &text) else { return };
    let catalog = edgeplan::Catalog::builtin();
    let _ = edgeplan::checks::check(&plan, catalog);
    let _ = edgeplan::requirements::derive(&plan, catalog);
    let canonical = to_toml(&plan);
    assert_eq!(parse_plan("fuzz.toml", &canonical).as_ref(), Ok(&plan));
    let updated = update_toml(&text, &plan);
    assert_eq!(parse_plan("fuzz.toml", &updated).as_ref(), Ok(&plan));
});
