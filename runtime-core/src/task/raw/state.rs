//! The task's state word: lifecycle bits and the reference count in one
//! atomic `usize`.
//!
//! ```text
//!  bit 0  RUNNING        a thread is polling (or cancelling) the future;
//!                        only that thread may touch the stage.
//!  bit 1  COMPLETE       the future is gone and the output (or error) is
//!                        stored; set once, never cleared.
//!  bit 2  NOTIFIED       a `Notified` for this task exists (queued), or the
//!                        poller must re-schedule when it goes idle.
//!  bit 3  JOIN_INTEREST  the `JoinHandle` is alive and will read the output.
//!  bit 4  JOIN_WAKER     the join waker slot is filled; while set only the
//!                        completing thread may read it, while clear only the
//!                        `JoinHandle` may write it.
//!  bit 5  CANCELLED      abort or shutdown asked for the task to stop.
//!  6..    reference count: one per `Task`, `Notified`, `JoinHandle`,
//!                        `AbortHandle` and `Waker`.
//! ```
//!
//! Who may change what:
//! * `RUNNING` is set by `transition_to_running` (whoever popped a
//!   `Notified`) or `transition_to_shutdown`, and cleared by
//!   `transition_to_idle` / `transition_to_complete`, by the same thread.
//! * `NOTIFIED` is set by wakers and abort; cleared by the thread that starts
//!   running the task. At most one `Notified` exists at a time.
//! * `JOIN_INTEREST` and `JOIN_WAKER` are cleared only by the `JoinHandle`,
//!   and only while `COMPLETE` is clear (a CAS), which is how the handle and
//!   the completing thread agree on who owns the output and the waker.

use crate::loom::sync::atomic::AtomicUsize;
use crate::loom::sync::atomic::Ordering::{AcqRel, Acquire, Release};

const RUNNING: usize = 0b00_0001;
const COMPLETE: usize = 0b00_0010;
const NOTIFIED: usize = 0b00_0100;
const JOIN_INTEREST: usize = 0b00_1000;
const JOIN_WAKER: usize = 0b01_0000;
const CANCELLED: usize = 0b10_0000;

const REF_SHIFT: usize = 6;
const REF_ONE: usize = 1 << REF_SHIFT;
const LIFECYCLE_MASK: usize = RUNNING | COMPLETE;

/// The atomic state word of a task.
pub(crate) struct State {
    val: AtomicUsize,
}

/// A copy of the state word at one instant.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Snapshot(usize);

/// What `transition_to_running` decided.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum TransitionToRunning {
    /// The caller now owns the future and must poll it.
    Success,
    /// The caller owns the future and must cancel it.
    Cancelled,
    /// The task was running or complete; the `Notified`'s reference was
    /// released and nothing else is to be done.
    Failed,
    /// As `Failed`, and that was the last reference: deallocate.
    Dealloc,
}

/// What `transition_to_idle` decided.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum TransitionToIdle {
    /// Idle; the poller's reference was released.
    Ok,
    /// Woken during the poll: the poller's reference becomes a new
    /// `Notified`, which must be scheduled.
    OkNotified,
    /// Idle, and the poller held the last reference: deallocate.
    OkDealloc,
    /// Cancelled during the poll: the caller still owns the future and must
    /// cancel it.
    Cancelled,
}

/// What a wake-up decided.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum TransitionToNotified {
    /// Nothing to schedule.
    DoNothing,
    /// A reference was created (by-ref wake) or handed over (by-value wake)
    /// for a new `Notified`, which must be scheduled.
    Submit,
    /// By-value wake only: the waker's reference was the last one.
    Dealloc,
}

impl State {
    /// A new task: three references (the owned list, the first `Notified`
    /// and the `JoinHandle`), notified, with join interest.
    #[cfg(test)]
    pub(crate) fn new() -> State {
        State::with_refs(3)
    }

    /// A new notified task with join interest and `refs` references.
    pub(crate) fn with_refs(refs: usize) -> State {
        State {
            val: AtomicUsize::new((refs * REF_ONE) | JOIN_INTEREST | NOTIFIED),
        }
    }

    pub(crate) fn load(&self) -> Snapshot {
        Snapshot(self.val.load(Acquire))
    }

    /// Applies `f` to the state until the CAS succeeds; `f` returns the
    /// decision and, if the state changes, the new snapshot.
    fn fetch_update_action<F, T>(&self, mut f: F) -> T
    where
        F: FnMut(Snapshot) -> (T, Option<Snapshot>),
    {
        let mut curr = self.load();
        loop {
            let (output, next) = f(curr);
            let Some(next) = next else {
                return output;
            };
            match self.val.compare_exchange(curr.0, next.0, AcqRel, Acquire) {
                Ok(_) => return output,
                Err(actual) => curr = Snapshot(actual),
            }
        }
    }

