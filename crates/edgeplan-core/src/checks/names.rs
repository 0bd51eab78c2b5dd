//! Lists of blocks in finding text, bounded: a few named, the rest counted, so a message
//! stays short however long the plan's lists are (a message per entry that repeated a
//! whole list made the output quadratic in the plan).

use std::fmt::{self, Display, Write};

/// How many blocks a message names before it counts the rest.
pub const NAMED: usize = 3;

/// `10.0.0.0/8, 10.1.0.0/16, 10.2.0.0/16 and 1,997 more`: at most `max` items named
/// (`usize::MAX` names them all). The one way a list of blocks is said in prose.
pub fn name_some<T: Display>(items: impl ExactSizeIterator<Item = T>, max: usize) -> String {
    let mut out = String::new();
    let _ = write_some(&mut out, items, max);
    out
}

/// Writes what [`name_some`] returns, for `Display` impls.
pub fn write_some<T: Display>(
    out: &mut impl Write,
    items: impl ExactSizeIterator<Item = T>,
    max: usize,
) -> fmt::Result {
    let len = items.len();
    for (i, item) in items.take(max).enumerate() {
        if i > 0 {
            out.write_str(", ")?;
        }
        write!(out, "{item}")?;
    }
    let rest = len.saturating_sub(max);
    if rest > 0 {
        write!(out, " and {} more", thousands(rest))?;
    }
    Ok(())
}

/// `1997` as `1,997`, so large counts read at a glance.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_list_is_named_in_full() {
        assert_eq!(
            name_some(["10.0.0.0/8", "192.168.0.0/16"].iter(), NAMED),
            "10.0.0.0/8, 192.168.0.0/16"
        );
        assert_eq!(name_some(std::iter::empty::<&str>(), NAMED), "");
    }

    #[test]
    fn a_long_list_names_a_few_and_counts_the_rest() {
        let items: Vec<String> = (0..2000)
            .map(|i| format!("10.{}.0.0/16", i % 256))
            .collect();
        assert_eq!(
            name_some(items.iter(), 3),
            "10.0.0.0/16, 10.1.0.0/16, 10.2.0.0/16 and 1,997 more"
        );
    }

    #[test]
    fn thousands_groups_digits_by_three() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
