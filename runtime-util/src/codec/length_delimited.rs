//! Frames preceded by a header that gives their length.
//!
//! Many binary protocols send each message as a header holding the length of
//! the payload, then the payload. [`LengthDelimitedCodec`] turns such a byte
//! stream into a stream of payloads ([`BytesMut`]) and writes [`Bytes`] (or `&[u8]`)
//! payloads with their length in front. With the defaults, the header is a
//! 4-byte big-endian length and nothing else:
//!
//! ```text
//! +---- len: u32 ----+---- payload ----+
//! | 0x00 00 00 0B    |  "hello world"  |
//! +------------------+-----------------+
//! ```
//!
//! The [`Builder`] describes other layouts. Reading a frame goes like this:
//!
//! 1. wait until the header is buffered: `length_field_offset` bytes, the
//!    length field itself (`length_field_length` bytes, 1 to 8, big or little
//!    endian), and more if `num_skip` says the header is longer;
//! 2. read the length field; if it is above `max_frame_length` (8 MiB by
//!    default) the frame is rejected **before anything is allocated for it**,
//!    with an [`io::Error`] of kind [`InvalidData`](io::ErrorKind::InvalidData)
//!    wrapping a [`LengthDelimitedCodecError`];
//! 3. add `length_adjustment` (for protocols whose length counts the header,
//!    or part of it); an adjusted length below zero is an
//!    [`InvalidInput`](io::ErrorKind::InvalidInput) error;
//! 4. drop the first `num_skip` bytes (by default the offset and the length
//!    field, i.e. the whole header) and reserve room for the payload;
//! 5. once the payload is buffered, split it off and return it.
//!
//! With `num_skip(0)`, a header whose adjusted length is 0 would make a frame
//! that consumes no bytes, decoded from the same header forever; it is
//! refused with an [`InvalidData`](io::ErrorKind::InvalidData) error instead
//! (tokio-util loops).
//!
//! So a frame ends up as everything after the first `num_skip` bytes, and
//! `num_skip` can keep parts of the header in the returned frame. For
//! example, a 1-byte type tag, then a 2-byte length counting the payload
//! only, returning the whole message, header included:
//!
//! ```
//! use bytes::BytesMut;
//! use runtime_util::codec::{Decoder, LengthDelimitedCodec};
//!
//! let mut codec = LengthDelimitedCodec::builder()
//!     .length_field_offset(1)
//!     .length_field_type::<u16>()
//!     .length_adjustment(3) // the frame also holds the 3 header bytes
//!     .num_skip(0)          // ... because none are skipped
//!     .new_codec();
//! let mut buf = BytesMut::from(&b"\x07\x00\x02hi"[..]);
//! let frame = codec.decode(&mut buf).unwrap().unwrap();
//! assert_eq!(&frame[..], b"\x07\x00\x02hi");
//! ```
//!
//! Encoding writes only the length field (never the offset bytes), holding
//! the payload length minus `length_adjustment`, then the payload.
//! `length_field_offset` and `num_skip` apply to decoding only. A payload
//! longer than `max_frame_length`, or whose length does not fit in the
//! length field, is refused with an
//! [`InvalidInput`](io::ErrorKind::InvalidInput) error wrapping a
//! [`LengthDelimitedCodecError`].
//!
//! # Bounded memory
//!
//! The decoder never reserves more than the configured maximum (plus a
//! positive `length_adjustment`): a peer announcing a 4 GiB frame gets an
//! error after the header and costs no allocation. Frames decoded before an
//! error are delivered first.

use std::error::Error as StdError;
use std::{cmp, fmt, io, mem};

use bytes::{Buf, BufMut, Bytes, BytesMut};
use runtime_core::io::{AsyncRead, AsyncWrite};

use super::{Decoder, Encoder, Framed, FramedRead, FramedWrite};

/// Configures and builds a [`LengthDelimitedCodec`] (and framing types
/// around it).
///
/// Some settings apply to decoding only; each method says which. See the
/// [module documentation](self) for how the settings combine.
///
/// # Examples
///
/// ```
/// use runtime_util::codec::LengthDelimitedCodec;
///
/// let codec = LengthDelimitedCodec::builder()
///     .little_endian()
///     .length_field_type::<u16>()
///     .max_frame_length(1024)
///     .new_codec();
/// assert_eq!(codec.max_frame_length(), 1024);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Builder {
    /// The largest length field accepted (decoding) or payload (encoding).
    max_frame_len: usize,
    /// Bytes in the length field, 1 to 8.
    length_field_len: usize,
    /// Bytes before the length field.
    length_field_offset: usize,
    /// Added to the length field to get the frame length.
    length_adjustment: isize,
    /// Bytes dropped before the frame; `None` means offset + field length.
    num_skip: Option<usize>,
    /// Byte order of the length field.
    length_field_is_big_endian: bool,
}

