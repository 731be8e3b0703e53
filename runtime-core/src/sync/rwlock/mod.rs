//! [`RwLock`]: an asynchronous reader-writer lock that is fair to writers.
//!
//! # Design
//!
//! A batch semaphore with `max_readers` permits: a reader takes one, a
//! writer takes all of them. Because the semaphore serves waiters in FIFO
//! order and a queued request blocks every request behind it, a waiting
//! writer stops new readers from overtaking it: readers that arrive after
//! the writer wait until it is done. Downgrading a write guard releases all
//! but one permit.
//!
//! The guards carry a raw pointer to (part of) the data so that the mapped
//! guards can narrow it; each guard type documents its `Send`/`Sync` bounds
//! next to its `unsafe impl`.

mod guards;
mod owned_guards;

use std::cell::UnsafeCell;
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

use crate::sync::TryLockError;
use crate::sync::batch_semaphore::{Acquire, Semaphore};

pub use guards::{RwLockMappedWriteGuard, RwLockReadGuard, RwLockWriteGuard};
pub use owned_guards::{OwnedRwLockMappedWriteGuard, OwnedRwLockReadGuard, OwnedRwLockWriteGuard};

/// The default (and largest) number of concurrent readers: `u32::MAX >> 3`.
const MAX_READS: u32 = u32::MAX >> 3;

/// An asynchronous reader-writer lock: any number of readers, or one
/// writer, at a time.
///
/// The lock is fair: requests are served in arrival order, so a waiting
/// writer is not starved by a stream of readers (readers that arrive after
/// it wait for it).
///
/// # Examples
///
/// ```
/// use runtime_core::sync::RwLock;
///
/// # futures::executor::block_on(async {
/// let lock = RwLock::new(5);
/// {
///     let r1 = lock.read().await;
///     let r2 = lock.read().await;
///     assert_eq!(*r1 + *r2, 10);
/// }
/// *lock.write().await += 1;
/// assert_eq!(*lock.read().await, 6);
/// # });
/// ```
pub struct RwLock<T: ?Sized> {
    max_readers: u32,
    semaphore: Semaphore,
    data: UnsafeCell<T>,
}

// SAFETY: moving the lock moves the `T` it owns.
unsafe impl<T: ?Sized + Send> Send for RwLock<T> {}
// SAFETY: sharing the lock lets several threads read `&T` at once (`T:
// Sync`) and lets a writer on any thread take `&mut T` (`T: Send`), as for
// `std::sync::RwLock`.
unsafe impl<T: ?Sized + Send + Sync> Sync for RwLock<T> {}

impl<T> RwLock<T> {
    /// Creates an unlocked `RwLock` allowing up to `u32::MAX >> 3` readers.
    pub fn new(value: T) -> Self {
        Self::with_max_readers(value, MAX_READS)
    }

    /// Creates an unlocked `RwLock` allowing at most `max_reads` readers at
    /// once.
    ///
    /// # Panics
    ///
    /// Panics if `max_reads` is 0 or greater than `u32::MAX >> 3`.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::RwLock;
    ///
    /// let lock = RwLock::with_max_readers(0, 2);
    /// let _a = lock.try_read().unwrap();
    /// let _b = lock.try_read().unwrap();
    /// assert!(lock.try_read().is_err());
    /// ```
    #[track_caller]
    pub fn with_max_readers(value: T, max_reads: u32) -> Self {
        assert!(
            max_reads <= MAX_READS,
            "a RwLock may not be created with more than {MAX_READS} readers"
        );
        assert!(max_reads != 0, "a RwLock may not be created with 0 readers");
        RwLock {
            max_readers: max_reads,
            semaphore: Semaphore::new(max_reads as usize),
            data: UnsafeCell::new(value),
        }
    }

    /// Creates an unlocked `RwLock` in a `const` context.
    #[cfg(not(runtime_loom))]
    pub const fn const_new(value: T) -> Self {
        Self::const_with_max_readers(value, MAX_READS)
    }

