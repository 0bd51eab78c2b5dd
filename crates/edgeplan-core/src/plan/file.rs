//! Reading plan TOML: serde file types (strict, spanned) turned into the domain `Plan`,
//! with every problem reported by file, line, key and value.

use super::{
    Cni, Meta, Plan, SCHEMA_VERSION, Scope, Transit, default_cloud_service_cidrs, expected_ids,
};
use crate::catalog::Catalog;
use crate::cidr::{parse_addr, parse_net};
use crate::escape::Escaped;
use crate::store::{Links, ReadError, read_capped};
use ipnet::Ipv4Net;
use serde::Deserialize;
use std::fmt;
use std::net::Ipv4Addr;
use std::ops::Range;
use std::path::Path;
use std::str::FromStr;
use strum::VariantArray;
use toml::Spanned;

/// Plans larger than this are refused before parsing, so hostile input stays bounded.
pub const MAX_PLAN_BYTES: u64 = 4 * 1024 * 1024;

/// Values longer than this are shortened in messages.
const MAX_SHOWN_VALUE: usize = 60;

/// One thing wrong with a plan file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line, when the problem has a place in the file.
    pub line: Option<usize>,
    /// Dotted key such as `network.vpc_cidrs[1]`.
    pub key: Option<String>,
    /// The offending value as written (shortened when long).
    pub value: Option<String>,
    /// What is wrong and, where it can be said, what to write instead.
    pub message: String,
}

/// A plan file that cannot be read; lists every problem found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanError {
    /// The file as the user named it.
    pub file: String,
    /// Every problem, in file order.
    pub problems: Vec<Problem>,
}

impl fmt::Display for PlanError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            // The file name, key, value and parser message all come from the file.
            write!(f, "{}", Escaped(&self.file))?;
            if let Some(line) = p.line {
                write!(f, ":{line}")?;
            }
            write!(f, ":")?;
            match (&p.key, &p.value) {
                (Some(k), Some(v)) => write!(f, " {} = {}:", Escaped(k), Escaped(v))?,
                (Some(k), None) => write!(f, " {}:", Escaped(k))?,
                (None, Some(v)) => write!(f, " {}:", Escaped(v))?,
                (None, None) => {}
            }
            write!(f, " {}", Escaped(&p.message))?;
        }
        Ok(())
    }
}

impl std::error::Error for PlanError {}

impl PlanError {
    fn one(file: &str, problem: Problem) -> PlanError {
        PlanError {
            file: file.to_string(),
            problems: vec![problem],
        }
    }
}

/// The value as shown in a message: long values cut (`Display` escapes it).
fn shorten(s: &str) -> String {
    let head: String = s.chars().take(MAX_SHOWN_VALUE).collect();
    if s.chars().count() <= MAX_SHOWN_VALUE {
        head
    } else {
        format!("{head}… ({} bytes)", s.len())
    }
}

/// The first line that nests more deeply than a plan ever needs, for parser errors that
/// carry no position (the recursion limit).
fn deepest_line(text: &str) -> Option<usize> {
    let depth = |l: &str| l.chars().filter(|c| matches!(c, '.' | '[' | '{')).count();
    text.lines().position(|l| depth(l) > 100).map(|i| i + 1)
}

fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// The table header in force at `offset`, such as `network`.
fn table_at(text: &str, offset: usize) -> Option<String> {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .split(|b| *b == b'\n')
        .filter_map(|l| std::str::from_utf8(l).ok())
        .map(str::trim)
        .rev()
        .find(|l| l.starts_with('[') && !l.starts_with("[["))
        .map(|l| l.trim_matches(|c| c == '[' || c == ']').trim().to_string())
}

/// A problem from a toml/serde error: the line, and the key and value written on it.
fn problem_from_toml(text: &str, err: &toml::de::Error) -> Problem {
    let Some(span) = err.span() else {
        return Problem {
            line: deepest_line(text),
            key: None,
            value: None,
            message: err.message().to_string(),
        };
    };
    let line_no = line_of(text, span.start);
    let line = text.lines().nth(line_no - 1).unwrap_or("");
    let (key, value) = match line.split_once('=') {
        Some((k, v)) if !line.trim_start().starts_with('[') => {
            let k = k.trim();
            let k = match table_at(text, span.start) {
                Some(t) if !t.is_empty() => format!("{t}.{k}"),
                _ => k.to_string(),
            };
            (Some(k), Some(shorten(v.trim())))
        }
        _ => (None, Some(shorten(line.trim()))),
    };
    Problem {
        line: Some(line_no),
        key,
        value: value.filter(|v| !v.is_empty()),
        message: err.message().trim().to_string(),
    }
}

