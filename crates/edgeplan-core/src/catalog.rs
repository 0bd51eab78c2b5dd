//! The region catalog: ACK add-on registry endpoints and OSS endpoints per region,
//! transcribed from the vendor's page into `assets/regions.toml` and embedded.

use crate::cidr::parse_nets;
use ipnet::Ipv4Net;
use serde::Deserialize;
use std::sync::OnceLock;

/// The embedded catalog text.
pub const REGIONS_TOML: &str = include_str!("../../../assets/regions.toml");

/// Every region the source document names.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalog {
    /// Regions in the source's order: the ACK table first, then OSS-only regions.
    pub regions: Vec<Region>,
}

/// One Alibaba Cloud region.
#[derive(Debug, Clone, PartialEq)]
pub struct Region {
    /// Region id, such as `cn-hangzhou`.
    pub id: String,
    /// Display name, such as `China (Hangzhou)`.
    pub name: String,
    /// The ACK add-on image registry row; `None` when the region is not in that table.
    pub registry: Option<Registry>,
    /// The OSS row; `None` when the region is not in the OSS table.
    pub oss: Option<Oss>,
}

/// A row of "ACK add-on internal image registry endpoints and route CIDR blocks".
#[derive(Debug, Clone, PartialEq)]
pub struct Registry {
    /// The VPC endpoint of the add-on image registry.
    pub endpoint: String,
    /// The route CIDR blocks behind that endpoint.
    pub routes: Vec<Ipv4Net>,
}

/// A row of "OSS internal endpoints and VIP CIDR blocks".
#[derive(Debug, Clone, PartialEq)]
pub struct Oss {
    /// The OSS table's name for the region when it differs from the ACK table's.
    pub name: Option<String>,
    /// The OSS table group, such as `Asia-Pacific - China`.
    pub group: String,
    /// Public endpoint.
    pub public_endpoint: String,
    /// Internal (VPC) endpoint.
    pub internal_endpoint: String,
    /// Dual-stack endpoint; `None` when the source does not give one.
    pub dual_stack_endpoint: Option<String>,
    /// Internal VIP CIDR blocks; `None` when the source does not give them (unknown).
    pub vip_cidrs: Option<Vec<Ipv4Net>>,
}

/// The document the catalog was transcribed from, and when: the catalog file's `[source]`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The document's title.
    pub title: String,
    /// Who publishes the document.
    pub publisher: String,
    /// The document's address, when the transcribed copy names one.
    pub url: Option<String>,
    /// The day the catalog was transcribed (YYYY-MM-DD).
    pub transcribed: String,
}

impl Source {
    /// The source of the catalog embedded in the binary.
    pub fn builtin() -> &'static Source {
        static SOURCE: OnceLock<Source> = OnceLock::new();
        SOURCE.get_or_init(|| {
            let file: CatalogFile =
                toml::from_str(REGIONS_TOML).expect("assets/regions.toml is checked by tests");
            file.source
                .expect("assets/regions.toml has a [source] table, checked by tests")
        })
    }
}

impl std::fmt::Display for Source {
    /// One line: title, publisher, address when known, transcription date.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "\"{}\", {}", self.title, self.publisher)?;
        if let Some(url) = &self.url {
            write!(f, ", {url}")?;
        }
        write!(f, "; transcribed {}", self.transcribed)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    /// Read by `Source::builtin`; optional so a bare catalog (tests) still parses.
    source: Option<Source>,
    region: Vec<RegionFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionFile {
    id: String,
    name: String,
    registry: Option<RegistryFile>,
    oss: Option<OssFile>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistryFile {
    endpoint: String,
    routes: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OssFile {
    name: Option<String>,
    group: String,
    public_endpoint: String,
    internal_endpoint: String,
    dual_stack_endpoint: Option<String>,
    vip_cidrs: Option<Vec<String>>,
}

fn nets(region: &str, field: &str, values: &[String]) -> Result<Vec<Ipv4Net>, String> {
    parse_nets(values).map_err(|(i, e)| format!("region {region}: {field} = {:?}: {e}", values[i]))
}

impl Catalog {
    /// The catalog embedded in the binary.
    pub fn builtin() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(|| {
            Catalog::parse(REGIONS_TOML).expect("assets/regions.toml is checked by tests")
        })
    }

    /// Parses catalog TOML text.
    pub fn parse(text: &str) -> Result<Catalog, String> {
        let file: CatalogFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut regions = Vec::with_capacity(file.region.len());
        for r in file.region {
            let registry = match r.registry {
                Some(g) => Some(Registry {
                    routes: nets(&r.id, "registry.routes", &g.routes)?,
                    endpoint: g.endpoint,
                }),
                None => None,
            };
            let oss = match r.oss {
                Some(o) => Some(Oss {
                    vip_cidrs: match &o.vip_cidrs {
                        Some(v) => Some(nets(&r.id, "oss.vip_cidrs", v)?),
                        None => None,
                    },
                    name: o.name,
                    group: o.group,
                    public_endpoint: o.public_endpoint,
                    internal_endpoint: o.internal_endpoint,
                    dual_stack_endpoint: o.dual_stack_endpoint,
                }),
                None => None,
            };
            regions.push(Region {
                id: r.id,
                name: r.name,
                registry,
                oss,
            });
        }
        Ok(Catalog { regions })
    }

    /// The region with this id.
    pub fn region(&self, id: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.id == id)
    }

    /// The registry routes of `region` that the source also gives another region, each
    /// with that region: a block behind two regions' endpoints is likely a copy error.
    pub fn shared_registry_routes<'a>(&'a self, region: &Region) -> Vec<(Ipv4Net, &'a Region)> {
        let mut out = Vec::new();
        for &route in region.registry_routes() {
            let others = self.regions.iter().filter(|r| r.id != region.id);
            for other in others.filter(|r| r.registry_routes().contains(&route)) {
                out.push((route, other));
            }
        }
        out
    }

