//! [`Stdout`]: the process's standard output, written on the blocking pool.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::blocking::Blocking;
use crate::io::AsyncWrite;

/// A handle to the standard output of the current process.
///
/// Created by [`stdout`]. Writes are performed by `std::io::stdout()` on the
/// blocking pool. Each write returns once its bytes are handed over;
/// [`flush`](crate::io::AsyncWriteExt::flush) waits until they are written.
/// Flush before the program or the runtime ends, or the last bytes may be
/// lost.
///
/// Output from several handles (or from `println!`) may interleave at any
/// byte; write whole messages with one `write_all` and a `flush`.
#[derive(Debug)]
pub struct Stdout {
    std: Blocking<io::Stdout>,
}

/// Returns a handle to the standard output of the current process.
///
/// # Panics
///
/// Writing through the handle panics when done outside a runtime, since it
/// needs the blocking pool.
///
/// # Examples
///
/// ```
/// use runtime_core::io::{self, AsyncWriteExt};
/// use runtime_core::runtime::Builder;
///
/// let rt = Builder::new_current_thread().build().unwrap();
/// rt.block_on(async {
///     let mut out = io::stdout();
///     out.write_all(b"hello from stdout\n").await?;
///     out.flush().await
/// })
/// .unwrap();
/// ```
pub fn stdout() -> Stdout {
    Stdout {
        std: Blocking::new_mandatory(io::stdout()),
    }
}

impl AsyncWrite for Stdout {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.std).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.std).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.std).poll_shutdown(cx)
    }
}

#[cfg(unix)]
impl std::os::fd::AsRawFd for Stdout {
    fn as_raw_fd(&self) -> std::os::fd::RawFd {
        std::os::fd::AsRawFd::as_raw_fd(&io::stdout())
    }
}

#[cfg(unix)]
impl std::os::fd::AsFd for Stdout {
    fn as_fd(&self) -> std::os::fd::BorrowedFd<'_> {
        // SAFETY: the process's standard stream descriptor stays open for
        // the life of the process (std never closes it).
        unsafe { std::os::fd::BorrowedFd::borrow_raw(std::os::fd::AsRawFd::as_raw_fd(self)) }
    }
}
