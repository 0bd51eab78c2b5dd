//! Command-line values that are domain choices (`--cni`, `--format`, …), read by the same
//! stable ids as plan files.

use crate::plan::expected_ids;
use clap::builder::{PossibleValue, TypedValueParser};
use std::ffi::OsStr;
use std::marker::PhantomData;
use std::str::FromStr;
use strum::VariantArray;

/// A clap value parser for a strum choice: help lists its ids, and a wrong value is
/// refused with `expected a | b`, the words the plan file's errors use.
#[derive(Debug)]
pub struct ChoiceParser<C>(PhantomData<C>);

impl<C> ChoiceParser<C> {
    /// The parser for choice `C`.
    pub fn new() -> Self {
        ChoiceParser(PhantomData)
    }
}

impl<C> Default for ChoiceParser<C> {
    fn default() -> Self {
        Self::new()
    }
}

// By hand, not derived: the derive would ask `C: Clone` of the marker.
impl<C> Clone for ChoiceParser<C> {
    fn clone(&self) -> Self {
        Self::new()
    }
}

impl<C> TypedValueParser for ChoiceParser<C>
where
    C: VariantArray + Copy + Into<&'static str> + FromStr + Send + Sync + 'static,
{
    type Value = C;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<C, clap::Error> {
        // A closure is a value parser too: clap then words the error as it always has.
        let by_id =
            |s: &str| C::from_str(s).map_err(|_| format!("expected {}", expected_ids::<C>()));
        by_id.parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(
            C::VARIANTS.iter().map(|&c| PossibleValue::new(c.into())),
        ))
    }
}
