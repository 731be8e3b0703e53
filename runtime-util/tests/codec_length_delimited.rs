//! `LengthDelimitedCodec` and its builder: layouts, limits, hostile input.
#![cfg(feature = "codec")]

mod support;

use std::io::ErrorKind;

use bytes::{Bytes, BytesMut};
use futures::{SinkExt, StreamExt};
use runtime_test::io::Builder;
use runtime_util::codec::length_delimited;
use runtime_util::codec::{Decoder, Encoder, LengthDelimitedCodec, LengthDelimitedCodecError};
use support::{decode_every_way, decode_until_error_every_way};

fn decode(codec: &mut LengthDelimitedCodec, bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut buf = BytesMut::from(bytes);
    let mut out = Vec::new();
    while let Some(frame) = codec.decode(&mut buf).unwrap() {
        out.push(frame.to_vec());
    }
    out
}

fn encode(codec: &mut LengthDelimitedCodec, payload: &'static [u8]) -> std::io::Result<Vec<u8>> {
    let mut buf = BytesMut::new();
    codec.encode(Bytes::from_static(payload), &mut buf)?;
    Ok(buf.to_vec())
}

fn is_codec_error(e: &std::io::Error) -> bool {
    e.get_ref()
        .is_some_and(|inner| inner.is::<LengthDelimitedCodecError>())
}

#[test]
fn default_layout_round_trip() {
    let mut codec = LengthDelimitedCodec::new();
    assert_eq!(codec.max_frame_length(), 8 * 1024 * 1024);
    let wire = encode(&mut codec, b"abc").unwrap();
    assert_eq!(wire, b"\x00\x00\x00\x03abc");
    assert_eq!(decode(&mut codec, &wire), [b"abc".to_vec()]);
    assert_eq!(encode(&mut codec, b"").unwrap(), b"\x00\x00\x00\x00");
}

#[test]
fn partial_header_and_payload_wait_for_more() {
    let mut codec = LengthDelimitedCodec::new();
    let mut buf = BytesMut::from(&b"\x00\x00"[..]);
    assert_eq!(codec.decode(&mut buf).unwrap(), None);
    buf.extend_from_slice(b"\x00\x05he");
    assert_eq!(codec.decode(&mut buf).unwrap(), None);
    // The payload's room was reserved once the header was read.
    assert!(buf.capacity() >= 5);
    buf.extend_from_slice(b"llo\x00");
    assert_eq!(&codec.decode(&mut buf).unwrap().unwrap()[..], b"hello");
    assert_eq!(codec.decode(&mut buf).unwrap(), None);
    assert_eq!(&buf[..], b"\x00");
}

#[test]
fn every_field_length_both_endians() {
    for len in 1..=8usize {
        for little in [false, true] {
            let mut builder = LengthDelimitedCodec::builder();
            builder.length_field_length(len);
            if little {
                builder.little_endian();
            }
            let mut codec = builder.new_codec();
            let wire = encode(&mut codec, b"xy").unwrap();
            let mut field = vec![0u8; len];
            if little {
                field[0] = 2;
            } else {
                field[len - 1] = 2;
            }
            assert_eq!(&wire[..len], &field[..], "len={len} little={little}");
            assert_eq!(&wire[len..], b"xy");
            assert_eq!(decode(&mut codec, &wire), [b"xy".to_vec()]);
        }
    }
}

#[test]
fn length_field_type_sets_the_size() {
    let mut codec = LengthDelimitedCodec::builder()
        .length_field_type::<u16>()
        .new_codec();
    assert_eq!(encode(&mut codec, b"a").unwrap(), b"\x00\x01a");
    let mut codec = LengthDelimitedCodec::builder()
        .length_field_type::<u64>()
        .new_codec();
    assert_eq!(encode(&mut codec, b"a").unwrap(), b"\0\0\0\0\0\0\0\x01a");
}

#[test]
fn native_endian_matches_target() {
    let mut codec = LengthDelimitedCodec::builder()
        .native_endian()
        .length_field_type::<u16>()
        .new_codec();
    let wire = encode(&mut codec, b"z").unwrap();
    assert_eq!(&wire[..2], &1u16.to_ne_bytes());
}

#[test]
#[should_panic(expected = "invalid length field length")]
fn length_field_length_zero_panics() {
    LengthDelimitedCodec::builder().length_field_length(0);
}

#[test]
#[should_panic(expected = "invalid length field length")]
fn length_field_length_nine_panics() {
    LengthDelimitedCodec::builder().length_field_length(9);
}

