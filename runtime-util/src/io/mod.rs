//! Adapters between byte streams and streams or sinks of buffers.
//!
//! * [`ReaderStream`] turns an [`AsyncRead`](runtime_core::io::AsyncRead)
//!   into a [`Stream`](futures_core::Stream) of [`Bytes`](bytes::Bytes)
//!   chunks; [`StreamReader`] turns a stream of [`Buf`](bytes::Buf)s back
//!   into an `AsyncRead` (and `AsyncBufRead`).
//! * [`SinkWriter`] turns a [`Sink`](futures_sink::Sink) of `&[u8]` into an
//!   [`AsyncWrite`](runtime_core::io::AsyncWrite); [`CopyToBytes`] turns a
//!   sink of `Bytes` into a sink of `&[u8]`, so the two compose.
//! * [`InspectReader`] and [`InspectWriter`] call a closure with every
//!   byte read or written, for checksums, logging or metering.
//! * `SyncIoBridge` (feature `io-util`) gives blocking code the
//!   `std::io` traits over an asynchronous object.
//! * `read_exact_arc` (feature `io-util`) reads an exact number of bytes
//!   into an `Arc<[u8]>`.
//! * [`write_all_vectored`] writes a whole list of buffers.
//! * [`simplex`] is a one-way in-memory byte channel with a bounded buffer.
//! * [`poll_read_buf`], [`poll_write_buf`] and [`read_buf`] move bytes
//!   between the I/O traits and [`BufMut`](bytes::BufMut) /
//!   [`Buf`](bytes::Buf) buffers.

mod copy_to_bytes;
mod inspect_reader;
mod inspect_writer;
mod poll_buf;
#[cfg(feature = "io-util")]
mod read_arc;
mod reader_stream;
pub mod simplex;
mod sink_writer;
mod stream_reader;
#[cfg(feature = "io-util")]
mod sync_bridge;
mod write_all_vectored;

pub use copy_to_bytes::CopyToBytes;
pub use inspect_reader::InspectReader;
pub use inspect_writer::InspectWriter;
pub use poll_buf::{poll_read_buf, poll_write_buf, read_buf};
#[cfg(feature = "io-util")]
#[cfg_attr(docsrs, doc(cfg(feature = "io-util")))]
pub use read_arc::read_exact_arc;
pub use reader_stream::ReaderStream;
pub use sink_writer::SinkWriter;
pub use stream_reader::StreamReader;
#[cfg(feature = "io-util")]
#[cfg_attr(docsrs, doc(cfg(feature = "io-util")))]
pub use sync_bridge::SyncIoBridge;
pub use write_all_vectored::{WriteAllVectored, write_all_vectored};
