//! [`Reactor`]: the I/O driver itself, parked on by the runtime's workers.
//!
//! `park` blocks in mio's `Poll::poll` (epoll on Linux), then dispatches the
//! events: for each one it looks the token up in the slab, sets the
//! registration's readiness and collects the wakers concerned. The slab lock
//! is taken once per batch of events, and the wakers are called after every
//! lock is released, so a waker may do anything, including dropping a
//! socket.

use std::fmt;
use std::io;
use std::time::Duration;

use runtime_core::loom::sync::atomic::AtomicBool;
use runtime_core::loom::sync::{Arc, Mutex};
use runtime_core::runtime::driver::{Driver, Unpark};

use crate::driver::handle::{Handle, Inner, Slab, WAKER_TOKEN, WakerUnpark};
use crate::driver::scheduled_io::{WakeList, bits};

/// The I/O driver: owns the mio `Poll` and its event buffers.
pub(crate) struct Reactor {
    poll: mio::Poll,
    /// The buffer of polls that may wait: its capacity is the most events
    /// taken from the OS at once when the worker is idle.
    events: mio::Events,
    /// The buffer of polls that do not wait (the worker has tasks to run):
    /// `None` when busy polls take as many events as idle ones.
    busy_events: Option<mio::Events>,
    handle: Handle,
    wake: WakeList,
}

impl Reactor {
    /// Creates the reactor and the handle resources use to reach it.
    pub(crate) fn new(per_tick: usize, per_busy_tick: usize) -> io::Result<(Reactor, Handle)> {
        let poll = mio::Poll::new()?;
        let registry = poll.registry().try_clone()?;
        let waker =
            std::sync::Arc::new(WakerUnpark(mio::Waker::new(poll.registry(), WAKER_TOKEN)?));
        let handle = Handle {
            inner: Arc::new(Inner {
                registry,
                waker,
                slab: Mutex::new(Slab::default()),
                is_shutdown: AtomicBool::new(false),
            }),
        };
        let reactor = Reactor {
            poll,
            events: mio::Events::with_capacity(per_tick),
            busy_events: (per_busy_tick != per_tick)
                .then(|| mio::Events::with_capacity(per_busy_tick)),
            handle: handle.clone(),
            wake: WakeList::default(),
        };
        Ok((reactor, handle))
    }

    /// Waits for events (at most `timeout`) and dispatches them.
    fn turn(&mut self, timeout: Option<Duration>) {
        // A poll that does not wait is a busy worker's: it takes the smaller
        // batch, if one was configured.
        let events = match (&mut self.busy_events, timeout) {
            (Some(busy), Some(Duration::ZERO)) => busy,
            _ => &mut self.events,
        };
        match self.poll.poll(events, timeout) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::Interrupted => return,
            // epoll_wait only fails on programming errors (bad fd, bad
            // buffer); there is no caller to hand the error to.
            Err(e) => panic!("the I/O driver's poll failed: {e}"),
        }
        {
            let slab = self.handle.inner.slab.lock();
            for event in events.iter() {
                let token = event.token();
                if token == WAKER_TOKEN {
                    continue;
                }
                if let Some(io) = slab.get(token) {
                    io.set_readiness(ready_of(event), &mut self.wake);
                }
            }
        }
        self.wake.wake_all();
    }
}

#[cfg(test)]
impl Reactor {
    /// Polls without blocking and reports whether the unparker's wake-up
    /// was among the events (the events themselves are dropped).
    pub(crate) fn poll_for_unpark(&mut self) -> bool {
        self.poll
            .poll(&mut self.events, Some(Duration::ZERO))
            .unwrap();
        self.events.iter().any(|event| event.token() == WAKER_TOKEN)
    }
}

/// The readiness bits an event carries.
fn ready_of(event: &mio::event::Event) -> usize {
    let mut ready = 0;
    if event.is_readable() {
        ready |= bits::READABLE;
    }
    if event.is_writable() {
        ready |= bits::WRITABLE;
    }
    if event.is_read_closed() {
        ready |= bits::READ_CLOSED;
    }
    if event.is_write_closed() {
        ready |= bits::WRITE_CLOSED;
    }
    if event.is_priority() {
        ready |= bits::PRIORITY;
    }
    if event.is_error() {
        ready |= bits::ERROR;
    }
    ready
}

impl Driver for Reactor {
    fn park(&mut self) {
        self.turn(None);
    }

    fn park_timeout(&mut self, duration: Duration) {
        self.turn(Some(duration));
    }

    fn unparker(&self) -> std::sync::Arc<dyn Unpark> {
        self.handle.inner.waker.clone()
    }

    fn shutdown(&mut self) {
        self.handle.shutdown();
    }
}

impl Drop for Reactor {
    fn drop(&mut self) {
        // A runtime that is dropped without an explicit shutdown still must
        // not leave tasks waiting on a driver that no longer polls.
        self.handle.shutdown();
    }
}

impl fmt::Debug for Reactor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reactor")
            .field("handle", &self.handle)
            .finish_non_exhaustive()
    }
}
