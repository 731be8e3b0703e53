//! The borrowed guards of [`RwLock`](super::RwLock): read, write, and
//! mapped write.

use std::fmt;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};

use super::Borrow;
use crate::sync::batch_semaphore::Semaphore;

/// Shared read access to an [`RwLock`](super::RwLock); released on drop.
#[clippy::has_significant_drop]
#[must_use = "if unused the RwLock will immediately unlock"]
pub struct RwLockReadGuard<'a, T: ?Sized> {
    semaphore: &'a Semaphore,
    data: *const T,
    _marker: PhantomData<&'a T>,
}

/// Exclusive write access to an [`RwLock`](super::RwLock); released on drop.
#[clippy::has_significant_drop]
#[must_use = "if unused the RwLock will immediately unlock"]
pub struct RwLockWriteGuard<'a, T: ?Sized> {
    semaphore: &'a Semaphore,
    data: *mut T,
    permits: u32,
    _marker: Borrow<'a, T>,
}

/// Exclusive write access to a part of an [`RwLock`](super::RwLock)'s data;
/// created by [`RwLockWriteGuard::map`].
#[clippy::has_significant_drop]
#[must_use = "if unused the RwLock will immediately unlock"]
pub struct RwLockMappedWriteGuard<'a, T: ?Sized> {
    semaphore: &'a Semaphore,
    data: *mut T,
    permits: u32,
    _marker: Borrow<'a, T>,
}

// SAFETY: a read guard only gives `&T`; sending or sharing it shares `&T`
// with another thread, which needs `T: Sync`.
unsafe impl<T: ?Sized + Sync> Send for RwLockReadGuard<'_, T> {}
// SAFETY: as above.
unsafe impl<T: ?Sized + Sync> Sync for RwLockReadGuard<'_, T> {}
// SAFETY: a write guard gives `&mut T` to its holder (`T: Send` to move it)
// and `&T` to anyone sharing it (`T: Sync`).
unsafe impl<T: ?Sized + Send + Sync> Send for RwLockWriteGuard<'_, T> {}
// SAFETY: sharing the guard only shares `&T`.
unsafe impl<T: ?Sized + Sync> Sync for RwLockWriteGuard<'_, T> {}
// SAFETY: as for `RwLockWriteGuard`.
unsafe impl<T: ?Sized + Send + Sync> Send for RwLockMappedWriteGuard<'_, T> {}
// SAFETY: as for `RwLockWriteGuard`.
unsafe impl<T: ?Sized + Sync> Sync for RwLockMappedWriteGuard<'_, T> {}

impl<'a, T: ?Sized> RwLockReadGuard<'a, T> {
    pub(super) fn new(semaphore: &'a Semaphore, data: *const T) -> Self {
        RwLockReadGuard {
            semaphore,
            data,
            _marker: PhantomData,
        }
    }

    /// Narrows the guard to a part of the data.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::{RwLock, RwLockReadGuard};
    ///
    /// # futures::executor::block_on(async {
    /// let lock = RwLock::new((1, 2));
    /// let first = RwLockReadGuard::map(lock.read().await, |p| &p.0);
    /// assert_eq!(*first, 1);
    /// # });
    /// ```
    pub fn map<U: ?Sized, F>(this: Self, f: F) -> RwLockReadGuard<'a, U>
    where
        F: FnOnce(&T) -> &U,
    {
        let data = f(&*this) as *const U;
        let semaphore = this.semaphore;
        std::mem::forget(this);
        RwLockReadGuard::new(semaphore, data)
    }

    /// Narrows the guard to a part of the data if `f` returns `Some`.
    ///
    /// # Errors
    ///
    /// Returns the original guard when `f` returns `None`.
    pub fn try_map<U: ?Sized, F>(this: Self, f: F) -> Result<RwLockReadGuard<'a, U>, Self>
    where
        F: FnOnce(&T) -> Option<&U>,
    {
        let Some(data) = f(&*this).map(|d| d as *const U) else {
            return Err(this);
        };
        let semaphore = this.semaphore;
        std::mem::forget(this);
        Ok(RwLockReadGuard::new(semaphore, data))
    }
}

