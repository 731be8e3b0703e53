//! The future of [`AsyncBufReadExt::fill_buf`](crate::io::AsyncBufReadExt::fill_buf).

use std::future::Future;
use std::io;
use std::marker::PhantomPinned;
use std::pin::Pin;
use std::task::{Context, Poll};

use pin_project_lite::pin_project;

use crate::io::AsyncBufRead;

pin_project! {
    /// Future for the [`fill_buf`](crate::io::AsyncBufReadExt::fill_buf)
    /// method.
    #[derive(Debug)]
    #[must_use = "futures do nothing unless you `.await` or poll them"]
    pub struct FillBuf<'a, R: ?Sized> {
        // `None` once the future has returned the buffer, which borrows the
        // reader for the rest of `'a`.
        reader: Option<&'a mut R>,
        #[pin]
        _pin: PhantomPinned,
    }
}

pub(crate) fn fill_buf<R>(reader: &mut R) -> FillBuf<'_, R>
where
    R: AsyncBufRead + ?Sized + Unpin,
{
    FillBuf {
        reader: Some(reader),
        _pin: PhantomPinned,
    }
}

impl<'a, R> Future for FillBuf<'a, R>
where
    R: AsyncBufRead + ?Sized + Unpin,
{
    type Output = io::Result<&'a [u8]>;

    /// # Panics
    ///
    /// Panics if polled after it completed.
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<&'a [u8]>> {
        let me = self.project();
        let reader = me.reader.take().expect("FillBuf polled after completion");
        match Pin::new(&mut *reader).poll_fill_buf(cx) {
            Poll::Ready(Ok(slice)) => {
                let (ptr, len) = (slice.as_ptr(), slice.len());
                // SAFETY: `slice` borrows `*reader`, which is borrowed for
                // `'a`, and `reader` is dropped here (never put back), so
                // nothing else can reach the reader while the returned slice
                // lives. The current borrow checker cannot see that a borrow
                // ending on one branch does not extend to the `Pending` branch
                // below, hence the round trip through a raw pointer.
                let slice: &'a [u8] = unsafe { std::slice::from_raw_parts(ptr, len) };
                Poll::Ready(Ok(slice))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => {
                *me.reader = Some(reader);
                Poll::Pending
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::task::Waker;

    #[test]
    fn returns_buffer_with_reader_lifetime() {
        let mut cx = Context::from_waker(Waker::noop());
        let mut src: &[u8] = b"abc";
        let got = {
            let mut fut = std::pin::pin!(fill_buf(&mut src));
            match fut.as_mut().poll(&mut cx) {
                Poll::Ready(Ok(s)) => s,
                other => panic!("{other:?}"),
            }
        };
        assert_eq!(got, b"abc");
    }

    #[test]
    #[should_panic(expected = "polled after completion")]
    fn polling_twice_panics() {
        let mut cx = Context::from_waker(Waker::noop());
        let mut src: &[u8] = b"abc";
        let mut fut = std::pin::pin!(fill_buf(&mut src));
        let _ = fut.as_mut().poll(&mut cx);
        let _ = fut.as_mut().poll(&mut cx);
    }
}
