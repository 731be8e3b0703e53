//! [`AsyncBufReadExt`]: the `async fn`-style methods of every
//! [`AsyncBufRead`].

use super::fill_buf::{FillBuf, fill_buf};
use super::lines::{Lines, lines};
use super::read_line::{ReadLine, read_line};
use super::read_until::{ReadUntil, read_until};
use super::split::{Split, split};
use crate::io::AsyncBufRead;

/// Reads from an [`AsyncBufRead`] by lines or delimiters: the asynchronous
/// twin of [`std::io::BufRead`]'s methods.
///
/// Implemented for every `AsyncBufRead` (such as
/// [`BufReader`](crate::io::BufReader) or `&[u8]`).
///
/// # Examples
///
/// ```
/// use runtime_core::io::{AsyncBufReadExt, BufReader};
///
/// # futures::executor::block_on(async {
/// let mut reader = BufReader::new(&b"first\nsecond\n"[..]);
/// let mut line = String::new();
/// reader.read_line(&mut line).await?;
/// assert_eq!(line, "first\n");
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
pub trait AsyncBufReadExt: AsyncBufRead {
    /// Reads bytes up to and including the delimiter `byte` (or up to end of
    /// file), appending them to `buf`, and returns how many were appended.
    ///
    /// Equivalent to:
    ///
    /// ```ignore
    /// async fn read_until(&mut self, byte: u8, buf: &mut Vec<u8>) -> io::Result<usize>;
    /// ```
    ///
    /// `Ok(0)` means end of file.
    ///
    /// # Errors
    ///
    /// A fill that fails with
    /// [`ErrorKind::Interrupted`](std::io::ErrorKind::Interrupted) is ignored
    /// and reading goes on. Any other error of the reader's
    /// [`poll_fill_buf`](AsyncBufRead::poll_fill_buf) is returned at once;
    /// the bytes consumed before it stay appended to `buf`.
    ///
    /// # Cancel safety
    ///
    /// This method is cancellation safe in the sense that bytes are appended
    /// to `buf` as soon as they are consumed: if it is dropped, `buf` holds
    /// every byte read, and calling it again continues up to the delimiter.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::AsyncBufReadExt;
    ///
    /// # futures::executor::block_on(async {
    /// let mut reader: &[u8] = b"key=value;rest";
    /// let mut buf = Vec::new();
    /// assert_eq!(reader.read_until(b';', &mut buf).await?, 10);
    /// assert_eq!(buf, b"key=value;");
    /// buf.clear();
    /// assert_eq!(reader.read_until(b';', &mut buf).await?, 4);
    /// assert_eq!(buf, b"rest");
    /// assert_eq!(reader.read_until(b';', &mut buf).await?, 0);
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    fn read_until<'a>(&'a mut self, byte: u8, buf: &'a mut Vec<u8>) -> ReadUntil<'a, Self>
    where
        Self: Unpin,
    {
        read_until(self, byte, buf)
    }

    /// Reads a line, up to and including its `\n` (or up to end of file),
    /// appending it to `buf`, and returns the number of bytes appended.
    ///
    /// Equivalent to:
    ///
    /// ```ignore
    /// async fn read_line(&mut self, buf: &mut String) -> io::Result<usize>;
    /// ```
    ///
    /// `Ok(0)` means end of file. The line ending is kept in `buf`.
    ///
    /// # Errors
    ///
    /// `InvalidData` if the line is not valid UTF-8: the line is consumed
    /// from the reader, and `buf` holds exactly what it held before the
    /// call. The error's inner error (see [`std::io::Error::into_inner`]) is
    /// the [`Utf8Error`](std::str::Utf8Error) of `buf`'s contents followed
    /// by the line, so its `valid_up_to` counts what `buf` held before.
    ///
    /// A fill that fails with
    /// [`ErrorKind::Interrupted`](std::io::ErrorKind::Interrupted) is ignored
    /// and reading goes on. Any other error of the reader is returned at
    /// once: `buf` then also holds the bytes read before the error, if they
    /// are valid UTF-8 (otherwise it holds what it held before the call).
    ///
    /// # Cancel safety
    ///
    /// This method is not cancellation safe: while it runs, `buf`'s contents
    /// are held by the future; if it is dropped, the part of the line read so
    /// far is lost and `buf` is left empty. Use [`lines`](Self::lines) in
    /// `select!` loops instead.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::AsyncBufReadExt;
    ///
    /// # futures::executor::block_on(async {
    /// let mut reader: &[u8] = b"one\ntwo";
    /// let mut line = String::new();
    /// assert_eq!(reader.read_line(&mut line).await?, 4);
    /// assert_eq!(reader.read_line(&mut line).await?, 3);
    /// assert_eq!(line, "one\ntwo");
    /// assert_eq!(reader.read_line(&mut line).await?, 0);
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    fn read_line<'a>(&'a mut self, buf: &'a mut String) -> ReadLine<'a, Self>
    where
        Self: Unpin,
    {
        read_line(self, buf)
    }