    /// Creates an unlocked `RwLock` with at most `max_reads` readers in a
    /// `const` context.
    ///
    /// # Panics
    ///
    /// Panics if `max_reads` is 0 or greater than `u32::MAX >> 3`.
    #[cfg(not(runtime_loom))]
    pub const fn const_with_max_readers(value: T, max_reads: u32) -> Self {
        assert!(max_reads != 0, "a RwLock may not be created with 0 readers");
        assert!(
            max_reads <= MAX_READS,
            "a RwLock may not be created with more than u32::MAX >> 3 readers"
        );
        RwLock {
            max_readers: max_reads,
            semaphore: Semaphore::const_new(max_reads as usize),
            data: UnsafeCell::new(value),
        }
    }

    /// Consumes the lock, returning its data.
    pub fn into_inner(self) -> T {
        self.data.into_inner()
    }
}

impl<T: ?Sized> RwLock<T> {
    /// Waits for shared read access.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: requests are served in FIFO order, and cancelling gives
    /// up the place in the queue.
    pub async fn read(&self) -> RwLockReadGuard<'_, T> {
        // The semaphore of a lock is never closed.
        let _ = Acquire::new(&self.semaphore, 1).await;
        RwLockReadGuard::new(&self.semaphore, self.data.get())
    }

    /// Blocks the thread until read access is granted, from outside any
    /// runtime.
    ///
    /// # Panics
    ///
    /// Panics if called from inside a runtime; use `read().await` there.
    #[track_caller]
    pub fn blocking_read(&self) -> RwLockReadGuard<'_, T> {
        crate::sync::block_on::block_on("RwLock::read", self.read())
    }

    /// Waits for read access to a shared lock, returning a guard that owns
    /// a handle to it.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe, as [`read`](Self::read).
    pub async fn read_owned(self: Arc<Self>) -> OwnedRwLockReadGuard<T> {
        let _ = Acquire::new(&self.semaphore, 1).await;
        OwnedRwLockReadGuard::new(self)
    }

    /// Takes read access if it is available right now.
    ///
    /// # Errors
    ///
    /// [`TryLockError`] if a writer holds or waits for the lock, or the
    /// reader limit is reached.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::RwLock;
    ///
    /// let lock = RwLock::new(1);
    /// let w = lock.try_write().unwrap();
    /// assert!(lock.try_read().is_err());
    /// drop(w);
    /// assert_eq!(*lock.try_read().unwrap(), 1);
    /// ```
    pub fn try_read(&self) -> Result<RwLockReadGuard<'_, T>, TryLockError> {
        self.semaphore
            .try_acquire(1)
            .map_err(|_| TryLockError(()))?;
        Ok(RwLockReadGuard::new(&self.semaphore, self.data.get()))
    }

    /// Takes read access to a shared lock if it is available right now.
    ///
    /// # Errors
    ///
    /// As [`try_read`](Self::try_read).
    pub fn try_read_owned(self: Arc<Self>) -> Result<OwnedRwLockReadGuard<T>, TryLockError> {
        self.semaphore
            .try_acquire(1)
            .map_err(|_| TryLockError(()))?;
        Ok(OwnedRwLockReadGuard::new(self))
    }

    /// Waits for exclusive write access.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe: requests are served in FIFO order, and cancelling gives
    /// up the place in the queue (letting readers queued behind proceed).
    pub async fn write(&self) -> RwLockWriteGuard<'_, T> {
        let _ = Acquire::new(&self.semaphore, self.max_readers as usize).await;
        RwLockWriteGuard::new(&self.semaphore, self.data.get(), self.max_readers)
    }

    /// Blocks the thread until write access is granted, from outside any
    /// runtime.
    ///
    /// # Panics
    ///
    /// Panics if called from inside a runtime; use `write().await` there.
    #[track_caller]
    pub fn blocking_write(&self) -> RwLockWriteGuard<'_, T> {
        crate::sync::block_on::block_on("RwLock::write", self.write())
    }

    /// Waits for write access to a shared lock, returning a guard that owns
    /// a handle to it.
    ///
    /// # Cancel safety
    ///
    /// Cancel safe, as [`write`](Self::write).
    pub async fn write_owned(self: Arc<Self>) -> OwnedRwLockWriteGuard<T> {
        let _ = Acquire::new(&self.semaphore, self.max_readers as usize).await;
        OwnedRwLockWriteGuard::new(self)
    }

    /// Takes write access if the lock is free right now.
    ///
    /// # Errors
    ///
    /// [`TryLockError`] if any guard is held or any request is queued.
    pub fn try_write(&self) -> Result<RwLockWriteGuard<'_, T>, TryLockError> {
        self.semaphore
            .try_acquire(self.max_readers as usize)
            .map_err(|_| TryLockError(()))?;
        Ok(RwLockWriteGuard::new(
            &self.semaphore,
            self.data.get(),
            self.max_readers,
        ))
    }

    /// Takes write access to a shared lock if it is free right now.
    ///
    /// # Errors
    ///
    /// As [`try_write`](Self::try_write).
    pub fn try_write_owned(self: Arc<Self>) -> Result<OwnedRwLockWriteGuard<T>, TryLockError> {
        self.semaphore
            .try_acquire(self.max_readers as usize)
            .map_err(|_| TryLockError(()))?;
        Ok(OwnedRwLockWriteGuard::new(self))
    }

    /// Mutable access without locking: the `&mut self` proves no guard
    /// exists.
    pub fn get_mut(&mut self) -> &mut T {
        self.data.get_mut()
    }
}

