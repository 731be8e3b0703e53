//! Cooperative scheduling: a budget of operations per task poll.
//!
//! A task that keeps finding its resources ready (a channel that always has a
//! message, a socket that always has bytes) would otherwise never return
//! `Pending`, and would starve every other task on its worker. So the
//! scheduler gives each task poll a budget of 128 units. Every
//! resource in runtime — channels, sockets, timers, `JoinHandle`s — calls
//! [`poll_proceed`] before doing work: it takes one unit, or, when the budget
//! is spent, wakes the task and returns `Pending`, making the task yield.
//!
//! The budget lives in a thread-local. Outside a runtime-driven poll it is
//! *unconstrained* and resources never yield for it; [`unconstrained`] opts a
//! future out explicitly.
//!
//! A unit is only truly spent when the resource made progress: the guard that
//! [`poll_proceed`] returns gives the unit back on drop unless
//! [`RestoreOnPending::made_progress`] was called, so a resource that ends up
//! returning `Pending` anyway does not eat into the budget.

use std::cell::Cell;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

/// The number of budget units a task gets per poll.
pub(crate) const BUDGET: u8 = 128;

/// A task's remaining budget; `None` means unconstrained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Budget(Option<u8>);

impl Budget {
    pub(crate) const fn initial() -> Self {
        Budget(Some(BUDGET))
    }

    pub(crate) const fn unconstrained() -> Self {
        Budget(None)
    }

    fn has_remaining(self) -> bool {
        self.0.is_none_or(|n| n > 0)
    }
}

thread_local! {
    static CURRENT: Cell<Budget> = const { Cell::new(Budget::unconstrained()) };
}

/// Runs `f` with a fresh budget, restoring the previous one afterwards (even
/// if `f` panics). Schedulers wrap every task poll in this.
#[inline]
pub(crate) fn budget<R>(f: impl FnOnce() -> R) -> R {
    with_budget(Budget::initial(), f)
}

/// Runs `f` with no budget limit.
#[inline]
pub(crate) fn with_unconstrained<R>(f: impl FnOnce() -> R) -> R {
    with_budget(Budget::unconstrained(), f)
}

#[inline]
fn with_budget<R>(budget: Budget, f: impl FnOnce() -> R) -> R {
    struct Reset(Budget);

    impl Drop for Reset {
        fn drop(&mut self) {
            let _ = CURRENT.try_with(|cell| cell.set(self.0));
        }
    }

    let prev = CURRENT.with(|cell| cell.replace(budget));
    let _reset = Reset(prev);
    f()
}

/// Whether the current task poll still has budget left.
///
/// Outside a runtime (or inside [`unconstrained`]) this is always `true`.
///
/// # Examples
///
/// ```
/// use runtime_core::task::coop;
///
/// assert!(coop::has_budget_remaining());
/// ```
#[inline]
pub fn has_budget_remaining() -> bool {
    CURRENT
        .try_with(|cell| cell.get().has_remaining())
        .unwrap_or(true)
}

/// Takes one unit of budget for an operation that is about to make progress.
///
/// Returns `Pending` (after waking the task, so it is polled again soon) when
/// the current task has spent its budget. Otherwise returns a guard: call
/// [`RestoreOnPending::made_progress`] once the operation did something; if
/// the guard is dropped without that, the unit is given back.
///
/// This is the hook that resources implemented outside runtime-core (sockets,
/// timers, user-written primitives) use to take part in cooperative
/// scheduling.
///
/// # Examples
///
/// ```
/// use std::future::poll_fn;
/// use std::task::{Poll, ready};
/// use runtime_core::task::coop;
///
/// # futures::executor::block_on(async {
/// let value = poll_fn(|cx| {
///     let guard = ready!(coop::poll_proceed(cx));
///     // ... the resource is ready ...
///     guard.made_progress();
///     Poll::Ready(42)
/// })
/// .await;
/// assert_eq!(value, 42);
/// # });
/// ```
#[inline]
pub fn poll_proceed(cx: &mut Context<'_>) -> Poll<RestoreOnPending> {
    let taken = CURRENT.try_with(|cell| {
        let budget = cell.get();
        match budget.0 {
            None => Some(budget),
            Some(0) => None,
            Some(n) => {
                cell.set(Budget(Some(n - 1)));
                Some(budget)
            }
        }
    });
    match taken {
        // Thread-local already destroyed (thread exiting): do not constrain.
        Err(_) => Poll::Ready(RestoreOnPending(
            Cell::new(Budget::unconstrained()),
            PhantomData,
        )),
        Ok(Some(before)) => Poll::Ready(RestoreOnPending(Cell::new(before), PhantomData)),
        Ok(None) => {
            // Out of budget: come back after the scheduler has polled its
            // driver (the waker is deferred, as `yield_now`'s is), so that
            // I/O and timers get their turn before this task runs again.
            crate::runtime::context::defer(cx.waker());
            Poll::Pending
        }
    }
}

