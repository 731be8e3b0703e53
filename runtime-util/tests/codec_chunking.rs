//! Property: how the bytes are split into reads never changes what a codec
//! decodes (frames, errors, and their order).
#![cfg(feature = "codec")]

use bytes::BytesMut;
use proptest::prelude::*;
use runtime_util::codec::{AnyDelimiterCodec, Decoder, LengthDelimitedCodec, LinesCodec};

/// Feeds `input` to `decoder` split at `cuts`, decoding after each piece and
/// at end of stream; renders every outcome. Stops at the first error when
/// `stop_at_error` (for codecs that keep a bad header buffered).
fn run<D>(mut decoder: D, input: &[u8], cuts: &[usize], stop_at_error: bool) -> Vec<String>
where
    D: Decoder,
    D::Item: std::fmt::Debug,
    D::Error: std::fmt::Display,
{
    let mut points: Vec<usize> = cuts.iter().map(|c| c % (input.len() + 1)).collect();
    points.push(0);
    points.push(input.len());
    points.sort_unstable();
    points.dedup();

    let mut buf = BytesMut::new();
    let mut out = Vec::new();
    for pair in points.windows(2) {
        buf.extend_from_slice(&input[pair[0]..pair[1]]);
        loop {
            match decoder.decode(&mut buf) {
                Ok(Some(item)) => out.push(format!("{item:?}")),
                Ok(None) => break,
                Err(e) => {
                    out.push(format!("error: {e}"));
                    if stop_at_error {
                        return out;
                    }
                }
            }
        }
    }
    for _ in 0..=input.len() {
        match decoder.decode_eof(&mut buf) {
            Ok(Some(item)) => out.push(format!("{item:?}")),
            Ok(None) => return out,
            Err(e) => {
                out.push(format!("eof error: {e}"));
                return out;
            }
        }
    }
    panic!("decode_eof never returned None");
}

/// Bytes rich in the codecs' special characters.
fn input() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(
        prop_oneof![
            4 => b'a'..=b'e',
            2 => Just(b'\n'),
            1 => Just(b'\r'),
            1 => Just(b','),
            1 => any::<u8>(),
        ],
        0..200,
    )
}

proptest! {
    #[test]
    fn lines_codec_ignores_read_boundaries(
        input in input(),
        cuts in proptest::collection::vec(any::<usize>(), 0..20),
        max in prop_oneof![Just(usize::MAX), 0usize..12],
    ) {
        let make = || if max == usize::MAX { LinesCodec::new() } else { LinesCodec::new_with_max_length(max) };
        let whole = run(make(), &input, &[], false);
        prop_assert_eq!(&whole, &run(make(), &input, &cuts, false));
        let bytewise: Vec<usize> = (0..input.len()).collect();
        prop_assert_eq!(&whole, &run(make(), &input, &bytewise, false));
    }

    #[test]
    fn any_delimiter_codec_ignores_read_boundaries(
        input in input(),
        cuts in proptest::collection::vec(any::<usize>(), 0..20),
        max in prop_oneof![Just(usize::MAX), 0usize..12],
    ) {
        let make = || AnyDelimiterCodec::new_with_max_length(b",\n".to_vec(), b",".to_vec(), max);
        let whole = run(make(), &input, &[], false);
        prop_assert_eq!(&whole, &run(make(), &input, &cuts, false));
        let bytewise: Vec<usize> = (0..input.len()).collect();
        prop_assert_eq!(&whole, &run(make(), &input, &bytewise, false));
    }

    #[test]
    fn length_delimited_codec_ignores_read_boundaries(
        frames in proptest::collection::vec(proptest::collection::vec(any::<u8>(), 0..40), 0..8),
        garbage in proptest::collection::vec(any::<u8>(), 0..12),
        cuts in proptest::collection::vec(any::<usize>(), 0..20),
        field_len in 1usize..=4,
        little in any::<bool>(),
        max in 0usize..48,
    ) {
        let mut builder = LengthDelimitedCodec::builder();
        builder.length_field_length(field_len).max_frame_length(max);
        if little {
            builder.little_endian();
        }
        // Well-formed frames (some may exceed `max`), then garbage.
        let mut input = Vec::new();
        for frame in &frames {
            let n = frame.len() as u64;
            let bytes = if little { n.to_le_bytes() } else { n.to_be_bytes() };
            if little {
                input.extend_from_slice(&bytes[..field_len]);
            } else {
                input.extend_from_slice(&bytes[8 - field_len..]);
            }
            input.extend_from_slice(frame);
        }
        input.extend_from_slice(&garbage);

        let whole = run(builder.new_codec(), &input, &[], true);
        prop_assert_eq!(&whole, &run(builder.new_codec(), &input, &cuts, true));
        let bytewise: Vec<usize> = (0..input.len()).collect();
        prop_assert_eq!(&whole, &run(builder.new_codec(), &input, &bytewise, true));
        // Every frame within the limit before the first oversized one comes out.
        let expected = frames.iter().take_while(|f| f.len() <= max).count();
        prop_assert!(whole.len() >= expected);
        for (got, want) in whole.iter().zip(frames.iter().take(expected)) {
            prop_assert_eq!(got, &format!("{:?}", BytesMut::from(&want[..])));
        }
    }
}
