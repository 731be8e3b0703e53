//! [`TcpListenerStream`]: a `TcpListener` as a stream of connections.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use runtime_net::{TcpListener, TcpStream};

/// A [`Stream`] of the connections accepted by a [`TcpListener`].
///
/// Each item is the result of one accept: `Ok(stream)` or the accept
/// error. An error does not end the stream (errors such as running out of
/// file descriptors are usually transient); the stream never ends on its
/// own.
///
/// # Examples
///
/// ```
/// use runtime_net::{TcpListener, TcpStream};
/// use runtime_stream::StreamExt;
/// use runtime_stream::wrappers::TcpListenerStream;
///
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_net::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// let listener = TcpListener::bind("127.0.0.1:0").await?;
/// let addr = listener.local_addr()?;
/// let mut incoming = TcpListenerStream::new(listener);
///
/// let client = TcpStream::connect(addr).await?;
/// let server_side = incoming.next().await.unwrap()?;
/// assert_eq!(server_side.peer_addr()?, client.local_addr()?);
/// # Ok::<_, std::io::Error>(())
/// # }).unwrap();
/// ```
#[derive(Debug)]
pub struct TcpListenerStream {
    inner: TcpListener,
}

impl TcpListenerStream {
    /// Wraps a listener.
    pub fn new(listener: TcpListener) -> Self {
        TcpListenerStream { inner: listener }
    }

    /// Returns the listener.
    pub fn into_inner(self) -> TcpListener {
        self.inner
    }
}

impl Stream for TcpListenerStream {
    type Item = io::Result<TcpStream>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<io::Result<TcpStream>>> {
        match self.inner.poll_accept(cx) {
            Poll::Ready(Ok((stream, _))) => Poll::Ready(Some(Ok(stream))),
            Poll::Ready(Err(err)) => Poll::Ready(Some(Err(err))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl AsRef<TcpListener> for TcpListenerStream {
    fn as_ref(&self) -> &TcpListener {
        &self.inner
    }
}

impl AsMut<TcpListener> for TcpListenerStream {
    fn as_mut(&mut self) -> &mut TcpListener {
        &mut self.inner
    }
}
