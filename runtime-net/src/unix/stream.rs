//! [`UnixStream`]: a connected Unix domain stream socket.

use std::fmt;
use std::future::poll_fn;
use std::io::{self, Write};
use std::net::Shutdown;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, RawFd};
use std::path::Path;
use std::pin::Pin;
use std::task::{Context, Poll};

use runtime_core::io::{AsyncRead, AsyncWrite, ReadBuf};

use runtime_core::io::{Interest, Ready};

use crate::driver::interest;
use crate::driver::poll_evented::PollEvented;
use crate::driver::scheduled_io::{Direction, bits};
use crate::unix::split::{ReadHalf, WriteHalf, split};
use crate::unix::split_owned::{OwnedReadHalf, OwnedWriteHalf, split_owned};
use crate::unix::{SocketAddr, UCred};

/// A stream between two Unix domain sockets.
///
/// Create one with [`connect`](UnixStream::connect),
/// [`pair`](UnixStream::pair), or by accepting from a
/// [`UnixListener`](crate::UnixListener). It reads and writes like a
/// [`TcpStream`](crate::TcpStream).
///
/// # Examples
///
/// ```
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_net::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// use runtime_net::UnixStream;
///
/// let (a, b) = UnixStream::pair()?;
/// a.writable().await?;
/// assert_eq!(a.try_write(b"hi")?, 2);
/// b.readable().await?;
/// let mut buf = [0u8; 2];
/// assert_eq!(b.try_read(&mut buf)?, 2);
/// assert_eq!(&buf, b"hi");
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub struct UnixStream {
    io: PollEvented<mio::net::UnixStream>,
}

impl UnixStream {
    /// Connects to the socket bound at `path`. On Linux and Android, a path
    /// that starts with a NUL byte (`"\0name"`) names an abstract socket.
    ///
    /// # Errors
    ///
    /// `NotFound` when nothing is bound there, `ConnectionRefused` when
    /// nobody listens.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver.
    pub async fn connect<P: AsRef<Path>>(path: P) -> io::Result<UnixStream> {
        let addr = super::socket_addr::from_path(path.as_ref())?;
        UnixStream::connect_mio(mio::net::UnixStream::connect_addr(&addr)?).await
    }

    /// Connects to the socket named by `addr` (a path, or on Linux an
    /// abstract name).
    ///
    /// # Errors
    ///
    /// The connect error, as for [`connect`](UnixStream::connect).
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver.
    ///
    /// # Cancel safety
    ///
    /// Dropping the future closes the half-made connection.
    pub async fn connect_addr(addr: &SocketAddr) -> io::Result<UnixStream> {
        UnixStream::connect_mio(mio::net::UnixStream::connect_addr(&addr.0)?).await
    }

    /// Waits for a non-blocking connect on `std` to finish.
    pub(crate) async fn connect_std(std: std::os::unix::net::UnixStream) -> io::Result<UnixStream> {
        UnixStream::connect_mio(mio::net::UnixStream::from_std(std)).await
    }

    async fn connect_mio(sys: mio::net::UnixStream) -> io::Result<UnixStream> {
        let stream = UnixStream::new(sys)?;
        poll_fn(|cx| stream.io.registration().poll_ready(cx, Direction::Write)).await?;
        if let Some(e) = stream.io.take_error()? {
            return Err(e);
        }
        Ok(stream)
    }

    /// A stream returned by `accept`: assumed readable and writable, as
    /// `TcpStream`'s accepted streams are.
    pub(crate) fn new_accepted(sys: mio::net::UnixStream) -> io::Result<UnixStream> {
        let stream = UnixStream::new(sys)?;
        stream
            .io
            .registration()
            .assume_ready(bits::READABLE | bits::WRITABLE);
        Ok(stream)
    }

    #[track_caller]
    pub(crate) fn new(sys: mio::net::UnixStream) -> io::Result<UnixStream> {
        Ok(UnixStream {
            io: PollEvented::new(sys)?,
        })
    }

    /// Creates a connected pair of streams.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver.
    #[track_caller]
    pub fn pair() -> io::Result<(UnixStream, UnixStream)> {
        let (a, b) = mio::net::UnixStream::pair()?;
        let (a, b) = (UnixStream::new(a)?, UnixStream::new(b)?);
        // Both ends of a fresh pair are writable.
        a.io.registration().assume_ready(bits::WRITABLE);
        b.io.registration().assume_ready(bits::WRITABLE);
        Ok((a, b))
    }

    /// Creates a stream from a `std::os::unix::net::UnixStream`, which should
    /// already be in non-blocking mode.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver. In debug
    /// builds, also when the socket is in blocking mode (`--cfg
    /// runtime_allow_from_blocking_fd` turns that check off).
    #[track_caller]
    pub fn from_std(stream: std::os::unix::net::UnixStream) -> io::Result<UnixStream> {
        crate::sys::check_not_blocking(std::os::fd::AsFd::as_fd(&stream))?;
        UnixStream::new(mio::net::UnixStream::from_std(stream))
    }

