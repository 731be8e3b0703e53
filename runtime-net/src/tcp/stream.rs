//! [`TcpStream`]: a TCP connection.

use std::fmt;
use std::future::poll_fn;
use std::io;
use std::net::{Shutdown, SocketAddr};
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, RawFd};
use std::pin::Pin;
use std::task::{Context, Poll, ready};
use std::time::Duration;

use runtime_core::io::{AsyncRead, AsyncWrite, ReadBuf};

use crate::addr::{ToSocketAddrs, each_addr};
use runtime_core::io::{Interest, Ready};

use crate::driver::interest;
use crate::driver::poll_evented::PollEvented;
use crate::driver::scheduled_io::{Direction, bits};
use crate::tcp::split::{ReadHalf, WriteHalf, split};
use crate::tcp::split_owned::{OwnedReadHalf, OwnedWriteHalf, split_owned};

/// A TCP stream between a local and a remote socket.
///
/// Create one by connecting with [`TcpStream::connect`], by accepting from a
/// [`TcpListener`](crate::TcpListener), or with
/// [`TcpSocket::connect`](crate::TcpSocket::connect). Reading and writing go through
/// [`AsyncRead`] and [`AsyncWrite`] (use the `AsyncReadExt` /
/// `AsyncWriteExt` extension traits), or the `try_*` methods after
/// [`readable`](TcpStream::readable) / [`writable`](TcpStream::writable).
///
/// Dropping the stream closes both halves. To close only the write half, and
/// let the peer read an end of file, call `AsyncWriteExt::shutdown`.
///
/// # Examples
///
/// ```
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_net::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// use runtime_net::{TcpListener, TcpStream};
///
/// let listener = TcpListener::bind("127.0.0.1:0").await?;
/// let client = TcpStream::connect(listener.local_addr()?).await?;
/// let (server, _) = listener.accept().await?;
///
/// client.writable().await?;
/// assert_eq!(client.try_write(b"hello")?, 5);
/// let mut buf = [0u8; 5];
/// let mut got = 0;
/// while got < 5 {
///     server.readable().await?;
///     match server.try_read(&mut buf[got..]) {
///         Ok(n) => got += n,
///         Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => continue,
///         Err(e) => return Err(e),
///     }
/// }
/// assert_eq!(&buf, b"hello");
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub struct TcpStream {
    pub(crate) io: PollEvented<mio::net::TcpStream>,
}

impl TcpStream {
    /// Opens a TCP connection to `addr`.
    ///
    /// When `addr` resolves to several addresses, each is tried in order and
    /// the first connection that succeeds is returned.
    ///
    /// # Errors
    ///
    /// The last address's error when no connection succeeds (for instance
    /// `ConnectionRefused`), or `InvalidInput` when `addr` resolves to no
    /// address at all.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver.
    pub async fn connect<A: ToSocketAddrs>(addr: A) -> io::Result<TcpStream> {
        each_addr(addr, TcpStream::connect_addr).await
    }

    async fn connect_addr(addr: SocketAddr) -> io::Result<TcpStream> {
        let sys = mio::net::TcpStream::connect(addr)?;
        TcpStream::connect_mio(sys).await
    }

    /// Waits for a non-blocking connect on `sys` to finish.
    pub(crate) async fn connect_mio(sys: mio::net::TcpStream) -> io::Result<TcpStream> {
        let stream = TcpStream::new(sys)?;
        // The connection is established (or failed) once the socket is
        // writable.
        poll_fn(|cx| stream.io.registration().poll_ready(cx, Direction::Write)).await?;
        if let Some(e) = stream.io.take_error()? {
            return Err(e);
        }
        // A socket can report writable with no error yet not be connected
        // (for instance after an RST that raced the handshake).
        match stream.io.peer_addr() {
            Ok(_) => Ok(stream),
            Err(e) if e.kind() == io::ErrorKind::NotConnected => {
                Err(stream.io.take_error()?.unwrap_or(e))
            }
            Err(e) => Err(e),
        }
    }

    /// A stream returned by `accept`: assumed readable and writable, so its
    /// first read and write try the socket instead of waiting for the
    /// driver's first event (which, under load, can queue behind every
    /// established connection's events). A wrong guess costs one
    /// `WouldBlock`.
    pub(crate) fn new_accepted(sys: mio::net::TcpStream) -> io::Result<TcpStream> {
        let stream = TcpStream::new(sys)?;
        stream
            .io
            .registration()
            .assume_ready(bits::READABLE | bits::WRITABLE);
        Ok(stream)
    }