impl<T: Default> Default for RwLock<T> {
    fn default() -> Self {
        RwLock::new(T::default())
    }
}

impl<T> From<T> for RwLock<T> {
    fn from(value: T) -> Self {
        RwLock::new(value)
    }
}

impl<T: ?Sized + fmt::Debug> fmt::Debug for RwLock<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("RwLock");
        match self.try_read() {
            Ok(guard) => d.field("data", &&*guard),
            Err(_) => d.field("data", &format_args!("<locked>")),
        };
        d.finish()
    }
}

/// Marks a guard as borrowing `T` for `'a` (variance and auto traits come
/// from the explicit impls on each guard).
type Borrow<'a, T> = PhantomData<&'a mut T>;

#[cfg(test)]
mod tests;

#[cfg(all(test, runtime_loom))]
mod loom_rwlock {
    use super::*;
    use crate::loom::thread;

    #[test]
    fn writer_waits_for_reader_then_readers_see_write() {
        loom::model(|| {
            let lock = Arc::new(RwLock::new(0));
            let held = lock.try_read().map(|g| *g).unwrap();
            assert_eq!(held, 0);
            let reader = lock.clone().try_read_owned().unwrap();
            let l2 = lock.clone();
            let th = thread::spawn(move || {
                let mut w = loom::future::block_on(l2.write());
                *w += 1;
            });
            drop(reader);
            let seen = *loom::future::block_on(lock.read());
            assert!(seen == 0 || seen == 1);
            th.join().unwrap();
            assert_eq!(*lock.try_read().unwrap(), 1);
        });
    }

    #[test]
    fn two_writers_are_exclusive() {
        loom::model(|| {
            let lock = Arc::new(RwLock::with_max_readers(0, 2));
            let l2 = lock.clone();
            let th = thread::spawn(move || {
                let mut w = loom::future::block_on(l2.write());
                *w += 1;
            });
            {
                let mut w = loom::future::block_on(lock.write());
                *w += 1;
            }
            th.join().unwrap();
            assert_eq!(*lock.try_read().unwrap(), 2);
        });
    }
}
