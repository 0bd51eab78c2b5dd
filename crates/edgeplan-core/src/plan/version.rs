//! Kubernetes versions as a plan writes them: `1.30`, `v1.28.3`, `1.28.9-aliyun.1`.

use std::fmt;
use std::str::FromStr;

/// A Kubernetes major and minor version; what compatibility depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KubeVersion {
    /// Major version: the 1 of 1.28.
    pub major: u32,
    /// Minor version: the 28 of 1.28.
    pub minor: u32,
}

/// The oldest Kubernetes Terway Edge runs on. Beyond the source: the vendor's Terway
/// Edge page ("Terway Edge supports clusters of Kubernetes 1.28 or later").
pub const TERWAY_EDGE_MIN_KUBERNETES: KubeVersion = KubeVersion {
    major: 1,
    minor: 28,
};

/// Why a text is not a Kubernetes version.
pub const NOT_A_VERSION: &str =
    "not a Kubernetes version; write it as 1.30, 1.28.3 or 1.28.9-aliyun.1";

fn number(part: &str) -> Option<u32> {
    let digits = !part.is_empty() && part.len() <= 4 && part.bytes().all(|b| b.is_ascii_digit());
    digits.then(|| part.parse().ok()).flatten()
}

impl FromStr for KubeVersion {
    type Err = &'static str;

    /// `MAJOR.MINOR[.PATCH]`, an optional leading `v` and an optional `-build` suffix.
    fn from_str(text: &str) -> Result<KubeVersion, &'static str> {
        let text = text.strip_prefix('v').unwrap_or(text);
        let (core, suffix) = text.split_once('-').unwrap_or((text, ""));
        let suffix_ok = suffix
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
        if !suffix_ok || (text.contains('-') && suffix.is_empty()) {
            return Err(NOT_A_VERSION);
        }
        let parts: Vec<&str> = core.split('.').collect();
        let numbers: Option<Vec<u32>> = parts.iter().map(|p| number(p)).collect();
        match numbers.as_deref() {
            Some([major, minor]) | Some([major, minor, _]) => Ok(KubeVersion {
                major: *major,
                minor: *minor,
            }),
            _ => Err(NOT_A_VERSION),
        }
    }
}

impl fmt::Display for KubeVersion {
    /// `1.28`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.major, self.minor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_read_as_the_cluster_page_and_kubectl_write_them() {
        for (text, minor) in [("1.28", 28), ("v1.30.1", 30), ("1.28.9-aliyun.1", 28)] {
            let v: KubeVersion = text.parse().unwrap();
            assert_eq!((v.major, v.minor), (1, minor), "{text}");
        }
        for bad in [
            "", "1", "1.", "1.28.", "one.two", "1.28-", "1.28.3.4", " 1.28", "1.28 ",
        ] {
            assert!(bad.parse::<KubeVersion>().is_err(), "{bad:?}");
        }
        assert!("1.27".parse::<KubeVersion>().unwrap() < TERWAY_EDGE_MIN_KUBERNETES);
        assert!("2.0".parse::<KubeVersion>().unwrap() > TERWAY_EDGE_MIN_KUBERNETES);
    }
}
