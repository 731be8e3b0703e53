//! [`StreamExt`]: the combinators, one file per adapter under
//! `stream_ext/`.
//!
//! Every adapter is a `pin_project!` struct that owns (or, for the
//! consuming futures such as [`next`](StreamExt::next), borrows) the inner
//! stream and does its work in `poll_next`/`poll`, allocation-free unless
//! the operation itself must collect. The trait is implemented for every
//! [`Stream`], so importing it is all it takes.

use futures_core::Stream;

mod all;
mod any;
mod chain;
mod collect;
mod filter;
mod filter_map;
mod fold;
mod fuse;
mod map;
mod map_while;
mod merge;
mod next;
mod peekable;
mod skip;
mod skip_while;
mod take;
mod take_while;
mod then;
mod try_next;

use all::AllFuture;
use any::AnyFuture;
pub use chain::Chain;
use collect::Collect;
pub use collect::FromStream;
pub use filter::Filter;
pub use filter_map::FilterMap;
use fold::FoldFuture;
pub use fuse::Fuse;
pub use map::Map;
pub use map_while::MapWhile;
pub use merge::Merge;
use next::Next;
pub use peekable::Peekable;
pub use skip::Skip;
pub use skip_while::SkipWhile;
pub use take::Take;
pub use take_while::TakeWhile;
pub use then::Then;
use try_next::TryNext;

cfg_time! {
    mod chunks_timeout;
    mod throttle;
    mod timeout;
    mod timeout_repeating;

    pub use chunks_timeout::ChunksTimeout;
    pub use throttle::Throttle;
    pub use timeout::{Elapsed, Timeout};
    pub use timeout_repeating::TimeoutRepeating;

    use std::time::Duration;
    use runtime_time::Interval;
}

/// Adds up two size hints (for adapters that yield both streams' items).
fn sum_size_hints(
    (left_low, left_high): (usize, Option<usize>),
    (right_low, right_high): (usize, Option<usize>),
) -> (usize, Option<usize>) {
    let low = left_low.saturating_add(right_low);
    let high = match (left_high, right_high) {
        (Some(left), Some(right)) => left.checked_add(right),
        _ => None,
    };
    (low, high)
}

/// Extension methods for every [`Stream`]: the asynchronous counterparts of
/// [`Iterator`]'s adapters, plus a few of their own (`merge`, `timeout`,
/// `throttle` ...).
///
/// Bring it into scope with `use runtime_stream::StreamExt;`.
pub trait StreamExt: Stream {
    /// Consumes and returns the next item of the stream, or `None` if the
    /// stream has ended.
    ///
    /// Equivalent to `async fn next(&mut self) -> Option<Self::Item>`.
    ///
    /// Note that because `next` doesn't take ownership over the stream,
    /// the stream must be [`Unpin`]; pin it first (`std::pin::pin!`) when
    /// it is not.
    ///
    /// # Cancel safety
    ///
    /// This method is cancel safe: dropping the future before it completes
    /// never loses an item, so it may be used as a `select!` branch.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{self as stream, StreamExt};
    ///
    /// # futures::executor::block_on(async {
    /// let mut stream = stream::iter(1..=3);
    ///
    /// assert_eq!(stream.next().await, Some(1));
    /// assert_eq!(stream.next().await, Some(2));
    /// assert_eq!(stream.next().await, Some(3));
    /// assert_eq!(stream.next().await, None);
    /// # });
    /// ```
    fn next(&mut self) -> Next<'_, Self>
    where
        Self: Unpin,
    {
        Next::new(self)
    }

    /// Consumes the next item of a stream of `Result`s: `Ok(Some(value))`
    /// for an `Ok` item, `Err(e)` for an `Err` item, `Ok(None)` when the
    /// stream has ended.
    ///
    /// Equivalent to `async fn try_next(&mut self) -> Result<Option<T>, E>`.
    ///
    /// # Cancel safety
    ///
    /// This method is cancel safe, like [`next`](StreamExt::next).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{self as stream, StreamExt};
    ///
    /// # futures::executor::block_on(async {
    /// let mut stream = stream::iter(vec![Ok(1), Ok(2), Err("nope")]);
    ///
    /// assert_eq!(stream.try_next().await, Ok(Some(1)));
    /// assert_eq!(stream.try_next().await, Ok(Some(2)));
    /// assert_eq!(stream.try_next().await, Err("nope"));
    /// assert_eq!(stream.try_next().await, Ok(None));
    /// # });
    /// ```
    fn try_next<T, E>(&mut self) -> TryNext<'_, Self>
    where
        Self: Stream<Item = Result<T, E>> + Unpin,
    {
        TryNext::new(self)
    }

