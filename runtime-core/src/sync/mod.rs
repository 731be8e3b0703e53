//! Asynchronous synchronisation primitives: channels, locks, semaphores,
//! notification. They need only a [`Waker`](std::task::Waker), so they work
//! with any executor, at tokio 1.x's `tokio::sync` paths.
//!
//! # Map
//!
//! | primitive | file | stands on |
//! |---|---|---|
//! | waiter queue shared by all | `wait_list.rs` | a slab under the owner's lock |
//! | FIFO-fair batch semaphore | `batch_semaphore.rs` | `wait_list` + one atomic |
//! | `blocking_*` support | `block_on.rs` | a condvar parker |
//! | [`Semaphore`] | `semaphore.rs` | batch semaphore |
//! | [`Mutex`] and its guards | `mutex.rs` | batch semaphore (1 permit) |
//! | [`RwLock`] and its guards | `rwlock/` | batch semaphore (`max_readers` permits) |
//! | [`OnceCell`] | `once_cell.rs` | batch semaphore, closed once set |
//! | [`SetOnce`] | `set_once.rs` | one atomic + [`Notify`] |
//! | [`Notify`] | `notify.rs` | `wait_list` |
//! | [`Barrier`] | `barrier.rs` | [`Notify`] |
//! | [`mpsc`] | `mpsc/` | a locked queue + batch semaphore (bounded) |
//! | [`oneshot`] | `oneshot/` | one atomic state word + value and waker cells |
//! | [`broadcast`] | `broadcast/` | a locked ring + `wait_list` |
//! | [`watch`] | `watch/` | a reader-writer value lock + version word + [`Notify`] |
//!
//! # Design
//!
//! Every waiting future owns an entry in its primitive's `WaitList`
//! (`wait_list.rs`), which is a slab rather than an intrusive list: no unsafe
//! code and no pinning are needed to keep the queue consistent when a
//! future is dropped in the middle of a wait. Waiters are served in FIFO
//! order, and a waiter that is dropped after being served hands back what it
//! got, so cancellation never loses a permit, a notification or a message.
//!
//! Every wait that completes takes one unit of the cooperative budget
//! ([`crate::task::coop`]), as tokio's do.

mod barrier;
mod batch_semaphore;
mod block_on;
pub mod broadcast;
pub mod mpsc;
mod mutex;
mod notify;
mod once_cell;
pub mod oneshot;
mod rwlock;
mod semaphore;
mod set_once;
#[cfg(test)]
mod tests;
mod wait_list;
pub mod watch;

pub use barrier::{Barrier, BarrierWaitResult};
pub use mutex::{
    MappedMutexGuard, Mutex, MutexGuard, OwnedMappedMutexGuard, OwnedMutexGuard, TryLockError,
};
pub use notify::Notify;
pub use once_cell::{OnceCell, SetError};
pub use rwlock::{
    OwnedRwLockMappedWriteGuard, OwnedRwLockReadGuard, OwnedRwLockWriteGuard, RwLock,
    RwLockMappedWriteGuard, RwLockReadGuard, RwLockWriteGuard,
};
pub use semaphore::{
    AcquireError, OwnedSemaphorePermit, Semaphore, SemaphorePermit, TryAcquireError,
};
pub use set_once::{SetOnce, SetOnceError};

/// The named future types of this module's primitives.
pub mod futures {
    pub use super::notify::{Notified, OwnedNotified};
}
