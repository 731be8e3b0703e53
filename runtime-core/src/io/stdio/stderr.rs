//! [`Stderr`]: the process's standard error, written on the blocking pool.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use super::blocking::Blocking;
use crate::io::AsyncWrite;

/// A handle to the standard error of the current process.
///
/// Created by [`stderr`]. Writes are performed by `std::io::stderr()` on the
/// blocking pool. Each write returns once its bytes are handed over;
/// [`flush`](crate::io::AsyncWriteExt::flush) waits until they are written.
/// Flush before the program or the runtime ends, or the last bytes may be
/// lost.
///
/// Output from several handles (or from `println!`) may interleave at any
/// byte; write whole messages with one `write_all` and a `flush`.
#[derive(Debug)]
pub struct Stderr {
    std: Blocking<io::Stderr>,
}

/// Returns a handle to the standard error of the current process.
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
///     let mut out = io::stderr();
///     out.write_all(b"hello from stderr\n").await?;
///     out.flush().await
/// })
/// .unwrap();
/// ```
pub fn stderr() -> Stderr {
    Stderr {
        std: Blocking::new_mandatory(io::stderr()),
    }
}

impl AsyncWrite for Stderr {
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
impl std::os::fd::AsRawFd for Stderr {
    fn as_raw_fd(&self) -> std::os::fd::RawFd {
        std::os::fd::AsRawFd::as_raw_fd(&io::stderr())
    }
}

#[cfg(unix)]
impl std::os::fd::AsFd for Stderr {
    fn as_fd(&self) -> std::os::fd::BorrowedFd<'_> {
        // SAFETY: the process's standard stream descriptor stays open for
        // the life of the process (std never closes it).
        unsafe { std::os::fd::BorrowedFd::borrow_raw(std::os::fd::AsRawFd::as_raw_fd(self)) }
    }
}