    /// Maps every item through a closure, like [`Iterator::map`].
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{self as stream, StreamExt};
    ///
    /// # futures::executor::block_on(async {
    /// let stream = stream::iter(1..=3);
    /// let mut stream = stream.map(|x| x + 3);
    ///
    /// assert_eq!(stream.next().await, Some(4));
    /// assert_eq!(stream.next().await, Some(5));
    /// assert_eq!(stream.next().await, Some(6));
    /// assert_eq!(stream.next().await, None);
    /// # });
    /// ```
    fn map<T, F>(self, f: F) -> Map<Self, F>
    where
        F: FnMut(Self::Item) -> T,
        Self: Sized,
    {
        Map::new(self, f)
    }

    /// Maps items through a closure while it returns `Some`, and ends at
    /// its first `None`, like [`Iterator::map_while`].
    ///
    /// The item for which the closure returned `None` is consumed. After
    /// that the returned stream keeps returning `None` and never polls the
    /// inner stream again.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{self as stream, StreamExt};
    ///
    /// # futures::executor::block_on(async {
    /// let stream = stream::iter(vec![-5i32, 1, 0, 4]);
    /// let halves: Vec<i32> = stream
    ///     .map_while(|x| if x != 0 { Some(8 / x) } else { None })
    ///     .collect()
    ///     .await;
    ///
    /// assert_eq!(halves, vec![-1, 8]);
    /// # });
    /// ```
    fn map_while<T, F>(self, f: F) -> MapWhile<Self, F>
    where
        F: FnMut(Self::Item) -> Option<T>,
        Self: Sized,
    {
        MapWhile::new(self, f)
    }

    /// Maps every item to a future and yields the futures' outputs, in
    /// order: the next item is pulled only once the previous future has
    /// completed.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{self as stream, StreamExt};
    ///
    /// async fn do_async_work(value: i32) -> i32 {
    ///     value * 2
    /// }
    ///
    /// # futures::executor::block_on(async {
    /// let stream = stream::iter(1..=3);
    /// let doubled: Vec<i32> = stream.then(do_async_work).collect().await;
    ///
    /// assert_eq!(doubled, vec![2, 4, 6]);
    /// # });
    /// ```
    fn then<F, Fut>(self, f: F) -> Then<Self, Fut, F>
    where
        F: FnMut(Self::Item) -> Fut,
        Fut: std::future::Future,
        Self: Sized,
    {
        Then::new(self, f)
    }

    /// Combines two streams into one that yields the items of both as they
    /// become ready, and ends once both have ended.
    ///
    /// The two sides are polled in alternating order, so a side that is
    /// always ready does not starve the other. Neither side is polled again
    /// after it has ended. To merge more than two streams, use a
    /// [`StreamMap`](crate::StreamMap).
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{self as stream, StreamExt};
    ///
    /// # futures::executor::block_on(async {
    /// let merged = stream::iter(vec![1, 2]).merge(stream::iter(vec![10, 20]));
    /// let items: Vec<i32> = merged.collect().await;
    ///
    /// assert_eq!(items, vec![1, 10, 2, 20]);
    /// # });
    /// ```
    fn merge<U>(self, other: U) -> Merge<Self, U>
    where
        U: Stream<Item = Self::Item>,
        Self: Sized,
    {
        Merge::new(self, other)
    }

    /// Keeps only the items for which the predicate returns `true`, like
    /// [`Iterator::filter`].
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{self as stream, StreamExt};
    ///
    /// # futures::executor::block_on(async {
    /// let stream = stream::iter(1..=8);
    /// let mut evens = stream.filter(|x| x % 2 == 0);
    ///
    /// assert_eq!(Some(2), evens.next().await);
    /// assert_eq!(Some(4), evens.next().await);
    /// assert_eq!(Some(6), evens.next().await);
    /// assert_eq!(Some(8), evens.next().await);
    /// assert_eq!(None, evens.next().await);
    /// # });
    /// ```
    fn filter<F>(self, f: F) -> Filter<Self, F>
    where
        F: FnMut(&Self::Item) -> bool,
        Self: Sized,
    {
        Filter::new(self, f)
    }

