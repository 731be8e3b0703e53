//! [`FramedWrite`]: a `Sink` of items encoded into an `AsyncWrite`.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::BytesMut;
use futures_core::Stream;
use futures_sink::Sink;
use pin_project_lite::pin_project;
use runtime_core::io::AsyncWrite;

use super::framed_impl::{FramedImpl, WriteFrame};
use super::{Encoder, FramedParts};

pin_project! {
    /// A [`Sink`] of items encoded by `E` into the bytes of an
    /// [`AsyncWrite`].
    ///
    /// Items are encoded into a write buffer by `start_send`. `poll_ready`
    /// accepts items while the buffer is shorter than the back-pressure
    /// boundary (8 KiB by default, see
    /// [`set_backpressure_boundary`](FramedWrite::set_backpressure_boundary))
    /// and writes the buffer out otherwise; `poll_flush` writes everything
    /// and flushes the writer; `poll_close` also shuts it down.
    ///
    /// If the wrapped object is also a [`Stream`], `FramedWrite` forwards the
    /// stream to it.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures::SinkExt;
    /// use runtime_util::codec::{FramedWrite, LinesCodec};
    ///
    /// # futures::executor::block_on(async {
    /// let mut sink = FramedWrite::new(Vec::new(), LinesCodec::new());
    /// sink.send("hello").await.unwrap();
    /// sink.send("world").await.unwrap();
    /// assert_eq!(sink.get_ref(), b"hello\nworld\n");
    /// # });
    /// ```
    pub struct FramedWrite<T, E> {
        #[pin]
        inner: FramedImpl<T, E, WriteFrame>,
    }
}

impl<T, E> FramedWrite<T, E>
where
    T: AsyncWrite,
{
    /// Encodes items into `inner` with `encoder`, with a write buffer of the
    /// default capacity (8 KiB).
    pub fn new(inner: T, encoder: E) -> FramedWrite<T, E> {
        FramedWrite {
            inner: FramedImpl {
                inner,
                codec: encoder,
                state: WriteFrame::default(),
            },
        }
    }

    /// Encodes items into `inner` with `encoder`, with a write buffer that
    /// starts with room for `capacity` bytes, and a back-pressure boundary of
    /// `capacity`: `poll_ready` flushes once that much is buffered.
    pub fn with_capacity(inner: T, encoder: E, capacity: usize) -> FramedWrite<T, E> {
        FramedWrite {
            inner: FramedImpl {
                inner,
                codec: encoder,
                state: WriteFrame::with_capacity(capacity),
            },
        }
    }
}

impl<T, E> FramedWrite<T, E> {
    /// Returns a reference to the writer.
    pub fn get_ref(&self) -> &T {
        &self.inner.inner
    }

    /// Returns a mutable reference to the writer.
    ///
    /// Writing to it directly interleaves with the encoded frames.
    pub fn get_mut(&mut self) -> &mut T {
        &mut self.inner.inner
    }

    /// Returns a pinned mutable reference to the writer.
    ///
    /// Writing to it directly interleaves with the encoded frames.
    pub fn get_pin_mut(self: Pin<&mut Self>) -> Pin<&mut T> {
        self.project().inner.project().inner
    }

    /// Consumes the `FramedWrite` and returns the writer, dropping the
    /// encoder and any bytes not yet written.
    pub fn into_inner(self) -> T {
        self.inner.inner
    }

    /// Returns a reference to the encoder.
    pub fn encoder(&self) -> &E {
        &self.inner.codec
    }

    /// Returns a mutable reference to the encoder.
    pub fn encoder_mut(&mut self) -> &mut E {
        &mut self.inner.codec
    }

    /// Returns a mutable reference to the encoder of a pinned `FramedWrite`.
    pub fn encoder_pin_mut(self: Pin<&mut Self>) -> &mut E {
        self.project().inner.project().codec
    }

    /// Replaces the encoder with `map(encoder)`, keeping the writer and the
    /// bytes not yet written.
    pub fn map_encoder<C, F>(self, map: F) -> FramedWrite<T, C>
    where
        F: FnOnce(E) -> C,
    {
        let FramedImpl {
            inner,
            state,
            codec,
        } = self.inner;
        FramedWrite {
            inner: FramedImpl {
                inner,
                state,
                codec: map(codec),
            },
        }
    }

    /// Returns the buffer of bytes encoded but not yet written.
    pub fn write_buffer(&self) -> &BytesMut {
        &self.inner.state.buffer
    }

    /// Returns a mutable reference to the buffer of bytes encoded but not
    /// yet written.
    pub fn write_buffer_mut(&mut self) -> &mut BytesMut {
        &mut self.inner.state.buffer
    }

    /// Returns the write-buffer length at which `poll_ready` starts flushing
    /// instead of accepting more items (8 KiB unless changed).
    pub fn backpressure_boundary(&self) -> usize {
        self.inner.state.backpressure_boundary
    }

    /// Sets the write-buffer length at which `poll_ready` starts flushing.
    ///
    /// `0` makes every `poll_ready` after a `start_send` flush first, so each
    /// item is written before the next is accepted.
    pub fn set_backpressure_boundary(&mut self, boundary: usize) {
        self.inner.state.backpressure_boundary = boundary;
    }

    /// Consumes the `FramedWrite` and returns the writer, the encoder and the
    /// bytes encoded but not yet written (`read_buf` is empty).
    pub fn into_parts(self) -> FramedParts<T, E> {
        FramedParts {
            io: self.inner.inner,
            codec: self.inner.codec,
            read_buf: BytesMut::new(),
            write_buf: self.inner.state.buffer,
            _priv: (),
        }
    }
}

impl<T, I, E> Sink<I> for FramedWrite<T, E>
where
    T: AsyncWrite,
    E: Encoder<I>,
{
    type Error = E::Error;

    fn poll_ready(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.project().inner.poll_ready(cx)
    }

    fn start_send(self: Pin<&mut Self>, item: I) -> Result<(), Self::Error> {
        self.project().inner.start_send(item)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.project().inner.poll_flush(cx)
    }

    fn poll_close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.project().inner.poll_close(cx)
    }
}

impl<T, D> Stream for FramedWrite<T, D>
where
    T: Stream,
{
    type Item = T::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.project().inner.project().inner.poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.inner.size_hint()
    }
}

impl<T: fmt::Debug, E: fmt::Debug> fmt::Debug for FramedWrite<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FramedWrite")
            .field("inner", &self.inner.inner)
            .field("encoder", &self.inner.codec)
            .field("buffer", &self.inner.state.buffer)
            .finish()
    }
}
