//! [`AnyDelimiterCodec`]: chunks of bytes ended by any one of a set of
//! delimiter bytes, with an optional length limit.
//!
//! The decoder works like [`LinesCodec`](super::LinesCodec)'s, with a set of
//! delimiters in place of `\n` and no UTF-8 check: it remembers how far it
//! has searched, never searches past `max_length + 1` bytes, and after an
//! over-long chunk discards bytes up to the next delimiter before resuming.

use std::{cmp, fmt, io};

use bytes::{Buf, BufMut, Bytes, BytesMut};

use super::{Decoder, Encoder};

/// The delimiters of [`AnyDelimiterCodec::default`].
const DEFAULT_SEEK_DELIMITERS: &[u8] = b",;\n\r";
/// What [`AnyDelimiterCodec::default`] writes after each chunk.
const DEFAULT_SEQUENCE_WRITER: &[u8] = b",";

/// A codec that splits bytes into chunks at any of a set of delimiter bytes,
/// and writes a fixed byte sequence after each chunk it encodes.
///
/// Decoded chunks are [`Bytes`] without their delimiter. Two delimiters in a
/// row give an empty chunk. At end of stream the last chunk need not end
/// with a delimiter. The default codec splits at `,`, `;`, `\n` and `\r` and
/// writes `,`.
///
/// # Examples
///
/// ```
/// use bytes::BytesMut;
/// use runtime_util::codec::{AnyDelimiterCodec, Decoder, Encoder};
///
/// let mut codec = AnyDelimiterCodec::new(b",;".to_vec(), b";".to_vec());
/// let mut buf = BytesMut::from(&b"a,b;;c"[..]);
/// assert_eq!(codec.decode(&mut buf).unwrap().unwrap(), "a");
/// assert_eq!(codec.decode(&mut buf).unwrap().unwrap(), "b");
/// assert_eq!(codec.decode(&mut buf).unwrap().unwrap(), "");
/// assert_eq!(codec.decode(&mut buf).unwrap(), None);
/// assert_eq!(codec.decode_eof(&mut buf).unwrap().unwrap(), "c");
///
/// codec.encode("x", &mut buf).unwrap();
/// assert_eq!(&buf[..], b"x;");
/// ```
#[derive(Clone, Debug, Eq, PartialEq, Ord, PartialOrd, Hash)]
pub struct AnyDelimiterCodec {
    /// Where the search for a delimiter resumes.
    next_index: usize,
    /// The longest chunk accepted, `usize::MAX` for no limit.
    max_length: usize,
    /// Whether the rest of an over-long chunk is being skipped.
    is_discarding: bool,
    /// The bytes that end a chunk when decoding.
    seek_delimiters: Vec<u8>,
    /// The bytes written after each chunk when encoding.
    sequence_writer: Vec<u8>,
}

impl AnyDelimiterCodec {
    /// Creates a codec that splits at any byte of `seek_delimiters` and
    /// writes `sequence_writer` after each encoded chunk, with no limit on
    /// chunk length.
    ///
    /// A peer that never sends a delimiter makes the buffer grow without
    /// bound; use [`new_with_max_length`](AnyDelimiterCodec::new_with_max_length)
    /// for untrusted input.
    pub fn new(seek_delimiters: Vec<u8>, sequence_writer: Vec<u8>) -> AnyDelimiterCodec {
        AnyDelimiterCodec {
            next_index: 0,
            max_length: usize::MAX,
            is_discarding: false,
            seek_delimiters,
            sequence_writer,
        }
    }

    /// Like [`new`](AnyDelimiterCodec::new), but rejecting chunks longer
    /// than `max_length` bytes.
    ///
    /// `decode` returns [`AnyDelimiterCodecError::MaxChunkLengthExceeded`]
    /// once it has seen `max_length + 1` bytes without a delimiter, then
    /// discards the rest of that chunk as it arrives (returning `Ok(None)`
    /// meanwhile) and resumes after the next delimiter.
    pub fn new_with_max_length(
        seek_delimiters: Vec<u8>,
        sequence_writer: Vec<u8>,
        max_length: usize,
    ) -> Self {
        AnyDelimiterCodec {
            max_length,
            ..AnyDelimiterCodec::new(seek_delimiters, sequence_writer)
        }
    }

