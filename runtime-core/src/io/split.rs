//! [`split`]: one stream as a [`ReadHalf`] and a [`WriteHalf`] that can be
//! used from different tasks.
//!
//! Both halves share the stream through an `Arc` and a small blocking lock,
//! held only for the duration of one `poll_*` call: a read and a write never
//! run at the same instant, but neither waits for the other to be *ready*.
//! Streams that support true concurrent halves without a lock (TCP) offer
//! their own `split`/`into_split`.
//!
//! The stream is pinned inside the `Arc` for as long as the halves live;
//! [`ReadHalf::unsplit`] moves it back out, which is why it needs
//! `T: Unpin`.

use std::fmt;
use std::io::{self, IoSlice};
use std::pin::Pin;
use std::task::{Context, Poll};

use crate::io::{AsyncRead, AsyncWrite, ReadBuf};
use crate::loom::sync::{Arc, Mutex};

/// The reading half of a stream, created by [`split`].
///
/// Reads lock the stream shared with the [`WriteHalf`] for the duration of
/// each `poll_read`.
pub struct ReadHalf<T> {
    inner: Arc<Inner<T>>,
}

/// The writing half of a stream, created by [`split`].
///
/// Writes lock the stream shared with the [`ReadHalf`] for the duration of
/// each `poll_*` call.
pub struct WriteHalf<T> {
    inner: Arc<Inner<T>>,
}

/// The stream shared by the halves.
///
/// Invariant: `stream` is never moved while any half exists (it is pinned in
/// the `Arc`'s allocation); it leaves only through `unsplit`, which requires
/// `T: Unpin`.
struct Inner<T> {
    stream: Mutex<T>,
}

impl<T> Inner<T> {
    fn with_lock<R>(&self, f: impl FnOnce(Pin<&mut T>) -> R) -> R {
        let mut guard = self.stream.lock();
        // SAFETY: `T` lives in the `Arc`'s heap allocation, which does not
        // move, and is never moved out of it while a pin may exist: the only
        // exit is `ReadHalf::unsplit`, which requires `T: Unpin`, and the
        // `Arc` drops `T` in place otherwise. The lock gives exclusive
        // access for the duration of `f`.
        let stream = unsafe { Pin::new_unchecked(&mut *guard) };
        f(stream)
    }
}

/// Splits a stream that is both a reader and a writer into a reading half
/// and a writing half, which can be moved to different tasks.
///
/// [`ReadHalf::unsplit`] puts them back together.
///
/// # Examples
///
/// ```
/// use runtime_core::io::{self, AsyncReadExt, AsyncWriteExt};
///
/// # futures::executor::block_on(async {
/// let (near, far) = io::duplex(64);
/// let (mut rd, mut wr) = io::split(near);
/// wr.write_all(b"to far").await?;
/// drop(far); // closes both directions
/// let mut buf = Vec::new();
/// rd.read_to_end(&mut buf).await?;
/// assert!(buf.is_empty());
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
pub fn split<T>(stream: T) -> (ReadHalf<T>, WriteHalf<T>)
where
    T: AsyncRead + AsyncWrite,
{
    let inner = Arc::new(Inner {
        stream: Mutex::new(stream),
    });
    let rd = ReadHalf {
        inner: inner.clone(),
    };
    let wr = WriteHalf { inner };
    (rd, wr)
}

impl<T> ReadHalf<T> {
    /// Whether `other` is the writing half split from the same stream as
    /// this reading half.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::{self, SimplexStream};
    ///
    /// let (rd, wr) = io::split(SimplexStream::new_unsplit(8));
    /// let (_, other) = io::split(SimplexStream::new_unsplit(8));
    /// assert!(rd.is_pair_of(&wr));
    /// assert!(!rd.is_pair_of(&other));
    /// ```
    pub fn is_pair_of(&self, other: &WriteHalf<T>) -> bool {
        other.is_pair_of(self)
    }

    /// Puts the two halves back together, returning the original stream.
    ///
    /// # Panics
    ///
    /// Panics if `wr` was not split from the same stream as `self` (see
    /// [`is_pair_of`](Self::is_pair_of)).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::{self, SimplexStream};
    ///
    /// let (rd, wr) = io::split(SimplexStream::new_unsplit(8));
    /// let stream: SimplexStream = rd.unsplit(wr);
    /// # drop(stream);
    /// ```
    #[track_caller]
    pub fn unsplit(self, wr: WriteHalf<T>) -> T
    where
        T: Unpin,
    {
        assert!(
            self.is_pair_of(&wr),
            "Unrelated `WriteHalf` passed to `ReadHalf::unsplit`"
        );
        drop(wr);
        let inner = Arc::try_unwrap(self.inner)
            .ok()
            .expect("the two halves held the only references");
        inner.stream.into_inner()
    }
}

impl<T> WriteHalf<T> {
    /// Whether `other` is the reading half split from the same stream as
    /// this writing half.
    pub fn is_pair_of(&self, other: &ReadHalf<T>) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }
}

