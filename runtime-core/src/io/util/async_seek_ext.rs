//! [`AsyncSeekExt`]: the `async fn`-style methods of every [`AsyncSeek`].

use std::io::SeekFrom;

use super::seek::{Seek, seek};
use crate::io::AsyncSeek;

/// Moves the cursor of an [`AsyncSeek`]: the asynchronous twin of
/// [`std::io::Seek`]'s methods.
///
/// # Examples
///
/// ```
/// use std::io::{Cursor, SeekFrom};
/// use runtime_core::io::{AsyncReadExt, AsyncSeekExt};
///
/// # futures::executor::block_on(async {
/// let mut cursor = Cursor::new(b"0123456789".to_vec());
/// cursor.seek(SeekFrom::Start(7)).await?;
/// assert_eq!(cursor.read_u8().await?, b'7');
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
pub trait AsyncSeekExt: AsyncSeek {
    /// Moves the cursor to `pos` and returns the new position from the
    /// start.
    ///
    /// Equivalent to:
    ///
    /// ```ignore
    /// async fn seek(&mut self, pos: SeekFrom) -> io::Result<u64>;
    /// ```
    ///
    /// A seek still in flight (started by another call that was dropped) is
    /// completed first.
    ///
    /// # Errors
    ///
    /// Any error of the stream, for instance `InvalidInput` for a position
    /// before the start.
    ///
    /// # Cancel safety
    ///
    /// This method is not cancellation safe: if it is dropped, the seek may
    /// or may not have happened.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::{Cursor, SeekFrom};
    /// use runtime_core::io::AsyncSeekExt;
    ///
    /// # futures::executor::block_on(async {
    /// let mut cursor = Cursor::new(vec![0u8; 10]);
    /// assert_eq!(cursor.seek(SeekFrom::End(-3)).await?, 7);
    /// assert_eq!(cursor.seek(SeekFrom::Current(-2)).await?, 5);
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    fn seek(&mut self, pos: SeekFrom) -> Seek<'_, Self>
    where
        Self: Unpin,
    {
        seek(self, pos)
    }

    /// Moves the cursor back to the start; a shorthand for
    /// `seek(SeekFrom::Start(0))`.
    ///
    /// # Errors
    ///
    /// Any error of the stream.
    ///
    /// # Cancel safety
    ///
    /// Not cancellation safe, as [`seek`](Self::seek).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Cursor;
    /// use runtime_core::io::{AsyncReadExt, AsyncSeekExt};
    ///
    /// # futures::executor::block_on(async {
    /// let mut cursor = Cursor::new(b"ab".to_vec());
    /// assert_eq!(cursor.read_u8().await?, b'a');
    /// cursor.rewind().await?;
    /// assert_eq!(cursor.read_u8().await?, b'a');
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    fn rewind(&mut self) -> Seek<'_, Self>
    where
        Self: Unpin,
    {
        self.seek(SeekFrom::Start(0))
    }

    /// Returns the cursor's position from the start; a shorthand for
    /// `seek(SeekFrom::Current(0))`.
    ///
    /// # Errors
    ///
    /// Any error of the stream.
    ///
    /// # Cancel safety
    ///
    /// Not cancellation safe, as [`seek`](Self::seek).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Cursor;
    /// use runtime_core::io::{AsyncReadExt, AsyncSeekExt};
    ///
    /// # futures::executor::block_on(async {
    /// let mut cursor = Cursor::new(b"abc".to_vec());
    /// cursor.read_u16().await?;
    /// assert_eq!(cursor.stream_position().await?, 2);
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    fn stream_position(&mut self) -> Seek<'_, Self>
    where
        Self: Unpin,
    {
        self.seek(SeekFrom::Current(0))
    }
}

impl<S: AsyncSeek + ?Sized> AsyncSeekExt for S {}
