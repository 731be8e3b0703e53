//! [`Either`]: one of two types, usable wherever both are.
//!
//! Two branches of an `if` or `match` that produce different futures,
//! streams, readers or sinks cannot be stored in one variable. Wrapping each
//! branch in a variant of `Either` gives them a common type that implements
//! the trait by forwarding every call to whichever value it holds.
//!
//! # Pinning
//!
//! The trait methods take `Pin<&mut Either<L, R>>` and forward to a
//! `Pin<&mut L>` or `Pin<&mut R>`: pinning is *structural* for both
//! variants. That is sound because this module keeps the three promises
//! structural pinning needs: `Either` is `Unpin` only when `L` and `R` both
//! are (the compiler's auto impl), it has no `Drop` impl, and no method moves
//! a value out of (or replaces the variant of) a pinned `Either`. The one
//! `unsafe` block doing the projection is `Either::as_pin_mut`.

use std::future::Future;
use std::io::{self, IoSlice, SeekFrom};
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use futures_sink::Sink;
use runtime_core::io::{AsyncBufRead, AsyncRead, AsyncSeek, AsyncWrite, ReadBuf};

/// A value of one of two types, which implements [`Future`], [`Stream`],
/// [`Sink`] and runtime's I/O traits when both types do (with the same
/// output, item, or error types).
///
/// # Examples
///
/// The two branches of this `if` are futures of different types; without
/// `Either` it does not compile ("`if` and `else` have incompatible types"):
///
/// ```compile_fail
/// # async fn cached() -> u32 { 1 }
/// # async fn fetched() -> u32 { 2 }
/// # async fn demo(hit: bool) -> u32 {
/// let lookup = if hit { cached() } else { fetched() };
/// lookup.await
/// # }
/// ```
///
/// Wrapping each branch in a variant gives them one type, a future with the
/// same output:
///
/// ```
/// use runtime_util::either::Either;
///
/// async fn cached() -> u32 {
///     1
/// }
/// async fn fetched() -> u32 {
///     2
/// }
///
/// # futures::executor::block_on(async {
/// for hit in [true, false] {
///     let lookup = if hit {
///         Either::Left(cached())
///     } else {
///         Either::Right(fetched())
///     };
///     assert_eq!(lookup.await, if hit { 1 } else { 2 });
/// }
/// # });
/// ```
#[allow(missing_docs)] // The variants say all there is to say.
#[derive(Debug, Clone)]
pub enum Either<L, R> {
    Left(L),
    Right(R),
}

impl<L, R> Either<L, R> {
    /// Projects a pinned `Either` to a pin of the value it holds.
    fn as_pin_mut(self: Pin<&mut Self>) -> Either<Pin<&mut L>, Pin<&mut R>> {
        // SAFETY: pinning is structural for both variants (see the module
        // docs): the value behind `self` is pinned, so the field inside it
        // stays where it is until it is dropped, because nothing in this
        // module moves out of a pinned `Either` and there is no `Drop` impl
        // that could. `get_unchecked_mut` is only used to re-pin the field at
        // once; the `&mut Self` does not escape.
        unsafe {
            match self.get_unchecked_mut() {
                Either::Left(left) => Either::Left(Pin::new_unchecked(left)),
                Either::Right(right) => Either::Right(Pin::new_unchecked(right)),
            }
        }
    }
}

/// Calls the same method on whichever side a pinned `Either` holds.
macro_rules! forward {
    ($this:ident.$method:ident($($arg:expr),*)) => {
        match $this.as_pin_mut() {
            Either::Left(left) => left.$method($($arg),*),
            Either::Right(right) => right.$method($($arg),*),
        }
    };
}

impl<L, R, O> Future for Either<L, R>
where
    L: Future<Output = O>,
    R: Future<Output = O>,
{
    type Output = O;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<O> {
        forward!(self.poll(cx))
    }
}

impl<L, R> AsyncRead for Either<L, R>
where
    L: AsyncRead,
    R: AsyncRead,
{
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        forward!(self.poll_read(cx, buf))
    }
}