/// A codec for frames preceded by their length.
///
/// Decodes into [`BytesMut`] payloads and encodes [`Bytes`] payloads; see
/// the [module documentation](self) for the frame layouts it handles and
/// [`Builder`] for its settings.
///
/// # Examples
///
/// ```
/// use bytes::{Bytes, BytesMut};
/// use runtime_util::codec::{Decoder, Encoder, LengthDelimitedCodec};
///
/// let mut codec = LengthDelimitedCodec::new();
/// let mut buf = BytesMut::new();
/// codec.encode(Bytes::from_static(b"hello"), &mut buf).unwrap();
/// assert_eq!(&buf[..], b"\x00\x00\x00\x05hello");
/// assert_eq!(&codec.decode(&mut buf).unwrap().unwrap()[..], b"hello");
/// ```
pub struct LengthDelimitedCodec {
    builder: Builder,
    state: DecodeState,
    /// `builder.num_head_bytes()`, worked out once: every frame needs it.
    head_len: usize,
    /// `builder.get_num_skip()`, likewise.
    num_skip: usize,
}

/// Where the decoder is within a frame.
#[derive(Debug, Clone, Copy)]
enum DecodeState {
    /// Waiting for a whole header.
    Head,
    /// Header consumed; waiting for this many payload bytes.
    Data(usize),
}

/// The error inside the [`io::Error`] returned when a frame is longer than
/// the codec's maximum (or, when encoding, than its length field can say).
///
/// Recover it with [`io::Error::get_ref`] and `downcast_ref`:
///
/// ```
/// use bytes::BytesMut;
/// use runtime_util::codec::{Decoder, LengthDelimitedCodec, LengthDelimitedCodecError};
///
/// let mut codec = LengthDelimitedCodec::builder().max_frame_length(4).new_codec();
/// // A header announcing 4 GiB - 1.
/// let mut buf = BytesMut::from(&[0xFF, 0xFF, 0xFF, 0xFF][..]);
/// let err = codec.decode(&mut buf).unwrap_err();
/// assert_eq!(err.kind(), std::io::ErrorKind::InvalidData);
/// assert!(err.get_ref().unwrap().is::<LengthDelimitedCodecError>());
/// ```
pub struct LengthDelimitedCodecError {
    _priv: (),
}

impl LengthDelimitedCodec {
    /// Creates a codec with the default settings: a 4-byte big-endian length
    /// field at the start of each frame, counting the payload only, and a
    /// maximum frame length of 8 MiB.
    pub fn new() -> Self {
        Builder::new().new_codec()
    }

    /// Returns a [`Builder`] with the default settings.
    pub fn builder() -> Builder {
        Builder::new()
    }

    /// Returns the largest frame this codec accepts.
    pub fn max_frame_length(&self) -> usize {
        self.builder.max_frame_len
    }

    /// Changes the largest frame this codec accepts.
    ///
    /// A frame whose header has already been decoded is finished under the
    /// old limit; the new one applies from the next header on. A value above
    /// what the length field can express (after `length_adjustment`) is
    /// lowered to that, as in [`Builder::new_codec`].
    pub fn set_max_frame_length(&mut self, val: usize) {
        self.builder.max_frame_length(val);
        self.builder.clamp_max_frame_len();
    }

    /// Decodes a header, if a whole one is buffered, and returns the length
    /// of the payload that follows it.
    #[inline]
    fn decode_head(&mut self, src: &mut BytesMut) -> io::Result<Option<usize>> {
        if src.len() < self.head_len {
            return Ok(None);
        }

        let field = &src[self.builder.length_field_offset..][..self.builder.length_field_len];
        let raw = read_length_field(field, self.builder.length_field_is_big_endian);

        // Checked before anything is reserved: a hostile header costs nothing.
        if raw > self.builder.max_frame_len as u64 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                LengthDelimitedCodecError { _priv: () },
            ));
        }
        // `raw <= max_frame_len`, a `usize`, so this does not truncate.
        let raw = raw as usize;

        let adjustment = self.builder.length_adjustment;
        let n = if adjustment < 0 {
            raw.checked_sub(adjustment.unsigned_abs())
        } else {
            raw.checked_add(adjustment.unsigned_abs())
        }
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                "provided length would overflow after adjustment",
            )
        })?;

        let skip = self.num_skip;
        if skip == 0 && n == 0 {
            // A frame that consumes no bytes would be decoded again and
            // again from the same header, forever.
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                "frame would consume no bytes",
            ));
        }
        src.advance(skip);
        src.reserve(n.saturating_sub(src.len()));
        Ok(Some(n))
    }
}

