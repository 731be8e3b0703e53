//! Idle-worker accounting: how many workers are searching for work, how many
//! are awake, and which ones sleep.
//!
//! # Goals
//!
//! * **No thundering herd.** Waking a worker is expensive, and a woken
//!   worker that finds nothing to do wastes a core spinning on other queues.
//!   So a new task wakes a sleeper only if *no* worker is searching: a
//!   searcher will find the task anyway. When a searcher does find work it
//!   stops searching, and if it was the last searcher it wakes exactly one
//!   more worker (through [`Idle::worker_to_notify`]), which then searches
//!   in turn. Work spreads one worker at a time, as fast as it is found.
//! * **Bounded searching.** At most about half the workers search at once
//!   ([`Idle::transition_worker_to_searching`] refuses beyond that): with
//!   more, searchers mostly steal from each other.
//! * **No lost wake-up.** A task pushed while the last searcher goes to
//!   sleep must still run. Both sides follow a Dekker-style handshake, each
//!   with a `SeqCst` fence between its write and its read:
//!   - the producer *pushes the task, then* checks for searchers
//!     ([`Idle::worker_to_notify`]);
//!   - the worker *parks in the counts, then* re-checks every queue, which
//!     it must do whenever [`Idle::transition_worker_to_parked`] says it
//!     was the last searcher.
//!
//!   Whichever goes second sees the other's write: either the producer sees
//!   no searcher and wakes someone, or the worker sees the task and wakes
//!   someone (possibly itself).
//!
//! # Representation
//!
//! The two counts share one atomic word so that a transition updates both
//! at once: the number of searching workers in the low [`UNPARK_SHIFT`] bits,
//! the number of unparked (awake) workers above them. The list of sleeping
//! workers is behind a mutex; it is touched only on the slow paths (parking
//! and waking), and every change to the unparked count happens with that
//! lock held so that the list and the count agree whenever it is free.

use std::fmt;

use crate::loom::sync::Mutex;
use crate::loom::sync::atomic::Ordering::SeqCst;
use crate::loom::sync::atomic::{AtomicUsize, fence};

/// Bits of the state word that count searching workers.
const UNPARK_SHIFT: usize = 16;
/// Mask of the searching count.
const SEARCH_MASK: usize = (1 << UNPARK_SHIFT) - 1;
/// One unparked worker, in state-word units.
const UNPARKED_ONE: usize = 1 << UNPARK_SHIFT;

/// The upper bound on workers this accounting supports.
pub(crate) const MAX_WORKERS: usize = SEARCH_MASK;

/// The shared idle state of one multi-thread runtime.
pub(crate) struct Idle {
    /// `unparked << UNPARK_SHIFT | searching`.
    state: AtomicUsize,
    /// Indexes of the workers currently parked (asleep).
    sleepers: Mutex<Vec<usize>>,
    num_workers: usize,
}

impl Idle {
    /// Accounting for `num_workers` workers, all awake and none searching.
    ///
    /// # Panics
    ///
    /// Panics if `num_workers` is zero or above [`MAX_WORKERS`].
    pub(crate) fn new(num_workers: usize) -> Self {
        assert!(
            (1..=MAX_WORKERS).contains(&num_workers),
            "worker count out of range: {num_workers}"
        );
        Idle {
            state: AtomicUsize::new(num_workers << UNPARK_SHIFT),
            sleepers: Mutex::new(Vec::with_capacity(num_workers)),
            num_workers,
        }
    }

    /// The number of workers searching for work right now.
    pub(crate) fn num_searching(&self) -> usize {
        self.state.load(SeqCst) & SEARCH_MASK
    }

    /// The number of workers not parked right now.
    pub(crate) fn num_unparked(&self) -> usize {
        self.state.load(SeqCst) >> UNPARK_SHIFT
    }

