//! Asynchronous I/O: the traits every byte stream implements, and (in
//! `util`) the extension methods and helpers built on them.
//!
//! This module is the meeting point of the workspace: `runtime-net`
//! implements [`AsyncRead`] / [`AsyncWrite`] for its sockets, and
//! `runtime-util` builds codecs on them, without either depending on the
//! other. The traits and their semantics are tokio 1.x's.
//!
//! * [`AsyncRead`] fills a [`ReadBuf`], which tracks the filled and
//!   initialised regions of a possibly uninitialised buffer.
//! * [`AsyncWrite`] writes, flushes and shuts down, with optional vectored
//!   writes.
//! * [`AsyncBufRead`] exposes an internal buffer; [`AsyncSeek`] moves a
//!   cursor in two steps.

mod async_buf_read;
mod async_read;
mod async_seek;
mod async_write;
mod read_buf;

pub use async_buf_read::AsyncBufRead;
pub use async_read::AsyncRead;
pub use async_seek::AsyncSeek;
pub use async_write::AsyncWrite;
pub use read_buf::ReadBuf;

pub use std::io::{Error, ErrorKind, Result, SeekFrom};