#[test]
fn offset_is_skipped_by_default() {
    let mut codec = LengthDelimitedCodec::builder()
        .length_field_offset(2)
        .length_field_type::<u16>()
        .new_codec();
    assert_eq!(decode(&mut codec, b"TT\x00\x03abc"), [b"abc".to_vec()]);
    // Encoding does not write the offset bytes.
    assert_eq!(encode(&mut codec, b"abc").unwrap(), b"\x00\x03abc");
}

#[test]
fn num_skip_keeps_the_header() {
    let mut codec = LengthDelimitedCodec::builder()
        .length_field_type::<u16>()
        .length_adjustment(2)
        .num_skip(0)
        .new_codec();
    assert_eq!(
        decode(&mut codec, b"\x00\x03abc"),
        [b"\x00\x03abc".to_vec()]
    );
}

#[test]
fn negative_adjustment_for_lengths_that_count_the_header() {
    let mut codec = LengthDelimitedCodec::builder()
        .length_field_type::<u16>()
        .length_adjustment(-2)
        .new_codec();
    // The field (5) counts its own 2 bytes.
    assert_eq!(decode(&mut codec, b"\x00\x05abc"), [b"abc".to_vec()]);
    assert_eq!(encode(&mut codec, b"abc").unwrap(), b"\x00\x05abc");
}

#[test]
fn adjustment_below_zero_is_invalid_input() {
    let mut codec = LengthDelimitedCodec::builder()
        .length_field_type::<u16>()
        .length_adjustment(-4)
        .new_codec();
    let mut buf = BytesMut::from(&b"\x00\x02ab"[..]);
    let err = codec.decode(&mut buf).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert_eq!(
        err.to_string(),
        "provided length would overflow after adjustment"
    );

    // Encoding subtracts the adjustment: 1 - 2 < 0.
    let mut codec = LengthDelimitedCodec::builder()
        .length_adjustment(2)
        .new_codec();
    let err = encode(&mut codec, b"a").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
}

#[test]
fn four_gib_prefix_is_rejected_without_allocating() {
    let mut codec = LengthDelimitedCodec::builder()
        .length_field_type::<u64>()
        .new_codec();
    let mut buf = BytesMut::with_capacity(16);
    buf.extend_from_slice(&(4u64 << 30).to_be_bytes());
    let capacity = buf.capacity();
    let err = codec.decode(&mut buf).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidData);
    assert!(is_codec_error(&err));
    assert_eq!(err.to_string(), "frame size too big");
    assert_eq!(buf.capacity(), capacity, "nothing was reserved");

    // u64::MAX as well, and through a u32 field.
    let mut buf = BytesMut::from(&u64::MAX.to_be_bytes()[..]);
    assert!(is_codec_error(&codec.decode(&mut buf).unwrap_err()));
    let mut codec = LengthDelimitedCodec::new();
    let mut buf = BytesMut::from(&[0xFF; 4][..]);
    assert!(is_codec_error(&codec.decode(&mut buf).unwrap_err()));
    assert!(buf.capacity() < 1024);
}

#[test]
fn max_frame_length_is_inclusive_and_checked_before_adjustment() {
    let mut codec = LengthDelimitedCodec::builder()
        .max_frame_length(3)
        .length_field_type::<u8>()
        .new_codec();
    assert_eq!(decode(&mut codec, b"\x03abc"), [b"abc".to_vec()]);
    let mut buf = BytesMut::from(&b"\x04abcd"[..]);
    assert!(is_codec_error(&codec.decode(&mut buf).unwrap_err()));
    assert_eq!(encode(&mut codec, b"abc").unwrap(), b"\x03abc");
    let err = encode(&mut codec, b"abcd").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(is_codec_error(&err));

    codec.set_max_frame_length(4);
    assert_eq!(codec.max_frame_length(), 4);
    assert_eq!(decode(&mut codec, b"\x04abcd"), [b"abcd".to_vec()]);
}

#[test]
fn payload_too_long_for_the_field_is_refused() {
    let mut codec = LengthDelimitedCodec::builder()
        .length_field_type::<u8>()
        .new_codec();
    let big = vec![0u8; 256];
    let mut buf = BytesMut::new();
    let err = codec.encode(Bytes::from(big), &mut buf).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert!(buf.is_empty());
    let ok = vec![0u8; 255];
    codec.encode(Bytes::from(ok), &mut buf).unwrap();
    assert_eq!(buf[0], 255);
    assert_eq!(buf.len(), 256);
}

