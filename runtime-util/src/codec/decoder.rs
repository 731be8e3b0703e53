//! The [`Decoder`] trait: turning bytes read from a stream into frames.

use std::io;

use bytes::BytesMut;
use runtime_core::io::{AsyncRead, AsyncWrite};

use super::Framed;

/// Decodes frames from a buffer of bytes read off a stream.
///
/// A decoder is called by [`FramedRead`](super::FramedRead) and
/// [`Framed`] each time new bytes have arrived, with the whole buffer of
/// bytes not yet consumed. It either takes one frame off the front of the
/// buffer and returns it, or returns `Ok(None)` to ask for more bytes. The
/// framing type keeps the buffer between calls, so a decoder only needs to
/// remember how far it has looked (if it wants to avoid scanning the same
/// bytes twice).
///
/// # Errors
///
/// An error from `decode` or `decode_eof` is returned by the stream, after
/// which the stream ends (returns `None`) unless it is polled again and new
/// bytes arrive. Frames decoded before the error have all been delivered.
///
/// # Examples
///
/// A decoder of big-endian `u16`s:
///
/// ```
/// use bytes::{Buf, BytesMut};
/// use runtime_util::codec::Decoder;
///
/// struct U16s;
///
/// impl Decoder for U16s {
///     type Item = u16;
///     type Error = std::io::Error;
///
///     fn decode(&mut self, src: &mut BytesMut) -> Result<Option<u16>, Self::Error> {
///         if src.len() < 2 {
///             return Ok(None);
///         }
///         Ok(Some(src.get_u16()))
///     }
/// }
///
/// let mut buf = BytesMut::from(&[0u8, 7, 1][..]);
/// assert_eq!(U16s.decode(&mut buf).unwrap(), Some(7));
/// assert_eq!(U16s.decode(&mut buf).unwrap(), None);
/// // One byte is left over at end of stream: the default `decode_eof` says so.
/// let err = U16s.decode_eof(&mut buf).unwrap_err();
/// assert_eq!(err.to_string(), "bytes remaining on stream");
/// ```
pub trait Decoder {
    /// The type of the frames this decoder produces.
    type Item;

    /// The error this decoder returns.
    ///
    /// It must be constructible from an [`io::Error`], because the framing
    /// types also report the I/O errors of the underlying stream through it.
    type Error: From<io::Error>;

    /// Takes one frame off the front of `src`, if it holds a whole one.
    ///
    /// Returns `Ok(Some(frame))` after removing the frame's bytes from `src`,
    /// or `Ok(None)` when more bytes are needed. When it returns `Ok(None)`,
    /// it should reserve in `src` the room the rest of the frame needs, if it
    /// knows it: the framing types read into the buffer's spare capacity.
    ///
    /// `decode` is called again as long as it returns frames, so it must not
    /// return a frame without consuming bytes unless that is what the
    /// protocol means.
    ///
    /// # Errors
    ///
    /// Returns `Err` when the bytes cannot be a valid frame.
    fn decode(&mut self, src: &mut BytesMut) -> Result<Option<Self::Item>, Self::Error>;

    /// Called instead of [`decode`](Decoder::decode) once the stream has
    /// reached end of file, to decode the last frames.
    ///
    /// It is called repeatedly until it returns `Ok(None)`. The default calls
    /// `decode`; when that returns `Ok(None)` with bytes still in `src`, the
    /// stream ended in the middle of a frame.
    ///
    /// # Errors
    ///
    /// The default returns an [`io::Error`] of kind
    /// [`Other`](io::ErrorKind::Other) with the message
    /// `"bytes remaining on stream"` when `src` is not empty and `decode`
    /// finds no frame in it, so that a truncated frame is never dropped
    /// silently.
    fn decode_eof(&mut self, buf: &mut BytesMut) -> Result<Option<Self::Item>, Self::Error> {
        match self.decode(buf)? {
            Some(frame) => Ok(Some(frame)),
            None if buf.is_empty() => Ok(None),
            None => Err(io::Error::other("bytes remaining on stream").into()),
        }
    }

    /// Wraps `io` in a [`Framed`] that decodes with this decoder (and
    /// encodes with it, when it is also an [`Encoder`](super::Encoder)).
    ///
    /// A shorthand for [`Framed::new(io, self)`](Framed::new).
    fn framed<T: AsyncRead + AsyncWrite + Sized>(self, io: T) -> Framed<T, Self>
    where
        Self: Sized,
    {
        Framed::new(io, self)
    }
}
