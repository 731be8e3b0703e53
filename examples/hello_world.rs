//! The first program to read: a TCP server and a client in one process.
//!
//! Run it with `cargo run --example hello_world`. It starts a server on a
//! free loopback port, connects to it, sends a greeting, reads the echoed
//! reply, and exits. Along the way it shows the pieces you use most:
//! `#[runtime::main]`, `spawn`, sockets, the io extension traits, timers and
//! `select!`.

use std::time::Duration;

use runtime::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use runtime::net::{TcpListener, TcpStream};
use runtime::task::JoinSet;

/// Echoes every line it receives, in upper case, until the client leaves.
async fn serve(stream: TcpStream) -> std::io::Result<()> {
    let (reader, mut writer) = stream.into_split();
    let mut lines = BufReader::new(reader).lines();
    while let Some(line) = lines.next_line().await? {
        writer
            .write_all(format!("{}\n", line.to_uppercase()).as_bytes())
            .await?;
    }
    Ok(())
}

// Builds a multi-thread runtime with I/O and timers, and runs `main` on it.
#[runtime::main]
async fn main() -> std::io::Result<()> {
    // Port 0: the OS picks a free port.
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    println!("server listening on {addr}");

    // The server runs as a task of its own, concurrently with the client.
    let server = runtime::spawn(async move {
        let (stream, peer) = listener.accept().await?;
        println!("server: accepted a connection from {peer}");
        serve(stream).await
    });

    // The client: connect, send two lines, read the replies.
    let stream = TcpStream::connect(addr).await?;
    let (reader, mut writer) = stream.into_split();
    let mut replies = BufReader::new(reader).lines();
    for greeting in ["hello, world", "goodbye"] {
        writer.write_all(format!("{greeting}\n").as_bytes()).await?;
        // Wait for the reply, but not forever: `select!` races two futures.
        runtime::select! {
            reply = replies.next_line() => {
                println!("client: sent {greeting:?}, got {:?}", reply?.unwrap_or_default());
            }
            _ = runtime::time::sleep(Duration::from_secs(5)) => {
                eprintln!("client: no reply within 5 seconds");
                break;
            }
        }
    }
    // Closing our half tells the server we are done; it then returns.
    writer.shutdown().await?;
    drop(writer);
    server.await.expect("the server task panicked")?;

    // Tasks also make light work of fan-out: three timers, joined as they fire.
    let mut set = JoinSet::new();
    for i in 1..=3u64 {
        set.spawn(async move {
            runtime::time::sleep(Duration::from_millis(10 * (4 - i))).await;
            i
        });
    }
    let mut order = Vec::new();
    while let Some(done) = set.join_next().await {
        order.push(done.expect("a timer task panicked"));
    }
    println!("timers finished in the order {order:?} (shortest first)");
    println!("goodbye");
    Ok(())
}