#[test]
fn builder_defaults_and_copy() {
    let builder = length_delimited::Builder::default();
    let a = builder.new_codec();
    let b = LengthDelimitedCodec::default();
    assert_eq!(a.max_frame_length(), b.max_frame_length());
    let copy = builder;
    let _ = (builder.new_codec(), copy.new_codec());
    assert_eq!(
        format!("{:?}", LengthDelimitedCodecError::from_decode()),
        "LengthDelimitedCodecError"
    );
}

trait FromDecode {
    fn from_decode() -> LengthDelimitedCodecError;
}

impl FromDecode for LengthDelimitedCodecError {
    fn from_decode() -> LengthDelimitedCodecError {
        let mut codec = LengthDelimitedCodec::builder()
            .max_frame_length(0)
            .new_codec();
        let mut buf = BytesMut::from(&b"\x00\x00\x00\x01"[..]);
        let err = codec.decode(&mut buf).unwrap_err();
        let inner = err.into_inner().unwrap();
        *inner.downcast::<LengthDelimitedCodecError>().unwrap()
    }
}

#[test]
fn framed_read_any_delivery() {
    let input = b"\x00\x00\x00\x03one\x00\x00\x00\x00\x00\x00\x00\x05three";
    let out = decode_every_way(input, LengthDelimitedCodec::new);
    assert_eq!(out, ["b\"one\"", "b\"\"", "b\"three\""]);
}

#[test]
fn truncated_frame_at_eof_is_an_error_after_earlier_frames() {
    let input = b"\x00\x00\x00\x01a\x00\x00\x00\x09trunc";
    let out = decode_every_way(input, LengthDelimitedCodec::new);
    assert_eq!(out, ["b\"a\"", "error: bytes remaining on stream"]);

    let input = b"\x00\x00\x00\x01a\x00\x00";
    let out = decode_every_way(input, LengthDelimitedCodec::new);
    assert_eq!(out, ["b\"a\"", "error: bytes remaining on stream"]);
}

#[test]
fn oversized_frame_after_good_ones() {
    let input = b"\x00\x01x\x00\x01y\xFF\xFFzzzz";
    let out = decode_until_error_every_way(input, || {
        LengthDelimitedCodec::builder()
            .length_field_type::<u16>()
            .max_frame_length(100)
            .new_codec()
    });
    assert_eq!(out, ["b\"x\"", "b\"y\"", "error: frame size too big"]);
}

#[test]
fn new_read_write_framed_round_trip() {
    let builder = *LengthDelimitedCodec::builder()
        .length_field_type::<u16>()
        .little_endian();
    runtime_test::block_on(async {
        let mock = Builder::new().write(b"\x02\x00hi").build();
        let mut write = builder.new_write(mock);
        write.send(Bytes::from_static(b"hi")).await.unwrap();
        drop(write);

        let mock = Builder::new().read(b"\x02\x00hi").build();
        let mut read = builder.new_read(mock);
        assert_eq!(&read.next().await.unwrap().unwrap()[..], b"hi");
        assert!(read.next().await.is_none());

        let mock = Builder::new()
            .read(b"\x01\x00a")
            .write(b"\x01\x00b")
            .build();
        let mut framed = builder.new_framed(mock);
        assert_eq!(&framed.next().await.unwrap().unwrap()[..], b"a");
        framed.send(Bytes::from_static(b"b")).await.unwrap();
    });
}

#[test]
fn zero_progress_frame_is_an_error_not_a_loop() {
    // The length counts the whole message, header included, and nothing is
    // skipped: a header announcing 0 would be an empty frame that consumes
    // nothing, forever.
    let mut codec = LengthDelimitedCodec::builder()
        .length_field_type::<u16>()
        .num_skip(0)
        .new_codec();
    let mut buf = BytesMut::from(&b"\x00\x00rest"[..]);
    let err = codec.decode(&mut buf).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidData);
    assert_eq!(err.to_string(), "frame would consume no bytes");
    // A header announcing its own size is a frame of just the header.
    let mut buf = BytesMut::from(&b"\x00\x02rest"[..]);
    assert_eq!(&codec.decode(&mut buf).unwrap().unwrap()[..], b"\x00\x02");
}