    /// The source's anomalies about `region`, one sentence each (empty for most regions).
    pub fn notes(&self, region: &Region) -> Vec<String> {
        let mut notes = Vec::new();
        if region.closing_down() {
            notes.push("the source marks this region \"Closing Down\"".to_string());
        }
        for (route, other) in self.shared_registry_routes(region) {
            notes.push(format!(
                "registry route {route} is also given for {} ({}); one of the two rows may be a copy error",
                other.id, other.name
            ));
        }
        notes
    }
}

impl Region {
    /// The OSS internal VIP CIDR blocks, `None` when the source does not give them.
    pub fn oss_vips(&self) -> Option<&[Ipv4Net]> {
        self.oss.as_ref().and_then(|o| o.vip_cidrs.as_deref())
    }

    /// The registry route CIDR blocks (empty when the region has no registry row).
    pub fn registry_routes(&self) -> &[Ipv4Net] {
        self.registry.as_ref().map_or(&[], |g| &g.routes)
    }

    /// True when the source marks the region "(Closing Down)" (in its name, as printed).
    pub fn closing_down(&self) -> bool {
        self.name.contains("(Closing Down)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_catalog_parses_and_has_every_region() {
        let c = Catalog::builtin();
        assert_eq!(c.regions.len(), 29);
        assert_eq!(
            c.regions.iter().filter(|r| r.registry.is_some()).count(),
            26
        );
        assert_eq!(c.regions.iter().filter(|r| r.oss.is_some()).count(), 27);
    }

    #[test]
    fn the_source_anomalies_are_flagged_and_no_other_region_is() {
        let c = Catalog::builtin();
        let flagged: Vec<&str> = c
            .regions
            .iter()
            .filter(|r| !c.notes(r).is_empty())
            .map(|r| r.id.as_str())
            .collect();
        assert_eq!(flagged, ["eu-west-1", "me-central-1", "cn-nanjing"]);
        let riyadh = c.notes(c.region("me-central-1").unwrap());
        assert_eq!(riyadh.len(), 1);
        assert!(riyadh[0].contains("100.100.0.18/32") && riyadh[0].contains("eu-west-1"));
        assert!(c.notes(c.region("cn-nanjing").unwrap())[0].contains("Closing Down"));
    }

    #[test]
    fn the_builtin_catalog_names_its_source_and_transcription_date() {
        let s = Source::builtin();
        assert_eq!(
            s.title,
            "Configure the network for ACK Edge in dedicated connection mode"
        );
        assert_eq!(s.transcribed, "2026-11-27");
        let line = s.to_string();
        assert!(
            line.contains(&s.title) && line.contains("transcribed 2026-11-27"),
            "{line}"
        );
    }

    #[test]
    fn unknown_vips_differ_from_none() {
        let c = Catalog::builtin();
        assert_eq!(c.region("cn-shanghai").unwrap().oss_vips(), None);
        assert_eq!(c.region("cn-fuzhou").unwrap().oss, None);
        assert!(c.region("ap-northeast-2").unwrap().oss_vips().is_some());
    }

    #[test]
    fn a_catalog_with_a_bad_cidr_is_refused_with_the_region_named() {
        let text = "[[region]]\nid = \"x\"\nname = \"X\"\n[region.registry]\nendpoint = \"e\"\nroutes = [\"1.2.3.4/8\"]\n";
        let err = Catalog::parse(text).unwrap_err();
        assert!(
            err.contains("region x") && err.contains("1.0.0.0/8"),
            "{err}"
        );
    }
}
