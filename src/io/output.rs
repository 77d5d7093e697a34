//! Files bidrag writes for people to keep (exports, reports, backups): each is written under a
//! temporary name in the folder it is to be in, synced, and only then given its name, which it
//! never takes from an existing file. A failure (a full disk, say) or a kill leaves no file of
//! that name, so nothing half-written looks whole and nothing blocks a second try; the
//! temporary file is removed on failure.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A new file being written: [`NewFile::commit`] gives it its name.
#[derive(Debug)]
pub struct NewFile {
    target: PathBuf,
    temp: PathBuf,
    file: Option<File>,
    committed: bool,
}

/// The hidden temporary name beside `target`, unique to this process and call.
fn temp_name(target: &Path, n: u64) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(|| "bidrag".into(), |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(".{name}.{}-{n}.tmp", std::process::id()))
}

/// The files SQLite may keep beside a database being written or read.
fn side_files(path: &Path) -> [PathBuf; 3] {
    let with = |suffix: &str| {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        PathBuf::from(p)
    };
    [with("-journal"), with("-wal"), with("-shm")]
}

impl NewFile {
    /// Starts a new file for `target`, readable by its owner only. An existing `target` is an
    /// [`io::ErrorKind::AlreadyExists`] error: bidrag never overwrites a file.
    pub fn create(target: &Path) -> io::Result<Self> {
        if target.symlink_metadata().is_ok() {
            return Err(io::Error::from(io::ErrorKind::AlreadyExists));
        }
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let mut attempts = 0;
        loop {
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let temp = temp_name(target, n);
            let mut options = std::fs::OpenOptions::new();
            options.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                options.mode(0o600);
            }
            match options.open(&temp) {
                Ok(file) => {
                    return Ok(Self {
                        target: target.to_path_buf(),
                        temp,
                        file: Some(file),
                        committed: false,
                    });
                }
                // A name a killed process left behind is skipped, never reused.
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists && attempts < 100 => {
                    attempts += 1;
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// The temporary file's path, for a writer that opens the file itself (SQLite's backup).
    pub fn temp_path(&self) -> &Path {
        &self.temp
    }

    /// Syncs the file and gives it its name: linked (which fails if the name was taken
    /// meanwhile), or renamed where the file system has no links and the name is free.
    pub fn commit(mut self) -> io::Result<()> {
        if let Some(mut file) = self.file.take() {
            file.flush()?;
            file.sync_all()?;
        } else {
            File::open(&self.temp)?.sync_all()?;
        }
        for side in side_files(&self.temp) {
            let _ = std::fs::remove_file(side);
        }
        match std::fs::hard_link(&self.temp, &self.target) {
            Ok(()) => {
                std::fs::remove_file(&self.temp)?;
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Err(e),
            Err(_) => {
                if self.target.symlink_metadata().is_ok() {
                    return Err(io::Error::from(io::ErrorKind::AlreadyExists));
                }
                std::fs::rename(&self.temp, &self.target)?;
            }
        }
        self.committed = true;
        // The new name on disk too, where the folder can be synced.
        if let Some(dir) = self.target.parent().filter(|d| !d.as_os_str().is_empty())
            && let Ok(d) = File::open(dir)
        {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

impl Write for NewFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.file {
            Some(f) => f.write(buf),
            None => Err(io::Error::other("file already closed")),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.file {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for NewFile {
    fn drop(&mut self) {
        if !self.committed {
            drop(self.file.take());
            let _ = std::fs::remove_file(&self.temp);
            for side in side_files(&self.temp) {
                let _ = std::fs::remove_file(side);
            }
        }
    }
}

/// Writes `bytes` as the new file `target`, all or nothing.
pub fn write_new(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = NewFile::create(target)?;
    f.write_all(bytes)?;
    f.commit()
}

/// Files a killed bidrag left in `dir` for the file `name`: temporary files of processes no
/// longer running, named as [`NewFile`] and the search index's scratch database name them
/// (`.<name>.<pid>-<n>.tmp`, `..<name>.<pid>-<n>.tmp.search.<pid>-<n>.tmp`, and their SQLite
/// side files). Where a process cannot be looked up (no `/proc`), none is taken for dead.
pub fn leftovers(dir: &Path, name: &str) -> Vec<PathBuf> {
    let own = format!(".{name}.");
    let scratch = format!("..{name}.");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let proc_fs = Path::new("/proc/self").exists();
    entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let Some(name) = p.file_name().and_then(|n| n.to_str()) else {
                return false;
            };
            if !(name.starts_with(&own) || name.starts_with(&scratch)) {
                return false;
            }
            let stem = ["", "-journal", "-wal", "-shm"]
                .iter()
                .find_map(|side| name.strip_suffix(&format!(".tmp{side}")));
            let Some(pid) = stem
                .filter(|_| name.starts_with('.'))
                .and_then(|s| s.rsplit_once('.'))
                .and_then(|(_, tail)| tail.split_once('-'))
                .and_then(|(pid, n)| {
                    n.bytes()
                        .all(|b| b.is_ascii_digit())
                        .then(|| pid.parse::<u32>().ok())?
                })
            else {
                return false;
            };
            proc_fs && pid != std::process::id() && !Path::new(&format!("/proc/{pid}")).exists()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_has_its_name_only_once_it_is_whole() {
        let dir = tempfile::TempDir::new().expect("tmp");
        let target = dir.path().join("rapport.csv");
        let mut f = NewFile::create(&target).expect("create");
        f.write_all(b"a,b\n").expect("write");
        assert!(!target.exists(), "no name before the commit");
        f.commit().expect("commit");
        assert_eq!(std::fs::read(&target).expect("read"), b"a,b\n");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, ["rapport.csv"], "no temporary file left");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&target)
                .expect("meta")
                .permissions()
                .mode();
            assert_eq!(mode & 0o077, 0, "readable by the owner only");
        }
    }

    #[test]
    fn an_existing_file_is_never_replaced() {
        let dir = tempfile::TempDir::new().expect("tmp");
        let target = dir.path().join("x.json");
        std::fs::write(&target, "gammal").expect("write");
        let e = NewFile::create(&target).expect_err("exists");
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        // Taken between the start and the commit: still not replaced.
        let other = dir.path().join("y.json");
        let mut f = NewFile::create(&other).expect("create");
        f.write_all(b"ny").expect("write");
        std::fs::write(&other, "kom emellan").expect("write");
        let e = f.commit().expect_err("taken meanwhile");
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(
            std::fs::read_to_string(&other).expect("read"),
            "kom emellan"
        );
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 2);
    }

    #[test]
    fn a_file_given_up_leaves_nothing() {
        let dir = tempfile::TempDir::new().expect("tmp");
        let target = dir.path().join("z.xlsx");
        {
            let mut f = NewFile::create(&target).expect("create");
            f.write_all(&[0; 1000]).expect("write");
        }
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn leftovers_are_those_of_processes_no_longer_running() {
        let dir = tempfile::TempDir::new().expect("tmp");
        let own = format!(".demo.db.{}-0.tmp", std::process::id());
        for name in [
            ".demo.db.999999999-3.tmp",
            ".demo.db.999999999-3.tmp-wal",
            "..demo.db.999999999-3.tmp.search.999999999-0.tmp",
            own.as_str(),
            "demo.db",
            ".demo.db.x-3.tmp",
            ".annan.db.999999999-3.tmp",
            "vanlig.tmp",
        ] {
            std::fs::write(dir.path().join(name), "").expect("write");
        }
        let mut found: Vec<String> = leftovers(dir.path(), "demo.db")
            .iter()
            .filter_map(|p| p.file_name()?.to_str().map(str::to_string))
            .collect();
        found.sort();
        assert_eq!(
            found,
            [
                "..demo.db.999999999-3.tmp.search.999999999-0.tmp",
                ".demo.db.999999999-3.tmp",
                ".demo.db.999999999-3.tmp-wal"
            ]
        );
    }
}
