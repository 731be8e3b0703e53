//! [`Handle`]: what resources keep of the I/O driver.
//!
//! The handle is stored in the runtime's driver registry when the runtime is
//! built; a socket looks it up once, when it is created, and keeps a clone.
//! It holds the mio `Registry` (to register and deregister sources), the
//! waker that interrupts the reactor's `poll`, and the slab of live
//! registrations the reactor dispatches events to.

use std::fmt;
use std::io;

use mio::Token;
use runtime_core::loom::sync::atomic::{AtomicBool, Ordering::AcqRel, Ordering::Acquire};
use runtime_core::loom::sync::{Arc, Mutex};
use runtime_core::runtime::driver::Unpark;

use crate::driver::scheduled_io::{ScheduledIo, WakeList};

/// The token of the reactor's own waker; never handed to a registration.
pub(crate) const WAKER_TOKEN: Token = Token(usize::MAX);

/// Low bits of a token: the slab index. High bits: the slot's generation.
const INDEX_BITS: u32 = 24;
const INDEX_MASK: usize = (1 << INDEX_BITS) - 1;
/// The largest number of registrations alive at once on one driver.
pub(crate) const MAX_REGISTRATIONS: usize = INDEX_MASK;

/// The message of the panic when a socket is created in a runtime without
/// the I/O driver. This and the next are worded as tokio 1.x's, so that code
/// and tests matching on the text port unchanged.
pub(crate) const DISABLED_MSG: &str = "A Tokio 1.x context was found, but IO is disabled. \
     Call `enable_io` on the runtime builder to enable IO.";

/// The message of the panic when a socket is created outside any runtime.
pub(crate) const NO_RUNTIME_MSG: &str =
    "there is no reactor running, must be called from the context of a Tokio 1.x runtime";

/// The error every operation fails with once the runtime that owns the I/O
/// driver has shut down: runtime-core's, so that
/// `runtime::runtime::is_rt_shutdown_err` recognises it.
pub(crate) fn shutdown_error() -> io::Error {
    runtime_core::runtime::shutdown_error()
}

/// The I/O driver's handle, stored in the runtime's driver registry.
#[derive(Clone)]
pub(crate) struct Handle {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) registry: mio::Registry,
    // A std `Arc`, also under loom: the driver seam hands unparkers out as
    // `std::sync::Arc<dyn Unpark>` (see `Driver::unparker`).
    pub(crate) waker: std::sync::Arc<WakerUnpark>,
    pub(crate) slab: Mutex<Slab>,
    pub(crate) is_shutdown: AtomicBool,
}

/// Live registrations, indexed by the low bits of their token.
#[derive(Debug, Default)]
pub(crate) struct Slab {
    slots: Vec<Slot>,
    free: Vec<usize>,
}

#[derive(Debug)]
struct Slot {
    generation: usize,
    io: Option<Arc<ScheduledIo>>,
}

impl Slab {
    /// Stores `io`, returning its token.
    pub(crate) fn insert(&mut self, io: Arc<ScheduledIo>) -> io::Result<Token> {
        let index = match self.free.pop() {
            Some(index) => index,
            None => {
                if self.slots.len() >= MAX_REGISTRATIONS {
                    return Err(io::Error::other(
                        "the I/O driver has reached its maximum number of registrations",
                    ));
                }
                self.slots.push(Slot {
                    generation: 0,
                    io: None,
                });
                self.slots.len() - 1
            }
        };
        let slot = &mut self.slots[index];
        slot.io = Some(io);
        Ok(Token(index | (slot.generation << INDEX_BITS)))
    }

    /// Looks `token` up: `None` when the slot is free or was reused since
    /// (its generation moved on).
    pub(crate) fn get(&self, token: Token) -> Option<&Arc<ScheduledIo>> {
        let (index, generation) = split(token);
        let slot = self.slots.get(index)?;
        if slot.generation != generation {
            return None;
        }
        slot.io.as_ref()
    }

