async fn run() {
    let _ = runtime_core::select! {
        v = async { 1u8 } => v,
        s = async { "one" } => s,
    };
}

fn main() {
    let _ = run();
}
