//! The waiter list every primitive in `sync` queues its waiting futures on.
//!
//! A FIFO queue of waiters kept in a slab: entries live in a `Vec`, linked
//! to each other by index (`prev`/`next`), and a freed slot is reused by the
//! next insertion. It is always used under the owning primitive's lock, so
//! it needs no unsafe code and no atomics.
//!
//! Each entry is *owned by the future that inserted it*: only that future
//! frees the slot (when it completes or is dropped), so the [`Key`] it holds
//! stays valid for its whole life. Notifying a waiter is a separate step from
//! freeing it: a notifier [`unlink`](WaitList::unlink)s or
//! [`pop_front`](WaitList::pop_front)s the entry out of the queue, records in
//! the entry's data what the waiter got (permits, a notification, a close),
//! and wakes it; the waiter then reads that record on its next poll and
//! frees the slot. A waiter dropped after being notified but before seeing it
//! hands what it got back (for instance its permits), which is how "dropping
//! a waiting future never loses a permit" is kept.

use std::task::Waker;

/// The handle of an entry; valid until the entry is [`remove`](WaitList::remove)d.
pub(crate) type Key = usize;

const NIL: usize = usize::MAX;

#[derive(Debug)]
struct Entry<T> {
    data: T,
    waker: Option<Waker>,
    prev: usize,
    next: usize,
    linked: bool,
}

/// A FIFO list of waiters stored in a slab; see the module docs.
#[derive(Debug)]
pub(crate) struct WaitList<T> {
    slots: Vec<Option<Entry<T>>>,
    free: Vec<usize>,
    head: usize,
    tail: usize,
    linked: usize,
}

impl<T> WaitList<T> {
    pub(crate) const fn new() -> Self {
        WaitList {
            slots: Vec::new(),
            free: Vec::new(),
            head: NIL,
            tail: NIL,
            linked: 0,
        }
    }

    /// Whether no entry is queued (freed-but-unread entries do not count).
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.linked == 0
    }

    /// The number of queued entries.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.linked
    }

    /// Appends a waiter at the back of the queue.
    pub(crate) fn push_back(&mut self, data: T, waker: Option<Waker>) -> Key {
        let entry = Entry {
            data,
            waker,
            prev: self.tail,
            next: NIL,
            linked: true,
        };
        let key = match self.free.pop() {
            Some(key) => {
                self.slots[key] = Some(entry);
                key
            }
            None => {
                self.slots.push(Some(entry));
                self.slots.len() - 1
            }
        };
        if self.tail == NIL {
            self.head = key;
        } else {
            self.entry_mut(self.tail).next = key;
        }
        self.tail = key;
        self.linked += 1;
        key
    }

    fn entry(&self, key: Key) -> &Entry<T> {
        self.slots[key].as_ref().expect("wait list key is stale")
    }

    fn entry_mut(&mut self, key: Key) -> &mut Entry<T> {
        self.slots[key].as_mut().expect("wait list key is stale")
    }

    /// The entry's data.
    pub(crate) fn get(&self, key: Key) -> &T {
        &self.entry(key).data
    }

    /// The entry's data, mutably.
    pub(crate) fn get_mut(&mut self, key: Key) -> &mut T {
        &mut self.entry_mut(key).data
    }

    /// Whether the entry is still queued.
    #[cfg(test)]
    pub(crate) fn is_linked(&self, key: Key) -> bool {
        self.entry(key).linked
    }

    /// Stores `waker` for the entry unless the stored one would wake the same
    /// task, and returns the waker it replaced. The caller drops that one
    /// after releasing its lock: a waker's drop may run user code that
    /// re-enters the primitive (and would deadlock on the lock).
    #[must_use = "drop the replaced waker after releasing the lock"]
    pub(crate) fn set_waker(&mut self, key: Key, waker: &Waker) -> Option<Waker> {
        let entry = self.entry_mut(key);
        match &entry.waker {
            Some(old) if old.will_wake(waker) => None,
            _ => entry.waker.replace(waker.clone()),
        }
    }

    /// Takes the entry's waker out.
    pub(crate) fn take_waker(&mut self, key: Key) -> Option<Waker> {
        self.entry_mut(key).waker.take()
    }

    /// The first queued entry.
    pub(crate) fn front(&self) -> Option<Key> {
        (self.head != NIL).then_some(self.head)
    }

    /// Takes the entry out of the queue; its slot stays allocated until
    /// [`remove`](Self::remove). Does nothing if it is already unlinked.
    pub(crate) fn unlink(&mut self, key: Key) {
        let (prev, next) = {
            let entry = self.entry_mut(key);
            if !entry.linked {
                return;
            }
            entry.linked = false;
            let links = (entry.prev, entry.next);
            entry.prev = NIL;
            entry.next = NIL;
            links
        };
        if prev == NIL {
            self.head = next;
        } else {
            self.entry_mut(prev).next = next;
        }
        if next == NIL {
            self.tail = prev;
        } else {
            self.entry_mut(next).prev = prev;
        }
        self.linked -= 1;
    }

    /// Unlinks and returns the first queued entry.
    pub(crate) fn pop_front(&mut self) -> Option<Key> {
        let key = self.front()?;
        self.unlink(key);
        Some(key)
    }

    /// Unlinks and returns the last queued entry.
    pub(crate) fn pop_back(&mut self) -> Option<Key> {
        if self.tail == NIL {
            return None;
        }
        let key = self.tail;
        self.unlink(key);
        Some(key)
    }

    /// Unlinks (if needed) and frees the entry, returning its data and its
    /// waker. As with [`set_waker`](Self::set_waker), the caller drops the
    /// waker after releasing its lock.
    #[must_use = "drop the waker after releasing the lock"]
    pub(crate) fn remove(&mut self, key: Key) -> (T, Option<Waker>) {
        self.unlink(key);
        let entry = self.slots[key].take().expect("wait list key is stale");
        if key + 1 == self.slots.len() {
            self.slots.pop();
        } else {
            self.free.push(key);
        }
        (entry.data, entry.waker)
    }
}

