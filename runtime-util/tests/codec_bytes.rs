//! `BytesCodec`: bytes in, bytes out.
#![cfg(feature = "codec")]

mod support;

use bytes::{Bytes, BytesMut};
use futures::{SinkExt, StreamExt};
use runtime_test::io::Builder;
use runtime_util::codec::{BytesCodec, Decoder, Encoder, FramedRead, FramedWrite};

#[test]
fn decode_takes_everything_buffered() {
    let mut codec = BytesCodec::new();
    let mut buf = BytesMut::from(&b"abc"[..]);
    assert_eq!(&codec.decode(&mut buf).unwrap().unwrap()[..], b"abc");
    assert!(buf.is_empty());
    assert_eq!(codec.decode(&mut buf).unwrap(), None);
    assert_eq!(codec.decode_eof(&mut buf).unwrap(), None);
}

#[test]
fn encode_bytes_and_bytes_mut() {
    let mut codec = BytesCodec::default();
    let mut buf = BytesMut::new();
    codec.encode(Bytes::from_static(b"ab"), &mut buf).unwrap();
    codec.encode(BytesMut::from(&b"cd"[..]), &mut buf).unwrap();
    assert_eq!(&buf[..], b"abcd");
}

#[test]
fn framed_read_yields_each_read() {
    let mock = Builder::new().read(b"one").read(b"two").build();
    let chunks: Vec<_> = runtime_test::block_on(
        FramedRead::new(mock, BytesCodec::new())
            .map(|c| c.unwrap().freeze())
            .collect(),
    );
    assert_eq!(chunks, ["one", "two"]);
}

#[test]
fn framed_write_passes_bytes_through() {
    let mock = Builder::new().write(b"raw bytes").build();
    runtime_test::block_on(async {
        let mut sink = FramedWrite::new(mock, BytesCodec::new());
        sink.send(Bytes::from_static(b"raw ")).await.unwrap();
        sink.send(Bytes::from_static(b"bytes")).await.unwrap();
    });
}
