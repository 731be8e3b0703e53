//! The blocking reader-writer lock that holds a watch channel's value.
//!
//! Readers are preferred: a thread may hold several read guards at once
//! (two receivers' `borrow()` in one expression) without deadlocking, even
//! while a sender waits to write. Writers hold the lock only for the time of
//! a swap or a user closure, never across an `.await`.

use std::ops::{Deref, DerefMut};

use crate::loom::cell::UnsafeCell;
use crate::loom::sync::{Condvar, Mutex};

const WRITER: isize = -1;

#[derive(Debug)]
pub(super) struct ValueLock<T> {
    /// Number of readers, or `WRITER`.
    state: Mutex<isize>,
    cond: Condvar,
    value: UnsafeCell<T>,
}

// SAFETY: the lock hands out `&T` to many threads (`T: Sync`) and `&mut T`
// to one (`T: Send`), like `std::sync::RwLock`.
unsafe impl<T: Send + Sync> Sync for ValueLock<T> {}

pub(super) struct ReadGuard<'a, T> {
    lock: &'a ValueLock<T>,
}

pub(super) struct WriteGuard<'a, T> {
    lock: &'a ValueLock<T>,
}

impl<T> ValueLock<T> {
    pub(super) fn new(value: T) -> Self {
        ValueLock {
            state: Mutex::new(0),
            cond: Condvar::new(),
            value: UnsafeCell::new(value),
        }
    }

    pub(super) fn read(&self) -> ReadGuard<'_, T> {
        let mut state = self.state.lock();
        while *state == WRITER {
            state = self.cond.wait(state);
        }
        *state += 1;
        ReadGuard { lock: self }
    }

    pub(super) fn write(&self) -> WriteGuard<'_, T> {
        let mut state = self.state.lock();
        while *state != 0 {
            state = self.cond.wait(state);
        }
        *state = WRITER;
        WriteGuard { lock: self }
    }
}

impl<T> Deref for ReadGuard<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        // SAFETY: a read guard exists only while the state counts it as a
        // reader, so no writer holds `&mut T`.
        self.lock.value.with(|p| unsafe { &*p })
    }
}

impl<T> Drop for ReadGuard<'_, T> {
    fn drop(&mut self) {
        let mut state = self.lock.state.lock();
        *state -= 1;
        if *state == 0 {
            drop(state);
            self.lock.cond.notify_all();
        }
    }
}

impl<T> Deref for WriteGuard<'_, T> {
    type Target = T;

    fn deref(&self) -> &T {
        // SAFETY: the write guard is the only guard while it lives.
        self.lock.value.with(|p| unsafe { &*p })
    }
}

impl<T> DerefMut for WriteGuard<'_, T> {
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: the write guard is the only guard while it lives, and
        // `&mut self` makes this the only access through it.
        self.lock.value.with_mut(|p| unsafe { &mut *p })
    }
}

impl<T> Drop for WriteGuard<'_, T> {
    fn drop(&mut self) {
        *self.lock.state.lock() = 0;
        self.lock.cond.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_reads_and_write() {
        let lock = ValueLock::new(1);
        {
            let a = lock.read();
            let b = lock.read();
            assert_eq!(*a + *b, 2);
        }
        *lock.write() = 5;
        assert_eq!(*lock.read(), 5);
    }

    #[test]
    fn writer_waits_for_reader_on_other_thread() {
        let lock = std::sync::Arc::new(ValueLock::new(0));
        let r = lock.read();
        let l2 = lock.clone();
        let th = std::thread::spawn(move || *l2.write() = 1);
        assert_eq!(*r, 0);
        drop(r);
        th.join().unwrap();
        assert_eq!(*lock.read(), 1);
    }
}
