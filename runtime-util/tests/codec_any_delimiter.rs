//! `AnyDelimiterCodec`: delimiters, limits and recovery.
#![cfg(feature = "codec")]

mod support;

use bytes::BytesMut;
use runtime_util::codec::{AnyDelimiterCodec, AnyDelimiterCodecError, Decoder, Encoder};
use support::decode_every_way;

fn codec() -> AnyDelimiterCodec {
    AnyDelimiterCodec::new(b",;\n".to_vec(), b";".to_vec())
}

#[test]
fn splits_at_any_delimiter() {
    let mut codec = codec();
    let mut buf = BytesMut::from(&b"a,b;c\nd"[..]);
    assert_eq!(codec.decode(&mut buf).unwrap().unwrap(), "a");
    assert_eq!(codec.decode(&mut buf).unwrap().unwrap(), "b");
    assert_eq!(codec.decode(&mut buf).unwrap().unwrap(), "c");
    assert_eq!(codec.decode(&mut buf).unwrap(), None);
    assert_eq!(codec.decode_eof(&mut buf).unwrap().unwrap(), "d");
    assert_eq!(codec.decode_eof(&mut buf).unwrap(), None);
}

#[test]
fn consecutive_delimiters_give_empty_chunks() {
    let mut codec = codec();
    let mut buf = BytesMut::from(&b",;"[..]);
    assert_eq!(codec.decode(&mut buf).unwrap().unwrap(), "");
    assert_eq!(codec.decode(&mut buf).unwrap().unwrap(), "");
    assert_eq!(codec.decode(&mut buf).unwrap(), None);
}

#[test]
fn bytes_need_not_be_utf8() {
    let mut codec = codec();
    let mut buf = BytesMut::from(&b"\xff\xfe,"[..]);
    assert_eq!(&codec.decode(&mut buf).unwrap().unwrap()[..], b"\xff\xfe");
}

#[test]
fn default_delimiters_and_writer() {
    let mut codec = AnyDelimiterCodec::default();
    let mut buf = BytesMut::from(&b"a,b;c\nd\re,"[..]);
    for want in ["a", "b", "c", "d", "e"] {
        assert_eq!(codec.decode(&mut buf).unwrap().unwrap(), want);
    }
    codec.encode("x", &mut buf).unwrap();
    assert_eq!(&buf[..], b"x,");
}

#[test]
fn encode_appends_the_sequence_writer() {
    let mut codec = AnyDelimiterCodec::new(b",".to_vec(), b"\r\n".to_vec());
    let mut buf = BytesMut::new();
    codec.encode("one", &mut buf).unwrap();
    codec.encode(String::from("two"), &mut buf).unwrap();
    assert_eq!(&buf[..], b"one\r\ntwo\r\n");
}

#[test]
fn max_length_rejects_then_recovers() {
    let mut codec = AnyDelimiterCodec::new_with_max_length(b",".to_vec(), b",".to_vec(), 3);
    assert_eq!(codec.max_length(), 3);
    let mut buf = BytesMut::from(&b"abc,abcdefgh,ok,"[..]);
    assert_eq!(codec.decode(&mut buf).unwrap().unwrap(), "abc");
    assert!(matches!(
        codec.decode(&mut buf),
        Err(AnyDelimiterCodecError::MaxChunkLengthExceeded)
    ));
    assert_eq!(codec.decode(&mut buf).unwrap().unwrap(), "ok");
}

#[test]
fn discarding_keeps_the_buffer_bounded() {
    let max = 8;
    let mut codec = AnyDelimiterCodec::new_with_max_length(b"|".to_vec(), b"|".to_vec(), max);
    let mut buf = BytesMut::from(&[b'x'; 9][..]);
    assert!(codec.decode(&mut buf).is_err());
    for _ in 0..100 {
        buf.extend_from_slice(&[b'x'; 50]);
        assert_eq!(codec.decode(&mut buf).unwrap(), None);
        assert!(buf.len() <= max + 1);
    }
    buf.extend_from_slice(b"x|next|");
    assert_eq!(codec.decode(&mut buf).unwrap().unwrap(), "next");
}

#[test]
fn errors_display_and_convert() {
    assert_eq!(
        AnyDelimiterCodecError::MaxChunkLengthExceeded.to_string(),
        "max chunk length exceeded"
    );
    let e: AnyDelimiterCodecError = std::io::Error::other("boom").into();
    assert_eq!(e.to_string(), "boom");
}

#[test]
fn framed_read_any_delivery() {
    let out = decode_every_way(b"a,bb;;ccc\ntail", codec);
    assert_eq!(out, ["b\"a\"", "b\"bb\"", "b\"\"", "b\"ccc\"", "b\"tail\""]);
}

#[test]
fn framed_read_over_long_chunk_any_delivery() {
    let out = decode_every_way(b"ab,abcdef,cd,", || {
        AnyDelimiterCodec::new_with_max_length(b",".to_vec(), b",".to_vec(), 3)
    });
    assert_eq!(
        out,
        [
            "b\"ab\"",
            "error: max chunk length exceeded",
            "end",
            "b\"cd\""
        ]
    );
}
