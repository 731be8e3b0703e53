//! [`AsyncReadExt`]: the `async fn`-style methods of every [`AsyncRead`].

use bytes::BufMut;

use super::chain::{Chain, chain};
use super::read::{Read, read};
use super::read_buf::{ReadBuf, read_buf};
use super::read_exact::{ReadExact, read_exact};
use super::read_int::*;
use super::read_to_end::{ReadToEnd, read_to_end};
use super::read_to_string::{ReadToString, read_to_string};
use super::take::{Take, take};
use crate::io::AsyncRead;

macro_rules! read_number_methods {
    ($($(#[$attr:meta])* $method:ident => $fut:ident, $ty:ty, $bytes:expr, $expect:expr;)*) => {$(
        #[doc = concat!("Reads a `", stringify!($ty), "` ")]
        $(#[$attr])*
        ///
        /// Equivalent to:
        ///
        /// ```ignore
        #[doc = concat!("async fn ", stringify!($method), "(&mut self) -> io::Result<", stringify!($ty), ">;")]
        /// ```
        ///
        /// # Errors
        ///
        /// `UnexpectedEof` if the source ends before all the bytes of the
        /// number were read. A read that fails with
        /// [`ErrorKind::Interrupted`](std::io::ErrorKind::Interrupted) is
        /// ignored and reading goes on; any other error of the source is
        /// returned at once.
        ///
        /// # Cancel safety
        ///
        /// This method is not cancellation safe: if it is dropped (for
        /// instance as a losing `select!` branch) after some bytes of the
        /// number were read, those bytes are lost.
        ///
        /// # Examples
        ///
        /// ```
        /// use runtime_core::io::AsyncReadExt;
        ///
        /// # futures::executor::block_on(async {
        #[doc = concat!("let mut reader: &[u8] = &", stringify!($bytes), ";")]
        #[doc = concat!("assert_eq!(reader.", stringify!($method), "().await?, ", stringify!($expect), ");")]
        /// # std::io::Result::Ok(()) }).unwrap();
        /// ```
        fn $method(&mut self) -> $fut<&mut Self>
        where
            Self: Unpin,
        {
            $fut::new(self)
        }
    )*};
}

/// Reads bytes from an [`AsyncRead`]: the asynchronous twin of
/// [`std::io::Read`]'s methods, and more.
///
/// Implemented for every `AsyncRead`. Each method returns a future; they
/// behave like tokio's methods of the same names.
///
/// # Examples
///
/// ```
/// use runtime_core::io::AsyncReadExt;
///
/// # futures::executor::block_on(async {
/// let mut reader: &[u8] = b"\x00\x2a rest";
/// assert_eq!(reader.read_u16().await?, 42);
/// let mut rest = String::new();
/// reader.read_to_string(&mut rest).await?;
/// assert_eq!(rest, " rest");
/// # std::io::Result::Ok(()) }).unwrap();
/// ```
pub trait AsyncReadExt: AsyncRead {
    /// Creates an adapter that reads all of `self`, then all of `next`.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::AsyncReadExt;
    ///
    /// # futures::executor::block_on(async {
    /// let mut both = (&b"ab"[..]).chain(&b"cd"[..]);
    /// let mut out = Vec::new();
    /// both.read_to_end(&mut out).await?;
    /// assert_eq!(out, b"abcd");
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    fn chain<R>(self, next: R) -> Chain<Self, R>
    where
        Self: Sized,
        R: AsyncRead,
    {
        chain(self, next)
    }

    /// Reads some bytes into `buf`, returning how many.
    ///
    /// Equivalent to:
    ///
    /// ```ignore
    /// async fn read(&mut self, buf: &mut [u8]) -> io::Result<usize>;
    /// ```
    ///
    /// Waits until the source has data, then reads what is available, up to
    /// `buf.len()`. `Ok(0)` means either that `buf` is empty or that the
    /// source reached end of file; any other `Ok(n)` has `0 < n <= buf.len()`.
    ///
    /// # Errors
    ///
    /// Any error of the source. No bytes were read if an error is returned.
    ///
    /// # Cancel safety
    ///
    /// This method is cancellation safe: if it is dropped before completing,
    /// no data was read.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::AsyncReadExt;
    ///
    /// # futures::executor::block_on(async {
    /// let mut reader: &[u8] = b"hello";
    /// let mut buf = [0u8; 3];
    /// assert_eq!(reader.read(&mut buf).await?, 3);
    /// assert_eq!(&buf, b"hel");
    /// assert_eq!(reader.read(&mut buf).await?, 2);
    /// assert_eq!(reader.read(&mut buf).await?, 0); // end of file
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    fn read<'a>(&'a mut self, buf: &'a mut [u8]) -> Read<'a, Self>
    where
        Self: Unpin,
    {
        read(self, buf)
    }

    /// Reads some bytes into the spare room of a [`BufMut`] (such as a
    /// `Vec<u8>` or `BytesMut`), advancing it, and returns how many.
    ///
    /// Equivalent to:
    ///
    /// ```ignore
    /// async fn read_buf<B: BufMut + ?Sized>(&mut self, buf: &mut B) -> io::Result<usize>;
    /// ```
    ///
    /// The buffer's spare capacity is used without being zeroed first. A
    /// `Vec<u8>` grows if it is full. `Ok(0)` means that `buf` has no room
    /// left ([`BufMut::has_remaining_mut`] is false) or that the source
    /// reached end of file.
    ///
    /// # Errors
    ///
    /// Any error of the source.
    ///
    /// # Cancel safety
    ///
    /// This method is cancellation safe: if it is dropped before completing,
    /// no data was read.
    ///
    /// # Panics
    ///
    /// Panics if the source's `poll_read` replaces the `ReadBuf` it is given
    /// by another one.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::AsyncReadExt;
    ///
    /// # futures::executor::block_on(async {
    /// let mut reader: &[u8] = b"data";
    /// let mut buf = Vec::with_capacity(16);
    /// assert_eq!(reader.read_buf(&mut buf).await?, 4);
    /// assert_eq!(buf, b"data");
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    fn read_buf<'a, B>(&'a mut self, buf: &'a mut B) -> ReadBuf<'a, Self, B>
    where
        Self: Unpin,
        B: BufMut + ?Sized,
    {
        read_buf(self, buf)
    }

    /// Reads exactly `buf.len()` bytes, waiting for as many reads as needed.
    ///
    /// Equivalent to:
    ///
    /// ```ignore
    /// async fn read_exact(&mut self, buf: &mut [u8]) -> io::Result<usize>;
    /// ```
    ///
    /// Returns `buf.len()` on success.
    ///
    /// # Errors
    ///
    /// `UnexpectedEof` if the source ends before `buf` is full (the contents
    /// of `buf` are then unspecified). A read that fails with
    /// [`ErrorKind::Interrupted`](std::io::ErrorKind::Interrupted) is ignored
    /// and reading goes on; any other error of the source is returned at once
    /// (the contents of `buf` are then unspecified too). No more bytes are
    /// read than `buf` can hold.
    ///
    /// # Cancel safety
    ///
    /// This method is not cancellation safe: if it is dropped after some
    /// bytes were read, they are in `buf` but there is no telling how many,
    /// so they are effectively lost.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::io::ErrorKind;
    /// use runtime_core::io::AsyncReadExt;
    ///
    /// # futures::executor::block_on(async {
    /// let mut reader: &[u8] = b"abcde";
    /// let mut buf = [0u8; 4];
    /// assert_eq!(reader.read_exact(&mut buf).await?, 4);
    /// assert_eq!(&buf, b"abcd");
    /// let err = reader.read_exact(&mut buf).await.unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::UnexpectedEof);
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    fn read_exact<'a>(&'a mut self, buf: &'a mut [u8]) -> ReadExact<'a, Self>
    where
        Self: Unpin,
    {
        read_exact(self, buf)
    }

    read_number_methods! {
        /// in big-endian order: 1 byte.
        read_u8 => ReadU8, u8, [0x2a], 42;
        /// in big-endian order: 1 byte, two's complement.
        read_i8 => ReadI8, i8, [0xfe], -2;
        /// in big-endian order: 2 bytes.
        read_u16 => ReadU16, u16, [0x01, 0x02], 0x0102;
        /// in big-endian order: 2 bytes, two's complement.
        read_i16 => ReadI16, i16, [0xff, 0xfe], -2;
        /// in big-endian order: 4 bytes.
        read_u32 => ReadU32, u32, [0, 0, 0x01, 0x02], 0x0102;
        /// in big-endian order: 4 bytes, two's complement.
        read_i32 => ReadI32, i32, [0xff, 0xff, 0xff, 0xfe], -2;
        /// in big-endian order: 8 bytes.
        read_u64 => ReadU64, u64, [0, 0, 0, 0, 0, 0, 0x01, 0x02], 0x0102;
        /// in big-endian order: 8 bytes, two's complement.
        read_i64 => ReadI64, i64, [0xff; 8], -1;
        /// in big-endian order: 16 bytes.
        read_u128 => ReadU128, u128, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0x02], 0x0102;
        /// in big-endian order: 16 bytes, two's complement.
        read_i128 => ReadI128, i128, [0xff; 16], -1;
        /// in big-endian order: 4 bytes, IEEE 754.
        read_f32 => ReadF32, f32, [0x3f, 0xc0, 0, 0], 1.5;
        /// in big-endian order: 8 bytes, IEEE 754.
        read_f64 => ReadF64, f64, [0x3f, 0xf8, 0, 0, 0, 0, 0, 0], 1.5;
        /// in little-endian order: 2 bytes.
        read_u16_le => ReadU16Le, u16, [0x02, 0x01], 0x0102;
        /// in little-endian order: 2 bytes, two's complement.
        read_i16_le => ReadI16Le, i16, [0xfe, 0xff], -2;
        /// in little-endian order: 4 bytes.
        read_u32_le => ReadU32Le, u32, [0x02, 0x01, 0, 0], 0x0102;
        /// in little-endian order: 4 bytes, two's complement.
        read_i32_le => ReadI32Le, i32, [0xfe, 0xff, 0xff, 0xff], -2;
        /// in little-endian order: 8 bytes.
        read_u64_le => ReadU64Le, u64, [0x02, 0x01, 0, 0, 0, 0, 0, 0], 0x0102;
        /// in little-endian order: 8 bytes, two's complement.
        read_i64_le => ReadI64Le, i64, [0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], -2;
        /// in little-endian order: 16 bytes.
        read_u128_le => ReadU128Le, u128, [0x02, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0x0102;
        /// in little-endian order: 16 bytes, two's complement.
        read_i128_le => ReadI128Le, i128, [0xff; 16], -1;
        /// in little-endian order: 4 bytes, IEEE 754.
        read_f32_le => ReadF32Le, f32, [0, 0, 0xc0, 0x3f], 1.5;
        /// in little-endian order: 8 bytes, IEEE 754.
        read_f64_le => ReadF64Le, f64, [0, 0, 0, 0, 0, 0, 0xf8, 0x3f], 1.5;
    }

    /// Reads until end of file, appending everything to `buf`, and returns
    /// the number of bytes appended.
    ///
    /// Equivalent to:
    ///
    /// ```ignore
    /// async fn read_to_end(&mut self, buf: &mut Vec<u8>) -> io::Result<usize>;
    /// ```
    ///
    /// `buf` grows as needed; its spare capacity is read into without being
    /// zeroed first. Before a read, room for at least 32 more bytes is made,
    /// except in a vector that still has its original capacity (of at least
    /// 32 bytes): once that is nearly full, a small read is tried first and
    /// the vector grows only if more data comes, so a vector with room for
    /// all the data is not reallocated.
    ///
    /// # Errors
    ///
    /// A read that fails with
    /// [`ErrorKind::Interrupted`](std::io::ErrorKind::Interrupted) is ignored
    /// and reading goes on. Any other error of the source is returned at
    /// once; the bytes read before it stay appended to `buf`.
    ///
    /// # Cancel safety
    ///
    /// This method is not cancellation safe: if it is dropped, the bytes read
    /// so far are in `buf` but the count returned on completion is lost.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::AsyncReadExt;
    ///
    /// # futures::executor::block_on(async {
    /// let mut reader: &[u8] = b" world";
    /// let mut buf = b"hello".to_vec();
    /// assert_eq!(reader.read_to_end(&mut buf).await?, 6);
    /// assert_eq!(buf, b"hello world");
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    fn read_to_end<'a>(&'a mut self, buf: &'a mut Vec<u8>) -> ReadToEnd<'a, Self>
    where
        Self: Unpin,
    {
        read_to_end(self, buf)
    }

    /// Reads until end of file, appending everything to `dst` as UTF-8, and
    /// returns the number of bytes appended.
    ///
    /// Equivalent to:
    ///
    /// ```ignore
    /// async fn read_to_string(&mut self, dst: &mut String) -> io::Result<usize>;
    /// ```
    ///
    /// # Errors
    ///
    /// `InvalidData` if the bytes read are not valid UTF-8; the error's inner
    /// error (see [`std::io::Error::into_inner`]) is the
    /// [`Utf8Error`](std::str::Utf8Error) of `dst`'s contents followed by
    /// the bytes read, so its `valid_up_to` counts what `dst` held before.
    /// A read that fails with
    /// [`ErrorKind::Interrupted`](std::io::ErrorKind::Interrupted) is ignored
    /// and reading goes on; any other error of the source is returned at
    /// once. On any error `dst` is left as it was before the call (the bytes
    /// consumed from the source are dropped).
    ///
    /// # Cancel safety
    ///
    /// This method is not cancellation safe: while it runs, `dst`'s contents
    /// are held by the future; if it is dropped, the bytes read so far are
    /// lost and `dst` is left empty.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::AsyncReadExt;
    ///
    /// # futures::executor::block_on(async {
    /// let mut reader: &[u8] = "wörld".as_bytes();
    /// let mut s = String::from("hello ");
    /// assert_eq!(reader.read_to_string(&mut s).await?, 6);
    /// assert_eq!(s, "hello wörld");
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    fn read_to_string<'a>(&'a mut self, dst: &'a mut String) -> ReadToString<'a, Self>
    where
        Self: Unpin,
    {
        read_to_string(self, dst)
    }

    /// Creates an adapter that reads at most `limit` bytes, then reports end
    /// of file.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_core::io::AsyncReadExt;
    ///
    /// # futures::executor::block_on(async {
    /// let mut head = (&b"abcdef"[..]).take(2);
    /// let mut out = Vec::new();
    /// head.read_to_end(&mut out).await?;
    /// assert_eq!(out, b"ab");
    /// assert_eq!(head.into_inner(), b"cdef");
    /// # std::io::Result::Ok(()) }).unwrap();
    /// ```
    fn take(self, limit: u64) -> Take<Self>
    where
        Self: Sized,
    {
        take(self, limit)
    }
}

impl<R: AsyncRead + ?Sized> AsyncReadExt for R {}
