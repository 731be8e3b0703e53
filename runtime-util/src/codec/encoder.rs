//! The [`Encoder`] trait: turning frames into bytes to write to a stream.

use std::io;

use bytes::BytesMut;

/// Encodes frames of type `Item` into a buffer of bytes to be written.
///
/// [`FramedWrite`](super::FramedWrite) and [`Framed`](super::Framed) call
/// `encode` for each item sent into them, appending to their write buffer,
/// and write the buffer out when it passes its high-water mark or when
/// flushed. A codec may implement `Encoder` for several item types.
///
/// # Examples
///
/// ```
/// use bytes::{BufMut, BytesMut};
/// use runtime_util::codec::Encoder;
///
/// struct U16s;
///
/// impl Encoder<u16> for U16s {
///     type Error = std::io::Error;
///
///     fn encode(&mut self, item: u16, dst: &mut BytesMut) -> Result<(), Self::Error> {
///         dst.put_u16(item);
///         Ok(())
///     }
/// }
///
/// let mut buf = BytesMut::new();
/// U16s.encode(7, &mut buf).unwrap();
/// assert_eq!(&buf[..], &[0, 7]);
/// ```
pub trait Encoder<Item> {
    /// The error this encoder returns.
    ///
    /// It must be constructible from an [`io::Error`], because the framing
    /// types also report the I/O errors of the underlying stream through it.
    type Error: From<io::Error>;

    /// Appends the encoding of `item` to `dst`.
    ///
    /// # Errors
    ///
    /// Returns `Err` when `item` cannot be encoded (for instance, it is
    /// larger than the protocol allows). Nothing should be appended then.
    fn encode(&mut self, item: Item, dst: &mut BytesMut) -> Result<(), Self::Error>;
}
