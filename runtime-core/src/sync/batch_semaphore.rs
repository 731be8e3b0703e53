//! The FIFO-fair counting semaphore that `Semaphore`, `Mutex`, `RwLock`,
//! `OnceCell` and the bounded `mpsc` channel stand on.
//!
//! # Design
//!
//! Two pieces of state:
//!
//! * `permits`, an atomic word holding `available << 1 | CLOSED`. Taking
//!   permits when enough are available is one compare-and-swap, with no lock.
//! * `waiters`, a [`WaitList`] under a mutex: acquirers that could not be
//!   served, in arrival order, each with the number of permits it still
//!   needs.
//!
//! Fairness comes from one invariant: **while any waiter is queued, the
//! atomic holds zero permits.** A waiter that queues first drains the atomic
//! into its own count (under the lock), and a release hands its permits to
//! the queued waiters front to back (under the lock) and only puts what is
//! left into the atomic once the queue is empty. So a newcomer's
//! compare-and-swap can never overtake a queued waiter, and a large request
//! at the front is not starved by a stream of small ones behind it.
//!
//! A waiter owns its list entry. When it is served (or the semaphore is
//! closed) the releaser unlinks it, records the outcome in the entry and
//! wakes it; the waiter frees the entry on its next poll. A waiter dropped
//! before it sees the outcome gives back every permit it was handed.

use std::task::{Context, Poll};

use crate::loom::sync::Mutex;
use crate::loom::sync::atomic::{AtomicUsize, Ordering};
use crate::sync::wait_list::{Key, WaitList, WakeList};
use crate::task::coop;

const CLOSED: usize = 1;
const SHIFT: usize = 1;

/// The largest number of permits a semaphore holds.
pub(crate) const MAX_PERMITS: usize = usize::MAX >> 3;

/// Why an acquire failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TryAcquireError {
    Closed,
    NoPermits,
}

/// The semaphore was closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Closed;

#[derive(Debug)]
enum Outcome {
    Waiting,
    Granted,
    Closed,
}

#[derive(Debug)]
struct Waiter {
    /// What the waiter asked for.
    wanted: usize,
    /// What it still needs; `wanted - remaining` has been handed to it.
    remaining: usize,
    outcome: Outcome,
}

#[derive(Debug)]
struct Waiters {
    list: WaitList<Waiter>,
    closed: bool,
}

/// A FIFO-fair semaphore; see the module docs.
#[derive(Debug)]
pub(crate) struct Semaphore {
    permits: AtomicUsize,
    waiters: Mutex<Waiters>,
}

/// The state of one acquire operation, kept by the future that performs it.
#[derive(Debug, Default)]
pub(crate) struct AcquireState {
    key: Option<Key>,
    /// Permits this acquire already holds because the budget deferred its
    /// completion: the next poll completes without acquiring again, and a
    /// cancel gives them back.
    held: usize,
}

impl Semaphore {
    /// Creates a semaphore with `permits` permits.
    ///
    /// # Panics
    ///
    /// Panics if `permits` exceeds [`MAX_PERMITS`].
    pub(crate) fn new(permits: usize) -> Self {
        assert!(
            permits <= MAX_PERMITS,
            "a semaphore may not have more than MAX_PERMITS permits ({MAX_PERMITS})"
        );
        Semaphore {
            permits: AtomicUsize::new(permits << SHIFT),
            waiters: Mutex::new(Waiters {
                list: WaitList::new(),
                closed: false,
            }),
        }
    }

    /// `const` twin of [`new`](Self::new).
    #[cfg(not(runtime_loom))]
    pub(crate) const fn const_new(permits: usize) -> Self {
        assert!(permits <= MAX_PERMITS);
        Semaphore {
            permits: AtomicUsize::new(permits << SHIFT),
            waiters: Mutex::new(Waiters {
                list: WaitList::new(),
                closed: false,
            }),
        }
    }

    /// Creates a semaphore that is already closed.
    pub(crate) fn new_closed() -> Self {
        let sem = Semaphore::new(0);
        sem.permits.store(CLOSED, Ordering::Release);
        sem.waiters.lock().closed = true;
        sem
    }

    /// `const` twin of [`new_closed`](Self::new_closed).
    #[cfg(not(runtime_loom))]
    pub(crate) const fn const_new_closed() -> Self {
        Semaphore {
            permits: AtomicUsize::new(CLOSED),
            waiters: Mutex::new(Waiters {
                list: WaitList::new(),
                closed: true,
            }),
        }
    }

    pub(crate) fn available_permits(&self) -> usize {
        self.permits.load(Ordering::Acquire) >> SHIFT
    }

    pub(crate) fn is_closed(&self) -> bool {
        self.permits.load(Ordering::Acquire) & CLOSED == CLOSED
    }