    /// Like `fetch_update_action`, but `f` may refuse (returns `None`).
    fn fetch_update<F>(&self, mut f: F) -> Result<Snapshot, Snapshot>
    where
        F: FnMut(Snapshot) -> Option<Snapshot>,
    {
        let mut curr = self.load();
        loop {
            let Some(next) = f(curr) else {
                return Err(curr);
            };
            match self.val.compare_exchange(curr.0, next.0, AcqRel, Acquire) {
                Ok(_) => return Ok(next),
                Err(actual) => curr = Snapshot(actual),
            }
        }
    }

    /// Called by the holder of a `Notified` that is about to run the task.
    /// Consumes the `Notified`'s reference unless it returns
    /// `Success`/`Cancelled`, in which case the reference is now the
    /// poller's.
    pub(crate) fn transition_to_running(&self) -> TransitionToRunning {
        self.fetch_update_action(|mut next| {
            debug_assert!(next.is_notified(), "running a task that is not notified");
            if !next.is_idle() {
                // Running elsewhere or complete: this `Notified` is stale.
                next.ref_dec();
                let action = if next.ref_count() == 0 {
                    TransitionToRunning::Dealloc
                } else {
                    TransitionToRunning::Failed
                };
                return (action, Some(next));
            }
            next.set_running();
            next.unset_notified();
            let action = if next.is_cancelled() {
                TransitionToRunning::Cancelled
            } else {
                TransitionToRunning::Success
            };
            (action, Some(next))
        })
    }

    /// Called by the poller after the future returned `Pending`.
    pub(crate) fn transition_to_idle(&self) -> TransitionToIdle {
        self.fetch_update_action(|curr| {
            debug_assert!(curr.is_running());
            if curr.is_cancelled() {
                return (TransitionToIdle::Cancelled, None);
            }
            let mut next = curr;
            next.unset_running();
            if next.is_notified() {
                // The poller's reference is handed to the new `Notified`.
                (TransitionToIdle::OkNotified, Some(next))
            } else {
                next.ref_dec();
                let action = if next.ref_count() == 0 {
                    TransitionToIdle::OkDealloc
                } else {
                    TransitionToIdle::Ok
                };
                (action, Some(next))
            }
        })
    }

    /// Marks the task complete. Returns the snapshot from just before, which
    /// tells whether the `JoinHandle` is still interested and has a waker.
    pub(crate) fn transition_to_complete(&self) -> Snapshot {
        let prev = Snapshot(self.val.fetch_xor(RUNNING | COMPLETE, AcqRel));
        debug_assert!(prev.is_running());
        debug_assert!(!prev.is_complete());
        prev
    }

    /// Releases `count` references after completion. Returns `true` when
    /// the task must be deallocated.
    pub(crate) fn transition_to_terminal(&self, count: usize) -> bool {
        let prev = Snapshot(self.val.fetch_sub(count * REF_ONE, AcqRel));
        assert!(
            prev.ref_count() >= count,
            "task reference count underflow: {} < {count}",
            prev.ref_count()
        );
        prev.ref_count() == count
    }

    /// Wake by value: the waker's reference is consumed.
    pub(crate) fn transition_to_notified_by_val(&self) -> TransitionToNotified {
        self.fetch_update_action(|mut snapshot| {
            let action;
            if snapshot.is_running() {
                // The poller re-schedules on its way to idle; the waker's
                // reference is not needed.
                snapshot.set_notified();
                snapshot.ref_dec();
                debug_assert!(snapshot.ref_count() > 0, "the poller holds a reference");
                action = TransitionToNotified::DoNothing;
            } else if snapshot.is_complete() || snapshot.is_notified() {
                snapshot.ref_dec();
                action = if snapshot.ref_count() == 0 {
                    TransitionToNotified::Dealloc
                } else {
                    TransitionToNotified::DoNothing
                };
            } else {
                // Idle: the waker's reference becomes the `Notified`'s.
                snapshot.set_notified();
                action = TransitionToNotified::Submit;
            }
            (action, Some(snapshot))
        })
    }

