//! Where a report goes: standard output, written as the report is made, or the `--output` file,
//! written once the report is complete (the report of an earlier run may be among the files this
//! run checks, and must not change under it), or nowhere (`--quiet`).
//!
//! Standard output closed early (`galley check | head`) is not an error: the rest of the report is
//! dropped and the run goes on to its exit code.

use std::io::{self, BufWriter, Stdout, Write};
use std::path::{Path, PathBuf};

use crate::config::ConfigError;
use crate::spool::Spool;

/// A report's destination. Writing to it never fails: the first error is kept, said by
/// [`Output::finish`], and what follows it is dropped. Standard output that cannot be written
/// (closed early) drops the rest of the report, as it always has, without an error.
pub struct Output {
    target: Target,
    error: Option<io::Error>,
}

enum Target {
    Stdout(BufWriter<Stdout>),
    File(PathBuf, Spool),
    Nowhere,
}

impl Output {
    /// Standard output, or the file at `path`.
    pub fn new(path: Option<&Path>) -> Self {
        let target = match path {
            Some(path) => Target::File(path.to_path_buf(), Spool::new()),
            None => Target::Stdout(BufWriter::with_capacity(1 << 16, io::stdout())),
        };
        Self {
            target,
            error: None,
        }
    }

    /// Nowhere: the report is dropped.
    pub fn nowhere() -> Self {
        Self {
            target: Target::Nowhere,
            error: None,
        }
    }

    /// Notes an error met while making the report; the first one is said by [`Output::finish`].
    pub fn fail(&mut self, error: io::Error) {
        self.error.get_or_insert(error);
    }

    /// Ends the report: flushes standard output, or writes the file.
    pub fn finish(mut self) -> Result<(), ConfigError> {
        let _ = self.flush();
        let written = match (&mut self.target, self.error.take()) {
            (Target::File(path, _), Some(error)) => Err((Some(path.clone()), error)),
            (Target::File(path, spool), None) => {
                let copied = std::fs::File::create(&*path).and_then(|mut file| {
                    spool.copy_to(&mut file)?;
                    file.flush()
                });
                copied.map_err(|error| (Some(path.clone()), error))
            }
            (Target::Stdout(_), Some(error)) => Err((None, error)),
            (Target::Stdout(_) | Target::Nowhere, None) | (Target::Nowhere, Some(_)) => Ok(()),
        };
        written.map_err(|(path, e)| match path {
            Some(path) => ConfigError::plain(format!(
                "cannot write the report to `{}`: {e}",
                path.display()
            )),
            None => ConfigError::plain(format!("cannot write the report: {e}")),
        })
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.error.is_none() {
            match &mut self.target {
                Target::Stdout(out) => {
                    if out.write_all(buf).is_err() {
                        self.target = Target::Nowhere;
                    }
                }
                Target::File(_, spool) => {
                    if let Err(error) = spool.write_all(buf) {
                        self.fail(error);
                    }
                }
                Target::Nowhere => {}
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if let Target::Stdout(out) = &mut self.target
            && out.flush().is_err()
        {
            self.target = Target::Nowhere;
        }
        Ok(())
    }
}

/// Writes a whole text to standard output, or to `output`; a closed pipe is not an error.
pub fn emit(text: &str, output: Option<&Path>) -> Result<(), ConfigError> {
    let mut out = Output::new(output);
    let _ = out.write_all(text.as_bytes());
    out.finish()
}
