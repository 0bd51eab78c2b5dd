//! Reading a plan file from disk: a regular file, read once with a cap, UTF-8, then
//! parsed by [`super::parse_plan`].

use super::error::{Problem, line_of};
use super::{Plan, PlanError, parse_plan};
use crate::store::{Links, ReadError, read_capped};
use std::path::Path;

/// Plans larger than this are refused before parsing, so hostile input stays bounded.
pub const MAX_PLAN_BYTES: u64 = 4 * 1024 * 1024;

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
