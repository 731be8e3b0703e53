//! A TCP echo server.
//!
//! ```sh
//! cargo run --example echo                       # demo: server + client, then exit
//! cargo run --example echo -- 127.0.0.1:8080     # serve until Ctrl-C
//! ```
//!
//! With an address, the server echoes every connection back to its sender,
//! one task per connection (try it with `nc 127.0.0.1 8080`). Without one,
//! it binds a free port, connects a client to itself, checks that a message
//! comes back unchanged, and exits: the README's end-to-end demo.

use std::error::Error;

use runtime::io::{AsyncReadExt, AsyncWriteExt};
use runtime::net::{TcpListener, TcpStream};

/// Echoes everything `socket` sends until it closes its write half.
async fn echo(mut socket: TcpStream) -> std::io::Result<u64> {
    let mut buf = vec![0u8; 4096];
    let mut total = 0;
    loop {
        let n = socket.read(&mut buf).await?;
        if n == 0 {
            return Ok(total);
        }
        socket.write_all(&buf[..n]).await?;
        total += n as u64;
    }
}

/// Accepts connections forever, one echo task each.
async fn serve(listener: TcpListener) -> std::io::Result<()> {
    loop {
        let (socket, peer) = listener.accept().await?;
        runtime::spawn(async move {
            match echo(socket).await {
                Ok(n) => println!("{peer}: echoed {n} bytes"),
                Err(e) => eprintln!("{peer}: {e}"),
            }
        });
    }
}

#[runtime::main]
async fn main() -> Result<(), Box<dyn Error>> {
    if let Some(addr) = std::env::args().nth(1) {
        let listener = TcpListener::bind(&addr).await?;
        println!("listening on {}", listener.local_addr()?);
        serve(listener).await?;
        return Ok(());
    }

    // Demo: a server and a client in one process.
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    runtime::spawn(serve(listener));

    let mut client = TcpStream::connect(addr).await?;
    let message = b"hello from the echo demo";
    client.write_all(message).await?;
    client.shutdown().await?;
    let mut reply = Vec::new();
    client.read_to_end(&mut reply).await?;
    assert_eq!(reply, message);
    println!(
        "echo server at {addr} returned: {}",
        String::from_utf8_lossy(&reply)
    );
    Ok(())
}
