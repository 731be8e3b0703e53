//! [`PollEvented`]: a mio source together with its registration; the body of
//! every socket type.
//!
//! It implements the read and write paths once for all stream sockets, with
//! one refinement over the plain `poll_io` loop: when a read or write moves
//! fewer bytes than asked, the socket's buffer is known to be drained (or
//! full), so the readiness is cleared right away instead of paying one more
//! system call to learn `WouldBlock`. The tick check keeps this safe: an
//! event delivered meanwhile keeps the readiness set.

use std::fmt;
use std::io::{self, Read, Write};
use std::ops::Deref;
use std::os::fd::{AsFd, BorrowedFd};
use std::task::{Context, Poll, ready};

use mio::event::Source;
use runtime_core::io::ReadBuf;

use crate::driver::registration::Registration;
use crate::driver::scheduled_io::Direction;
use crate::sys;

/// A registered mio source. Dropping it deregisters the source before
/// closing it.
pub(crate) struct PollEvented<E: Source> {
    io: Option<E>,
    registration: Registration,
}

impl<E: Source> PollEvented<E> {
    /// Registers `io` for reading and writing with the current runtime's
    /// driver.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or when the runtime has no I/O driver.
    #[track_caller]
    pub(crate) fn new(io: E) -> io::Result<Self> {
        Self::new_with_interest(io, mio::Interest::READABLE | mio::Interest::WRITABLE)
    }

    /// Registers `io` for `interest`.
    #[track_caller]
    pub(crate) fn new_with_interest(mut io: E, interest: mio::Interest) -> io::Result<Self> {
        let registration = Registration::new(&mut io, interest)?;
        Ok(PollEvented {
            io: Some(io),
            registration,
        })
    }

    pub(crate) fn registration(&self) -> &Registration {
        &self.registration
    }

    /// Deregisters the source and hands it back.
    pub(crate) fn into_inner(mut self) -> io::Result<E> {
        let mut io = self.io.take().expect("the source is present until drop");
        self.registration.deregister(&mut io)?;
        Ok(io)
    }

    fn io(&self) -> &E {
        self.io.as_ref().expect("the source is present until drop")
    }
}

impl<E: Source + AsFd> PollEvented<E> {
    /// Reads into the unfilled part of `buf` (possibly uninitialised) with
    /// `recv(2)`: the read path of stream sockets.
    pub(crate) fn poll_read(
        &self,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        self.poll_read_with(cx, buf, |fd, buf| sys::recv_read_buf(fd, buf, 0))
    }

    /// Reads into the unfilled part of `buf` with `read`, a non-blocking
    /// system call that fills the front of the unfilled part and returns
    /// the count (`recv(2)` for sockets, `read(2)` for pipes).
    pub(crate) fn poll_read_with(
        &self,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
        mut read: impl FnMut(BorrowedFd<'_>, &mut ReadBuf<'_>) -> io::Result<usize>,
    ) -> Poll<io::Result<()>> {
        loop {
            let event = ready!(self.registration.poll_ready(cx, Direction::Read))?;
            let len = buf.remaining();
            match read(self.io().as_fd(), buf) {
                Ok(n) => {
                    if n > 0 && n < len {
                        self.registration.clear_readiness(event);
                    }
                    return Poll::Ready(Ok(()));
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    self.registration.clear_readiness(event)
                }
                Err(e) => return Poll::Ready(Err(e)),
            }
        }
    }
}

impl<E: Source> PollEvented<E>
where
    for<'a> &'a E: Write,
{
    /// Writes from `buf`.
    pub(crate) fn poll_write(&self, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        loop {
            let event = ready!(self.registration.poll_ready(cx, Direction::Write))?;
            match self.io().write(buf) {
                Ok(n) => {
                    if n > 0 && n < buf.len() {
                        self.registration.clear_readiness(event);
                    }
                    return Poll::Ready(Ok(n));
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    self.registration.clear_readiness(event)
                }
                Err(e) => return Poll::Ready(Err(e)),
            }
        }
    }

    /// Writes from several buffers with one system call.
    pub(crate) fn poll_write_vectored(
        &self,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let total: usize = bufs.iter().map(|b| b.len()).sum();
        loop {
            let event = ready!(self.registration.poll_ready(cx, Direction::Write))?;
            match self.io().write_vectored(bufs) {
                Ok(n) => {
                    if n > 0 && n < total {
                        self.registration.clear_readiness(event);
                    }
                    return Poll::Ready(Ok(n));
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    self.registration.clear_readiness(event)
                }
                Err(e) => return Poll::Ready(Err(e)),
            }
        }
    }
}

impl<E: Source> PollEvented<E>
where
    for<'a> &'a E: Read,
{
    /// Reads into an initialised slice (the `try_read` family).
    pub(crate) fn try_read_slice(&self, buf: &mut [u8]) -> io::Result<usize> {
        self.registration
            .try_io(Direction::Read.mask(), || self.io().read(buf))
    }

    /// Reads into several slices (the `try_read_vectored` family).
    pub(crate) fn try_read_vectored(&self, bufs: &mut [io::IoSliceMut<'_>]) -> io::Result<usize> {
        self.registration
            .try_io(Direction::Read.mask(), || self.io().read_vectored(bufs))
    }
}

impl<E: Source> Deref for PollEvented<E> {
    type Target = E;

    fn deref(&self) -> &E {
        self.io()
    }
}

impl<E: Source + fmt::Debug> fmt::Debug for PollEvented<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PollEvented").field("io", &self.io).finish()
    }
}

impl<E: Source> Drop for PollEvented<E> {
    fn drop(&mut self) {
        if let Some(mut io) = self.io.take() {
            // Deregister before the fd is closed (when `io` drops at the end
            // of this block), then the registration frees its slot. An error
            // here means the fd was already gone from the poller; either way
            // no further event can name it.
            let _ = self.registration.deregister(&mut io);
        }
    }
}
