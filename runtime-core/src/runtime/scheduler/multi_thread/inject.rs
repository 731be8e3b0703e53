//! The global injection queue: where tasks go that are spawned or woken from
//! outside a worker, and where full local queues overflow to.
//!
//! A FIFO behind a mutex. Every worker looks at it often (every
//! `global_queue_interval` polls, and whenever its own queue runs dry), and
//! most of the time it is empty, so its length is mirrored in an atomic:
//! [`Inject::is_empty`] answers without taking the lock. The length is only
//! written while the lock is held, so it is exact whenever the lock is free.
//!
//! Batches keep the lock traffic low in both directions: an overflowing
//! worker moves half its queue in with one [`Inject::push_batch`], and a
//! worker that finds the queue non-empty takes a share of it into its local
//! queue with one [`Inject::pop_into`].
//!
//! At shutdown the queue is [closed](Inject::close): later pushes drop their
//! item (outside the lock, since dropping a task may run arbitrary code) and
//! report it, so that nothing is scheduled onto a runtime that is going away.

use std::collections::VecDeque;
use std::fmt;

use crate::loom::sync::Mutex;
use crate::loom::sync::atomic::Ordering::{Acquire, Release, SeqCst};
use crate::loom::sync::atomic::{AtomicBool, AtomicUsize};
use crate::runtime::scheduler::multi_thread::queue::{self, Overflow};

/// The global FIFO of runnable items.
pub(crate) struct Inject<T> {
    synced: Mutex<Synced<T>>,
    /// Mirrors `synced.items.len()`; stored only with the lock held.
    ///
    /// Stores and loads are `SeqCst` so that "push, then check for searching
    /// workers" (the spawner) and "stop searching, then check the queue" (a
    /// worker going to sleep) cannot both miss each other; see `idle.rs`.
    len: AtomicUsize,
    /// Mirrors `synced.is_closed`, for a lock-free check on the workers'
    /// maintenance path.
    closed: AtomicBool,
}

struct Synced<T> {
    items: VecDeque<T>,
    is_closed: bool,
}

impl<T> Inject<T> {
    /// Creates an empty, open queue.
    pub(crate) fn new() -> Self {
        Inject {
            synced: Mutex::new(Synced {
                items: VecDeque::new(),
                is_closed: false,
            }),
            len: AtomicUsize::new(0),
            closed: AtomicBool::new(false),
        }
    }

    /// The number of queued items.
    pub(crate) fn len(&self) -> usize {
        self.len.load(Acquire)
    }

    /// Whether the queue is empty, without taking the lock.
    pub(crate) fn is_empty(&self) -> bool {
        self.len.load(SeqCst) == 0
    }

    /// Whether [`Inject::close`] has been called.
    pub(crate) fn is_closed(&self) -> bool {
        self.closed.load(Acquire)
    }

    /// Closes the queue: from now on pushes drop their items. Returns `true`
    /// if this call closed it, `false` if it was already closed. Items
    /// already queued stay poppable.
    pub(crate) fn close(&self) -> bool {
        let mut synced = self.synced.lock();
        self.closed.store(true, Release);
        !std::mem::replace(&mut synced.is_closed, true)
    }

    /// Queues `item` at the back. Returns `false`, having dropped `item`, if
    /// the queue is closed.
    pub(crate) fn push(&self, item: T) -> bool {
        let mut synced = self.synced.lock();
        if synced.is_closed {
            drop(synced);
            drop(item);
            return false;
        }
        synced.items.push_back(item);
        self.len.store(synced.items.len(), SeqCst);
        true
    }

    /// Queues every item of `items`, in order, under one lock. Returns
    /// `false`, having dropped them all, if the queue is closed.
    pub(crate) fn push_batch<I>(&self, items: I) -> bool
    where
        I: Iterator<Item = T>,
    {
        let mut synced = self.synced.lock();
        if synced.is_closed {
            drop(synced);
            items.for_each(drop);
            return false;
        }
        synced.items.extend(items);
        self.len.store(synced.items.len(), SeqCst);
        true
    }

    /// Takes the item at the front.
    pub(crate) fn pop(&self) -> Option<T> {
        if self.is_empty() {
            return None;
        }
        let mut synced = self.synced.lock();
        let item = synced.items.pop_front();
        self.len.store(synced.items.len(), SeqCst);
        item
    }

    /// Takes up to `max` items under one lock: returns the first, and pushes
    /// the others to the back of `dst` (no more than it has room for).
    pub(crate) fn pop_into(&self, dst: &mut queue::Local<T>, max: usize) -> Option<T>
    where
        T: 'static,
    {
        if self.is_empty() || max == 0 {
            return None;
        }
        let mut synced = self.synced.lock();
        let first = synced.items.pop_front()?;
        let more = (max - 1).min(synced.items.len()).min(dst.remaining_slots());
        dst.push_back_batch(synced.items.drain(..more));
        self.len.store(synced.items.len(), SeqCst);
        Some(first)
    }
}

impl<T> Overflow<T> for Inject<T> {
    fn push(&self, item: T) {
        Inject::push(self, item);
    }

    fn push_batch<I>(&self, items: I)
    where
        I: Iterator<Item = T>,
    {
        Inject::push_batch(self, items);
    }
}

impl<T> fmt::Debug for Inject<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Inject").field("len", &self.len()).finish()
    }
}
