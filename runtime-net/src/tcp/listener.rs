//! [`TcpListener`]: a socket that accepts TCP connections.

use std::fmt;
use std::future::poll_fn;
use std::io;
use std::net::SocketAddr;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, RawFd};
use std::task::{Context, Poll, ready};

use crate::TcpStream;
use crate::addr::{ToSocketAddrs, each_addr};
use crate::driver::poll_evented::PollEvented;
use crate::driver::scheduled_io::Direction;

/// A TCP socket server, listening for connections.
///
/// Create it with [`bind`](TcpListener::bind) (or
/// [`TcpSocket::listen`](crate::TcpSocket::listen) for more control), then
/// [`accept`](TcpListener::accept) connections in a loop.
///
/// # Errors when accepting
///
/// `accept` returns every error to the caller, including the ones that say
/// the process is out of resources (`EMFILE`, `ENFILE`, `ENOBUFS`,
/// `ENOMEM`). The pending connection stays in the kernel's queue, so an
/// accept loop that simply retries at once would spin; a robust server waits
/// a little (for instance with `runtime::time::sleep`) before the next
/// `accept`. The listener keeps working once descriptors are free again.
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
/// let addr = listener.local_addr()?;
/// let client = TcpStream::connect(addr).await?;
/// let (server_side, peer) = listener.accept().await?;
/// assert_eq!(peer, client.local_addr()?);
/// assert_eq!(server_side.peer_addr()?, peer);
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub struct TcpListener {
    io: PollEvented<mio::net::TcpListener>,
}

impl TcpListener {
    /// Creates a listener bound to `addr`, listening with a backlog of 1024.
    ///
    /// When `addr` resolves to several addresses, each is tried in turn until
    /// one binds. Port 0 asks the OS for a free port; read it back with
    /// [`local_addr`](TcpListener::local_addr). `SO_REUSEADDR` is set, so a
    /// restarted server can bind while old connections are in `TIME_WAIT`.
    ///
    /// # Errors
    ///
    /// The last address's error (for instance `AddrInUse`), or
    /// `InvalidInput` when `addr` resolves to no address.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver.
    pub async fn bind<A: ToSocketAddrs>(addr: A) -> io::Result<TcpListener> {
        each_addr(addr, |addr| async move { TcpListener::bind_addr(addr) }).await
    }

    fn bind_addr(addr: SocketAddr) -> io::Result<TcpListener> {
        TcpListener::new(mio::net::TcpListener::bind(addr)?)
    }

    #[track_caller]
    pub(crate) fn new(sys: mio::net::TcpListener) -> io::Result<TcpListener> {
        Ok(TcpListener {
            io: PollEvented::new_with_interest(sys, mio::Interest::READABLE)?,
        })
    }

    /// Accepts a new connection, returning the stream and the peer's
    /// address.
    ///
    /// # Errors
    ///
    /// Any error of `accept(2)`; see [the type's docs](TcpListener) about
    /// running out of descriptors.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: if the future is dropped before it completes, no
    /// connection was taken from the queue.
    pub async fn accept(&self) -> io::Result<(TcpStream, SocketAddr)> {
        poll_fn(|cx| self.poll_accept(cx)).await
    }

    /// Polls to accept a new connection.
    ///
    /// Only the waker of the most recent call is woken.
    pub fn poll_accept(&self, cx: &mut Context<'_>) -> Poll<io::Result<(TcpStream, SocketAddr)>> {
        let (sys, addr) = ready!(
            self.io
                .registration()
                .poll_io(cx, Direction::Read, || self.io.accept())
        )?;
        Poll::Ready(TcpStream::new_accepted(sys).map(|stream| (stream, addr)))
    }

    /// Creates a listener from a `std::net::TcpListener`.
    ///
    /// The std listener should be in non-blocking mode already
    /// (`set_nonblocking(true)`); this function does not change the mode.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver. In debug
    /// builds, also when the socket is in blocking mode (`--cfg
    /// runtime_allow_from_blocking_fd` turns that check off).
    #[track_caller]
    pub fn from_std(listener: std::net::TcpListener) -> io::Result<TcpListener> {
        crate::sys::check_not_blocking(std::os::fd::AsFd::as_fd(&listener))?;
        TcpListener::new(mio::net::TcpListener::from_std(listener))
    }

    /// Turns the listener back into a `std::net::TcpListener`, still in
    /// non-blocking mode.
    pub fn into_std(self) -> io::Result<std::net::TcpListener> {
        let sys = self.io.into_inner()?;
        Ok(std::net::TcpListener::from(std::os::fd::OwnedFd::from(sys)))
    }

    /// The address the listener is bound to.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.io.local_addr()
    }

    /// The `IP_TTL` of the listener's packets.
    pub fn ttl(&self) -> io::Result<u32> {
        self.io.ttl()
    }

    /// Sets `IP_TTL`.
    pub fn set_ttl(&self, ttl: u32) -> io::Result<()> {
        self.io.set_ttl(ttl)
    }
}

impl TryFrom<std::net::TcpListener> for TcpListener {
    type Error = io::Error;

    /// Same as [`TcpListener::from_std`].
    fn try_from(listener: std::net::TcpListener) -> io::Result<Self> {
        TcpListener::from_std(listener)
    }
}

impl AsRawFd for TcpListener {
    fn as_raw_fd(&self) -> RawFd {
        self.io.as_raw_fd()
    }
}

impl AsFd for TcpListener {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.io.as_fd()
    }
}

impl fmt::Debug for TcpListener {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.io, f)
    }
}
