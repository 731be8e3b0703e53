#[runtime_macros::main(fast)]
async fn main() {}
