//! The paste box of the survey step: what an engineer pastes of a device's output (a
//! routing table, a cloud API's JSON), read by the core's importers into the hop's
//! survey as one edit. A failed import keeps the text and says why.

use super::{Effects, error, info, may_edit};
use crate::hop::Hop;
use crate::tui::session::Session;
use edgeplan_core::import::{self, ImportContext, Imported};
use tui_input::InputRequest;

/// The paste box: the text so far and why the last import failed.
#[derive(Debug, Clone, Default)]
pub struct PasteBox {
    /// The pasted (or typed) text, line breaks kept.
    pub text: String,
    /// Why the last import of this text failed.
    pub error: Option<String>,
}

/// What the last import brought, shown under the survey until the hop changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportReport {
    /// The hop imported into.
    pub hop: Hop,
    /// The summary, then one line per note (escaped).
    pub lines: Vec<String>,
}

impl PasteBox {
    /// Adds pasted text, with `\r\n` and `\r` as line breaks; past the importers' cap the
    /// rest is dropped, and the import will say the text is too large.
    pub fn paste(&mut self, text: &str) {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let room = (import::MAX_INPUT_BYTES + 1).saturating_sub(self.text.len());
        let mut end = text.len().min(room);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        self.text.push_str(&text[..end]);
        self.error = None;
    }

    /// Typing in the box: characters, line breaks (Enter), backspace, clear.
    pub fn handle(&mut self, request: InputRequest) {
        match request {
            InputRequest::InsertChar(c) => self.paste(c.encode_utf8(&mut [0; 4])),
            InputRequest::DeletePrevChar => {
                self.text.pop();
            }
            InputRequest::DeleteLine => self.text.clear(),
            _ => {}
        }
    }

    /// The number of lines pasted.
    pub fn line_count(&self) -> usize {
        self.text.lines().count()
    }

    /// Reads the text for `hop` and replaces the hop's routes or rules with it, as one
    /// edit; the report of what came in. `Err` keeps the text and notes why.
    pub fn import(&mut self, hop: Hop, session: &mut Session) -> Result<ImportReport, Effects> {
        may_edit(session)?;
        if self.text.trim().is_empty() {
            return Err(error(
                "nothing pasted yet: paste the device's output, then ^D",
            ));
        }
        let plan = session.plan();
        let context = ImportContext::of(plan);
        let imported = import::read(&self.text, hop, &context).map_err(|e| {
            let why = crate::escape::escape(&e.to_string()).into_owned();
            self.error = Some(why.clone());
            error(format!("not imported: {why}"))
        })?;
        let mut plan = plan.clone();
        imported.apply(&mut plan.observed, hop);
        session.set_plan(plan);
        Ok(ImportReport {
            hop,
            lines: report_lines(&imported),
        })
    }
}

/// The summary of an import and its notes, each a line.
fn report_lines(imported: &Imported) -> Vec<String> {
    let routes = imported.routes.len();
    let inactive = imported.inactive_routes().count();
    let what = match imported.format.imports() {
        import::Imports::Routes if inactive > 0 => {
            format!("{routes} routes ({inactive} not active)")
        }
        import::Imports::Routes => format!("{routes} routes"),
        import::Imports::Rules => format!("{} rules", imported.rules.len()),
        import::Imports::VbrAttributes => match imported.mtu {
            Some(mtu) => format!("MTU {mtu}"),
            None => "no MTU".into(),
        },
    };
    let mut lines = vec![format!("Imported {what} from {}", imported.format.title())];
    lines.extend(
        imported
            .notes
            .iter()
            .map(|n| crate::escape::escape(&format!("{}: {}", n.at, n.text)).into_owned()),
    );
    lines
}

/// The messages of an import: each note (so `m` recalls them), then the summary last,
/// which the status line shows.
pub fn said(report: &ImportReport) -> Effects {
    let notes = report.lines.len() - 1;
    let tail = match notes {
        0 => String::new(),
        1 => "; 1 note".into(),
        n => format!("; {n} notes"),
    };
    let mut effects: Effects = report.lines[1..].iter().map(|n| info(n.clone())).collect();
    effects.push(info(format!("{}{tail} (u undoes it)", report.lines[0])));
    effects
}
