#[runtime_macros::main_rt]
async fn main() {}
