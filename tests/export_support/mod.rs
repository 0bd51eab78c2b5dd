//! A small structural JSON Schema validator for the schemas kept in `schemas/`: `type`,
//! `required`, `properties`, `additionalProperties: false`, `items`, `enum`, `const`,
//! `oneOf` and local `$ref`s. The `jsonschema` crate would pull an HTTP client and TLS
//! into a 2-core build for what these few keywords check.

use serde_json::Value;

fn type_ok(name: &str, v: &Value) -> bool {
    match name {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "integer" => v.is_u64() || v.is_i64(),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        other => panic!("schema uses an unsupported type {other}"),
    }
}

/// Every way `doc` (at `at`) breaks `schema`; `root` resolves `#/...` references.
pub fn validate(root: &Value, schema: &Value, doc: &Value, at: &str) -> Vec<String> {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let target = root
            .pointer(r.trim_start_matches('#'))
            .unwrap_or_else(|| panic!("unresolved $ref {r}"));
        return validate(root, target, doc, at);
    }
    let mut problems = Vec::new();
    if let Some(t) = schema.get("type") {
        let ok = match t {
            Value::String(one) => type_ok(one, doc),
            Value::Array(any) => any.iter().any(|n| type_ok(n.as_str().unwrap(), doc)),
            _ => panic!("bad type in schema"),
        };
        if !ok {
            problems.push(format!("{at}: expected type {t}, got {doc}"));
            return problems;
        }
    }
    if let Some(c) = schema.get("const").filter(|c| *c != doc) {
        problems.push(format!("{at}: expected {c}, got {doc}"));
    }
    if let Some(Value::Array(options)) = schema.get("enum")
        && !options.contains(doc)
    {
        problems.push(format!("{at}: {doc} is not one of {options:?}"));
    }
    if let Some(Value::Array(options)) = schema.get("oneOf") {
        let fits = options
            .iter()
            .filter(|s| validate(root, s, doc, at).is_empty())
            .count();
        if fits != 1 {
            problems.push(format!(
                "{at}: fits {fits} of the oneOf schemas, not exactly one"
            ));
        }
    }
    if let Some(obj) = doc.as_object() {
        for key in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let key = key.as_str().unwrap();
            if !obj.contains_key(key) {
                problems.push(format!("{at}: missing required key {key}"));
            }
        }
        let props = schema.get("properties").and_then(Value::as_object);
        for (key, value) in obj {
            match props.and_then(|p| p.get(key)) {
                Some(s) => problems.extend(validate(root, s, value, &format!("{at}.{key}"))),
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    problems.push(format!("{at}: unexpected key {key}"));
                }
                None => {}
            }
        }
    }
    if let (Some(items), Some(arr)) = (schema.get("items"), doc.as_array()) {
        for (i, v) in arr.iter().enumerate() {
            problems.extend(validate(root, items, v, &format!("{at}[{i}]")));
        }
    }
    problems
}
