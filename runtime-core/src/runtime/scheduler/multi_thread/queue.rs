//! The local run queue: a fixed-capacity ring that one worker pushes to and
//! pops from, and that every other worker may steal half of.
//!
//! # Layout
//!
//! `CAPACITY` slots (256; 4 under loom so that models reach "full" quickly),
//! indexed by ever-increasing `u32` positions taken modulo the capacity. Two
//! words describe which positions hold items:
//!
//! * `tail: AtomicU32`: the position the owner writes next. Only the owner
//!   stores it.
//! * `head: AtomicU64`: two `u32` halves, `(steal, real)`.
//!   - `real` is the first position nobody has claimed yet: the items at
//!     `real .. tail` are in the queue, and whoever moves `real` forward with
//!     a CAS owns the items it skipped.
//!   - `steal` trails `real` while a stealer is copying the items at
//!     `steal .. real` out of their slots. Those slots are no longer in the
//!     queue, but the owner must not overwrite them yet. With no steal in
//!     progress, `steal == real`.
//!
//! Keeping both halves in one word is what makes a steal a single CAS: the
//! stealer checks that no other steal is running (`steal == real`) and moves
//! `real` forward by half the queue, leaving `steal` behind, all at once.
//!
//! # The protocol
//!
//! * **push** (owner): the slot at `tail` is free when `tail - steal <
//!   CAPACITY`. Write the item, then publish it with a `Release` store of
//!   `tail + 1`.
//! * **overflow** (owner, queue full, no steal running): claim the first
//!   `CAPACITY / 2` items by moving both halves of `head` forward with one
//!   CAS, then hand them and the new item to the global queue as one batch
//!   (one lock). If a steal *is* running, only the new item goes to the
//!   global queue: the stealer is about to free half the ring anyway.
//! * **pop** (owner): CAS `real` one forward (and `steal` with it when they
//!   were equal), then read the item. The owner takes from the head, so the
//!   local queue is FIFO; the worker's LIFO slot sits in front of it.
//! * **steal** (any other worker, into its own queue): when `steal == real`,
//!   read `tail` (`Acquire`, pairing with the owner's publishing store), and
//!   CAS `real` forward by half the items (rounded up), leaving `steal` where
//!   it was. Copy the claimed items into the stealer's own ring, then CAS
//!   `steal` up to whatever `real` is by now (`AcqRel`: the owner's next
//!   `Acquire` load of `head` orders our reads of the slots before its
//!   overwrites). Publish the copies in the stealer's ring with one store of
//!   its `tail`. One stolen item is returned to be run at once.
//!
//! While a steal is running the owner keeps pushing (up to the `steal`
//! bound) and popping (moving `real` only), and other stealers back off: at
//! most one steal per queue is in flight, which keeps the copy loop free of
//! any coordination.
//!
//! Positions wrap around `u32::MAX`; every difference is a `wrapping_sub`,
//! which stays correct because no two live positions are more than
//! `CAPACITY` apart.
//!
//! The design follows the ring buffers of Go's scheduler and tokio's
//! `queue.rs`: a single-word head with a steal marker, half-stealing, and
//! overflow into a global queue in batches.

use std::fmt;
use std::marker::PhantomData;
use std::mem::MaybeUninit;
use std::ptr;

use crate::loom::cell::UnsafeCell;
use crate::loom::sync::Arc;
use crate::loom::sync::atomic::Ordering::{AcqRel, Acquire, Relaxed, Release};
use crate::loom::sync::atomic::{AtomicU32, AtomicU64};

/// The number of slots in a local queue.
#[cfg(not(runtime_loom))]
pub(crate) const CAPACITY: usize = 256;
/// The number of slots in a local queue (shrunk under loom so that models
/// reach the full and overflow paths in a few steps).
#[cfg(runtime_loom)]
pub(crate) const CAPACITY: usize = 4;

const MASK: usize = CAPACITY - 1;

const _: () = assert!(CAPACITY.is_power_of_two() && CAPACITY >= 2);
const _: () = assert!(CAPACITY <= u32::MAX as usize / 2);

/// Where items go when a local queue is full: the global (injection) queue.
pub(crate) trait Overflow<T> {
    /// Accepts one item.
    fn push(&self, item: T);

    /// Accepts many items at once, in order.
    fn push_batch<I>(&self, items: I)
    where
        I: Iterator<Item = T>;
}

/// The owner's half of a local queue: push and pop. Not `Clone`, and every
/// method that may write a slot takes `&mut self`, so there is exactly one
/// producer.
pub(crate) struct Local<T: 'static> {
    inner: Arc<Inner<T>>,
}

/// The stealers' half of a local queue: shared by every other worker.
pub(crate) struct Steal<T: 'static>(Arc<Inner<T>>);