/// Reads a length field of 1 to 8 bytes as an unsigned integer.
///
/// The common widths read a fixed-size array, which compiles to one load
/// (and a byte swap for big endian); the others go byte by byte. Copying
/// `field` into a zeroed `[u8; 8]` instead would be one generic routine, but
/// a copy whose length is only known at run time becomes a call to `memcpy`,
/// paid for every frame.
#[inline]
fn read_length_field(field: &[u8], big_endian: bool) -> u64 {
    /// `field` as an array; the caller matched on its length.
    fn array<const N: usize>(field: &[u8]) -> [u8; N] {
        field.try_into().expect("length matched")
    }
    match (field.len(), big_endian) {
        (1, _) => u64::from(field[0]),
        (2, true) => u64::from(u16::from_be_bytes(array(field))),
        (2, false) => u64::from(u16::from_le_bytes(array(field))),
        (4, true) => u64::from(u32::from_be_bytes(array(field))),
        (4, false) => u64::from(u32::from_le_bytes(array(field))),
        (8, true) => u64::from_be_bytes(array(field)),
        (8, false) => u64::from_le_bytes(array(field)),
        (_, true) => field.iter().fold(0, |n, &b| n << 8 | u64::from(b)),
        (_, false) => field.iter().rev().fold(0, |n, &b| n << 8 | u64::from(b)),
    }
}

impl Default for LengthDelimitedCodec {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for LengthDelimitedCodec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LengthDelimitedCodec")
            .field("builder", &self.builder)
            .field("state", &self.state)
            .finish()
    }
}

impl Clone for LengthDelimitedCodec {
    fn clone(&self) -> Self {
        Self {
            builder: self.builder,
            state: self.state,
            head_len: self.head_len,
            num_skip: self.num_skip,
        }
    }
}

impl Decoder for LengthDelimitedCodec {
    type Item = BytesMut;
    type Error = io::Error;

    #[inline]
    fn decode(&mut self, src: &mut BytesMut) -> io::Result<Option<BytesMut>> {
        let n = match self.state {
            DecodeState::Head => match self.decode_head(src)? {
                Some(n) => n,
                None => return Ok(None),
            },
            DecodeState::Data(n) => n,
        };

        if src.len() < n {
            // The header is consumed: wait for the rest of the payload.
            self.state = DecodeState::Data(n);
            return Ok(None);
        }
        let frame = src.split_to(n);
        self.state = DecodeState::Head;
        // Make room for the next header.
        src.reserve(self.head_len.saturating_sub(src.len()));
        Ok(Some(frame))
    }
}

impl Encoder<Bytes> for LengthDelimitedCodec {
    type Error = io::Error;

    fn encode(&mut self, data: Bytes, dst: &mut BytesMut) -> Result<(), io::Error> {
        Encoder::<&[u8]>::encode(self, &data, dst)
    }
}

impl Encoder<&[u8]> for LengthDelimitedCodec {
    type Error = io::Error;

    fn encode(&mut self, data: &[u8], dst: &mut BytesMut) -> Result<(), io::Error> {
        let n = data.len();
        if n > self.builder.max_frame_len {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                LengthDelimitedCodecError { _priv: () },
            ));
        }

        let adjustment = self.builder.length_adjustment;
        let field = if adjustment < 0 {
            n.checked_add(adjustment.unsigned_abs())
        } else {
            n.checked_sub(adjustment.unsigned_abs())
        }
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                "provided length would overflow after adjustment",
            )
        })? as u64;

        // A length the field cannot hold would be written truncated and
        // corrupt the stream: refuse it instead.
        let field_bits = self.builder.length_field_len * 8;
        if field_bits < 64 && field >> field_bits != 0 {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                LengthDelimitedCodecError { _priv: () },
            ));
        }

        dst.reserve(self.builder.length_field_len + n);
        if self.builder.length_field_is_big_endian {
            dst.put_uint(field, self.builder.length_field_len);
        } else {
            dst.put_uint_le(field, self.builder.length_field_len);
        }
        dst.extend_from_slice(data);
        Ok(())
    }
}

/// Sealed marker for the integer types [`Builder::length_field_type`]
/// accepts.
mod length_field_type {
    /// An unsigned integer type whose size can be a length field's.
    pub trait LengthFieldType {}