    /// Called after new work was made available (pushed to some queue):
    /// picks the one parked worker to wake, if any should be woken, and marks
    /// it unparked *and searching* before returning it.
    ///
    /// Returns `None` when a worker is already searching (it will find the
    /// work) or when nobody sleeps.
    pub(crate) fn worker_to_notify(&self) -> Option<usize> {
        // Pairs with the fence in `transition_worker_to_parked`: either we
        // see that worker's parking, or it sees the work we just pushed.
        fence(SeqCst);
        if !self.notify_should_wakeup() {
            return None;
        }
        let mut sleepers = self.sleepers.lock();
        // Re-check under the lock: another producer may have woken a worker
        // in the meantime, which is now searching.
        if !self.notify_should_wakeup() {
            return None;
        }
        let worker = sleepers.pop()?;
        // The woken worker starts out searching.
        self.state.fetch_add(UNPARKED_ONE | 1, SeqCst);
        Some(worker)
    }

    /// Whether a new piece of work should wake a sleeper: nobody searches
    /// and somebody sleeps.
    fn notify_should_wakeup(&self) -> bool {
        let state = self.state.load(SeqCst);
        state & SEARCH_MASK == 0 && (state >> UNPARK_SHIFT) < self.num_workers
    }

    /// A worker with no work wants to start searching (stealing from other
    /// workers). Returns `false`, leaving the counts alone, when about half
    /// the workers already search; the worker should then park instead.
    pub(crate) fn transition_worker_to_searching(&self) -> bool {
        let state = self.state.load(SeqCst);
        if 2 * (state & SEARCH_MASK) >= self.num_workers {
            return false;
        }
        // Racing workers may both pass the check: "about half" is enough.
        self.state.fetch_add(1, SeqCst);
        true
    }

    /// A searching worker found work and stops searching. Returns `true` if
    /// it was the last searcher, in which case it must wake another worker
    /// (`worker_to_notify`) to keep looking for the rest of the work.
    pub(crate) fn transition_worker_from_searching(&self) -> bool {
        let prev = self.state.fetch_sub(1, SeqCst);
        debug_assert!(prev & SEARCH_MASK > 0, "no worker was searching");
        prev & SEARCH_MASK == 1
    }

    /// Worker `worker` is about to sleep. Returns `true` if it was the last
    /// searching worker: it must then look at every queue once more and, if
    /// any holds work, wake a worker (`worker_to_notify`) before it sleeps.
    pub(crate) fn transition_worker_to_parked(&self, worker: usize, is_searching: bool) -> bool {
        let mut sleepers = self.sleepers.lock();
        let dec = UNPARKED_ONE | usize::from(is_searching);
        let prev = self.state.fetch_sub(dec, SeqCst);
        debug_assert!(prev >> UNPARK_SHIFT > 0, "no worker was unparked");
        debug_assert!(!sleepers.contains(&worker), "worker {worker} parked twice");
        sleepers.push(worker);
        drop(sleepers);
        // Pairs with the fence in `worker_to_notify`; see the module docs.
        fence(SeqCst);
        is_searching && prev & SEARCH_MASK == 1
    }

    /// Wakes `worker` by name (for shutdown, or to hand it the driver):
    /// removes it from the sleepers and counts it unparked, not searching.
    /// Returns `false` if it was not asleep (already woken by someone else).
    pub(crate) fn unpark_worker_by_id(&self, worker: usize) -> bool {
        let mut sleepers = self.sleepers.lock();
        match sleepers.iter().position(|&w| w == worker) {
            Some(index) => {
                sleepers.swap_remove(index);
                self.state.fetch_add(UNPARKED_ONE, SeqCst);
                true
            }
            None => false,
        }
    }

    /// Whether `worker` is in the sleepers list. A parked worker that wakes
    /// up and is still listed was woken spuriously and should park again;
    /// one that is no longer listed was notified.
    pub(crate) fn is_parked(&self, worker: usize) -> bool {
        self.sleepers.lock().contains(&worker)
    }
}

impl fmt::Debug for Idle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Idle")
            .field("num_workers", &self.num_workers)
            .field("num_searching", &self.num_searching())
            .field("num_unparked", &self.num_unparked())
            .finish()
    }
}
