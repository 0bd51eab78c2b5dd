//! Reading the `[observed.<hop>]` sections (schema version 2): what each device really
//! has. Strict like the rest of the format: a key a hop cannot hold, an unknown key or a
//! bad value is a problem naming its line, its full key (`observed.firewall.rules[2].ports`)
//! and its value, and every problem is reported in the same read.

use super::error::{Problem, line_of};
use super::read::{Reader, found};
use super::{OLDEST_SCHEMA_VERSION, Plan, SCHEMA_VERSION, Transit, expected_ids};
use crate::cidr::{parse_addr, parse_net};
use crate::hop::Hop;
use crate::observed::{
    Direction, NextHop, PathNode, Ports, Protocol, RouteEntry, RuleAction, RuleEntry, Survey,
    SurveyKey, is_surveyable,
};
use ipnet::Ipv4Net;
use std::str::FromStr;
use strum::VariantArray;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The keys of one route, in writing order.
pub(super) const ROUTE_KEYS: [&str; 3] = ["destination", "next_hop", "status"];
/// The keys of one rule, in writing order.
pub(super) const RULE_KEYS: [&str; 6] = [
    "direction",
    "action",
    "protocol",
    "ports",
    "peers",
    "priority",
];

/// The hop whose section is named `id`.
fn hop_of(id: &str) -> Option<Hop> {
    Hop::ALL.into_iter().find(|h| h.id() == id)
}

/// `a`, `b` and `c` in backquotes, for "expected one of" messages.
fn quoted<'a>(keys: impl Iterator<Item = &'a str>) -> String {
    keys.map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The words a `next_hop` may name on the path.
fn path_words() -> impl Iterator<Item = &'static str> {
    PathNode::VARIANTS
        .iter()
        .map(|n| n.into())
        .chain(std::iter::once("local"))
}

/// The value of an integer, whatever radix it was written in.
fn integer(value: &DeValue<'_>) -> Option<i64> {
    match value {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
        _ => None,
    }
}

