//! A queue of values that each become available at a deadline.
//!
//! The design: values live in a slab (a `Vec` of slots with a free list), so
//! that a [`Key`] is a plain index that stays valid until its value leaves
//! the queue. Deadlines live in a binary min-heap of `(deadline, sequence,
//! index)` entries. Removing or resetting a value does not search the heap:
//! the slot's sequence number changes, which turns the old heap entry stale,
//! and stale entries are dropped whenever they reach the top. So the top of
//! the heap is always the next live value to expire, which makes
//! [`DelayQueue::peek`] O(1), and insert, remove and reset O(log n). The
//! heap is rebuilt when stale entries outnumber live ones, so repeated
//! resets cannot grow it without bound.
//!
//! [`DelayQueue::compact`] moves the values to the front of the slab so that
//! its memory can be given back. Keys handed out before must keep working,
//! so from the first compaction on, a map translates each key to its slot
//! (and a new value whose slot index is some live value's key gets a fresh
//! key instead). Each occupied slot records its key, for [`Expired::key`]
//! and [`DelayQueue::peek`].
//!
//! One [`Sleep`] (from runtime-time) waits for the earliest deadline; it is
//! created at the first poll and reset whenever the earliest deadline
//! changes. Values with equal deadlines come out in the order they were
//! inserted (or last reset).

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use futures_core::Stream;
use runtime_core::task::coop::poll_proceed;
use runtime_time::{Instant, Sleep, sleep_until};

/// No next free slot.
const NONE: usize = usize::MAX;

/// The farthest a deadline may lie from now: 2^36 - 1 ms (about 2.2
/// years), the range of tokio-util's timer wheel, kept so that code ported
/// from it fails the same way.
const MAX_DELAY: Duration = Duration::from_millis((1 << 36) - 1);

/// The most values a queue holds (and the largest capacity it reserves):
/// tokio-util's limit.
const MAX_ENTRIES: usize = (1 << 30) - 1;

/// Panics, at the caller, when `when` is more than [`MAX_DELAY`] from now.
#[track_caller]
fn check_deadline(when: Instant) {
    if let Some(latest) = Instant::now().checked_add(MAX_DELAY) {
        assert!(
            when <= latest,
            "invalid deadline: more than 2^36 - 1 ms (about 2.2 years) from now"
        );
    }
}

/// `timeout` from now, checked as [`check_deadline`] does.
#[track_caller]
fn deadline_after(timeout: Duration) -> Instant {
    assert!(
        timeout <= MAX_DELAY,
        "invalid deadline: more than 2^36 - 1 ms (about 2.2 years) from now"
    );
    Instant::now() + timeout
}

/// The handle of a value in a [`DelayQueue`], returned by
/// [`insert`](DelayQueue::insert) and used to [`remove`](DelayQueue::remove)
/// or [`reset`](DelayQueue::reset) it.
///
/// A key is valid from its insertion until its value is removed or expires;
/// after that the queue may hand the same key out for a new value. Keys are
/// opaque: only the queue makes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    index: usize,
}

/// A value whose deadline passed, as yielded by
/// [`DelayQueue::poll_expired`], with the deadline it had and the key it
/// was stored under.
#[derive(Debug)]
pub struct Expired<T> {
    data: T,
    deadline: Instant,
    key: Key,
}

impl<T> Expired<T> {
    /// A reference to the value.
    pub fn get_ref(&self) -> &T {
        &self.data
    }

    /// A mutable reference to the value.
    pub fn get_mut(&mut self) -> &mut T {
        &mut self.data
    }

    /// Takes the value out.
    pub fn into_inner(self) -> T {
        self.data
    }

    /// The deadline the value had.
    pub fn deadline(&self) -> Instant {
        self.deadline
    }

    /// The key the value was stored under. It is no longer valid in the
    /// queue: the queue may already have given it to another value.
    pub fn key(&self) -> Key {
        self.key
    }
}

/// One slab slot.
enum Slot<T> {
    Occupied {
        value: T,
        deadline: Instant,
        /// Matches the sequence of this value's live heap entry.
        seq: u64,
        /// The key handed out for this value: the slot index, unless a
        /// compaction moved the value or gave it a fresh key.
        key: usize,
    },
    Vacant {
        next_free: usize,
    },
}

