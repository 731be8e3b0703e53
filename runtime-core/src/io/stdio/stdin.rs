//! [`Stdin`]: the process's standard input, read on the blocking pool.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::blocking::Blocking;
use crate::io::{AsyncRead, ReadBuf};

/// A handle to the standard input of the current process.
///
/// Created by [`stdin`]. Reads are performed by `std::io::stdin()` on the
/// blocking pool. Wrap it in a [`BufReader`](crate::io::BufReader) to read
/// lines.
///
/// A read waiting for input keeps a blocking-pool thread busy until input
/// arrives, even if the future or the `Stdin` is dropped, so an interactive
/// program can be slow to shut down. For interactive use, prefer a
/// dedicated thread that reads lines and sends them over a channel.
#[derive(Debug)]
pub struct Stdin {
    std: Blocking<io::Stdin>,
}

/// Returns a handle to the standard input of the current process.
///
/// # Panics
///
/// Reading through the handle panics when done outside a runtime, since it
/// needs the blocking pool.
///
/// # Examples
///
/// ```no_run
/// use runtime_core::io::{self, AsyncBufReadExt, BufReader};
/// use runtime_core::runtime::Builder;
///
/// let rt = Builder::new_current_thread().build().unwrap();
/// rt.block_on(async {
///     let mut lines = BufReader::new(io::stdin()).lines();
///     while let Some(line) = lines.next_line().await? {
///         println!("got: {line}");
///     }
///     std::io::Result::Ok(())
/// })
/// .unwrap();
/// ```
pub fn stdin() -> Stdin {
    Stdin {
        std: Blocking::new(io::stdin()),
    }
}

impl AsyncRead for Stdin {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.std).poll_read(cx, buf)
    }
}

#[cfg(unix)]
impl std::os::fd::AsRawFd for Stdin {
    fn as_raw_fd(&self) -> std::os::fd::RawFd {
        std::os::fd::AsRawFd::as_raw_fd(&io::stdin())
    }
}

#[cfg(unix)]
impl std::os::fd::AsFd for Stdin {
    fn as_fd(&self) -> std::os::fd::BorrowedFd<'_> {
        // SAFETY: the process's standard stream descriptor stays open for
        // the life of the process (std never closes it).
        unsafe { std::os::fd::BorrowedFd::borrow_raw(std::os::fd::AsRawFd::as_raw_fd(self)) }
    }
}
