//! Adapters from byte streams to streams of frames, and back.
//!
//! Raw I/O objects ([`AsyncRead`](runtime_core::io::AsyncRead),
//! [`AsyncWrite`](runtime_core::io::AsyncWrite)) move bytes; protocols move
//! messages. A *codec* says how messages are laid out in bytes: a
//! [`Decoder`] cuts frames out of a buffer of bytes read, an [`Encoder`]
//! appends an item's bytes to a buffer to write. The framing types do the
//! I/O and the buffering around a codec:
//!
//! * [`FramedRead`] turns an `AsyncRead` into a
//!   [`Stream`](futures_core::Stream) of frames;
//! * [`FramedWrite`] turns an `AsyncWrite` into a
//!   [`Sink`](futures_sink::Sink) of items;
//! * [`Framed`] does both over one object, and can be taken apart
//!   ([`FramedParts`]) to switch codecs mid-stream.
//!
//! Ready-made codecs: [`BytesCodec`] (bytes as they come), [`LinesCodec`]
//! (UTF-8 lines), [`AnyDelimiterCodec`] (chunks ended by any of a set of
//! bytes), and [`LengthDelimitedCodec`] (frames preceded by their length,
//! configured by a [`length_delimited::Builder`]).
//!
//! # Hostile input
//!
//! A codec facing a peer it does not trust must bound what it buffers:
//! create `LinesCodec` and `AnyDelimiterCodec` with `new_with_max_length`,
//! and keep `LengthDelimitedCodec`'s `max_frame_length` (8 MiB by default)
//! as small as the protocol allows. Over-long frames are then rejected with
//! an error before they are buffered, and a frame cut short by end of
//! stream is an error from [`Decoder::decode_eof`], never silently dropped.
//!
//! # Examples
//!
//! ```
//! use futures::{SinkExt, StreamExt};
//! use runtime_util::codec::{FramedRead, FramedWrite, LinesCodec};
//!
//! # futures::executor::block_on(async {
//! let mut out = FramedWrite::new(Vec::new(), LinesCodec::new());
//! out.send("hello").await.unwrap();
//! out.send("world").await.unwrap();
//!
//! let bytes = out.into_inner();
//! let mut lines = FramedRead::new(&bytes[..], LinesCodec::new());
//! assert_eq!(lines.next().await.unwrap().unwrap(), "hello");
//! assert_eq!(lines.next().await.unwrap().unwrap(), "world");
//! assert!(lines.next().await.is_none());
//! # });
//! ```

mod any_delimiter_codec;
mod bytes_codec;
mod decoder;
mod encoder;
mod framed;
mod framed_impl;
mod framed_read;
mod framed_write;
pub mod length_delimited;
mod lines_codec;

pub use any_delimiter_codec::{AnyDelimiterCodec, AnyDelimiterCodecError};
pub use bytes_codec::BytesCodec;
pub use decoder::Decoder;
pub use encoder::Encoder;
pub use framed::{Framed, FramedParts};
pub use framed_read::FramedRead;
pub use framed_write::FramedWrite;
pub use length_delimited::{LengthDelimitedCodec, LengthDelimitedCodecError};
pub use lines_codec::{LinesCodec, LinesCodecError};