/// A queue that yields each value once its deadline has passed, earliest
/// deadline first.
///
/// Values go in with [`insert`](DelayQueue::insert) (a timeout from now) or
/// [`insert_at`](DelayQueue::insert_at) (an [`Instant`]), which return a
/// [`Key`]; the key lets you [`remove`](DelayQueue::remove) the value early
/// or move its deadline with [`reset`](DelayQueue::reset). Expired values
/// come out of [`poll_expired`](DelayQueue::poll_expired), or of the queue
/// used as a [`Stream`], which ends (yields `None`) whenever the queue is
/// empty; inserting afterwards wakes the task that saw the end, so the
/// stream can be polled again.
///
/// The queue needs the time driver of a runtime when it is polled, not
/// when it is created or filled.
///
/// # Examples
///
/// ```
/// use std::time::Duration;
/// use futures::StreamExt;
/// use runtime_util::time::DelayQueue;
///
/// # let rt = runtime_core::runtime::Builder::new_current_thread()
/// #     .driver_layer(runtime_time::driver::layer())
/// #     .start_paused(true)
/// #     .build()
/// #     .unwrap();
/// # rt.block_on(async {
/// let mut queue = DelayQueue::new();
/// queue.insert("later", Duration::from_secs(2));
/// let key = queue.insert("never", Duration::from_secs(3));
/// queue.insert("sooner", Duration::from_secs(1));
/// queue.remove(&key);
///
/// let mut order = Vec::new();
/// while let Some(expired) = queue.next().await {
///     order.push(expired.into_inner());
/// }
/// assert_eq!(order, ["sooner", "later"]);
/// # });
/// ```
pub struct DelayQueue<T> {
    slots: Vec<Slot<T>>,
    /// Head of the free list threaded through vacant slots, or `NONE`.
    free_head: usize,
    /// Number of occupied slots.
    len: usize,
    /// `(deadline, seq, index)`, earliest first; the top is always live.
    heap: BinaryHeap<Reverse<(Instant, u64, usize)>>,
    next_seq: u64,
    /// Waits for the deadline at the top of the heap.
    sleep: Option<Pin<Box<Sleep>>>,
    /// The task that last polled, to wake when an earlier deadline arrives.
    waker: Option<Waker>,
    /// Key to slot index, for every value in the queue, once `compact` has
    /// run (`None` before: keys are slot indexes).
    key_map: Option<HashMap<usize, usize>>,
    /// Where the search for a fresh key starts.
    next_key: usize,
}

impl<T> DelayQueue<T> {
    /// Creates an empty queue that has not allocated.
    pub fn new() -> DelayQueue<T> {
        DelayQueue::with_capacity(0)
    }

    /// Creates an empty queue with room for `capacity` values before it
    /// reallocates.
    pub fn with_capacity(capacity: usize) -> DelayQueue<T> {
        DelayQueue {
            slots: Vec::with_capacity(capacity),
            free_head: NONE,
            len: 0,
            heap: BinaryHeap::with_capacity(capacity),
            next_seq: 0,
            sleep: None,
            waker: None,
            key_map: None,
            next_key: 0,
        }
    }

    /// Inserts `value`, to expire at `when`, and returns its key.
    ///
    /// A deadline in the past expires at the next poll.
    ///
    /// # Panics
    ///
    /// If `when` is more than 2^36 - 1 ms (about 2.2 years) from now, or
    /// the queue already holds 2^30 - 1 values.
    #[track_caller]
    pub fn insert_at(&mut self, value: T, when: Instant) -> Key {
        check_deadline(when);
        self.insert_checked(value, when)
    }

    /// `insert_at` for a deadline already checked against the range.
    #[track_caller]
    fn insert_checked(&mut self, value: T, when: Instant) -> Key {
        assert!(self.len < MAX_ENTRIES, "max entries exceeded");
        let seq = self.bump_seq();
        let index = if self.free_head == NONE {
            self.slots.len()
        } else {
            self.free_head
        };
        let key = self.assign_key(index);
        let slot = Slot::Occupied {
            value,
            deadline: when,
            seq,
            key,
        };
        if index == self.slots.len() {
            self.slots.push(slot);
        } else {
            match std::mem::replace(&mut self.slots[index], slot) {
                Slot::Vacant { next_free } => self.free_head = next_free,
                Slot::Occupied { .. } => unreachable!("the free list holds only vacant slots"),
            }
        }
        self.len += 1;
        self.push_deadline(when, seq, index);
        Key { index: key }
    }

    /// Picks the key of a value about to be stored in slot `index`.
    fn assign_key(&mut self, index: usize) -> usize {
        let Some(map) = &mut self.key_map else {
            return index;
        };
        if let std::collections::hash_map::Entry::Vacant(entry) = map.entry(index) {
            entry.insert(index);
            return index;
        }
        // A value moved by `compact` still answers to `index`: hand out
        // a key no live value uses. The map holds fewer than `usize::MAX`
        // keys, so the search ends.
        while map.contains_key(&self.next_key) {
            self.next_key = self.next_key.wrapping_add(1);
        }
        let key = self.next_key;
        map.insert(key, index);
        key
    }