    /// Turns the stream back into a std stream, still non-blocking.
    pub fn into_std(self) -> io::Result<std::os::unix::net::UnixStream> {
        let sys = self.io.into_inner()?;
        Ok(std::os::unix::net::UnixStream::from(
            std::os::fd::OwnedFd::from(sys),
        ))
    }

    /// The local address.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.io.local_addr().map(SocketAddr)
    }

    /// The peer's address.
    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.io.peer_addr().map(SocketAddr)
    }

    /// The credentials of the peer process.
    pub fn peer_cred(&self) -> io::Result<UCred> {
        UCred::get(self.io.as_fd())
    }

    /// Takes the pending `SO_ERROR`, if any.
    pub fn take_error(&self) -> io::Result<Option<io::Error>> {
        self.io.take_error()
    }

    /// Waits until the stream is readable.
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

    /// Waits until the stream is writable.
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

    /// Polls for read readiness; only the most recent waker is woken.
    pub fn poll_read_ready(&self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.io
            .registration()
            .poll_ready(cx, Direction::Read)
            .map_ok(|_| ())
    }

    /// Polls for write readiness; only the most recent waker is woken.
    pub fn poll_write_ready(&self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.io
            .registration()
            .poll_ready(cx, Direction::Write)
            .map_ok(|_| ())
    }

    /// Reads what is available without waiting (`WouldBlock` if nothing).
    pub fn try_read(&self, buf: &mut [u8]) -> io::Result<usize> {
        self.io.try_read_slice(buf)
    }

    /// Reads into several buffers without waiting.
    pub fn try_read_vectored(&self, bufs: &mut [io::IoSliceMut<'_>]) -> io::Result<usize> {
        self.io.try_read_vectored(bufs)
    }

    /// Reads into a `BufMut` without waiting.
    pub fn try_read_buf<B: bytes::BufMut>(&self, buf: &mut B) -> io::Result<usize> {
        self.io.registration().try_io(Direction::Read.mask(), || {
            crate::sys::recv_buf_mut(self.io.as_fd(), buf)
        })
    }

    /// Writes what fits without waiting (`WouldBlock` if nothing does).
    pub fn try_write(&self, buf: &[u8]) -> io::Result<usize> {
        self.io
            .registration()
            .try_io(Direction::Write.mask(), || (&*self.io).write(buf))
    }

    /// Writes from several buffers without waiting.
    pub fn try_write_vectored(&self, bufs: &[io::IoSlice<'_>]) -> io::Result<usize> {
        self.io
            .registration()
            .try_io(Direction::Write.mask(), || (&*self.io).write_vectored(bufs))
    }

    /// Splits a borrowed stream into read and write halves.
    pub fn split(&mut self) -> (ReadHalf<'_>, WriteHalf<'_>) {
        split(self)
    }

    /// Splits the stream into owned halves; see
    /// [`TcpStream::into_split`](crate::TcpStream::into_split).
    pub fn into_split(self) -> (OwnedReadHalf, OwnedWriteHalf) {
        split_owned(self)
    }

    pub(crate) fn poll_read_priv(
        &self,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        self.io.poll_read(cx, buf)
    }

    pub(crate) fn poll_write_priv(
        &self,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.io.poll_write(cx, buf)
    }

    pub(crate) fn poll_write_vectored_priv(
        &self,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        self.io.poll_write_vectored(cx, bufs)
    }

    /// Shuts the write half down. `NotConnected` counts as done, as in
    /// tokio: a peer's reset can close the socket before the call, and the
    /// caller's intent (no more writes) holds either way.
    pub(crate) fn shutdown_write(&self) -> io::Result<()> {
        match self.io.shutdown(Shutdown::Write) {
            Err(e) if e.kind() == io::ErrorKind::NotConnected => Ok(()),
            res => res,
        }
    }
}

impl AsyncRead for UnixStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        self.poll_read_priv(cx, buf)
    }
}

impl AsyncWrite for UnixStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.poll_write_priv(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        self.poll_write_vectored_priv(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        true
    }

    fn poll_flush(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(self.shutdown_write())
    }
}

impl TryFrom<std::os::unix::net::UnixStream> for UnixStream {
    type Error = io::Error;

    /// Same as [`UnixStream::from_std`].
    fn try_from(stream: std::os::unix::net::UnixStream) -> io::Result<Self> {
        UnixStream::from_std(stream)
    }
}

/// A stream is trivially a view of itself, so code generic over
/// `AsRef<UnixStream>` accepts the stream as well as its split halves.
impl AsRef<Self> for UnixStream {
    fn as_ref(&self) -> &Self {
        self
    }
}

impl AsRawFd for UnixStream {
    fn as_raw_fd(&self) -> RawFd {
        self.io.as_raw_fd()
    }
}

impl AsFd for UnixStream {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.io.as_fd()
    }
}

impl fmt::Debug for UnixStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.io, f)
    }
}
