//! Polling a future or stream by hand, with a waker that counts.
//!
//! [`spawn`] wraps a future (or stream, or `()` when you only need a
//! context) in a [`Spawn`], which polls it with a waker of its own. Between
//! polls the test asks whether that waker was woken
//! ([`Spawn::is_woken`]) and how many clones of it are alive
//! ([`Spawn::waker_ref_count`]), which is how you check that a resource
//! registers its waker, wakes it exactly when it should, and lets it go
//! when dropped.
//!
//! ```
//! use runtime_test::task;
//! use runtime_test::{assert_pending, assert_ready_eq};
//!
//! let (tx, rx) = futures::channel::oneshot::channel::<u32>();
//! let mut rx = task::spawn(rx);
//!
//! assert_pending!(rx.poll());
//! assert!(!rx.is_woken());
//!
//! tx.send(7).unwrap();
//! assert!(rx.is_woken());
//! assert_ready_eq!(rx.poll(), Ok(7));
//! ```

mod waker;

use std::future::Future;
use std::ops;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use runtime_core::loom::sync::Arc;

pub(crate) use waker::{WakeState, waker};

/// Wraps `task` for polling by hand; see [`Spawn`].
///
/// `task` is pinned on the heap, so it need not be `Unpin`. Spawning `()`
/// gives a bare context to call `poll_*` methods in, through
/// [`Spawn::enter`].
///
/// # Examples
///
/// ```
/// use runtime_test::{assert_ready, task};
///
/// let mut task = task::spawn(async { 40 + 2 });
/// assert_eq!(assert_ready!(task.poll()), 42);
/// ```
pub fn spawn<T>(task: T) -> Spawn<T> {
    Spawn {
        state: WakeState::new(),
        future: Box::pin(task),
    }
}

/// A future or stream polled by hand with a counting waker, made by
/// [`spawn`].
///
/// Each poll first clears the woken flag, then polls with a waker tied to
/// this `Spawn`. `Spawn<T>` also implements `Future` and `Stream` (when `T`
/// does), and dereferences to `T` when `T: Unpin`.
#[derive(Debug)]
pub struct Spawn<T> {
    state: Arc<WakeState>,
    future: Pin<Box<T>>,
}

impl<T> Spawn<T> {
    /// Returns the wrapped value.
    pub fn into_inner(self) -> T
    where
        T: Unpin,
    {
        *Pin::into_inner(self.future)
    }

    /// Returns whether the waker was woken since the last poll (or
    /// [`enter`](Spawn::enter)).
    pub fn is_woken(&self) -> bool {
        self.state.is_woken()
    }

    /// Returns how many references to the waker exist: 1 for this `Spawn`,
    /// plus one for each clone of the waker still held somewhere. Never 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_test::task;
    ///
    /// let mut task = task::spawn(());
    /// assert_eq!(task.waker_ref_count(), 1);
    /// // Something stores the waker, as a pending resource would.
    /// let stored = task.enter(|cx, _| cx.waker().clone());
    /// assert_eq!(task.waker_ref_count(), 2);
    /// drop(stored);
    /// assert_eq!(task.waker_ref_count(), 1);
    /// ```
    pub fn waker_ref_count(&self) -> usize {
        Arc::strong_count(&self.state)
    }

    /// Calls `f` with a context whose waker is this `Spawn`'s, and the
    /// pinned value, after clearing the woken flag.
    ///
    /// Use it to call `poll_*` methods that are not `Future::poll`.
    pub fn enter<F, R>(&mut self, f: F) -> R
    where
        F: FnOnce(&mut Context<'_>, Pin<&mut T>) -> R,
    {
        self.state.clear();
        let waker = waker(&self.state);
        let mut cx = Context::from_waker(&waker);
        f(&mut cx, self.future.as_mut())
    }
}

impl<T: Unpin> ops::Deref for Spawn<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.future
    }
}

impl<T: Unpin> ops::DerefMut for Spawn<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.future
    }
}

impl<T: Future> Spawn<T> {
    /// Polls the future once.
    pub fn poll(&mut self) -> Poll<T::Output> {
        self.enter(|cx, fut| fut.poll(cx))
    }
}

impl<T: Stream> Spawn<T> {
    /// Polls the stream for its next item once.
    pub fn poll_next(&mut self) -> Poll<Option<T::Item>> {
        self.enter(|cx, stream| stream.poll_next(cx))
    }
}

impl<T: Future> Future for Spawn<T> {
    type Output = T::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.future.as_mut().poll(cx)
    }
}

impl<T: Stream> Stream for Spawn<T> {
    type Item = T::Item;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.future.as_mut().poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.future.size_hint()
    }
}