    /// Maps every item through a closure and keeps the `Some` results, like
    /// [`Iterator::filter_map`].
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{self as stream, StreamExt};
    ///
    /// # futures::executor::block_on(async {
    /// let stream = stream::iter(1..=8);
    /// let mut halves = stream.filter_map(|x| if x % 2 == 0 { Some(x / 2) } else { None });
    ///
    /// assert_eq!(Some(1), halves.next().await);
    /// assert_eq!(Some(2), halves.next().await);
    /// assert_eq!(Some(3), halves.next().await);
    /// assert_eq!(Some(4), halves.next().await);
    /// assert_eq!(None, halves.next().await);
    /// # });
    /// ```
    fn filter_map<T, F>(self, f: F) -> FilterMap<Self, F>
    where
        F: FnMut(Self::Item) -> Option<T>,
        Self: Sized,
    {
        FilterMap::new(self, f)
    }

    /// Makes the stream end for good at its first `None`: afterwards it
    /// always returns `Ready(None)` and never polls the inner stream again
    /// (which is dropped).
    ///
    /// Polling a stream after it ended is allowed but its behaviour is up
    /// to the stream; `fuse` pins it down.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::pin::Pin;
    /// use std::task::{Context, Poll};
    ///
    /// use runtime_stream::{Stream, StreamExt};
    ///
    /// // A stream that alternates between `Some` and `None`.
    /// #[derive(Debug)]
    /// struct Alternate {
    ///     state: i32,
    /// }
    ///
    /// impl Stream for Alternate {
    ///     type Item = i32;
    ///
    ///     fn poll_next(mut self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Option<i32>> {
    ///         let val = self.state;
    ///         self.state += 1;
    ///         if val % 2 == 0 { Poll::Ready(Some(val)) } else { Poll::Ready(None) }
    ///     }
    /// }
    ///
    /// # futures::executor::block_on(async {
    /// let mut stream = Alternate { state: 0 }.fuse();
    ///
    /// assert_eq!(stream.next().await, Some(0));
    /// assert_eq!(stream.next().await, None);
    /// assert_eq!(stream.next().await, None);
    /// # });
    /// ```
    fn fuse(self) -> Fuse<Self>
    where
        Self: Sized,
    {
        Fuse::new(self)
    }

    /// Yields at most the first `n` items. Once they are out, the inner
    /// stream is not polled again.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{self as stream, StreamExt};
    ///
    /// # futures::executor::block_on(async {
    /// let mut stream = stream::iter(1..=10).take(3);
    ///
    /// assert_eq!(Some(1), stream.next().await);
    /// assert_eq!(Some(2), stream.next().await);
    /// assert_eq!(Some(3), stream.next().await);
    /// assert_eq!(None, stream.next().await);
    /// # });
    /// ```
    fn take(self, n: usize) -> Take<Self>
    where
        Self: Sized,
    {
        Take::new(self, n)
    }

    /// Yields items while the predicate returns `true`. The first item for
    /// which it returns `false` is dropped and the stream ends; the inner
    /// stream is not polled again.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{self as stream, StreamExt};
    ///
    /// # futures::executor::block_on(async {
    /// let mut stream = stream::iter(1..=10).take_while(|x| *x <= 3);
    ///
    /// assert_eq!(Some(1), stream.next().await);
    /// assert_eq!(Some(2), stream.next().await);
    /// assert_eq!(Some(3), stream.next().await);
    /// assert_eq!(None, stream.next().await);
    /// # });
    /// ```
    fn take_while<F>(self, f: F) -> TakeWhile<Self, F>
    where
        F: FnMut(&Self::Item) -> bool,
        Self: Sized,
    {
        TakeWhile::new(self, f)
    }

    /// Skips the first `n` items, then yields the rest.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{self as stream, StreamExt};
    ///
    /// # futures::executor::block_on(async {
    /// let mut stream = stream::iter(1..=10).skip(7);
    ///
    /// assert_eq!(Some(8), stream.next().await);
    /// assert_eq!(Some(9), stream.next().await);
    /// assert_eq!(Some(10), stream.next().await);
    /// assert_eq!(None, stream.next().await);
    /// # });
    /// ```
    fn skip(self, n: usize) -> Skip<Self>
    where
        Self: Sized,
    {
        Skip::new(self, n)
    }

