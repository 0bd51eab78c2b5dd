//! The real binary in a pseudo-terminal, read back through a terminal emulator
//! (`portable-pty` + `vt100`): end-to-end tests that need nothing but a Rust toolchain.

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_edgeplan");

/// Bytes a terminal sends for keys.
pub mod key {
    pub const ENTER: &str = "\r";
    pub const ESC: &str = "\x1b";
    pub const TAB: &str = "\t";
    pub const BACKSPACE: &str = "\x7f";
    pub const CTRL_C: &str = "\x03";
    pub const CTRL_S: &str = "\x13";
    pub const CTRL_U: &str = "\x15";
    pub const CTRL_Z: &str = "\x1a";
    pub const UP: &str = "\x1b[A";
    pub const DOWN: &str = "\x1b[B";
    pub const RIGHT: &str = "\x1b[C";
    pub const LEFT: &str = "\x1b[D";
    pub const PAGE_DOWN: &str = "\x1b[6~";
    pub const PAGE_UP: &str = "\x1b[5~";
    pub const HOME: &str = "\x1b[H";
    pub const END: &str = "\x1b[F";
}

/// How long a wait may take before the test fails with the screen.
const PATIENCE: Duration = Duration::from_secs(15);

/// A running edgeplan in its own pseudo-terminal.
pub struct Pty {
    parser: Arc<Mutex<vt100::Parser>>,
    /// Everything the app wrote, for tests that count output.
    output: Arc<Mutex<Vec<u8>>>,
    writer: Option<Box<dyn Write + Send>>,
    master: Option<Box<dyn MasterPty + Send>>,
    child: Box<dyn Child + Send + Sync>,
    /// Tells the reader thread to let go of its copy of the master side.
    closing: Arc<AtomicBool>,
    pump: Option<std::thread::JoinHandle<()>>,
}

/// What to start: arguments, working directory and environment (nothing inherited).
pub struct Launch<'a> {
    pub dir: &'a Path,
    pub args: &'a [&'a str],
    pub env: &'a [(&'a str, &'a str)],
    pub size: (u16, u16),
    /// False starts the app in a session without a controlling terminal (as `setsid`
    /// does): closing the terminal then sends no SIGHUP, it only reads end-of-file.
    pub controlling_tty: bool,
}

