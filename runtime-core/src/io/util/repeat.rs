//! [`Repeat`]: a reader that yields one byte forever.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use super::empty::poll_proceed_and_make_progress;
use crate::io::{AsyncRead, ReadBuf};

/// A reader that fills every buffer with the same byte, forever.
///
/// Created by [`repeat`]. Each read takes part in cooperative scheduling.
#[derive(Debug, Clone, Copy)]
pub struct Repeat {
    byte: u8,
}

/// Creates a reader that yields `byte` forever.
///
/// The asynchronous twin of [`std::io::repeat`]. Combine it with
/// [`take`](crate::io::AsyncReadExt::take) to bound it.
///
/// # Examples
///
/// ```
/// use runtime_core::io::{self, AsyncReadExt};
///
/// # futures::executor::block_on(async {
/// let mut buf = [0u8; 4];
/// io::repeat(b'z').read_exact(&mut buf).await?;
/// assert_eq!(&buf, b"zzzz");
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
pub fn repeat(byte: u8) -> Repeat {
    Repeat { byte }
}

impl AsyncRead for Repeat {
    #[inline]
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        ready!(poll_proceed_and_make_progress(cx));
        let n = buf.remaining();
        buf.initialize_unfilled_to(n).fill(self.byte);
        buf.advance(n);
        Poll::Ready(Ok(()))
    }
}
