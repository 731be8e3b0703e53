//! A TCP proxy: forwards every connection to a server, both ways.
//!
//! ```sh
//! cargo run --example echo -- 127.0.0.1:8081 &
//! cargo run --example proxy -- 127.0.0.1:8080 127.0.0.1:8081
//! ```
//!
//! Without arguments, the example starts an echo server and the proxy in
//! front of it, sends one message through the proxy, and exits.

use std::error::Error;

use runtime::io::{AsyncReadExt, AsyncWriteExt, copy_bidirectional};
use runtime::net::{TcpListener, TcpStream};

/// Forwards connections accepted on `listener` to `server`, forever.
async fn proxy(listener: TcpListener, server: String) -> std::io::Result<()> {
    loop {
        let (mut inbound, peer) = listener.accept().await?;
        let server = server.clone();
        runtime::spawn(async move {
            let result = async {
                let mut outbound = TcpStream::connect(&server).await?;
                copy_bidirectional(&mut inbound, &mut outbound).await
            }
            .await;
            match result {
                Ok((up, down)) => println!("{peer}: {up} bytes up, {down} bytes down"),
                Err(e) => eprintln!("{peer}: {e}"),
            }
        });
    }
}

/// A one-connection-at-a-time echo server for the demo.
async fn echo(listener: TcpListener) -> std::io::Result<()> {
    loop {
        let (mut socket, _) = listener.accept().await?;
        runtime::spawn(async move {
            let (mut r, mut w) = socket.split();
            let _ = runtime::io::copy(&mut r, &mut w).await;
        });
    }
}

#[runtime::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [listen, server] = args.as_slice() {
        let listener = TcpListener::bind(listen).await?;
        println!("proxying {} -> {server}", listener.local_addr()?);
        proxy(listener, server.clone()).await?;
        return Ok(());
    }

    let echo_listener = TcpListener::bind("127.0.0.1:0").await?;
    let echo_addr = echo_listener.local_addr()?;
    runtime::spawn(echo(echo_listener));
    let proxy_listener = TcpListener::bind("127.0.0.1:0").await?;
    let proxy_addr = proxy_listener.local_addr()?;
    runtime::spawn(proxy(proxy_listener, echo_addr.to_string()));

    let mut client = TcpStream::connect(proxy_addr).await?;
    client.write_all(b"through the proxy").await?;
    client.shutdown().await?;
    let mut reply = Vec::new();
    client.read_to_end(&mut reply).await?;
    assert_eq!(reply, b"through the proxy");
    println!(
        "{proxy_addr} -> {echo_addr}: {}",
        String::from_utf8_lossy(&reply)
    );
    Ok(())
}
