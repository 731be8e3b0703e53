//! [`LinesCodec`]: lines of UTF-8 text, with an optional length limit.
//!
//! Decoding looks for `\n` 32 bytes per step (see `util::memchr`) and
//! remembers how far it has already searched, so a long
//! line arriving a few bytes at a time is scanned once, not once per read.
//! A line is copied into its `String` straight from the buffer, which is
//! then advanced past it: splitting it off first would cost a reference
//! count on the buffer's storage, taken and dropped for every line. An ASCII
//! line skips the general UTF-8 validation (see `util::utf8`).
//! With a limit, the search never looks further than `max_length + 1` bytes:
//! a longer line is reported as [`LinesCodecError::MaxLineLengthExceeded`],
//! then its bytes are discarded as they arrive, up to and including the next
//! `\n`, after which decoding resumes with the following line. The buffer
//! therefore never holds more than about `max_length` bytes of one line.

use std::{cmp, fmt, io};

use bytes::{Buf, BufMut, BytesMut};

use super::{Decoder, Encoder};
use crate::util::{memchr, utf8};

/// A codec for lines of UTF-8 text separated by `\n`.
///
/// Decoded lines are `String`s without their `\n` (nor a `\r` just before
/// it). Encoding a string appends it and a `\n`. At end of stream the last
/// line need not end with `\n`.
///
/// # Examples
///
/// ```
/// use bytes::BytesMut;
/// use runtime_util::codec::{Decoder, LinesCodec, LinesCodecError};
///
/// let mut codec = LinesCodec::new_with_max_length(8);
/// let mut buf = BytesMut::from(&b"short\r\nfar too long a line\nok\n"[..]);
///
/// assert_eq!(codec.decode(&mut buf).unwrap().unwrap(), "short");
/// assert!(matches!(
///     codec.decode(&mut buf),
///     Err(LinesCodecError::MaxLineLengthExceeded)
/// ));
/// // The rest of the long line is skipped; the next line comes through.
/// assert_eq!(codec.decode(&mut buf).unwrap().unwrap(), "ok");
/// ```
#[derive(Clone, Debug, Eq, PartialEq, Ord, PartialOrd, Hash)]
pub struct LinesCodec {
    /// Where the search for `\n` resumes: the bytes before it were already
    /// searched.
    next_index: usize,
    /// The longest line accepted, `usize::MAX` for no limit.
    max_length: usize,
    /// Whether the rest of an over-long line is being skipped.
    is_discarding: bool,
}

impl LinesCodec {
    /// Creates a `LinesCodec` with no limit on line length.
    ///
    /// A peer that never sends `\n` makes the buffer grow without bound;
    /// use [`new_with_max_length`](LinesCodec::new_with_max_length) for
    /// untrusted input.
    pub fn new() -> LinesCodec {
        LinesCodec {
            next_index: 0,
            max_length: usize::MAX,
            is_discarding: false,
        }
    }

    /// Creates a `LinesCodec` that rejects lines longer than `max_length`
    /// bytes (not counting the `\n`).
    ///
    /// `decode` returns [`LinesCodecError::MaxLineLengthExceeded`] once it
    /// has seen `max_length + 1` bytes without a `\n`, then discards the
    /// rest of that line as it arrives (returning `Ok(None)` meanwhile) and
    /// resumes with the line after the next `\n`.
    pub fn new_with_max_length(max_length: usize) -> Self {
        LinesCodec {
            max_length,
            ..LinesCodec::new()
        }
    }

    /// Returns the longest line accepted when decoding (`usize::MAX` when
    /// unlimited).
    ///
    /// ```
    /// use runtime_util::codec::LinesCodec;
    ///
    /// assert_eq!(LinesCodec::new().max_length(), usize::MAX);
    /// assert_eq!(LinesCodec::new_with_max_length(256).max_length(), 256);
    /// ```
    pub fn max_length(&self) -> usize {
        self.max_length
    }
}

