//! [`UnixListener`]: a Unix domain socket server.

use std::fmt;
use std::future::poll_fn;
use std::io;
use std::os::fd::{AsFd, AsRawFd, BorrowedFd, RawFd};
use std::path::Path;
use std::task::{Context, Poll, ready};

use crate::UnixStream;
use crate::driver::poll_evented::PollEvented;
use crate::driver::scheduled_io::Direction;
use crate::unix::SocketAddr;

/// A Unix domain socket server, listening for connections.
///
/// Errors from `accept` (including running out of descriptors) are returned
/// to the caller, as for [`TcpListener`](crate::TcpListener).
///
/// The socket file is not removed when the listener is dropped; remove it
/// yourself if you need to bind the same path again.
///
/// # Examples
///
/// ```
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_net::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// use runtime_net::{UnixListener, UnixStream};
///
/// let path = std::env::temp_dir().join(format!("doc-{}.sock", std::process::id()));
/// let listener = UnixListener::bind(&path)?;
/// let client = UnixStream::connect(&path).await?;
/// let (server, _addr) = listener.accept().await?;
/// assert_eq!(server.peer_cred()?.uid(), client.peer_cred()?.uid());
/// std::fs::remove_file(&path)?;
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub struct UnixListener {
    io: PollEvented<mio::net::UnixListener>,
}

impl UnixListener {
    /// Creates a listener bound to `path`. On Linux and Android, a path
    /// that starts with a NUL byte (`"\0name"`) names an abstract socket.
    ///
    /// # Errors
    ///
    /// `AddrInUse` when the path exists.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver.
    #[track_caller]
    pub fn bind<P: AsRef<Path>>(path: P) -> io::Result<UnixListener> {
        let addr = super::socket_addr::from_path(path.as_ref())?;
        UnixListener::new(mio::net::UnixListener::bind_addr(&addr)?)
    }

    /// Binds a listener to the socket address `addr` (a path, or on Linux
    /// an abstract name).
    ///
    /// # Errors
    ///
    /// The bind error (for instance `AddrInUse`).
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver.
    #[track_caller]
    pub fn bind_addr(addr: &SocketAddr) -> io::Result<UnixListener> {
        UnixListener::new(mio::net::UnixListener::bind_addr(&addr.0)?)
    }

    #[track_caller]
    fn new(sys: mio::net::UnixListener) -> io::Result<UnixListener> {
        Ok(UnixListener {
            io: PollEvented::new_with_interest(sys, mio::Interest::READABLE)?,
        })
    }

    /// Creates a listener from a std listener, which should already be in
    /// non-blocking mode.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime without the I/O driver. In debug
    /// builds, also when the socket is in blocking mode (`--cfg
    /// runtime_allow_from_blocking_fd` turns that check off).
    #[track_caller]
    pub fn from_std(listener: std::os::unix::net::UnixListener) -> io::Result<UnixListener> {
        crate::sys::check_not_blocking(std::os::fd::AsFd::as_fd(&listener))?;
        UnixListener::new(mio::net::UnixListener::from_std(listener))
    }

    /// Turns the listener back into a std listener, still non-blocking.
    pub fn into_std(self) -> io::Result<std::os::unix::net::UnixListener> {
        let sys = self.io.into_inner()?;
        Ok(std::os::unix::net::UnixListener::from(
            std::os::fd::OwnedFd::from(sys),
        ))
    }

    /// The address the listener is bound to.
    pub fn local_addr(&self) -> io::Result<SocketAddr> {
        self.io.local_addr().map(SocketAddr)
    }

    /// Takes the pending `SO_ERROR`, if any.
    pub fn take_error(&self) -> io::Result<Option<io::Error>> {
        self.io.take_error()
    }

    /// Accepts a new connection.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: if the future is dropped, no connection was taken.
    pub async fn accept(&self) -> io::Result<(UnixStream, SocketAddr)> {
        poll_fn(|cx| self.poll_accept(cx)).await
    }

    /// Polls to accept a new connection. Only the most recent waker is
    /// woken.
    pub fn poll_accept(&self, cx: &mut Context<'_>) -> Poll<io::Result<(UnixStream, SocketAddr)>> {
        let (sys, addr) = ready!(
            self.io
                .registration()
                .poll_io(cx, Direction::Read, || self.io.accept())
        )?;
        Poll::Ready(UnixStream::new_accepted(sys).map(|stream| (stream, SocketAddr(addr))))
    }
}

impl TryFrom<std::os::unix::net::UnixListener> for UnixListener {
    type Error = io::Error;

    /// Same as [`UnixListener::from_std`].
    fn try_from(listener: std::os::unix::net::UnixListener) -> io::Result<Self> {
        UnixListener::from_std(listener)
    }
}

impl AsRawFd for UnixListener {
    fn as_raw_fd(&self) -> RawFd {
        self.io.as_raw_fd()
    }
}

impl AsFd for UnixListener {
    fn as_fd(&self) -> BorrowedFd<'_> {
        self.io.as_fd()
    }
}

impl fmt::Debug for UnixListener {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.io, f)
    }
}
