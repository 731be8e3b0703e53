//! An intrusive, doubly linked FIFO of timer entries: one per wheel slot,
//! plus the wheel's list of entries due now.
//!
//! The links live inside the entries ([`Links`](crate::driver::entry::Links)),
//! so pushing and removing allocate nothing and removal from the middle is
//! O(1). The list itself is two pointers.

use std::ptr::NonNull;

use crate::driver::entry::{Location, TimerShared, UNLINKED};

#[derive(Debug, Default)]
pub(crate) struct List {
    head: Option<NonNull<TimerShared>>,
    tail: Option<NonNull<TimerShared>>,
}

impl List {
    pub(crate) const fn new() -> Self {
        List {
            head: None,
            tail: None,
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.head.is_none()
    }

    /// Appends `node`, recording `location` in it.
    ///
    /// # Safety
    ///
    /// `node` points to a live entry that is not linked anywhere, and stays
    /// live until it is unlinked; the caller holds the wheel lock (which
    /// guards every node of this list).
    pub(crate) unsafe fn push_back(&mut self, node: NonNull<TimerShared>, location: Location) {
        let prev_tail = self.tail;
        // SAFETY: the caller guarantees `node` is live and the lock is held.
        unsafe {
            node.as_ref().with_links(|links| {
                debug_assert_eq!(links.location, UNLINKED);
                links.prev = prev_tail;
                links.next = None;
                links.location = location;
            });
        }
        match prev_tail {
            // SAFETY: the tail is a live linked node (list invariant), and it
            // is a different node from `node`, which was unlinked.
            Some(tail) => unsafe { tail.as_ref().with_links(|links| links.next = Some(node)) },
            None => self.head = Some(node),
        }
        self.tail = Some(node);
    }

    /// Removes and returns the first node, marking it unlinked.
    ///
    /// # Safety
    ///
    /// The caller holds the wheel lock.
    pub(crate) unsafe fn pop_front(&mut self) -> Option<NonNull<TimerShared>> {
        let head = self.head?;
        // SAFETY: nodes in the list are live (list invariant) and the lock is
        // held.
        unsafe { self.remove(head) };
        Some(head)
    }

    /// Unlinks `node` from this list.
    ///
    /// # Safety
    ///
    /// `node` is linked into this very list and the caller holds the wheel
    /// lock.
    pub(crate) unsafe fn remove(&mut self, node: NonNull<TimerShared>) {
        // SAFETY: `node` is a live member of this list; the lock is held.
        let (prev, next) = unsafe {
            node.as_ref().with_links(|links| {
                let pair = (links.prev.take(), links.next.take());
                links.location = UNLINKED;
                pair
            })
        };
        match prev {
            // SAFETY: neighbours of a linked node are live linked nodes.
            Some(prev) => unsafe { prev.as_ref().with_links(|links| links.next = next) },
            None => {
                debug_assert_eq!(self.head, Some(node));
                self.head = next;
            }
        }
        match next {
            // SAFETY: as above.
            Some(next) => unsafe { next.as_ref().with_links(|links| links.prev = prev) },
            None => {
                debug_assert_eq!(self.tail, Some(node));
                self.tail = prev;
            }
        }
    }

    /// Moves every node out into a new list, leaving this one empty. The
    /// nodes keep their recorded location until they are popped.
    pub(crate) fn take(&mut self) -> List {
        std::mem::take(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Never resized once built: the nodes stay put.
    fn nodes(n: usize) -> Vec<TimerShared> {
        (0..n).map(|_| TimerShared::new()).collect()
    }

    fn ptr(node: &TimerShared) -> NonNull<TimerShared> {
        NonNull::from(node)
    }

    #[test]
    fn fifo_order_and_middle_removal() {
        let n = nodes(4);
        let mut list = List::new();
        // SAFETY: the boxes outlive the list's use of them; single-threaded
        // test, so "holding the lock" is trivially true.
        unsafe {
            for node in &n {
                list.push_back(ptr(node), 7);
            }
            list.remove(ptr(&n[1]));
            list.remove(ptr(&n[3]));
            assert_eq!(n[1].with_links(|l| l.location), UNLINKED);
            assert_eq!(list.pop_front(), Some(ptr(&n[0])));
            list.push_back(ptr(&n[3]), 7);
            assert_eq!(list.pop_front(), Some(ptr(&n[2])));
            assert_eq!(list.pop_front(), Some(ptr(&n[3])));
            assert_eq!(list.pop_front(), None);
        }
        assert!(list.is_empty());
    }

    #[test]
    fn take_moves_everything() {
        let n = nodes(3);
        let mut list = List::new();
        // SAFETY: as above.
        unsafe {
            for node in &n {
                list.push_back(ptr(node), 1);
            }
            let mut taken = list.take();
            assert!(list.is_empty());
            let mut order = Vec::new();
            while let Some(node) = taken.pop_front() {
                order.push(node);
            }
            assert_eq!(order, n.iter().map(ptr).collect::<Vec<_>>());
        }
    }
}
