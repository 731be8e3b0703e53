//! A broadcast chat server over `LinesCodec`.
//!
//! ```sh
//! cargo run --example chat                  # listens on 127.0.0.1:6142
//! cargo run --example chat -- 0.0.0.0:7000  # or on an address of your choice
//! nc 127.0.0.1 6142                         # in two or more other terminals
//! ```
//!
//! Each client is first asked for a name. After that, every line it sends
//! is broadcast to all the other clients as `name: line`, and its arrival
//! and departure are announced. A line longer than [`MAX_LINE_LENGTH`] bytes
//! is refused before it is buffered, so a hostile client cannot make the
//! server grow its memory without bound: the client gets an error line and
//! is disconnected (a `Framed` stream ends after its codec's first error).
//!
//! The design: one task per connection, and one `runtime::sync::broadcast`
//! channel shared by all of them. A connection task waits on two things at
//! once with `select!`: the next line from its client, and the next message
//! on the channel. Every message carries the id of the connection that sent
//! it, so a client never receives its own lines back.

use std::error::Error;
use std::sync::atomic::{AtomicU64, Ordering};

use futures::{SinkExt, StreamExt};
use runtime::io::{AsyncRead, AsyncWrite};
use runtime::net::TcpListener;
use runtime::sync::broadcast::{self, error::RecvError};
use runtime_util::codec::{Framed, LinesCodec, LinesCodecError};

/// The longest line, in bytes, that a client may send.
pub(crate) const MAX_LINE_LENGTH: usize = 1024;

/// The first line a client receives.
pub(crate) const NAME_PROMPT: &str = "Please enter your name:";

/// What the channel carries: a line of text and the connection it came from.
#[derive(Clone, Debug)]
pub(crate) struct Message {
    /// The id of the connection that sent this message.
    pub(crate) from: u64,
    /// The text to show to the other clients.
    pub(crate) text: String,
}

/// Hands out a fresh id to each connection.
pub(crate) fn next_client_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Runs one client's session to its end: prompts for a name, announces the
/// arrival, relays lines both ways until the client leaves, then announces
/// the departure.
///
/// `id` must be unique among the connections sharing `tx`.
pub(crate) async fn handle_client<T>(
    io: T,
    id: u64,
    tx: broadcast::Sender<Message>,
) -> Result<(), LinesCodecError>
where
    T: AsyncRead + AsyncWrite + Unpin,
{
    let mut lines = Framed::new(io, LinesCodec::new_with_max_length(MAX_LINE_LENGTH));
    lines.send(NAME_PROMPT).await?;

    let name = loop {
        match lines.next().await {
            // Left before giving a name: nothing to announce.
            None => return Ok(()),
            Some(Err(e)) => return Err(refuse(&mut lines, e).await),
            Some(Ok(name)) => {
                let name = name.trim().to_owned();
                if name.is_empty() {
                    lines.send(NAME_PROMPT).await?;
                } else {
                    break name;
                }
            }
        }
    };

    // Subscribe before announcing, so that anyone who sees the announcement
    // knows this client will see their replies.
    let mut rx = tx.subscribe();
    // A send only fails when nobody listens, which is fine for a chat.
    let _ = tx.send(Message {
        from: id,
        text: format!("{name} has joined the chat"),
    });

    let result = relay(&mut lines, &mut rx, &tx, id, &name).await;

    let _ = tx.send(Message {
        from: id,
        text: format!("{name} has left the chat"),
    });
    result
}

/// Tells the client why its session ends, when the error is its fault,
/// and gives the error back.
///
/// The framed stream yields nothing after an error, so the session cannot
/// go on.
async fn refuse<T>(lines: &mut Framed<T, LinesCodec>, error: LinesCodecError) -> LinesCodecError
where
    T: AsyncRead + AsyncWrite + Unpin,
{
    if let LinesCodecError::MaxLineLengthExceeded = error {
        // The client may be gone already; the codec's error is the one to report.
        let _ = lines
            .send(format!(
                "error: lines are limited to {MAX_LINE_LENGTH} bytes"
            ))
            .await;
    }
    error
}

/// Relays lines between one client and the channel until the client leaves
/// or its connection fails.
async fn relay<T>(
    lines: &mut Framed<T, LinesCodec>,
    rx: &mut broadcast::Receiver<Message>,
    tx: &broadcast::Sender<Message>,
    id: u64,
    name: &str,
) -> Result<(), LinesCodecError>
where
    T: AsyncRead + AsyncWrite + Unpin,
{
    loop {
        // Both branches are cancel safe: a line or a message that loses the
        // race stays where it was for the next iteration.
        runtime::select! {
            line = lines.next() => match line {
                None => return Ok(()),
                Some(Ok(line)) => {
                    let _ = tx.send(Message { from: id, text: format!("{name}: {line}") });
                }
                Some(Err(e)) => return Err(refuse(lines, e).await),
            },
            message = rx.recv() => match message {
                Ok(message) if message.from != id => lines.send(message.text).await?,
                Ok(_) => {}
                Err(RecvError::Lagged(missed)) => {
                    lines.send(format!("({missed} messages were lost)")).await?;
                }
                // Unreachable while `tx` is alive, but harmless.
                Err(RecvError::Closed) => return Ok(()),
            },
        }
    }
}

#[runtime::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:6142".to_owned());
    let listener = TcpListener::bind(&addr).await?;
    println!("chat server listening on {}", listener.local_addr()?);

    let (tx, _) = broadcast::channel(256);
    loop {
        let (socket, peer) = listener.accept().await?;
        let tx = tx.clone();
        runtime::spawn(async move {
            println!("{peer} connected");
            if let Err(e) = handle_client(socket, next_client_id(), tx).await {
                eprintln!("{peer}: {e}");
            }
            println!("{peer} disconnected");
        });
    }
}
