//! Plan text into a [`Plan`], driven by the field list: one pass finds every problem in
//! the file (unknown keys, missing fields, wrong types, bad values), so an engineer fixes
//! them all at once instead of one per run.

use super::error::{Problem, line_of, problem_at, problem_from_toml, shorten};
use super::{
    Cni, Field, FieldKind, OLDEST_SCHEMA_VERSION, Plan, PlanError, Reach, SCHEMA_VERSION, Scope,
    Section, Transit, expected_ids,
};
use crate::catalog::Catalog;
use crate::cidr::{parse_addr, parse_net};
use std::str::FromStr;
use strum::VariantArray;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The top-level keys of a plan file.
const TOP_LEVEL: [&str; 4] = ["schema_version", "meta", "network", "observed"];

/// Parses plan text against the built-in catalog; `file` names it in errors.
pub fn parse_plan(file: &str, text: &str) -> Result<Plan, PlanError> {
    parse_plan_in(Catalog::builtin(), file, text)
}

/// Parses a draft's plan text: as a plan file, except that `region = ""` (a new plan
/// whose region is not chosen yet) is read as no region rather than refused.
pub fn parse_draft_plan(file: &str, text: &str) -> Result<Plan, PlanError> {
    read(Catalog::builtin(), file, text, true)
}

/// Parses plan text, checking its region against `catalog`; `file` names it in errors.
/// Unknown keys, values and regions are errors; all of them are reported together.
pub fn parse_plan_in(catalog: &Catalog, file: &str, text: &str) -> Result<Plan, PlanError> {
    read(catalog, file, text, false)
}

fn read(catalog: &Catalog, file: &str, text: &str, draft: bool) -> Result<Plan, PlanError> {
    let root =
        DeTable::parse(text).map_err(|e| PlanError::one(file, problem_from_toml(text, &e)))?;
    let root = root.get_ref();
    let mut reader = Reader {
        text,
        catalog,
        problems: Vec::new(),
        draft,
    };
    let version = match schema_version(text, root.get("schema_version")) {
        Ok(version) => Some(version),
        // A newer plan's other keys are not this build's to judge.
        Err((problem, true)) => return Err(PlanError::one(file, problem)),
        Err((problem, false)) => {
            reader.problems.push(problem);
            None
        }
    };
    reader.unknown_keys(root, &TOP_LEVEL);
    let mut plan = blank_plan();
    for section in [Section::Meta, Section::Network] {
        reader.section(root, section, &mut plan);
    }
    reader.observed(root, version, &mut plan);
    if reader.problems.is_empty() {
        Ok(plan)
    } else {
        reader.problems.sort_by_key(|p| p.line);
        Err(PlanError {
            file: file.to_string(),
            problems: reader.problems,
        })
    }
}

/// A plan with every optional field at its default, for the reader to fill in.
fn blank_plan() -> Plan {
    Plan::empty()
}

/// The plan's format version, or what is wrong with `schema_version` and whether the
/// plan is newer than this build.
fn schema_version(text: &str, v: Option<&Spanned<DeValue<'_>>>) -> Result<i64, (Problem, bool)> {
    let Some(v) = v else {
        let problem = Problem {
            line: Some(1),
            key: Some("schema_version".into()),
            value: None,
            message: format!("missing; a plan starts with schema_version = {SCHEMA_VERSION}"),
        };
        return Err((problem, false));
    };
    let number = match v.get_ref() {
        DeValue::Integer(i) => i64::from_str(i.as_str()).ok(),
        _ => None,
    };
    let (message, newer) = match number {
        Some(n) if (OLDEST_SCHEMA_VERSION..=SCHEMA_VERSION).contains(&n) => return Ok(n),
        Some(n) if n > SCHEMA_VERSION => (
            format!(
                "this plan was written by a newer edgeplan (format {n}); this build reads formats {OLDEST_SCHEMA_VERSION} to {SCHEMA_VERSION}"
            ),
            true,
        ),
        _ => (
            format!(
                "unsupported plan format; this build reads schema_version = {OLDEST_SCHEMA_VERSION} to {SCHEMA_VERSION}"
            ),
            false,
        ),
    };
    let problem = Problem {
        line: Some(line_of(text, v.span().start)),
        key: Some("schema_version".into()),
        value: Some(shorten(text.get(v.span()).unwrap_or(""))),
        message,
    };
    Err((problem, newer))
}

