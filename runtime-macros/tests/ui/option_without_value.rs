#[runtime_macros::main(worker_threads)]
async fn main() {}
