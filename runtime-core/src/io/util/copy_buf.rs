//! [`copy_buf`]: copies from an [`AsyncBufRead`] using the reader's own
//! buffer, with no buffer of its own.
//!
//! As `copy`, it flushes the writer before waiting on a reader that has
//! nothing, if bytes were written since the last flush (a buffering writer
//! might hold the very bytes the reader's peer waits for), and it retries
//! reads and writes that fail with `Interrupted`.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use super::write_all::write_zero;
use crate::io::{AsyncBufRead, AsyncWrite};
use crate::task::coop::poll_proceed;

/// The future of [`copy_buf`].
struct CopyBuf<'a, R: ?Sized, W: ?Sized> {
    reader: &'a mut R,
    writer: &'a mut W,
    amt: u64,
    /// Bytes were written since the last flush.
    need_flush: bool,
}

impl<R, W> Future for CopyBuf<'_, R, W>
where
    R: AsyncBufRead + Unpin + ?Sized,
    W: AsyncWrite + Unpin + ?Sized,
{
    type Output = io::Result<u64>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<u64>> {
        let me = &mut *self;
        loop {
            let coop = ready!(poll_proceed(cx));
            let buffer = match Pin::new(&mut *me.reader).poll_fill_buf(cx) {
                Poll::Ready(Err(e)) if e.kind() == io::ErrorKind::Interrupted => continue,
                Poll::Ready(res) => res?,
                Poll::Pending => {
                    if me.need_flush {
                        ready!(Pin::new(&mut *me.writer).poll_flush(cx))?;
                        me.need_flush = false;
                    }
                    return Poll::Pending;
                }
            };
            if buffer.is_empty() {
                ready!(Pin::new(&mut *me.writer).poll_flush(cx))?;
                me.need_flush = false;
                coop.made_progress();
                return Poll::Ready(Ok(me.amt));
            }
            let n = match Pin::new(&mut *me.writer).poll_write(cx, buffer) {
                Poll::Ready(Err(e)) if e.kind() == io::ErrorKind::Interrupted => continue,
                res => ready!(res)?,
            };
            if n == 0 {
                return Poll::Ready(Err(write_zero()));
            }
            let n = n.min(buffer.len());
            coop.made_progress();
            Pin::new(&mut *me.reader).consume(n);
            me.amt += n as u64;
            me.need_flush = true;
        }
    }
}

/// Copies everything from a buffered `reader` to `writer`, returning the
/// number of bytes copied.
///
/// Like [`copy`](crate::io::copy), but writes straight out of the reader's
/// buffer ([`AsyncBufRead::poll_fill_buf`]) instead of copying into a buffer
/// of its own. Flushes `writer` at end of file; does not shut it down.
///
/// # Errors
///
/// Any error of `reader` or `writer` other than `Interrupted` (which is
/// retried), and `WriteZero` if `writer` accepts zero bytes.
///
/// # Cancel safety
///
/// Cancellation safe in the sense that bytes are consumed from `reader` only
/// once `writer` took them: if the future is dropped, nothing is lost (but
/// `writer` may not have been flushed).
///
/// # Examples
///
/// ```
/// use runtime_core::io;
///
/// # futures::executor::block_on(async {
/// let mut reader: &[u8] = b"buffered";
/// let mut writer = Vec::new();
/// assert_eq!(io::copy_buf(&mut reader, &mut writer).await?, 8);
/// assert_eq!(writer, b"buffered");
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
pub async fn copy_buf<'a, R, W>(reader: &'a mut R, writer: &'a mut W) -> io::Result<u64>
where
    R: AsyncBufRead + Unpin + ?Sized,
    W: AsyncWrite + Unpin + ?Sized,
{
    CopyBuf {
        reader,
        writer,
        amt: 0,
        need_flush: false,
    }
    .await
}
