//! [`BytesCodec`]: passes bytes through unchanged.

use std::io;

use bytes::{BufMut, Bytes, BytesMut};

use super::{Decoder, Encoder};

/// A codec that passes bytes through as they come: each decode returns all
/// the bytes buffered so far, each encode appends the item's bytes.
///
/// Useful to turn an `AsyncRead` into a stream of byte chunks (with
/// [`FramedRead`](super::FramedRead)), or to switch a [`Framed`](super::Framed)
/// to raw bytes after a handshake.
///
/// # Examples
///
/// ```
/// use bytes::{Bytes, BytesMut};
/// use runtime_util::codec::{BytesCodec, Decoder, Encoder};
///
/// let mut codec = BytesCodec::new();
/// let mut buf = BytesMut::from(&b"abc"[..]);
/// assert_eq!(&codec.decode(&mut buf).unwrap().unwrap()[..], b"abc");
/// assert_eq!(codec.decode(&mut buf).unwrap(), None);
///
/// codec.encode(Bytes::from_static(b"xyz"), &mut buf).unwrap();
/// assert_eq!(&buf[..], b"xyz");
/// ```
#[derive(Copy, Clone, Debug, Eq, PartialEq, Ord, PartialOrd, Hash, Default)]
pub struct BytesCodec(());

impl BytesCodec {
    /// Creates a `BytesCodec`.
    pub fn new() -> BytesCodec {
        BytesCodec(())
    }
}

impl Decoder for BytesCodec {
    type Item = BytesMut;
    type Error = io::Error;

    fn decode(&mut self, buf: &mut BytesMut) -> Result<Option<BytesMut>, io::Error> {
        if buf.is_empty() {
            Ok(None)
        } else {
            let len = buf.len();
            Ok(Some(buf.split_to(len)))
        }
    }
}

impl Encoder<Bytes> for BytesCodec {
    type Error = io::Error;

    fn encode(&mut self, data: Bytes, buf: &mut BytesMut) -> Result<(), io::Error> {
        buf.reserve(data.len());
        buf.put(data);
        Ok(())
    }
}

impl Encoder<BytesMut> for BytesCodec {
    type Error = io::Error;

    fn encode(&mut self, data: BytesMut, buf: &mut BytesMut) -> Result<(), io::Error> {
        buf.reserve(data.len());
        buf.put(data);
        Ok(())
    }
}
