//! Asynchronous file and directory operations, at tokio's `tokio::fs`
//! paths.
//!
//! The code lives in the `runtime-fs` crate; this module only re-exports
//! it. Every operation is a blocking `std::fs` call run on the runtime's
//! blocking pool, so it works on any runtime (no driver to enable) and
//! panics outside one.
//! Meant for ordinary files: for FIFOs and other files whose operations can
//! block forever, use `runtime::net::unix::pipe` or
//! `AsyncFd` (feature `net`).
//!
//! * [`File`] and [`OpenOptions`]: an open file, read, written and seeked
//!   through [`AsyncRead`](crate::io::AsyncRead),
//!   [`AsyncWrite`](crate::io::AsyncWrite) and
//!   [`AsyncSeek`](crate::io::AsyncSeek). Writes complete in the background:
//!   `flush().await` before dropping a `File` to see their errors.
//! * Directories: [`create_dir`], [`create_dir_all`], [`DirBuilder`],
//!   [`read_dir`] ([`ReadDir`], [`DirEntry`]), [`remove_dir`],
//!   [`remove_dir_all`].
//! * Whole files and paths: [`read`], [`read_to_string`], [`write`](fn@write),
//!   [`copy`], [`rename`], [`remove_file`], [`hard_link`], [`symlink`],
//!   [`read_link`], [`canonicalize`], [`metadata`], [`symlink_metadata`],
//!   [`set_permissions`], [`try_exists`].
//!
//! # Examples
//!
//! ```
//! use runtime::fs::File;
//! use runtime::io::{AsyncReadExt, AsyncWriteExt};
//!
//! # let rt = runtime::runtime::Builder::new_current_thread().build().unwrap();
//! # rt.block_on(async {
//! let path = std::env::temp_dir().join("runtime-facade-doc-fs.txt");
//! let mut file = File::create(&path).await?;
//! file.write_all(b"hello").await?;
//! file.flush().await?;
//!
//! let mut contents = String::new();
//! File::open(&path).await?.read_to_string(&mut contents).await?;
//! assert_eq!(contents, "hello");
//! runtime::fs::remove_file(&path).await?;
//! # Ok::<(), std::io::Error>(())
//! # }).unwrap();
//! ```

#[doc(inline)]
pub use runtime_fs::{
    DirBuilder, DirEntry, File, FileTimes, OpenOptions, ReadDir, canonicalize, copy, create_dir,
    create_dir_all, hard_link, metadata, read, read_dir, read_link, read_to_string, remove_dir,
    remove_dir_all, remove_file, rename, set_permissions, symlink_metadata, try_exists, write,
};

#[cfg(unix)]
#[doc(inline)]
pub use runtime_fs::symlink;
