//! Asynchronous file system operations for `runtime`.
//!
//! Most users reach this crate through the facade, as `runtime::fs`
//! (feature `fs`). The items here are tokio 1.x's `tokio::fs`: same names,
//! signatures and behaviour.
//!
//! * [`File`], opened with [`File::open`], [`File::create`] or
//!   [`OpenOptions`]: reads, writes and seeks through the `AsyncRead`,
//!   `AsyncWrite` and `AsyncSeek` traits of runtime-core.
//! * Directories: [`create_dir`], [`create_dir_all`], [`DirBuilder`],
//!   [`read_dir`] with [`ReadDir`] and [`DirEntry`], [`remove_dir`],
//!   [`remove_dir_all`].
//! * Whole files and paths: [`read`], [`read_to_string`], [`write`](fn@write),
//!   [`copy`], [`rename`], [`remove_file`], [`hard_link`], [`symlink`],
//!   [`read_link`], [`canonicalize`], [`metadata`], [`symlink_metadata`],
//!   [`set_permissions`], [`try_exists`].
//!
//! # How it fits
//!
//! Operating systems offer no portable readiness-based file I/O, so this
//! crate has no driver: every operation is a blocking `std::fs` call run on
//! runtime-core's blocking pool (`runtime_core::task::spawn_blocking`), and
//! the caller's task waits for its `JoinHandle`. Any runtime works,
//! current-thread or multi-threaded, with or without the I/O and time
//! drivers. Outside a runtime the functions panic, with `spawn_blocking`'s
//! message.
//!
//! Each call is a trip to another thread, so many small operations are
//! slow: read and write in large chunks (wrap a [`File`] in a `BufReader`
//! or `BufWriter`), or do a batch of work in one `spawn_blocking` closure
//! with `std::fs` directly.
//!
//! Use it for ordinary files. A special file whose operations can block
//! forever (a FIFO with no writer, a terminal) ties up a blocking thread,
//! and runtime shutdown waits for it; for those, use runtime-net's
//! `unix::pipe` or `AsyncFd`, which wait for readiness instead.
//!
//! # Writes complete in the background
//!
//! [`File`]'s `poll_write` returns as soon as the bytes are copied into the
//! file's buffer; the write itself runs afterwards. An error it hits is
//! reported by the next operation on the file, so call `flush().await`
//! before dropping a `File` whose writes matter: a write still in flight
//! finishes after the drop, but its error is lost. See [`File`] for the
//! details.
//!
//! # Cancellation
//!
//! Dropping one of these futures does not stop a system call already
//! running on the blocking pool; its effect happens anyway.
//!
//! # Examples
//!
//! ```
//! # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
//! # rt.block_on(async {
//! let dir = std::env::temp_dir().join("runtime-fs-doc-crate");
//! runtime_fs::create_dir_all(&dir).await?;
//! runtime_fs::write(dir.join("greeting.txt"), "hello").await?;
//! let text = runtime_fs::read_to_string(dir.join("greeting.txt")).await?;
//! assert_eq!(text, "hello");
//! runtime_fs::remove_dir_all(&dir).await?;
//! # Ok::<(), std::io::Error>(())
//! # }).unwrap();
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

mod blocking;
mod buf;
mod dir_builder;
mod file;
mod file_times;
mod open_options;
mod ops;
mod read_dir;

pub use dir_builder::DirBuilder;
pub use file::File;
pub use file_times::FileTimes;
pub use open_options::OpenOptions;
#[cfg(unix)]
pub use ops::symlink;
pub use ops::{
    canonicalize, copy, create_dir, create_dir_all, hard_link, metadata, read, read_link,
    read_to_string, remove_dir, remove_dir_all, remove_file, rename, set_permissions,
    symlink_metadata, try_exists, write,
};
pub use read_dir::{DirEntry, ReadDir, read_dir};
