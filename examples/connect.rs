//! Connects stdin and stdout to a TCP or UDP peer, like a tiny `nc`.
//!
//! ```sh
//! cargo run --example echo -- 127.0.0.1:8080 &      # something to talk to
//! cargo run --example connect -- 127.0.0.1:8080     # TCP
//! cargo run --example connect -- --udp 127.0.0.1:8080
//! ```
//!
//! What you type goes to the peer; what the peer sends is printed. End of
//! input (Ctrl-D) closes the TCP write half, and the program exits once the
//! peer has closed too.
//!
//! Stdin is read on a plain thread (terminal reads block and cannot be
//! cancelled) and handed over through a channel; stdout gets short blocking
//! writes, which a terminal absorbs at once.

use std::error::Error;
use std::io::{Read, Write};

use runtime::io::{AsyncReadExt, AsyncWriteExt};
use runtime::net::{TcpStream, UdpSocket};
use runtime::sync::mpsc;

/// Chunks of stdin, until end of input.
fn stdin_chunks() -> mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel(16);
    std::thread::spawn(move || {
        let mut stdin = std::io::stdin().lock();
        loop {
            let mut buf = vec![0u8; 4096];
            match stdin.read(&mut buf) {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    buf.truncate(n);
                    if tx.blocking_send(buf).is_err() {
                        break;
                    }
                }
            }
        }
    });
    rx
}

fn print(bytes: &[u8]) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(bytes)?;
    stdout.flush()
}

async fn tcp(addr: &str) -> Result<(), Box<dyn Error>> {
    let stream = TcpStream::connect(addr).await?;
    let (mut reader, mut writer) = stream.into_split();
    let mut input = stdin_chunks();
    let to_peer = runtime::spawn(async move {
        while let Some(chunk) = input.recv().await {
            writer.write_all(&chunk).await?;
        }
        // End of input: let the peer see end of file.
        writer.shutdown().await
    });
    let mut buf = vec![0u8; 4096];
    loop {
        let n = reader.read(&mut buf).await?;
        if n == 0 {
            break;
        }
        print(&buf[..n])?;
    }
    to_peer.await??;
    Ok(())
}

/// Prints every datagram the connected peer sends, until an error.
async fn print_replies(socket: std::sync::Arc<UdpSocket>) -> std::io::Result<()> {
    let mut buf = vec![0u8; 65536];
    loop {
        let n = socket.recv(&mut buf).await?;
        print(&buf[..n])?;
    }
}

async fn udp(addr: &str) -> Result<(), Box<dyn Error>> {
    let socket = std::sync::Arc::new(UdpSocket::bind("0.0.0.0:0").await?);
    socket.connect(addr).await?;
    let receiver = runtime::spawn(print_replies(socket.clone()));
    let mut input = stdin_chunks();
    while let Some(chunk) = input.recv().await {
        socket.send(&chunk).await?;
    }
    receiver.abort();
    Ok(())
}

#[runtime::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [flag, addr] if flag == "--udp" => udp(addr).await,
        [addr] => tcp(addr).await,
        _ => {
            eprintln!("usage: connect [--udp] HOST:PORT");
            std::process::exit(2);
        }
    }
}
