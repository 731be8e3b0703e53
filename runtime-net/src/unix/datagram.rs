//! [`UnixDatagram`]: a Unix domain datagram socket.

use std::fmt;
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, RawFd};
use std::path::Path;
use std::task::{Context, Poll, ready};

use runtime_core::io::ReadBuf;

use runtime_core::io::{Interest, Ready};

use crate::driver::interest;
use crate::driver::poll_evented::PollEvented;
use crate::driver::scheduled_io::{Direction, bits};
use crate::unix::SocketAddr;

/// A Unix domain datagram socket.
///
/// Like [`UdpSocket`](crate::UdpSocket), with paths instead of IP addresses;
/// datagrams are never lost or reordered between two sockets on one host.
///
/// # Examples
///
/// ```
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_net::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// use runtime_net::UnixDatagram;
///
/// let (a, b) = UnixDatagram::pair()?;
/// a.send(b"ping").await?;
/// let mut buf = [0u8; 16];
/// let n = b.recv(&mut buf).await?;
/// assert_eq!(&buf[..n], b"ping");
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub struct UnixDatagram {
    io: PollEvented<mio::net::UnixDatagram>,
}

impl UnixDatagram {
    /// Creates a socket bound to `path`.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver.
    #[track_caller]
    pub fn bind<P: AsRef<Path>>(path: P) -> io::Result<UnixDatagram> {
        UnixDatagram::new(mio::net::UnixDatagram::bind(path)?)
    }

    /// Creates a connected pair of unnamed sockets.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver.
    #[track_caller]
    pub fn pair() -> io::Result<(UnixDatagram, UnixDatagram)> {
        let (a, b) = mio::net::UnixDatagram::pair()?;
        let (a, b) = (UnixDatagram::new(a)?, UnixDatagram::new(b)?);
        // Both ends of a fresh pair are writable.
        a.io.registration().assume_ready(bits::WRITABLE);
        b.io.registration().assume_ready(bits::WRITABLE);
        Ok((a, b))
    }

    /// Creates an unbound socket (it can send to paths, but nobody can
    /// reply).
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver.
    #[track_caller]
    pub fn unbound() -> io::Result<UnixDatagram> {
        UnixDatagram::new(mio::net::UnixDatagram::unbound()?)
    }

    #[track_caller]
    fn new(sys: mio::net::UnixDatagram) -> io::Result<UnixDatagram> {
        Ok(UnixDatagram {
            io: PollEvented::new(sys)?,
        })
    }

    /// Creates a socket from a std socket, which should already be in
    /// non-blocking mode.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver. In debug
    /// builds, also when the socket is in blocking mode (`--cfg
    /// runtime_allow_from_blocking_fd` turns that check off).
    #[track_caller]
    pub fn from_std(socket: std::os::unix::net::UnixDatagram) -> io::Result<UnixDatagram> {
        crate::sys::check_not_blocking(std::os::fd::AsFd::as_fd(&socket))?;
        UnixDatagram::new(mio::net::UnixDatagram::from_std(socket))
    }

    /// Turns the socket back into a std socket, still non-blocking.
    pub fn into_std(self) -> io::Result<std::os::unix::net::UnixDatagram> {
        let sys = self.io.into_inner()?;
        Ok(std::os::unix::net::UnixDatagram::from(
            std::os::fd::OwnedFd::from(sys),
        ))
    }

    /// Connects the socket to `path`: [`send`](UnixDatagram::send) goes
    /// there.
    pub fn connect<P: AsRef<Path>>(&self, path: P) -> io::Result<()> {
        self.io.connect(path)
    }

