//! The hierarchical timer wheel.
//!
//! Six [levels](level) of 64 slots. Level 0 has one-millisecond slots and
//! spans 64 ms; each level up has slots 64 times wider, so six levels span
//! 2^36 ms (about 2.2 years). Deadlines are ticks: whole milliseconds since
//! the clock's start, rounded up so that no timer fires early.
//!
//! An entry goes to the lowest level whose slot width separates its
//! deadline from `elapsed` (the tick the wheel has processed up to): the
//! level of the highest bit in which the two differ, six bits per level.
//! Insertion and removal are O(1): pick the slot, push or unlink in its
//! intrusive list, flip one bit of the level's bitmap.
//!
//! Processing up to `now` repeatedly takes the earliest occupied slot (the
//! lowest level with one wins: a lower level's slots all end before the next
//! slot of any higher level begins), advances `elapsed` to the start of that
//! slot, and cascades its entries: those due at that tick move to the
//! `pending` list, the others are slotted again, now at a lower level. So
//! entries fire in deadline order, and within one tick in the order they
//! reached the wheel's lowest level. Work is proportional to occupied slots,
//! never to the time skipped: jumping a paused clock by a year costs nothing.
//!
//! Deadlines a full span or more beyond `elapsed` (a `sleep(Duration::MAX)`
//! saturates to about 30 years) wait in an unsorted `overflow` list with a
//! lower bound of their deadlines. Each time `elapsed` moves, entries that
//! came within the span migrate into the levels; when the levels are empty
//! and the earliest overflow deadline has passed, `elapsed` jumps straight
//! to it. So a far deadline costs one migration, not one re-slotting per
//! 2.2-year rotation. Ticks saturate at [`MAX_TICK`], so no arithmetic here
//! can overflow.
//!
//! The wheel is not thread-safe by itself: the driver keeps it under a lock,
//! and every method that touches entries requires that lock (they are
//! `unsafe fn`s for that reason).
//!
//! Design after Varghese and Lauck, "Hashed and Hierarchical Timing Wheels"
//! (SOSP 1987), as tokio also uses it.

mod level;
mod list;

use std::ptr::NonNull;

use crate::driver::entry::{OVERFLOW, PENDING, TimerShared, UNLINKED};
use level::{Expiration, Level, SLOT_BITS, SLOTS};
use list::List;

/// Number of levels.
const LEVELS: usize = 6;

/// The largest deadline the wheel stores; later ones saturate to it (about
/// 146 million years of milliseconds, far beyond any `Instant`).
pub(crate) const MAX_TICK: u64 = u64::MAX >> 2;

/// Deadlines at or beyond this distance from `elapsed` go to the top level.
const SPAN: u64 = 1 << (SLOT_BITS as u64 * LEVELS as u64);

#[derive(Debug)]
pub(crate) struct Wheel {
    /// The tick processed up to: every deadline at or before it has fired.
    elapsed: u64,
    levels: Box<[Level; LEVELS]>,
    /// Entries whose deadline was reached, waiting to be fired.
    pending: List,
    /// Entries at least `SPAN` beyond `elapsed`, unsorted.
    overflow: List,
    /// A lower bound of the deadlines in `overflow` (exact after each
    /// migration; removals may leave it low, which only costs an early look).
    overflow_min: u64,
    /// Number of linked entries, for tests and debugging.
    len: usize,
}

// SAFETY: the wheel only holds pointers to entries; it is moved between
// threads inside the driver's lock, and every access to an entry goes
// through that lock (see the `# Safety` sections of the methods).
unsafe impl Send for Wheel {}

impl Wheel {
    pub(crate) fn new() -> Self {
        Wheel {
            elapsed: 0,
            levels: Box::new(std::array::from_fn(Level::new)),
            pending: List::new(),
            overflow: List::new(),
            overflow_min: u64::MAX,
            len: 0,
        }
    }

    /// The tick the wheel has processed up to.
    pub(crate) fn elapsed(&self) -> u64 {
        self.elapsed
    }

