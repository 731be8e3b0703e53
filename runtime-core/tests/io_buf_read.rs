//! AsyncBufReadExt: read_until, read_line, lines, split, fill_buf, consume.

#[path = "support/io_mock.rs"]
mod mock;

use std::io::ErrorKind;
use std::pin::pin;

use mock::{CountWaker, Script, Step, block_on, data, poll_once};
use runtime_core::io::{AsyncBufReadExt, BufReader};

fn reader(steps: impl IntoIterator<Item = Step>) -> BufReader<Script> {
    BufReader::new(Script::new(steps))
}

#[test]
fn read_until_across_chunks() {
    block_on(async {
        let mut rd = reader([data(b"ab"), data(b"c;d"), data(b"e;")]);
        let mut buf = Vec::new();
        assert_eq!(rd.read_until(b';', &mut buf).await.unwrap(), 4);
        assert_eq!(buf, b"abc;");
        assert_eq!(rd.read_until(b';', &mut buf).await.unwrap(), 3);
        assert_eq!(buf, b"abc;de;");
        assert_eq!(rd.read_until(b';', &mut buf).await.unwrap(), 0);
    });
}

#[test]
fn read_until_is_resumable_after_cancel() {
    let (_, waker) = CountWaker::new();
    let mut rd = reader([data(b"par"), Step::Pending, data(b"tial\nnext")]);
    let mut buf = Vec::new();
    {
        let mut fut = pin!(rd.read_until(b'\n', &mut buf));
        assert!(poll_once(fut.as_mut(), &waker).is_pending());
    }
    // The bytes consumed so far are in `buf`.
    assert_eq!(buf, b"par");
    block_on(async {
        assert_eq!(rd.read_until(b'\n', &mut buf).await.unwrap(), 5);
        assert_eq!(buf, b"partial\n");
    });
}

#[test]
fn read_until_error_keeps_consumed_bytes() {
    block_on(async {
        let mut rd = reader([data(b"abc"), Step::Fail(ErrorKind::ConnectionAborted)]);
        let mut buf = Vec::new();
        let err = rd.read_until(b'\n', &mut buf).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::ConnectionAborted);
        assert_eq!(buf, b"abc");
    });
}

#[test]
fn read_until_retries_interrupted() {
    block_on(async {
        let mut rd = reader([
            Step::Fail(ErrorKind::Interrupted),
            data(b"ab"),
            Step::Fail(ErrorKind::Interrupted),
            data(b"c;d"),
        ]);
        let mut buf = Vec::new();
        assert_eq!(rd.read_until(b';', &mut buf).await.unwrap(), 4);
        assert_eq!(buf, b"abc;");
        assert_eq!(rd.read_until(b';', &mut buf).await.unwrap(), 1);
        assert_eq!(buf, b"abc;d");
    });
}

#[test]
fn fill_buf_does_not_retry_interrupted() {
    block_on(async {
        let mut rd = reader([Step::Fail(ErrorKind::Interrupted), data(b"x")]);
        let err = rd.fill_buf().await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Interrupted);
        assert_eq!(rd.fill_buf().await.unwrap(), b"x");
    });
}

#[test]
fn read_line_lines_and_split_retry_interrupted() {
    block_on(async {
        let script = || {
            reader([
                data(b"one"),
                Step::Fail(ErrorKind::Interrupted),
                data(b"\ntwo\n"),
                Step::Fail(ErrorKind::Interrupted),
            ])
        };
        let mut line = String::new();
        let mut rd = script();
        assert_eq!(rd.read_line(&mut line).await.unwrap(), 4);
        assert_eq!(rd.read_line(&mut line).await.unwrap(), 4);
        assert_eq!(rd.read_line(&mut line).await.unwrap(), 0);
        assert_eq!(line, "one\ntwo\n");

        let mut lines = script().lines();
        assert_eq!(lines.next_line().await.unwrap().as_deref(), Some("one"));
        assert_eq!(lines.next_line().await.unwrap().as_deref(), Some("two"));
        assert_eq!(lines.next_line().await.unwrap(), None);

        let mut parts = script().split(b'\n');
        assert_eq!(parts.next_segment().await.unwrap().unwrap(), b"one");
        assert_eq!(parts.next_segment().await.unwrap().unwrap(), b"two");
        assert_eq!(parts.next_segment().await.unwrap(), None);
    });
}

#[test]
fn read_line_appends_lines() {
    block_on(async {
        let mut rd = reader([data(b"Hello Wor"), data(b"ld\nFizzBuz"), data(b"z\n1\n2")]);
        let mut line = String::from("We say ");
        assert_eq!(rd.read_line(&mut line).await.unwrap(), 12);
        assert_eq!(line, "We say Hello World\n");
        line.clear();
        assert_eq!(rd.read_line(&mut line).await.unwrap(), 9);
        assert_eq!(line, "FizzBuzz\n");
        line.clear();
        assert_eq!(rd.read_line(&mut line).await.unwrap(), 2);
        assert_eq!(line, "1\n");
        line.clear();
        assert_eq!(rd.read_line(&mut line).await.unwrap(), 1);
        assert_eq!(line, "2");
        line.clear();
        assert_eq!(rd.read_line(&mut line).await.unwrap(), 0);
        assert_eq!(line, "");
    });
}