    /// The local address.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.io.local_addr().map(SocketAddr)
    }

    /// The address of the connected peer.
    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.io.peer_addr().map(SocketAddr)
    }

    /// Takes the pending `SO_ERROR`, if any.
    pub fn take_error(&self) -> io::Result<Option<io::Error>> {
        self.io.take_error()
    }

    /// Shuts down the read, write, or both directions.
    pub fn shutdown(&self, how: std::net::Shutdown) -> io::Result<()> {
        self.io.shutdown(how)
    }

    /// Waits until a datagram can be received.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe.
    pub async fn readable(&self) -> io::Result<()> {
        self.io
            .registration()
            .readiness(Direction::Read.mask())
            .await?;
        Ok(())
    }

    /// Waits until a datagram can be sent.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe.
    pub async fn writable(&self) -> io::Result<()> {
        self.io
            .registration()
            .readiness(Direction::Write.mask())
            .await?;
        Ok(())
    }

    /// Waits for any of the readiness in `interest` and returns what is
    /// set. Use it to drive reads and writes from one task with the `try_*`
    /// methods.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe.
    pub async fn ready(&self, interest: Interest) -> io::Result<Ready> {
        let event = self
            .io
            .registration()
            .readiness(interest::mask(interest))
            .await?;
        Ok(interest::to_ready(event.ready))
    }

    /// Runs the non-blocking `f` if the socket looks ready for `interest`,
    /// clearing the readiness when `f` returns `WouldBlock`. For system
    /// calls this type does not wrap.
    ///
    /// # Errors
    ///
    /// `WouldBlock` without calling `f` when not ready; `f`'s result
    /// otherwise.
    pub fn try_io<R>(
        &self,
        interest: Interest,
        f: impl FnOnce() -> io::Result<R>,
    ) -> io::Result<R> {
        self.io.registration().try_io(interest::mask(interest), f)
    }

    /// Waits for `interest` and runs `f`, repeating (and clearing the
    /// readiness) while `f` returns `WouldBlock`.
    pub async fn async_io<R>(
        &self,
        interest: Interest,
        f: impl FnMut() -> io::Result<R>,
    ) -> io::Result<R> {
        self.io
            .registration()
            .async_io(interest::mask(interest), f)
            .await
    }

    /// Polls for receive readiness; only the most recent waker is woken.
    pub fn poll_recv_ready(&self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.io
            .registration()
            .poll_ready(cx, Direction::Read)
            .map_ok(|_| ())
    }

    /// Polls for send readiness; only the most recent waker is woken.
    pub fn poll_send_ready(&self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.io
            .registration()
            .poll_ready(cx, Direction::Write)
            .map_ok(|_| ())
    }

    /// Sends `buf` to the connected peer.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: if the future is dropped, nothing was sent.
    pub async fn send(&self, buf: &[u8]) -> io::Result<usize> {
        self.io
            .registration()
            .async_io(Direction::Write.mask(), || self.io.send(buf))
            .await
    }

    /// Sends to the connected peer without waiting.
    pub fn try_send(&self, buf: &[u8]) -> io::Result<usize> {
        self.io
            .registration()
            .try_io(Direction::Write.mask(), || self.io.send(buf))
    }

    /// Polls to send `buf` to the connected peer.
    pub fn poll_send(&self, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        self.io
            .registration()
            .poll_io(cx, Direction::Write, || self.io.send(buf))
    }

    /// Receives one datagram from the connected peer.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: if the future is dropped, no datagram was taken.
    pub async fn recv(&self, buf: &mut [u8]) -> io::Result<usize> {
        self.io
            .registration()
            .async_io(Direction::Read.mask(), || self.io.recv(buf))
            .await
    }

    /// Receives without waiting.
    pub fn try_recv(&self, buf: &mut [u8]) -> io::Result<usize> {
        self.io
            .registration()
            .try_io(Direction::Read.mask(), || self.io.recv(buf))
    }

    /// Receives one datagram from the connected peer into a `BufMut`,
    /// without waiting; returns its length.
    ///
    /// # Errors
    ///
    /// `WouldBlock` when no datagram is queued.
    pub fn try_recv_buf<B: bytes::BufMut>(&self, buf: &mut B) -> io::Result<usize> {
        self.io.registration().try_io(Direction::Read.mask(), || {
            crate::sys::recv_buf_mut(self.io.as_fd(), buf)
        })
    }

    /// Receives one datagram from the connected peer into a `BufMut`;
    /// returns its length.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: if the future is dropped, no datagram was taken.
    pub async fn recv_buf<B: bytes::BufMut>(&self, buf: &mut B) -> io::Result<usize> {
        self.io
            .registration()
            .async_io(Direction::Read.mask(), || {
                crate::sys::recv_buf_mut(self.io.as_fd(), buf)
            })
            .await
    }

    /// Receives one datagram into a `BufMut` without waiting; returns its
    /// length and sender.
    ///
    /// # Errors
    ///
    /// `WouldBlock` when no datagram is queued.
    pub fn try_recv_buf_from<B: bytes::BufMut>(
        &self,
        buf: &mut B,
    ) -> io::Result<(usize, SocketAddr)> {
        let (n, addr) = self.io.registration().try_io(Direction::Read.mask(), || {
            crate::sys::recv_from_unix_buf_mut(self.io.as_fd(), buf)
        })?;
        Ok((n, SocketAddr(addr)))
    }

    /// Receives one datagram into a `BufMut`; returns its length and
    /// sender.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: if the future is dropped, no datagram was taken.
    pub async fn recv_buf_from<B: bytes::BufMut>(
        &self,
        buf: &mut B,
    ) -> io::Result<(usize, SocketAddr)> {
        let (n, addr) = self
            .io
            .registration()
            .async_io(Direction::Read.mask(), || {
                crate::sys::recv_from_unix_buf_mut(self.io.as_fd(), buf)
            })
            .await?;
        Ok((n, SocketAddr(addr)))
    }

    /// Polls to receive one datagram into the unfilled part of `buf`.
    pub fn poll_recv(&self, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        ready!(self.io.registration().poll_io(cx, Direction::Read, || {
            crate::sys::recv_read_buf(self.io.as_fd(), buf, 0)
        }))?;
        Poll::Ready(Ok(()))
    }

    /// Sends `buf` to the socket bound at `target`.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: if the future is dropped, nothing was sent.
    pub async fn send_to<P: AsRef<Path>>(&self, buf: &[u8], target: P) -> io::Result<usize> {
        let target = target.as_ref();
        self.io
            .registration()
            .async_io(Direction::Write.mask(), || self.io.send_to(buf, target))
            .await
    }

    /// Sends to `target` without waiting.
    pub fn try_send_to<P: AsRef<Path>>(&self, buf: &[u8], target: P) -> io::Result<usize> {
        self.io
            .registration()
            .try_io(Direction::Write.mask(), || self.io.send_to(buf, target))
    }

    /// Polls to send `buf` to `target`.
    pub fn poll_send_to<P: AsRef<Path>>(
        &self,
        cx: &mut Context<'_>,
        buf: &[u8],
        target: P,
    ) -> Poll<io::Result<usize>> {
        let target = target.as_ref();
        self.io
            .registration()
            .poll_io(cx, Direction::Write, || self.io.send_to(buf, target))
    }

    /// Receives one datagram and its sender's address.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: if the future is dropped, no datagram was taken.
    pub async fn recv_from(&self, buf: &mut [u8]) -> io::Result<(usize, SocketAddr)> {
        let (n, addr) = self
            .io
            .registration()
            .async_io(Direction::Read.mask(), || self.io.recv_from(buf))
            .await?;
        Ok((n, SocketAddr(addr)))
    }

    /// Receives a datagram and its sender without waiting.
    pub fn try_recv_from(&self, buf: &mut [u8]) -> io::Result<(usize, SocketAddr)> {
        let (n, addr) = self
            .io
            .registration()
            .try_io(Direction::Read.mask(), || self.io.recv_from(buf))?;
        Ok((n, SocketAddr(addr)))
    }

    /// Polls to receive one datagram into `buf`, returning its sender.
    pub fn poll_recv_from(
        &self,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<SocketAddr>> {
        let (n, addr) = ready!(self.io.registration().poll_io(cx, Direction::Read, || {
            self.io.recv_from(buf.initialize_unfilled())
        }))?;
        buf.advance(n);
        Poll::Ready(Ok(SocketAddr(addr)))
    }
}

impl TryFrom<std::os::unix::net::UnixDatagram> for UnixDatagram {
    type Error = io::Error;

    /// Same as [`UnixDatagram::from_std`].
    fn try_from(socket: std::os::unix::net::UnixDatagram) -> io::Result<Self> {
        UnixDatagram::from_std(socket)
    }
}

impl AsRawFd for UnixDatagram {
    fn as_raw_fd(&self) -> RawFd {
        self.io.as_raw_fd()
    }
}

impl AsFd for UnixDatagram {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.io.as_fd()
    }
}

impl fmt::Debug for UnixDatagram {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.io, f)
    }
}
