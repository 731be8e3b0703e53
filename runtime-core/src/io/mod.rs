//! Asynchronous I/O: the traits every byte stream implements, and the
//! extension methods and helpers built on them, at tokio 1.x's `tokio::io`
//! paths.
//!
//! This module is the meeting point of the workspace: `runtime-net`
//! implements [`AsyncRead`] / [`AsyncWrite`] for its sockets (and uses
//! [`Interest`] / [`Ready`] for readiness), and `runtime-util` builds codecs
//! on them, without either depending on the other. The traits and their
//! semantics are tokio 1.x's.
//!
//! * [`AsyncRead`] fills a [`ReadBuf`], which tracks the filled and
//!   initialised regions of a possibly uninitialised buffer.
//! * [`AsyncWrite`] writes, flushes and shuts down, with optional vectored
//!   writes.
//! * [`AsyncBufRead`] exposes an internal buffer; [`AsyncSeek`] moves a
//!   cursor in two steps.
//! * The extension traits ([`AsyncReadExt`], [`AsyncWriteExt`],
//!   [`AsyncBufReadExt`], [`AsyncSeekExt`]) give every implementation
//!   `async`-style methods: `read_exact`, `write_all`, `read_line` ...
//! * Helpers: [`copy`] and friends, [`split`], [`duplex`] / [`simplex`]
//!   in-memory pipes, [`BufReader`] / [`BufWriter`] / [`BufStream`],
//!   [`empty`], [`sink`], [`repeat`], [`join`].
//! * The standard streams, [`stdin`], [`stdout`], [`stderr`], driven on the
//!   blocking pool (so they need a runtime).
//!
//! # Examples
//!
//! ```
//! use runtime_core::io::{self, AsyncBufReadExt, AsyncWriteExt, BufReader};
//!
//! # futures::executor::block_on(async {
//! let (client, mut server) = io::duplex(1024);
//! server.write_all(b"hello\nworld\n").await?;
//! drop(server);
//! let mut lines = BufReader::new(client).lines();
//! while let Some(line) = lines.next_line().await? {
//!     println!("{line}");
//! }
//! # std::io::Result::Ok(()) }).unwrap();
//! ```

mod async_buf_read;
mod async_read;
mod async_seek;
mod async_write;
mod interest;
mod read_buf;
mod ready;
mod split;
mod stdio;
mod util;

pub use async_buf_read::AsyncBufRead;
pub use async_read::AsyncRead;
pub use async_seek::AsyncSeek;
pub use async_write::AsyncWrite;
pub use interest::Interest;
pub use read_buf::ReadBuf;
pub use ready::Ready;
pub use split::{ReadHalf, WriteHalf, split};
pub use stdio::{Stderr, Stdin, Stdout, stderr, stdin, stdout};
pub use util::{
    AsyncBufReadExt, AsyncReadExt, AsyncSeekExt, AsyncWriteExt, BufReader, BufStream, BufWriter,
    Chain, DuplexStream, Empty, Join, Lines, Repeat, SimplexStream, Sink, Split, Take, copy,
    copy_bidirectional, copy_bidirectional_with_sizes, copy_buf, duplex, empty, join, repeat,
    simplex, sink,
};

pub use std::io::{Error, ErrorKind, Result, SeekFrom};
