//! Terminal I/O, kept here alone so everything else can be driven with `TestBackend`:
//! set the terminal up (restored on panic too), read keys, draw, restore.

use super::app::App;
use super::ui;
use super::update::handle_key;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event};
use std::io;

/// Runs the event loop until the app asks to quit.
pub fn run(app: &mut App) -> io::Result<()> {
    // try_init installs a panic hook that restores the terminal before the message prints.
    let mut terminal = ratatui::try_init()?;
    let result = event_loop(&mut terminal, app);
    ratatui::restore();
    result
}

fn event_loop(terminal: &mut DefaultTerminal, app: &mut App) -> io::Result<()> {
    while !app.quit {
        terminal.draw(|frame| ui::render(app, frame))?;
        if let Event::Key(key) = event::read()? {
            handle_key(app, key);
        }
        // Resize and other events just redraw.
    }
    Ok(())
}