    impl LengthFieldType for u8 {}
    impl LengthFieldType for u16 {}
    impl LengthFieldType for u32 {}
    impl LengthFieldType for u64 {}
    impl LengthFieldType for usize {}
}

impl Builder {
    /// Creates a builder with the default settings: a 4-byte big-endian
    /// length field at offset 0, no adjustment, the whole header skipped, and
    /// a maximum frame length of 8 MiB.
    ///
    /// # Examples
    ///
    /// ```
    /// use runtime_util::codec::length_delimited::Builder;
    ///
    /// let codec = Builder::new().new_codec();
    /// assert_eq!(codec.max_frame_length(), 8 * 1024 * 1024);
    /// ```
    pub fn new() -> Builder {
        Builder {
            max_frame_len: 8 * 1024 * 1024,
            length_field_len: 4,
            length_field_offset: 0,
            length_adjustment: 0,
            num_skip: None,
            length_field_is_big_endian: true,
        }
    }

    /// Reads and writes the length field in big-endian (network) order, the
    /// default. Applies to decoding and encoding.
    pub fn big_endian(&mut self) -> &mut Self {
        self.length_field_is_big_endian = true;
        self
    }

    /// Reads and writes the length field in little-endian order. Applies to
    /// decoding and encoding.
    ///
    /// # Examples
    ///
    /// ```
    /// use bytes::{Bytes, BytesMut};
    /// use runtime_util::codec::{Encoder, LengthDelimitedCodec};
    ///
    /// let mut codec = LengthDelimitedCodec::builder()
    ///     .little_endian()
    ///     .length_field_type::<u16>()
    ///     .new_codec();
    /// let mut buf = BytesMut::new();
    /// codec.encode(Bytes::from_static(b"abc"), &mut buf).unwrap();
    /// assert_eq!(&buf[..], b"\x03\x00abc");
    /// ```
    pub fn little_endian(&mut self) -> &mut Self {
        self.length_field_is_big_endian = false;
        self
    }

    /// Reads and writes the length field in the byte order of the machine.
    /// Applies to decoding and encoding.
    pub fn native_endian(&mut self) -> &mut Self {
        if cfg!(target_endian = "big") {
            self.big_endian()
        } else {
            self.little_endian()
        }
    }

    /// Sets the largest frame accepted, 8 MiB by default. Applies to
    /// decoding and encoding.
    ///
    /// When decoding, the length field is compared with this value **before**
    /// `length_adjustment` is applied, and a frame above it is an
    /// [`InvalidData`](io::ErrorKind::InvalidData) error wrapping a
    /// [`LengthDelimitedCodecError`], raised before any memory is reserved
    /// for the frame. When encoding, the payload length is compared, and a
    /// larger payload is an [`InvalidInput`](io::ErrorKind::InvalidInput)
    /// error.
    ///
    /// A value above what the length field can describe (its largest value
    /// plus `length_adjustment`) is lowered to that by
    /// [`new_codec`](Builder::new_codec).
    pub fn max_frame_length(&mut self, val: usize) -> &mut Self {
        self.max_frame_len = val;
        self
    }

    /// Sets the size of the length field to that of the unsigned integer
    /// type `T` (`u8`, `u16`, `u32`, `u64` or `usize`). Applies to decoding
    /// and encoding.
    ///
    /// Unlike [`length_field_length`](Builder::length_field_length), a wrong
    /// size is caught at compile time:
    ///
    /// ```compile_fail
    /// runtime_util::codec::LengthDelimitedCodec::builder().length_field_type::<u128>();
    /// ```
    pub fn length_field_type<T: length_field_type::LengthFieldType>(&mut self) -> &mut Self {
        self.length_field_length(mem::size_of::<T>())
    }

    /// Sets the size of the length field in bytes, 4 by default. Applies to
    /// decoding and encoding.
    ///
    /// # Panics
    ///
    /// Panics unless `1 <= val <= 8`.
    pub fn length_field_length(&mut self, val: usize) -> &mut Self {
        assert!(val > 0 && val <= 8, "invalid length field length");
        self.length_field_len = val;
        self
    }

    /// Sets the number of header bytes before the length field, 0 by
    /// default. Applies to decoding only: encoding writes no such bytes.
    pub fn length_field_offset(&mut self, val: usize) -> &mut Self {
        self.length_field_offset = val;
        self
    }