/// The ring shared by [`Local`] and [`Steal`].
///
/// Invariants:
/// * `tail - steal <= CAPACITY` (wrapping), so the owner never writes a slot
///   a stealer may still be reading.
/// * The slots at positions `real .. tail` hold initialised items owned by
///   the queue; the slots at `steal .. real` hold initialised items owned by
///   the one stealer in flight (or the owner during an overflow); all other
///   slots are logically uninitialised.
/// * Only the [`Local`] handle stores `tail` or writes slots of this ring.
struct Inner<T: 'static> {
    /// `(steal, real)`, packed by [`pack`].
    head: AtomicU64,
    /// The next position the owner writes.
    tail: AtomicU32,
    buffer: Box<[UnsafeCell<MaybeUninit<T>>]>,
    /// The queue owns `T`s for drop-check purposes.
    _owns: PhantomData<T>,
}

// SAFETY: items are moved between threads through the ring (a steal reads on
// another thread what the owner wrote), which is sound for `T: Send`. Shared
// access (`&Inner`) never hands out `&T`, only moves items out under the
// claim protocol above, so `T: Sync` is not needed.
unsafe impl<T: Send> Send for Inner<T> {}
// SAFETY: see the `Send` impl; all shared mutation goes through atomics and
// the claim protocol, and slots are only read by the holder of their claim.
unsafe impl<T: Send> Sync for Inner<T> {}

/// Creates a new, empty local queue: the owner's handle and the stealers'.
pub(crate) fn local<T: 'static>() -> (Steal<T>, Local<T>) {
    let buffer = (0..CAPACITY)
        .map(|_| UnsafeCell::new(MaybeUninit::uninit()))
        .collect::<Vec<_>>()
        .into_boxed_slice();
    let inner = Arc::new(Inner {
        head: AtomicU64::new(0),
        tail: AtomicU32::new(0),
        buffer,
        _owns: PhantomData,
    });
    (Steal(inner.clone()), Local { inner })
}

/// Packs the two halves of `head`.
fn pack(steal: u32, real: u32) -> u64 {
    (u64::from(steal) << 32) | u64::from(real)
}

/// Splits `head` into `(steal, real)`.
fn unpack(head: u64) -> (u32, u32) {
    ((head >> 32) as u32, head as u32)
}

impl<T: 'static> Inner<T> {
    /// The number of items in the queue (not counting items being stolen).
    fn len(&self) -> usize {
        let (_, real) = unpack(self.head.load(Acquire));
        let tail = self.tail.load(Acquire);
        tail.wrapping_sub(real) as usize
    }

    /// Moves the item out of the slot at `position`.
    ///
    /// # Safety
    ///
    /// The caller owns the item at `position` under the claim protocol (it
    /// moved `real` past it, and has not yet released `steal` past it), and
    /// the slot is initialised.
    unsafe fn read(&self, position: u32) -> T {
        let slot = &self.buffer[position as usize & MASK];
        // SAFETY: the caller holds the claim on this initialised slot, so no
        // other thread reads or writes it until the claim is released.
        slot.with(|ptr| unsafe { ptr::read(ptr).assume_init() })
    }

    /// Writes `item` into the slot at `position`.
    ///
    /// # Safety
    ///
    /// Only the owner may call this, for a position with `position - steal <
    /// CAPACITY` where `steal` was loaded with `Acquire`, so that the slot is
    /// free and every earlier read of it happened before.
    unsafe fn write(&self, position: u32, item: T) {
        let slot = &self.buffer[position as usize & MASK];
        // SAFETY: the slot is free (caller contract): nobody reads it until
        // the owner publishes it with a `Release` store of `tail`.
        slot.with_mut(|ptr| unsafe { ptr::write(ptr, MaybeUninit::new(item)) });
    }
}

