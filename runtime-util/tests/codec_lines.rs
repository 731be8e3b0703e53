//! `LinesCodec`: decoding, encoding, limits and recovery.
#![cfg(feature = "codec")]

mod support;

use bytes::BytesMut;
use futures::SinkExt;
use runtime_test::io::Builder;
use runtime_util::codec::{Decoder, Encoder, FramedWrite, LinesCodec, LinesCodecError};
use support::decode_every_way;

#[test]
fn decodes_lines_and_strips_cr() {
    let mut codec = LinesCodec::new();
    let mut buf = BytesMut::from(&b"line 1\nline 2\r\n\r\nline 4"[..]);
    assert_eq!(codec.decode(&mut buf).unwrap().as_deref(), Some("line 1"));
    assert_eq!(codec.decode(&mut buf).unwrap().as_deref(), Some("line 2"));
    assert_eq!(codec.decode(&mut buf).unwrap().as_deref(), Some(""));
    assert_eq!(codec.decode(&mut buf).unwrap(), None);
    assert_eq!(
        codec.decode_eof(&mut buf).unwrap().as_deref(),
        Some("line 4")
    );
    assert_eq!(codec.decode_eof(&mut buf).unwrap(), None);
    assert!(buf.is_empty());
}

#[test]
fn only_one_cr_is_stripped() {
    let mut codec = LinesCodec::new();
    let mut buf = BytesMut::from(&b"a\r\r\n"[..]);
    assert_eq!(codec.decode(&mut buf).unwrap().as_deref(), Some("a\r"));
}

#[test]
fn lone_cr_at_eof_is_not_a_line() {
    let mut codec = LinesCodec::new();
    let mut buf = BytesMut::from(&b"\r"[..]);
    assert_eq!(codec.decode_eof(&mut buf).unwrap(), None);
    let mut buf = BytesMut::from(&b"x\r"[..]);
    assert_eq!(codec.decode_eof(&mut buf).unwrap().as_deref(), Some("x"));
}

#[test]
fn line_split_across_reads_is_searched_once_and_decoded() {
    let mut codec = LinesCodec::new();
    let mut buf = BytesMut::from(&b"hel"[..]);
    assert_eq!(codec.decode(&mut buf).unwrap(), None);
    buf.extend_from_slice(b"lo\nwor");
    assert_eq!(codec.decode(&mut buf).unwrap().as_deref(), Some("hello"));
    assert_eq!(codec.decode(&mut buf).unwrap(), None);
    buf.extend_from_slice(b"ld\n");
    assert_eq!(codec.decode(&mut buf).unwrap().as_deref(), Some("world"));
}

#[test]
fn max_length_rejects_then_recovers_at_next_newline() {
    let mut codec = LinesCodec::new_with_max_length(4);
    let mut buf = BytesMut::from(&b"ok\ntoolongline\nfine\n"[..]);
    assert_eq!(codec.decode(&mut buf).unwrap().as_deref(), Some("ok"));
    assert!(matches!(
        codec.decode(&mut buf),
        Err(LinesCodecError::MaxLineLengthExceeded)
    ));
    assert_eq!(codec.decode(&mut buf).unwrap().as_deref(), Some("fine"));
    assert_eq!(codec.decode(&mut buf).unwrap(), None);
}

#[test]
fn line_of_exactly_max_length_is_accepted() {
    let mut codec = LinesCodec::new_with_max_length(4);
    let mut buf = BytesMut::from(&b"abcd\nabcde\n"[..]);
    assert_eq!(codec.decode(&mut buf).unwrap().as_deref(), Some("abcd"));
    assert!(matches!(
        codec.decode(&mut buf),
        Err(LinesCodecError::MaxLineLengthExceeded)
    ));
    assert_eq!(codec.decode(&mut buf).unwrap(), None);
    assert!(buf.is_empty());
}

