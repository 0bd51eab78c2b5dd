//! Colour themes. The runtime `Theme`'s methods name what a style is for (a hop's status,
//! a finding's severity, the status bar) so that no render code names a colour; `file`
//! holds the theme file format, `colour` its colour values, `load` finding and reading
//! theme files.

mod colour;
mod file;
mod load;

pub use load::{BUILTIN, Loaded, MAX_THEME_BYTES, no_color_requested, user_theme_dir};

use crate::checks::Severity;
use crate::hop::HopStatus;
use crate::tui::app::MessageKind;
use ratatui::style::Style;

/// A resolved theme: one style per purpose.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    name: String,
    styles: file::Styles,
}

impl Theme {
    /// The theme's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The whole screen's base: plain text on the theme's background.
    pub fn base(&self) -> Style {
        self.styles.text.normal
    }

    /// Secondary text: hints, placeholders, reasons in lists.
    pub fn muted(&self) -> Style {
        self.styles.text.muted
    }

    /// Section headings inside a pane.
    pub fn heading(&self) -> Style {
        self.styles.text.heading
    }

    /// A key name in help and hints.
    pub fn key(&self) -> Style {
        self.styles.text.key
    }

    /// A pane's border.
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.styles.pane.border_focused
        } else {
            self.styles.pane.border
        }
    }

    /// A pane's title.
    pub fn title(&self, focused: bool) -> Style {
        if focused {
            self.styles.pane.title_focused
        } else {
            self.styles.pane.title
        }
    }

    /// A hop box in the topology: its status colour, emphasised when selected.
    pub fn hop(&self, status: HopStatus, selected: bool) -> Style {
        let style = match status {
            HopStatus::Ok => self.styles.hop.ok,
            HopStatus::Warning => self.styles.hop.warning,
            HopStatus::Error => self.styles.hop.error,
        };
        if selected {
            style.patch(self.styles.hop.selected)
        } else {
            style
        }
    }

    /// A hop not surveyed while others are: unknown to the trace, never an error.
    pub fn hop_unknown(&self, selected: bool) -> Style {
        let style = self.styles.hop.unknown;
        if selected {
            style.patch(self.styles.hop.selected)
        } else {
            style
        }
    }

    /// A hop on the selected flow's way (`stops`: the hop where it stops).
    pub fn flow_step(&self, stops: bool) -> Style {
        if stops {
            self.styles.hop.stop
        } else {
            self.styles.hop.on_path
        }
    }

    /// The links between hop boxes.
    pub fn link(&self) -> Style {
        self.styles.hop.link
    }

    /// A finding's mark and message.
    pub fn finding(&self, severity: Severity) -> Style {
        match severity {
            Severity::Warning => self.styles.finding.warning,
            Severity::Error => self.styles.finding.error,
        }
    }

    /// A finding's fix.
    pub fn fix(&self) -> Style {
        self.styles.finding.fix
    }

    /// The row under the cursor; quieter when its pane is not focused.
    pub fn cursor(&self, focused: bool) -> Style {
        if focused {
            self.styles.list.cursor
        } else {
            self.styles.list.cursor_unfocused
        }
    }

    /// The value the plan holds now (the chosen region, CNI, transit).
    pub fn current(&self) -> Style {
        self.styles.list.current
    }

    /// Text being typed; marked when it is not a valid value.
    pub fn input(&self, valid: bool) -> Style {
        if valid {
            self.styles.input.text
        } else {
            self.styles.input.invalid
        }
    }

    /// The reason beside an invalid entry.
    pub fn reason(&self) -> Style {
        self.styles.input.reason
    }

    /// The status line.
    pub fn status_bar(&self) -> Style {
        self.styles.status.bar
    }

    /// A key hint in the status line.
    pub fn status_key(&self) -> Style {
        self.styles.status.key
    }

    /// The unsaved-changes mark.
    pub fn status_modified(&self) -> Style {
        self.styles.status.modified
    }

    /// A message in the status line.
    pub fn message(&self, kind: MessageKind) -> Style {
        match kind {
            MessageKind::Info => self.styles.status.info,
            MessageKind::Error => self.styles.status.error,
        }
    }

    /// The body of an overlay (help, quit question).
    pub fn overlay(&self) -> Style {
        self.styles.overlay.body
    }

    /// An overlay's border.
    pub fn overlay_border(&self) -> Style {
        self.styles.overlay.border
    }
}