    /// Returns the segments of this reader between occurrences of `byte`,
    /// without the delimiter, through
    /// [`Split::next_segment`].
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::{AsyncBufReadExt, BufReader};
    ///
    /// # futures::executor::block_on(async {
    /// // (`&[u8]` has an inherent `split`, hence the `BufReader`.)
    /// let mut fields = BufReader::new(&b"a:b"[..]).split(b':');
    /// assert_eq!(fields.next_segment().await?, Some(b"a".to_vec()));
    /// assert_eq!(fields.next_segment().await?, Some(b"b".to_vec()));
    /// assert_eq!(fields.next_segment().await?, None);
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    fn split(self, byte: u8) -> Split<Self>
    where
        Self: Sized + Unpin,
    {
        split(self, byte)
    }

    /// Returns the buffered data, filling the buffer from the source first if
    /// it is empty. An empty slice means end of file.
    ///
    /// Equivalent to:
    ///
    /// ```ignore
    /// async fn fill_buf(&mut self) -> io::Result<&[u8]>;
    /// ```
    ///
    /// The data stays in the buffer until [`consume`](Self::consume)d.
    ///
    /// # Errors
    ///
    /// Any error of the reader, including `Interrupted`: the fill is not
    /// retried.
    ///
    /// # Cancel safety
    ///
    /// This method is cancellation safe: if it is dropped, no data is lost.
    ///
    /// # Panics
    ///
    /// The returned future panics if polled again after it completed.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::{AsyncBufReadExt, BufReader};
    ///
    /// # futures::executor::block_on(async {
    /// let mut reader = BufReader::new(&b"peek"[..]);
    /// let n = {
    ///     let buf = reader.fill_buf().await?;
    ///     assert_eq!(buf, b"peek");
    ///     buf.len()
    /// };
    /// reader.consume(n);
    /// assert!(reader.fill_buf().await?.is_empty());
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    fn fill_buf(&mut self) -> FillBuf<'_, Self>
    where
        Self: Unpin,
    {
        fill_buf(self)
    }

    /// Marks `amt` bytes of the buffer returned by
    /// [`fill_buf`](Self::fill_buf) as read.
    ///
    /// `amt` must not exceed the length of that buffer.
    fn consume(&mut self, amt: usize)
    where
        Self: Unpin,
    {
        std::pin::Pin::new(self).consume(amt)
    }

    /// Returns the lines of this reader, without their `\n` / `\r\n`
    /// endings, through [`Lines::next_line`].
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::AsyncBufReadExt;
    ///
    /// # futures::executor::block_on(async {
    /// let mut lines = (&b"a\nb\n"[..]).lines();
    /// let mut all = Vec::new();
    /// while let Some(line) = lines.next_line().await? {
    ///     all.push(line);
    /// }
    /// assert_eq!(all, ["a", "b"]);
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    fn lines(self) -> Lines<Self>
    where
        Self: Sized,
    {
        lines(self)
    }
}

impl<R: AsyncBufRead + ?Sized> AsyncBufReadExt for R {}
