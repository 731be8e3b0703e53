//! [`ReadDirStream`]: a directory listing as a stream of entries.
//!
//! The wrapper adds no state of its own: every poll is forwarded to
//! [`ReadDir::poll_next_entry`], whose `io::Result<Option<DirEntry>>` is
//! turned inside out into the `Option<io::Result<DirEntry>>` a stream
//! yields. `Ok(None)` (the listing is exhausted) becomes the end of the
//! stream, and an `Err` is an item like any other, so whatever `ReadDir`
//! does after an error (going on with the next entries) the stream does
//! too.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use runtime_fs::{DirEntry, ReadDir};

/// A [`Stream`] of the entries of a directory, read through a [`ReadDir`].
///
/// Each item is one entry, or the error met while reading it; the stream
/// ends once the directory has no more entries. Like [`ReadDir`] itself,
/// it lists neither `.` nor `..`, and the order of the entries is the
/// file system's.
///
/// # Examples
///
/// ```
/// use runtime_stream::StreamExt;
/// use runtime_stream::wrappers::ReadDirStream;
///
/// # let rt = runtime_core::runtime::Builder::new_current_thread().build().unwrap();
/// # rt.block_on(async {
/// let dir = std::env::temp_dir().join(format!("rds-doc-{}", std::process::id()));
/// runtime_fs::create_dir_all(&dir).await?;
/// runtime_fs::write(dir.join("one.txt"), b"1").await?;
/// runtime_fs::write(dir.join("two.txt"), b"2").await?;
///
/// let mut entries = ReadDirStream::new(runtime_fs::read_dir(&dir).await?);
/// let mut names = Vec::new();
/// while let Some(entry) = entries.next().await {
///     names.push(entry?.file_name());
/// }
/// names.sort();
/// assert_eq!(names, ["one.txt", "two.txt"]);
/// # runtime_fs::remove_dir_all(&dir).await?;
/// # Ok::<_, std::io::Error>(())
/// # }).unwrap();
/// ```
#[derive(Debug)]
pub struct ReadDirStream {
    inner: ReadDir,
}

impl ReadDirStream {
    /// Wraps a directory listing.
    pub fn new(read_dir: ReadDir) -> Self {
        ReadDirStream { inner: read_dir }
    }

    /// Returns the directory listing, positioned after the entries already
    /// yielded.
    pub fn into_inner(self) -> ReadDir {
        self.inner
    }
}

impl Stream for ReadDirStream {
    type Item = io::Result<DirEntry>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<io::Result<DirEntry>>> {
        self.inner.poll_next_entry(cx).map(Result::transpose)
    }
}

impl AsRef<ReadDir> for ReadDirStream {
    fn as_ref(&self) -> &ReadDir {
        &self.inner
    }
}

impl AsMut<ReadDir> for ReadDirStream {
    fn as_mut(&mut self) -> &mut ReadDir {
        &mut self.inner
    }
}