#[derive(Deserialize)]
struct VersionDoc {
    schema_version: Option<Spanned<toml::Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PlanDoc {
    schema_version: Spanned<toml::Value>,
    meta: Option<MetaDoc>,
    network: NetworkDoc,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MetaDoc {
    name: Option<String>,
    customer: Option<String>,
    author: Option<String>,
    notes: Option<String>,
}

type Text = Spanned<String>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NetworkDoc {
    region: Text,
    cni: Text,
    transit: Text,
    scope: Option<Text>,
    datacenter_cidrs: Vec<Text>,
    vpc_cidrs: Vec<Text>,
    cloud_service_cidrs: Option<Vec<Text>>,
    container_cidrs: Option<Vec<Text>>,
    vswitch_cidrs: Option<Vec<Text>>,
    service_cidr: Option<Text>,
    apiserver_ip: Option<Text>,
    management_ip: Option<Text>,
}

/// Collects conversion problems so that one read reports all of them.
struct Converter<'a> {
    text: &'a str,
    problems: Vec<Problem>,
}

impl Converter<'_> {
    fn report(&mut self, span: Range<usize>, key: String, value: &str, message: String) {
        self.problems.push(Problem {
            line: Some(line_of(self.text, span.start)),
            key: Some(key),
            value: Some(format!("\"{}\"", shorten(value))),
            message,
        });
    }

    /// The choice with the id `v`, or a problem naming `what` was expected.
    fn choice<C>(&mut self, key: &str, what: &str, v: &Text) -> Option<C>
    where
        C: VariantArray + Copy + Into<&'static str> + FromStr,
    {
        let found = C::from_str(v.get_ref()).ok();
        if found.is_none() {
            let msg = format!("unknown {what}; expected {}", expected_ids::<C>());
            self.report(v.span(), format!("network.{key}"), v.get_ref(), msg);
        }
        found
    }

    fn net(&mut self, key: String, v: &Text) -> Option<Ipv4Net> {
        match parse_net(v.get_ref()) {
            Ok(n) => Some(n),
            Err(e) => {
                self.report(v.span(), key, v.get_ref(), e.to_string());
                None
            }
        }
    }

    fn list(&mut self, key: &str, values: &[Text]) -> Vec<Ipv4Net> {
        let key_at = |i| format!("network.{key}[{i}]");
        values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| self.net(key_at(i), v))
            .collect()
    }

    fn addr(&mut self, key: &str, v: &Option<Text>) -> Option<Ipv4Addr> {
        let v = v.as_ref()?;
        match parse_addr(v.get_ref()) {
            Ok(a) => Some(a),
            Err(e) => {
                self.report(
                    v.span(),
                    format!("network.{key}"),
                    v.get_ref(),
                    e.to_string(),
                );
                None
            }
        }
    }
}

/// What is wrong with the `schema_version` value, if anything.
fn version_problem(text: &str, v: Option<&Spanned<toml::Value>>) -> Option<Problem> {
    let Some(v) = v else {
        return Some(Problem {
            line: Some(1),
            key: Some("schema_version".into()),
            value: None,
            message: format!("missing; a plan starts with schema_version = {SCHEMA_VERSION}"),
        });
    };
    let message = match v.get_ref().as_integer() {
        Some(SCHEMA_VERSION) => return None,
        Some(n) if n > SCHEMA_VERSION => format!(
            "this plan was written by a newer edgeplan (format {n}); this build reads format {SCHEMA_VERSION}"
        ),
        _ => format!("unsupported plan format; this build reads schema_version = {SCHEMA_VERSION}"),
    };
    Some(Problem {
        line: Some(line_of(text, v.span().start)),
        key: Some("schema_version".into()),
        value: Some(shorten(&v.get_ref().to_string())),
        message,
    })
}

/// The error for a file the strict reader refused: a version problem comes first, since a
/// plan from a newer edgeplan fails on keys this build does not know.
fn refused(file: &str, text: &str, err: &toml::de::Error) -> PlanError {
    let problem = match toml::from_str::<VersionDoc>(text) {
        Ok(doc) => version_problem(text, doc.schema_version.as_ref()),
        Err(_) => None,
    };
    PlanError::one(
        file,
        problem.unwrap_or_else(|| problem_from_toml(text, err)),
    )
}