    /// Number of entries linked into the wheel (slots and pending list).
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        debug_assert_eq!(
            self.len == 0,
            self.pending.is_empty()
                && self.overflow.is_empty()
                && self.levels.iter().all(Level::is_empty)
        );
        self.len == 0
    }

    fn level_for(&self, when: u64) -> usize {
        // The highest bit where `when` and `elapsed` differ picks the level;
        // the low bits are forced so that level 0 is the minimum.
        let differing = ((self.elapsed ^ when) | (SLOTS as u64 - 1)).min(SPAN - 1);
        let significant = 63 - differing.leading_zeros();
        (significant / SLOT_BITS) as usize
    }

    /// Links `node` to fire at `when`.
    ///
    /// # Safety
    ///
    /// `when > self.elapsed()` (due entries must be fired by the caller
    /// instead); `node` is live and unlinked and stays live until it is
    /// removed or popped; the caller holds the wheel lock.
    pub(crate) unsafe fn insert(&mut self, node: NonNull<TimerShared>, when: u64) {
        debug_assert!(when > self.elapsed && when <= MAX_TICK);
        // SAFETY: the caller holds the lock and `node` is live.
        unsafe { node.as_ref().with_links(|links| links.when = when) };
        // SAFETY: forwarded from the caller.
        unsafe { self.link(node, when) };
        self.len += 1;
    }

    /// Links `node` (whose `when` is set) into its level, or into `overflow`
    /// if it is a span or more away.
    ///
    /// # Safety
    ///
    /// As [`insert`](Self::insert).
    unsafe fn link(&mut self, node: NonNull<TimerShared>, when: u64) {
        if when - self.elapsed >= SPAN {
            // SAFETY: forwarded from the caller.
            unsafe { self.overflow.push_back(node, OVERFLOW) };
            self.overflow_min = self.overflow_min.min(when);
        } else {
            let level = self.level_for(when);
            // SAFETY: forwarded from the caller.
            unsafe { self.levels[level].add(node, when) };
        }
    }

    /// Moves the overflow entries that came within the span into the
    /// levels.
    ///
    /// # Safety
    ///
    /// The caller holds the wheel lock.
    unsafe fn migrate(&mut self) {
        if self.overflow.is_empty() {
            self.overflow_min = u64::MAX;
            return;
        }
        if self.overflow_min - self.elapsed.min(self.overflow_min) >= SPAN {
            return;
        }
        let list = self.overflow.take();
        self.overflow_min = u64::MAX;
        // SAFETY: the caller holds the lock; overflow nodes are live.
        unsafe { self.relink_all(list) };
    }

    /// Links every node of `list` again, relative to the current `elapsed`:
    /// into `pending` if due, else into its level or the overflow list.
    ///
    /// # Safety
    ///
    /// The caller holds the wheel lock and the nodes of `list` are live.
    unsafe fn relink_all(&mut self, mut list: List) {
        // SAFETY: the caller holds the lock and the nodes are live; each
        // node is unlinked by `pop_front` before it is linked again.
        unsafe {
            while let Some(node) = list.pop_front() {
                let when = node.as_ref().with_links(|links| links.when);
                if when <= self.elapsed {
                    self.pending.push_back(node, PENDING);
                } else {
                    self.link(node, when);
                }
            }
        }
    }

    /// Unlinks `node` if it is linked (in a slot or the pending list).
    /// Returns whether it was.
    ///
    /// # Safety
    ///
    /// `node` is live and, if linked, linked into this wheel; the caller
    /// holds the wheel lock.
    pub(crate) unsafe fn remove(&mut self, node: NonNull<TimerShared>) -> bool {
        // SAFETY: the caller holds the lock and `node` is live.
        let location = unsafe { node.as_ref().with_links(|links| links.location) };
        match location {
            UNLINKED => return false,
            // SAFETY: the node says it is in the pending list.
            PENDING => unsafe { self.pending.remove(node) },
            // SAFETY: the node says it is in the overflow list.
            OVERFLOW => unsafe { self.overflow.remove(node) },
            location => {
                let location = usize::from(location);
                // SAFETY: the node says it is in this slot.
                unsafe { self.levels[location / SLOTS].remove(node, location % SLOTS) };
            }
        }
        self.len -= 1;
        true
    }

    /// The tick at which the wheel next has work: the earliest deadline, or
    /// (for entries beyond the top level's span) a tick at which they are
    /// re-slotted. `None` when the wheel is empty.
    pub(crate) fn next_expiration_tick(&self) -> Option<u64> {
        if !self.pending.is_empty() {
            return Some(self.elapsed);
        }
        match self.next_expiration() {
            Some(exp) => Some(exp.deadline),
            // Every level entry precedes every overflow entry.
            None if !self.overflow.is_empty() => Some(self.overflow_min),
            None => None,
        }
    }

    fn next_expiration(&self) -> Option<Expiration> {
        self.levels
            .iter()
            .find_map(|level| level.next_expiration(self.elapsed))
    }

    /// Returns the next entry due at or before `now`, unlinked, in deadline
    /// order; `None` when no more are due, after which `elapsed` is `now`.
    ///
    /// # Safety
    ///
    /// The caller holds the wheel lock.
    pub(crate) unsafe fn poll(&mut self, now: u64) -> Option<NonNull<TimerShared>> {
        loop {
            // SAFETY: the caller holds the lock; pending nodes are live.
            if let Some(node) = unsafe { self.pending.pop_front() } {
                self.len -= 1;
                return Some(node);
            }
            let now = now.min(MAX_TICK);
            match self.next_expiration() {
                // SAFETY: forwarded from the caller.
                Some(exp) if exp.deadline <= now => unsafe { self.cascade(exp) },
                Some(_) => {
                    // Nothing in the levels is due, hence nothing at all:
                    // overflow entries come after every level entry.
                    // SAFETY: forwarded from the caller.
                    unsafe { self.advance_to(now) };
                    return None;
                }
                None if !self.overflow.is_empty() && self.overflow_min <= now => {
                    // Only far entries, and the earliest is due: jump to
                    // just before it, which migrates it into the levels.
                    // SAFETY: forwarded from the caller.
                    unsafe { self.advance_to(self.overflow_min - 1) };
                }
                None => {
                    // SAFETY: forwarded from the caller.
                    unsafe { self.advance_to(now) };
                    return None;
                }
            }
        }
    }

    /// Moves `elapsed` forward to `tick` (never back) and migrates the
    /// overflow entries that came within the span.
    ///
    /// # Safety
    ///
    /// The caller holds the wheel lock.
    unsafe fn advance_to(&mut self, tick: u64) {
        self.elapsed = self.elapsed.max(tick);
        // SAFETY: forwarded from the caller.
        unsafe { self.migrate() };
    }

    /// Empties the slot of `exp`, advancing `elapsed` to its start: entries
    /// due then move to `pending`, the rest are slotted again.
    ///
    /// # Safety
    ///
    /// The caller holds the wheel lock.
    unsafe fn cascade(&mut self, exp: Expiration) {
        let list = self.levels[exp.level].take_slot(exp.slot);
        debug_assert!(exp.deadline >= self.elapsed);
        // SAFETY: forwarded from the caller.
        unsafe { self.advance_to(exp.deadline) };
        // SAFETY: the caller holds the lock; nodes of a slot list are live.
        unsafe { self.relink_all(list) };
    }

    /// Unlinks and returns any one entry, for shutdown.
    ///
    /// # Safety
    ///
    /// The caller holds the wheel lock.
    pub(crate) unsafe fn pop_any(&mut self) -> Option<NonNull<TimerShared>> {
        // SAFETY: the caller holds the lock; linked nodes are live.
        if let Some(node) = unsafe { self.pending.pop_front() } {
            self.len -= 1;
            return Some(node);
        }
        // SAFETY: as above.
        if let Some(node) = unsafe { self.overflow.pop_front() } {
            self.len -= 1;
            return Some(node);
        }
        for level in self.levels.iter_mut() {
            if let Some(exp) = level.next_expiration(0) {
                let mut list = level.take_slot(exp.slot);
                // SAFETY: as above; the rest of the slot moves to `pending`.
                unsafe {
                    let first = list.pop_front();
                    while let Some(node) = list.pop_front() {
                        self.pending.push_back(node, PENDING);
                    }
                    self.len -= 1;
                    return first;
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests;
