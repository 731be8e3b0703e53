//! [`StreamReader`]: a `Stream` of buffers as an `AsyncRead`.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use bytes::Buf;
use futures_core::Stream;
use futures_sink::Sink;
use pin_project_lite::pin_project;
use runtime_core::io::{AsyncBufRead, AsyncRead, ReadBuf};

pin_project! {
    /// An [`AsyncRead`] (and [`AsyncBufRead`]) over a [`Stream`] of
    /// `Result<B, E>` where `B` is a [`Buf`] of bytes.
    ///
    /// Reads take bytes from the current chunk and pull the next chunk from
    /// the stream when it is used up; empty chunks are skipped. The end of
    /// the stream is end of file. An `Err` from the stream is returned from
    /// the read as an [`io::Error`] (through `E: Into<io::Error>`); the
    /// reader can be read again afterwards and continues with the stream's
    /// next item. Once the stream has ended it is not polled again.
    ///
    /// [`ReaderStream`](super::ReaderStream) does the opposite. If the stream
    /// is also a [`Sink`], `StreamReader` forwards the sink to it.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::pin::Pin;
    /// use bytes::Bytes;
    /// use futures::future::poll_fn;
    /// use runtime_core::io::{AsyncRead, ReadBuf};
    /// use runtime_util::io::StreamReader;
    ///
    /// # futures::executor::block_on(async {
    /// let chunks = futures::stream::iter(vec![
    ///     Ok::<_, std::io::Error>(Bytes::from_static(b"hel")),
    ///     Ok(Bytes::from_static(b"")),
    ///     Ok(Bytes::from_static(b"lo")),
    /// ]);
    /// let mut reader = StreamReader::new(chunks);
    ///
    /// let mut out = [0u8; 16];
    /// let mut buf = ReadBuf::new(&mut out);
    /// while poll_fn(|cx| {
    ///     let before = buf.filled().len();
    ///     Pin::new(&mut reader)
    ///         .poll_read(cx, &mut buf)
    ///         .map_ok(|()| buf.filled().len() > before)
    /// })
    /// .await
    /// .unwrap()
    /// {}
    /// assert_eq!(buf.filled(), b"hello");
    /// # });
    /// ```
    #[derive(Debug)]
    pub struct StreamReader<S, B> {
        #[pin]
        inner: S,
        chunk: Option<B>,
        // Set once the stream has returned `None`: it is not polled again.
        eof: bool,
    }
}

impl<S, B, E> StreamReader<S, B>
where
    S: Stream<Item = Result<B, E>>,
    B: Buf,
    E: Into<io::Error>,
{
    /// Reads the bytes of the chunks of `stream`.
    pub fn new(stream: S) -> Self {
        StreamReader {
            inner: stream,
            chunk: None,
            eof: false,
        }
    }

    /// Whether a chunk with bytes left is buffered.
    fn has_chunk(&self) -> bool {
        self.chunk.as_ref().is_some_and(Buf::has_remaining)
    }

    /// Consumes the reader, returning the stream and the chunk it was
    /// reading, if any bytes of it are left.
    pub fn into_inner_with_chunk(self) -> (S, Option<B>) {
        let chunk = if self.has_chunk() { self.chunk } else { None };
        (self.inner, chunk)
    }
}

impl<S, B> StreamReader<S, B> {
    /// Returns a reference to the stream.
    pub fn get_ref(&self) -> &S {
        &self.inner
    }

    /// Returns a mutable reference to the stream.
    ///
    /// Taking items from it directly skips their bytes.
    pub fn get_mut(&mut self) -> &mut S {
        &mut self.inner
    }

    /// Returns a pinned mutable reference to the stream.
    ///
    /// Taking items from it directly skips their bytes.
    pub fn get_pin_mut(self: Pin<&mut Self>) -> Pin<&mut S> {
        self.project().inner
    }

    /// Consumes the reader and returns the stream, dropping the bytes left
    /// in the current chunk; see
    /// [`into_inner_with_chunk`](StreamReader::into_inner_with_chunk) to keep
    /// them.
    pub fn into_inner(self) -> S {
        self.inner
    }
}

impl<S, B, E> AsyncRead for StreamReader<S, B>
where
    S: Stream<Item = Result<B, E>>,
    B: Buf,
    E: Into<io::Error>,
{
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if buf.remaining() == 0 {
            return Poll::Ready(Ok(()));
        }
        let chunk = ready!(self.as_mut().poll_fill_buf(cx))?;
        let len = chunk.len().min(buf.remaining());
        buf.put_slice(&chunk[..len]);
        self.consume(len);
        Poll::Ready(Ok(()))
    }
}

impl<S, B, E> AsyncBufRead for StreamReader<S, B>
where
    S: Stream<Item = Result<B, E>>,
    B: Buf,
    E: Into<io::Error>,
{
    fn poll_fill_buf(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<&[u8]>> {
        loop {
            if self.has_chunk() {
                let chunk = self.project().chunk.as_ref().map_or(&[][..], Buf::chunk);
                return Poll::Ready(Ok(chunk));
            }
            if self.eof {
                return Poll::Ready(Ok(&[]));
            }
            match ready!(self.as_mut().project().inner.poll_next(cx)) {
                Some(Ok(chunk)) => *self.as_mut().project().chunk = Some(chunk),
                Some(Err(err)) => return Poll::Ready(Err(err.into())),
                None => {
                    *self.as_mut().project().eof = true;
                    return Poll::Ready(Ok(&[]));
                }
            }
        }
    }

    fn consume(self: Pin<&mut Self>, amt: usize) {
        if amt > 0 {
            if let Some(chunk) = self.project().chunk.as_mut() {
                chunk.advance(amt);
            }
        }
    }
}

impl<S, B, E, T> Sink<T> for StreamReader<S, B>
where
    S: Sink<T, Error = E>,
{
    type Error = E;

    fn poll_ready(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), E>> {
        self.project().inner.poll_ready(cx)
    }

    fn start_send(self: Pin<&mut Self>, item: T) -> Result<(), E> {
        self.project().inner.start_send(item)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), E>> {
        self.project().inner.poll_flush(cx)
    }

    fn poll_close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), E>> {
        self.project().inner.poll_close(cx)
    }
}