    /// Frees `token`'s slot and bumps its generation, so that events still in
    /// flight for the old token find nothing.
    pub(crate) fn remove(&mut self, token: Token) -> Option<Arc<ScheduledIo>> {
        let (index, generation) = split(token);
        let slot = self.slots.get_mut(index)?;
        if slot.generation != generation {
            return None;
        }
        let io = slot.io.take()?;
        slot.generation = (slot.generation + 1) & (usize::MAX >> INDEX_BITS);
        self.free.push(index);
        Some(io)
    }

    /// Every live registration.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &Arc<ScheduledIo>> {
        self.slots.iter().filter_map(|slot| slot.io.as_ref())
    }

    /// The number of live registrations.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.slots.len() - self.free.len()
    }
}

fn split(token: Token) -> (usize, usize) {
    (token.0 & INDEX_MASK, token.0 >> INDEX_BITS)
}

impl Handle {
    /// The I/O driver of the runtime we are running in.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or in a runtime built without the I/O driver.
    #[track_caller]
    pub(crate) fn current() -> Handle {
        match runtime_core::runtime::Handle::try_current() {
            Ok(rt) => match rt.driver::<Handle>() {
                Some(handle) => handle.clone(),
                None => panic!("{DISABLED_MSG}"),
            },
            Err(_) => panic!("{NO_RUNTIME_MSG}"),
        }
    }

    pub(crate) fn is_shutdown(&self) -> bool {
        self.inner.is_shutdown.load(Acquire)
    }

    /// Marks the driver as shut down and wakes every registration; each of
    /// them then fails with [`shutdown_error`].
    pub(crate) fn shutdown(&self) {
        if self.inner.is_shutdown.swap(true, AcqRel) {
            return;
        }
        let mut wake = WakeList::default();
        {
            let slab = self.inner.slab.lock();
            for io in slab.iter() {
                io.shutdown(&mut wake);
            }
        }
        wake.wake_all();
    }

    /// The number of live registrations.
    #[cfg(test)]
    pub(crate) fn registration_count(&self) -> usize {
        self.inner.slab.lock().len()
    }
}

/// The reactor's unparker: interrupts its `poll` through a `mio::Waker`.
pub(crate) struct WakerUnpark(pub(crate) mio::Waker);

impl Unpark for WakerUnpark {
    fn unpark(&self) {
        // A failed wake means the eventfd is unusable; the reactor's next
        // poll times out anyway, so there is nothing better to do here.
        let _ = self.0.wake();
    }

    fn unpark_self(&self) {
        // The thread that polls the reactor is awake and checks for work
        // before it polls again: writing to the eventfd would only make that
        // next poll return at once with nothing to do.
    }
}

impl fmt::Debug for WakerUnpark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WakerUnpark").finish_non_exhaustive()
    }
}

impl fmt::Debug for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IoHandle")
            .field("is_shutdown", &self.is_shutdown())
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for Inner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IoDriverInner").finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slab_generation_rejects_stale_tokens() {
        let mut slab = Slab::default();
        let a = slab.insert(Arc::new(ScheduledIo::default())).unwrap();
        assert_eq!(a, Token(0));
        assert!(slab.get(a).is_some());
        assert!(slab.remove(a).is_some());
        assert!(slab.get(a).is_none());
        assert!(slab.remove(a).is_none());
        // The index is reused with a new generation.
        let b = slab.insert(Arc::new(ScheduledIo::default())).unwrap();
        assert_eq!(b, Token(1 << INDEX_BITS));
        assert!(slab.get(a).is_none());
        assert!(slab.get(b).is_some());
        assert_eq!(slab.len(), 1);
        let c = slab.insert(Arc::new(ScheduledIo::default())).unwrap();
        assert_eq!(c, Token(1));
        assert_eq!(slab.len(), 2);
        assert_eq!(slab.iter().count(), 2);
    }

    #[test]
    fn tokens_never_collide_with_the_waker() {
        let (index, _) = split(WAKER_TOKEN);
        assert_eq!(index, INDEX_MASK);
        const { assert!(MAX_REGISTRATIONS <= INDEX_MASK) };
        // Slots are 0..MAX_REGISTRATIONS, so index INDEX_MASK is never used.
    }
}
