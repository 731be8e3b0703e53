//! [`Barrier`]: lets a fixed number of tasks wait for each other.
//!
//! A mutex-guarded count of arrivals and a generation number. The task that
//! completes a generation (the leader) resets the count, bumps the
//! generation and wakes everyone through a [`Notify`]; the others wait for
//! the generation to move. Each waiter creates its `Notified` while holding
//! the lock, so the leader's wake-up cannot slip past it.

use std::fmt;

use crate::loom::sync::Mutex;
use crate::sync::Notify;

#[derive(Debug)]
struct State {
    arrived: usize,
    generation: u64,
}

/// Makes `n` tasks wait until all of them have reached the same point; then
/// all continue, and the barrier can be used again.
///
/// # Examples
///
/// ```
/// use std::sync::Arc;
/// use runtime_core::sync::Barrier;
///
/// let barrier = Arc::new(Barrier::new(3));
/// let threads: Vec<_> = (0..3)
///     .map(|_| {
///         let b = barrier.clone();
///         std::thread::spawn(move || futures::executor::block_on(b.wait()).is_leader())
///     })
///     .collect();
/// let leaders = threads
///     .into_iter()
///     .filter(|_| true)
///     .map(|t| t.join().unwrap())
///     .filter(|&leader| leader)
///     .count();
/// assert_eq!(leaders, 1);
/// ```
pub struct Barrier {
    n: usize,
    state: Mutex<State>,
    notify: Notify,
}

/// What [`Barrier::wait`] returns: exactly one task per generation is the
/// leader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BarrierWaitResult(bool);

impl BarrierWaitResult {
    /// Whether this task completed the generation.
    pub fn is_leader(&self) -> bool {
        self.0
    }
}

impl Barrier {
    /// Creates a barrier for `n` tasks (0 behaves as 1).
    pub fn new(n: usize) -> Self {
        Barrier {
            n: n.max(1),
            state: Mutex::new(State {
                arrived: 0,
                generation: 0,
            }),
            notify: Notify::new(),
        }
    }

    /// Waits until `n` tasks are waiting. The last to arrive is the leader.
    ///
    /// # Cancel safety
    ///
    /// Not cancel safe: a task that arrived and is then cancelled still
    /// counts towards the current generation.
    pub async fn wait(&self) -> BarrierWaitResult {
        let notified = self.notify.notified();
        let mut notified = std::pin::pin!(notified);
        let generation = {
            let mut state = self.state.lock();
            state.arrived += 1;
            if state.arrived == self.n {
                state.arrived = 0;
                state.generation += 1;
                drop(state);
                self.notify.notify_waiters();
                return BarrierWaitResult(true);
            }
            // Registered for `notify_waiters` from its creation above, which
            // happened before the leader could bump the generation.
            state.generation
        };
        loop {
            notified.as_mut().await;
            let state = self.state.lock();
            if state.generation != generation {
                return BarrierWaitResult(false);
            }
            notified.set(self.notify.notified());
        }
    }
}

impl fmt::Debug for Barrier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Barrier").field("n", &self.n).finish()
    }
}