/// How a TOML value is named in "invalid type" messages.
pub(super) fn found(value: &DeValue<'_>) -> String {
    match value {
        DeValue::String(s) => format!("string \"{}\"", shorten(s)),
        DeValue::Integer(i) => format!("integer `{}`", i.as_str()),
        DeValue::Float(f) => format!("floating point `{}`", f.as_str()),
        DeValue::Boolean(b) => format!("boolean `{b}`"),
        DeValue::Datetime(d) => format!("datetime `{d}`"),
        DeValue::Array(_) => "array".into(),
        DeValue::Table(_) => "table".into(),
    }
}

/// Collects the problems of one read.
pub(super) struct Reader<'a> {
    /// The whole file, for lines and values as written.
    pub(super) text: &'a str,
    catalog: &'a Catalog,
    /// Every problem found so far.
    pub(super) problems: Vec<Problem>,
    /// Reading a draft: an empty region is a new plan's, not an error.
    draft: bool,
}

impl Reader<'_> {
    /// A problem at a value, with the key and value as written on its line.
    pub(super) fn at(&mut self, offset: usize, message: String) {
        self.problems
            .push(problem_at(self.text, Some(offset), &message));
    }

    /// A problem at a value whose key the reader knows (list entries span lines): a
    /// string is shown as its text in quotes, anything else as written.
    pub(super) fn keyed(&mut self, value: &Spanned<DeValue<'_>>, key: String, message: String) {
        let shown = match value.get_ref() {
            DeValue::String(s) => format!("\"{}\"", shorten(s)),
            _ => shorten(self.text.get(value.span()).unwrap_or("")),
        };
        self.problems.push(Problem {
            line: Some(line_of(self.text, value.span().start)),
            key: Some(key),
            value: Some(shown),
            message,
        });
    }

    pub(super) fn unknown_keys(&mut self, table: &DeTable<'_>, known: &[&str]) {
        for (key, _) in table.iter() {
            if !known.contains(&key.get_ref().as_ref()) {
                let expected: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
                let message = format!(
                    "unknown field `{}`, expected one of {}",
                    shorten(key.get_ref()),
                    expected.join(", ")
                );
                self.at(key.span().start, message);
            }
        }
    }

    fn section(&mut self, root: &DeTable<'_>, section: Section, plan: &mut Plan) {
        let fields: Vec<Field> = Field::ALL
            .iter()
            .copied()
            .filter(|f| f.section() == section)
            .collect();
        let Some(item) = root.get(section.key()) else {
            let required: Vec<&str> = fields
                .iter()
                .filter(|f| f.required())
                .map(|f| f.key())
                .collect();
            if !required.is_empty() {
                self.problems.push(Problem {
                    line: Some(1),
                    key: Some(section.key().into()),
                    value: None,
                    message: format!(
                        "missing; a plan has a [{}] table with {}",
                        section.key(),
                        required.join(", ")
                    ),
                });
            }
            return;
        };
        let DeValue::Table(table) = item.get_ref() else {
            let message = format!("invalid type: {}, expected a table", found(item.get_ref()));
            return self.at(item.span().start, message);
        };
        let known: Vec<&str> = fields.iter().map(|f| f.key()).collect();
        self.unknown_keys(table, &known);
        for field in fields {
            match table.get(field.key()) {
                Some(value) => self.field(field, value, plan),
                None if field.required() => {
                    self.at(
                        item.span().start,
                        format!("missing field `{}`", field.key()),
                    );
                }
                None => {}
            }
        }
    }

    /// The value as a string, or a problem saying it is not one.
    pub(super) fn string<'v>(&mut self, value: &'v Spanned<DeValue<'_>>) -> Option<&'v str> {
        match value.get_ref() {
            DeValue::String(s) => Some(s),
            other => {
                let message = format!("invalid type: {}, expected a string", found(other));
                self.at(value.span().start, message);
                None
            }
        }
    }

    fn field(&mut self, field: Field, value: &Spanned<DeValue<'_>>, plan: &mut Plan) {
        if field.kind() == FieldKind::CidrList {
            if let Some(list) = self.cidr_list(field, value) {
                *field.cidrs_mut(plan).expect("a CIDR-list field") = list;
            }
            return;
        }
        let Some(text) = self.string(value) else {
            return;
        };
        let bad = |reader: &mut Self, message: String| {
            reader.keyed(value, field.path(), message);
        };
        match field {
            Field::Name | Field::Customer | Field::Author | Field::Notes => {
                *field.text_mut(plan).expect("a meta field") = Some(text.to_string());
            }
            Field::Region => match self.catalog.region(text) {
                Some(_) => plan.region = text.to_string(),
                None if self.draft && text.is_empty() => plan.region.clear(),
                None => bad(
                    self,
                    "unknown region id; `edgeplan regions` lists them".into(),
                ),
            },
            Field::Cni => match choice::<Cni>(text, field) {
                Ok(cni) => plan.cni = cni,
                Err(message) => bad(self, message),
            },
            Field::Transit => match choice::<Transit>(text, field) {
                Ok(transit) => plan.transit = transit,
                Err(message) => bad(self, message),
            },
            Field::Scope => match choice::<Scope>(text, field) {
                Ok(scope) => plan.scope = scope,
                Err(message) => bad(self, message),
            },
            Field::ServiceCidr => match parse_net(text) {
                Ok(net) => plan.service_cidr = Some(net),
                Err(e) => bad(self, e.to_string()),
            },
            Field::ApiserverIp | Field::ManagementIp => match parse_addr(text) {
                Ok(addr) if field == Field::ApiserverIp => plan.apiserver_ip = Some(addr),
                Ok(addr) => plan.management_ip = Some(addr),
                Err(e) => bad(self, e.to_string()),
            },
            Field::KubernetesVersion => match text.parse::<super::KubeVersion>() {
                Ok(_) => plan.kubernetes_version = Some(text.to_string()),
                Err(message) => bad(self, message.into()),
            },
            Field::NtpAccess | Field::PackageAccess => match choice::<Reach>(text, field) {
                Ok(reach) => *field.reach_mut(plan).expect("a reach field") = Some(reach),
                Err(message) => bad(self, message),
            },
            _ => unreachable!("CIDR lists are read above"),
        }
    }

    fn cidr_list(
        &mut self,
        field: Field,
        value: &Spanned<DeValue<'_>>,
    ) -> Option<Vec<ipnet::Ipv4Net>> {
        let DeValue::Array(entries) = value.get_ref() else {
            let message = format!(
                "invalid type: {}, expected an array of CIDR strings",
                found(value.get_ref())
            );
            self.at(value.span().start, message);
            return None;
        };
        let mut nets = Vec::with_capacity(entries.len());
        let mut ok = true;
        for (i, entry) in entries.iter().enumerate() {
            let key = format!("{}[{i}]", field.path());
            let parsed = match entry.get_ref() {
                DeValue::String(s) => parse_net(s).map_err(|e| e.to_string()),
                other => Err(format!("invalid type: {}, expected a string", found(other))),
            };
            match parsed {
                Ok(net) => nets.push(net),
                Err(message) => {
                    ok = false;
                    self.keyed(entry, key, message);
                }
            }
        }
        ok.then_some(nets)
    }
}

/// The choice with the id `text`, or the message naming what was expected.
fn choice<C>(text: &str, field: Field) -> Result<C, String>
where
    C: VariantArray + Copy + Into<&'static str> + FromStr,
{
    C::from_str(text).map_err(|_| {
        format!(
            "unknown {}; expected {}",
            field.label(),
            expected_ids::<C>()
        )
    })
}