    /// Wake by reference: a new reference is created when a `Notified` must
    /// be submitted.
    pub(crate) fn transition_to_notified_by_ref(&self) -> TransitionToNotified {
        self.fetch_update_action(|mut snapshot| {
            if snapshot.is_complete() || snapshot.is_notified() {
                (TransitionToNotified::DoNothing, None)
            } else if snapshot.is_running() {
                snapshot.set_notified();
                (TransitionToNotified::DoNothing, Some(snapshot))
            } else {
                snapshot.set_notified();
                snapshot.ref_inc();
                (TransitionToNotified::Submit, Some(snapshot))
            }
        })
    }

    /// Abort from any thread. Returns `true` when the caller must schedule a
    /// new `Notified` (for which a reference was created) so that a runtime
    /// thread cancels the task.
    pub(crate) fn transition_to_notified_and_cancel(&self) -> bool {
        self.fetch_update_action(|mut snapshot| {
            if snapshot.is_cancelled() || snapshot.is_complete() {
                (false, None)
            } else if snapshot.is_running() {
                // The poller sees CANCELLED when it goes idle.
                snapshot.set_notified();
                snapshot.set_cancelled();
                (false, Some(snapshot))
            } else if snapshot.is_notified() {
                // Already queued: the run will observe CANCELLED.
                snapshot.set_cancelled();
                (false, Some(snapshot))
            } else {
                snapshot.set_cancelled();
                snapshot.set_notified();
                snapshot.ref_inc();
                (true, Some(snapshot))
            }
        })
    }

    /// Shutdown: sets CANCELLED and, if the task is idle, RUNNING, so that
    /// the caller owns the future and must cancel it (returns `true`).
    pub(crate) fn transition_to_shutdown(&self) -> bool {
        let mut prev = Snapshot(0);
        let _ = self.fetch_update(|mut snapshot| {
            prev = snapshot;
            if snapshot.is_idle() {
                snapshot.set_running();
            }
            // If running elsewhere, the poller will see CANCELLED when it
            // goes idle; NOTIFIED makes sure it does not just go to sleep.
            snapshot.set_cancelled();
            Some(snapshot)
        });
        prev.is_idle()
    }

    /// Clears JOIN_INTEREST (and JOIN_WAKER) unless the task completed.
    /// On success returns the previous snapshot (to know whether the handle
    /// now owns the waker slot); on failure the task is complete and the
    /// handle owns the output.
    pub(crate) fn unset_join_interested(&self) -> Result<Snapshot, Snapshot> {
        let mut prev = Snapshot(0);
        self.fetch_update(|curr| {
            debug_assert!(curr.is_join_interested());
            if curr.is_complete() {
                return None;
            }
            prev = curr;
            let mut next = curr;
            next.unset_join_interested();
            next.unset_join_waker();
            Some(next)
        })
        .map(|_| prev)
    }

    /// Publishes the join waker. Fails if the task completed meanwhile.
    pub(crate) fn set_join_waker(&self) -> Result<Snapshot, Snapshot> {
        self.fetch_update(|curr| {
            debug_assert!(curr.is_join_interested());
            debug_assert!(!curr.is_join_waker_set());
            if curr.is_complete() {
                return None;
            }
            let mut next = curr;
            next.set_join_waker();
            Some(next)
        })
    }

    /// Takes the join waker slot back for the `JoinHandle`, unless the task
    /// completed.
    pub(crate) fn unset_waker(&self) -> Result<Snapshot, Snapshot> {
        self.fetch_update(|curr| {
            debug_assert!(curr.is_join_interested());
            debug_assert!(curr.is_join_waker_set());
            if curr.is_complete() {
                return None;
            }
            let mut next = curr;
            next.unset_join_waker();
            Some(next)
        })
    }

    pub(crate) fn ref_inc(&self) {
        let prev = self.val.fetch_add(REF_ONE, Release);
        // Overflow would mean ~2^58 handles; abort rather than wrap.
        if prev > isize::MAX as usize {
            std::process::abort();
        }
    }

    /// Returns `true` when this released the last reference.
    pub(crate) fn ref_dec(&self) -> bool {
        let prev = Snapshot(self.val.fetch_sub(REF_ONE, AcqRel));
        assert!(prev.ref_count() >= 1, "task reference count underflow");
        prev.ref_count() == 1
    }
}

impl Snapshot {
    pub(crate) fn is_idle(self) -> bool {
        self.0 & LIFECYCLE_MASK == 0
    }

    pub(crate) fn is_running(self) -> bool {
        self.0 & RUNNING == RUNNING
    }

    fn set_running(&mut self) {
        self.0 |= RUNNING;
    }

    fn unset_running(&mut self) {
        self.0 &= !RUNNING;
    }