impl<T: 'static> Local<T> {
    /// The number of items in the queue.
    pub(crate) fn len(&self) -> usize {
        self.inner.len()
    }

    /// Whether the queue holds no items.
    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many more items can be pushed before the queue is full. Stealers
    /// only ever make this grow.
    pub(crate) fn remaining_slots(&self) -> usize {
        let (steal, _) = unpack(self.inner.head.load(Acquire));
        let tail = self.inner.tail.load(Relaxed);
        CAPACITY - tail.wrapping_sub(steal) as usize
    }

    /// Whether [`Local::push_back_or_overflow`] would move items to the
    /// global queue right now.
    #[cfg(all(test, not(runtime_loom)))]
    pub(crate) fn is_full(&self) -> bool {
        self.remaining_slots() == 0
    }

    /// Pushes `items` to the back of the queue.
    ///
    /// # Panics
    ///
    /// Panics if the queue has fewer than `items.len()` free slots: callers
    /// check [`Local::remaining_slots`] first.
    pub(crate) fn push_back_batch<I>(&mut self, items: I)
    where
        I: ExactSizeIterator<Item = T>,
    {
        let count = items.len();
        assert!(
            count <= self.remaining_slots(),
            "local queue has no room for a batch of {count}"
        );
        let mut tail = self.inner.tail.load(Relaxed);
        for item in items.take(count) {
            // SAFETY: we are the owner, and `remaining_slots` (an `Acquire`
            // load of `steal`) showed room for all `count` items.
            unsafe { self.inner.write(tail, item) };
            tail = tail.wrapping_add(1);
        }
        self.inner.tail.store(tail, Release);
    }

    /// Pushes `item` to the back of the queue. When the queue is full, moves
    /// half of it plus `item` to `overflow` in one batch instead (or only
    /// `item`, while a stealer is busy freeing slots).
    ///
    /// Returns `true` when it had to overflow.
    pub(crate) fn push_back_or_overflow<O>(&mut self, mut item: T, overflow: &O) -> bool
    where
        O: Overflow<T> + ?Sized,
    {
        let tail = loop {
            let head = self.inner.head.load(Acquire);
            let (steal, real) = unpack(head);
            let tail = self.inner.tail.load(Relaxed);
            if tail.wrapping_sub(steal) < CAPACITY as u32 {
                break tail;
            }
            if steal != real {
                // A stealer is copying half the queue out and will free the
                // slots shortly; rather than wait for it, send this one item
                // to the global queue.
                overflow.push(item);
                return true;
            }
            match self.overflow_half(head, item, overflow) {
                Ok(()) => return true,
                // A stealer got in first and made room; retry the push.
                Err(back) => item = back,
            }
        };
        // SAFETY: we are the owner, and `tail - steal < CAPACITY` with
        // `steal` loaded with `Acquire` above.
        unsafe { self.inner.write(tail, item) };
        self.inner.tail.store(tail.wrapping_add(1), Release);
        false
    }

    /// Claims the first half of a full queue and moves it, followed by
    /// `item`, to `overflow`. Gives `item` back if a stealer changed `head`
    /// first.
    fn overflow_half<O>(&mut self, head: u64, item: T, overflow: &O) -> Result<(), T>
    where
        O: Overflow<T> + ?Sized,
    {
        const HALF: u32 = (CAPACITY / 2) as u32;
        let (steal, real) = unpack(head);
        debug_assert_eq!(steal, real);
        debug_assert_eq!(
            self.inner.tail.load(Relaxed).wrapping_sub(real),
            CAPACITY as u32
        );
        let claimed = real.wrapping_add(HALF);
        if self
            .inner
            .head
            .compare_exchange(head, pack(claimed, claimed), AcqRel, Acquire)
            .is_err()
        {
            return Err(item);
        }
        // The items at `real .. claimed` are ours now: `head` moved past
        // them, and neither `steal` nor `real` points into them, so no
        // stealer can be reading them; the owner (us) will not overwrite
        // them before `tail` catches up, which needs pushes we are not
        // making.
        let batch = Drain {
            inner: &self.inner,
            next: real,
            end: claimed,
        };
        overflow.push_batch(batch.chain(std::iter::once(item)));
        Ok(())
    }

    /// Takes the item at the front of the queue.
    pub(crate) fn pop(&mut self) -> Option<T> {
        let mut head = self.inner.head.load(Acquire);
        let position = loop {
            let (steal, real) = unpack(head);
            let tail = self.inner.tail.load(Relaxed);
            if real == tail {
                return None;
            }
            let next_real = real.wrapping_add(1);
            // With no steal in flight, `steal` follows `real`; otherwise it
            // stays with the stealer, which moves it when done copying.
            let next = if steal == real {
                pack(next_real, next_real)
            } else {
                pack(steal, next_real)
            };
            match self
                .inner
                .head
                .compare_exchange(head, next, AcqRel, Acquire)
            {
                Ok(_) => break real,
                Err(actual) => head = actual,
            }
        };
        // SAFETY: our CAS moved `real` past `position`, which was below
        // `tail`: the item is initialised and ours.
        Some(unsafe { self.inner.read(position) })
    }
}

