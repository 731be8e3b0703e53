//! The state machine shared by [`Framed`](super::Framed),
//! [`FramedRead`](super::FramedRead) and [`FramedWrite`](super::FramedWrite).
//!
//! `FramedImpl<T, U, State>` holds the I/O object, the codec and a state that
//! is a [`ReadFrame`], a [`WriteFrame`] or both ([`RWFrames`]). The `Stream`
//! half works on any state that can lend a `ReadFrame`, the `Sink` half on
//! any that can lend a `WriteFrame`, so the three public types are thin
//! wrappers over one implementation.
//!
//! # Reading
//!
//! The read side moves between four states, kept in two flags, plus an
//! error latch:
//!
//! | state   | `eof` | `is_readable` | meaning |
//! |---------|-------|---------------|---------|
//! | reading | false | false | the buffer holds no whole frame: read more |
//! | framing | false | true  | new bytes arrived: call `decode` until it returns `None` |
//! | pausing | true  | true  | the reader hit EOF: call `decode_eof` until it returns `None` |
//! | paused  | true  | false | EOF handled: the stream returned `None`; reading again may resume |
//!
//! When `decode`, `decode_eof` or the read fails, the error is returned and
//! `has_errored` is set; the next poll returns `None` (and clears the latch,
//! so a stream polled after that reads again). A stream that returned `None`
//! at EOF can be polled again: if the reader then produces more bytes,
//! framing resumes; if it reports EOF again, `None` is returned without
//! calling `decode_eof` a second time.
//!
//! # Writing
//!
//! Items are encoded into the write buffer by `start_send`. `poll_ready`
//! accepts items as long as the buffer is below the back-pressure boundary
//! (8 KiB by default) and flushes otherwise, so a producer that outruns the
//! peer is slowed down instead of growing the buffer without limit.
//! `poll_flush` writes the whole buffer, then flushes the I/O object; a write
//! that accepts zero bytes is a [`WriteZero`](io::ErrorKind::WriteZero) error.

use std::borrow::{Borrow, BorrowMut};
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use bytes::BytesMut;
use futures_core::Stream;
use futures_sink::Sink;
use pin_project_lite::pin_project;
use runtime_core::io::{AsyncRead, AsyncWrite};

use super::{Decoder, Encoder};
use crate::util::{poll_read_buf, poll_write_buf};

/// The capacity read and write buffers start with.
pub(crate) const INITIAL_CAPACITY: usize = 8 * 1024;

/// The write-buffer length at which `poll_ready` starts flushing.
const BACKPRESSURE_BOUNDARY: usize = INITIAL_CAPACITY;

pin_project! {
    /// An I/O object, a codec and the buffers between them.
    #[derive(Debug)]
    pub(crate) struct FramedImpl<T, U, State> {
        #[pin]
        pub(crate) inner: T,
        pub(crate) state: State,
        pub(crate) codec: U,
    }
}

/// The read half of the state: the buffer of bytes not yet decoded.
#[derive(Debug)]
pub(crate) struct ReadFrame {
    pub(crate) eof: bool,
    pub(crate) is_readable: bool,
    pub(crate) buffer: BytesMut,
    pub(crate) has_errored: bool,
}

/// The write half of the state: the buffer of encoded bytes not yet written.
#[derive(Debug)]
pub(crate) struct WriteFrame {
    pub(crate) buffer: BytesMut,
    pub(crate) backpressure_boundary: usize,
}

/// Both halves, for [`Framed`](super::Framed).
#[derive(Debug, Default)]
pub(crate) struct RWFrames {
    pub(crate) read: ReadFrame,
    pub(crate) write: WriteFrame,
}

impl ReadFrame {
    /// A read state whose buffer starts with `capacity` bytes of room.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Self {
            eof: false,
            is_readable: false,
            buffer: BytesMut::with_capacity(capacity),
            has_errored: false,
        }
    }
}

impl Default for ReadFrame {
    fn default() -> Self {
        Self::with_capacity(INITIAL_CAPACITY)
    }
}

impl From<BytesMut> for ReadFrame {
    /// Resumes reading with bytes left over from an earlier framing type.
    ///
    /// The buffer is grown to at least [`INITIAL_CAPACITY`], and decoded
    /// before the next read if it holds bytes.
    fn from(mut buffer: BytesMut) -> Self {
        let is_readable = !buffer.is_empty();
        let size = buffer.capacity();
        if size < INITIAL_CAPACITY {
            buffer.reserve(INITIAL_CAPACITY - size);
        }
        Self {
            eof: false,
            is_readable,
            buffer,
            has_errored: false,
        }
    }
}

impl WriteFrame {
    /// A write state whose buffer starts with `capacity` bytes of room, and
    /// which flushes once that much is buffered.
    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Self {
            buffer: BytesMut::with_capacity(capacity),
            backpressure_boundary: capacity,
        }
    }
}