/// The guard returned by [`poll_proceed`]: gives the budget unit back on drop
/// unless the operation made progress.
///
/// It restores this thread's budget, so it is neither `Send` nor `Sync`.
#[derive(Debug)]
#[must_use = "dropping the guard right away gives the budget unit back"]
pub struct RestoreOnPending(Cell<Budget>, PhantomData<*const ()>);

impl RestoreOnPending {
    /// Marks the operation as having made progress: the unit stays spent.
    pub fn made_progress(&self) {
        self.0.set(Budget::unconstrained());
    }
}

impl Drop for RestoreOnPending {
    fn drop(&mut self) {
        let before = self.0.get();
        if before.0.is_some() {
            let _ = CURRENT.try_with(|cell| cell.set(before));
        }
    }
}

/// Consumes one unit of budget, yielding to the scheduler if none is left.
///
/// Call it in loops that do work without touching any runtime resource, so
/// that they still give other tasks a chance to run.
///
/// # Examples
///
/// ```
/// use runtime_core::task::coop;
///
/// # futures::executor::block_on(async {
/// let mut sum = 0u64;
/// for i in 0..1000 {
///     coop::consume_budget().await;
///     sum += i;
/// }
/// assert_eq!(sum, 499_500);
/// # });
/// ```
pub async fn consume_budget() {
    let mut done = false;
    std::future::poll_fn(move |cx| {
        if done {
            return Poll::Ready(());
        }
        let guard = ready!(poll_proceed(cx));
        guard.made_progress();
        done = true;
        Poll::Ready(())
    })
    .await
}

pin_project_lite::pin_project! {
    /// A future that runs its inner future with no cooperative budget limit;
    /// see [`unconstrained`].
    #[derive(Debug)]
    #[must_use = "futures do nothing unless you `.await` or poll them"]
    pub struct Unconstrained<F> {
        #[pin]
        inner: F,
    }
}

impl<F: Future> Future for Unconstrained<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let inner = self.project().inner;
        with_unconstrained(|| inner.poll(cx))
    }
}

/// Turns off cooperative scheduling for a future.
///
/// Resources polled inside `inner` never force a yield. Use it sparingly: an
/// unconstrained future that is always ready starves its worker.
///
/// # Examples
///
/// ```
/// use runtime_core::task::coop;
///
/// # futures::executor::block_on(async {
/// let v = coop::unconstrained(async { 5 }).await;
/// assert_eq!(v, 5);
/// # });
/// ```
pub fn unconstrained<F: Future>(inner: F) -> Unconstrained<F> {
    Unconstrained { inner }
}

pin_project_lite::pin_project! {
    /// A future that takes part in cooperative scheduling; see [`cooperative`].
    #[derive(Debug)]
    #[must_use = "futures do nothing unless you `.await` or poll them"]
    pub struct Coop<F> {
        #[pin]
        inner: F,
    }
}

impl<F: Future> Future for Coop<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let guard = ready!(poll_proceed(cx));
        let out = self.project().inner.poll(cx);
        if out.is_ready() {
            guard.made_progress();
        }
        out
    }
}

/// Makes a future take part in cooperative scheduling: each poll first takes
/// a budget unit (yielding when there is none), and keeps it only if the
/// inner future completes.
///
/// # Examples
///
/// ```
/// use runtime_core::task::coop;
///
/// # futures::executor::block_on(async {
/// assert_eq!(coop::cooperative(async { 1 }).await, 1);
/// # });
/// ```
pub fn cooperative<F: Future>(inner: F) -> Coop<F> {
    Coop { inner }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::task::{Wake, Waker};

    struct CountWake(AtomicUsize);
    impl Wake for CountWake {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn budget_runs_out_then_wakes() {
        let count = Arc::new(CountWake(AtomicUsize::new(0)));
        let waker = Waker::from(count.clone());
        let mut cx = Context::from_waker(&waker);
        budget(|| {
            for _ in 0..BUDGET {
                let g = poll_proceed(&mut cx);
                match g {
                    Poll::Ready(g) => g.made_progress(),
                    Poll::Pending => panic!("budget ran out early"),
                }
            }
            assert!(!has_budget_remaining());
            assert!(poll_proceed(&mut cx).is_pending());
            assert_eq!(count.0.load(Ordering::SeqCst), 1);
        });
        // Outside the scheduled poll the budget is unconstrained again.
        assert!(has_budget_remaining());
    }

    #[test]
    fn unit_is_restored_without_progress() {
        let waker = Waker::noop();
        let mut cx = Context::from_waker(waker);
        budget(|| {
            for _ in 0..1000 {
                let Poll::Ready(guard) = poll_proceed(&mut cx) else {
                    panic!("unit not restored");
                };
                drop(guard);
            }
            assert!(has_budget_remaining());
        });
    }

    #[test]
    fn unconstrained_ignores_budget() {
        let waker = Waker::noop();
        let mut cx = Context::from_waker(waker);
        budget(|| {
            with_unconstrained(|| {
                for _ in 0..1000 {
                    match poll_proceed(&mut cx) {
                        Poll::Ready(g) => g.made_progress(),
                        Poll::Pending => panic!("unconstrained must not yield"),
                    }
                }
            });
            // The outer budget is untouched.
            assert!(has_budget_remaining());
        });
    }
}
