//! [`Take`]: a reader adapter that stops after a byte limit.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use pin_project_lite::pin_project;

use crate::io::{AsyncBufRead, AsyncRead, ReadBuf};

pin_project! {
    /// Reads at most a fixed number of bytes from an inner reader, then
    /// reports end of file.
    ///
    /// Created by [`AsyncReadExt::take`](crate::io::AsyncReadExt::take).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::AsyncReadExt;
    ///
    /// # futures::executor::block_on(async {
    /// let mut limited = (&b"hello world"[..]).take(5);
    /// let mut out = String::new();
    /// limited.read_to_string(&mut out).await?;
    /// assert_eq!(out, "hello");
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    #[derive(Debug)]
    #[must_use = "streams do nothing unless you `.await` or poll them"]
    pub struct Take<R> {
        #[pin]
        inner: R,
        limit: u64,
    }
}

pub(crate) fn take<R: AsyncRead>(inner: R, limit: u64) -> Take<R> {
    Take { inner, limit }
}

impl<R: AsyncRead> Take<R> {
    /// The number of bytes that can still be read before end of file.
    ///
    /// It counts down as bytes are read; `0` means this adapter reports EOF
    /// (the inner reader may still have data).
    pub fn limit(&self) -> u64 {
        self.limit
    }

    /// Sets the number of bytes that can still be read, as if this adapter
    /// had just been created with that limit.
    pub fn set_limit(&mut self, limit: u64) {
        self.limit = limit;
    }

    /// A shared reference to the inner reader.
    pub fn get_ref(&self) -> &R {
        &self.inner
    }

    /// A mutable reference to the inner reader. Reading through it directly
    /// does not count towards the limit.
    pub fn get_mut(&mut self) -> &mut R {
        &mut self.inner
    }

    /// A pinned mutable reference to the inner reader.
    pub fn get_pin_mut(self: Pin<&mut Self>) -> Pin<&mut R> {
        self.project().inner
    }

    /// Gives back the inner reader. Bytes past the limit are still in it.
    pub fn into_inner(self) -> R {
        self.inner
    }
}

impl<R: AsyncRead> AsyncRead for Take<R> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if self.limit == 0 {
            return Poll::Ready(Ok(()));
        }
        let me = self.project();
        let max = usize::try_from(*me.limit).unwrap_or(usize::MAX);
        let mut sub = buf.take(max);
        let ptr = sub.filled().as_ptr();
        ready!(me.inner.poll_read(cx, &mut sub))?;
        assert_eq!(
            ptr,
            sub.filled().as_ptr(),
            "AsyncRead::poll_read replaced the ReadBuf it was given"
        );
        let n = sub.filled().len();
        let initialized = sub.initialized().len();
        // SAFETY: `sub` views `buf`'s unfilled region starting at its filled
        // mark (pointer checked above), and its first `initialized` bytes are
        // initialised (ReadBuf's invariant).
        unsafe { buf.assume_init(initialized) };
        buf.advance(n);
        *me.limit -= n as u64;
        Poll::Ready(Ok(()))
    }
}

impl<R: AsyncBufRead> AsyncBufRead for Take<R> {
    fn poll_fill_buf(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<&[u8]>> {
        let me = self.project();
        if *me.limit == 0 {
            return Poll::Ready(Ok(&[]));
        }
        let buf = ready!(me.inner.poll_fill_buf(cx))?;
        let cap = usize::try_from(*me.limit)
            .unwrap_or(usize::MAX)
            .min(buf.len());
        Poll::Ready(Ok(&buf[..cap]))
    }

    fn consume(self: Pin<&mut Self>, amt: usize) {
        let me = self.project();
        // Never consume past the limit, whatever the caller asks.
        let amt = usize::try_from(*me.limit).map_or(amt, |limit| amt.min(limit));
        *me.limit -= amt as u64;
        me.inner.consume(amt);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::mem::MaybeUninit;
    use std::task::Waker;

    #[test]
    fn take_into_uninit_buffer_tracks_marks() {
        let mut cx = Context::from_waker(Waker::noop());
        let mut t = take(&b"abcdef"[..], 4);
        let mut storage = [MaybeUninit::<u8>::uninit(); 3];
        let mut buf = ReadBuf::uninit(&mut storage);
        assert!(matches!(
            Pin::new(&mut t).poll_read(&mut cx, &mut buf),
            Poll::Ready(Ok(()))
        ));
        assert_eq!(buf.filled(), b"abc");
        assert_eq!(t.limit(), 1);
        let mut storage = [MaybeUninit::<u8>::uninit(); 8];
        let mut buf = ReadBuf::uninit(&mut storage);
        assert!(matches!(
            Pin::new(&mut t).poll_read(&mut cx, &mut buf),
            Poll::Ready(Ok(()))
        ));
        assert_eq!(buf.filled(), b"d");
        assert_eq!(buf.initialized().len(), 1);
        assert_eq!(t.limit(), 0);
    }
}
