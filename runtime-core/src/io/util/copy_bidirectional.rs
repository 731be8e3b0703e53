//! [`copy_bidirectional`]: two [`CopyBuffer`]s, one per direction, driven
//! by one future.
//!
//! Each direction runs until its reader's end of file, then shuts its
//! writer down (so the peer sees end of file too) and stops; the future
//! finishes when both directions have. An error in either direction ends
//! the whole copy.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use super::buf_reader::DEFAULT_BUF_SIZE;
use super::copy::CopyBuffer;
use crate::io::{AsyncRead, AsyncWrite};

/// One direction's progress.
#[derive(Debug)]
enum TransferState {
    Running(CopyBuffer),
    ShuttingDown(u64),
    Done(u64),
}

fn transfer_one_direction<A, B>(
    cx: &mut Context<'_>,
    state: &mut TransferState,
    r: &mut A,
    w: &mut B,
) -> Poll<io::Result<u64>>
where
    A: AsyncRead + AsyncWrite + Unpin + ?Sized,
    B: AsyncRead + AsyncWrite + Unpin + ?Sized,
{
    let mut r = Pin::new(r);
    let mut w = Pin::new(w);
    loop {
        match state {
            TransferState::Running(buf) => {
                let count = ready!(buf.poll_copy(cx, r.as_mut(), w.as_mut()))?;
                *state = TransferState::ShuttingDown(count);
            }
            TransferState::ShuttingDown(count) => {
                ready!(w.as_mut().poll_shutdown(cx))?;
                *state = TransferState::Done(*count);
            }
            TransferState::Done(count) => return Poll::Ready(Ok(*count)),
        }
    }
}

/// The future of [`copy_bidirectional_with_sizes`].
struct CopyBidirectional<'a, A: ?Sized, B: ?Sized> {
    a: &'a mut A,
    b: &'a mut B,
    a_to_b: TransferState,
    b_to_a: TransferState,
}

impl<A, B> Future for CopyBidirectional<'_, A, B>
where
    A: AsyncRead + AsyncWrite + Unpin + ?Sized,
    B: AsyncRead + AsyncWrite + Unpin + ?Sized,
{
    type Output = io::Result<(u64, u64)>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<(u64, u64)>> {
        let me = &mut *self;
        let a_to_b = transfer_one_direction(cx, &mut me.a_to_b, &mut *me.a, &mut *me.b)?;
        let b_to_a = transfer_one_direction(cx, &mut me.b_to_a, &mut *me.b, &mut *me.a)?;
        let a_to_b = ready!(a_to_b);
        let b_to_a = ready!(b_to_a);
        Poll::Ready(Ok((a_to_b, b_to_a)))
    }
}

/// Copies data both ways between `a` and `b` until both directions reach
/// end of file, returning `(bytes a→b, bytes b→a)`.
///
/// Each direction uses an 8 KiB buffer. When one side's reads reach end of
/// file, the other side is shut down (its write half closed, so its peer
/// sees end of file) and the copy in the opposite direction carries on
/// until it ends too.
///
/// # Errors
///
/// The first error of either direction (other than `Interrupted`, which is
/// retried) ends both. `WriteZero` if a side
/// accepts zero bytes.
///
/// # Cancel safety
///
/// Not cancellation safe: if the future is dropped, bytes read but not yet
/// written are lost.
///
/// # Examples
///
/// ```
/// use runtime_core::io::{self, AsyncReadExt, AsyncWriteExt};
///
/// # futures::executor::block_on(async {
/// let (mut client, mut proxy_a) = io::duplex(64);
/// let (mut proxy_b, mut server) = io::duplex(64);
/// client.write_all(b"request").await?;
/// client.shutdown().await?;
/// server.write_all(b"reply").await?;
/// server.shutdown().await?;
/// let counts = io::copy_bidirectional(&mut proxy_a, &mut proxy_b).await?;
/// assert_eq!(counts, (7, 5));
/// let mut got = Vec::new();
/// server.read_to_end(&mut got).await?;
/// assert_eq!(got, b"request");
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
pub async fn copy_bidirectional<A, B>(a: &mut A, b: &mut B) -> io::Result<(u64, u64)>
where
    A: AsyncRead + AsyncWrite + Unpin + ?Sized,
    B: AsyncRead + AsyncWrite + Unpin + ?Sized,
{
    copy_bidirectional_with_sizes(a, b, DEFAULT_BUF_SIZE, DEFAULT_BUF_SIZE).await
}

/// Like [`copy_bidirectional`], with a buffer of `a_to_b_buf_size` bytes for
/// the direction from `a` to `b` and `b_to_a_buf_size` for the other.
///
/// # Errors
///
/// As [`copy_bidirectional`].
///
/// # Panics
///
/// When first polled, if either size is zero: a direction with no buffer
/// could never move a byte.
///
/// # Cancel safety
///
/// Not cancellation safe, as [`copy_bidirectional`].
///
/// # Examples
///
/// ```
/// use runtime_core::io::{self, AsyncWriteExt};
///
/// # futures::executor::block_on(async {
/// let (mut left, mut a) = io::duplex(16);
/// let (mut b, mut right) = io::duplex(16);
/// left.shutdown().await?;
/// right.shutdown().await?;
/// let counts = io::copy_bidirectional_with_sizes(&mut a, &mut b, 1024, 64).await?;
/// assert_eq!(counts, (0, 0));
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
pub async fn copy_bidirectional_with_sizes<A, B>(
    a: &mut A,
    b: &mut B,
    a_to_b_buf_size: usize,
    b_to_a_buf_size: usize,
) -> io::Result<(u64, u64)>
where
    A: AsyncRead + AsyncWrite + Unpin + ?Sized,
    B: AsyncRead + AsyncWrite + Unpin + ?Sized,
{
    assert!(
        a_to_b_buf_size > 0,
        "`a_to_b_buf_size` must be greater than 0"
    );
    assert!(
        b_to_a_buf_size > 0,
        "`b_to_a_buf_size` must be greater than 0"
    );
    CopyBidirectional {
        a,
        b,
        a_to_b: TransferState::Running(CopyBuffer::new(a_to_b_buf_size)),
        b_to_a: TransferState::Running(CopyBuffer::new(b_to_a_buf_size)),
    }
    .await
}
