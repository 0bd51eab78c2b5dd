//! Walking an API response: every step keeps its JSON path, so an error names
//! `RouteEntrys.RouteEntry[3].DestinationCidrBlock` and the value found there.

use super::model::{Format, ImportError, Imported, Location, NoteKind, Problem};
use crate::cidr::{CidrError, parse_net};
use ipnet::Ipv4Net;
use serde_json::Value;

/// The first JSON value of `text`, and whether anything but white space follows it (a
/// shell prompt pasted with the output).
pub(super) fn parse(text: &str) -> Result<(Value, bool), ImportError> {
    let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
    match stream.next() {
        Some(Ok(value)) => {
            let rest = text.get(stream.byte_offset()..).unwrap_or("");
            Ok((value, !rest.trim().is_empty()))
        }
        Some(Err(e)) => Err(ImportError::whole(
            None,
            Problem::BadJson {
                message: e.to_string(),
            },
        )),
        None => Err(ImportError::whole(None, Problem::UnknownFormat)),
    }
}

/// The API a response comes from, told by its top-level wrapper.
pub(super) fn format_of(value: &Value) -> Result<Format, ImportError> {
    let Some(object) = value.as_object() else {
        return Err(ImportError::whole(None, Problem::UnknownFormat));
    };
    let known = [
        ("RouteEntrys", Format::VpcRouteEntries),
        ("TransitRouterRouteEntries", Format::CenRouteEntries),
        ("RouteEntriesList", Format::EcrRouteEntries),
        ("Permissions", Format::SecurityGroupRules),
        ("VirtualBorderRouterSet", Format::VirtualBorderRouters),
    ];
    for (key, format) in known {
        if object.contains_key(key) {
            return Ok(format);
        }
    }
    let mut keys: Vec<&str> = object.keys().take(8).map(String::as_str).collect();
    if object.len() > keys.len() {
        keys.push("…");
    }
    Err(ImportError::whole(
        None,
        Problem::UnknownJson {
            keys: keys.join(", "),
        },
    ))
}

/// The format of a JSON text.
pub(super) fn detect(text: &str) -> Result<Format, ImportError> {
    parse(text).and_then(|(value, _)| format_of(&value))
}

/// A value in the response with its path.
#[derive(Debug, Clone)]
pub(super) struct Node<'a> {
    pub value: &'a Value,
    pub path: String,
    pub format: Format,
}

impl<'a> Node<'a> {
    /// The response's root.
    pub fn root(value: &'a Value, format: Format) -> Node<'a> {
        Node {
            value,
            path: String::new(),
            format,
        }
    }

    /// Where this node is, for notes and errors.
    pub fn at(&self) -> Location {
        Location::Json(self.path.clone())
    }

    /// An error at this node.
    pub fn error(&self, problem: Problem) -> ImportError {
        ImportError {
            format: Some(self.format),
            at: self.at(),
            problem,
        }
    }

    /// An error for a value that cannot be read.
    pub fn bad(&self, value: &str, expected: &'static str) -> ImportError {
        self.error(Problem::BadValue {
            value: value.to_string(),
            expected,
        })
    }

    fn child(&self, key: &str, value: &'a Value) -> Node<'a> {
        let path = if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{key}", self.path)
        };
        Node {
            value,
            path,
            format: self.format,
        }
    }

    /// The field `key`, or `None` when it is absent or null.
    pub fn get(&self, key: &str) -> Option<Node<'a>> {
        match self.value.get(key) {
            None | Some(Value::Null) => None,
            Some(value) => Some(self.child(key, value)),
        }
    }

    /// The field `key`, which must be there.
    pub fn field(&self, key: &str) -> Result<Node<'a>, ImportError> {
        self.get(key).ok_or_else(|| self.missing(key))
    }

    /// The error for a missing field `key`.
    pub fn missing(&self, key: &str) -> ImportError {
        self.child(key, &Value::Null).error(Problem::Missing)
    }

    /// Reads `text` (this node's value) as an IPv4 block: `None` with a note for IPv6,
    /// the network with a note when host bits are set, an error for anything else.
    pub fn block(
        &self,
        text: &str,
        imported: &mut Imported,
    ) -> Result<Option<Ipv4Net>, ImportError> {
        match parse_net(text) {
            Ok(net) => Ok(Some(net)),
            Err(CidrError::Ipv6) => {
                imported.note(NoteKind::Skipped, self.at(), format!("IPv6 block {text}"));
                Ok(None)
            }
            Err(CidrError::HostBitsSet(net)) => {
                imported.note(
                    NoteKind::Assumed,
                    self.at(),
                    format!("{text} has host bits set; read as {net}"),
                );
                Ok(Some(net))
            }
            Err(_) => Err(self.bad(text, "an IPv4 CIDR block")),
        }
    }

    /// The node's text; numbers and booleans are written out (an API may change a
    /// field's type between versions, as `Priority` shows).
    pub fn text(&self) -> Result<String, ImportError> {
        match self.value {
            Value::String(s) => Ok(s.clone()),
            Value::Number(n) => Ok(n.to_string()),
            Value::Bool(b) => Ok(b.to_string()),
            _ => Err(self.error(Problem::WrongType {
                expected: "a string",
            })),
        }
    }

    /// The field `key` as text, `None` when absent, null or empty.
    pub fn opt_text(&self, key: &str) -> Result<Option<String>, ImportError> {
        match self.get(key) {
            None => Ok(None),
            Some(node) => node.text().map(|t| Some(t).filter(|t| !t.is_empty())),
        }
    }

    /// The field `key` as text, which must be there and not empty.
    pub fn req_text(&self, key: &str) -> Result<(String, Node<'a>), ImportError> {
        let node = self.field(key)?;
        let text = node.text()?;
        if text.is_empty() {
            return Err(node.error(Problem::Missing));
        }
        Ok((text, node))
    }

    /// The node's elements, each with its index in the path.
    pub fn items(&self) -> Result<Vec<Node<'a>>, ImportError> {
        let Value::Array(items) = self.value else {
            return Err(self.error(Problem::WrongType {
                expected: "an array",
            }));
        };
        if items.len() > super::MAX_ENTRIES {
            return Err(self.error(Problem::TooManyEntries {
                cap: super::MAX_ENTRIES,
            }));
        }
        Ok(items
            .iter()
            .enumerate()
            .map(|(i, value)| Node {
                value,
                path: format!("{}[{i}]", self.path),
                format: self.format,
            })
            .collect())
    }
}
