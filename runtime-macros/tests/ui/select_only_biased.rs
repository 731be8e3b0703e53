async fn run() {
    runtime_core::select! { biased; }
}

fn main() {
    let _ = run();
}
