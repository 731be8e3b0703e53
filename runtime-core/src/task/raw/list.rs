//! `OwnedTasks`: every live task of a scheduler, so that shutdown can find
//! and cancel them all.
//!
//! An intrusive doubly-linked list through the task headers, under one
//! mutex: insertion and removal are O(1) and allocate nothing. Each header
//! records the id of the list that holds it (`owner_id`, 0 once removed), so
//! that `remove` is exact even when the task already left the list (for
//! instance, popped by `close_and_shutdown_all` before it completed).
//!
//! Once closed, the list accepts no task: `bind` cancels the new task at
//! once, so nothing spawned during or after shutdown can outlive it.

use std::future::Future;
use std::marker::PhantomData;
use std::ptr::NonNull;
use std::sync::atomic::AtomicU64 as StdAtomicU64;

use super::cell::Header;
use super::{Notified, Schedule, Task, new_task};
use crate::loom::sync::Mutex;
use crate::loom::sync::atomic::{AtomicUsize, Ordering};
use crate::task::{Id, JoinHandle};

/// Ids of lists, to tell which list a task belongs to. Not a modelled
/// synchronisation point, so a plain std atomic (loom atomics cannot be
/// statics).
static NEXT_LIST_ID: StdAtomicU64 = StdAtomicU64::new(1);

/// The live tasks of one scheduler.
pub(crate) struct OwnedTasks<S: 'static> {
    inner: Mutex<Inner>,
    id: u64,
    /// Number of tasks in the list, readable without the lock (metrics).
    len: AtomicUsize,
    _p: PhantomData<S>,
}

struct Inner {
    head: Option<NonNull<Header>>,
    closed: bool,
}

// SAFETY: the raw pointers in `Inner` are only followed under the lock, and
// they point to tasks, which are Send + Sync handles.
unsafe impl Send for Inner {}

impl<S: Schedule> OwnedTasks<S> {
    pub(crate) fn new() -> Self {
        OwnedTasks {
            inner: Mutex::new(Inner {
                head: None,
                closed: false,
            }),
            id: NEXT_LIST_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            len: AtomicUsize::new(0),
            _p: PhantomData,
        }
    }

    /// Creates a task for `future` owned by this list. Returns its
    /// `JoinHandle`, and the `Notified` to schedule unless the list is
    /// closed (then the task is already cancelled).
    pub(crate) fn bind<T>(
        &self,
        future: T,
        scheduler: S,
        id: Id,
    ) -> (JoinHandle<T::Output>, Option<Notified<S>>)
    where
        T: Future + Send + 'static,
        T::Output: Send + 'static,
    {
        let (task, notified, join) = new_task(future, scheduler, id);
        let notified = self.bind_inner(task, notified);
        (join, notified)
    }

    /// Like [`bind`](Self::bind) for a future that is not `Send`.
    ///
    /// # Safety
    ///
    /// The task must only ever be polled and dropped on the thread that
    /// calls this (the `LocalSet`'s), and `S` must only run it there.
    pub(crate) unsafe fn bind_local<T>(
        &self,
        future: T,
        scheduler: S,
        id: Id,
    ) -> (JoinHandle<T::Output>, Option<Notified<S>>)
    where
        T: Future + 'static,
        T::Output: 'static,
    {
        let (task, notified, join) = new_task(future, scheduler, id);
        let notified = self.bind_inner(task, notified);
        (join, notified)
    }

    fn bind_inner(&self, task: Task<S>, notified: Notified<S>) -> Option<Notified<S>> {
        let mut inner = self.inner.lock();
        if inner.closed {
            drop(inner);
            drop(notified);
            task.shutdown();
            return None;
        }
        let ptr = task.header_ptr();
        // The list keeps the task's list reference from now on.
        std::mem::forget(task);
        // SAFETY: the task is new (no other thread knows it yet) and its
        // list fields are guarded by our lock from now on.
        unsafe {
            let header = ptr.as_ref();
            header.owner_id.with_mut(|id| *id = self.id);
            header.links.with_mut(|links| {
                (*links).prev = None;
                (*links).next = inner.head;
            });
            if let Some(head) = inner.head {
                head.as_ref()
                    .links
                    .with_mut(|links| (*links).prev = Some(ptr));
            }
        }
        inner.head = Some(ptr);
        self.len.fetch_add(1, Ordering::Relaxed);
        Some(notified)
    }

    /// Removes `task` if this list holds it, returning the list's reference.
    pub(crate) fn remove(&self, task: &Task<S>) -> Option<Task<S>> {
        let ptr = task.header_ptr();
        let mut inner = self.inner.lock();
        // SAFETY: `owner_id` is guarded by the lock of the list it names; if
        // it names us, we hold that lock.
        let owner = unsafe { ptr.as_ref() }.owner_id.with(|id| unsafe { *id });
        if owner != self.id {
            return None;
        }
        // SAFETY: the task is in our list, guarded by our lock.
        unsafe { Self::unlink(&mut inner, ptr) };
        self.len.fetch_sub(1, Ordering::Relaxed);
        Some(Task::from_raw(super::RawTask { ptr }))
    }

    /// # Safety
    ///
    /// `ptr` is in this list and the lock is held (`inner`).
    unsafe fn unlink(inner: &mut Inner, ptr: NonNull<Header>) {
        // SAFETY: list fields of tasks in the list are guarded by our lock.
        unsafe {
            let header = ptr.as_ref();
            let (prev, next) = header.links.with(|links| ((*links).prev, (*links).next));
            match prev {
                Some(prev) => prev.as_ref().links.with_mut(|l| (*l).next = next),
                None => inner.head = next,
            }
            if let Some(next) = next {
                next.as_ref().links.with_mut(|l| (*l).prev = prev);
            }
            header.links.with_mut(|links| {
                (*links).prev = None;
                (*links).next = None;
            });
            header.owner_id.with_mut(|id| *id = 0);
        }
    }

    /// Closes the list and cancels every task in it. Tasks being polled on
    /// another thread right now are marked cancelled and stop at the end of
    /// that poll.
    pub(crate) fn close_and_shutdown_all(&self) {
        self.inner.lock().closed = true;
        loop {
            let task = {
                let mut inner = self.inner.lock();
                let Some(ptr) = inner.head else { break };
                // SAFETY: `ptr` is our head, and we hold the lock.
                unsafe { Self::unlink(&mut inner, ptr) };
                self.len.fetch_sub(1, Ordering::Relaxed);
                Task::<S>::from_raw(super::RawTask { ptr })
            };
            // Outside the lock: cancelling runs user destructors, which may
            // spawn (refused, the list is closed) or wake other tasks.
            task.shutdown();
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.len.load(Ordering::Relaxed)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl<S: 'static> std::fmt::Debug for OwnedTasks<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OwnedTasks")
            .field("id", &self.id)
            .field("len", &self.len.load(Ordering::Relaxed))
            .finish()
    }
}
