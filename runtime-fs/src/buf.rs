//! The byte buffer a [`File`](crate::File) hands to its blocking operations.
//!
//! A `File` owns exactly one `Buf`. While an operation runs on the blocking
//! pool the buffer travels with the closure and comes back with its result,
//! so no memory is shared between the task and the pool thread.
//!
//! Invariants:
//! * `bytes[pos..]` is the unconsumed part: data read from the file that the
//!   caller has not taken yet, or data accepted from the caller that has not
//!   been written yet. Never both: a write starts from an empty buffer.
//! * `pos <= bytes.len()`; once everything is consumed the buffer is cleared
//!   (`pos == 0`, `bytes.is_empty()`), keeping its allocation.

use std::cmp;
use std::io::{self, IoSlice, Read, Write};

use runtime_core::io::ReadBuf;

/// An owned buffer with a read cursor.
#[derive(Debug)]
pub(crate) struct Buf {
    bytes: Vec<u8>,
    pos: usize,
}

impl Buf {
    pub(crate) fn with_capacity(capacity: usize) -> Buf {
        Buf {
            bytes: Vec::with_capacity(capacity),
            pos: 0,
        }
    }

    /// The number of unconsumed bytes.
    pub(crate) fn len(&self) -> usize {
        self.bytes.len() - self.pos
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Moves as many unconsumed bytes as fit into `dst`; returns how many.
    pub(crate) fn copy_to(&mut self, dst: &mut ReadBuf<'_>) -> usize {
        let n = cmp::min(self.len(), dst.remaining());
        dst.put_slice(&self.bytes[self.pos..self.pos + n]);
        self.pos += n;
        if self.pos == self.bytes.len() {
            self.clear();
        }
        n
    }

    /// Takes up to `max` bytes of `src` to be written; returns how many.
    pub(crate) fn copy_from(&mut self, src: &[u8], max: usize) -> usize {
        debug_assert!(self.is_empty(), "a write starts from an empty buffer");
        let n = cmp::min(src.len(), max);
        self.bytes.extend_from_slice(&src[..n]);
        n
    }

    /// Takes up to `max` bytes of `bufs`, in order; returns how many.
    pub(crate) fn copy_from_bufs(&mut self, bufs: &[IoSlice<'_>], max: usize) -> usize {
        debug_assert!(self.is_empty(), "a write starts from an empty buffer");
        let mut left = max;
        for buf in bufs {
            if left == 0 {
                break;
            }
            let n = cmp::min(buf.len(), left);
            self.bytes.extend_from_slice(&buf[..n]);
            left -= n;
        }
        max - left
    }

    /// Fills the buffer with one `read` of at most `max` bytes from `rd`,
    /// retrying on `Interrupted`. On error the buffer is left empty.
    pub(crate) fn read_from<R: Read>(&mut self, rd: &mut R, max: usize) -> io::Result<usize> {
        debug_assert!(self.is_empty(), "a read starts from an empty buffer");
        // Zeroing keeps this safe; `max` is bounded by the caller's buffer
        // and by the file's maximum buffer size.
        self.bytes.resize(max, 0);
        loop {
            match rd.read(&mut self.bytes) {
                Ok(n) => {
                    self.bytes.truncate(n);
                    return Ok(n);
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.clear();
                    return Err(e);
                }
            }
        }
    }

    /// Writes all unconsumed bytes to `wr`; the buffer is empty afterwards,
    /// whether or not the write succeeded.
    pub(crate) fn write_to<W: Write>(&mut self, wr: &mut W) -> io::Result<()> {
        let result = wr.write_all(&self.bytes[self.pos..]);
        self.clear();
        result
    }

    /// Drops the unconsumed bytes (read ahead from the file) and returns the
    /// offset, zero or negative, that moves the file cursor back to where the
    /// caller believes it is.
    pub(crate) fn discard_read(&mut self) -> i64 {
        // A buffer holds at most `max_buf_size` bytes, a `usize`; any length
        // that fits in memory fits in an i64.
        let back = -(self.len() as i64);
        self.clear();
        back
    }

    fn clear(&mut self) {
        self.bytes.clear();
        self.pos = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_then_copy_out_in_pieces() {
        let mut buf = Buf::with_capacity(0);
        let mut src: &[u8] = b"hello world";
        assert_eq!(buf.read_from(&mut src, 5).unwrap(), 5);
        assert_eq!(buf.len(), 5);

        let mut out = [0u8; 3];
        let mut dst = ReadBuf::new(&mut out);
        assert_eq!(buf.copy_to(&mut dst), 3);
        assert_eq!(dst.filled(), b"hel");
        assert_eq!(buf.len(), 2);
        assert_eq!(buf.discard_read(), -2);
        assert!(buf.is_empty());
    }

    #[test]
    fn copy_from_respects_max() {
        let mut buf = Buf::with_capacity(0);
        assert_eq!(buf.copy_from(b"abcdef", 4), 4);
        let mut out = Vec::new();
        buf.write_to(&mut out).unwrap();
        assert_eq!(out, b"abcd");
        assert!(buf.is_empty());

        let bufs = [
            IoSlice::new(b"ab"),
            IoSlice::new(b"cd"),
            IoSlice::new(b"ef"),
        ];
        assert_eq!(buf.copy_from_bufs(&bufs, 3), 3);
        buf.write_to(&mut out).unwrap();
        assert_eq!(out, b"abcdabc");
    }

    #[test]
    fn read_error_leaves_buffer_empty() {
        struct Failing;
        impl Read for Failing {
            fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
                Err(io::ErrorKind::PermissionDenied.into())
            }
        }
        let mut buf = Buf::with_capacity(0);
        let err = buf.read_from(&mut Failing, 8).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::PermissionDenied);
        assert!(buf.is_empty());
    }

    #[test]
    fn read_retries_interrupted() {
        struct Flaky(bool);
        impl Read for Flaky {
            fn read(&mut self, dst: &mut [u8]) -> io::Result<usize> {
                if std::mem::replace(&mut self.0, false) {
                    return Err(io::ErrorKind::Interrupted.into());
                }
                dst[0] = 7;
                Ok(1)
            }
        }
        let mut buf = Buf::with_capacity(0);
        assert_eq!(buf.read_from(&mut Flaky(true), 4).unwrap(), 1);
        assert_eq!(buf.len(), 1);
    }
}
