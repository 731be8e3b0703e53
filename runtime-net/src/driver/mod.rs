//! The I/O driver: a reactor on mio, plugged into runtime-core's driver seam.
//!
//! # How it fits the runtime
//!
//! [`layer`] is the driver layer that `Builder::enable_io` installs. It
//! *replaces* the driver below it (the plain thread parker): a worker with
//! nothing to run parks in mio's `Poll::poll`, so it wakes for I/O events as
//! well as for [`Unpark`](runtime_core::runtime::driver::Unpark) calls, which
//! write to a `mio::Waker`. The time driver, when enabled, wraps this one and
//! bounds each park by the next deadline.
//!
//! A wake-up on the thread that polls the reactor (the scheduler's
//! [`unpark_self`](runtime_core::runtime::driver::Unpark::unpark_self), say
//! when a socket's event wakes the `block_on` future from inside `park`)
//! writes nothing: that thread checks for work before it polls again, and the
//! write would only cost a system call now and an empty wake-up later, once
//! per readiness cycle of a bulk transfer.
//!
//! The layer stores the driver's handle in the runtime's registry. A socket
//! looks the handle up once, when it is created, and keeps it; no operation
//! touches the runtime's context afterwards.
//!
//! # Readiness
//!
//! Each registered resource has a `ScheduledIo`: a readiness
//! word with a generation *tick*, and separate waiters for the read and the
//! write side. Sources are registered edge-triggered; readiness stays set
//! until an operation sees `WouldBlock`, and is cleared only if no event
//! arrived meanwhile (the tick is unchanged). See that module for the details.
//!
//! # Registrations and exact deregistration
//!
//! The reactor finds a registration from an event's token through a slab of
//! generation-tagged slots: the token is `index | generation << 24`. A
//! resource owns an `Arc<ScheduledIo>` and its token. Dropping it
//!
//! 1. deregisters the fd from epoll (no new event can name the token),
//! 2. closes the fd,
//! 3. frees the slot and bumps its generation.
//!
//! Events already copied out of the kernel into the reactor's buffer may
//! still name the old token; the reactor looks tokens up under the slab lock,
//! so it either runs before step 3 (and sets readiness on a `ScheduledIo`
//! that is still alive, since the slot holds an `Arc`), or after it (and
//! finds a free slot or a newer generation, and drops the event). So no event
//! reaches a freed registration, and no event meant for a closed fd reaches a
//! new resource that reuses the fd number or the slot.
//!
//! We chose the slab over tokio's scheme (the token is the address of a
//! refcounted `ScheduledIo`, released in batches by the driver thread)
//! because the generation check makes the "stale event" case an ordinary,
//! testable branch instead of an invariant about when memory is released,
//! and it needs no `unsafe`. The price is one uncontended lock per batch of
//! events and per registration, never per I/O operation.
//!
//! # Shutdown
//!
//! `Driver::shutdown` (and dropping the reactor) marks the handle shut down
//! and wakes every registration: pending and later operations fail with an
//! error of kind `Other` that says the runtime is gone, and new registrations
//! fail the same way. Nothing waits on a reactor that no longer polls.

mod handle;
pub(crate) mod interest;
pub(crate) mod poll_evented;
mod reactor;
pub(crate) mod registration;
pub(crate) mod scheduled_io;

use runtime_core::runtime::driver::{Driver, DriverLayer, LayerContext};

pub(crate) use reactor::Reactor;

/// The I/O driver as a layer for runtime-core's `Builder::driver_layer`.
///
/// The facade's `Builder::enable_io` (and `enable_all`) calls this; use it
/// directly when building a runtime from `runtime-core` alone. Install it
/// before the time driver's layer: it replaces the driver below it, while the
/// time driver wraps it.
///
/// # Errors
///
/// Building the runtime fails if the OS poller cannot be created (for
/// instance when the process is out of file descriptors).
///
/// # Examples
///
/// ```
/// use runtime_core::runtime::Builder;
///
/// # fn main() -> std::io::Result<()> {
/// let rt = Builder::new_current_thread()
///     .driver_layer(runtime_net::driver::layer())
///     .build()?;
/// rt.block_on(async {
///     let listener = runtime_net::TcpListener::bind("127.0.0.1:0").await?;
///     assert_ne!(listener.local_addr()?.port(), 0);
///     Ok::<(), std::io::Error>(())
/// })?;
/// # Ok(())
/// # }
/// ```
pub fn layer() -> DriverLayer {
    layer_with_events(DEFAULT_EVENTS_PER_TICK, DEFAULT_EVENTS_PER_TICK)
}

/// How many I/O events the driver takes from the OS per poll, by default.
pub const DEFAULT_EVENTS_PER_TICK: usize = 1024;

/// [`layer`] with explicit batch sizes: at most `per_tick` events are taken
/// from the OS per poll that may wait (an idle worker), and at most
/// `per_busy_tick` per poll that does not wait (a worker that still has
/// tasks to run, or a timer already due). Events left over stay queued in
/// the kernel for the next poll. The facade's
/// `Builder::max_io_events_per_tick` and `max_io_events_per_busy_tick` set
/// them.
///
/// # Panics
///
/// If either size is zero.
///
/// # Examples
///
/// ```
/// use runtime_core::runtime::Builder;
///
/// let rt = Builder::new_current_thread()
///     .driver_layer(runtime_net::driver::layer_with_events(256, 16))
///     .build()
///     .unwrap();
/// # drop(rt);
/// ```
#[track_caller]
pub fn layer_with_events(per_tick: usize, per_busy_tick: usize) -> DriverLayer {
    assert!(per_tick > 0, "max_io_events_per_tick must be non-zero");
    assert!(
        per_busy_tick > 0,
        "max_io_events_per_busy_tick must be non-zero"
    );
    Box::new(move |below: Box<dyn Driver>, cx: &mut LayerContext<'_>| {
        // The reactor replaces the plain parker: it parks in epoll instead.
        drop(below);
        let (reactor, handle) = Reactor::new(per_tick, per_busy_tick)?;
        cx.registry.insert(handle);
        Ok(Box::new(reactor) as Box<dyn Driver>)
    })
}

#[cfg(test)]
mod tests;
