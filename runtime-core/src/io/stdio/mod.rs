//! Standard input, output and error, driven on the blocking pool.
//!
//! The operating system offers no portable non-blocking mode for the
//! standard streams (they may be a terminal, a pipe or a file), so each one
//! is wrapped in [`Blocking`](blocking::Blocking): an adapter that moves the
//! std handle and a byte buffer into a `spawn_blocking` closure for every
//! operation, and gets both back when it completes. A write returns as soon
//! as its bytes are copied into the buffer; the next write, flush or
//! shutdown first waits for it (and reports its error, if any).
//!
//! Consequences worth knowing, as with tokio: output written concurrently by
//! several handles may interleave; a read from stdin that is waiting for
//! input occupies a blocking thread until input arrives, even if the
//! `Stdin` is dropped, and can delay runtime shutdown.

mod blocking;
mod stderr;
mod stdin;
mod stdout;

pub use stderr::{Stderr, stderr};
pub use stdin::{Stdin, stdin};
pub use stdout::{Stdout, stdout};
