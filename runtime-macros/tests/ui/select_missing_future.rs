async fn run() {
    runtime_core::select! {
        v => v,
    }
}

fn main() {
    let _ = run();
}