#[test]
fn discarding_keeps_the_buffer_bounded() {
    let max = 16;
    let mut codec = LinesCodec::new_with_max_length(max);
    let mut buf = BytesMut::new();
    buf.extend_from_slice(&[b'x'; 17]);
    assert!(matches!(
        codec.decode(&mut buf),
        Err(LinesCodecError::MaxLineLengthExceeded)
    ));
    // A peer keeps sending without a newline: the buffer never grows past
    // what one read adds.
    for _ in 0..1000 {
        buf.extend_from_slice(&[b'y'; 100]);
        assert_eq!(codec.decode(&mut buf).unwrap(), None);
        assert!(buf.len() <= max + 1, "buffer grew to {}", buf.len());
    }
    buf.extend_from_slice(b"yy\nnext\n");
    assert_eq!(codec.decode(&mut buf).unwrap().as_deref(), Some("next"));
}

#[test]
fn invalid_utf8_is_an_invalid_data_error() {
    let mut codec = LinesCodec::new();
    let mut buf = BytesMut::from(&b"\xff\xfe\nok\n"[..]);
    match codec.decode(&mut buf) {
        Err(LinesCodecError::Io(e)) => assert_eq!(e.kind(), std::io::ErrorKind::InvalidData),
        other => panic!("unexpected {other:?}"),
    }
    // The bad line was consumed; the next one decodes.
    assert_eq!(codec.decode(&mut buf).unwrap().as_deref(), Some("ok"));
}

#[test]
fn encodes_with_newline() {
    let mut codec = LinesCodec::new();
    let mut buf = BytesMut::new();
    codec.encode("line 1", &mut buf).unwrap();
    codec.encode(String::from("line 2"), &mut buf).unwrap();
    assert_eq!(&buf[..], b"line 1\nline 2\n");
}

#[test]
fn errors_display_and_convert() {
    assert_eq!(
        LinesCodecError::MaxLineLengthExceeded.to_string(),
        "max line length exceeded"
    );
    let e: LinesCodecError = std::io::Error::other("boom").into();
    assert_eq!(e.to_string(), "boom");
    assert!(matches!(e, LinesCodecError::Io(_)));
}

#[test]
fn max_length_accessor() {
    assert_eq!(LinesCodec::new().max_length(), usize::MAX);
    assert_eq!(LinesCodec::default().max_length(), usize::MAX);
    assert_eq!(LinesCodec::new_with_max_length(7).max_length(), 7);
}

#[test]
fn framed_read_over_mock_any_delivery() {
    let out = decode_every_way(b"one\ntwo\r\n\nlast", LinesCodec::new);
    assert_eq!(out, ["\"one\"", "\"two\"", "\"\"", "\"last\""]);
}

#[test]
fn framed_read_error_ends_stream_after_earlier_lines() {
    // The over-long line is reported after every earlier line, the stream
    // ends once, and polling again resumes after the long line.
    let out = decode_every_way(b"a\nb\n0123456789\nc\n", || {
        LinesCodec::new_with_max_length(5)
    });
    assert_eq!(
        out,
        [
            "\"a\"",
            "\"b\"",
            "error: max line length exceeded",
            "end",
            "\"c\""
        ]
    );
}

#[test]
fn framed_write_to_mock() {
    let mock = Builder::new().write(b"hello\n").write(b"world\n").build();
    runtime_test::block_on(async {
        let mut sink = FramedWrite::new(mock, LinesCodec::new());
        sink.send("hello").await.unwrap();
        sink.send("world").await.unwrap();
    });
}

/// What `LinesCodec::new()` must make of `input` fed in one piece: every
/// `\n`-terminated line without its `\n` and one `\r`, as a `String` or an
/// `InvalidData` error; then, at end of stream, the unterminated rest.
fn model_lines(input: &[u8]) -> Vec<Result<String, ()>> {
    let text = |line: &[u8]| {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        std::str::from_utf8(line).map(str::to_owned).map_err(|_| ())
    };
    let mut out = Vec::new();
    let mut rest = input;
    while let Some(at) = rest.iter().position(|&b| b == b'\n') {
        out.push(text(&rest[..at]));
        rest = &rest[at + 1..];
    }
    if !rest.is_empty() && rest != b"\r" {
        out.push(text(rest));
    }
    out
}

