//! [`Registration`]: one I/O resource's link to the driver.
//!
//! A registration owns a slab slot (and so a token) and an
//! `Arc<ScheduledIo>`. It offers the operations every socket is built from:
//! wait for readiness in a direction, run a non-blocking system call and
//! clear the readiness when the call says `WouldBlock`, all under the
//! cooperative budget.
//!
//! It does not own the mio source: the owner ([`PollEvented`] or `AsyncFd`)
//! deregisters the source and then drops the registration, which frees the
//! slot. See the [driver module](crate::driver) for why that order makes
//! deregistration exact.
//!
//! [`PollEvented`]: crate::driver::poll_evented::PollEvented

use std::future::poll_fn;
use std::io;
use std::task::{Context, Poll, ready};

use mio::Token;
use mio::event::Source;
use runtime_core::loom::sync::Arc;
use runtime_core::task::coop;

use crate::driver::handle::{Handle, shutdown_error};
use crate::driver::scheduled_io::{Direction, ReadyEvent, ScheduledIo};

/// A registered resource's readiness state and slot.
#[derive(Debug)]
pub(crate) struct Registration {
    handle: Handle,
    shared: Arc<ScheduledIo>,
    token: Token,
}

impl Registration {
    /// Registers `source` with the current runtime's I/O driver.
    ///
    /// # Panics
    ///
    /// Outside a runtime, or when the runtime has no I/O driver.
    #[track_caller]
    pub(crate) fn new(source: &mut impl Source, interest: mio::Interest) -> io::Result<Self> {
        Self::new_with_handle(source, interest, Handle::current())
    }

    /// Registers `source` with the driver behind `handle`.
    pub(crate) fn new_with_handle(
        source: &mut impl Source,
        interest: mio::Interest,
        handle: Handle,
    ) -> io::Result<Self> {
        let shared = Arc::new(ScheduledIo::default());
        let token = {
            let mut slab = handle.inner.slab.lock();
            if handle.is_shutdown() {
                return Err(shutdown_error());
            }
            slab.insert(shared.clone())?
        };
        if let Err(e) = handle.inner.registry.register(source, token, interest) {
            handle.inner.slab.lock().remove(token);
            return Err(e);
        }
        Ok(Registration {
            handle,
            shared,
            token,
        })
    }

    /// Removes `source` from the OS poller. The caller then drops the
    /// registration (and the source), which frees the slot.
    pub(crate) fn deregister(&self, source: &mut impl Source) -> io::Result<()> {
        self.handle.inner.registry.deregister(source)
    }

    /// Marks the resource ready without waiting for the driver's first
    /// event; see [`ScheduledIo::assume_ready`].
    pub(crate) fn assume_ready(&self, ready: usize) {
        self.shared.assume_ready(ready);
    }

    #[cfg(test)]
    pub(crate) fn shared(&self) -> &ScheduledIo {
        &self.shared
    }

    #[cfg(test)]
    pub(crate) fn handle(&self) -> &Handle {
        &self.handle
    }

    /// Clears the readiness `event` reported (see
    /// [`ScheduledIo::clear_readiness`]).
    pub(crate) fn clear_readiness(&self, event: ReadyEvent) {
        self.shared.clear_readiness(event);
    }

    /// Waits for readiness in `direction`, under the cooperative budget.
    /// Only the most recent caller per direction is woken.
    pub(crate) fn poll_ready(
        &self,
        cx: &mut Context<'_>,
        direction: Direction,
    ) -> Poll<io::Result<ReadyEvent>> {
        let coop = ready!(coop::poll_proceed(cx));
        let event = ready!(self.shared.poll_ready(cx, direction));
        if event.is_shutdown {
            return Poll::Ready(Err(shutdown_error()));
        }
        coop.made_progress();
        Poll::Ready(Ok(event))
    }

    /// Runs the non-blocking `op` once the resource is ready in `direction`,
    /// retrying after every `WouldBlock` that finds new readiness.
    pub(crate) fn poll_io<R>(
        &self,
        cx: &mut Context<'_>,
        direction: Direction,
        mut op: impl FnMut() -> io::Result<R>,
    ) -> Poll<io::Result<R>> {
        loop {
            let event = ready!(self.poll_ready(cx, direction))?;
            match op() {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => self.clear_readiness(event),
                result => return Poll::Ready(result),
            }
        }
    }

    /// Runs `op` if the resource looks ready for `mask`; fails with
    /// `WouldBlock` (without running it) otherwise.
    ///
    /// As tokio's `try_*` methods, this acts on the readiness known so far
    /// even after the driver shut down: a socket that was readable still
    /// hands over what it holds. Only waiting reports the shutdown (the
    /// `SHUTDOWN` bit survives every clear).
    pub(crate) fn try_io<R>(
        &self,
        mask: usize,
        op: impl FnOnce() -> io::Result<R>,
    ) -> io::Result<R> {
        let event = self.shared.ready_event(mask);
        if event.ready == 0 {
            return Err(io::ErrorKind::WouldBlock.into());
        }
        let result = op();
        if matches!(&result, Err(e) if e.kind() == io::ErrorKind::WouldBlock) {
            self.clear_readiness(event);
        }
        result
    }

    /// Waits until any readiness in `mask` is set. Many tasks may wait at
    /// once; each is woken.
    ///
    /// Unlike the poll-style methods this takes no cooperative budget, as
    /// tokio's `readable()`/`writable()`/`ready()` take none: a task checking
    /// readiness in a loop is not held back by it (the operations it then
    /// runs are what yield).
    pub(crate) async fn readiness(&self, mask: usize) -> io::Result<ReadyEvent> {
        let event = self.shared.readiness(mask).await;
        if event.is_shutdown {
            return Err(shutdown_error());
        }
        Ok(event)
    }

    /// Waits for readiness in `mask` and runs `op`, retrying after
    /// `WouldBlock`.
    pub(crate) async fn async_io<R>(
        &self,
        mask: usize,
        mut op: impl FnMut() -> io::Result<R>,
    ) -> io::Result<R> {
        loop {
            let event = self.readiness(mask).await?;
            // The operation itself takes a unit of cooperative budget, kept
            // only if it completes: a socket that is always ready still lets
            // other tasks run.
            let coop = poll_fn(coop::poll_proceed).await;
            match op() {
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => self.clear_readiness(event),
                result => {
                    coop.made_progress();
                    return result;
                }
            }
        }
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        // The owner has deregistered the source already; events still in
        // the reactor's buffer for this token find the slot's generation
        // moved on and are dropped.
        self.handle.inner.slab.lock().remove(self.token);
    }
}
