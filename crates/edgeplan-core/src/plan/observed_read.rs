//! Reading the `[observed.<hop>]` sections (schema version 2): what each device really
//! has. Strict like the rest of the format: a key a hop cannot hold, an unknown key or a
//! bad value is a problem naming its line, its full key (`observed.firewall.rules[2].ports`)
//! and its value, and every problem is reported in the same read.

use super::error::{Problem, line_of};
use super::read::{Reader, found};
use super::{OLDEST_SCHEMA_VERSION, Plan, SCHEMA_VERSION, Transit, expected_ids};
use crate::cidr::parse_addr;
use crate::hop::Hop;
use crate::observed::{Survey, SurveyKey, is_surveyable};
use std::str::FromStr;
use strum::VariantArray;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

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

/// The value of an integer, whatever radix it was written in.
pub(super) fn integer(value: &DeValue<'_>) -> Option<i64> {
    match value {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
        _ => None,
    }
}

impl Reader<'_> {
    /// A problem with no value to show: a key missing from the entry at `at`.
    pub(super) fn missing(&mut self, at: &Spanned<DeValue<'_>>, key: String, message: String) {
        self.problems.push(Problem {
            line: Some(line_of(self.text, at.span().start)),
            key: Some(key),
            value: None,
            message,
        });
    }

    /// The value as a table, or a problem saying what was expected instead.
    pub(super) fn table<'v, 'i>(
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
    pub(super) fn text_at<'v>(
        &mut self,
        value: &'v Spanned<DeValue<'_>>,
        key: &str,
    ) -> Option<&'v str> {
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
    pub(super) fn choice_at<C>(
        &mut self,
        value: &Spanned<DeValue<'_>>,
        key: &str,
        what: &str,
    ) -> Option<C>
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
    pub(super) fn unknown_in(&mut self, table: &DeTable<'_>, path: &str, known: &[&str]) {
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
                SurveyKey::Routes => {
                    let like =
                        "a route such as { destination = \"10.0.0.0/8\", next_hop = \"vbr\" }";
                    survey.routes = self.entries(value, &full, like, Self::route);
                }
                SurveyKey::Rules => {
                    let like = "a rule such as { direction = \"inbound\", action = \"allow\", protocol = \"tcp\", ports = \"6443\", peers = [\"10.0.0.0/8\"], priority = 1 }";
                    survey.rules = self.entries(value, &full, like, Self::rule);
                }
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
        like: &str,
        entry: fn(&mut Self, &Spanned<DeValue<'_>>, &DeTable<'_>, &str) -> Option<T>,
    ) -> Option<Vec<T>> {
        let DeValue::Array(items) = value.get_ref() else {
            let message = format!(
                "invalid type: {}, expected an array of tables, one per entry",
                found(value.get_ref())
            );
            self.keyed(value, path.to_string(), message);
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let at = format!("{path}[{i}]");
            if let Some(table) = self.table(item, &at, like)
                && let Some(e) = entry(self, item, table, &at)
            {
                out.push(e);
            }
        }
        Some(out)
    }
}
