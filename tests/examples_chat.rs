//! The `chat` example's connection handler, driven over in-memory duplex
//! pipes, with the exact bytes each client receives checked.

#[allow(dead_code)]
#[path = "../examples/chat.rs"]
mod chat;

use runtime::io::{AsyncReadExt, AsyncWriteExt, DuplexStream, duplex};
use runtime::sync::broadcast::{self, error::TryRecvError};
use runtime::task::JoinHandle;
use runtime_util::codec::LinesCodecError;

type Session = JoinHandle<Result<(), LinesCodecError>>;

/// Reads exactly `expected.len()` bytes and checks they are `expected`.
async fn expect(client: &mut DuplexStream, expected: &str) {
    let mut got = vec![0u8; expected.len()];
    client.read_exact(&mut got).await.unwrap();
    assert_eq!(String::from_utf8_lossy(&got), expected);
}

/// Connects a client with id `id`, answers the prompt with `name`, and waits
/// (on `observer`) for the arrival to be announced, which also means the
/// session is subscribed to the channel.
async fn join(
    tx: &broadcast::Sender<chat::Message>,
    observer: &mut broadcast::Receiver<chat::Message>,
    id: u64,
    name: &str,
) -> (DuplexStream, Session) {
    let (mut client, server) = duplex(4096);
    let session = runtime::spawn(chat::handle_client(server, id, tx.clone()));
    expect(&mut client, "Please enter your name:\n").await;
    client
        .write_all(format!("{name}\n").as_bytes())
        .await
        .unwrap();
    let joined = observer.recv().await.unwrap();
    assert_eq!(joined.from, id);
    assert_eq!(joined.text, format!("{name} has joined the chat"));
    (client, session)
}

#[runtime::test]
async fn lines_reach_the_others_but_not_their_sender_and_departures_are_announced() {
    let (tx, mut observer) = broadcast::channel(16);
    let (mut alice, alice_session) = join(&tx, &mut observer, 1, "alice").await;
    let (mut bob, bob_session) = join(&tx, &mut observer, 2, "bob").await;
    expect(&mut alice, "bob has joined the chat\n").await;

    bob.write_all(b"hi all\n").await.unwrap();
    expect(&mut alice, "bob: hi all\n").await;

    alice.write_all(b"hello bob\r\n").await.unwrap();
    // Bob's next bytes are alice's line: his own never came back to him.
    expect(&mut bob, "alice: hello bob\n").await;

    drop(bob);
    bob_session.await.unwrap().unwrap();
    expect(&mut alice, "bob has left the chat\n").await;

    alice.shutdown().await.unwrap();
    alice_session.await.unwrap().unwrap();
    let mut rest = Vec::new();
    alice.read_to_end(&mut rest).await.unwrap();
    assert_eq!(rest, b"");

    let texts: Vec<String> = std::iter::from_fn(|| observer.try_recv().ok())
        .map(|m| m.text)
        .collect();
    assert_eq!(
        texts,
        [
            "bob: hi all",
            "alice: hello bob",
            "bob has left the chat",
            "alice has left the chat",
        ]
    );
}

#[runtime::test]
async fn an_over_long_line_is_refused_and_ends_the_session() {
    let (tx, mut observer) = broadcast::channel(16);
    let (mut alice, session) = join(&tx, &mut observer, 1, "alice").await;

    alice.write_all(b"fine\n").await.unwrap();
    let mut long = vec![b'x'; chat::MAX_LINE_LENGTH + 1];
    long.extend_from_slice(b"\nnever read\n");
    alice.write_all(&long).await.unwrap();
    expect(&mut alice, "error: lines are limited to 1024 bytes\n").await;
    let err = session.await.unwrap().unwrap_err();
    assert!(
        matches!(err, LinesCodecError::MaxLineLengthExceeded),
        "{err:?}"
    );
    let mut rest = Vec::new();
    alice.read_to_end(&mut rest).await.unwrap();
    assert_eq!(rest, b"");

    // The line before the long one went out; the one after it did not.
    let texts: Vec<String> = std::iter::from_fn(|| observer.try_recv().ok())
        .map(|m| m.text)
        .collect();
    assert_eq!(texts, ["alice: fine", "alice has left the chat"]);
}

#[runtime::test]
async fn an_empty_name_is_asked_again_and_leaving_before_naming_is_silent() {
    let (tx, mut observer) = broadcast::channel(16);
    let (mut client, server) = duplex(4096);
    let session = runtime::spawn(chat::handle_client(server, 7, tx.clone()));
    expect(&mut client, "Please enter your name:\n").await;
    client.write_all(b"  \n").await.unwrap();
    expect(&mut client, "Please enter your name:\n").await;

    drop(client);
    session.await.unwrap().unwrap();
    assert_eq!(observer.try_recv().unwrap_err(), TryRecvError::Empty);
}

#[runtime::test]
async fn an_over_long_name_is_refused_without_an_announcement() {
    let (tx, mut observer) = broadcast::channel(16);
    let (mut client, server) = duplex(4096);
    let session = runtime::spawn(chat::handle_client(server, 8, tx.clone()));
    expect(&mut client, "Please enter your name:\n").await;
    client
        .write_all(&vec![b'n'; chat::MAX_LINE_LENGTH + 1])
        .await
        .unwrap();
    expect(&mut client, "error: lines are limited to 1024 bytes\n").await;
    let err = session.await.unwrap().unwrap_err();
    assert!(
        matches!(err, LinesCodecError::MaxLineLengthExceeded),
        "{err:?}"
    );
    assert_eq!(observer.try_recv().unwrap_err(), TryRecvError::Empty);
}

#[runtime::test]
async fn invalid_utf8_ends_the_session_with_an_error_and_a_departure() {
    let (tx, mut observer) = broadcast::channel(16);
    let (mut alice, session) = join(&tx, &mut observer, 3, "alice").await;
    alice.write_all(b"\xff\xfe\n").await.unwrap();
    let err = session.await.unwrap().unwrap_err();
    assert!(
        matches!(&err, LinesCodecError::Io(e) if e.kind() == std::io::ErrorKind::InvalidData),
        "{err:?}"
    );
    assert_eq!(
        observer.recv().await.unwrap().text,
        "alice has left the chat"
    );
}

#[runtime::test]
async fn a_client_that_falls_behind_is_told_how_many_messages_it_missed() {
    // Capacity 2: three messages sent while alice's session cannot run (the
    // test runs on the current thread and does not yield) overflow it.
    let (tx, mut observer) = broadcast::channel(2);
    let (mut alice, _session) = join(&tx, &mut observer, 1, "alice").await;
    for text in ["one", "two", "three"] {
        tx.send(chat::Message {
            from: 99,
            text: text.to_owned(),
        })
        .unwrap();
    }
    expect(&mut alice, "(1 messages were lost)\ntwo\nthree\n").await;
}
