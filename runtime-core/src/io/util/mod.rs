//! The io utilities: extension traits, their futures, adapters and helpers.
//!
//! One item per file:
//!
//! * the extension traits, [`AsyncReadExt`], [`AsyncWriteExt`],
//!   [`AsyncBufReadExt`], [`AsyncSeekExt`], whose methods return the futures
//!   of `read.rs`, `read_exact.rs`, `read_int.rs`, `write_all.rs` ... (one
//!   future per file; the numeric ones come from one macro each);
//! * adapters: [`Take`], [`Chain`], [`Lines`], [`Split`], [`BufReader`],
//!   [`BufWriter`], [`BufStream`], [`Join`];
//! * pipes: [`SimplexStream`] and [`DuplexStream`], in-memory streams with
//!   back-pressure;
//! * copying: [`copy`], [`copy_buf`], [`copy_bidirectional`] on a shared
//!   `CopyBuffer` state machine;
//! * buffers: `AlignedBuf` (a byte buffer starting on a cache line, for
//!   fast `memcpy`s) and `ByteRing` (the pipes' store, built on it);
//! * trivial streams: [`Empty`], [`Sink`], [`Repeat`].
//!
//! The futures returned by the extension methods are public types in private
//! modules, as in tokio: they can be stored and polled, but not named. They
//! are `!Unpin` (like `async fn` futures) so that the methods can become
//! `async fn`s later without a breaking change; pin them (`Box::pin`,
//! `std::pin::pin!`) to poll them by hand.
//!
//! Cancellation safety is documented on every method. The rule of thumb:
//! an operation whose progress lives in the caller's buffer (`read`,
//! `write`, `read_until`, `write_all_buf`, `Lines::next_line`) is safe to
//! drop; one whose progress lives only in the future (`read_exact`,
//! `write_all`, `read_to_end`, the numeric reads) is not.

// The futures are nameable only through the methods that return them, as in
// tokio; the lint cannot see that they are meant to be reachable that way.
#![allow(unreachable_pub)]

mod aligned_buf;
mod async_buf_read_ext;
mod async_read_ext;
mod async_seek_ext;
mod async_write_ext;
mod buf_reader;
mod buf_stream;
mod buf_writer;
mod byte_ring;
mod chain;
mod copy;
mod copy_bidirectional;
mod copy_buf;
mod duplex;
mod empty;
mod fill_buf;
mod flush;
mod join;
mod lines;
mod memchr;
mod read;
mod read_buf;
mod read_exact;
mod read_int;
mod read_line;
mod read_to_end;
mod read_to_string;
mod read_until;
mod repeat;
mod seek;
mod shutdown;
mod simplex;
mod sink;
mod split;
mod take;
mod vec_with_initialized;
mod write;
mod write_all;
mod write_all_buf;
mod write_buf;
mod write_int;
mod write_vectored;

pub use async_buf_read_ext::AsyncBufReadExt;
pub use async_read_ext::AsyncReadExt;
pub use async_seek_ext::AsyncSeekExt;
pub use async_write_ext::AsyncWriteExt;
pub use buf_reader::BufReader;
pub use buf_stream::BufStream;
pub use buf_writer::BufWriter;
pub use chain::Chain;
pub use copy::copy;
pub use copy_bidirectional::{copy_bidirectional, copy_bidirectional_with_sizes};
pub use copy_buf::copy_buf;
pub use duplex::{DuplexStream, duplex};
pub use empty::{Empty, empty};
pub use join::{Join, join};
pub use lines::Lines;
pub use repeat::{Repeat, repeat};
pub use simplex::{SimplexStream, simplex};
pub use sink::{Sink, sink};
pub use split::Split;
pub use take::Take;
