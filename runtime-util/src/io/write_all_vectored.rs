//! [`write_all_vectored`]: write every byte of a list of buffers.

use std::future::Future;
use std::io::{self, IoSlice};
use std::marker::PhantomPinned;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use pin_project_lite::pin_project;
use runtime_core::io::AsyncWrite;

pin_project! {
    /// The future returned by [`write_all_vectored`].
    #[derive(Debug)]
    #[must_use = "futures do nothing unless you `.await` or poll them"]
    pub struct WriteAllVectored<'a, 'b, W: ?Sized> {
        writer: &'a mut W,
        bufs: &'a mut [IoSlice<'b>],
        // `!Unpin`, like an `async fn` future, so that it can become one.
        #[pin]
        _pin: PhantomPinned,
    }
}

/// Writes every byte of `bufs`, in order, to `writer`, with vectored writes
/// (which a writer without vectored support turns into plain ones).
///
/// The slices are modified as bytes are written (as by
/// [`IoSlice::advance_slices`]): a slice written in part is advanced in
/// place to its unwritten rest; slices written in full are skipped, not
/// cleared.
///
/// # Errors
///
/// A write that fails with [`Interrupted`](io::ErrorKind::Interrupted) is
/// retried. Otherwise returns the writer's error, or [`WriteZero`](io::ErrorKind::WriteZero) if
/// the writer accepts no bytes while some remain.
///
/// # Cancel safety
///
/// Not cancel safe: when the future is dropped, some bytes may already have
/// been written.
///
/// # Examples
///
/// ```
/// use std::io::IoSlice;
/// use runtime_util::io::write_all_vectored;
///
/// # runtime_test::block_on(async {
/// let mut out = Vec::new();
/// let mut bufs = [IoSlice::new(b"hello "), IoSlice::new(b"world")];
/// write_all_vectored(&mut out, &mut bufs).await.unwrap();
/// assert_eq!(out, b"hello world");
/// # });
/// ```
pub fn write_all_vectored<'a, 'b, W>(
    writer: &'a mut W,
    bufs: &'a mut [IoSlice<'b>],
) -> WriteAllVectored<'a, 'b, W>
where
    W: AsyncWrite + Unpin + ?Sized,
{
    WriteAllVectored {
        writer,
        bufs,
        _pin: PhantomPinned,
    }
}

impl<W> Future for WriteAllVectored<'_, '_, W>
where
    W: AsyncWrite + Unpin + ?Sized,
{
    type Output = io::Result<()>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.project();
        // Drop leading empty slices, so that "nothing left" is `is_empty`.
        IoSlice::advance_slices(this.bufs, 0);
        while !this.bufs.is_empty() {
            let n = match ready!(Pin::new(&mut **this.writer).poll_write_vectored(cx, this.bufs)) {
                // An interrupted write wrote nothing: try again.
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                result => result?,
            };
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            IoSlice::advance_slices(this.bufs, n);
        }
        Poll::Ready(Ok(()))
    }
}
