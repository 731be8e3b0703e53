//! [`FramedRead`]: a `Stream` of frames decoded from an `AsyncRead`.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::BytesMut;
use futures_core::Stream;
use futures_sink::Sink;
use pin_project_lite::pin_project;
use runtime_core::io::AsyncRead;

use super::framed_impl::{FramedImpl, ReadFrame};
use super::{Decoder, FramedParts};

pin_project! {
    /// A [`Stream`] of frames decoded by `D` from the bytes of an
    /// [`AsyncRead`].
    ///
    /// Each poll decodes from the bytes already buffered and reads more only
    /// when the decoder asks for them. At end of file the decoder's
    /// [`decode_eof`](Decoder::decode_eof) produces the closing frames; with
    /// the default `decode_eof`, a truncated frame is an error rather than
    /// silently lost. After an error the stream yields `None`.
    ///
    /// If the wrapped object is also a [`Sink`], `FramedRead` forwards the
    /// sink to it.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures::StreamExt;
    /// use runtime_util::codec::{FramedRead, LinesCodec};
    ///
    /// # futures::executor::block_on(async {
    /// let input: &[u8] = b"one\ntwo\nthree";
    /// let lines: Vec<String> = FramedRead::new(input, LinesCodec::new())
    ///     .map(|line| line.unwrap())
    ///     .collect()
    ///     .await;
    /// assert_eq!(lines, ["one", "two", "three"]);
    /// # });
    /// ```
    pub struct FramedRead<T, D> {
        #[pin]
        inner: FramedImpl<T, D, ReadFrame>,
    }
}

impl<T, D> FramedRead<T, D>
where
    T: AsyncRead,
    D: Decoder,
{
    /// Decodes frames from `inner` with `decoder`, with a read buffer of the
    /// default capacity (8 KiB).
    pub fn new(inner: T, decoder: D) -> FramedRead<T, D> {
        FramedRead {
            inner: FramedImpl {
                inner,
                codec: decoder,
                state: ReadFrame::default(),
            },
        }
    }

    /// Decodes frames from `inner` with `decoder`, with a read buffer that
    /// starts with room for `capacity` bytes.
    pub fn with_capacity(inner: T, decoder: D, capacity: usize) -> FramedRead<T, D> {
        FramedRead {
            inner: FramedImpl {
                inner,
                codec: decoder,
                state: ReadFrame::with_capacity(capacity),
            },
        }
    }
}

impl<T, D> FramedRead<T, D> {
    /// Returns a reference to the reader.
    ///
    /// Reading from it directly takes bytes away from the decoder.
    pub fn get_ref(&self) -> &T {
        &self.inner.inner
    }

    /// Returns a mutable reference to the reader.
    ///
    /// Reading from it directly takes bytes away from the decoder.
    pub fn get_mut(&mut self) -> &mut T {
        &mut self.inner.inner
    }

    /// Returns a pinned mutable reference to the reader.
    ///
    /// Reading from it directly takes bytes away from the decoder.
    pub fn get_pin_mut(self: Pin<&mut Self>) -> Pin<&mut T> {
        self.project().inner.project().inner
    }

    /// Consumes the `FramedRead` and returns the reader, dropping the
    /// decoder and any buffered bytes.
    pub fn into_inner(self) -> T {
        self.inner.inner
    }

    /// Returns a reference to the decoder.
    pub fn decoder(&self) -> &D {
        &self.inner.codec
    }

    /// Returns a mutable reference to the decoder.
    pub fn decoder_mut(&mut self) -> &mut D {
        &mut self.inner.codec
    }

    /// Returns a mutable reference to the decoder of a pinned `FramedRead`.
    pub fn decoder_pin_mut(self: Pin<&mut Self>) -> &mut D {
        self.project().inner.project().codec
    }

    /// Replaces the decoder with `map(decoder)`, keeping the reader and the
    /// buffered bytes. The new decoder sees the buffered bytes before
    /// anything more is read.
    pub fn map_decoder<C, F>(self, map: F) -> FramedRead<T, C>
    where
        F: FnOnce(D) -> C,
    {
        let FramedImpl {
            inner,
            mut state,
            codec,
        } = self.inner;
        state.is_readable = true;
        FramedRead {
            inner: FramedImpl {
                inner,
                state,
                codec: map(codec),
            },
        }
    }

    /// Returns the buffer of bytes read but not yet decoded.
    pub fn read_buffer(&self) -> &BytesMut {
        &self.inner.state.buffer
    }

    /// Returns a mutable reference to the buffer of bytes read but not yet
    /// decoded.
    pub fn read_buffer_mut(&mut self) -> &mut BytesMut {
        &mut self.inner.state.buffer
    }

    /// Consumes the `FramedRead` and returns the reader, the decoder and the
    /// bytes read but not yet decoded (`write_buf` is empty).
    pub fn into_parts(self) -> FramedParts<T, D> {
        FramedParts {
            io: self.inner.inner,
            codec: self.inner.codec,
            read_buf: self.inner.state.buffer,
            write_buf: BytesMut::new(),
            _priv: (),
        }
    }
}

impl<T, D> Stream for FramedRead<T, D>
where
    T: AsyncRead,
    D: Decoder,
{
    type Item = Result<D::Item, D::Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.project().inner.poll_next(cx)
    }
}

impl<T, I, D> Sink<I> for FramedRead<T, D>
where
    T: Sink<I>,
{
    type Error = T::Error;

    fn poll_ready(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.project().inner.project().inner.poll_ready(cx)
    }

    fn start_send(self: Pin<&mut Self>, item: I) -> Result<(), Self::Error> {
        self.project().inner.project().inner.start_send(item)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.project().inner.project().inner.poll_flush(cx)
    }

    fn poll_close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.project().inner.project().inner.poll_close(cx)
    }
}

impl<T: fmt::Debug, D: fmt::Debug> fmt::Debug for FramedRead<T, D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FramedRead")
            .field("inner", &self.inner.inner)
            .field("decoder", &self.inner.codec)
            .field("eof", &self.inner.state.eof)
            .field("is_readable", &self.inner.state.is_readable)
            .field("buffer", &self.inner.state.buffer)
            .finish()
    }
}
