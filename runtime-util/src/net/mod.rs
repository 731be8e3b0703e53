//! Networking helpers: the [`Listener`] trait, to write servers once for
//! TCP and Unix domain sockets.
//!
//! [`Listener`] abstracts what an accept loop needs from a listening socket:
//! accept the next connection (as a `poll_` method and as a future) and
//! tell the bound address. It is implemented for
//! [`runtime_net::TcpListener`] here and for [`runtime_net::UnixListener`]
//! in [`unix`].
//!
//! A server that chooses its transport at run time can keep either kind in
//! an [`Either`]: `Either<L, R>` has inherent [`accept`](Either::accept) and
//! [`local_addr`](Either::local_addr) methods whose results say which side
//! they came from.

use std::future::Future;
use std::io::Result;
use std::pin::Pin;
use std::task::{Context, Poll};

use runtime_core::io::{AsyncRead, AsyncWrite};

use crate::either::Either;

#[cfg(unix)]
#[cfg_attr(docsrs, doc(cfg(unix)))]
pub mod unix;

/// A listening socket that accepts connections: implemented by
/// [`TcpListener`](runtime_net::TcpListener) and
/// [`UnixListener`](runtime_net::UnixListener).
///
/// # Examples
///
/// An echo server written once for any listener:
///
/// ```
/// use runtime_core::io::{AsyncReadExt, AsyncWriteExt};
/// use runtime_net::{TcpListener, TcpStream};
/// use runtime_util::net::Listener;
///
/// async fn echo_once<L>(listener: &mut L) -> std::io::Result<()>
/// where
///     L: Listener,
///     L::Io: Unpin,
/// {
///     let (mut io, _addr) = listener.accept().await?;
///     let mut buf = [0u8; 64];
///     let n = io.read(&mut buf).await?;
///     io.write_all(&buf[..n]).await
/// }
///
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_net::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// let mut listener = TcpListener::bind("127.0.0.1:0").await?;
/// let mut client = TcpStream::connect(Listener::local_addr(&listener)?).await?;
/// client.write_all(b"hello").await?;
/// echo_once(&mut listener).await?;
/// let mut reply = [0u8; 5];
/// client.read_exact(&mut reply).await?;
/// assert_eq!(&reply, b"hello");
/// # Ok::<(), std::io::Error>(())
/// # }).unwrap();
/// ```
pub trait Listener {
    /// The connected stream an accept returns.
    type Io: AsyncRead + AsyncWrite;
    /// The address type of the listener and of its peers.
    type Addr;

    /// Polls for the next incoming connection, returning the stream and
    /// the peer's address when one is ready. When `Pending`, the task is
    /// woken once a connection may be ready.
    ///
    /// # Errors
    ///
    /// The errors of the listener's own `poll_accept` (for instance when
    /// the process runs out of file descriptors); the listener stays usable.
    fn poll_accept(&mut self, cx: &mut Context<'_>) -> Poll<Result<(Self::Io, Self::Addr)>>;

    /// Accepts the next incoming connection.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: if the future is dropped before it completes, no
    /// connection has been taken from the queue.
    ///
    /// # Errors
    ///
    /// As [`poll_accept`](Self::poll_accept).
    fn accept(&mut self) -> ListenerAcceptFut<'_, Self>
    where
        Self: Sized,
    {
        ListenerAcceptFut { listener: self }
    }

    /// Returns the local address the listener is bound to.
    ///
    /// # Errors
    ///
    /// When the operating system cannot report it.
    fn local_addr(&self) -> Result<Self::Addr>;
}

impl Listener for runtime_net::TcpListener {
    type Io = runtime_net::TcpStream;
    type Addr = std::net::SocketAddr;

    fn poll_accept(&mut self, cx: &mut Context<'_>) -> Poll<Result<(Self::Io, Self::Addr)>> {
        runtime_net::TcpListener::poll_accept(self, cx)
    }

    fn local_addr(&self) -> Result<Self::Addr> {
        runtime_net::TcpListener::local_addr(self)
    }
}

/// The future returned by [`Listener::accept`]: the next connection and
/// its peer's address.
#[derive(Debug)]
#[must_use = "futures do nothing unless you `.await` or poll them"]
pub struct ListenerAcceptFut<'a, L> {
    listener: &'a mut L,
}

impl<L: Listener> Future for ListenerAcceptFut<'_, L> {
    type Output = Result<(L::Io, L::Addr)>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        // Only a `&mut L` is held, so the future is `Unpin`.
        self.get_mut().listener.poll_accept(cx)
    }
}

impl<L, R> Either<L, R>
where
    L: Listener,
    R: Listener,
{
    /// Accepts the next connection on the listener held, saying which side
    /// it came from.
    ///
    /// # Errors
    ///
    /// The error of the listener held.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe, as [`Listener::accept`].
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_net::{TcpListener, TcpStream, UnixListener};
    /// use runtime_util::either::Either;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_net::driver::layer())
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// let tcp = TcpListener::bind("127.0.0.1:0").await?;
    /// let mut listener: Either<TcpListener, UnixListener> = Either::Left(tcp);
    ///
    /// let Either::Left(addr) = listener.local_addr()? else { unreachable!() };
    /// let client = TcpStream::connect(addr).await?;
    /// match listener.accept().await? {
    ///     Either::Left((_stream, peer)) => assert_eq!(peer, client.local_addr()?),
    ///     Either::Right(_) => unreachable!("a TCP listener accepted"),
    /// }
    /// # Ok::<(), std::io::Error>(())
    /// # }).unwrap();
    /// ```
    pub async fn accept(&mut self) -> Result<Either<(L::Io, L::Addr), (R::Io, R::Addr)>> {
        match self {
            Either::Left(listener) => listener.accept().await.map(Either::Left),
            Either::Right(listener) => listener.accept().await.map(Either::Right),
        }
    }

    /// Returns the local address of the listener held, on its side.
    ///
    /// # Errors
    ///
    /// The error of the listener held.
    pub fn local_addr(&self) -> Result<Either<L::Addr, R::Addr>> {
        match self {
            Either::Left(listener) => listener.local_addr().map(Either::Left),
            Either::Right(listener) => listener.local_addr().map(Either::Right),
        }
    }
}
