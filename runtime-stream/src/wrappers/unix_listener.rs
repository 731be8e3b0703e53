//! [`UnixListenerStream`]: a `UnixListener` as a stream of connections.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use runtime_net::{UnixListener, UnixStream};

/// A [`Stream`] of the connections accepted by a [`UnixListener`].
///
/// Each item is the result of one accept: `Ok(stream)` or the accept
/// error. An error does not end the stream; the stream never ends on its
/// own.
///
/// # Examples
///
/// ```
/// use runtime_net::{UnixListener, UnixStream};
/// use runtime_stream::StreamExt;
/// use runtime_stream::wrappers::UnixListenerStream;
///
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_net::driver::layer())
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// let dir = std::env::temp_dir().join(format!("uls-doc-{}", std::process::id()));
/// std::fs::create_dir_all(&dir)?;
/// let path = dir.join("sock");
/// # let _ = std::fs::remove_file(&path);
/// let mut incoming = UnixListenerStream::new(UnixListener::bind(&path)?);
///
/// let _client = UnixStream::connect(&path).await?;
/// let server_side = incoming.next().await.unwrap();
/// assert!(server_side.is_ok());
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<_, std::io::Error>(())
/// # }).unwrap();
/// ```
#[derive(Debug)]
pub struct UnixListenerStream {
    inner: UnixListener,
}

impl UnixListenerStream {
    /// Wraps a listener.
    pub fn new(listener: UnixListener) -> Self {
        UnixListenerStream { inner: listener }
    }

    /// Returns the listener.
    pub fn into_inner(self) -> UnixListener {
        self.inner
    }
}

impl Stream for UnixListenerStream {
    type Item = io::Result<UnixStream>;

    fn poll_next(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<io::Result<UnixStream>>> {
        match self.inner.poll_accept(cx) {
            Poll::Ready(Ok((stream, _))) => Poll::Ready(Some(Ok(stream))),
            Poll::Ready(Err(err)) => Poll::Ready(Some(Err(err))),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl AsRef<UnixListener> for UnixListenerStream {
    fn as_ref(&self) -> &UnixListener {
        &self.inner
    }
}

impl AsMut<UnixListener> for UnixListenerStream {
    fn as_mut(&mut self) -> &mut UnixListener {
        &mut self.inner
    }
}
