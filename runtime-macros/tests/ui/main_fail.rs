#[runtime_macros::main_fail]
async fn main() {}