    /// The slot of the value under `key`, if it is in the queue.
    fn slot_of(&self, key: &Key) -> Option<usize> {
        let index = match &self.key_map {
            Some(map) => *map.get(&key.index)?,
            None => key.index,
        };
        match self.slots.get(index) {
            Some(Slot::Occupied { .. }) => Some(index),
            _ => None,
        }
    }

    /// Empties slot `index`, which must be occupied, and forgets its key.
    fn take_slot(&mut self, index: usize) -> Expired<T> {
        let vacant = Slot::Vacant {
            next_free: self.free_head,
        };
        let Slot::Occupied {
            value,
            deadline,
            key,
            ..
        } = std::mem::replace(&mut self.slots[index], vacant)
        else {
            unreachable!("take_slot is called on occupied slots");
        };
        self.free_head = index;
        self.len -= 1;
        if let Some(map) = &mut self.key_map {
            map.remove(&key);
        }
        Expired {
            data: value,
            deadline,
            key: Key { index: key },
        }
    }

    /// Inserts `value`, to expire `timeout` from now, and returns its key.
    ///
    /// # Panics
    ///
    /// If `timeout` is longer than 2^36 - 1 ms (about 2.2 years), or the
    /// queue already holds 2^30 - 1 values.
    #[track_caller]
    pub fn insert(&mut self, value: T, timeout: Duration) -> Key {
        // `deadline_after` checked the range: no second clock read.
        self.insert_checked(value, deadline_after(timeout))
    }

    /// Removes the value under `key` before it expires and returns it.
    ///
    /// # Panics
    ///
    /// Panics if `key` does not belong to a value in the queue.
    #[track_caller]
    pub fn remove(&mut self, key: &Key) -> Expired<T> {
        self.try_remove(key).expect("invalid key")
    }

    /// Removes the value under `key` and returns it, or returns `None` if
    /// `key` does not belong to a value in the queue.
    ///
    /// Removing the last value wakes the task that polled the queue, since
    /// the queue now ends (yields `None`).
    pub fn try_remove(&mut self, key: &Key) -> Option<Expired<T>> {
        let index = self.slot_of(key)?;
        let expired = self.take_slot(index);
        self.drop_stale_top();
        if self.len == 0 {
            self.wake();
        }
        Some(expired)
    }

    /// Moves the deadline of the value under `key` to `when`.
    ///
    /// If this changes the earliest deadline of the queue (earlier or
    /// later), the task that polled the queue is woken to wait for the new
    /// one.
    ///
    /// # Panics
    ///
    /// Panics if `key` does not belong to a value in the queue, or if `when`
    /// is more than 2^36 - 1 ms (about 2.2 years) from now.
    #[track_caller]
    pub fn reset_at(&mut self, key: &Key, when: Instant) {
        let Some(index) = self.slot_of(key) else {
            panic!("invalid key");
        };
        check_deadline(when);
        self.reset_slot(index, when);
    }

    /// Moves the deadline of the value in slot `index` (occupied) to `when`
    /// (checked), waking the poller if the earliest deadline changed.
    fn reset_slot(&mut self, index: usize, when: Instant) {
        let earliest_before = self.next_deadline();
        let seq = self.bump_seq();
        if let Slot::Occupied {
            deadline, seq: s, ..
        } = &mut self.slots[index]
        {
            *deadline = when;
            *s = seq;
        }
        self.push_deadline(when, seq, index);
        self.drop_stale_top();
        if self.next_deadline() != earliest_before {
            self.wake();
        }
    }

    /// Moves the deadline of the value under `key` to `timeout` from now.
    ///
    /// # Panics
    ///
    /// Panics if `key` does not belong to a value in the queue, or if
    /// `timeout` is longer than 2^36 - 1 ms (about 2.2 years).
    #[track_caller]
    pub fn reset(&mut self, key: &Key, timeout: Duration) {
        let Some(index) = self.slot_of(key) else {
            panic!("invalid key");
        };
        self.reset_slot(index, deadline_after(timeout));
    }

    /// The deadline of the value under `key`.
    ///
    /// # Panics
    ///
    /// Panics if `key` does not belong to a value in the queue.
    #[track_caller]
    pub fn deadline(&self, key: &Key) -> Instant {
        match self.slot_of(key).map(|index| &self.slots[index]) {
            Some(Slot::Occupied { deadline, .. }) => *deadline,
            _ => panic!("invalid key"),
        }
    }