    /// Returns the longest chunk accepted when decoding (`usize::MAX` when
    /// unlimited).
    ///
    /// ```
    /// use runtime_util::codec::AnyDelimiterCodec;
    ///
    /// let codec = AnyDelimiterCodec::new_with_max_length(b",".to_vec(), b",".to_vec(), 64);
    /// assert_eq!(codec.max_length(), 64);
    /// ```
    pub fn max_length(&self) -> usize {
        self.max_length
    }

    fn is_delimiter(&self, byte: u8) -> bool {
        self.seek_delimiters.contains(&byte)
    }
}

impl Default for AnyDelimiterCodec {
    fn default() -> Self {
        Self::new(
            DEFAULT_SEEK_DELIMITERS.to_vec(),
            DEFAULT_SEQUENCE_WRITER.to_vec(),
        )
    }
}

impl Decoder for AnyDelimiterCodec {
    type Item = Bytes;
    type Error = AnyDelimiterCodecError;

    fn decode(&mut self, buf: &mut BytesMut) -> Result<Option<Bytes>, AnyDelimiterCodecError> {
        loop {
            let read_to = cmp::min(self.max_length.saturating_add(1), buf.len());
            let delimiter = buf[self.next_index..read_to]
                .iter()
                .position(|b| self.is_delimiter(*b))
                .map(|offset| self.next_index + offset);

            match (self.is_discarding, delimiter) {
                (true, Some(index)) => {
                    buf.advance(index + 1);
                    self.is_discarding = false;
                    self.next_index = 0;
                }
                (true, None) => {
                    buf.advance(read_to);
                    self.next_index = 0;
                    if buf.is_empty() {
                        return Ok(None);
                    }
                }
                (false, Some(index)) => {
                    self.next_index = 0;
                    let mut chunk = buf.split_to(index + 1);
                    chunk.truncate(index);
                    return Ok(Some(chunk.freeze()));
                }
                (false, None) if buf.len() > self.max_length => {
                    self.is_discarding = true;
                    return Err(AnyDelimiterCodecError::MaxChunkLengthExceeded);
                }
                (false, None) => {
                    self.next_index = read_to;
                    return Ok(None);
                }
            }
        }
    }

    fn decode_eof(&mut self, buf: &mut BytesMut) -> Result<Option<Bytes>, AnyDelimiterCodecError> {
        if let Some(chunk) = self.decode(buf)? {
            return Ok(Some(chunk));
        }
        if buf.is_empty() {
            return Ok(None);
        }
        self.next_index = 0;
        Ok(Some(buf.split().freeze()))
    }
}

impl<T> Encoder<T> for AnyDelimiterCodec
where
    T: AsRef<str>,
{
    type Error = AnyDelimiterCodecError;

    fn encode(&mut self, chunk: T, buf: &mut BytesMut) -> Result<(), AnyDelimiterCodecError> {
        let chunk = chunk.as_ref();
        buf.reserve(chunk.len() + self.sequence_writer.len());
        buf.put(chunk.as_bytes());
        buf.put(&self.sequence_writer[..]);
        Ok(())
    }
}

/// An error from [`AnyDelimiterCodec`].
#[derive(Debug)]
pub enum AnyDelimiterCodecError {
    /// A chunk was longer than the codec's maximum length. Decoding resumes
    /// after the next delimiter.
    MaxChunkLengthExceeded,
    /// An I/O error from the stream.
    Io(io::Error),
}

impl fmt::Display for AnyDelimiterCodecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AnyDelimiterCodecError::MaxChunkLengthExceeded => {
                f.write_str("max chunk length exceeded")
            }
            AnyDelimiterCodecError::Io(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl From<io::Error> for AnyDelimiterCodecError {
    fn from(e: io::Error) -> AnyDelimiterCodecError {
        AnyDelimiterCodecError::Io(e)
    }
}

impl std::error::Error for AnyDelimiterCodecError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            AnyDelimiterCodecError::MaxChunkLengthExceeded => None,
            AnyDelimiterCodecError::Io(e) => Some(e),
        }
    }
}