impl Reader<'_> {
    /// A problem with no value to show: a key missing from the entry at `at`.
    fn missing(&mut self, at: &Spanned<DeValue<'_>>, key: String, message: String) {
        self.problems.push(Problem {
            line: Some(line_of(self.text, at.span().start)),
            key: Some(key),
            value: None,
            message,
        });
    }

    /// The value as a table, or a problem saying what was expected instead.
    fn table<'v, 'i>(
        &mut self,
        value: &'v Spanned<DeValue<'i>>,
        key: &str,
        expected: &str,
    ) -> Option<&'v DeTable<'i>> {
        match value.get_ref() {
            DeValue::Table(t) => Some(t),
            other => {
                let message = format!("invalid type: {}, expected {expected}", found(other));
                self.keyed(value, key.to_string(), message);
                None
            }
        }
    }

    /// The value as a string, or a problem under `key`.
    fn text_at<'v>(&mut self, value: &'v Spanned<DeValue<'_>>, key: &str) -> Option<&'v str> {
        match value.get_ref() {
            DeValue::String(s) => Some(s),
            other => {
                let message = format!("invalid type: {}, expected a string", found(other));
                self.keyed(value, key.to_string(), message);
                None
            }
        }
    }

    /// The value as one of the ids of `C`, or a problem naming them.
    fn choice_at<C>(&mut self, value: &Spanned<DeValue<'_>>, key: &str, what: &str) -> Option<C>
    where
        C: VariantArray + Copy + Into<&'static str> + FromStr,
    {
        let text = self.text_at(value, key)?;
        let parsed = C::from_str(text).ok();
        if parsed.is_none() {
            let message = format!("unknown {what}; expected {}", expected_ids::<C>());
            self.keyed(value, key.to_string(), message);
        }
        parsed
    }

    /// Problems for every key of `table` not in `known`, each under `path.key`.
    fn unknown_in(&mut self, table: &DeTable<'_>, path: &str, known: &[&str]) {
        for (key, value) in table.iter() {
            let key = key.get_ref().as_ref();
            if !known.contains(&key) {
                let message = format!(
                    "unknown field `{}`, expected one of {}",
                    super::error::shorten(key),
                    quoted(known.iter().copied())
                );
                self.keyed(value, format!("{path}.{key}"), message);
            }
        }
    }

    /// Reads `[observed.*]` into `plan.observed`; `version` is the file's format, when
    /// it could be read.
    pub(super) fn observed(&mut self, root: &DeTable<'_>, version: Option<i64>, plan: &mut Plan) {
        let Some((key, item)) = root.get_key_value("observed") else {
            return;
        };
        if version == Some(OLDEST_SCHEMA_VERSION) {
            let message = format!(
                "observed sections need schema_version = {SCHEMA_VERSION}; this file says {OLDEST_SCHEMA_VERSION}"
            );
            return self.missing_value_at(key.span().start, "observed".into(), message);
        }
        let Some(table) = self.table(item, "observed", "a table of [observed.<hop>] sections")
        else {
            return;
        };
        let surveyable: Vec<&str> = Hop::ALL
            .into_iter()
            .filter(|h| is_surveyable(*h))
            .map(Hop::id)
            .collect();
        for (key, value) in table.iter() {
            let id = key.get_ref().as_ref();
            let path = format!("observed.{id}");
            let hop = match hop_of(id) {
                Some(hop) if is_surveyable(hop) => hop,
                found => {
                    let why = if found.is_some() {
                        "the edge nodes are where flows start and end, not a device to survey; "
                    } else {
                        ""
                    };
                    let message = format!(
                        "unknown field `{}`, {why}expected one of {}",
                        super::error::shorten(id),
                        quoted(surveyable.iter().copied())
                    );
                    self.missing_value_at(key.span().start, path, message);
                    continue;
                }
            };
            if hop == Hop::Transit && plan.transit == Transit::Direct {
                let message = "network.transit is direct: there is no transit router to survey; remove this section or choose ecr or cen".to_string();
                self.missing_value_at(key.span().start, path, message);
                continue;
            }
            let Some(section) = self.table(value, &path, "a table such as [observed.vbr]") else {
                continue;
            };
            let survey = self.survey(hop, section, &path);
            plan.observed.surveys.insert(hop, survey);
        }
    }

    /// A problem at byte `offset` naming `key`, with no value (a section or table name).
    fn missing_value_at(&mut self, offset: usize, key: String, message: String) {
        self.problems.push(Problem {
            line: Some(line_of(self.text, offset)),
            key: Some(key),
            value: None,
            message,
        });
    }

    fn survey(&mut self, hop: Hop, section: &DeTable<'_>, path: &str) -> Survey {
        let mut survey = Survey::default();
        let allowed: Vec<&str> = SurveyKey::allowed(hop).map(SurveyKey::key).collect();
        for (key, value) in section.iter() {
            let name = key.get_ref().as_ref();
            let full = format!("{path}.{name}");
            let Some(key) = SurveyKey::from_key(name).filter(|k| k.allowed_on(hop)) else {
                let elsewhere: Vec<&str> = SurveyKey::from_key(name)
                    .map(|k| k.hops().map(Hop::id).collect())
                    .unwrap_or_default();
                let message = if elsewhere.is_empty() {
                    format!(
                        "unknown field `{}`, expected one of {}",
                        super::error::shorten(name),
                        quoted(allowed.iter().copied())
                    )
                } else {
                    format!(
                        "`{name}` is not surveyed on {}; it belongs on {}; expected one of {}",
                        hop.id(),
                        elsewhere.join(", "),
                        quoted(allowed.iter().copied())
                    )
                };
                self.keyed(value, full, message);
                continue;
            };
            match key {
                SurveyKey::Routes => survey.routes = self.entries(value, &full, Self::route),
                SurveyKey::Rules => survey.rules = self.entries(value, &full, Self::rule),
                SurveyKey::Bgp => match value.get_ref() {
                    DeValue::Boolean(b) => survey.bgp = Some(*b),
                    other => {
                        let message =
                            format!("invalid type: {}, expected true or false", found(other));
                        self.keyed(value, full, message);
                    }
                },
                SurveyKey::VbrPeerIp => {
                    if let Some(text) = self.text_at(value, &full) {
                        match parse_addr(text) {
                            Ok(addr) => survey.vbr_peer_ip = Some(addr),
                            Err(e) => self.keyed(value, full, e.to_string()),
                        }
                    }
                }
                SurveyKey::Mtu => match integer(value.get_ref()) {
                    Some(n @ 68..=65535) => survey.mtu = Some(n as u32),
                    _ => self.keyed(value, full, "expected an MTU in bytes, 68 to 65535".into()),
                },
                SurveyKey::DefaultInbound => {
                    survey.default_inbound = self.choice_at(value, &full, "default action");
                }
                SurveyKey::DefaultOutbound => {
                    survey.default_outbound = self.choice_at(value, &full, "default action");
                }
            }
        }
        survey
    }

    /// The entries of an array of tables, each read by `entry`; bad entries are left out
    /// (their problems make the whole read fail).
    fn entries<T>(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        path: &str,
        entry: fn(&mut Self, &Spanned<DeValue<'_>>, &DeTable<'_>, &str) -> Option<T>,
    ) -> Vec<T> {
        let DeValue::Array(items) = value.get_ref() else {
            let message = format!(
                "invalid type: {}, expected an array of tables, one per entry",
                found(value.get_ref())
            );
            self.keyed(value, path.to_string(), message);
            return Vec::new();
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let at = format!("{path}[{i}]");
            if let Some(table) = self.table(item, &at, "a table such as { key = \"value\", … }")
                && let Some(e) = entry(self, item, table, &at)
            {
                out.push(e);
            }
        }
        out
    }

    /// The value of required key `key` of an entry, or a problem saying it is missing.
    fn required<'v, 'i>(
        &mut self,
        item: &Spanned<DeValue<'_>>,
        table: &'v DeTable<'i>,
        path: &str,
        key: &str,
        what: &str,
    ) -> Option<&'v Spanned<DeValue<'i>>> {
        let value = table.get(key);
        if value.is_none() {
            let message = format!("missing; {what}");
            self.missing(item, format!("{path}.{key}"), message);
        }
        value
    }

    fn route(
        &mut self,
        item: &Spanned<DeValue<'_>>,
        table: &DeTable<'_>,
        path: &str,
    ) -> Option<RouteEntry> {
        const WHAT: &str = "a route has a destination and a next_hop";
        self.unknown_in(table, path, &ROUTE_KEYS);
        let destination = self
            .required(item, table, path, "destination", WHAT)
            .and_then(|v| self.cidr(v, &format!("{path}.destination")));
        let next_hop = self
            .required(item, table, path, "next_hop", WHAT)
            .and_then(|v| self.next_hop(v, &format!("{path}.next_hop")));
        let inactive = match table.get("status") {
            None => Some(None),
            Some(v) => self.status(v, &format!("{path}.status")),
        };
        Some(RouteEntry {
            destination: destination?,
            next_hop: next_hop?,
            inactive: inactive?,
        })
    }

    fn cidr(&mut self, value: &Spanned<DeValue<'_>>, key: &str) -> Option<Ipv4Net> {
        let text = self.text_at(value, key)?;
        match parse_net(text) {
            Ok(net) => Some(net),
            Err(e) => {
                self.keyed(value, key.to_string(), e.to_string());
                None
            }
        }
    }

    fn next_hop(&mut self, value: &Spanned<DeValue<'_>>, key: &str) -> Option<NextHop> {
        let word = self.text_at(value, key)?;
        let neighbours = path_words().collect::<Vec<_>>().join(", ");
        if word.trim().is_empty() {
            let message = format!(
                "empty; write a path neighbour ({neighbours}) or the device's own word (blackhole, an instance id)"
            );
            self.keyed(value, key.to_string(), message);
            return None;
        }
        // `VBR` would silently read as a next hop off the path.
        if let Some(meant) = path_words().find(|w| w.eq_ignore_ascii_case(word) && *w != word) {
            let message = format!("write `{meant}`: next hops on the path are lower case");
            self.keyed(value, key.to_string(), message);
            return None;
        }
        Some(NextHop::from_word(word))
    }

    /// `None` when the status is unreadable; `Some(None)` when it says active.
    fn status(&mut self, value: &Spanned<DeValue<'_>>, key: &str) -> Option<Option<String>> {
        let word = self.text_at(value, key)?;
        if word.trim().is_empty() || word.trim() != word {
            let message =
                "expected active or the device's word for a route that does not forward (Rejected, Prohibited, Pending)".into();
            self.keyed(value, key.to_string(), message);
            return None;
        }
        Some((!word.eq_ignore_ascii_case("active")).then(|| word.to_string()))
    }

    fn rule(
        &mut self,
        item: &Spanned<DeValue<'_>>,
        table: &DeTable<'_>,
        path: &str,
    ) -> Option<RuleEntry> {
        const WHAT: &str =
            "a rule has a direction, action, protocol, ports (for tcp and udp), peers and priority";
        self.unknown_in(table, path, &RULE_KEYS);
        let key = |k: &str| format!("{path}.{k}");
        let direction = self
            .required(item, table, path, "direction", WHAT)
            .and_then(|v| self.choice_at::<Direction>(v, &key("direction"), "direction"));
        let action = self
            .required(item, table, path, "action", WHAT)
            .and_then(|v| self.choice_at::<RuleAction>(v, &key("action"), "action"));
        let protocol = self
            .required(item, table, path, "protocol", WHAT)
            .and_then(|v| self.choice_at::<Protocol>(v, &key("protocol"), "protocol"));
        let ports = match (table.get("ports"), protocol) {
            (Some(v), _) => self.ports(v, &key("ports")),
            // ICMP and `all` match every port; a protocol that did not read is already a problem.
            (None, Some(p)) if !p.has_ports() => Some(Ports::All),
            (None, Some(_)) => {
                self.missing(item, key("ports"), format!("missing; {WHAT}"));
                None
            }
            (None, None) => None,
        };
        let peers = self
            .required(item, table, path, "peers", WHAT)
            .and_then(|v| self.peers(v, &key("peers")));
        let priority = self
            .required(item, table, path, "priority", WHAT)
            .and_then(|v| match integer(v.get_ref()).map(u32::try_from) {
                Some(Ok(p)) => Some(p),
                _ => {
                    let message =
                        "expected a priority, a whole number from 0 (lower is evaluated first)"
                            .into();
                    self.keyed(v, key("priority"), message);
                    None
                }
            });
        Some(RuleEntry {
            direction: direction?,
            action: action?,
            protocol: protocol?,
            ports: ports?,
            peers: peers?,
            priority: priority?,
        })
    }

    fn ports(&mut self, value: &Spanned<DeValue<'_>>, key: &str) -> Option<Ports> {
        let text = self.text_at(value, key)?;
        match text.parse::<Ports>() {
            Ok(ports) => Some(ports),
            Err(e) => {
                self.keyed(value, key.to_string(), e.to_string());
                None
            }
        }
    }

    fn peers(&mut self, value: &Spanned<DeValue<'_>>, key: &str) -> Option<Vec<Ipv4Net>> {
        let DeValue::Array(items) = value.get_ref() else {
            let message = format!(
                "invalid type: {}, expected an array of CIDR strings",
                found(value.get_ref())
            );
            self.keyed(value, key.to_string(), message);
            return None;
        };
        let mut nets = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            match self.cidr(item, &format!("{key}[{i}]")) {
                Some(net) => nets.push(net),
                None => ok = false,
            }
        }
        ok.then_some(nets)
    }
}
