//! Utilities for `runtime`, mirroring tokio-util 0.7.
//!
//! * [`codec`] (feature `codec`): [`Decoder`](codec::Decoder) and
//!   [`Encoder`](codec::Encoder), the framing types
//!   [`Framed`](codec::Framed), [`FramedRead`](codec::FramedRead) and
//!   [`FramedWrite`](codec::FramedWrite), and ready-made codecs for bytes,
//!   lines, delimited chunks and length-prefixed frames.
//! * [`io`] (feature `io`): adapters between byte streams and
//!   streams/sinks of buffers ([`ReaderStream`](io::ReaderStream),
//!   [`StreamReader`](io::StreamReader), [`SinkWriter`](io::SinkWriter),
//!   [`CopyToBytes`](io::CopyToBytes)), and readers/writers that observe the
//!   bytes passing through them.
//!
//! The crate depends on `runtime-core` for the I/O traits only; with just
//! the `codec` feature it needs nothing else but `bytes`, `futures-core` and
//! `futures-sink`, so codecs can be written and tested without a runtime.
//!
//! # Feature flags
//!
//! | feature   | enables |
//! |-----------|---------|
//! | `codec`   | the [`codec`] module |
//! | `io`      | the [`io`] module |
//! | `io-util` | `io` plus the adapters that need `runtime-core`'s io utilities |
//! | `full`    | everything |

#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "codec")]
#[cfg_attr(docsrs, doc(cfg(feature = "codec")))]
pub mod codec;

#[cfg(feature = "io")]
#[cfg_attr(docsrs, doc(cfg(feature = "io")))]
pub mod io;

#[cfg(any(feature = "codec", feature = "io"))]
mod util;