/// Parses plan text; `file` names it in errors. Unknown keys, values and regions are errors.
pub fn parse_plan(file: &str, text: &str) -> Result<Plan, PlanError> {
    // One strict parse; the lenient version-only parse runs just when this one fails.
    let doc: PlanDoc = toml::from_str(text).map_err(|e| refused(file, text, &e))?;
    if let Some(problem) = version_problem(text, Some(&doc.schema_version)) {
        return Err(PlanError::one(file, problem));
    }
    let mut cv = Converter {
        text,
        problems: Vec::new(),
    };
    let n = &doc.network;
    if Catalog::builtin().region(n.region.get_ref()).is_none() {
        let msg = "unknown region id; `edgeplan regions` lists them".to_string();
        cv.report(
            n.region.span(),
            "network.region".into(),
            n.region.get_ref(),
            msg,
        );
    }
    let cni = cv.choice::<Cni>("cni", "CNI plugin", &n.cni);
    let transit = cv.choice::<Transit>("transit", "transit", &n.transit);
    let scope = match &n.scope {
        Some(s) => cv.choice::<Scope>("scope", "scope", s),
        None => Some(Scope::Broad),
    };
    let datacenter_cidrs = cv.list("datacenter_cidrs", &n.datacenter_cidrs);
    let vpc_cidrs = cv.list("vpc_cidrs", &n.vpc_cidrs);
    let cloud_service_cidrs = match &n.cloud_service_cidrs {
        Some(v) => cv.list("cloud_service_cidrs", v),
        None => default_cloud_service_cidrs(),
    };
    let container_cidrs = cv.list(
        "container_cidrs",
        n.container_cidrs.as_deref().unwrap_or(&[]),
    );
    let vswitch_cidrs = cv.list("vswitch_cidrs", n.vswitch_cidrs.as_deref().unwrap_or(&[]));
    let service_cidr = n
        .service_cidr
        .as_ref()
        .and_then(|v| cv.net("network.service_cidr".into(), v));
    let apiserver_ip = cv.addr("apiserver_ip", &n.apiserver_ip);
    let management_ip = cv.addr("management_ip", &n.management_ip);
    if !cv.problems.is_empty() {
        cv.problems.sort_by_key(|p| p.line);
        return Err(PlanError {
            file: file.to_string(),
            problems: cv.problems,
        });
    }
    let meta = doc.meta.map_or_else(Meta::default, |m| Meta {
        name: m.name,
        customer: m.customer,
        author: m.author,
        notes: m.notes,
    });
    Ok(Plan {
        meta,
        region: n.region.get_ref().clone(),
        cni: cni.expect("reported above"),
        transit: transit.expect("reported above"),
        scope: scope.expect("reported above"),
        datacenter_cidrs,
        vpc_cidrs,
        cloud_service_cidrs,
        container_cidrs,
        vswitch_cidrs,
        service_cidr,
        apiserver_ip,
        management_ip,
    })
}

fn too_large(file: &str, len: u64) -> PlanError {
    PlanError::one(
        file,
        Problem {
            line: None,
            key: None,
            value: None,
            message: format!("file is {len} bytes; plans are limited to {MAX_PLAN_BYTES} bytes"),
        },
    )
}

/// Reads raw bytes as plan text, refusing oversized and non-UTF-8 input.
pub fn plan_text(file: &str, bytes: &[u8]) -> Result<String, PlanError> {
    if bytes.len() as u64 > MAX_PLAN_BYTES {
        return Err(too_large(file, bytes.len() as u64));
    }
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        PlanError::one(
            file,
            Problem {
                line: Some(line_of(&String::from_utf8_lossy(&bytes[..at]), at)),
                key: None,
                value: None,
                message: format!("not valid UTF-8 (byte {at}); plans are UTF-8 text"),
            },
        )
    })
}

/// Reads and parses a plan file, returning the plan and the text it came from. The file
/// is opened once and must be a regular file of at most `MAX_PLAN_BYTES`.
pub fn load_path(path: &Path) -> Result<(Plan, String), PlanError> {
    let file = path.display().to_string();
    let refused = |message: String| {
        PlanError::one(
            &file,
            Problem {
                line: None,
                key: None,
                value: None,
                message,
            },
        )
    };
    let bytes = read_capped(path, MAX_PLAN_BYTES, Links::Follow).map_err(|e| match e {
        ReadError::TooLarge { len, .. } => too_large(&file, len),
        ReadError::NotRegular(what) => refused(format!(
            "not a regular file ({what}); a plan is a TOML file"
        )),
        e @ ReadError::Io(_) => refused(e.to_string()),
    })?;
    let text = plan_text(&file, &bytes)?;
    let plan = parse_plan(&file, &text)?;
    Ok((plan, text))
}