    pub(crate) fn is_complete(self) -> bool {
        self.0 & COMPLETE == COMPLETE
    }

    pub(crate) fn is_notified(self) -> bool {
        self.0 & NOTIFIED == NOTIFIED
    }

    fn set_notified(&mut self) {
        self.0 |= NOTIFIED;
    }

    fn unset_notified(&mut self) {
        self.0 &= !NOTIFIED;
    }

    pub(crate) fn is_cancelled(self) -> bool {
        self.0 & CANCELLED == CANCELLED
    }

    fn set_cancelled(&mut self) {
        self.0 |= CANCELLED;
    }

    pub(crate) fn is_join_interested(self) -> bool {
        self.0 & JOIN_INTEREST == JOIN_INTEREST
    }

    fn unset_join_interested(&mut self) {
        self.0 &= !JOIN_INTEREST;
    }

    pub(crate) fn is_join_waker_set(self) -> bool {
        self.0 & JOIN_WAKER == JOIN_WAKER
    }

    fn set_join_waker(&mut self) {
        self.0 |= JOIN_WAKER;
    }

    fn unset_join_waker(&mut self) {
        self.0 &= !JOIN_WAKER;
    }

    pub(crate) fn ref_count(self) -> usize {
        self.0 >> REF_SHIFT
    }

    fn ref_inc(&mut self) {
        self.0 += REF_ONE;
    }

    fn ref_dec(&mut self) {
        debug_assert!(self.ref_count() > 0);
        self.0 -= REF_ONE;
    }
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot")
            .field("running", &self.is_running())
            .field("complete", &self.is_complete())
            .field("notified", &self.is_notified())
            .field("cancelled", &self.is_cancelled())
            .field("join_interest", &self.is_join_interested())
            .field("join_waker", &self.is_join_waker_set())
            .field("refs", &self.ref_count())
            .finish()
    }
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.load().fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lifecycle_of_a_task_polled_twice() {
        let state = State::new();
        assert_eq!(state.load().ref_count(), 3);
        assert_eq!(state.transition_to_running(), TransitionToRunning::Success);
        // Woken while running: no new reference, poller re-schedules.
        assert_eq!(
            state.transition_to_notified_by_ref(),
            TransitionToNotified::DoNothing
        );
        assert_eq!(state.transition_to_idle(), TransitionToIdle::OkNotified);
        assert_eq!(state.load().ref_count(), 3);
        assert_eq!(state.transition_to_running(), TransitionToRunning::Success);
        let prev = state.transition_to_complete();
        assert!(prev.is_join_interested());
        assert!(state.load().is_complete());
        // Poller's and list's references.
        assert!(!state.transition_to_terminal(2));
        assert!(state.unset_join_interested().is_err());
        assert!(state.ref_dec());
    }

    #[test]
    fn wake_when_idle_submits_once() {
        let state = State::new();
        assert_eq!(state.transition_to_running(), TransitionToRunning::Success);
        assert_eq!(state.transition_to_idle(), TransitionToIdle::Ok);
        assert_eq!(state.load().ref_count(), 2);
        assert_eq!(
            state.transition_to_notified_by_ref(),
            TransitionToNotified::Submit
        );
        assert_eq!(state.load().ref_count(), 3);
        // Already notified: a second wake does nothing.
        assert_eq!(
            state.transition_to_notified_by_ref(),
            TransitionToNotified::DoNothing
        );
        assert_eq!(state.load().ref_count(), 3);
    }

    #[test]
    fn abort_idle_task_schedules_it_cancelled() {
        let state = State::new();
        assert_eq!(state.transition_to_running(), TransitionToRunning::Success);
        assert_eq!(state.transition_to_idle(), TransitionToIdle::Ok);
        assert!(state.transition_to_notified_and_cancel());
        assert!(!state.transition_to_notified_and_cancel());
        assert_eq!(
            state.transition_to_running(),
            TransitionToRunning::Cancelled
        );
    }

    #[test]
    fn abort_while_running_is_seen_at_idle() {
        let state = State::new();
        assert_eq!(state.transition_to_running(), TransitionToRunning::Success);
        assert!(!state.transition_to_notified_and_cancel());
        assert_eq!(state.transition_to_idle(), TransitionToIdle::Cancelled);
    }

    #[test]
    fn join_waker_cannot_be_set_after_complete() {
        let state = State::new();
        assert_eq!(state.transition_to_running(), TransitionToRunning::Success);
        state.transition_to_complete();
        assert!(state.set_join_waker().is_err());
    }
}
