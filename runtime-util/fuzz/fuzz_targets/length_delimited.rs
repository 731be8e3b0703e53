//! LengthDelimitedCodec with random builder settings, on arbitrary input in
//! arbitrary pieces: no panic, frames no longer than the configured maximum
//! (plus a positive adjustment), a bounded buffer between calls, and
//! encode-then-decode giving back the payload.
//!
//! Input layout: `[field_len, offset, adjustment, num_skip, flags, max_lo,
//! max_hi, chunk, data...]`.
#![no_main]

use bytes::{Bytes, BytesMut};
use libfuzzer_sys::fuzz_target;
use runtime_util::codec::{Decoder, Encoder, LengthDelimitedCodec};

fuzz_target!(|input: &[u8]| {
    let [
        field_len,
        offset,
        adjustment,
        num_skip,
        flags,
        max_lo,
        max_hi,
        chunk,
        data @ ..,
    ] = input
    else {
        return;
    };
    let field_len = usize::from(field_len % 8) + 1;
    let offset = usize::from(offset % 8);
    let adjustment = isize::from(*adjustment as i8 % 16);
    let max = usize::from(u16::from_le_bytes([*max_lo, *max_hi]));
    let chunk = usize::from(*chunk).max(1);

    let mut builder = LengthDelimitedCodec::builder();
    builder
        .length_field_length(field_len)
        .length_field_offset(offset)
        .length_adjustment(adjustment)
        .max_frame_length(max);
    let skip = if flags & 1 == 1 {
        let skip = usize::from(num_skip % 24);
        builder.num_skip(skip);
        skip
    } else {
        offset + field_len
    };
    match flags >> 1 & 3 {
        0 => builder.big_endian(),
        1 => builder.little_endian(),
        _ => builder.native_endian(),
    };
    let head = (offset + field_len).max(skip);
    // The most the decoder may hold between calls: a partial header, or a
    // partial frame of at most max + adjustment bytes.
    let bound = head.max(max + adjustment.max(0) as usize);

    let mut codec = builder.new_codec();
    let mut buf = BytesMut::new();
    'feed: for piece in data.chunks(chunk) {
        buf.extend_from_slice(piece);
        loop {
            match codec.decode(&mut buf) {
                Ok(Some(frame)) => assert!(frame.len() <= bound),
                Ok(None) => {
                    assert!(
                        buf.len() <= bound,
                        "buffered {} > bound {}",
                        buf.len(),
                        bound
                    );
                    // Nothing was reserved beyond what a frame can need.
                    assert!(
                        buf.capacity() <= 2 * (bound + chunk) + 4096,
                        "capacity {} for bound {}",
                        buf.capacity(),
                        bound
                    );
                    break;
                }
                // The header stays in the buffer: the stream is dead.
                Err(_) => break 'feed,
            }
        }
    }

    // Encoding a payload (all of `data`, if short enough) then decoding it
    // with the default skip gives it back.
    if offset == 0 && flags & 1 == 0 {
        let mut codec = builder.new_codec();
        let payload = Bytes::copy_from_slice(&data[..data.len().min(300)]);
        let mut wire = BytesMut::new();
        if codec.encode(payload.clone(), &mut wire).is_ok() {
            match codec.decode(&mut wire) {
                Ok(Some(frame)) => {
                    assert_eq!(frame, payload);
                    assert!(wire.is_empty());
                }
                // The encoded length may exceed `max` only through a
                // negative adjustment, which decoding checks first.
                Ok(None) => panic!("encoded frame did not decode"),
                Err(e) => assert!(adjustment < 0, "{e}"),
            }
        }
    }
});