impl<T: ?Sized> Deref for RwLockReadGuard<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        // SAFETY: the guard holds a read permit, so no writer exists while
        // it lives; `data` points into the lock's data for `'a`.
        unsafe { &*self.data }
    }
}

impl<T: ?Sized> Drop for RwLockReadGuard<'_, T> {
    fn drop(&mut self) {
        self.semaphore.release(1);
    }
}

impl<'a, T: ?Sized> RwLockWriteGuard<'a, T> {
    pub(super) fn new(semaphore: &'a Semaphore, data: *mut T, permits: u32) -> Self {
        RwLockWriteGuard {
            semaphore,
            data,
            permits,
            _marker: PhantomData,
        }
    }

    /// Narrows the guard to a part of the data.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::{RwLock, RwLockWriteGuard};
    ///
    /// # futures::executor::block_on(async {
    /// let lock = RwLock::new((1, 2));
    /// *RwLockWriteGuard::map(lock.write().await, |p| &mut p.1) = 7;
    /// assert_eq!(*lock.read().await, (1, 7));
    /// # });
    /// ```
    pub fn map<U: ?Sized, F>(mut this: Self, f: F) -> RwLockMappedWriteGuard<'a, U>
    where
        F: FnOnce(&mut T) -> &mut U,
    {
        let data = f(&mut *this) as *mut U;
        let (semaphore, permits) = (this.semaphore, this.permits);
        std::mem::forget(this);
        RwLockMappedWriteGuard {
            semaphore,
            data,
            permits,
            _marker: PhantomData,
        }
    }

    /// Narrows the guard to a part of the data if `f` returns `Some`.
    ///
    /// # Errors
    ///
    /// Returns the original guard when `f` returns `None`.
    pub fn try_map<U: ?Sized, F>(
        mut this: Self,
        f: F,
    ) -> Result<RwLockMappedWriteGuard<'a, U>, Self>
    where
        F: FnOnce(&mut T) -> Option<&mut U>,
    {
        let Some(data) = f(&mut *this).map(|d| d as *mut U) else {
            return Err(this);
        };
        let (semaphore, permits) = (this.semaphore, this.permits);
        std::mem::forget(this);
        Ok(RwLockMappedWriteGuard {
            semaphore,
            data,
            permits,
            _marker: PhantomData,
        })
    }

    /// Turns the guard into a mapped guard of the whole data.
    pub fn into_mapped(this: Self) -> RwLockMappedWriteGuard<'a, T> {
        RwLockWriteGuard::map(this, |d| d)
    }

    /// Turns write access into read access without letting a writer in
    /// between, then narrows it with `f`.
    pub fn downgrade_map<U: ?Sized, F>(this: Self, f: F) -> RwLockReadGuard<'a, U>
    where
        F: FnOnce(&T) -> &U,
    {
        // `f` runs while the lock is still held for writing.
        let data = f(&*this) as *const U;
        let read = this.downgrade();
        let semaphore = read.semaphore;
        std::mem::forget(read);
        RwLockReadGuard::new(semaphore, data)
    }

    /// As [`downgrade_map`](Self::downgrade_map) if `f` returns `Some`.
    ///
    /// # Errors
    ///
    /// Returns the write guard (still writing) when `f` returns `None`.
    pub fn try_downgrade_map<U: ?Sized, F>(this: Self, f: F) -> Result<RwLockReadGuard<'a, U>, Self>
    where
        F: FnOnce(&T) -> Option<&U>,
    {
        let Some(data) = f(&*this).map(|d| d as *const U) else {
            return Err(this);
        };
        let read = this.downgrade();
        let semaphore = read.semaphore;
        std::mem::forget(read);
        Ok(RwLockReadGuard::new(semaphore, data))
    }

    /// Turns write access into read access atomically: no writer can take
    /// the lock in between, and readers waiting behind this writer are let
    /// in.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::sync::RwLock;
    ///
    /// # futures::executor::block_on(async {
    /// let lock = RwLock::new(1);
    /// let mut w = lock.write().await;
    /// *w = 2;
    /// let r = w.downgrade();
    /// assert_eq!(*r, 2);
    /// assert_eq!(*lock.try_read().unwrap(), 2); // readers may join
    /// assert!(lock.try_write().is_err());
    /// # });
    /// ```
    pub fn downgrade(self) -> RwLockReadGuard<'a, T> {
        let (semaphore, data, permits) = (self.semaphore, self.data, self.permits);
        std::mem::forget(self);
        semaphore.release(permits as usize - 1);
        RwLockReadGuard::new(semaphore, data)
    }
}