impl Default for WriteFrame {
    fn default() -> Self {
        Self::with_capacity(BACKPRESSURE_BOUNDARY)
    }
}

impl From<BytesMut> for WriteFrame {
    /// Resumes writing with bytes an earlier framing type had not written.
    fn from(mut buffer: BytesMut) -> Self {
        let size = buffer.capacity();
        if size < INITIAL_CAPACITY {
            buffer.reserve(INITIAL_CAPACITY - size);
        }
        Self {
            buffer,
            backpressure_boundary: BACKPRESSURE_BOUNDARY,
        }
    }
}

impl Borrow<ReadFrame> for RWFrames {
    fn borrow(&self) -> &ReadFrame {
        &self.read
    }
}

impl BorrowMut<ReadFrame> for RWFrames {
    fn borrow_mut(&mut self) -> &mut ReadFrame {
        &mut self.read
    }
}

impl Borrow<WriteFrame> for RWFrames {
    fn borrow(&self) -> &WriteFrame {
        &self.write
    }
}

impl BorrowMut<WriteFrame> for RWFrames {
    fn borrow_mut(&mut self) -> &mut WriteFrame {
        &mut self.write
    }
}

impl<T, U, R> Stream for FramedImpl<T, U, R>
where
    T: AsyncRead,
    U: Decoder,
    R: BorrowMut<ReadFrame>,
{
    type Item = Result<U::Item, U::Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let mut this = self.project();
        let state: &mut ReadFrame = this.state.borrow_mut();

        loop {
            // After an error the stream ends once; polling again afterwards
            // goes back to reading.
            if state.has_errored {
                state.is_readable = false;
                state.has_errored = false;
                return Poll::Ready(None);
            }

            if state.is_readable {
                if state.eof {
                    // Pausing: drain the closing frames.
                    let frame = match this.codec.decode_eof(&mut state.buffer) {
                        Ok(frame) => frame,
                        Err(err) => {
                            state.has_errored = true;
                            return Poll::Ready(Some(Err(err)));
                        }
                    };
                    if frame.is_none() {
                        state.is_readable = false;
                    }
                    return Poll::Ready(frame.map(Ok));
                }

                // Framing.
                match this.codec.decode(&mut state.buffer) {
                    Ok(Some(frame)) => return Poll::Ready(Some(Ok(frame))),
                    Ok(None) => state.is_readable = false,
                    Err(err) => {
                        state.has_errored = true;
                        return Poll::Ready(Some(Err(err)));
                    }
                }
            }

            // Reading (or paused). Make room for at least one byte, so that a
            // read of zero bytes always means end of stream.
            state.buffer.reserve(1);
            let n = match poll_read_buf(this.inner.as_mut(), cx, &mut state.buffer) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(Ok(n)) => n,
                Poll::Ready(Err(err)) => {
                    state.has_errored = true;
                    return Poll::Ready(Some(Err(err.into())));
                }
            };

            if n == 0 {
                if state.eof {
                    // Still at EOF and `decode_eof` already ran dry.
                    return Poll::Ready(None);
                }
                state.eof = true;
            } else {
                state.eof = false;
            }
            state.is_readable = true;
        }
    }
}

impl<T, I, U, W> Sink<I> for FramedImpl<T, U, W>
where
    T: AsyncWrite,
    U: Encoder<I>,
    W: BorrowMut<WriteFrame>,
{
    type Error = U::Error;

    fn poll_ready(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        let state: &WriteFrame = self.state.borrow();
        if state.buffer.len() >= state.backpressure_boundary {
            self.as_mut().poll_flush(cx)
        } else {
            Poll::Ready(Ok(()))
        }
    }

    fn start_send(self: Pin<&mut Self>, item: I) -> Result<(), Self::Error> {
        let this = self.project();
        let state: &mut WriteFrame = this.state.borrow_mut();
        this.codec.encode(item, &mut state.buffer)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        let mut this = self.project();
        let state: &mut WriteFrame = this.state.borrow_mut();

        while !state.buffer.is_empty() {
            let n = ready!(poll_write_buf(this.inner.as_mut(), cx, &mut state.buffer))?;
            if n == 0 {
                return Poll::Ready(Err(io::Error::new(
                    io::ErrorKind::WriteZero,
                    "failed to write frame to transport",
                )
                .into()));
            }
        }

        ready!(this.inner.poll_flush(cx))?;
        Poll::Ready(Ok(()))
    }

    fn poll_close(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        ready!(self.as_mut().poll_flush(cx))?;
        ready!(self.project().inner.poll_shutdown(cx))?;
        Poll::Ready(Ok(()))
    }
}
