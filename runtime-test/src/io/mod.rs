//! A scripted mock I/O object for testing code that reads and writes bytes.
//!
//! A [`Builder`] lists, in order, what the code under test should see and
//! do: bytes it will read ([`Builder::read`]), bytes it must write
//! ([`Builder::write`]), errors its reads or writes will get, and pauses.
//! [`Builder::build`] turns the script into a [`Mock`] implementing
//! `AsyncRead` and `AsyncWrite`, and the mock checks the code against the
//! script as it runs:
//!
//! * a write of bytes other than those the script expects panics, naming
//!   the expected and the actual bytes;
//! * a write when the script expects no more writes panics;
//! * a read while the script's next step is a write waits (returns
//!   `Pending`) until that write happens; a read after the script is done
//!   returns end of file;
//! * dropping the mock with bytes still to be read or written panics
//!   (unless the thread is already panicking).
//!
//! Reads return at most the bytes of one `read` step, so a script with
//! `read(b"ab").read(b"c")` delivers `ab` and `c` in separate reads, which
//! is how a test feeds a decoder a frame in pieces. Writes, on the other
//! hand, may be split or merged freely: they are matched byte by byte
//! against consecutive `write` steps.
//!
//! [`Builder::build_with_handle`] also returns a [`Handle`] through which
//! the test can append steps while the mock is in use; the mock then treats
//! the end of its script as "wait for more" until the handle is dropped.
//!
//! # Examples
//!
//! ```
//! use std::pin::Pin;
//! use futures::future::poll_fn;
//! use runtime_core::io::{AsyncRead, AsyncWrite, ReadBuf};
//!
//! # runtime_test::block_on(async {
//! let mut mock = runtime_test::io::Builder::new()
//!     .read(b"ping\n")
//!     .write(b"pong\n")
//!     .build();
//!
//! let mut buf = [0u8; 16];
//! let mut read_buf = ReadBuf::new(&mut buf);
//! poll_fn(|cx| Pin::new(&mut mock).poll_read(cx, &mut read_buf)).await.unwrap();
//! assert_eq!(read_buf.filled(), b"ping\n");
//!
//! let n = poll_fn(|cx| Pin::new(&mut mock).poll_write(cx, b"pong\n")).await.unwrap();
//! assert_eq!(n, 5);
//! # });
//! ```

mod builder;
mod handle;
mod mock;

pub use builder::Builder;
pub use handle::Handle;
pub use mock::Mock;

use std::io;
use std::time::Duration;

use runtime_core::loom::sync::Arc;

/// One step of a script.
#[derive(Debug, Clone)]
pub(crate) enum Action {
    /// Bytes the code will read; consumed from the front.
    Read(Vec<u8>),
    /// Bytes the code must write; consumed from the front.
    Write(Vec<u8>),
    /// A pause in both directions.
    Wait(Duration),
    /// An error the next read gets; `None` once returned.
    ReadError(Option<Arc<io::Error>>),
    /// An error the next write gets; `None` once returned.
    WriteError(Option<Arc<io::Error>>),
}

/// Takes the error out of a shared slot: the original when this was the
/// last reference (the usual case), an equivalent one otherwise (when the
/// builder that made the script was cloned).
pub(crate) fn take_error(err: Arc<io::Error>) -> io::Error {
    Arc::try_unwrap(err).unwrap_or_else(|shared| io::Error::new(shared.kind(), shared.to_string()))
}