impl Default for LinesCodec {
    fn default() -> Self {
        Self::new()
    }
}

/// Copies `line` into a `String` if it is UTF-8, with an `InvalidData`
/// error otherwise.
fn to_string(line: &[u8]) -> Result<String, io::Error> {
    utf8::to_string(line)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "Unable to decode input as UTF8"))
}

/// `line` without one trailing `\r`.
fn without_carriage_return(line: &[u8]) -> &[u8] {
    line.strip_suffix(b"\r").unwrap_or(line)
}

impl Decoder for LinesCodec {
    type Item = String;
    type Error = LinesCodecError;

    #[inline]
    fn decode(&mut self, buf: &mut BytesMut) -> Result<Option<String>, LinesCodecError> {
        loop {
            // Never look further than one byte past the limit.
            let read_to = cmp::min(self.max_length.saturating_add(1), buf.len());
            let newline = memchr(b'\n', &buf[self.next_index..read_to])
                .map(|offset| self.next_index + offset);

            match (self.is_discarding, newline) {
                (true, Some(index)) => {
                    // The over-long line ends here: drop it and its `\n`,
                    // then decode normally.
                    buf.advance(index + 1);
                    self.is_discarding = false;
                    self.next_index = 0;
                }
                (true, None) => {
                    // Still inside the over-long line: drop what was searched.
                    buf.advance(read_to);
                    self.next_index = 0;
                    if buf.is_empty() {
                        return Ok(None);
                    }
                }
                (false, Some(index)) => {
                    self.next_index = 0;
                    let line = to_string(without_carriage_return(&buf[..index]));
                    // The line and its `\n` are consumed even when they are
                    // not UTF-8.
                    buf.advance(index + 1);
                    return Ok(Some(line?));
                }
                (false, None) if buf.len() > self.max_length => {
                    // `max_length + 1` bytes and no `\n`: reject the line and
                    // skip the rest of it from the next call on.
                    self.is_discarding = true;
                    return Err(LinesCodecError::MaxLineLengthExceeded);
                }
                (false, None) => {
                    self.next_index = read_to;
                    return Ok(None);
                }
            }
        }
    }

    fn decode_eof(&mut self, buf: &mut BytesMut) -> Result<Option<String>, LinesCodecError> {
        if let Some(line) = self.decode(buf)? {
            return Ok(Some(line));
        }
        self.next_index = 0;
        // The last line may lack its `\n`.
        if buf.is_empty() || buf[..] == b"\r"[..] {
            return Ok(None);
        }
        let line = to_string(without_carriage_return(buf));
        buf.advance(buf.len());
        Ok(Some(line?))
    }
}

impl<T> Encoder<T> for LinesCodec
where
    T: AsRef<str>,
{
    type Error = LinesCodecError;

    fn encode(&mut self, line: T, buf: &mut BytesMut) -> Result<(), LinesCodecError> {
        let line = line.as_ref();
        buf.reserve(line.len() + 1);
        buf.put(line.as_bytes());
        buf.put_u8(b'\n');
        Ok(())
    }
}

/// An error from [`LinesCodec`].
#[derive(Debug)]
pub enum LinesCodecError {
    /// A line was longer than the codec's maximum length. Decoding resumes
    /// after the next `\n`.
    MaxLineLengthExceeded,
    /// An I/O error, from the stream or from bytes that are not UTF-8
    /// (kind [`InvalidData`](io::ErrorKind::InvalidData)).
    Io(io::Error),
}

impl fmt::Display for LinesCodecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinesCodecError::MaxLineLengthExceeded => f.write_str("max line length exceeded"),
            LinesCodecError::Io(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl From<io::Error> for LinesCodecError {
    fn from(e: io::Error) -> LinesCodecError {
        LinesCodecError::Io(e)
    }
}

impl std::error::Error for LinesCodecError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LinesCodecError::MaxLineLengthExceeded => None,
            LinesCodecError::Io(e) => Some(e),
        }
    }
}