    /// Takes `num` permits if they are available right now.
    pub(crate) fn try_acquire(&self, num: usize) -> Result<(), TryAcquireError> {
        assert!(
            num <= MAX_PERMITS,
            "cannot acquire more than MAX_PERMITS permits"
        );
        let need = num << SHIFT;
        let mut curr = self.permits.load(Ordering::Acquire);
        loop {
            if curr & CLOSED == CLOSED {
                return Err(TryAcquireError::Closed);
            }
            if curr < need {
                return Err(TryAcquireError::NoPermits);
            }
            match self.permits.compare_exchange_weak(
                curr,
                curr - need,
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => return Ok(()),
                Err(actual) => curr = actual,
            }
        }
    }

    /// Takes up to `num` permits from the atomic; returns how many it took,
    /// or `Err` if the semaphore is closed. Called with the waiters lock held.
    fn drain_up_to(&self, num: usize) -> Result<usize, Closed> {
        let mut curr = self.permits.load(Ordering::Acquire);
        loop {
            if curr & CLOSED == CLOSED {
                return Err(Closed);
            }
            let take = (curr >> SHIFT).min(num);
            if take == 0 {
                return Ok(0);
            }
            match self.permits.compare_exchange_weak(
                curr,
                curr - (take << SHIFT),
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => return Ok(take),
                Err(actual) => curr = actual,
            }
        }
    }

    /// Polls an acquire of `num` permits. `state` must be the same for every
    /// poll of one acquire, and must be passed to [`cancel`](Self::cancel)
    /// if the acquire is abandoned before it returns `Ready`.
    ///
    /// Takes one unit of cooperative budget when it completes. The budget is
    /// checked only once the permits are acquired (or the waiter queued): a
    /// task out of budget still takes its place in the FIFO queue, and when
    /// its permits come it keeps them and completes on its next poll.
    pub(crate) fn poll_acquire(
        &self,
        cx: &mut Context<'_>,
        num: usize,
        state: &mut AcquireState,
    ) -> Poll<Result<(), Closed>> {
        let acquired = if state.held > 0 {
            if self.is_closed() {
                // The close wins over a completion the budget deferred.
                let held = std::mem::take(&mut state.held);
                self.release(held);
                return Poll::Ready(Err(Closed));
            }
            Poll::Ready(Ok(()))
        } else {
            self.poll_acquire_inner(Some(cx), num, state)
        };
        match acquired {
            Poll::Ready(Ok(())) => match coop::poll_proceed(cx) {
                Poll::Ready(coop) => {
                    coop.made_progress();
                    state.held = 0;
                    Poll::Ready(Ok(()))
                }
                Poll::Pending => {
                    state.held = num;
                    Poll::Pending
                }
            },
            other => other,
        }
    }

    /// The same as [`poll_acquire`](Self::poll_acquire) but with no budget
    /// and no waker: used to enqueue without a context.
    fn poll_acquire_inner(
        &self,
        cx: Option<&mut Context<'_>>,
        num: usize,
        state: &mut AcquireState,
    ) -> Poll<Result<(), Closed>> {
        if let Some(key) = state.key {
            // Declared before the guard, so dropped after it is released.
            let _stale_waker;
            let mut waiters = self.waiters.lock();
            let waiter = waiters.list.get(key);
            return match waiter.outcome {
                // Served, and the semaphore is still open.
                Outcome::Granted if !waiters.closed => {
                    _stale_waker = waiters.list.remove(key).1;
                    state.key = None;
                    Poll::Ready(Ok(()))
                }
                // Served, but closed before the waiter saw it: the close
                // wins, and the permits go back.
                Outcome::Granted => {
                    let handed = waiter.wanted;
                    _stale_waker = waiters.list.remove(key).1;
                    state.key = None;
                    let wake = self.release_locked(&mut waiters, handed);
                    drop(waiters);
                    wake.wake_all();
                    Poll::Ready(Err(Closed))
                }
                Outcome::Closed => {
                    let handed = waiter.wanted - waiter.remaining;
                    _stale_waker = waiters.list.remove(key).1;
                    state.key = None;
                    let wake = self.release_locked(&mut waiters, handed);
                    drop(waiters);
                    wake.wake_all();
                    Poll::Ready(Err(Closed))
                }
                Outcome::Waiting => {
                    _stale_waker = cx.and_then(|cx| waiters.list.set_waker(key, cx.waker()));
                    Poll::Pending
                }
            };
        }

        match self.try_acquire(num) {
            Ok(()) => return Poll::Ready(Ok(())),
            Err(TryAcquireError::Closed) => return Poll::Ready(Err(Closed)),
            Err(TryAcquireError::NoPermits) => {}
        }

        let mut waiters = self.waiters.lock();
        let taken = match self.drain_up_to(num) {
            Ok(taken) => taken,
            Err(Closed) => return Poll::Ready(Err(Closed)),
        };
        if taken == num {
            return Poll::Ready(Ok(()));
        }
        let waker = cx.map(|cx| cx.waker().clone());
        let key = waiters.list.push_back(
            Waiter {
                wanted: num,
                remaining: num - taken,
                outcome: Outcome::Waiting,
            },
            waker,
        );
        state.key = Some(key);
        Poll::Pending
    }

