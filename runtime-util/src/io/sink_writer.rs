//! [`SinkWriter`]: a `Sink` of byte slices as an `AsyncWrite`.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use futures_core::Stream;
use futures_sink::Sink;
use pin_project_lite::pin_project;
use runtime_core::io::{AsyncRead, AsyncWrite, ReadBuf};

pin_project! {
    /// An [`AsyncWrite`] over a [`Sink`] of `&[u8]`.
    ///
    /// Each write waits for the sink to be ready, then sends it the whole
    /// slice, so a write always reports all of its bytes written. Flushing
    /// flushes the sink; shutting down closes it. Errors of the sink are
    /// turned into [`io::Error`]s with `E: Into<io::Error>`.
    ///
    /// Most sinks take owned buffers, not slices: wrap such a sink of
    /// [`Bytes`](bytes::Bytes) in [`CopyToBytes`](super::CopyToBytes) first.
    /// `SinkWriter` forwards `AsyncRead` and `Stream` to the sink, if it
    /// implements them.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::pin::Pin;
    /// use bytes::Bytes;
    /// use futures::future::poll_fn;
    /// use futures::SinkExt;
    /// use runtime_core::io::AsyncWrite;
    /// use runtime_util::io::{CopyToBytes, SinkWriter};
    ///
    /// # futures::executor::block_on(async {
    /// let sink = futures::sink::drain::<Bytes>().sink_map_err(|_| std::io::ErrorKind::Other);
    /// let mut writer = SinkWriter::new(CopyToBytes::new(sink));
    /// let n = poll_fn(|cx| Pin::new(&mut writer).poll_write(cx, b"hello")).await.unwrap();
    /// assert_eq!(n, 5);
    /// # });
    /// ```
    #[derive(Debug)]
    pub struct SinkWriter<S> {
        #[pin]
        inner: S,
    }
}

impl<S> SinkWriter<S> {
    /// Writes into `sink`.
    pub fn new(sink: S) -> Self {
        Self { inner: sink }
    }

    /// Returns a reference to the sink.
    pub fn get_ref(&self) -> &S {
        &self.inner
    }

    /// Returns a mutable reference to the sink.
    pub fn get_mut(&mut self) -> &mut S {
        &mut self.inner
    }

    /// Consumes the writer and returns the sink.
    pub fn into_inner(self) -> S {
        self.inner
    }
}

impl<S, E> AsyncWrite for SinkWriter<S>
where
    for<'a> S: Sink<&'a [u8], Error = E>,
    E: Into<io::Error>,
{
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let mut this = self.project();
        ready!(this.inner.as_mut().poll_ready(cx)).map_err(Into::into)?;
        match this.inner.as_mut().start_send(buf) {
            Ok(()) => Poll::Ready(Ok(buf.len())),
            Err(e) => Poll::Ready(Err(e.into())),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.project().inner.poll_flush(cx).map_err(Into::into)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.project().inner.poll_close(cx).map_err(Into::into)
    }
}

impl<S: Stream> Stream for SinkWriter<S> {
    type Item = S::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.project().inner.poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl<S: AsyncRead> AsyncRead for SinkWriter<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        self.project().inner.poll_read(cx, buf)
    }
}