    /// Sets what is added to the length field to get the length of the
    /// frame returned (the bytes taken after `num_skip` bytes are dropped),
    /// 0 by default. Applies to decoding (added) and encoding (subtracted).
    ///
    /// Use a negative value when the length field counts header bytes that
    /// are skipped, a positive one when header bytes are kept in the frame.
    pub fn length_adjustment(&mut self, val: isize) -> &mut Self {
        self.length_adjustment = val;
        self
    }

    /// Sets how many bytes are dropped from the start of each frame before
    /// the payload is returned. Defaults to `length_field_offset +
    /// length_field_length`, the whole header. Applies to decoding only.
    pub fn num_skip(&mut self, val: usize) -> &mut Self {
        self.num_skip = Some(val);
        self
    }

    /// Builds a [`LengthDelimitedCodec`] with these settings.
    ///
    /// The codec's maximum frame length is `max_frame_length`, lowered if
    /// needed to the largest frame the length field can describe: the
    /// field's largest value plus `length_adjustment`.
    ///
    /// ```
    /// use runtime_util::codec::LengthDelimitedCodec;
    ///
    /// let codec = LengthDelimitedCodec::builder()
    ///     .length_field_type::<u8>()
    ///     .length_adjustment(-1)
    ///     .new_codec();
    /// assert_eq!(codec.max_frame_length(), 254);
    /// ```
    pub fn new_codec(&self) -> LengthDelimitedCodec {
        let mut builder = *self;
        builder.clamp_max_frame_len();
        LengthDelimitedCodec {
            builder,
            state: DecodeState::Head,
            head_len: self.num_head_bytes(),
            num_skip: self.get_num_skip(),
        }
    }

    /// Builds a [`FramedRead`] decoding `upstream` with these settings.
    ///
    /// # Examples
    ///
    /// ```
    /// use futures::StreamExt;
    /// use runtime_util::codec::LengthDelimitedCodec;
    ///
    /// # futures::executor::block_on(async {
    /// let input: &[u8] = b"\x00\x02hi\x00\x03you";
    /// let mut frames = LengthDelimitedCodec::builder()
    ///     .length_field_type::<u16>()
    ///     .new_read(input);
    /// assert_eq!(&frames.next().await.unwrap().unwrap()[..], b"hi");
    /// assert_eq!(&frames.next().await.unwrap().unwrap()[..], b"you");
    /// assert!(frames.next().await.is_none());
    /// # });
    /// ```
    pub fn new_read<T>(&self, upstream: T) -> FramedRead<T, LengthDelimitedCodec>
    where
        T: AsyncRead,
    {
        FramedRead::new(upstream, self.new_codec())
    }

    /// Builds a [`FramedWrite`] encoding into `inner` with these settings.
    pub fn new_write<T>(&self, inner: T) -> FramedWrite<T, LengthDelimitedCodec>
    where
        T: AsyncWrite,
    {
        FramedWrite::new(inner, self.new_codec())
    }

    /// Builds a [`Framed`] over `inner` with these settings.
    pub fn new_framed<T>(&self, inner: T) -> Framed<T, LengthDelimitedCodec>
    where
        T: AsyncRead + AsyncWrite,
    {
        Framed::new(inner, self.new_codec())
    }

    /// Lowers `max_frame_len` to the largest frame the length field can
    /// describe, so that every frame accepted for encoding has a length the
    /// field can hold.
    fn clamp_max_frame_len(&mut self) {
        let bits = self.length_field_len * 8;
        let field_max = if bits >= 64 {
            u64::MAX
        } else {
            (1u64 << bits) - 1
        };
        // Adjustment is added when decoding: the frame carries that many
        // bytes more (or fewer) than the field says.
        let frame_max = field_max.saturating_add_signed(self.length_adjustment as i64);
        let frame_max = usize::try_from(frame_max).unwrap_or(usize::MAX);
        self.max_frame_len = self.max_frame_len.min(frame_max);
    }

    /// The bytes that must be buffered before the header can be decoded.
    fn num_head_bytes(&self) -> usize {
        let field_end = self
            .length_field_offset
            .saturating_add(self.length_field_len);
        cmp::max(field_end, self.num_skip.unwrap_or(0))
    }

    /// The bytes dropped before the frame.
    fn get_num_skip(&self) -> usize {
        self.num_skip.unwrap_or_else(|| {
            self.length_field_offset
                .saturating_add(self.length_field_len)
        })
    }
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for LengthDelimitedCodecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LengthDelimitedCodecError").finish()
    }
}

impl fmt::Display for LengthDelimitedCodecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("frame size too big")
    }
}

impl StdError for LengthDelimitedCodecError {}
