//! Asynchronous signal handling, at tokio's `tokio::signal` paths.
//!
//! The code lives in the `runtime-signal` crate; this module only re-exports
//! it. Listening needs a runtime with the I/O driver (`Builder::enable_io`,
//! or `#[runtime::main]`, which enables everything), which also runs the
//! signal driver.
//!
//! * [`ctrl_c`]: completes at the next Ctrl-C.
//! * [`unix::signal`]: a [`unix::Signal`] notified at each delivery of a
//!   [`unix::SignalKind`] (`SIGHUP`, `SIGTERM`, `SIGUSR1`, ...).
//!
//! The first listener of a signal installs a process-wide handler that is
//! never removed: the signal's default action (usually terminating the
//! process) is gone for good. See [`unix::Signal`]'s caveats.
//!
//! One difference from tokio: [`unix::Signal::recv`] returns `None` once the
//! runtime it was created in has shut down, where tokio's never completes.
//!
//! # Examples
//!
//! ```
//! use runtime::signal::unix::{SignalKind, signal};
//!
//! #[runtime::main]
//! async fn main() -> std::io::Result<()> {
//!     let mut hangups = signal(SignalKind::hangup())?;
//!     // Send ourselves a SIGHUP, as a terminal hanging up would.
//!     std::process::Command::new("kill")
//!         .args(["-HUP", &std::process::id().to_string()])
//!         .status()?;
//!     hangups.recv().await;
//!     println!("got SIGHUP");
//!     Ok(())
//! }
//! ```

#[doc(inline)]
pub use runtime_signal::{ctrl_c, unix};
