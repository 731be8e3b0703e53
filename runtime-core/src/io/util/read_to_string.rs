//! The future of [`AsyncReadExt::read_to_string`](crate::io::AsyncReadExt::read_to_string).
//!
//! The string's allocation is taken out and read into as bytes; UTF-8 is
//! checked once, at the end. On an error (I/O or invalid UTF-8) the string
//! is given back holding exactly what it held before the call. Invalid UTF-8
//! fails with `InvalidData` carrying the [`Utf8Error`] of the whole string
//! as it would have been (its `valid_up_to` counts the original contents
//! too).

use std::future::Future;
use std::io;
use std::marker::PhantomPinned;
use std::mem;
use std::pin::Pin;
use std::str::Utf8Error;
use std::task::{Context, Poll, ready};

use pin_project_lite::pin_project;

use super::read_to_end::read_to_end_internal;
use super::vec_with_initialized::VecWithInitialized;
use crate::io::AsyncRead;

pin_project! {
    /// Future for the
    /// [`read_to_string`](crate::io::AsyncReadExt::read_to_string) method.
    #[derive(Debug)]
    #[must_use = "futures do nothing unless you `.await` or poll them"]
    pub struct ReadToString<'a, R: ?Sized> {
        reader: &'a mut R,
        // The caller's string, emptied while the read is in progress.
        output: &'a mut String,
        // The string's bytes, being appended to.
        buf: VecWithInitialized<Vec<u8>>,
        #[pin]
        _pin: PhantomPinned,
    }
}

pub(crate) fn read_to_string<'a, R>(
    reader: &'a mut R,
    output: &'a mut String,
) -> ReadToString<'a, R>
where
    R: AsyncRead + Unpin + ?Sized,
{
    let bytes = mem::take(output).into_bytes();
    ReadToString {
        reader,
        output,
        buf: VecWithInitialized::new(bytes),
        _pin: PhantomPinned,
    }
}

/// The error of a string read whose bytes are not UTF-8.
pub(super) fn invalid_utf8(err: Utf8Error) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, err)
}

/// Puts `bytes` back into `output` as a string: all of them when they are
/// valid UTF-8 and `keep_new` is set, otherwise only the `original` prefix
/// that was in the string before the call. Fails with the UTF-8 error of the
/// whole of `bytes` if the new bytes are not valid.
///
/// Only the new bytes are validated on the way to success: the prefix came
/// from a `String`, so a caller appending many lines to one string pays for
/// each line once. The whole is validated again only to build the error.
pub(super) fn restore(
    output: &mut String,
    mut bytes: Vec<u8>,
    original: usize,
    keep_new: bool,
) -> Result<(), Utf8Error> {
    let valid = match std::str::from_utf8(&bytes[original..]) {
        Ok(_) => Ok(()),
        // `original` is a char boundary, so the whole fails at the same
        // byte, counted from the start of the string.
        Err(_) => Err(std::str::from_utf8(&bytes)
            .expect_err("a string followed by invalid UTF-8 is invalid UTF-8")),
    };
    if !(valid.is_ok() && keep_new) {
        bytes.truncate(original);
    }
    // SAFETY: `bytes[..original]` is the content of a `String` (taken from
    // `output` when the operation started, and only appended to since), and
    // whatever follows it was just checked to be UTF-8, or was truncated
    // away. `original` is a char boundary of that string, so the
    // concatenation is UTF-8 as well.
    *output = unsafe { String::from_utf8_unchecked(bytes) };
    valid
}

impl<R> Future for ReadToString<'_, R>
where
    R: AsyncRead + Unpin + ?Sized,
{
    type Output = io::Result<usize>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<usize>> {
        let me = self.project();
        let res = ready!(read_to_end_internal(me.buf, Pin::new(&mut **me.reader), cx));
        let read = me.buf.appended();
        let bytes = mem::replace(me.buf, VecWithInitialized::new(Vec::new())).into_inner();
        let original = bytes.len() - read;
        Poll::Ready(match res {
            Ok(n) => restore(me.output, bytes, original, true)
                .map(|()| n)
                .map_err(invalid_utf8),
            Err(e) => {
                // The string goes back to what it was either way; an
                // invalid tail does not hide the I/O error.
                let _ = restore(me.output, bytes, original, false);
                Err(e)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restore_keeps_valid_new_bytes() {
        let mut out = String::new();
        let bytes = "héllo wörld".as_bytes().to_vec();
        assert!(restore(&mut out, bytes, "héllo".len(), true).is_ok());
        assert_eq!(out, "héllo wörld");
    }

    #[test]
    fn restore_drops_invalid_new_bytes() {
        let mut out = String::new();
        let mut bytes = "prefix é".as_bytes().to_vec();
        bytes.extend_from_slice(&[b'x', 0xC3]); // truncated 2-byte sequence
        let err = restore(&mut out, bytes, "prefix é".len(), true).unwrap_err();
        assert_eq!(out, "prefix é");
        // Counted from the start of the whole string, not of the new bytes.
        assert_eq!(err.valid_up_to(), "prefix éx".len());
        assert_eq!(err.error_len(), None);
    }

    #[test]
    fn restore_without_keep_drops_valid_new_bytes() {
        let mut out = String::new();
        let bytes = b"old new".to_vec();
        assert!(restore(&mut out, bytes, 3, false).is_ok());
        assert_eq!(out, "old");
    }
}
