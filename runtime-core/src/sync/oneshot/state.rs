//! The state word of a one-shot channel: four flags in one atomic, and the
//! ownership rules they imply for the channel's three cells.
//!
//! | flag | set by | meaning |
//! |---|---|---|
//! | `COMPLETE` | sender | the sender is done: it stored a value, or it was dropped |
//! | `CLOSED` | receiver | the receiver closed or was dropped; a later send fails |
//! | `RX_TASK_SET` | receiver | the receiver's waker cell holds a waker the sender may wake |
//! | `TX_TASK_SET` | sender | the sender's waker cell holds a waker the receiver may wake |
//!
//! Each flag is set and cleared by one side only, and every change is a
//! read-modify-write, so the modification order of the word decides every
//! race: whichever side's change comes first is seen by the other.
//!
//! Ownership of the cells follows from that:
//!
//! * **value**: the sender's until it sets `COMPLETE` (it writes the value
//!   first, and takes it back if it finds `CLOSED`); the receiver's once it
//!   has seen `COMPLETE`. `COMPLETE` is only set when `CLOSED` is not, by a
//!   compare-and-swap, so the two never own it at once.
//! * **receiver's waker**: the receiver may write it only while
//!   `RX_TASK_SET` is clear; the sender may read it (to wake) only if its
//!   `COMPLETE`-setting change saw `RX_TASK_SET`. Having set `COMPLETE`, the
//!   sender is done with the channel, so a receiver that finds `COMPLETE`
//!   after clearing `RX_TASK_SET` simply does not write the cell.
//! * **sender's waker**: the mirror image, with `TX_TASK_SET` and `CLOSED`.

use crate::loom::sync::atomic::{AtomicUsize, Ordering};

/// A snapshot of the flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Snapshot(usize);

impl Snapshot {
    const COMPLETE: usize = 0b0001;
    const CLOSED: usize = 0b0010;
    const RX_TASK_SET: usize = 0b0100;
    const TX_TASK_SET: usize = 0b1000;

    pub(super) fn is_complete(self) -> bool {
        self.0 & Self::COMPLETE != 0
    }

    pub(super) fn is_closed(self) -> bool {
        self.0 & Self::CLOSED != 0
    }

    pub(super) fn is_rx_task_set(self) -> bool {
        self.0 & Self::RX_TASK_SET != 0
    }

    pub(super) fn is_tx_task_set(self) -> bool {
        self.0 & Self::TX_TASK_SET != 0
    }
}

/// The atomic state word; every method returns the snapshot from *before*
/// its change, which is what the caller's decision depends on.
#[derive(Debug)]
pub(super) struct State(AtomicUsize);

impl State {
    pub(super) fn new() -> Self {
        Self(AtomicUsize::new(0))
    }

    /// The current flags; `Acquire` so that a `COMPLETE` seen here makes the
    /// value visible.
    pub(super) fn load(&self) -> Snapshot {
        Snapshot(self.0.load(Ordering::Acquire))
    }

    /// Sets `COMPLETE` unless `CLOSED` is set. `Ok` carries the snapshot
    /// before the change; `Err` the snapshot that showed `CLOSED`.
    ///
    /// `Release` publishes the value written before; `Acquire` makes the
    /// receiver's waker visible if `RX_TASK_SET` was set.
    pub(super) fn set_complete_unless_closed(&self) -> Result<Snapshot, Snapshot> {
        let mut current = self.0.load(Ordering::Relaxed);
        loop {
            if current & Snapshot::CLOSED != 0 {
                return Err(Snapshot(current));
            }
            match self.0.compare_exchange_weak(
                current,
                current | Snapshot::COMPLETE,
                Ordering::AcqRel,
                Ordering::Relaxed,
            ) {
                Ok(prev) => return Ok(Snapshot(prev)),
                Err(actual) => current = actual,
            }
        }
    }

    /// Sets `COMPLETE` without a value: the sender was dropped.
    pub(super) fn set_complete(&self) -> Snapshot {
        Snapshot(self.0.fetch_or(Snapshot::COMPLETE, Ordering::AcqRel))
    }

    /// Sets `CLOSED`: the receiver closed or was dropped.
    pub(super) fn set_closed(&self) -> Snapshot {
        Snapshot(self.0.fetch_or(Snapshot::CLOSED, Ordering::AcqRel))
    }

    /// Publishes the receiver's waker (written just before).
    pub(super) fn set_rx_task(&self) -> Snapshot {
        Snapshot(self.0.fetch_or(Snapshot::RX_TASK_SET, Ordering::AcqRel))
    }

    /// Takes the receiver's waker cell back for writing.
    pub(super) fn unset_rx_task(&self) -> Snapshot {
        Snapshot(self.0.fetch_and(!Snapshot::RX_TASK_SET, Ordering::AcqRel))
    }

    /// Publishes the sender's waker (written just before).
    pub(super) fn set_tx_task(&self) -> Snapshot {
        Snapshot(self.0.fetch_or(Snapshot::TX_TASK_SET, Ordering::AcqRel))
    }

    /// Takes the sender's waker cell back for writing.
    pub(super) fn unset_tx_task(&self) -> Snapshot {
        Snapshot(self.0.fetch_and(!Snapshot::TX_TASK_SET, Ordering::AcqRel))
    }
}
