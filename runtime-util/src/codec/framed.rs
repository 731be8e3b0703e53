//! [`Framed`]: one object that is both a `Stream` of decoded frames and a
//! `Sink` of items to encode, over a single I/O object.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::BytesMut;
use futures_core::Stream;
use futures_sink::Sink;
use pin_project_lite::pin_project;
use runtime_core::io::{AsyncRead, AsyncWrite};

use super::framed_impl::{FramedImpl, RWFrames, ReadFrame, WriteFrame};
use super::{Decoder, Encoder};

pin_project! {
    /// A [`Stream`] of frames decoded from, and a [`Sink`] of items encoded
    /// to, one I/O object.
    ///
    /// `Framed` reads bytes from `T` into a read buffer and asks the codec
    /// `U` (a [`Decoder`]) to cut frames out of it; items sent into it are
    /// encoded by `U` (an [`Encoder`]) into a write buffer that is written
    /// out when it reaches its back-pressure boundary or when the sink is
    /// flushed. Use it when one object reads and writes (a socket, a TLS
    /// stream); [`FramedRead`](super::FramedRead) and
    /// [`FramedWrite`](super::FramedWrite) cover one direction each. To
    /// drive both directions from different tasks, split it with
    /// `futures::StreamExt::split`.
    ///
    /// The stream yields `Err` when decoding or reading fails and then ends
    /// with `None`; every frame decoded before the error has been yielded.
    /// After `None` at end of file it may be polled again: if the I/O object
    /// produces more bytes, decoding resumes.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures::{SinkExt, StreamExt};
    /// use runtime_util::codec::{Framed, LinesCodec};
    ///
    /// # futures::executor::block_on(async {
    /// // A `Vec<u8>` wrapped in a cursor reads its bytes and records writes.
    /// let io = std::io::Cursor::new(b"ping\n".to_vec());
    /// let mut framed = Framed::new(io, LinesCodec::new());
    ///
    /// assert_eq!(framed.next().await.unwrap().unwrap(), "ping");
    /// framed.send("pong").await.unwrap();
    /// assert_eq!(framed.get_ref().get_ref(), b"ping\npong\n");
    /// # });
    /// ```
    pub struct Framed<T, U> {
        #[pin]
        inner: FramedImpl<T, U, RWFrames>,
    }
}

impl<T, U> Framed<T, U>
where
    T: AsyncRead + AsyncWrite,
{
    /// Frames `inner` with `codec`, with read and write buffers of the
    /// default capacity (8 KiB).
    ///
    /// The same object is returned by [`Decoder::framed`].
    pub fn new(inner: T, codec: U) -> Framed<T, U> {
        Framed {
            inner: FramedImpl {
                inner,
                codec,
                state: RWFrames::default(),
            },
        }
    }

    /// Frames `inner` with `codec`, with read and write buffers that start
    /// with room for `capacity` bytes, and a back-pressure boundary of
    /// `capacity`.
    pub fn with_capacity(inner: T, codec: U, capacity: usize) -> Framed<T, U> {
        Framed {
            inner: FramedImpl {
                inner,
                codec,
                state: RWFrames {
                    read: ReadFrame::with_capacity(capacity),
                    write: WriteFrame::with_capacity(capacity),
                },
            },
        }
    }
}

impl<T, U> Framed<T, U> {
    /// Rebuilds a `Framed` from the parts of another, keeping the bytes
    /// already read but not decoded, and those encoded but not yet written.
    ///
    /// This is how a protocol switches codecs mid-stream: take the parts
    /// with [`into_parts`](Framed::into_parts), change the codec, and build
    /// a new `Framed`. Buffers smaller than the default capacity are grown
    /// to it.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures::StreamExt;
    /// use runtime_util::codec::{BytesCodec, Framed, FramedParts, LinesCodec};
    ///
    /// # futures::executor::block_on(async {
    /// let io = std::io::Cursor::new(b"HELLO\nraw bytes".to_vec());
    /// let mut lines = Framed::new(io, LinesCodec::new());
    /// assert_eq!(lines.next().await.unwrap().unwrap(), "HELLO");
    ///
    /// let parts = lines.into_parts();
    /// let mut new_parts = FramedParts::new::<bytes::Bytes>(parts.io, BytesCodec::new());
    /// new_parts.read_buf = parts.read_buf;
    /// let mut raw = Framed::from_parts(new_parts);
    /// assert_eq!(&raw.next().await.unwrap().unwrap()[..], b"raw bytes");
    /// # });
    /// ```
    pub fn from_parts(parts: FramedParts<T, U>) -> Framed<T, U> {
        Framed {
            inner: FramedImpl {
                inner: parts.io,
                codec: parts.codec,
                state: RWFrames {
                    read: parts.read_buf.into(),
                    write: parts.write_buf.into(),
                },
            },
        }
    }

    /// Returns a reference to the I/O object.
    ///
    /// Reading from or writing to it directly interleaves with the frames
    /// and will likely corrupt them.
    pub fn get_ref(&self) -> &T {
        &self.inner.inner
    }

    /// Returns a mutable reference to the I/O object.
    ///
    /// Reading from or writing to it directly interleaves with the frames
    /// and will likely corrupt them.
    pub fn get_mut(&mut self) -> &mut T {
        &mut self.inner.inner
    }