    /// Abandons an acquire that has not returned `Ready`, giving back every
    /// permit handed to it so far.
    pub(crate) fn cancel(&self, state: &mut AcquireState) {
        let held = std::mem::take(&mut state.held);
        if held > 0 {
            self.release(held);
        }
        let Some(key) = state.key.take() else {
            return;
        };
        let mut waiters = self.waiters.lock();
        let (waiter, stale_waker) = waiters.list.remove(key);
        let handed = match waiter.outcome {
            Outcome::Granted => waiter.wanted,
            Outcome::Waiting | Outcome::Closed => waiter.wanted - waiter.remaining,
        };
        let wake = self.release_locked(&mut waiters, handed);
        drop(waiters);
        drop(stale_waker);
        wake.wake_all();
    }

    /// Gives `num` permits back: to the queued waiters first, in order, and
    /// the rest to the atomic.
    ///
    /// # Panics
    ///
    /// Panics if the available permits would exceed [`MAX_PERMITS`].
    pub(crate) fn release(&self, num: usize) {
        if num == 0 {
            return;
        }
        let mut waiters = self.waiters.lock();
        let wake = self.release_locked(&mut waiters, num);
        drop(waiters);
        wake.wake_all();
    }

    fn release_locked(&self, waiters: &mut Waiters, mut num: usize) -> WakeList {
        let mut wake = WakeList::new();
        while num > 0 {
            let Some(key) = waiters.list.front() else {
                break;
            };
            let waiter = waiters.list.get_mut(key);
            let give = waiter.remaining.min(num);
            waiter.remaining -= give;
            num -= give;
            if waiter.remaining == 0 {
                waiter.outcome = Outcome::Granted;
                waiters.list.unlink(key);
                wake.push(waiters.list.take_waker(key));
            }
        }
        if num > 0 {
            let prev = self.permits.fetch_add(num << SHIFT, Ordering::AcqRel);
            if (prev >> SHIFT) + num > MAX_PERMITS {
                self.permits.fetch_sub(num << SHIFT, Ordering::AcqRel);
                panic!(
                    "number of added permits ({num}) would overflow MAX_PERMITS ({MAX_PERMITS})"
                );
            }
        }
        wake
    }

    /// Removes up to `num` available permits; returns how many were removed.
    pub(crate) fn forget_permits(&self, num: usize) -> usize {
        let mut curr = self.permits.load(Ordering::Acquire);
        loop {
            let take = (curr >> SHIFT).min(num);
            if take == 0 {
                return 0;
            }
            match self.permits.compare_exchange_weak(
                curr,
                curr - (take << SHIFT),
                Ordering::AcqRel,
                Ordering::Acquire,
            ) {
                Ok(_) => return take,
                Err(actual) => curr = actual,
            }
        }
    }

    /// Closes the semaphore: every queued and future acquire fails.
    pub(crate) fn close(&self) {
        let mut waiters = self.waiters.lock();
        self.permits.fetch_or(CLOSED, Ordering::Release);
        waiters.closed = true;
        let mut wake = WakeList::new();
        while let Some(key) = waiters.list.pop_front() {
            waiters.list.get_mut(key).outcome = Outcome::Closed;
            wake.push(waiters.list.take_waker(key));
        }
        drop(waiters);
        wake.wake_all();
    }
}

/// A future acquiring `num` permits from a [`Semaphore`]; gives back any
/// permits it was handed if dropped before completing.
#[derive(Debug)]
#[must_use = "futures do nothing unless you `.await` or poll them"]
pub(crate) struct Acquire<'a> {
    sem: &'a Semaphore,
    num: usize,
    state: AcquireState,
}

impl<'a> Acquire<'a> {
    pub(crate) fn new(sem: &'a Semaphore, num: usize) -> Self {
        Acquire {
            sem,
            num,
            state: AcquireState::default(),
        }
    }
}

impl std::future::Future for Acquire<'_> {
    type Output = Result<(), Closed>;

    fn poll(self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        this.sem.poll_acquire(cx, this.num, &mut this.state)
    }
}