    /// The key of the value that expires next, or `None` if the queue is
    /// empty.
    pub fn peek(&self) -> Option<Key> {
        let &Reverse((_, _, index)) = self.heap.peek()?;
        match &self.slots[index] {
            Slot::Occupied { key, .. } => Some(Key { index: *key }),
            Slot::Vacant { .. } => unreachable!("the top of the heap is always live"),
        }
    }

    /// The earliest deadline in the queue.
    fn next_deadline(&self) -> Option<Instant> {
        self.heap.peek().map(|Reverse((deadline, _, _))| *deadline)
    }

    /// Wakes the task that last polled the queue, if any.
    fn wake(&mut self) {
        if let Some(waker) = self.waker.take() {
            waker.wake();
        }
    }

    /// Polls for the next value whose deadline has passed.
    ///
    /// Returns `Poll::Ready(Some(expired))` for the value with the earliest
    /// passed deadline, `Poll::Pending` while values remain but none has
    /// expired (the task is woken when one does, or when an insert or reset
    /// brings a deadline forward), and `Poll::Ready(None)` when the queue is
    /// empty (the task is woken by the next insert).
    ///
    /// Every value yielded spends a unit of the task's cooperative budget:
    /// once the budget is used up this returns `Poll::Pending` (and wakes
    /// the task right away) even if more values have expired.
    ///
    /// # Panics
    ///
    /// Panics when called outside a runtime with a time driver while a
    /// value is waiting for its deadline.
    pub fn poll_expired(&mut self, cx: &mut Context<'_>) -> Poll<Option<Expired<T>>> {
        let Some(deadline) = self.next_deadline() else {
            self.register(cx);
            return Poll::Ready(None);
        };
        // Each expired value spends a unit of the task's budget, so that a
        // queue full of expired values cannot starve the other tasks.
        let coop = std::task::ready!(poll_proceed(cx));
        if deadline > Instant::now() {
            let sleep = match &mut self.sleep {
                Some(sleep) => {
                    if sleep.deadline() != deadline {
                        sleep.as_mut().reset(deadline);
                    }
                    sleep
                }
                None => self.sleep.insert(Box::pin(sleep_until(deadline))),
            };
            if sleep.as_mut().poll(cx).is_pending() {
                self.register(cx);
                return Poll::Pending;
            }
        }
        coop.made_progress();
        Poll::Ready(Some(self.pop_top()))
    }

    /// Stores the waker of the polling task, unless the one stored already
    /// wakes it.
    fn register(&mut self, cx: &Context<'_>) {
        match &mut self.waker {
            Some(waker) => waker.clone_from(cx.waker()),
            None => self.waker = Some(cx.waker().clone()),
        }
    }

    /// Removes every value (and forgets every key).
    ///
    /// If the queue held values, the task that polled it is woken, since
    /// the queue now ends (yields `None`).
    pub fn clear(&mut self) {
        let had_values = self.len != 0;
        self.slots.clear();
        self.heap.clear();
        self.free_head = NONE;
        self.len = 0;
        self.key_map = None;
        self.sleep = None;
        if had_values {
            self.wake();
        }
    }

    /// How many values the queue can hold before it reallocates.
    pub fn capacity(&self) -> usize {
        self.slots.capacity()
    }

    /// The number of values in the queue, expired or not, that have not
    /// been yielded or removed.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the queue holds no values.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Makes room for at least `additional` more values without
    /// reallocating.
    ///
    /// # Panics
    ///
    /// If the capacity would exceed 2^30 - 1 values, the most a queue holds.
    #[track_caller]
    pub fn reserve(&mut self, additional: usize) {
        assert!(
            self.slots
                .capacity()
                .checked_add(additional)
                .is_some_and(|cap| cap <= MAX_ENTRIES),
            "max queue capacity exceeded"
        );
        let free = self.slots.len() - self.len;
        self.slots.reserve(additional.saturating_sub(free));
        self.heap.reserve(additional);
        if let Some(map) = &mut self.key_map {
            map.reserve(additional);
        }
    }

