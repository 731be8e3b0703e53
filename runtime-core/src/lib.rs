//! The stable core of `runtime`, an asynchronous runtime for Rust.
//!
//! Most users reach this crate through the `runtime` facade
//! (`runtime::spawn`, `runtime::sync::mpsc`, `#[runtime::main]`), which
//! re-exports it at tokio 1.x's paths. Depend on `runtime-core` directly
//! when you need only part of it: a library that uses channels needs
//! nothing else.
//!
//! # What is here
//!
//! * [`task`]: spawned tasks, `JoinHandle`, `JoinSet`, `LocalSet`, task
//!   locals, and the cooperative budget ([`task::coop`]) every resource uses.
//! * [`runtime`]: the schedulers (current-thread and multi-threaded
//!   work-stealing), the blocking pool, `Runtime`/`Builder`/`Handle`, and the
//!   [driver seam](runtime::driver) through which `runtime-net` (I/O) and
//!   `runtime-time` (timers) plug in.
//! * [`sync`]: asynchronous channels and locks, usable with any executor.
//! * [`io`]: the `AsyncRead`/`AsyncWrite` family and its utilities.
//!
//! # How it fits the other crates
//!
//! Nothing here knows the satellites. `runtime-net` and `runtime-time`
//! implement [`runtime::driver::Driver`] and register their handles in the
//! runtime's [`runtime::driver::Registry`]; the facade composes them.
//! Concurrency primitives come through the [`loom`] shim so that every
//! crate's loom models run against this one.

#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod io;
pub mod loom;
#[doc(hidden)]
pub mod macros;
pub mod runtime;
pub mod sync;
pub mod task;