/// Feeds `input` in `piece`-byte reads to a fresh `LinesCodec`, then ends
/// the stream; collects lines and errors.
fn decode_lines(input: &[u8], piece: usize) -> Vec<Result<String, ()>> {
    let mut codec = LinesCodec::new();
    let mut buf = BytesMut::new();
    let mut out = Vec::new();
    let mut push = |result: Result<Option<String>, LinesCodecError>| match result {
        Ok(Some(line)) => {
            out.push(Ok(line));
            true
        }
        Ok(None) => false,
        Err(LinesCodecError::Io(e)) if e.kind() == std::io::ErrorKind::InvalidData => {
            out.push(Err(()));
            true
        }
        Err(e) => panic!("unexpected {e:?}"),
    };
    for chunk in input.chunks(piece.max(1)) {
        buf.extend_from_slice(chunk);
        while push(codec.decode(&mut buf)) {}
    }
    while push(codec.decode_eof(&mut buf)) {}
    assert!(buf.is_empty());
    out
}

#[test]
fn long_and_non_ascii_lines_match_a_model() {
    // Lines long enough to cross the decoder's 32-byte search blocks, with
    // a non-ASCII character, an invalid byte or a `\r` at every position of
    // the first ~70 bytes, so the ASCII fast path and the general UTF-8 path
    // both meet every alignment.
    let mut input = Vec::new();
    for len in [0usize, 1, 7, 31, 32, 33, 63, 64, 65, 100] {
        for at in 0..len.min(70) {
            let mut line = vec![b'k'; len];
            let odd: &[u8] = match at % 4 {
                0 => "\u{e9}".as_bytes(),
                1 => b"\xFF",
                2 => "\u{1F600}".as_bytes(),
                _ => b"\r",
            };
            line.splice(at..=at, odd.iter().copied());
            input.extend_from_slice(&line);
            input.extend_from_slice(if at % 3 == 0 { b"\r\n" } else { b"\n" });
        }
        input.extend(std::iter::repeat_n(b'a', len));
        input.push(b'\n');
    }
    // An unterminated, non-ASCII last line.
    input.extend_from_slice("tail \u{e9}\r".as_bytes());

    let expected = model_lines(&input);
    assert!(expected.iter().any(Result::is_err));
    assert!(
        expected
            .iter()
            .any(|l| l.as_ref().is_ok_and(|l| !l.is_ascii()))
    );
    for piece in [input.len(), 1, 3, 32, 33, 100] {
        assert_eq!(decode_lines(&input, piece), expected, "piece={piece}");
    }
}

#[test]
fn bad_utf8_line_is_consumed_and_the_buffer_keeps_the_rest() {
    let mut codec = LinesCodec::new();
    let mut buf = BytesMut::from(&b"\xC3\x28 bad\r\nnext line\nrest"[..]);
    assert!(matches!(
        codec.decode(&mut buf),
        Err(LinesCodecError::Io(e)) if e.kind() == std::io::ErrorKind::InvalidData
    ));
    assert_eq!(&buf[..], b"next line\nrest");
    assert_eq!(
        codec.decode(&mut buf).unwrap().as_deref(),
        Some("next line")
    );
    assert_eq!(&buf[..], b"rest");
    // At end of stream too: the bad tail is consumed with its error.
    let mut buf = BytesMut::from(&b"ok\n\xFFtail"[..]);
    assert_eq!(codec.decode_eof(&mut buf).unwrap().as_deref(), Some("ok"));
    assert!(codec.decode_eof(&mut buf).is_err());
    assert!(buf.is_empty());
    assert_eq!(codec.decode_eof(&mut buf).unwrap(), None);
}