    /// Shrinks the queue's storage to the number of values it holds, so
    /// that [`capacity`](DelayQueue::capacity) becomes [`len`](DelayQueue::len).
    ///
    /// Values move inside the queue, but their keys stay valid: the queue
    /// translates them from then on. Runs in O(n).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::time::Duration;
    /// use runtime_util::time::DelayQueue;
    ///
    /// let mut queue = DelayQueue::with_capacity(10);
    /// let a = queue.insert("a", Duration::from_secs(1));
    /// let b = queue.insert("b", Duration::from_secs(2));
    /// let c = queue.insert("c", Duration::from_secs(3));
    /// queue.remove(&a);
    ///
    /// queue.compact();
    /// assert_eq!(queue.capacity(), 2);
    /// assert_eq!(queue.remove(&c).into_inner(), "c");
    /// assert_eq!(queue.remove(&b).into_inner(), "b");
    /// ```
    pub fn compact(&mut self) {
        let old = std::mem::take(&mut self.slots);
        let mut slots = Vec::with_capacity(self.len);
        let mut heap = Vec::with_capacity(self.len);
        let mut map = HashMap::with_capacity(self.len);
        for slot in old {
            if let Slot::Occupied {
                deadline, seq, key, ..
            } = &slot
            {
                let index = slots.len();
                heap.push(Reverse((*deadline, *seq, index)));
                map.insert(*key, index);
                slots.push(slot);
            }
        }
        slots.shrink_to_fit();
        self.slots = slots;
        // Sequence numbers are kept, so equal deadlines keep their order.
        self.heap = BinaryHeap::from(heap);
        self.heap.shrink_to_fit();
        self.key_map = Some(map);
        self.free_head = NONE;
    }

    /// Gives back the memory the queue can free without moving values: the
    /// vacant slots at the end of its storage, and spare capacity. Unlike
    /// [`compact`](DelayQueue::compact), it usually cannot bring the
    /// capacity down to the length.
    pub fn shrink_to_fit(&mut self) {
        self.rebuild_heap();
        while let Some(Slot::Vacant { .. }) = self.slots.last() {
            self.slots.pop();
        }
        // Thread the free list again through the vacant slots that remain.
        self.free_head = NONE;
        for index in (0..self.slots.len()).rev() {
            if let Slot::Vacant { next_free } = &mut self.slots[index] {
                *next_free = self.free_head;
                self.free_head = index;
            }
        }
        self.slots.shrink_to_fit();
        self.heap.shrink_to_fit();
        if let Some(map) = &mut self.key_map {
            map.shrink_to_fit();
        }
    }

    fn bump_seq(&mut self) -> u64 {
        let seq = self.next_seq;
        self.next_seq += 1;
        seq
    }

    /// Adds a live heap entry and wakes the polling task if the entry
    /// becomes the earliest deadline.
    fn push_deadline(&mut self, deadline: Instant, seq: u64, index: usize) {
        let earliest = self
            .heap
            .peek()
            .is_none_or(|Reverse((top, _, _))| deadline < *top);
        if self.heap.len() > 2 * self.len + 64 {
            self.rebuild_heap();
        }
        self.heap.push(Reverse((deadline, seq, index)));
        if earliest {
            self.wake();
        }
    }

    /// Whether a heap entry still describes its slot.
    fn is_live(&self, seq: u64, index: usize) -> bool {
        matches!(self.slots.get(index), Some(Slot::Occupied { seq: s, .. }) if *s == seq)
    }

    /// Pops stale entries until the top is live or the heap is empty.
    fn drop_stale_top(&mut self) {
        while let Some(&Reverse((_, seq, index))) = self.heap.peek() {
            if self.is_live(seq, index) {
                break;
            }
            self.heap.pop();
        }
    }

    /// Keeps only the live heap entries.
    fn rebuild_heap(&mut self) {
        let entries = std::mem::take(&mut self.heap).into_vec();
        let live = entries
            .into_iter()
            .filter(|Reverse((_, seq, index))| self.is_live(*seq, *index))
            .collect::<Vec<_>>();
        self.heap = BinaryHeap::from(live);
    }

    /// Takes out the value at the top of the heap, which must be live.
    fn pop_top(&mut self) -> Expired<T> {
        let Some(Reverse((_, _, index))) = self.heap.pop() else {
            unreachable!("pop_top is called with a non-empty heap");
        };
        let expired = self.take_slot(index);
        self.drop_stale_top();
        expired
    }
}

// Nothing in the queue is pinned in place: values move freely in the slab
// and the `Sleep` is boxed.
impl<T> Unpin for DelayQueue<T> {}

impl<T> Default for DelayQueue<T> {
    fn default() -> DelayQueue<T> {
        DelayQueue::new()
    }
}

impl<T> fmt::Debug for DelayQueue<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DelayQueue")
            .field("len", &self.len)
            .field("next", &self.heap.peek().map(|Reverse((d, _, _))| d))
            .finish_non_exhaustive()
    }
}

impl<T> Stream for DelayQueue<T> {
    type Item = Expired<T>;

    /// Yields expired values; `None` means the queue is empty right now (see
    /// [`DelayQueue::poll_expired`]).
    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Expired<T>>> {
        self.get_mut().poll_expired(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.len, None)
    }
}
