//! Auto traits of every public type and of the futures the functions
//! return, as tokio's: everything is `Send + Sync`, the types are `Unpin`.

use std::path::PathBuf;

use runtime_fs::{DirBuilder, DirEntry, File, FileTimes, OpenOptions, ReadDir};

fn send_sync_unpin<T: Send + Sync + Unpin>() {}
fn send_sync<T: Send + Sync>(_: &T) {}

#[test]
fn types_are_send_sync_unpin() {
    send_sync_unpin::<File>();
    send_sync_unpin::<OpenOptions>();
    send_sync_unpin::<DirBuilder>();
    send_sync_unpin::<ReadDir>();
    send_sync_unpin::<DirEntry>();
    send_sync_unpin::<FileTimes>();
}

#[test]
fn futures_are_send_sync() {
    let p = PathBuf::from("unused");
    send_sync(&runtime_fs::canonicalize(&p));
    send_sync(&runtime_fs::copy(&p, &p));
    send_sync(&runtime_fs::create_dir(&p));
    send_sync(&runtime_fs::create_dir_all(&p));
    send_sync(&runtime_fs::hard_link(&p, &p));
    send_sync(&runtime_fs::metadata(&p));
    send_sync(&runtime_fs::read(&p));
    send_sync(&runtime_fs::read_dir(&p));
    send_sync(&runtime_fs::read_link(&p));
    send_sync(&runtime_fs::read_to_string(&p));
    send_sync(&runtime_fs::remove_dir(&p));
    send_sync(&runtime_fs::remove_dir_all(&p));
    send_sync(&runtime_fs::remove_file(&p));
    send_sync(&runtime_fs::rename(&p, &p));
    send_sync(&runtime_fs::symlink(&p, &p));
    send_sync(&runtime_fs::symlink_metadata(&p));
    send_sync(&runtime_fs::try_exists(&p));
    send_sync(&runtime_fs::write(&p, b"x"));
    send_sync(&File::open(&p));
    send_sync(&File::create(&p));
    send_sync(&File::create_new(&p));
    send_sync(&OpenOptions::new().open(&p));
    send_sync(&DirBuilder::new().create(&p));
}

#[allow(dead_code)] // only type-checked: these futures need a File
async fn file_method_futures_are_send_sync(file: File, mut dir: ReadDir, entry: DirEntry) {
    send_sync(&file.sync_all());
    send_sync(&file.sync_data());
    send_sync(&file.set_len(0));
    send_sync(&file.metadata());
    send_sync(&file.try_clone());
    send_sync(&file.set_permissions(std::fs::metadata(".").unwrap().permissions()));
    send_sync(&file.set_times(FileTimes::new()));
    send_sync(&entry.metadata());
    send_sync(&entry.file_type());
    send_sync(&dir.next_entry());
    send_sync(&file.into_std());
}
