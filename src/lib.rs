//! `runtime`: an asynchronous runtime for Rust.
//!
//! This is the facade crate: it re-exports runtime-core and its satellites at
//! tokio 1.x's paths, behind tokio's feature flags, so that tokio code ports
//! by renaming the crate. It holds docs and wiring only; the code lives in
//! the `runtime-*` crates.
//!
//! # Feature flags
//!
//! | flag | enables |
//! |---|---|
//! | `rt` | `spawn`, `task`, the current-thread `runtime` |
//! | `rt-multi-thread` | the multi-threaded work-stealing runtime |
//! | `macros` | `#[runtime::main]`, `#[runtime::test]`, `select!`, `join!`, `try_join!` |
//! | `sync` | `sync`: channels, locks, semaphores |
//! | `io-util` | the `io` extension traits and utilities |
//! | `io-std` | `io::stdin`, `io::stdout`, `io::stderr` |
//! | `net` | `net`: TCP, UDP, Unix sockets (runtime-net) |
//! | `fs` | `fs`: files and directories, on the blocking pool (runtime-fs) |
//! | `process` | `process`: asynchronous child processes (runtime-process) |
//! | `time` | `time`: sleep, timeout, interval (runtime-time) |
//! | `signal` | `signal`: `ctrl_c`, Unix signals (runtime-signal); `Builder::enable_io` |
//! | `test-util` | pausing and advancing time in tests |
//! | `parking_lot` | nothing: accepted so that tokio manifests build unchanged |
//! | `full` | all of the above except `test-util` |

#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "fs")]
pub mod fs;
pub mod io;
mod macros;
#[cfg(feature = "net")]
pub mod net;
#[cfg(all(unix, feature = "process"))]
#[cfg_attr(docsrs, doc(cfg(feature = "process")))]
pub mod process;
#[cfg(feature = "rt")]
pub mod runtime;
#[cfg(all(unix, feature = "signal"))]
#[cfg_attr(docsrs, doc(cfg(feature = "signal")))]
pub mod signal;
#[cfg(feature = "sync")]
pub mod sync;
#[cfg(feature = "rt")]
pub mod task;
#[cfg(feature = "time")]
pub mod time;

#[cfg(feature = "rt")]
#[doc(inline)]
pub use task::spawn;

#[doc(inline)]
pub use runtime_core::task_local;

#[doc(inline)]
pub use macros::*;
