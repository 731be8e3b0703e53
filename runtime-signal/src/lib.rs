//! Asynchronous Unix signal handling for `runtime`: tokio 1.x's
//! `tokio::signal`.
//!
//! Most users reach this crate through the facade, as `runtime::signal`
//! (feature `signal`), with the driver installed by `Builder::enable_io`.
//!
//! * [`ctrl_c`]: completes at the next Ctrl-C (`SIGINT`).
//! * [`unix::signal`]: a [`unix::Signal`] notified at each delivery of a
//!   [`unix::SignalKind`].
//! * [`driver::layer`]: the signal driver, for runtimes built from
//!   runtime-core directly.
//!
//! Signal handling is process-wide and full of traps; read the caveats on
//! [`unix::Signal`] before using it.
//!
//! # Examples
//!
//! ```no_run
//! use runtime_signal::unix::{SignalKind, signal};
//!
//! # async fn run() -> std::io::Result<()> {
//! let mut terminate = signal(SignalKind::terminate())?;
//! runtime_core::select! {
//!     _ = runtime_signal::ctrl_c() => println!("Ctrl-C"),
//!     _ = terminate.recv() => println!("SIGTERM"),
//! }
//! # Ok(())
//! # }
//! ```
//!
//! # Design
//!
//! A signal handler interrupts a thread at an arbitrary point, so it may only
//! do async-signal-safe work: no lock, no allocation, no waker. Ours does
//! two things (see `sys`): it sets the signal's *pending* flag (an atomic)
//! and writes one byte to a global non-blocking socket (the self-pipe trick).
//! Everything else happens on a runtime's driver thread:
//!
//! 1. **Globals** (`globals`): the socket pair, the broadcast table, and per
//!    signal whether the handler is installed, live in a process-wide global
//!    that is created on first use and never freed, because the handler may
//!    run at any time. The handler is installed by the first listener of a
//!    signal and never removed, as in tokio; a failure to install it is
//!    remembered and reported to every later listener.
//! 2. **The driver** (`driver`): a driver layer stacked on the I/O driver
//!    (the facade installs it in `enable_io`). The first `signal()` in a
//!    runtime registers a duplicate of the socket's reading end with that
//!    runtime's I/O driver. When it becomes readable, the layer reads it dry
//!    after its next park and asks the table to broadcast.
//! 3. **The table** (`registry`): per signal, the pending flag, a version
//!    counter bumped by each broadcast that finds the flag set, and the
//!    wakers of the listeners waiting. A [`unix::Signal`] remembers the last
//!    version it reported; a different version is one notification.
//!
//! Deliveries therefore coalesce (several signals before a broadcast set
//! one flag; several broadcasts before a receive are one version change),
//! every listener of a kind is notified, and a listener never hears of a
//! broadcast older than itself.
//!
//! With several runtimes, each registers its own duplicate of the socket, so
//! each is woken; the first to read broadcasts to the listeners of all of
//! them through the global table. A runtime that shuts down wakes its
//! listeners, whose `recv` then returns `None`.
//!
//! # Differences from tokio
//!
//! tokio's `Signal::recv` never returns `None`; a `Signal` whose runtime is
//! gone just never completes. Ours returns `None` once its runtime's signal
//! driver has shut down (after any notification that came before), and
//! [`ctrl_c`] then fails with an error, so that nothing waits forever on a
//! runtime that no longer exists.

#![cfg_attr(docsrs, feature(doc_cfg))]
#![cfg(unix)]

mod ctrl_c;
pub mod driver;
mod globals;
mod registry;
mod sys;
pub mod unix;

pub use ctrl_c::ctrl_c;

#[cfg(all(test, runtime_loom))]
mod loom_registry;