#[test]
fn framed_read_huge_prefix_errors_without_growing_the_buffer() {
    // A peer announces 4 GiB - 1 bytes, then keeps sending.
    let mock = Builder::new()
        .read(b"\xFF\xFF\xFF\xFF")
        .read(&[0u8; 1024])
        .build();
    let mut read = runtime_util::codec::FramedRead::new(mock, LengthDelimitedCodec::new());
    runtime_test::block_on(async {
        let err = read.next().await.unwrap().unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidData);
        assert!(is_codec_error(&err));
        assert!(read.next().await.is_none());
    });
    assert!(
        read.read_buffer().capacity() <= 16 * 1024,
        "read buffer grew to {}",
        read.read_buffer().capacity()
    );
    // Read out the rest of the peer's bytes for the mock's drop check.
    let mut mock = read.into_inner();
    runtime_test::block_on(support::drain(&mut mock));
}

#[test]
fn encodes_slices_like_bytes() {
    let mut codec = LengthDelimitedCodec::builder()
        .length_field_type::<u16>()
        .new_codec();
    let mut buf = BytesMut::new();
    codec.encode(&b"slice"[..], &mut buf).unwrap();
    assert_eq!(&buf[..], b"\x00\x05slice");
    let mut small = LengthDelimitedCodec::builder()
        .max_frame_length(1)
        .new_codec();
    let err = small.encode(&b"ab"[..], &mut buf).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
}

#[test]
fn every_field_length_both_endians_reads_every_byte() {
    // A length field whose bytes all differ (01 02 03 ...), so a byte read
    // from the wrong place or in the wrong order changes the length. The
    // adjustment brings the frame back to 3 bytes.
    for len in 1..=8usize {
        for little in [false, true] {
            let big_endian: Vec<u8> = (1..=len as u8).collect();
            let raw = big_endian.iter().fold(0u64, |n, &b| n << 8 | u64::from(b));
            let mut builder = LengthDelimitedCodec::builder();
            builder
                .length_field_length(len)
                .max_frame_length(usize::MAX)
                .length_adjustment(3 - raw as isize);
            let mut wire = big_endian.clone();
            if little {
                builder.little_endian();
                wire.reverse();
            }
            wire.extend_from_slice(b"abc");
            wire.extend_from_slice(&wire.clone());
            let mut codec = builder.new_codec();
            assert_eq!(
                decode(&mut codec, &wire),
                [b"abc".to_vec(), b"abc".to_vec()],
                "len={len} little={little}"
            );
        }
    }
}

#[test]
fn max_frame_length_is_clamped_to_what_the_length_field_can_describe() {
    // Field max 255, plus the adjustment.
    for (adjustment, max) in [(-1isize, 254usize), (0, 255), (1, 256), (-300, 0)] {
        let mut codec = LengthDelimitedCodec::builder()
            .length_field_type::<u8>()
            .length_adjustment(adjustment)
            .new_codec();
        assert_eq!(codec.max_frame_length(), max, "adjustment {adjustment}");
        codec.set_max_frame_length(10_000);
        assert_eq!(codec.max_frame_length(), max, "adjustment {adjustment}");
        // A smaller limit is kept as it is.
        codec.set_max_frame_length(3);
        assert_eq!(codec.max_frame_length(), 3.min(max));
    }
    // The largest accepted payload is encoded with an all-ones field; one
    // more byte is refused without touching the buffer.
    let mut codec = LengthDelimitedCodec::builder()
        .length_field_type::<u16>()
        .length_adjustment(2)
        .max_frame_length(1 << 20)
        .new_codec();
    assert_eq!(codec.max_frame_length(), 65537);
    let mut dst = BytesMut::new();
    codec.encode(Bytes::from(vec![0; 65537]), &mut dst).unwrap();
    assert_eq!(&dst[..2], b"\xFF\xFF");
    let mut dst = BytesMut::from(&b"prefix"[..]);
    let err = codec
        .encode(Bytes::from(vec![0; 65538]), &mut dst)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidInput);
    assert_eq!(&dst[..], b"prefix");
    // 8-byte fields can describe any usize.
    let codec = LengthDelimitedCodec::builder()
        .length_field_type::<u64>()
        .max_frame_length(usize::MAX)
        .new_codec();
    assert_eq!(codec.max_frame_length(), usize::MAX);
    // The builder itself keeps what it was told.
    let mut builder = LengthDelimitedCodec::builder();
    builder.length_field_type::<u8>().max_frame_length(1000);
    assert_eq!(builder.new_codec().max_frame_length(), 255);
    builder.length_field_type::<u16>();
    assert_eq!(builder.new_codec().max_frame_length(), 1000);
}