    /// Skips items while the predicate returns `true`, then yields the
    /// first item for which it returned `false` and every item after it,
    /// without calling the predicate again.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{self as stream, StreamExt};
    ///
    /// # futures::executor::block_on(async {
    /// let mut stream = stream::iter(vec![1, 2, 3, 4, 1]).skip_while(|x| *x < 3);
    ///
    /// assert_eq!(Some(3), stream.next().await);
    /// assert_eq!(Some(4), stream.next().await);
    /// assert_eq!(Some(1), stream.next().await);
    /// assert_eq!(None, stream.next().await);
    /// # });
    /// ```
    fn skip_while<F>(self, f: F) -> SkipWhile<Self, F>
    where
        F: FnMut(&Self::Item) -> bool,
        Self: Sized,
    {
        SkipWhile::new(self, f)
    }

    /// Tests whether every item satisfies the predicate, like
    /// [`Iterator::all`]: stops at the first item that does not (returning
    /// `false`), and returns `true` for an empty stream.
    ///
    /// Equivalent to `async fn all<F>(&mut self, f: F) -> bool`. Items after
    /// the first failing one stay in the stream.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{self as stream, StreamExt};
    ///
    /// # futures::executor::block_on(async {
    /// let a = [1, 2, 3];
    ///
    /// assert!(stream::iter(&a).all(|&x| x > 0).await);
    /// assert!(!stream::iter(&a).all(|&x| x > 2).await);
    ///
    /// // It stops at the first `false`:
    /// let mut stream = stream::iter(&a);
    /// assert!(!stream.all(|&x| x != 2).await);
    /// assert_eq!(stream.next().await, Some(&3));
    /// # });
    /// ```
    fn all<F>(&mut self, f: F) -> AllFuture<'_, Self, F>
    where
        Self: Unpin,
        F: FnMut(Self::Item) -> bool,
    {
        AllFuture::new(self, f)
    }

    /// Tests whether some item satisfies the predicate, like
    /// [`Iterator::any`]: stops at the first item that does (returning
    /// `true`), and returns `false` for an empty stream.
    ///
    /// Equivalent to `async fn any<F>(&mut self, f: F) -> bool`. Items after
    /// the first matching one stay in the stream.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{self as stream, StreamExt};
    ///
    /// # futures::executor::block_on(async {
    /// let a = [1, 2, 3];
    ///
    /// assert!(stream::iter(&a).any(|&x| x > 0).await);
    /// assert!(!stream::iter(&a).any(|&x| x > 5).await);
    ///
    /// // It stops at the first `true`:
    /// let mut stream = stream::iter(&a);
    /// assert!(stream.any(|&x| x != 2).await);
    /// assert_eq!(stream.next().await, Some(&2));
    /// # });
    /// ```
    fn any<F>(&mut self, f: F) -> AnyFuture<'_, Self, F>
    where
        Self: Unpin,
        F: FnMut(Self::Item) -> bool,
    {
        AnyFuture::new(self, f)
    }

    /// Yields every item of this stream, then every item of `other`.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{self as stream, StreamExt};
    ///
    /// # futures::executor::block_on(async {
    /// let one = stream::iter(vec![1, 2, 3]);
    /// let two = stream::iter(vec![4, 5, 6]);
    ///
    /// let mut stream = one.chain(two);
    ///
    /// assert_eq!(stream.next().await, Some(1));
    /// assert_eq!(stream.next().await, Some(2));
    /// assert_eq!(stream.next().await, Some(3));
    /// assert_eq!(stream.next().await, Some(4));
    /// assert_eq!(stream.next().await, Some(5));
    /// assert_eq!(stream.next().await, Some(6));
    /// assert_eq!(stream.next().await, None);
    /// # });
    /// ```
    fn chain<U>(self, other: U) -> Chain<Self, U>
    where
        U: Stream<Item = Self::Item>,
        Self: Sized,
    {
        Chain::new(self, other)
    }

    /// Folds every item into an accumulator, like [`Iterator::fold`], and
    /// resolves to the final accumulator once the stream ends.
    ///
    /// Equivalent to `async fn fold<B, F>(self, init: B, f: F) -> B`.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{self as stream, StreamExt};
    ///
    /// # futures::executor::block_on(async {
    /// let s = stream::iter(vec![1u8, 2, 3]);
    /// let sum = s.fold(0, |acc, x| acc + x).await;
    ///
    /// assert_eq!(sum, 6);
    /// # });
    /// ```
    fn fold<B, F>(self, init: B, f: F) -> FoldFuture<Self, B, F>
    where
        Self: Sized,
        F: FnMut(B, Self::Item) -> B,
    {
        FoldFuture::new(self, init, f)
    }