impl<T> Default for WaitList<T> {
    fn default() -> Self {
        Self::new()
    }
}

/// A batch of wakers collected under a lock and woken after it is released,
/// so that a woken task never contends on the lock its waker came from.
#[derive(Debug, Default)]
pub(crate) struct WakeList {
    wakers: Vec<Waker>,
}

impl WakeList {
    pub(crate) const fn new() -> Self {
        WakeList { wakers: Vec::new() }
    }

    pub(crate) fn push(&mut self, waker: Option<Waker>) {
        if let Some(waker) = waker {
            self.wakers.push(waker);
        }
    }

    pub(crate) fn wake_all(self) {
        for waker in self.wakers {
            waker.wake();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drain(list: &mut WaitList<u32>) -> Vec<u32> {
        let mut out = Vec::new();
        while let Some(key) = list.pop_front() {
            out.push(list.remove(key).0);
        }
        out
    }

    #[test]
    fn fifo_order() {
        let mut list = WaitList::new();
        for i in 0..5 {
            list.push_back(i, None);
        }
        assert_eq!(list.len(), 5);
        assert_eq!(drain(&mut list), vec![0, 1, 2, 3, 4]);
        assert!(list.is_empty());
    }

    #[test]
    fn unlink_middle_head_tail() {
        let mut list = WaitList::new();
        let keys: Vec<_> = (0..5).map(|i| list.push_back(i, None)).collect();
        assert_eq!(list.remove(keys[2]).0, 2);
        assert_eq!(list.remove(keys[0]).0, 0);
        assert_eq!(list.remove(keys[4]).0, 4);
        assert_eq!(list.len(), 2);
        assert_eq!(drain(&mut list), vec![1, 3]);
    }

    #[test]
    fn unlinked_entry_keeps_its_slot() {
        let mut list = WaitList::new();
        let a = list.push_back(1, None);
        let b = list.push_back(2, None);
        assert_eq!(list.pop_front(), Some(a));
        assert!(!list.is_linked(a));
        assert!(list.is_linked(b));
        *list.get_mut(a) = 10;
        // A new entry must not reuse `a`'s slot while it is allocated.
        let c = list.push_back(3, None);
        assert_ne!(c, a);
        assert_eq!(*list.get(a), 10);
        // Unlinking twice is a no-op.
        list.unlink(a);
        assert_eq!(list.len(), 2);
        assert_eq!(list.remove(a).0, 10);
        assert_eq!(drain(&mut list), vec![2, 3]);
    }

    #[test]
    fn slots_are_reused() {
        let mut list = WaitList::new();
        let a = list.push_back(1, None);
        let _b = list.push_back(2, None);
        let _ = list.remove(a);
        let c = list.push_back(3, None);
        assert_eq!(c, a);
        assert_eq!(drain(&mut list), vec![2, 3]);
    }

    #[test]
    fn pop_back_takes_newest() {
        let mut list = WaitList::new();
        for i in 0..3 {
            list.push_back(i, None);
        }
        let k = list.pop_back().unwrap();
        assert_eq!(list.remove(k).0, 2);
        assert_eq!(drain(&mut list), vec![0, 1]);
        assert_eq!(list.pop_back(), None);
    }

    #[test]
    fn waker_is_replaced_only_when_different() {
        let mut list = WaitList::new();
        let k = list.push_back(0u32, None);
        struct W;
        impl std::task::Wake for W {
            fn wake(self: std::sync::Arc<Self>) {}
        }
        let waker = Waker::from(std::sync::Arc::new(W));
        // Nothing to replace the first time.
        assert!(list.set_waker(k, &waker).is_none());
        // The same task's waker is kept, not replaced.
        assert!(list.set_waker(k, &waker.clone()).is_none());
        assert!(list.take_waker(k).is_some());
        assert!(list.take_waker(k).is_none());
    }

    #[test]
    fn replaced_and_removed_wakers_are_handed_to_the_caller() {
        use std::sync::Arc;
        use std::task::Wake;
        struct W;
        impl Wake for W {
            fn wake(self: Arc<Self>) {}
        }
        let (a, b) = (Arc::new(W), Arc::new(W));
        let mut list = WaitList::new();
        let k = list.push_back(0u32, Some(Waker::from(a.clone())));
        let replaced = list.set_waker(k, &Waker::from(b.clone()));
        // The list no longer holds `a`'s waker; the caller does.
        assert_eq!(Arc::strong_count(&a), 2);
        drop(replaced);
        assert_eq!(Arc::strong_count(&a), 1);
        let (data, waker) = list.remove(k);
        assert_eq!(data, 0);
        assert_eq!(Arc::strong_count(&b), 2);
        drop(waker);
        assert_eq!(Arc::strong_count(&b), 1);
    }
}
