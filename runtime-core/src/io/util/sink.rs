//! [`Sink`]: a writer that takes every byte and drops it.

use std::fmt;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use super::empty::poll_proceed_and_make_progress;
use crate::io::AsyncWrite;

/// A writer that accepts every byte and drops it.
///
/// Created by [`sink`]. Each operation takes part in cooperative scheduling.
#[derive(Clone, Copy, Default)]
pub struct Sink {
    _priv: (),
}

/// Creates a writer that accepts every byte and drops it.
///
/// The asynchronous twin of [`std::io::sink`].
///
/// # Examples
///
/// ```
/// use runtime_core::io::{self, AsyncWriteExt};
///
/// # futures::executor::block_on(async {
/// let mut out = io::sink();
/// assert_eq!(out.write(b"ignored").await?, 7);
/// out.shutdown().await?;
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
pub fn sink() -> Sink {
    Sink { _priv: () }
}

impl AsyncWrite for Sink {
    #[inline]
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        ready!(poll_proceed_and_make_progress(cx));
        Poll::Ready(Ok(buf.len()))
    }

    #[inline]
    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(poll_proceed_and_make_progress(cx));
        Poll::Ready(Ok(()))
    }

    #[inline]
    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        ready!(poll_proceed_and_make_progress(cx));
        Poll::Ready(Ok(()))
    }

    #[inline]
    fn is_write_vectored(&self) -> bool {
        true
    }

    #[inline]
    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        ready!(poll_proceed_and_make_progress(cx));
        Poll::Ready(Ok(bufs.iter().map(|b| b.len()).sum()))
    }
}

impl fmt::Debug for Sink {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad("Sink { .. }")
    }
}