    /// Drains the stream into a collection, like [`Iterator::collect`].
    ///
    /// Equivalent to `async fn collect<T>(self) -> T`. The target may be
    /// `Vec<T>`, `String` (from items that are `AsRef<str>`), `Box<[T]>`,
    /// `VecDeque<T>`, `BinaryHeap<T>`, `HashMap<K, V>`, `HashSet<T>`,
    /// `BTreeMap<K, V>`, `BTreeSet<T>`, `()`, or `Result<C, E>` over a
    /// stream of `Result`s, where `C` is one of these.
    ///
    /// Collecting into a `Result` stops at the first `Err` item, which
    /// becomes the result; the remaining items stay in the stream.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{self as stream, StreamExt};
    ///
    /// # futures::executor::block_on(async {
    /// let doubled: Vec<i32> = stream::iter(vec![1, 2, 3])
    ///     .map(|x| x * 2)
    ///     .collect()
    ///     .await;
    /// assert_eq!(vec![2, 4, 6], doubled);
    ///
    /// // Collecting a stream of `Result`s stops at the first error:
    /// let values = vec![Ok(1), Err("no"), Ok(3)];
    /// let result: Result<Vec<i32>, &str> = stream::iter(values).collect().await;
    /// assert_eq!(result, Err("no"));
    /// # });
    /// ```
    fn collect<T>(self) -> Collect<Self, T>
    where
        T: FromStream<Self::Item>,
        Self: Sized,
    {
        Collect::new(self)
    }

    // The time-based methods below carry raw `#[cfg]` attributes: a
    // `cfg_time!` invocation cannot stand in trait-item position with the
    // `item` fragment the macro uses.

