//! LinesCodec on arbitrary input delivered in arbitrary pieces: no panic,
//! every line valid UTF-8, within the limit and free of `\n`, and the
//! buffer never holds more than `max_length` bytes between calls.
//!
//! Input layout: `[max_length, chunk_size, data...]`; a `max_length` byte of
//! 255 means no limit.
#![no_main]

use bytes::BytesMut;
use libfuzzer_sys::fuzz_target;
use runtime_util::codec::{Decoder, LinesCodec};

fuzz_target!(|input: &[u8]| {
    let [max, chunk, data @ ..] = input else {
        return;
    };
    let max = if *max == 255 {
        usize::MAX
    } else {
        usize::from(*max)
    };
    let chunk = usize::from(*chunk).max(1);
    let mut codec = if max == usize::MAX {
        LinesCodec::new()
    } else {
        LinesCodec::new_with_max_length(max)
    };
    let mut buf = BytesMut::new();

    for piece in data.chunks(chunk) {
        buf.extend_from_slice(piece);
        loop {
            match codec.decode(&mut buf) {
                Ok(Some(line)) => {
                    assert!(!line.contains('\n'));
                    assert!(line.len() <= max);
                    // The ASCII fast path skips std's validation: re-check.
                    assert!(std::str::from_utf8(line.as_bytes()).is_ok());
                }
                Ok(None) => {
                    assert!(buf.len() <= max, "buffered {} > max {}", buf.len(), max);
                    break;
                }
                // Over-long line or bad UTF-8: decoding must go on.
                Err(_) => {}
            }
        }
    }
    for _ in 0..=data.len() {
        match codec.decode_eof(&mut buf) {
            Ok(Some(line)) => {
                assert!(line.len() <= max);
                assert!(std::str::from_utf8(line.as_bytes()).is_ok());
            }
            Ok(None) => return,
            Err(_) => {}
        }
    }
    panic!("decode_eof never returned None");
});
