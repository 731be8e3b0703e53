//! Testing helpers for code built on `runtime`, mirroring tokio-test.
//!
//! * [`io`]: a mock I/O object that plays a script of reads, expected
//!   writes, errors and pauses, and panics when the code under test strays
//!   from it;
//! * [`stream_mock`]: the same for a `Stream` of items;
//! * [`task`]: poll a future or stream by hand with a waker that records
//!   wake-ups and counts its clones;
//! * assertion macros on `Poll` and `Result` values: [`assert_ready!`],
//!   [`assert_pending!`], [`assert_ready_ok!`], [`assert_ready_err!`],
//!   [`assert_ready_eq!`], [`assert_ok!`], [`assert_err!`], and
//!   [`assert_elapsed!`] for runtimes with a paused clock;
//! * [`block_on`]: run a future to completion on a fresh current-thread
//!   runtime with a timer.
//!
//! # Examples
//!
//! Check that a future is pending, gets woken, then completes:
//!
//! ```
//! use runtime_test::{assert_pending, assert_ready_eq, task};
//!
//! let (tx, rx) = futures::channel::oneshot::channel::<&str>();
//! let mut fut = task::spawn(rx);
//! assert_pending!(fut.poll());
//! tx.send("done").unwrap();
//! assert!(fut.is_woken());
//! assert_ready_eq!(fut.poll(), Ok("done"));
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

mod block_on;
pub mod io;
mod macros;
mod pause;
pub mod stream_mock;
pub mod task;

pub use block_on::block_on;
