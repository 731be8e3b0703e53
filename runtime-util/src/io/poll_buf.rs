//! Reading into a [`BufMut`] and writing from a [`Buf`], as public
//! functions.

use std::future::poll_fn;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::{Buf, BufMut};
use runtime_core::io::{AsyncRead, AsyncWrite};

/// Reads once from `io` into the spare capacity of `buf`, advancing `buf` by
/// the number of bytes read.
///
/// Returns `Poll::Ready(Ok(0))` when the reader is at end of stream, or when
/// `buf` has no spare capacity (check
/// [`has_remaining_mut`](BufMut::has_remaining_mut) to tell them apart).
/// The reader may be handed uninitialised memory through
/// [`ReadBuf::uninit`](runtime_core::io::ReadBuf::uninit); it never sees the
/// bytes already in `buf`.
///
/// # Errors
///
/// Returns the reader's error, with `buf` unchanged.
///
/// # Examples
///
/// ```
/// use std::pin::Pin;
/// use bytes::BytesMut;
/// use futures::future::poll_fn;
/// use runtime_util::io::poll_read_buf;
///
/// # futures::executor::block_on(async {
/// let mut reader: &[u8] = b"hello";
/// let mut buf = BytesMut::with_capacity(16);
/// let n = poll_fn(|cx| poll_read_buf(Pin::new(&mut reader), cx, &mut buf)).await.unwrap();
/// assert_eq!(n, 5);
/// assert_eq!(&buf[..], b"hello");
/// # });
/// ```
pub fn poll_read_buf<T: AsyncRead + ?Sized, B: BufMut>(
    io: Pin<&mut T>,
    cx: &mut Context<'_>,
    buf: &mut B,
) -> Poll<io::Result<usize>> {
    crate::util::poll_read_buf(io, cx, buf)
}

/// Writes once from `buf` to `io`, advancing `buf` past the bytes written.
///
/// Uses a vectored write when the writer is efficient at them and `buf` is
/// made of several chunks. Returns `Poll::Ready(Ok(0))` when `buf` is empty.
///
/// # Errors
///
/// Returns the writer's error, with `buf` unchanged.
///
/// # Examples
///
/// ```
/// use std::pin::Pin;
/// use bytes::{Buf, Bytes};
/// use futures::future::poll_fn;
/// use runtime_util::io::poll_write_buf;
///
/// # futures::executor::block_on(async {
/// let mut out = Vec::new();
/// let mut buf = Bytes::from_static(b"hello");
/// while buf.has_remaining() {
///     poll_fn(|cx| poll_write_buf(Pin::new(&mut out), cx, &mut buf)).await.unwrap();
/// }
/// assert_eq!(out, b"hello");
/// # });
/// ```
pub fn poll_write_buf<T: AsyncWrite + ?Sized, B: Buf>(
    io: Pin<&mut T>,
    cx: &mut Context<'_>,
    buf: &mut B,
) -> Poll<io::Result<usize>> {
    crate::util::poll_write_buf(io, cx, buf)
}

/// Reads once from `read` into the spare capacity of `buf`, returning the
/// number of bytes read; the `async` form of [`poll_read_buf`].
///
/// # Errors
///
/// Returns the reader's error.
///
/// # Cancel safety
///
/// Cancel safe: if the future is dropped before it completes, no bytes have
/// been read.
///
/// # Examples
///
/// ```
/// use bytes::BytesMut;
/// use runtime_util::io::read_buf;
///
/// # futures::executor::block_on(async {
/// let mut reader: &[u8] = b"abc";
/// let mut buf = BytesMut::with_capacity(8);
/// assert_eq!(read_buf(&mut reader, &mut buf).await.unwrap(), 3);
/// assert_eq!(read_buf(&mut reader, &mut buf).await.unwrap(), 0);
/// assert_eq!(&buf[..], b"abc");
/// # });
/// ```
pub async fn read_buf<R, B>(read: &mut R, buf: &mut B) -> io::Result<usize>
where
    R: AsyncRead + Unpin,
    B: BufMut,
{
    poll_fn(|cx| poll_read_buf(Pin::new(&mut *read), cx, buf)).await
}