impl<L, R> AsyncBufRead for Either<L, R>
where
    L: AsyncBufRead,
    R: AsyncBufRead,
{
    fn poll_fill_buf(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<&[u8]>> {
        forward!(self.poll_fill_buf(cx))
    }

    fn consume(self: Pin<&mut Self>, amt: usize) {
        forward!(self.consume(amt))
    }
}

impl<L, R> AsyncSeek for Either<L, R>
where
    L: AsyncSeek,
    R: AsyncSeek,
{
    fn start_seek(self: Pin<&mut Self>, position: SeekFrom) -> io::Result<()> {
        forward!(self.start_seek(position))
    }

    fn poll_complete(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<u64>> {
        forward!(self.poll_complete(cx))
    }
}

impl<L, R> AsyncWrite for Either<L, R>
where
    L: AsyncWrite,
    R: AsyncWrite,
{
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        forward!(self.poll_write(cx, buf))
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        forward!(self.poll_write_vectored(cx, bufs))
    }

    fn is_write_vectored(&self) -> bool {
        match self {
            Either::Left(left) => left.is_write_vectored(),
            Either::Right(right) => right.is_write_vectored(),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        forward!(self.poll_flush(cx))
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        forward!(self.poll_shutdown(cx))
    }
}

impl<L, R> Stream for Either<L, R>
where
    L: Stream,
    R: Stream<Item = L::Item>,
{
    type Item = L::Item;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<L::Item>> {
        forward!(self.poll_next(cx))
    }
}

impl<L, R, Item, Error> Sink<Item> for Either<L, R>
where
    L: Sink<Item, Error = Error>,
    R: Sink<Item, Error = Error>,
{
    type Error = Error;

    fn poll_ready(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        forward!(self.poll_ready(cx))
    }

    fn start_send(self: Pin<&mut Self>, item: Item) -> Result<(), Error> {
        forward!(self.start_send(item))
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        forward!(self.poll_flush(cx))
    }

    fn poll_close(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        forward!(self.poll_close(cx))
    }
}

#[cfg(test)]
mod tests {
    use std::marker::PhantomPinned;
    use std::task::Waker;

    use super::*;

    /// A `!Unpin` future that checks it is polled at the same address every
    /// time.
    struct Pinned {
        seen: Option<*const Pinned>,
        polls_left: u8,
        _pin: PhantomPinned,
    }

    impl Future for Pinned {
        type Output = &'static str;

        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {
            // SAFETY: no field is moved; `seen` and `polls_left` are plain
            // data written in place.
            let this = unsafe { self.get_unchecked_mut() };
            let here: *const Pinned = this;
            assert_eq!(*this.seen.get_or_insert(here), here);
            if this.polls_left == 0 {
                return Poll::Ready("pinned");
            }
            this.polls_left -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }

    fn pinned() -> Pinned {
        Pinned {
            seen: None,
            polls_left: 2,
            _pin: PhantomPinned,
        }
    }

    #[test]
    fn pinned_futures_are_polled_in_place_on_either_side() {
        let mut cx = Context::from_waker(Waker::noop());
        let left: Either<Pinned, Pinned> = Either::Left(pinned());
        let right: Either<Pinned, Pinned> = Either::Right(pinned());
        for either in [left, right] {
            let mut either = Box::pin(either);
            assert_eq!(either.as_mut().poll(&mut cx), Poll::Pending);
            assert_eq!(either.as_mut().poll(&mut cx), Poll::Pending);
            assert_eq!(either.as_mut().poll(&mut cx), Poll::Ready("pinned"));
        }
    }

    #[test]
    fn projection_reaches_the_value_held() {
        let mut either: Either<u8, &str> = Either::Right("right");
        match Pin::new(&mut either).as_pin_mut() {
            Either::Right(value) => assert_eq!(*value, "right"),
            Either::Left(_) => panic!("projected to the wrong side"),
        }
        let mut either: Either<u8, &str> = Either::Left(7);
        match Pin::new(&mut either).as_pin_mut() {
            Either::Left(mut value) => *value = 8,
            Either::Right(_) => panic!("projected to the wrong side"),
        }
        assert!(matches!(either, Either::Left(8)));
    }
}
