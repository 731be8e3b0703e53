//! [`ReaderStream`]: an `AsyncRead` as a `Stream` of byte chunks.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::{Bytes, BytesMut};
use futures_core::Stream;
use pin_project_lite::pin_project;
use runtime_core::io::AsyncRead;

use super::poll_read_buf;

/// The default size of the chunks read.
const DEFAULT_CAPACITY: usize = 4096;

pin_project! {
    /// A [`Stream`] of the bytes of an [`AsyncRead`], in [`Bytes`] chunks.
    ///
    /// Each poll reads once, into a buffer of (by default) 4096 bytes, and
    /// yields what was read. The stream ends at the reader's end of file, and
    /// also after yielding the reader's first error; either way the reader is
    /// dropped then.
    ///
    /// [`StreamReader`](super::StreamReader) does the opposite.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures::StreamExt;
    /// use runtime_util::io::ReaderStream;
    ///
    /// # futures::executor::block_on(async {
    /// let reader: &[u8] = b"hello world";
    /// let mut stream = ReaderStream::with_capacity(reader, 5);
    /// let mut all = Vec::new();
    /// while let Some(chunk) = stream.next().await {
    ///     let chunk = chunk.unwrap();
    ///     assert!(chunk.len() <= 5);
    ///     all.extend_from_slice(&chunk);
    /// }
    /// assert_eq!(all, b"hello world");
    /// # });
    /// ```
    #[derive(Debug)]
    pub struct ReaderStream<R> {
        // `None` once the stream has ended.
        #[pin]
        reader: Option<R>,
        buf: BytesMut,
        capacity: usize,
    }
}

impl<R: AsyncRead> ReaderStream<R> {
    /// Streams the bytes of `reader` in chunks of at most 4096 bytes.
    pub fn new(reader: R) -> Self {
        Self::with_capacity(reader, DEFAULT_CAPACITY)
    }

    /// Streams the bytes of `reader` in chunks of at most `capacity` bytes.
    pub fn with_capacity(reader: R, capacity: usize) -> Self {
        ReaderStream {
            reader: Some(reader),
            buf: BytesMut::with_capacity(capacity),
            capacity,
        }
    }
}

impl<R: AsyncRead> Stream for ReaderStream<R> {
    type Item = io::Result<Bytes>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let mut this = self.project();
        let Some(reader) = this.reader.as_mut().as_pin_mut() else {
            return Poll::Ready(None);
        };

        if this.buf.capacity() == 0 {
            this.buf.reserve(*this.capacity);
        }

        match poll_read_buf(reader, cx, this.buf) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(Err(err)) => {
                this.reader.set(None);
                Poll::Ready(Some(Err(err)))
            }
            Poll::Ready(Ok(0)) => {
                this.reader.set(None);
                Poll::Ready(None)
            }
            Poll::Ready(Ok(_)) => Poll::Ready(Some(Ok(this.buf.split().freeze()))),
        }
    }
}
