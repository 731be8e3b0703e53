//! [`CopyToBytes`]: a `Sink` of `Bytes` as a `Sink` of `&[u8]`.

use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_core::Stream;
use futures_sink::Sink;
use pin_project_lite::pin_project;

pin_project! {
    /// A [`Sink`] of `&[u8]` that copies each slice into a [`Bytes`] and
    /// sends it to the wrapped sink of `Bytes`.
    ///
    /// It lets a sink of owned buffers (a channel, a `FramedWrite` with
    /// `BytesCodec`) sit under a
    /// [`SinkWriter`](super::SinkWriter), which needs a sink of slices.
    /// `CopyToBytes` forwards `Stream` to the wrapped sink, if it is one.
    ///
    /// # Examples
    ///
    /// ```
    /// use bytes::Bytes;
    /// use futures::SinkExt;
    /// use runtime_util::io::CopyToBytes;
    ///
    /// # futures::executor::block_on(async {
    /// let (tx, mut rx) = futures::channel::mpsc::unbounded::<Bytes>();
    /// let mut sink = CopyToBytes::new(tx);
    /// sink.send(&b"hi"[..]).await.unwrap();
    /// assert_eq!(rx.try_recv().unwrap(), "hi");
    /// # });
    /// ```
    #[derive(Debug)]
    pub struct CopyToBytes<S> {
        #[pin]
        inner: S,
    }
}

impl<S> CopyToBytes<S> {
    /// Copies slices into `inner`.
    pub fn new(inner: S) -> Self {
        CopyToBytes { inner }
    }

    /// Returns a reference to the wrapped sink.
    pub fn get_ref(&self) -> &S {
        &self.inner
    }

    /// Returns a mutable reference to the wrapped sink.
    pub fn get_mut(&mut self) -> &mut S {
        &mut self.inner
    }

    /// Consumes the adapter and returns the wrapped sink.
    pub fn into_inner(self) -> S {
        self.inner
    }
}

impl<'a, S> Sink<&'a [u8]> for CopyToBytes<S>
where
    S: Sink<Bytes>,
{
    type Error = S::Error;

    fn poll_ready(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.project().inner.poll_ready(cx)
    }

    fn start_send(self: Pin<&mut Self>, item: &'a [u8]) -> Result<(), Self::Error> {
        self.project()
            .inner
            .start_send(Bytes::copy_from_slice(item))
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.project().inner.poll_flush(cx)
    }

    fn poll_close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.project().inner.poll_close(cx)
    }
}

impl<S: Stream> Stream for CopyToBytes<S> {
    type Item = S::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.project().inner.poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}
