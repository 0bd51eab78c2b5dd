//! Terminal I/O, kept here alone so everything else can be driven with `TestBackend`:
//! set the terminal up (restored on panic too), read keys, draw, keep the draft current,
//! and end cleanly on SIGHUP (an SSH drop), SIGTERM, SIGINT, or a terminal that is gone
//! without a hang-up signal; step aside on SIGTSTP and come back on SIGCONT.
//!
//! Signals are handled on a thread of their own: after a hang-up the event loop may never
//! come back from reading the dead terminal, so the watcher writes the latest draft,
//! restores the terminal and exits by itself. A second thread waits for the terminal to
//! hang up (poll reports POLLHUP): when SIGHUP never comes (`setsid`, a launcher that
//! blocks it) the terminal only reads end-of-file, on which crossterm would spin.
//!
//! The screen is drawn only after an event or a change: an idle app writes nothing.

use super::app::App;
use super::autosave::{DraftHandoff, DraftSnapshot};
use super::ui;
use super::update::{handle_key, paste};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
use ratatui::crossterm::{execute, terminal};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP, SIGWINCH};
use signal_hook::iterator::Signals;
use std::io::{self, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The longest wait for input when no draft write is due: waking costs nothing visible.
const IDLE: Duration = Duration::from_secs(3600);

/// Set to make the app panic after its first frame: lets tests see that a panic
/// restores the terminal.
pub const PANIC_FOR_TEST_ENV: &str = "EDGEPLAN_TEST_PANIC";

type Latest = Arc<Mutex<Option<DraftSnapshot>>>;

/// Set by the signal thread after SIGCONT: the loop re-enters raw mode and redraws all.
static CONTINUED: AtomicBool = AtomicBool::new(false);

/// Held by the one thread that ends the process, so a hang-up seen twice ends it once.
static ENDING: Mutex<()> = Mutex::new(());

/// Writes the latest draft, restores the terminal, releases this instance's locks and
/// exits 128 + `sig`.
fn end_by_signal(sig: i32, latest: &Latest) -> ! {
    let _ending = ENDING.lock();
    // The draft first: after a hang-up every write to the terminal fails, and
    // nothing here may panic (eprintln! would) before the edits are safe.
    let snapshot = latest.lock().map(|mut s| s.take()).unwrap_or(None);
    let written = snapshot.map(|s| s.write());
    restore();
    crate::lock::release_held();
    let mut stderr = io::stderr();
    let _ = match written {
        Some(Ok(path)) => writeln!(
            stderr,
            "edgeplan: ended by signal {sig}; unsaved changes are kept in {} and offered at the next start",
            path.display()
        ),
        Some(Err(e)) => writeln!(
            stderr,
            "edgeplan: ended by signal {sig}; the draft could not be written: {e}"
        ),
        None => Ok(()),
    };
    // A plan save in progress ends (renamed or removed) before the exit.
    let _saves = crate::store::hold_saves(Duration::from_secs(5));
    std::process::exit(128 + sig);
}

/// On SIGHUP, SIGTERM or SIGINT: end (see `end_by_signal`). On SIGTSTP: restore the
/// terminal and stop. On SIGCONT: have the loop take the terminal back.
fn watch_signals(latest: Latest) -> io::Result<()> {
    let mut signals = Signals::new([SIGHUP, SIGTERM, SIGINT, SIGTSTP, SIGCONT])?;
    std::thread::spawn(move || {
        for sig in signals.forever() {
            match sig {
                SIGTSTP => {
                    // The shell gets its terminal back as it lent it; SIGCONT undoes this.
                    restore();
                    let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
                }
                SIGCONT => {
                    CONTINUED.store(true, Ordering::SeqCst);
                    // Wakes the loop: crossterm reads SIGWINCH as a resize event.
                    let _ = signal_hook::low_level::raise(SIGWINCH);
                }
                sig => end_by_signal(sig, &latest),
            }
        }
    });
    Ok(())
}

/// The terminal the app reads, found once at start: a hung-up terminal no longer says
/// it is one.
type Tty = Option<Arc<std::os::fd::OwnedFd>>;

/// The terminal the app reads: stdin when it is one, else `/dev/tty` (as crossterm picks).
fn input_tty() -> Option<std::os::fd::OwnedFd> {
    use std::os::fd::AsFd;
    if std::io::IsTerminal::is_terminal(&io::stdin()) {
        return io::stdin().as_fd().try_clone_to_owned().ok();
    }
    std::fs::File::open("/dev/tty").ok().map(Into::into)
}

/// True when the terminal the app reads has hung up.
fn hung_up(tty: &Tty) -> bool {
    use std::os::fd::AsRawFd;
    let Some(tty) = tty.as_ref() else {
        return false;
    };
    let mut fds = [libc::pollfd {
        fd: tty.as_raw_fd(),
        events: 0,
        revents: 0,
    }];
    // SAFETY: one valid pollfd for the length given; a zero timeout only looks.
    unsafe { libc::poll(fds.as_mut_ptr(), 1, 0) > 0 }
}

/// Ends the app as a hang-up when the terminal hangs up, even without SIGHUP.
fn watch_hang_up(tty: Tty, latest: Latest) {
    use std::os::fd::AsRawFd;
    let Some(tty) = tty else { return };
    std::thread::spawn(move || {
        loop {
            // No events asked: poll returns only for hang-up, error or a closed fd.
            let mut fds = [libc::pollfd {
                fd: tty.as_raw_fd(),
                events: 0,
                revents: 0,
            }];
            // SAFETY: one valid pollfd for the length given.
            let n = unsafe { libc::poll(fds.as_mut_ptr(), 1, -1) };
            if n > 0 && fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
                end_by_signal(SIGHUP, &latest);
            }
            if n < 0 && io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
                return;
            }
        }
    });
}

