//! AnyDelimiterCodec with arbitrary delimiters, on arbitrary input in
//! arbitrary pieces: no panic, chunks within the limit and free of
//! delimiters, and at most `max_length` bytes buffered between calls.
//!
//! Input layout: `[max_length, chunk_size, n_delims, delims[n % 4]..., data...]`.
#![no_main]

use bytes::BytesMut;
use libfuzzer_sys::fuzz_target;
use runtime_util::codec::{AnyDelimiterCodec, Decoder};

fuzz_target!(|input: &[u8]| {
    let [max, chunk, n, rest @ ..] = input else {
        return;
    };
    let n = usize::from(*n % 4);
    if rest.len() < n {
        return;
    }
    let (delims, data) = rest.split_at(n);
    let max = if *max == 255 {
        usize::MAX
    } else {
        usize::from(*max)
    };
    let chunk = usize::from(*chunk).max(1);
    let mut codec = AnyDelimiterCodec::new_with_max_length(delims.to_vec(), b",".to_vec(), max);
    let mut buf = BytesMut::new();

    for piece in data.chunks(chunk) {
        buf.extend_from_slice(piece);
        loop {
            match codec.decode(&mut buf) {
                Ok(Some(found)) => {
                    assert!(found.len() <= max);
                    assert!(!found.iter().any(|b| delims.contains(b)));
                }
                Ok(None) => {
                    assert!(buf.len() <= max, "buffered {} > max {}", buf.len(), max);
                    break;
                }
                Err(_) => {}
            }
        }
    }
    for _ in 0..=data.len() {
        match codec.decode_eof(&mut buf) {
            Ok(Some(found)) => assert!(found.len() <= max),
            Ok(None) => return,
            Err(_) => {}
        }
    }
    panic!("decode_eof never returned None");
});
