//! One level of the timer wheel: 64 slots and a bitmap of the occupied ones.
//!
//! Level `L` has slots of `64^L` milliseconds, so it spans `64^(L+1)`
//! milliseconds in one rotation. An entry sits in the slot that contains its
//! deadline; the bitmap finds the next occupied slot in one rotate and one
//! `trailing_zeros`, whatever the number of entries.

use std::ptr::NonNull;

use crate::driver::entry::{Location, TimerShared};
use crate::driver::wheel::list::List;

/// Slots per level.
pub(crate) const SLOTS: usize = 64;
/// log2 of [`SLOTS`]: the bits of the deadline each level consumes.
pub(crate) const SLOT_BITS: u32 = 6;

#[derive(Debug)]
pub(crate) struct Level {
    level: usize,
    /// Bit `i` is set when slot `i` is not empty.
    occupied: u64,
    slots: [List; SLOTS],
}

/// The next slot of a level to process, and the tick at which its range
/// starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Expiration {
    pub(crate) level: usize,
    pub(crate) slot: usize,
    pub(crate) deadline: u64,
}

impl Level {
    pub(crate) fn new(level: usize) -> Self {
        Level {
            level,
            occupied: 0,
            slots: [const { List::new() }; SLOTS],
        }
    }

    fn shift(&self) -> u32 {
        self.level as u32 * SLOT_BITS
    }

    /// The slot of this level that holds deadline `when` (modulo one
    /// rotation).
    pub(crate) fn slot_for(&self, when: u64) -> usize {
        ((when >> self.shift()) as usize) & (SLOTS - 1)
    }

    pub(crate) fn location(&self, slot: usize) -> Location {
        (self.level * SLOTS + slot) as Location
    }

    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.occupied == 0
    }

    /// The first occupied slot after `now`'s position (`now`'s own slot
    /// counting as the last, one rotation away), and the tick at which that
    /// slot's range starts.
    ///
    /// Below the top level, an entry is never in `now`'s own slot: it would
    /// have gone one level lower. At the top level, `now`'s slot can hold
    /// entries that wrapped round, due one rotation later or more.
    pub(crate) fn next_expiration(&self, now: u64) -> Option<Expiration> {
        if self.occupied == 0 {
            return None;
        }
        let now_slot = self.slot_for(now);
        let after = (now_slot + 1) % SLOTS;
        let distance = self.occupied.rotate_right(after as u32).trailing_zeros() as usize;
        let slot = (after + distance) % SLOTS;

        let slot_range = 1u64 << self.shift();
        let level_range = slot_range << SLOT_BITS;
        let level_start = now & !(level_range - 1);
        let mut deadline = level_start + slot as u64 * slot_range;
        if deadline <= now {
            // Only the top level wraps: it also holds deadlines beyond its
            // own span, slotted modulo one rotation. Such a slot comes round
            // again one rotation later; entries not yet due then are slotted
            // anew.
            deadline += level_range;
        }
        Some(Expiration {
            level: self.level,
            slot,
            deadline,
        })
    }

    /// Links `node` into the slot for `when`.
    ///
    /// # Safety
    ///
    /// As [`List::push_back`].
    pub(crate) unsafe fn add(&mut self, node: NonNull<TimerShared>, when: u64) {
        let slot = self.slot_for(when);
        let location = self.location(slot);
        // SAFETY: forwarded from the caller.
        unsafe { self.slots[slot].push_back(node, location) };
        self.occupied |= 1 << slot;
    }

    /// Unlinks `node` from `slot`.
    ///
    /// # Safety
    ///
    /// `node` is linked into `slot` of this level; the lock is held.
    pub(crate) unsafe fn remove(&mut self, node: NonNull<TimerShared>, slot: usize) {
        // SAFETY: forwarded from the caller.
        unsafe { self.slots[slot].remove(node) };
        if self.slots[slot].is_empty() {
            self.occupied &= !(1 << slot);
        }
    }

    /// Empties `slot`, returning its entries in insertion order.
    pub(crate) fn take_slot(&mut self, slot: usize) -> List {
        self.occupied &= !(1 << slot);
        self.slots[slot].take()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_expiration_of_lower_levels() {
        let node = Box::new(TimerShared::new());
        let mut level = Level::new(1);
        // SAFETY: the box outlives its membership; single-threaded.
        unsafe { level.add(NonNull::from(&*node), 64 * 5 + 3) };
        assert_eq!(
            level.next_expiration(10),
            Some(Expiration {
                level: 1,
                slot: 5,
                deadline: 320
            })
        );
        // SAFETY: linked into slot 5 above.
        unsafe { level.remove(NonNull::from(&*node), 5) };
        assert!(level.is_empty());
        assert_eq!(level.next_expiration(10), None);
    }

    #[test]
    fn top_level_wraps_to_next_rotation() {
        let node = Box::new(TimerShared::new());
        let mut level = Level::new(5);
        let span = 1u64 << 36;
        let slot_range = 1u64 << 30;
        // A deadline two rotations away lands in slot 0 of the top level,
        // which is behind `now` (slot 3): it comes round next rotation.
        let now = 3 * slot_range + 17;
        // SAFETY: the box outlives its membership; single-threaded.
        unsafe { level.add(NonNull::from(&*node), 2 * span + 5) };
        assert_eq!(level.next_expiration(now).map(|e| e.deadline), Some(span));
        let list = level.take_slot(0);
        assert!(level.is_empty());
        assert!(!list.is_empty());
    }
}
