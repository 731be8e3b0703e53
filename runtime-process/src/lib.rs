//! Asynchronous child processes: tokio 1.x's `tokio::process`, reached
//! through the facade as `runtime::process` (feature `process`).
//!
//! [`Command`] builds a process like `std::process::Command`; its
//! [`spawn`](Command::spawn) returns a [`Child`] whose exit is awaited, and
//! whose standard streams, when piped, are the non-blocking
//! [`ChildStdin`], [`ChildStdout`] and [`ChildStderr`]. Unix only.
//!
//! ```
//! # let rt = runtime_core::runtime::Builder::new_current_thread()
//! #     .driver_layer(runtime_net::driver::layer())
//! #     .build()
//! #     .unwrap();
//! # rt.block_on(async {
//! use runtime_process::Command;
//!
//! let output = Command::new("sh").args(["-c", "echo hello"]).output().await?;
//! assert!(output.status.success());
//! assert_eq!(output.stdout, b"hello\n");
//! # Ok::<(), std::io::Error>(())
//! # }).unwrap();
//! ```
//!
//! # Design
//!
//! * **Spawning** is std's: `Command` wraps a `std::process::Command`, and a
//!   running `Child` wraps the `std::process::Child`, whose `try_wait`
//!   (`waitpid(WNOHANG)`) collects and caches the status and whose `kill`
//!   sends `SIGKILL`. Everything here needs a runtime with the I/O driver:
//!   spawning outside one panics with tokio's messages.
//! * **Pipes** ([`stdio`](ChildStdin)): each piped stream is made
//!   non-blocking and registered with the I/O driver as runtime-net's
//!   `unix::pipe::Sender` / `Receiver`; readiness drives reads and writes.
//! * **Exit** (`waiter`): on Linux 5.3+ a pidfd (`pidfd_open`) is
//!   registered with the I/O driver; it becomes readable when the child
//!   exits, and the waiting task then reaps it with `try_wait`. Without
//!   pidfds (old kernels, seccomp), or once the runtime that registered the
//!   pidfd has shut down (a child outliving its runtime), a detached thread
//!   blocks in `waitid(WNOWAIT)` (which does not reap, so the pid cannot be
//!   recycled) and signals the task through a oneshot channel. tokio falls
//!   back to `SIGCHLD` instead; we have no signal driver, and a thread per
//!   waited child, only on old kernels, is simpler than owning a
//!   process-wide signal handler.
//! * **Orphans** (`orphan`): a `Child` dropped before it was reaped is
//!   killed first if [`kill_on_drop`](Command::kill_on_drop) is set, then
//!   taken over by a task on the current runtime that awaits its exit and
//!   reaps it. Without a runtime, or if that task is dropped at shutdown, it
//!   goes to a process-wide list reaped on every spawn, wait and drop.
//!   Reaping is best effort, as in tokio.
//!
//! No state machine of our own crosses threads: the waiter thread talks to
//! the task through runtime-core's (loom-checked) oneshot channel, and the
//! orphan list is a plain mutex-guarded `Vec`.

#![cfg(unix)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod child;
mod command;
mod orphan;
mod stdio;
mod sys;
mod waiter;

#[cfg(test)]
mod tests;

pub use child::Child;
pub use command::Command;
pub use stdio::{ChildStderr, ChildStdin, ChildStdout};

/// The panic message outside a runtime, worded as tokio 1.x's (runtime-net
/// panics with the same text when a pipe or pidfd is registered).
pub(crate) const NO_RUNTIME_MSG: &str =
    "there is no reactor running, must be called from the context of a Tokio 1.x runtime";
