//! [`AsyncWriteExt`]: the `async fn`-style methods of every [`AsyncWrite`].

use std::io::IoSlice;

use bytes::Buf;

use super::flush::{Flush, flush};
use super::shutdown::{Shutdown, shutdown};
use super::write::{Write, write};
use super::write_all::{WriteAll, write_all};
use super::write_all_buf::{WriteAllBuf, write_all_buf};
use super::write_buf::{WriteBuf, write_buf};
use super::write_int::*;
use super::write_vectored::{WriteVectored, write_vectored};
use crate::io::AsyncWrite;

macro_rules! write_number_methods {
    ($($(#[$attr:meta])* $method:ident => $fut:ident, $ty:ty, $value:expr, $bytes:expr;)*) => {$(
        #[doc = concat!("Writes a `", stringify!($ty), "` ")]
        $(#[$attr])*
        ///
        /// Equivalent to:
        ///
        /// ```ignore
        #[doc = concat!("async fn ", stringify!($method), "(&mut self, n: ", stringify!($ty), ") -> io::Result<()>;")]
        /// ```
        ///
        /// # Errors
        ///
        /// `WriteZero` if the sink accepts zero bytes before the whole number
        /// is written. A write that fails with
        /// [`ErrorKind::Interrupted`](std::io::ErrorKind::Interrupted) is
        /// ignored and writing goes on; any other error of the sink is
        /// returned at once.
        ///
        /// # Cancel safety
        ///
        /// This method is not cancellation safe: if it is dropped part-way,
        /// an unknown prefix of the number has been written.
        ///
        /// # Examples
        ///
        /// ```
        /// use runtime_core::io::AsyncWriteExt;
        ///
        /// # futures::executor::block_on(async {
        /// let mut writer = Vec::new();
        #[doc = concat!("writer.", stringify!($method), "(", stringify!($value), ").await?;")]
        #[doc = concat!("assert_eq!(writer, ", stringify!($bytes), ");")]
        /// # std::io::Result::Ok(()) }).unwrap();
        /// ```
        fn $method(&mut self, n: $ty) -> $fut<&mut Self>
        where
            Self: Unpin,
        {
            $fut::new(self, n)
        }
    )*};
}

/// Writes bytes to an [`AsyncWrite`]: the asynchronous twin of
/// [`std::io::Write`]'s methods, and more.
///
/// Implemented for every `AsyncWrite`. Each method returns a future; they
/// behave like tokio's methods of the same names.
///
/// # Examples
///
/// ```
/// use runtime_core::io::AsyncWriteExt;
///
/// # futures::executor::block_on(async {
/// let mut out = Vec::new();
/// out.write_all(b"len=").await?;
/// out.write_u16(3).await?;
/// out.flush().await?;
/// assert_eq!(out, b"len=\x00\x03");
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
pub trait AsyncWriteExt: AsyncWrite {
    /// Writes some bytes of `src`, returning how many were taken.
    ///
    /// Equivalent to:
    ///
    /// ```ignore
    /// async fn write(&mut self, src: &[u8]) -> io::Result<usize>;
    /// ```
    ///
    /// Waits until the sink can take bytes, then writes at most
    /// `src.len()` of them once. `Ok(0)` for a non-empty `src` usually means
    /// the sink can take no more, ever.
    ///
    /// # Errors
    ///
    /// Any error of the sink. No bytes were written if an error is returned.
    ///
    /// # Cancel safety
    ///
    /// This method is cancellation safe: if it is dropped before completing,
    /// no data was written.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::AsyncWriteExt;
    ///
    /// # futures::executor::block_on(async {
    /// let mut out = Vec::new();
    /// assert_eq!(out.write(b"abc").await?, 3);
    /// assert_eq!(out, b"abc");
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    fn write<'a>(&'a mut self, src: &'a [u8]) -> Write<'a, Self>
    where
        Self: Unpin,
    {
        write(self, src)
    }

    /// Writes from several buffers in one operation (a gathered write),
    /// returning how many bytes were taken in total.
    ///
    /// Equivalent to:
    ///
    /// ```ignore
    /// async fn write_vectored(&mut self, bufs: &[IoSlice<'_>]) -> io::Result<usize>;
    /// ```
    ///
    /// Sinks without efficient gathered writes
    /// ([`AsyncWrite::is_write_vectored`] is false) write only the first
    /// non-empty buffer.
    ///
    /// # Errors
    ///
    /// Any error of the sink.
    ///
    /// # Cancel safety
    ///
    /// This method is cancellation safe: if it is dropped before completing,
    /// no data was written.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::IoSlice;
    /// use runtime_core::io::AsyncWriteExt;
    ///
    /// # futures::executor::block_on(async {
    /// let mut out = Vec::new();
    /// let bufs = [IoSlice::new(b"ab"), IoSlice::new(b"cd")];
    /// assert_eq!(out.write_vectored(&bufs).await?, 4);
    /// assert_eq!(out, b"abcd");
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    fn write_vectored<'a, 'b>(&'a mut self, bufs: &'a [IoSlice<'b>]) -> WriteVectored<'a, 'b, Self>
    where
        Self: Unpin,
    {
        write_vectored(self, bufs)
    }

    /// Writes some bytes of a [`Buf`] with one write, advancing the `Buf` by
    /// the number written, which is returned.
    ///
    /// Equivalent to:
    ///
    /// ```ignore
    /// async fn write_buf<B: Buf>(&mut self, src: &mut B) -> io::Result<usize>;
    /// ```
    ///
    /// A sink that reports
    /// [`is_write_vectored`](crate::io::AsyncWrite::is_write_vectored) is
    /// given up to 64 of the `Buf`'s chunks in one gathered write
    /// ([`poll_write_vectored`](crate::io::AsyncWrite::poll_write_vectored));
    /// any other sink is given the current chunk
    /// ([`poll_write`](crate::io::AsyncWrite::poll_write)).
    ///
    /// Returns `Ok(0)` without writing if `src` has nothing left.
    ///
    /// # Errors
    ///
    /// Any error of the sink, including `Interrupted`: the write is not
    /// retried.
    ///
    /// # Cancel safety
    ///
    /// This method is cancellation safe: if it is dropped before completing,
    /// no data was written and `src` was not advanced.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::Cursor;
    /// use runtime_core::io::AsyncWriteExt;
    ///
    /// # futures::executor::block_on(async {
    /// let mut out = Vec::new();
    /// let mut src = Cursor::new(b"xyz");
    /// assert_eq!(out.write_buf(&mut src).await?, 3);
    /// assert_eq!(src.position(), 3);
    /// assert_eq!(out, b"xyz");
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    fn write_buf<'a, B>(&'a mut self, src: &'a mut B) -> WriteBuf<'a, Self, B>
    where
        Self: Sized + Unpin,
        B: Buf,
    {
        write_buf(self, src)
    }

    /// Writes all of a [`Buf`], advancing it as bytes are taken.
    ///
    /// Equivalent to:
    ///
    /// ```ignore
    /// async fn write_all_buf(&mut self, src: impl Buf) -> io::Result<()>;
    /// ```
    ///
    /// Each write is made as by [`write_buf`](Self::write_buf): gathered (up
    /// to 64 of the `Buf`'s chunks at a time) when the sink reports
    /// [`is_write_vectored`](crate::io::AsyncWrite::is_write_vectored), the
    /// current chunk otherwise.
    ///
    /// # Errors
    ///
    /// `WriteZero` if the sink accepts zero bytes while `src` still has data.
    /// A write that fails with
    /// [`ErrorKind::Interrupted`](std::io::ErrorKind::Interrupted) is ignored
    /// and writing goes on; any other error of the sink is returned at once,
    /// with `src` advanced past exactly the bytes written before it.
    ///
    /// # Cancel safety
    ///
    /// This method is cancellation safe in the sense that `src` is advanced
    /// after every write: if it is dropped, `src` holds exactly the bytes not
    /// yet written, and calling it again continues the transfer.
    ///
    /// # Examples
    ///
    /// ```
    /// use bytes::Buf;
    /// use runtime_core::io::AsyncWriteExt;
    ///
    /// # futures::executor::block_on(async {
    /// let mut out = Vec::new();
    /// let mut src = (&b"hello "[..]).chain(&b"world"[..]);
    /// out.write_all_buf(&mut src).await?;
    /// assert_eq!(out, b"hello world");
    /// assert!(!src.has_remaining());
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    fn write_all_buf<'a, B>(&'a mut self, src: &'a mut B) -> WriteAllBuf<'a, Self, B>
    where
        Self: Sized + Unpin,
        B: Buf,
    {
        write_all_buf(self, src)
    }

    /// Writes all of `src`, waiting for as many writes as needed.
    ///
    /// Equivalent to:
    ///
    /// ```ignore
    /// async fn write_all(&mut self, src: &[u8]) -> io::Result<()>;
    /// ```
    ///
    /// # Errors
    ///
    /// `WriteZero` if the sink accepts zero bytes before all of `src` is
    /// written. A write that fails with
    /// [`ErrorKind::Interrupted`](std::io::ErrorKind::Interrupted) is ignored
    /// and writing goes on; any other error of the sink is returned at once.
    ///
    /// # Cancel safety
    ///
    /// This method is not cancellation safe: if it is dropped part-way, an
    /// unknown prefix of `src` has been written. Use
    /// [`write_all_buf`](Self::write_all_buf) to keep track of progress.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::AsyncWriteExt;
    ///
    /// # futures::executor::block_on(async {
    /// let mut out = Vec::new();
    /// out.write_all(b"all of it").await?;
    /// assert_eq!(out, b"all of it");
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    fn write_all<'a>(&'a mut self, src: &'a [u8]) -> WriteAll<'a, Self>
    where
        Self: Unpin,
    {
        write_all(self, src)
    }

    write_number_methods! {
        /// in big-endian order: 1 byte.
        write_u8 => WriteU8, u8, 42, [0x2a];
        /// in big-endian order: 1 byte, two's complement.
        write_i8 => WriteI8, i8, -2, [0xfe];
        /// in big-endian order: 2 bytes.
        write_u16 => WriteU16, u16, 0x0102, [0x01, 0x02];
        /// in big-endian order: 2 bytes, two's complement.
        write_i16 => WriteI16, i16, -2, [0xff, 0xfe];
        /// in big-endian order: 4 bytes.
        write_u32 => WriteU32, u32, 0x0102, [0, 0, 0x01, 0x02];
        /// in big-endian order: 4 bytes, two's complement.
        write_i32 => WriteI32, i32, -2, [0xff, 0xff, 0xff, 0xfe];
        /// in big-endian order: 8 bytes.
        write_u64 => WriteU64, u64, 0x0102, [0, 0, 0, 0, 0, 0, 0x01, 0x02];
        /// in big-endian order: 8 bytes, two's complement.
        write_i64 => WriteI64, i64, -1, [0xff; 8];
        /// in big-endian order: 16 bytes.
        write_u128 => WriteU128, u128, 0x0102, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x02];
        /// in big-endian order: 16 bytes, two's complement.
        write_i128 => WriteI128, i128, -1, [0xff; 16];
        /// in big-endian order: 4 bytes, IEEE 754.
        write_f32 => WriteF32, f32, 1.5, [0x3f, 0xc0, 0, 0];
        /// in big-endian order: 8 bytes, IEEE 754.
        write_f64 => WriteF64, f64, 1.5, [0x3f, 0xf8, 0, 0, 0, 0, 0, 0];
        /// in little-endian order: 2 bytes.
        write_u16_le => WriteU16Le, u16, 0x0102, [0x02, 0x01];
        /// in little-endian order: 2 bytes, two's complement.
        write_i16_le => WriteI16Le, i16, -2, [0xfe, 0xff];
        /// in little-endian order: 4 bytes.
        write_u32_le => WriteU32Le, u32, 0x0102, [0x02, 0x01, 0, 0];
        /// in little-endian order: 4 bytes, two's complement.
        write_i32_le => WriteI32Le, i32, -2, [0xfe, 0xff, 0xff, 0xff];
        /// in little-endian order: 8 bytes.
        write_u64_le => WriteU64Le, u64, 0x0102, [0x02, 0x01, 0, 0, 0, 0, 0, 0];
        /// in little-endian order: 8 bytes, two's complement.
        write_i64_le => WriteI64Le, i64, -2, [0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
        /// in little-endian order: 16 bytes.
        write_u128_le => WriteU128Le, u128, 0x0102, [0x02, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        /// in little-endian order: 16 bytes, two's complement.
        write_i128_le => WriteI128Le, i128, -1, [0xff; 16];
        /// in little-endian order: 4 bytes, IEEE 754.
        write_f32_le => WriteF32Le, f32, 1.5, [0, 0, 0xc0, 0x3f];
        /// in little-endian order: 8 bytes, IEEE 754.
        write_f64_le => WriteF64Le, f64, 1.5, [0, 0, 0, 0, 0, 0, 0xf8, 0x3f];
    }

    /// Flushes the sink: waits until buffered data has reached its
    /// destination.
    ///
    /// Equivalent to:
    ///
    /// ```ignore
    /// async fn flush(&mut self) -> io::Result<()>;
    /// ```
    ///
    /// # Errors
    ///
    /// Any error of the sink; it usually means some buffered data could not
    /// be delivered.
    ///
    /// # Cancel safety
    ///
    /// This method is cancellation safe: dropping it loses no data, and
    /// flushing again continues where it stopped.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::{AsyncWriteExt, BufWriter};
    ///
    /// # futures::executor::block_on(async {
    /// let mut out = BufWriter::new(Vec::new());
    /// out.write_all(b"buffered").await?;
    /// assert!(out.get_ref().is_empty());
    /// out.flush().await?;
    /// assert_eq!(out.get_ref(), b"buffered");
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    fn flush(&mut self) -> Flush<'_, Self>
    where
        Self: Unpin,
    {
        flush(self)
    }

    /// Shuts the sink down: flushes it, then closes its write side (a TCP
    /// stream sends FIN; the peer of a `DuplexStream` reads end of file).
    ///
    /// Equivalent to:
    ///
    /// ```ignore
    /// async fn shutdown(&mut self) -> io::Result<()>;
    /// ```
    ///
    /// # Errors
    ///
    /// Any error of the sink.
    ///
    /// # Cancel safety
    ///
    /// This method is cancellation safe in the sense that calling it again
    /// continues the shutdown; what was done before the drop stays done.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::{AsyncReadExt, AsyncWriteExt};
    ///
    /// # futures::executor::block_on(async {
    /// let (mut a, mut b) = runtime_core::io::duplex(64);
    /// a.write_all(b"bye").await?;
    /// a.shutdown().await?;
    /// let mut got = Vec::new();
    /// b.read_to_end(&mut got).await?; // ends: `a` shut down
    /// assert_eq!(got, b"bye");
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    fn shutdown(&mut self) -> Shutdown<'_, Self>
    where
        Self: Unpin,
    {
        shutdown(self)
    }
}

impl<W: AsyncWrite + ?Sized> AsyncWriteExt for W {}