    /// Returns a pinned mutable reference to the I/O object.
    ///
    /// Reading from or writing to it directly interleaves with the frames
    /// and will likely corrupt them.
    pub fn get_pin_mut(self: Pin<&mut Self>) -> Pin<&mut T> {
        self.project().inner.project().inner
    }

    /// Returns a reference to the codec.
    pub fn codec(&self) -> &U {
        &self.inner.codec
    }

    /// Returns a mutable reference to the codec.
    ///
    /// Changing the codec's state between frames is fine; changing it in the
    /// middle of one may corrupt the stream.
    pub fn codec_mut(&mut self) -> &mut U {
        &mut self.inner.codec
    }

    /// Returns a mutable reference to the codec of a pinned `Framed`.
    pub fn codec_pin_mut(self: Pin<&mut Self>) -> &mut U {
        self.project().inner.project().codec
    }

    /// Replaces the codec with `map(codec)`, keeping the I/O object and both
    /// buffers.
    ///
    /// The new codec is asked to decode the bytes already buffered before
    /// anything more is read.
    pub fn map_codec<C, F>(self, map: F) -> Framed<T, C>
    where
        F: FnOnce(U) -> C,
    {
        let boundary = self.backpressure_boundary();
        let parts = self.into_parts();
        let mut framed = Framed::from_parts(FramedParts {
            io: parts.io,
            codec: map(parts.codec),
            read_buf: parts.read_buf,
            write_buf: parts.write_buf,
            _priv: (),
        });
        framed.set_backpressure_boundary(boundary);
        framed
    }

    /// Returns the buffer of bytes read but not yet decoded.
    pub fn read_buffer(&self) -> &BytesMut {
        &self.inner.state.read.buffer
    }

    /// Returns a mutable reference to the buffer of bytes read but not yet
    /// decoded.
    pub fn read_buffer_mut(&mut self) -> &mut BytesMut {
        &mut self.inner.state.read.buffer
    }

    /// Returns the buffer of bytes encoded but not yet written.
    pub fn write_buffer(&self) -> &BytesMut {
        &self.inner.state.write.buffer
    }

    /// Returns a mutable reference to the buffer of bytes encoded but not
    /// yet written.
    pub fn write_buffer_mut(&mut self) -> &mut BytesMut {
        &mut self.inner.state.write.buffer
    }

    /// Returns the write-buffer length at which `poll_ready` starts flushing
    /// instead of accepting more items (8 KiB unless changed).
    pub fn backpressure_boundary(&self) -> usize {
        self.inner.state.write.backpressure_boundary
    }

    /// Sets the write-buffer length at which `poll_ready` starts flushing.
    ///
    /// `0` makes every `poll_ready` after a `start_send` flush first, so each
    /// item is written before the next is accepted.
    pub fn set_backpressure_boundary(&mut self, boundary: usize) {
        self.inner.state.write.backpressure_boundary = boundary;
    }

    /// Consumes the `Framed` and returns the I/O object, dropping the codec
    /// and any buffered bytes.
    pub fn into_inner(self) -> T {
        self.inner.inner
    }

    /// Consumes the `Framed` and returns the I/O object, the codec and both
    /// buffers.
    pub fn into_parts(self) -> FramedParts<T, U> {
        FramedParts {
            io: self.inner.inner,
            codec: self.inner.codec,
            read_buf: self.inner.state.read.buffer,
            write_buf: self.inner.state.write.buffer,
            _priv: (),
        }
    }
}

impl<T, U> Stream for Framed<T, U>
where
    T: AsyncRead,
    U: Decoder,
{
    type Item = Result<U::Item, U::Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.project().inner.poll_next(cx)
    }
}

impl<T, I, U> Sink<I> for Framed<T, U>
where
    T: AsyncWrite,
    U: Encoder<I>,
{
    type Error = U::Error;

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

impl<T: fmt::Debug, U: fmt::Debug> fmt::Debug for Framed<T, U> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Framed")
            .field("io", self.get_ref())
            .field("codec", self.codec())
            .finish()
    }
}

/// The pieces of a [`Framed`]: its I/O object, its codec and its buffers.
///
/// Returned by [`Framed::into_parts`] and taken by [`Framed::from_parts`],
/// to switch codecs without losing bytes already read or not yet written.
#[derive(Debug)]
#[allow(clippy::manual_non_exhaustive)] // `_priv` keeps struct literals out while fields stay public
pub struct FramedParts<T, U> {
    /// The I/O object.
    pub io: T,

    /// The codec.
    pub codec: U,

    /// Bytes read from `io` but not yet decoded.
    pub read_buf: BytesMut,

    /// Bytes encoded but not yet written to `io`.
    pub write_buf: BytesMut,

    pub(crate) _priv: (),
}

impl<T, U> FramedParts<T, U> {
    /// Parts with empty buffers.
    ///
    /// The type parameter `I` names an item type `codec` encodes; it only
    /// guides inference.
    pub fn new<I>(io: T, codec: U) -> FramedParts<T, U>
    where
        U: Encoder<I>,
    {
        FramedParts {
            io,
            codec,
            read_buf: BytesMut::new(),
            write_buf: BytesMut::new(),
            _priv: (),
        }
    }
}