/// Gives the terminal back: bracketed paste off, then ratatui's restore (raw mode off,
/// the main screen). Never panics: a terminal that hung up cannot be restored.
fn restore() {
    let _ = execute!(io::stdout(), DisableBracketedPaste);
    let _ = ratatui::try_restore();
}

/// Pasted text arrives as one event (bracketed paste), so a pasted line break is not an
/// Enter and a pasted letter is not a command.
fn enable_paste() {
    let _ = execute!(io::stdout(), EnableBracketedPaste);
}

/// Takes the terminal back after a stop: raw mode and the alternate screen again (the
/// shell may have reset both), and everything drawn anew.
fn resume(terminal: &mut DefaultTerminal) -> io::Result<()> {
    // crossterm skips enabling raw mode it believes is on; the shell may have reset it.
    let _ = terminal::disable_raw_mode();
    terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        terminal::EnterAlternateScreen,
        terminal::Clear(terminal::ClearType::All)
    )?;
    terminal.hide_cursor()?;
    enable_paste();
    // ratatui's own clear asks the terminal for its cursor position, which not every
    // terminal answers: a blank frame instead makes the next draw write every cell.
    terminal.draw(|_| {})?;
    Ok(())
}

/// Ctrl-Z: in raw mode the terminal no longer turns it into SIGTSTP, so the app does.
fn is_suspend_key(key: KeyEvent) -> bool {
    key.kind == KeyEventKind::Press
        && key.code == KeyCode::Char('z')
        && key.modifiers == KeyModifiers::CONTROL
}

/// Stops as SIGTSTP would (the shell gets its terminal back), and takes it back after.
fn suspend(terminal: &mut DefaultTerminal) -> io::Result<()> {
    restore();
    let _ = signal_hook::low_level::emulate_default_handler(SIGTSTP);
    resume(terminal)
}

/// Runs the event loop until the app asks to quit. The terminal is restored on every
/// path out, and the draft written before it when the loop failed.
pub fn run(app: &mut App) -> io::Result<()> {
    let mut handoff = DraftHandoff::default();
    let latest: Latest = handoff.slot();
    watch_signals(Arc::clone(&latest))?;
    let tty: Tty = input_tty().map(Arc::new);
    watch_hang_up(tty.clone(), Arc::clone(&latest));
    // try_init installs a panic hook that restores the terminal before the message prints.
    let mut terminal = ratatui::try_init()?;
    enable_paste();
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(io::stdout(), DisableBracketedPaste);
        ratatui_hook(info);
    }));
    let result = event_loop(&mut terminal, app, &mut handoff);
    if result.is_err() {
        // Keep every edit: the user did not choose to leave.
        app.session.flush();
        if hung_up(&tty) {
            // The draw failed on a terminal that is gone: end as the hang-up it is.
            end_by_signal(SIGHUP, &latest);
        }
    } else if app.session.recovered().is_none() {
        // Quit by choice: saved, unchanged, or changes declined.
        app.session.discard_draft();
    }
    // try_: a terminal that hung up cannot be restored, and saying so must not panic.
    restore();
    result
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    handoff: &mut DraftHandoff,
) -> io::Result<()> {
    let panic_for_test = std::env::var_os(PANIC_FOR_TEST_ENV).is_some();
    let mut redraw = true;
    while !app.quit {
        if CONTINUED.swap(false, Ordering::SeqCst) {
            resume(terminal)?;
            redraw = true;
        }
        if redraw {
            // Keys read the size: a screen too small to show acts on nothing but quit.
            let size = terminal.size()?;
            app.set_screen(size.width, size.height);
            terminal.draw(|frame| ui::render(app, frame))?;
            redraw = false;
        }
        if panic_for_test {
            panic!("{PANIC_FOR_TEST_ENV} is set: panicking after the first frame");
        }
        // Sleep until input comes or a draft write is due: nothing else changes the screen.
        let wait = app.session.draft_due_in(Instant::now()).unwrap_or(IDLE);
        if event::poll(wait)? {
            // Resize and other events just redraw.
            match event::read()? {
                Event::Key(key) if is_suspend_key(key) => suspend(terminal)?,
                Event::Key(key) => {
                    handle_key(app, key);
                }
                Event::Paste(text) => paste(app, &text),
                _ => {}
            }
            redraw = true;
        }
        // The watcher always has the latest edit, even inside the debounce window.
        handoff.share(&app.session);
        app.session.tick(Instant::now());
        if let Some(error) = app.session.take_autosave_error() {
            app.say(super::app::MessageKind::Error, error);
            redraw = true;
        }
    }
    Ok(())
}