impl<'a> Launch<'a> {
    /// `edgeplan ARGS` in `dir` at 80x24, UTF-8 locale, `HOME` = `dir`.
    pub fn new(dir: &'a Path, args: &'a [&'a str]) -> Launch<'a> {
        Launch {
            dir,
            args,
            env: &[],
            size: (80, 24),
            controlling_tty: true,
        }
    }
}

impl Pty {
    /// Starts the binary as `launch` says.
    pub fn start(launch: Launch<'_>) -> Pty {
        let (cols, rows) = launch.size;
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(BIN);
        cmd.set_controlling_tty(launch.controlling_tty);
        cmd.args(launch.args);
        cmd.cwd(launch.dir);
        cmd.env_clear();
        let home = launch.dir.display().to_string();
        let defaults = [
            ("PATH", "/usr/bin:/bin"),
            ("TERM", "xterm-256color"),
            ("LANG", "C.UTF-8"),
            ("HOME", home.as_str()),
        ];
        for (k, v) in defaults.iter().chain(launch.env) {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("edgeplan starts");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            nonzero(rows),
            nonzero(cols),
            0,
        )));
        let output = Arc::new(Mutex::new(Vec::new()));
        let mut reader = reader_of(pair.master.as_ref());
        let closing = Arc::new(AtomicBool::new(false));
        let (p, o, c) = (
            Arc::clone(&parser),
            Arc::clone(&output),
            Arc::clone(&closing),
        );
        let pump = std::thread::spawn(move || {
            use std::os::fd::AsRawFd;
            let mut buf = [0u8; 8192];
            // Wakes now and then to see whether the test hung up: this copy of the master
            // side must close too before the app's terminal hangs up.
            while !c.load(Ordering::SeqCst) {
                let mut fds = [libc::pollfd {
                    fd: reader.as_raw_fd(),
                    events: libc::POLLIN,
                    revents: 0,
                }];
                // SAFETY: one valid pollfd for the length given.
                if unsafe { libc::poll(fds.as_mut_ptr(), 1, 50) } <= 0 {
                    continue;
                }
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        p.lock().unwrap().process(&buf[..n]);
                        o.lock().unwrap().extend_from_slice(&buf[..n]);
                    }
                }
            }
        });
        let writer = pair.master.take_writer().expect("pty writer");
        Pty {
            parser,
            output,
            writer: Some(writer),
            master: Some(pair.master),
            child,
            closing,
            pump: Some(pump),
        }
    }

    /// The app's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("a pid")
    }

    /// Sends raw bytes as typed (see [`key`]).
    pub fn send(&mut self, bytes: &str) {
        let w = self.writer.as_mut().expect("the terminal is still open");
        w.write_all(bytes.as_bytes()).expect("write to the pty");
        w.flush().expect("flush the pty");
        // One read per key, as a person types. A lone Esc followed too soon by a key reads
        // as Alt+key, so Esc gets a longer pause, enough for a loaded machine.
        let pause = if bytes == key::ESC { 200 } else { 30 };
        std::thread::sleep(Duration::from_millis(pause));
    }

    /// Sends each key in turn.
    pub fn keys(&mut self, keys: &[&str]) {
        for k in keys {
            self.send(k);
        }
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// The cursor's (row, column).
    pub fn cursor(&self) -> (u16, u16) {
        self.parser.lock().unwrap().screen().cursor_position()
    }

    /// True while the app shows the alternate screen.
    pub fn alternate_screen(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    /// How many bytes the app has written so far.
    pub fn bytes_written(&self) -> usize {
        self.output.lock().unwrap().len()
    }

    /// Every byte the app has written so far, as the terminal received it.
    pub fn output(&self) -> Vec<u8> {
        self.output.lock().unwrap().clone()
    }

    /// Waits until the screen shows `needle`; panics with the screen after a while.
    pub fn wait_for(&self, needle: &str) -> String {
        self.wait_for_line(&[needle])
    }

    /// Waits until one line of the screen shows every part, in order.
    pub fn wait_for_line(&self, parts: &[&str]) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.lines().any(|line| in_order(line, parts)) {
                // The needle may arrive before the rest of its frame: wait for the frame.
                self.settle_for(Duration::from_millis(60));
                return self.screen();
            }
            if start.elapsed() > PATIENCE {
                panic!("timed out waiting for {parts:?}; the screen:\n{screen}");
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// Resizes the terminal (the app gets SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.parser
            .lock()
            .unwrap()
            .set_size(nonzero(rows), nonzero(cols));
        self.master
            .as_ref()
            .expect("the terminal is still open")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize");
    }

    /// Closes the terminal's master side, as an SSH drop does (the kernel hangs up).
    pub fn hang_up(&mut self) {
        self.closing.store(true, Ordering::Relaxed);
        if let Some(pump) = self.pump.take() {
            let _ = pump.join();
        }
        self.writer = None;
        self.master = None;
    }

    /// Sends `signal` to the app.
    pub fn signal(&self, signal: i32) {
        let pid = libc::pid_t::try_from(self.pid()).expect("a pid");
        // SAFETY: kill only sends a signal.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0, "signal {signal}");
    }

    /// True while the app is stopped (job control).
    pub fn stopped(&self) -> bool {
        let stat =
            std::fs::read_to_string(format!("/proc/{}/stat", self.pid())).unwrap_or_default();
        let state = stat
            .rfind(')')
            .and_then(|at| stat[at + 1..].split_whitespace().next());
        state == Some("T")
    }

    /// Waits until `done` holds; panics with `what` and the screen after a while.
    pub fn wait_until(&self, what: &str, mut done: impl FnMut(&Pty) -> bool) {
        let start = Instant::now();
        while !done(self) {
            if start.elapsed() > PATIENCE {
                panic!(
                    "timed out waiting until {what}; the screen:\n{}",
                    self.screen()
                );
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// The exit code once the app has ended; panics if it has not within a while.
    pub fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for edgeplan") {
                self.settle();
                return status.exit_code();
            }
            if start.elapsed() > PATIENCE {
                let _ = self.child.kill();
                panic!("edgeplan did not exit; the screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(30));
        }
    }

    /// The terminal's line discipline is cooked again (canonical input, echo, signals),
    /// as a shell needs it after the app has gone; `Err` names what is still raw.
    pub fn cooked(&self) -> Result<(), String> {
        let fd = self
            .master
            .as_ref()
            .and_then(|m| m.as_raw_fd())
            .expect("the terminal is still open");
        // SAFETY: a zeroed termios is a valid out-parameter; fd is our open pty master.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: as above; tcgetattr only writes into `t`.
        if unsafe { libc::tcgetattr(fd, &mut t) } != 0 {
            return Err(format!("tcgetattr: {}", std::io::Error::last_os_error()));
        }
        let missing: Vec<&str> = [
            (libc::ICANON, "icanon"),
            (libc::ECHO, "echo"),
            (libc::ISIG, "isig"),
        ]
        .into_iter()
        .filter(|(flag, _)| t.c_lflag & flag == 0)
        .map(|(_, name)| name)
        .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(format!("raw mode left on: -{}", missing.join(" -")))
        }
    }

    /// Waits until the app has written nothing for a moment, so the screen shows all of it.
    pub fn settle(&self) {
        self.settle_for(Duration::from_millis(100));
    }

    /// Waits until the app has written nothing for `quiet`.
    fn settle_for(&self, quiet: Duration) {
        let mut seen = self.bytes_written();
        loop {
            std::thread::sleep(quiet);
            let now = self.bytes_written();
            if now == seen {
                return;
            }
            seen = now;
        }
    }

    /// True while the app runs.
    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// Adds 172.16.0.0/16 to the VPC blocks as a person types it, and waits until the
    /// entry is in the list.
    pub fn add_vpc_block(&mut self) {
        self.keys(&["4"]);
        self.wait_for("Scope");
        self.keys(&["j", "j", "j", "j", key::ENTER]);
        for c in "172.16.0.0/16".chars() {
            self.send(&c.to_string());
        }
        self.wait_for_line(&["172.16.0.0/16", "✓"]);
        self.keys(&[key::ENTER]);
        self.wait_for("a add");
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if self.running() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A reader of its own on the master side, closed by the reader thread when it ends.
fn reader_of(master: &(dyn MasterPty + Send)) -> std::fs::File {
    use std::os::fd::{BorrowedFd, OwnedFd};
    let raw = master.as_raw_fd().expect("a unix pty");
    // SAFETY: the master is open for as long as this call.
    let fd: OwnedFd = unsafe { BorrowedFd::borrow_raw(raw) }
        .try_clone_to_owned()
        .expect("dup the pty master");
    fd.into()
}

/// True when `line` holds every part, in order.
pub fn in_order(line: &str, parts: &[&str]) -> bool {
    let mut rest = line;
    parts.iter().all(|p| match rest.find(p) {
        Some(at) => {
            rest = &rest[at + p.len()..];
            true
        }
        None => false,
    })
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal of at least 1x1")
}