impl<T: AsyncRead> AsyncRead for ReadHalf<T> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        self.inner.with_lock(|stream| stream.poll_read(cx, buf))
    }
}

impl<T: AsyncWrite> AsyncWrite for WriteHalf<T> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.inner.with_lock(|stream| stream.poll_write(cx, buf))
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.inner.with_lock(|stream| stream.poll_flush(cx))
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.inner.with_lock(|stream| stream.poll_shutdown(cx))
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        self.inner
            .with_lock(|stream| stream.poll_write_vectored(cx, bufs))
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.with_lock(|stream| stream.is_write_vectored())
    }
}

impl<T> fmt::Debug for ReadHalf<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReadHalf").finish_non_exhaustive()
    }
}

impl<T> fmt::Debug for WriteHalf<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WriteHalf").finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::{AsyncReadExt, AsyncWriteExt, SimplexStream};
    use std::marker::PhantomPinned;

    /// A `!Unpin` stream that records the address it is polled at.
    struct Pinned {
        data: Vec<u8>,
        seen: Vec<usize>,
        _pin: PhantomPinned,
    }

    impl AsyncRead for Pinned {
        fn poll_read(
            self: Pin<&mut Self>,
            _cx: &mut Context<'_>,
            buf: &mut ReadBuf<'_>,
        ) -> Poll<io::Result<()>> {
            // SAFETY: no field is structurally pinned; nothing is moved.
            let me = unsafe { self.get_unchecked_mut() };
            me.seen.push(me as *const Pinned as usize);
            let n = me.data.len().min(buf.remaining());
            buf.put_slice(&me.data[..n]);
            me.data.drain(..n);
            Poll::Ready(Ok(()))
        }
    }

    impl AsyncWrite for Pinned {
        fn poll_write(
            self: Pin<&mut Self>,
            _cx: &mut Context<'_>,
            buf: &[u8],
        ) -> Poll<io::Result<usize>> {
            // SAFETY: no field is structurally pinned; nothing is moved.
            let me = unsafe { self.get_unchecked_mut() };
            me.seen.push(me as *const Pinned as usize);
            me.data.extend_from_slice(buf);
            Poll::Ready(Ok(buf.len()))
        }

        fn poll_flush(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
            Poll::Ready(Ok(()))
        }

        fn poll_shutdown(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<io::Result<()>> {
            Poll::Ready(Ok(()))
        }
    }

    #[test]
    fn halves_reach_a_pinned_stream_at_one_address() {
        futures::executor::block_on(async {
            let (mut rd, mut wr) = split(Pinned {
                data: Vec::new(),
                seen: Vec::new(),
                _pin: PhantomPinned,
            });
            wr.write_all(b"xy").await.unwrap();
            let mut buf = [0u8; 2];
            rd.read_exact(&mut buf).await.unwrap();
            assert_eq!(&buf, b"xy");
            let seen = rd.inner.with_lock(|s| s.seen.clone());
            assert_eq!(seen.len(), 2);
            assert_eq!(seen[0], seen[1]);
        });
    }

    #[test]
    fn unsplit_returns_the_stream_with_its_data() {
        futures::executor::block_on(async {
            let (rd, mut wr) = split(SimplexStream::new_unsplit(8));
            wr.write_all(b"kept").await.unwrap();
            let mut stream = rd.unsplit(wr);
            let mut buf = [0u8; 4];
            stream.read_exact(&mut buf).await.unwrap();
            assert_eq!(&buf, b"kept");
        });
    }

    #[test]
    #[should_panic(expected = "Unrelated")]
    fn unsplit_with_foreign_half_panics() {
        let (rd, _wr) = split(SimplexStream::new_unsplit(8));
        let (_rd2, wr2) = split(SimplexStream::new_unsplit(8));
        let _ = rd.unsplit(wr2);
    }
}

#[cfg(all(test, runtime_loom))]
mod loom_split {
    use super::*;
    use crate::io::{AsyncReadExt, AsyncWriteExt, SimplexStream};

    /// The halves of one pipe on two threads: the reader gets exactly what
    /// the writer wrote, then end of file, and the halves unsplit.
    #[test]
    fn loom_split_halves_across_threads() {
        loom::model(|| {
            let (mut rd, mut wr) = split(SimplexStream::new_unsplit(2));
            let writer = loom::thread::spawn(move || {
                loom::future::block_on(async {
                    wr.write_all(b"abc").await.unwrap();
                    wr.shutdown().await.unwrap();
                });
                wr
            });
            let got = loom::future::block_on(async {
                let mut got = Vec::new();
                rd.read_to_end(&mut got).await.unwrap();
                got
            });
            let wr = writer.join().unwrap();
            assert_eq!(got, b"abc");
            assert!(rd.is_pair_of(&wr));
            let _stream: SimplexStream = rd.unsplit(wr);
        });
    }
}