    #[track_caller]
    pub(crate) fn new(sys: mio::net::TcpStream) -> io::Result<TcpStream> {
        Ok(TcpStream {
            io: PollEvented::new(sys)?,
        })
    }

    /// Creates a stream from a connected `std::net::TcpStream`.
    ///
    /// The std stream should be in non-blocking mode already
    /// (`set_nonblocking(true)`); this function does not change the mode,
    /// and a blocking socket would block the runtime's thread.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver. In debug
    /// builds, also when the socket is in blocking mode (`--cfg
    /// runtime_allow_from_blocking_fd` turns that check off).
    #[track_caller]
    pub fn from_std(stream: std::net::TcpStream) -> io::Result<TcpStream> {
        crate::sys::check_not_blocking(std::os::fd::AsFd::as_fd(&stream))?;
        TcpStream::new(mio::net::TcpStream::from_std(stream))
    }

    /// Turns the stream back into a `std::net::TcpStream`, still in
    /// non-blocking mode (call `set_nonblocking(false)` for blocking use).
    pub fn into_std(self) -> io::Result<std::net::TcpStream> {
        let sys = self.io.into_inner()?;
        Ok(std::net::TcpStream::from(std::os::fd::OwnedFd::from(sys)))
    }

    /// The local address of this end of the connection.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.io.local_addr()
    }

    /// The address of the remote end.
    pub fn peer_addr(&self) -> io::Result<SocketAddr> {
        self.io.peer_addr()
    }

    /// Takes the pending `SO_ERROR`, if any.
    pub fn take_error(&self) -> io::Result<Option<io::Error>> {
        self.io.take_error()
    }

    /// Polls for the next bytes without removing them from the socket.
    ///
    /// Returns the number of bytes peeked; `0` means the peer closed its
    /// write half.
    pub fn poll_peek(
        &self,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<usize>> {
        loop {
            let event = ready!(self.io.registration().poll_ready(cx, Direction::Read))?;
            match crate::sys::recv_read_buf(self.io.as_fd(), buf, libc::MSG_PEEK) {
                Ok(n) => return Poll::Ready(Ok(n)),
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    self.io.registration().clear_readiness(event)
                }
                Err(e) => return Poll::Ready(Err(e)),
            }
        }
    }

    /// Reads the next bytes into `buf` without removing them from the
    /// socket: a later read returns them again.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: nothing is consumed until the future completes.
    pub async fn peek(&self, buf: &mut [u8]) -> io::Result<usize> {
        self.io
            .registration()
            .async_io(Direction::Read.mask(), || self.io.peek(buf))
            .await
    }

    /// Waits until the stream is readable (data, end of file, or an error).
    ///
    /// The readiness may be spurious: follow it with
    /// [`try_read`](TcpStream::try_read) and handle `WouldBlock`.
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

    /// Polls for read readiness. Only the waker of the most recent call is
    /// woken.
    pub fn poll_read_ready(&self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.io
            .registration()
            .poll_ready(cx, Direction::Read)
            .map_ok(|_| ())
    }

    /// Polls for write readiness. Only the waker of the most recent call is
    /// woken.
    pub fn poll_write_ready(&self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.io
            .registration()
            .poll_ready(cx, Direction::Write)
            .map_ok(|_| ())
    }

    /// Reads what is available into `buf` without waiting.
    ///
    /// # Errors
    ///
    /// `WouldBlock` when nothing is available (the readiness is then
    /// cleared); `Ok(0)` means end of file or an empty `buf`.
    pub fn try_read(&self, buf: &mut [u8]) -> io::Result<usize> {
        self.io.try_read_slice(buf)
    }

    /// Like [`try_read`](TcpStream::try_read), into several buffers.
    pub fn try_read_vectored(&self, bufs: &mut [io::IoSliceMut<'_>]) -> io::Result<usize> {
        self.io.try_read_vectored(bufs)
    }

    /// Like [`try_read`](TcpStream::try_read), appending to a `BufMut`
    /// (advancing it by the number of bytes read).
    pub fn try_read_buf<B: bytes::BufMut>(&self, buf: &mut B) -> io::Result<usize> {
        self.io.registration().try_io(Direction::Read.mask(), || {
            crate::sys::recv_buf_mut(self.io.as_fd(), buf)
        })
    }

    /// Writes what fits from `buf` without waiting.
    ///
    /// # Errors
    ///
    /// `WouldBlock` when the send buffer is full.
    pub fn try_write(&self, buf: &[u8]) -> io::Result<usize> {
        use std::io::Write;
        self.io
            .registration()
            .try_io(Direction::Write.mask(), || (&*self.io).write(buf))
    }

    /// Like [`try_write`](TcpStream::try_write), from several buffers.
    pub fn try_write_vectored(&self, bufs: &[io::IoSlice<'_>]) -> io::Result<usize> {
        use std::io::Write;
        self.io
            .registration()
            .try_io(Direction::Write.mask(), || (&*self.io).write_vectored(bufs))
    }

    /// Whether `TCP_NODELAY` is set.
    pub fn nodelay(&self) -> io::Result<bool> {
        self.io.nodelay()
    }

    /// Sets `TCP_NODELAY`: when true, small writes are sent at once instead
    /// of being coalesced (Nagle's algorithm).
    pub fn set_nodelay(&self, nodelay: bool) -> io::Result<()> {
        self.io.set_nodelay(nodelay)
    }

    /// The `SO_LINGER` setting.
    pub fn linger(&self) -> io::Result<Option<Duration>> {
        socket2::SockRef::from(self).linger()
    }

    /// Sets `SO_LINGER`.
    ///
    /// Deprecated, as in tokio: a non-zero linger makes closing the socket
    /// block the runtime's thread until the data is sent or the time runs
    /// out. Use [`set_zero_linger`](TcpStream::set_zero_linger) to make
    /// closing reset the connection.
    #[deprecated = "a non-zero SO_LINGER blocks the thread on close; use `set_zero_linger`"]
    pub fn set_linger(&self, dur: Option<Duration>) -> io::Result<()> {
        socket2::SockRef::from(self).set_linger(dur)
    }

    /// Sets `SO_LINGER` to zero: closing the stream then resets the
    /// connection (the peer reads `ConnectionReset`) instead of a graceful
    /// close, and unsent data is discarded.
    pub fn set_zero_linger(&self) -> io::Result<()> {
        socket2::SockRef::from(self).set_linger(Some(Duration::ZERO))
    }

    /// Whether `TCP_QUICKACK` is set.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    pub fn quickack(&self) -> io::Result<bool> {
        socket2::SockRef::from(self).tcp_quickack()
    }

    /// Sets `TCP_QUICKACK`: acknowledge at once instead of delaying ACKs.
    /// Linux may reset it after later operations on the socket.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    pub fn set_quickack(&self, quickack: bool) -> io::Result<()> {
        socket2::SockRef::from(self).set_tcp_quickack(quickack)
    }

    /// The `IP_TTL` of outgoing packets.
    pub fn ttl(&self) -> io::Result<u32> {
        self.io.ttl()
    }

    /// Sets `IP_TTL`.
    pub fn set_ttl(&self, ttl: u32) -> io::Result<()> {
        self.io.set_ttl(ttl)
    }

    /// Splits a borrowed stream into a read half and a write half, usable
    /// concurrently (in the same task, for instance with `join!`).
    pub fn split(&mut self) -> (ReadHalf<'_>, WriteHalf<'_>) {
        split(self)
    }

    /// Splits the stream into owned halves that can move to different
    /// tasks. [`OwnedReadHalf::reunite`] puts them back together.
    ///
    /// Dropping the write half shuts the write direction down (the peer
    /// reads end of file), unless [`OwnedWriteHalf::forget`] was called.
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

impl AsyncRead for TcpStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        self.poll_read_priv(cx, buf)
    }
}

impl AsyncWrite for TcpStream {
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
        // Writes go straight to the kernel: there is nothing to flush.
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(self.shutdown_write())
    }
}

impl TryFrom<std::net::TcpStream> for TcpStream {
    type Error = io::Error;

    /// Same as [`TcpStream::from_std`].
    fn try_from(stream: std::net::TcpStream) -> io::Result<Self> {
        TcpStream::from_std(stream)
    }
}

/// A stream is trivially a view of itself, so code generic over
/// `AsRef<TcpStream>` accepts the stream as well as its split halves.
impl AsRef<Self> for TcpStream {
    fn as_ref(&self) -> &Self {
        self
    }
}

impl AsRawFd for TcpStream {
    fn as_raw_fd(&self) -> RawFd {
        self.io.as_raw_fd()
    }
}

impl AsFd for TcpStream {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.io.as_fd()
    }
}

impl fmt::Debug for TcpStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.io, f)
    }
}
