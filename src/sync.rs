//! Asynchronous synchronisation primitives: channels ([`mpsc`], [`oneshot`],
//! [`broadcast`], [`watch`]), locks ([`Mutex`], [`RwLock`]), [`Semaphore`],
//! [`Notify`], [`Barrier`], [`OnceCell`] and [`SetOnce`], at tokio's
//! `tokio::sync` paths.
//!
//! They live in `runtime-core` and need only a waker, so they work with any
//! executor. The one exception is `mpsc::Sender::send_timeout`, which needs
//! a runtime with the time driver (`Builder::enable_time`).

#[doc(inline)]
pub use runtime_core::sync::{
    AcquireError, Barrier, BarrierWaitResult, MappedMutexGuard, Mutex, MutexGuard, Notify,
    OnceCell, OwnedMappedMutexGuard, OwnedMutexGuard, OwnedRwLockMappedWriteGuard,
    OwnedRwLockReadGuard, OwnedRwLockWriteGuard, OwnedSemaphorePermit, RwLock,
    RwLockMappedWriteGuard, RwLockReadGuard, RwLockWriteGuard, Semaphore, SemaphorePermit,
    SetError, SetOnce, SetOnceError, TryAcquireError, TryLockError,
};

#[doc(inline)]
pub use runtime_core::sync::{broadcast, futures, mpsc, oneshot, watch};
