async fn run() -> u8 {
    runtime_core::select! {
        else => 0,
        v = async { 1 } => v,
    }
}

fn main() {
    let _ = run();
}
