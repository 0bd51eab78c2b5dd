//! Port sets as rules write them: `all`, or a list of ports and ranges
//! (`10250,10255`, `9000-9500`).

use std::fmt;
use std::str::FromStr;

/// An inclusive port range; a single port is a range of one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PortRange {
    /// First port.
    pub first: u16,
    /// Last port, at least `first`.
    pub last: u16,
}

impl PortRange {
    /// True when `port` is in the range.
    pub fn contains(self, port: u16) -> bool {
        self.first <= port && port <= self.last
    }
}

/// The ports a rule matches.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Ports {
    /// Every port.
    All,
    /// These ranges, sorted, at least one.
    Ranges(Vec<PortRange>),
}

/// Why a ports value could not be read; names the piece that is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PortsError {
    /// The piece of the value that is not a port or range.
    pub piece: String,
}

impl fmt::Display for PortsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:?} is not a port (1-65535), a range such as 9000-9500, or all",
            self.piece
        )
    }
}

impl std::error::Error for PortsError {}

impl Ports {
    /// True when `port` is matched.
    pub fn contains(&self, port: u16) -> bool {
        match self {
            Ports::All => true,
            Ports::Ranges(ranges) => ranges.iter().any(|r| r.contains(port)),
        }
    }

    /// A single port.
    pub fn one(port: u16) -> Ports {
        Ports::Ranges(vec![PortRange {
            first: port,
            last: port,
        }])
    }
}

fn port(piece: &str, whole: &str) -> Result<u16, PortsError> {
    match piece.trim().parse::<u16>() {
        Ok(p) if p > 0 => Ok(p),
        _ => Err(PortsError {
            piece: whole.trim().to_string(),
        }),
    }
}

impl FromStr for Ports {
    type Err = PortsError;

    fn from_str(s: &str) -> Result<Ports, PortsError> {
        if s.trim().eq_ignore_ascii_case("all") {
            return Ok(Ports::All);
        }
        let mut ranges = Vec::new();
        for piece in s.split(',') {
            let range = match piece.split_once('-') {
                Some((a, b)) => PortRange {
                    first: port(a, piece)?,
                    last: port(b, piece)?,
                },
                None => {
                    let p = port(piece, piece)?;
                    PortRange { first: p, last: p }
                }
            };
            if range.first > range.last {
                return Err(PortsError {
                    piece: piece.trim().to_string(),
                });
            }
            ranges.push(range);
        }
        ranges.sort();
        Ok(Ports::Ranges(ranges))
    }
}

impl fmt::Display for Ports {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ports::All => f.write_str("all"),
            Ports::Ranges(ranges) => {
                for (i, r) in ranges.iter().enumerate() {
                    if i > 0 {
                        f.write_str(",")?;
                    }
                    if r.first == r.last {
                        write!(f, "{}", r.first)?;
                    } else {
                        write!(f, "{}-{}", r.first, r.last)?;
                    }
                }
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ports_read_lists_ranges_and_all_and_write_back_the_same() {
        for text in [
            "all",
            "6443",
            "10250,10255",
            "9000-9500",
            "443,6443,9000-9500",
        ] {
            assert_eq!(text.parse::<Ports>().unwrap().to_string(), text);
        }
        let ports: Ports = "9000-9500,443".parse().unwrap();
        assert!(ports.contains(9200) && ports.contains(443) && !ports.contains(444));
    }

    #[test]
    fn ports_refuse_zero_reversed_ranges_and_words() {
        for bad in ["0", "9500-9000", "https", "", "1,,2", "70000"] {
            assert!(bad.parse::<Ports>().is_err(), "{bad} was accepted");
        }
    }
}