impl<T: 'static> Steal<T> {
    /// Whether the queue holds no items (a racy snapshot).
    pub(crate) fn is_empty(&self) -> bool {
        self.0.len() == 0
    }

    /// The number of items in the queue (a racy snapshot).
    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    /// Steals half the items (rounded up) of this queue into `dst`, the
    /// calling worker's own queue, and returns one of them to run right away
    /// together with how many items were stolen in total (including the
    /// returned one).
    ///
    /// Returns `None` when there is nothing to steal, when another steal from
    /// this queue is in flight, or when `dst` is more than half full.
    pub(crate) fn steal_into(&self, dst: &mut Local<T>) -> Option<(T, usize)> {
        debug_assert!(
            !Arc::ptr_eq(&self.0, &dst.inner),
            "a worker cannot steal from itself"
        );
        // Half of a queue is at most `CAPACITY / 2` items; make sure they fit.
        if dst.remaining_slots() < CAPACITY / 2 {
            return None;
        }

        let (start, count) = self.claim_half()?;

        let dst_tail = dst.inner.tail.load(Relaxed);
        let mut last = None;
        for i in 0..count {
            // SAFETY: `claim_half` moved `real` past `start .. start + count`
            // and left `steal` at `start`: we own these initialised items
            // until `release_claim`.
            let item = unsafe { self.0.read(start.wrapping_add(i)) };
            if i + 1 == count {
                last = Some(item);
            } else {
                // SAFETY: we own `dst` (`&mut Local`), and checked above that
                // it has at least `CAPACITY / 2 >= count - 1` free slots, with
                // an `Acquire` load of its `steal`.
                unsafe { dst.inner.write(dst_tail.wrapping_add(i), item) };
            }
        }
        self.release_claim();
        if count > 1 {
            dst.inner
                .tail
                .store(dst_tail.wrapping_add(count - 1), Release);
        }
        last.map(|item| (item, count as usize))
    }

    /// Moves `real` forward by half the items, leaving `steal` behind.
    /// Returns the first claimed position and how many were claimed.
    fn claim_half(&self) -> Option<(u32, u32)> {
        let mut head = self.0.head.load(Acquire);
        loop {
            let (steal, real) = unpack(head);
            if steal != real {
                // Another stealer is in flight.
                return None;
            }
            // `Acquire` pairs with the owner's `Release` store of `tail`: the
            // slots below it are initialised and visible to us.
            let tail = self.0.tail.load(Acquire);
            let available = tail.wrapping_sub(real);
            // A stale `head` with a newer `tail` can make `available` look
            // larger than the ring; the CAS below then fails and we retry.
            let count = available - available / 2;
            if count == 0 {
                return None;
            }
            let next = pack(steal, real.wrapping_add(count));
            match self.0.head.compare_exchange(head, next, AcqRel, Acquire) {
                Ok(_) => return Some((real, count)),
                Err(actual) => head = actual,
            }
        }
    }

    /// Ends the steal in flight: moves `steal` up to `real`, handing the
    /// copied-out slots back to the owner.
    fn release_claim(&self) {
        let mut head = self.0.head.load(Acquire);
        loop {
            let (steal, real) = unpack(head);
            debug_assert_ne!(steal, real, "no steal in flight");
            // `AcqRel`: our reads of the claimed slots happen before the
            // owner's next `Acquire` load of `head` that lets it reuse them.
            match self
                .0
                .head
                .compare_exchange(head, pack(real, real), AcqRel, Acquire)
            {
                Ok(_) => return,
                Err(actual) => head = actual,
            }
        }
    }
}

impl<T: 'static> Clone for Steal<T> {
    fn clone(&self) -> Self {
        Steal(self.0.clone())
    }
}

impl<T: 'static> Drop for Local<T> {
    fn drop(&mut self) {
        // Workers drain their queue at shutdown; an item left here is a task
        // nobody will ever shut down. (The ring still drops it, below.)
        if !std::thread::panicking() {
            debug_assert!(self.is_empty(), "local run queue dropped while not empty");
        }
    }
}

impl<T: 'static> Drop for Inner<T> {
    fn drop(&mut self) {
        // No handle is left, so no steal is in flight (`steal == real`) and
        // the items at `real .. tail` are the queue's to drop.
        let (_, real) = unpack(self.head.load(Acquire));
        let tail = self.tail.load(Acquire);
        drop(Drain {
            inner: self,
            next: real,
            end: tail,
        });
    }
}

/// Moves the items at positions `next .. end` out of a ring; drops whatever
/// is left when dropped itself.
///
/// Invariant: the creator owns the items at `next .. end` (it claimed them),
/// and they are initialised.
struct Drain<'a, T: 'static> {
    inner: &'a Inner<T>,
    next: u32,
    end: u32,
}

impl<T: 'static> Iterator for Drain<'_, T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        if self.next == self.end {
            return None;
        }
        let position = self.next;
        self.next = position.wrapping_add(1);
        // SAFETY: the struct invariant: we own the initialised item at every
        // position in `next .. end`, and each is read once (we advanced
        // `next` past it).
        Some(unsafe { self.inner.read(position) })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.end.wrapping_sub(self.next) as usize;
        (n, Some(n))
    }
}

impl<T: 'static> Drop for Drain<'_, T> {
    fn drop(&mut self) {
        for item in self.by_ref() {
            drop(item);
        }
    }
}

impl<T: 'static> fmt::Debug for Local<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Local").field("len", &self.len()).finish()
    }
}

impl<T: 'static> fmt::Debug for Steal<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Steal").field("len", &self.len()).finish()
    }
}
