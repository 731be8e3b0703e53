//! Asynchronous child processes, at tokio's `tokio::process` path.
//!
//! The code lives in the `runtime-process` crate; this module only
//! re-exports it. Spawning needs a runtime with the I/O driver
//! (`Builder::enable_io`, or `#[runtime::main]`, which enables everything):
//! the child's pipes and its exit are waited for through it.
//!
//! * [`Command`] builds and spawns a process; [`Child`] awaits it.
//! * [`ChildStdin`], [`ChildStdout`], [`ChildStderr`]: its piped standard
//!   streams, as `AsyncWrite` / `AsyncRead`.
//!
//! ```
//! # runtime::runtime::Runtime::new().unwrap().block_on(async {
//! use runtime::process::Command;
//!
//! let output = Command::new("echo").arg("hello").output().await?;
//! assert_eq!(output.stdout, b"hello\n");
//! # Ok::<(), std::io::Error>(())
//! # }).unwrap();
//! ```

#[doc(inline)]
pub use runtime_process::{Child, ChildStderr, ChildStdin, ChildStdout, Command};