    /// Bounds the time the stream may take to produce each item.
    ///
    /// Items come out as `Ok(item)`. If `duration` passes without an item
    /// (counted from the previous item, or from this call for the first
    /// one), the stream yields one `Err(`[`Elapsed`]`)` and keeps waiting:
    /// the next item still arrives, and re-arms the deadline. There is at
    /// most one error between two items.
    ///
    /// To get an error at every `duration` of silence instead, see
    /// [`timeout_repeating`](StreamExt::timeout_repeating).
    ///
    /// # Panics
    ///
    /// Panics if called outside a runtime with timers enabled.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// use runtime_stream::{self as stream, StreamExt};
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_time::driver::layer())
    /// #     .start_paused(true)
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// let slow = stream::iter(vec![1, 2]).then(|x| async move {
    ///     if x == 2 {
    ///         runtime_time::sleep(Duration::from_millis(150)).await;
    ///     }
    ///     x
    /// });
    /// let mut stream = std::pin::pin!(slow.timeout(Duration::from_millis(100)));
    ///
    /// assert_eq!(stream.next().await, Some(Ok(1)));
    /// // The second item takes 150ms: one error first, then the item.
    /// assert!(stream.next().await.unwrap().is_err());
    /// assert_eq!(stream.next().await, Some(Ok(2)));
    /// assert_eq!(stream.next().await, None);
    /// # });
    /// ```
    #[cfg(feature = "time")]
    #[cfg_attr(docsrs, doc(cfg(feature = "time")))]
    fn timeout(self, duration: Duration) -> Timeout<Self>
    where
        Self: Sized,
    {
        Timeout::new(self, duration)
    }

    /// Yields an `Err(`[`Elapsed`]`)` at every tick of `interval` during
    /// which the stream produced no item.
    ///
    /// Items come out as `Ok(item)`, and each one resets the interval.
    /// Unlike [`timeout`](StreamExt::timeout), errors repeat for as long as
    /// the stream stays silent.
    ///
    /// An interval's first tick completes at once, so build it with
    /// `interval_at(Instant::now() + period, period)` for a first deadline
    /// one period away.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// use runtime_stream::{self as stream, StreamExt};
    /// use runtime_time::{Instant, interval_at};
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_time::driver::layer())
    /// #     .start_paused(true)
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// let period = Duration::from_millis(100);
    /// let silent = stream::pending::<i32>();
    /// let mut stream = silent.timeout_repeating(interval_at(Instant::now() + period, period));
    ///
    /// // An error every 100ms, for as long as nothing comes.
    /// assert!(stream.next().await.unwrap().is_err());
    /// assert!(stream.next().await.unwrap().is_err());
    /// assert!(stream.next().await.unwrap().is_err());
    /// # });
    /// ```
    #[cfg(feature = "time")]
    #[cfg_attr(docsrs, doc(cfg(feature = "time")))]
    fn timeout_repeating(self, interval: Interval) -> TimeoutRepeating<Self>
    where
        Self: Sized,
    {
        TimeoutRepeating::new(self, interval)
    }

    /// Spaces the items at least `duration` apart.
    ///
    /// The first item passes at once; after each item the inner stream is
    /// not polled again until `duration` has passed. Items are delayed,
    /// never dropped. A zero `duration` disables throttling.
    ///
    /// # Panics
    ///
    /// Panics if called outside a runtime with timers enabled.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// use runtime_stream::{self as stream, StreamExt};
    /// use runtime_time::Instant;
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_time::driver::layer())
    /// #     .start_paused(true)
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// let start = Instant::now();
    /// let mut stream = std::pin::pin!(stream::iter(1..=3).throttle(Duration::from_millis(10)));
    ///
    /// while let Some(_) = stream.next().await {}
    /// // Three items, two gaps.
    /// assert!(start.elapsed() >= Duration::from_millis(20));
    /// # });
    /// ```
    #[cfg(feature = "time")]
    #[cfg_attr(docsrs, doc(cfg(feature = "time")))]
    fn throttle(self, duration: Duration) -> Throttle<Self>
    where
        Self: Sized,
    {
        Throttle::new(self, duration)
    }

    /// Batches items into `Vec`s of at most `max_size`, flushing a partial
    /// batch once `duration` has passed since its first item.
    ///
    /// A batch is yielded as soon as it is full, or when its first item is
    /// `duration` old, or when the inner stream ends (the last, possibly
    /// partial, batch). Empty batches are never yielded.
    ///
    /// # Panics
    ///
    /// Panics if `max_size` is zero, and when an item arrives outside a
    /// runtime with timers enabled.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    ///
    /// use runtime_stream::{self as stream, StreamExt};
    ///
    /// # let rt = runtime_core::runtime::Builder::new_current_thread()
    /// #     .driver_layer(runtime_time::driver::layer())
    /// #     .start_paused(true)
    /// #     .build()
    /// #     .unwrap();
    /// # rt.block_on(async {
    /// let fast = stream::iter(1..=3);
    /// let late = stream::iter(4..=5).then(|x| async move {
    ///     runtime_time::sleep(Duration::from_millis(200)).await;
    ///     x
    /// });
    /// let chunks = fast.chain(late).chunks_timeout(2, Duration::from_millis(100));
    /// let mut chunks = std::pin::pin!(chunks);
    ///
    /// assert_eq!(chunks.next().await, Some(vec![1, 2]));
    /// // 3 waits 100ms for a partner, then goes out alone.
    /// assert_eq!(chunks.next().await, Some(vec![3]));
    /// assert_eq!(chunks.next().await, Some(vec![4]));
    /// assert_eq!(chunks.next().await, Some(vec![5]));
    /// assert_eq!(chunks.next().await, None);
    /// # });
    /// ```
    #[cfg(feature = "time")]
    #[cfg_attr(docsrs, doc(cfg(feature = "time")))]
    #[track_caller]
    fn chunks_timeout(self, max_size: usize, duration: Duration) -> ChunksTimeout<Self>
    where
        Self: Sized,
    {
        ChunksTimeout::new(self, max_size, duration)
    }

    /// Wraps the stream in a [`Peekable`], whose next item can be looked at
    /// with [`Peekable::peek`] without consuming it.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_stream::{self as stream, StreamExt};
    ///
    /// # futures::executor::block_on(async {
    /// let mut stream = stream::iter(vec![1, 2, 3]).peekable();
    ///
    /// assert_eq!(stream.peek().await, Some(&1));
    /// assert_eq!(stream.next().await, Some(1));
    /// assert_eq!(stream.next().await, Some(2));
    /// # });
    /// ```
    fn peekable(self) -> Peekable<Self>
    where
        Self: Sized,
    {
        Peekable::new(self)
    }
}

impl<St: ?Sized> StreamExt for St where St: Stream {}
