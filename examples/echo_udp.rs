//! A UDP echo server.
//!
//! ```sh
//! cargo run --example echo_udp                      # demo, then exit
//! cargo run --example echo_udp -- 127.0.0.1:8080    # serve until Ctrl-C
//! ```
//!
//! Every datagram is sent back to its sender. Without an address the example
//! sends itself one datagram and checks the reply.

use std::error::Error;

use runtime::net::UdpSocket;

/// Sends every datagram back where it came from, forever.
async fn serve(socket: UdpSocket) -> std::io::Result<()> {
    let mut buf = vec![0u8; 65536];
    loop {
        let (n, peer) = socket.recv_from(&mut buf).await?;
        socket.send_to(&buf[..n], peer).await?;
    }
}

#[runtime::main]
async fn main() -> Result<(), Box<dyn Error>> {
    if let Some(addr) = std::env::args().nth(1) {
        let socket = UdpSocket::bind(&addr).await?;
        println!("listening on {}", socket.local_addr()?);
        serve(socket).await?;
        return Ok(());
    }

    let server = UdpSocket::bind("127.0.0.1:0").await?;
    let addr = server.local_addr()?;
    runtime::spawn(serve(server));

    let client = UdpSocket::bind("127.0.0.1:0").await?;
    client.connect(addr).await?;
    client.send(b"ping").await?;
    let mut buf = [0u8; 16];
    let n = client.recv(&mut buf).await?;
    assert_eq!(&buf[..n], b"ping");
    println!(
        "UDP echo at {addr} returned: {}",
        String::from_utf8_lossy(&buf[..n])
    );
    Ok(())
}
