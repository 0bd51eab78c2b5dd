//! Reading a file edgeplan did not write: opened once and without blocking, refused
//! unless the open handle is a regular file (a FIFO would block, `/dev/zero` never ends),
//! and read with a hard cap, so a hostile path costs bounded time and memory.

use std::fmt;
use std::fs::{File, FileType, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// Whether a symbolic link at the path itself is followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Links {
    /// Read the file a link points to (a plan or theme the user named).
    Follow,
    /// Refuse a link (files inside the draft directory).
    Refuse,
}

/// Why a file was not read; the caller names the file.
#[derive(Debug)]
pub enum ReadError {
    /// Opening or reading failed.
    Io(io::Error),
    /// Not a regular file: what it is instead, such as "a FIFO".
    NotRegular(&'static str),
    /// Larger than `cap`: `len` is its size as far as it was seen (at least `cap + 1`).
    TooLarge {
        /// Bytes seen.
        len: u64,
        /// The limit.
        cap: u64,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "cannot read: {e}"),
            ReadError::NotRegular(what) => write!(f, "not a regular file ({what})"),
            ReadError::TooLarge { len, cap } => {
                write!(f, "file is {len} bytes; the limit is {cap} bytes")
            }
        }
    }
}

impl std::error::Error for ReadError {}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> ReadError {
        ReadError::Io(e)
    }
}

impl ReadError {
    /// True when there is no file at the path.
    pub fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }

    /// As an `io::Error` whose message names `path`.
    pub fn into_io(self, path: &Path) -> io::Error {
        let kind = match &self {
            ReadError::Io(e) => e.kind(),
            _ => io::ErrorKind::InvalidData,
        };
        io::Error::new(kind, format!("{}: {self}", path.display()))
    }
}

fn what(ft: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO";
        }
        if ft.is_char_device() || ft.is_block_device() {
            return "a device";
        }
        if ft.is_socket() {
            return "a socket";
        }
    }
    if ft.is_dir() {
        "a directory"
    } else {
        "not a file"
    }
}

fn open(path: &Path, links: Links) -> Result<File, ReadError> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // NONBLOCK: opening a FIFO with no writer returns at once instead of waiting;
        // NOCTTY: a terminal device never becomes the controlling terminal.
        let mut flags = libc::O_NONBLOCK | libc::O_NOCTTY;
        if links == Links::Refuse {
            flags |= libc::O_NOFOLLOW;
        }
        options.custom_flags(flags);
    }
    options.open(path).map_err(|e| {
        #[cfg(unix)]
        if links == Links::Refuse && e.raw_os_error() == Some(libc::ELOOP) {
            return ReadError::NotRegular("a symbolic link");
        }
        ReadError::Io(e)
    })
}

/// Reads the regular file at `path`, at most `cap` bytes; anything else is refused.
pub fn read_capped(path: &Path, cap: u64, links: Links) -> Result<Vec<u8>, ReadError> {
    let file = open(path, links)?;
    // Checked on the handle, so the file cannot be swapped between the check and the read.
    let meta = file.metadata()?;
    if !meta.file_type().is_file() {
        return Err(ReadError::NotRegular(what(meta.file_type())));
    }
    if meta.len() > cap {
        return Err(ReadError::TooLarge {
            len: meta.len(),
            cap,
        });
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(cap + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > cap {
        // It grew while being read.
        return Err(ReadError::TooLarge {
            len: bytes.len() as u64,
            cap,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_is_refused_without_reading_it() {
        let e = read_capped(Path::new("/dev/zero"), 10, Links::Follow).unwrap_err();
        assert_eq!(e.to_string(), "not a regular file (a device)");
    }

    #[test]
    fn a_file_over_the_cap_is_refused_and_one_at_the_cap_is_read() {
        let dir = std::env::temp_dir().join(format!("edgeplan-read-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("f");
        std::fs::write(&p, b"12345").unwrap();
        assert_eq!(read_capped(&p, 5, Links::Refuse).unwrap(), b"12345");
        let e = read_capped(&p, 4, Links::Refuse).unwrap_err();
        assert_eq!(e.to_string(), "file is 5 bytes; the limit is 4 bytes");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
