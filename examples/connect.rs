//! Connects stdin and stdout to a TCP or UDP peer, like a tiny `nc`.
//!
//! ```sh
//! cargo run --example echo -- 127.0.0.1:8080 &      # something to talk to
//! cargo run --example connect -- 127.0.0.1:8080     # TCP
//! cargo run --example connect -- --udp 127.0.0.1:8080
//! ```
//!
//! Lines typed on stdin go to the peer; what the peer sends is printed.
//! End of input (Ctrl-D) closes the write half, and the program exits once
//! the peer has closed too.

use std::error::Error;

use runtime::io::{AsyncReadExt, AsyncWriteExt};
use runtime::net::{TcpStream, UdpSocket};

async fn tcp(addr: &str) -> Result<(), Box<dyn Error>> {
    let stream = TcpStream::connect(addr).await?;
    let (mut reader, mut writer) = stream.into_split();
    let to_peer = runtime::spawn(async move {
        let mut stdin = runtime::io::stdin();
        let mut buf = vec![0u8; 4096];
        loop {
            let n = stdin.read(&mut buf).await?;
            if n == 0 {
                // End of input: let the peer see end of file.
                return writer.shutdown().await;
            }
            writer.write_all(&buf[..n]).await?;
        }
    });
    let mut stdout = runtime::io::stdout();
    let mut buf = vec![0u8; 4096];
    loop {
        let n = reader.read(&mut buf).await?;
        if n == 0 {
            break;
        }
        stdout.write_all(&buf[..n]).await?;
        stdout.flush().await?;
    }
    to_peer.await??;
    Ok(())
}

/// Prints every datagram the connected peer sends, until an error.
async fn print_replies(socket: std::sync::Arc<UdpSocket>) -> std::io::Result<()> {
    let mut stdout = runtime::io::stdout();
    let mut buf = vec![0u8; 65536];
    loop {
        let n = socket.recv(&mut buf).await?;
        stdout.write_all(&buf[..n]).await?;
        stdout.flush().await?;
    }
}

async fn udp(addr: &str) -> Result<(), Box<dyn Error>> {
    let socket = std::sync::Arc::new(UdpSocket::bind("0.0.0.0:0").await?);
    socket.connect(addr).await?;
    let receiver = runtime::spawn(print_replies(socket.clone()));
    let mut stdin = runtime::io::stdin();
    let mut buf = vec![0u8; 65536];
    loop {
        let n = stdin.read(&mut buf).await?;
        if n == 0 {
            break;
        }
        socket.send(&buf[..n]).await?;
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