impl Drop for Acquire<'_> {
    fn drop(&mut self) {
        self.sem.cancel(&mut self.state);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::task::Waker;

    fn cx() -> Context<'static> {
        Context::from_waker(Waker::noop())
    }

    #[test]
    fn fast_path_and_release() {
        let sem = Semaphore::new(2);
        assert_eq!(sem.try_acquire(2), Ok(()));
        assert_eq!(sem.try_acquire(1), Err(TryAcquireError::NoPermits));
        sem.release(1);
        assert_eq!(sem.available_permits(), 1);
    }

    #[test]
    fn queued_waiter_drains_and_blocks_newcomers() {
        let sem = Semaphore::new(1);
        let mut big = AcquireState::default();
        assert!(sem.poll_acquire(&mut cx(), 3, &mut big).is_pending());
        // The single permit went to the waiter.
        assert_eq!(sem.available_permits(), 0);
        sem.release(1);
        assert_eq!(sem.available_permits(), 0);
        assert_eq!(sem.try_acquire(1), Err(TryAcquireError::NoPermits));
        sem.release(2);
        assert_eq!(
            sem.poll_acquire(&mut cx(), 3, &mut big),
            Poll::Ready(Ok(()))
        );
        assert_eq!(sem.available_permits(), 1);
    }

    #[test]
    fn cancel_returns_partial_permits() {
        let sem = Semaphore::new(2);
        let mut a = AcquireState::default();
        assert!(sem.poll_acquire(&mut cx(), 5, &mut a).is_pending());
        assert_eq!(sem.available_permits(), 0);
        sem.cancel(&mut a);
        assert_eq!(sem.available_permits(), 2);
    }

    #[test]
    fn cancel_after_grant_returns_all() {
        let sem = Semaphore::new(0);
        let mut a = AcquireState::default();
        assert!(sem.poll_acquire(&mut cx(), 2, &mut a).is_pending());
        sem.release(2);
        sem.cancel(&mut a);
        assert_eq!(sem.available_permits(), 2);
    }

    #[test]
    fn close_fails_waiters() {
        let sem = Semaphore::new(1);
        let mut a = AcquireState::default();
        assert!(sem.poll_acquire(&mut cx(), 2, &mut a).is_pending());
        sem.close();
        assert_eq!(
            sem.poll_acquire(&mut cx(), 2, &mut a),
            Poll::Ready(Err(Closed))
        );
        assert_eq!(sem.try_acquire(1), Err(TryAcquireError::Closed));
        // The partial permit came back.
        assert_eq!(sem.available_permits(), 1);
    }

    #[test]
    #[should_panic(expected = "MAX_PERMITS")]
    fn release_overflow_panics() {
        let sem = Semaphore::new(MAX_PERMITS);
        sem.release(1);
    }
}

#[cfg(all(test, runtime_loom))]
mod loom_batch_semaphore {
    use super::*;
    use crate::loom::sync::Arc;
    use crate::loom::thread;
    use std::future::poll_fn;

    fn acquire(sem: &Semaphore, num: usize) -> Result<(), Closed> {
        let mut state = AcquireState::default();
        loom::future::block_on(poll_fn(|cx| sem.poll_acquire(cx, num, &mut state)))
    }

    #[test]
    fn acquire_release_two_threads() {
        loom::model(|| {
            let sem = Arc::new(Semaphore::new(1));
            let s2 = sem.clone();
            let th = thread::spawn(move || {
                acquire(&s2, 1).unwrap();
                s2.release(1);
            });
            acquire(&sem, 1).unwrap();
            sem.release(1);
            th.join().unwrap();
            assert_eq!(sem.available_permits(), 1);
        });
    }

    #[test]
    fn batch_acquire_gets_piecewise_release() {
        loom::model(|| {
            let sem = Arc::new(Semaphore::new(0));
            let s2 = sem.clone();
            let th = thread::spawn(move || {
                s2.release(1);
                s2.release(1);
            });
            acquire(&sem, 2).unwrap();
            th.join().unwrap();
            assert_eq!(sem.available_permits(), 0);
        });
    }

    #[test]
    fn close_wakes_waiter() {
        loom::model(|| {
            let sem = Arc::new(Semaphore::new(0));
            let s2 = sem.clone();
            let th = thread::spawn(move || s2.close());
            assert_eq!(acquire(&sem, 1), Err(Closed));
            th.join().unwrap();
        });
    }

    #[test]
    fn cancel_races_release() {
        loom::model(|| {
            let sem = Arc::new(Semaphore::new(0));
            let mut state = AcquireState::default();
            let waker = futures::task::noop_waker();
            let mut cx = Context::from_waker(&waker);
            assert!(sem.poll_acquire(&mut cx, 1, &mut state).is_pending());
            let s2 = sem.clone();
            let th = thread::spawn(move || s2.release(1));
            sem.cancel(&mut state);
            th.join().unwrap();
            // The permit was neither lost nor duplicated.
            assert_eq!(sem.available_permits(), 1);
        });
    }
}