impl<T: ?Sized> Deref for RwLockWriteGuard<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        // SAFETY: the guard holds every permit: no other guard exists.
        unsafe { &*self.data }
    }
}

impl<T: ?Sized> DerefMut for RwLockWriteGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: the guard holds every permit, and `&mut self` makes this
        // the only access through it.
        unsafe { &mut *self.data }
    }
}

impl<T: ?Sized> Drop for RwLockWriteGuard<'_, T> {
    fn drop(&mut self) {
        self.semaphore.release(self.permits as usize);
    }
}

impl<'a, T: ?Sized> RwLockMappedWriteGuard<'a, T> {
    /// Narrows the guard further.
    pub fn map<U: ?Sized, F>(mut this: Self, f: F) -> RwLockMappedWriteGuard<'a, U>
    where
        F: FnOnce(&mut T) -> &mut U,
    {
        let data = f(&mut *this) as *mut U;
        let (semaphore, permits) = (this.semaphore, this.permits);
        std::mem::forget(this);
        RwLockMappedWriteGuard {
            semaphore,
            data,
            permits,
            _marker: PhantomData,
        }
    }

    /// Narrows the guard further if `f` returns `Some`.
    ///
    /// # Errors
    ///
    /// Returns the original guard when `f` returns `None`.
    pub fn try_map<U: ?Sized, F>(
        mut this: Self,
        f: F,
    ) -> Result<RwLockMappedWriteGuard<'a, U>, Self>
    where
        F: FnOnce(&mut T) -> Option<&mut U>,
    {
        let Some(data) = f(&mut *this).map(|d| d as *mut U) else {
            return Err(this);
        };
        let (semaphore, permits) = (this.semaphore, this.permits);
        std::mem::forget(this);
        Ok(RwLockMappedWriteGuard {
            semaphore,
            data,
            permits,
            _marker: PhantomData,
        })
    }
}

impl<T: ?Sized> Deref for RwLockMappedWriteGuard<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        // SAFETY: the guard holds every permit of the lock whose data
        // `data` points into.
        unsafe { &*self.data }
    }
}

impl<T: ?Sized> DerefMut for RwLockMappedWriteGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as in `deref`, and `&mut self` makes this the only access.
        unsafe { &mut *self.data }
    }
}

impl<T: ?Sized> Drop for RwLockMappedWriteGuard<'_, T> {
    fn drop(&mut self) {
        self.semaphore.release(self.permits as usize);
    }
}

macro_rules! fmt_guard {
    ($($name:ident),*) => {$(
        impl<T: ?Sized + fmt::Debug> fmt::Debug for $name<'_, T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&**self, f)
            }
        }

        impl<T: ?Sized + fmt::Display> fmt::Display for $name<'_, T> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&**self, f)
            }
        }
    )*};
}

fmt_guard!(RwLockReadGuard, RwLockWriteGuard, RwLockMappedWriteGuard);
