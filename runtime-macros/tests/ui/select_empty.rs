async fn run() {
    runtime_core::select! {}
}

fn main() {
    let _ = run();
}