#[test]
fn read_line_invalid_utf8_keeps_earlier_contents() {
    block_on(async {
        let mut rd = reader([data(b"ok\n"), data(&[0xFF, b'x', b'\n']), data(b"after\n")]);
        let mut line = String::new();
        rd.read_line(&mut line).await.unwrap();
        let err = rd.read_line(&mut line).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidData);
        // What was in the string before the bad line is still there.
        assert_eq!(line, "ok\n");
        // The error is the `Utf8Error` of the whole would-be string, so its
        // position counts what the string held before the call.
        assert_eq!(
            err.to_string(),
            "invalid utf-8 sequence of 1 bytes from index 3"
        );
        let utf8 = err
            .into_inner()
            .expect("an inner error")
            .downcast::<std::str::Utf8Error>()
            .expect("a Utf8Error");
        assert_eq!(utf8.valid_up_to(), 3);
        assert_eq!(utf8.error_len(), Some(1));
        // The bad line was consumed; reading continues after it.
        assert_eq!(rd.read_line(&mut line).await.unwrap(), 6);
        assert_eq!(line, "ok\nafter\n");
    });
}

#[test]
fn read_line_utf8_split_across_reads() {
    block_on(async {
        let mut rd = reader([data(&[b'c', b'a', b'f', 0xC3]), data(&[0xA9, b'\n'])]);
        let mut line = String::new();
        assert_eq!(rd.read_line(&mut line).await.unwrap(), 6);
        assert_eq!(line, "café\n");
    });
}

#[test]
fn read_line_io_error_keeps_valid_partial_line() {
    block_on(async {
        let mut rd = reader([data(b"half"), Step::Fail(ErrorKind::UnexpectedEof)]);
        let mut line = String::from("> ");
        let err = rd.read_line(&mut line).await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::UnexpectedEof);
        assert_eq!(line, "> half");
    });
}

#[test]
fn read_line_io_error_after_invalid_utf8_restores_the_string() {
    block_on(async {
        let mut rd = reader([data(b"ha\xFFlf"), Step::Fail(ErrorKind::ConnectionReset)]);
        let mut line = String::from("> ");
        let err = rd.read_line(&mut line).await.unwrap_err();
        // The I/O error wins; the string is what it was before the call.
        assert_eq!(err.kind(), ErrorKind::ConnectionReset);
        assert_eq!(line, "> ");
    });
}

#[test]
fn lines_strips_endings() {
    block_on(async {
        let mut lines =
            reader([data(b"one\r\ntwo\n\nthr"), data(b"ee\r\n"), data(b"last")]).lines();
        let mut got = Vec::new();
        while let Some(line) = lines.next_line().await.unwrap() {
            got.push(line);
        }
        assert_eq!(got, ["one", "two", "", "three", "last"]);
        assert_eq!(lines.next_line().await.unwrap(), None);
    });
}

#[test]
fn lines_lone_carriage_return_is_kept() {
    block_on(async {
        let mut lines = (&b"a\rb\n\r"[..]).lines();
        assert_eq!(lines.next_line().await.unwrap().as_deref(), Some("a\rb"));
        assert_eq!(lines.next_line().await.unwrap().as_deref(), Some("\r"));
        assert_eq!(lines.next_line().await.unwrap(), None);
    });
}

#[test]
fn lines_invalid_utf8_is_invalid_data_then_continues() {
    block_on(async {
        let mut lines = (&b"good\n\xFF\xFE\nalso good\n"[..]).lines();
        assert_eq!(lines.next_line().await.unwrap().as_deref(), Some("good"));
        let err = lines.next_line().await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidData);
        // The bad line's bytes are handed over inside the error.
        let inner = err.into_inner().expect("the UTF-8 error");
        let utf8 = inner
            .downcast::<std::string::FromUtf8Error>()
            .expect("a FromUtf8Error");
        assert_eq!(utf8.into_bytes(), b"\xFF\xFE");
        assert_eq!(
            lines.next_line().await.unwrap().as_deref(),
            Some("also good")
        );
    });
}

#[test]
fn lines_next_line_is_cancel_safe() {
    let (_, waker) = CountWaker::new();
    let mut lines = reader([data(b"hel"), Step::Pending, data(b"lo\n")]).lines();
    {
        let mut fut = pin!(lines.next_line());
        assert!(poll_once(fut.as_mut(), &waker).is_pending());
    }
    block_on(async {
        assert_eq!(lines.next_line().await.unwrap().as_deref(), Some("hello"));
        assert_eq!(lines.next_line().await.unwrap(), None);
    });
    assert_eq!(lines.get_ref().get_ref().reads, 4);
}

#[test]
fn split_segments() {
    block_on(async {
        let mut parts = reader([data(b"a,b"), data(b",,c,")]).split(b',');
        let mut got = Vec::new();
        while let Some(seg) = parts.next_segment().await.unwrap() {
            got.push(seg);
        }
        assert_eq!(
            got,
            [b"a".to_vec(), b"b".to_vec(), b"".to_vec(), b"c".to_vec()]
        );
    });
}

#[test]
fn split_propagates_error() {
    block_on(async {
        let mut parts = reader([data(b"x"), Step::Fail(ErrorKind::Other)]).split(b',');
        assert_eq!(
            parts.next_segment().await.unwrap_err().kind(),
            ErrorKind::Other
        );
    });
}

#[test]
fn fill_buf_and_consume() {
    block_on(async {
        let mut rd = BufReader::with_capacity(4, &b"abcdef"[..]);
        assert_eq!(rd.fill_buf().await.unwrap(), b"abcd");
        rd.consume(1);
        assert_eq!(rd.fill_buf().await.unwrap(), b"bcd");
        rd.consume(3);
        assert_eq!(rd.fill_buf().await.unwrap(), b"ef");
        rd.consume(2);
        assert_eq!(rd.fill_buf().await.unwrap(), b"");
    });
}

#[test]
fn consume_past_buffer_is_clamped() {
    block_on(async {
        let mut rd = BufReader::with_capacity(4, &b"abcdef"[..]);
        rd.fill_buf().await.unwrap();
        rd.consume(100);
        assert_eq!(rd.fill_buf().await.unwrap(), b"ef");
    });
}
