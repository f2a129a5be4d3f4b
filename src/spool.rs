//! A spool: output written now and copied out later, when what must come before it is known (a
//! report's totals, a report file written only once the check is over). It is kept in a
//! temporary file, so a long report does not stay in memory; in memory only when no temporary
//! file can be made.

use std::fs::File;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};

/// Bytes written now, copied out once with [`Spool::copy_to`].
pub struct Spool {
    inner: Inner,
}

enum Inner {
    File(BufWriter<File>),
    Memory(Vec<u8>),
}

impl Spool {
    /// An empty spool.
    pub fn new() -> Self {
        let inner = match tempfile::tempfile() {
            Ok(file) => Inner::File(BufWriter::new(file)),
            Err(_) => Inner::Memory(Vec::new()),
        };
        Self { inner }
    }

    /// Writes everything spooled so far to `out`.
    pub fn copy_to(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match &mut self.inner {
            Inner::File(writer) => {
                writer.flush()?;
                let file = writer.get_mut();
                file.seek(SeekFrom::Start(0))?;
                io::copy(file, out)?;
                // Later writes go on at the end.
                file.seek(SeekFrom::End(0))?;
                Ok(())
            }
            Inner::Memory(bytes) => out.write_all(bytes),
        }
    }
}

impl Default for Spool {
    fn default() -> Self {
        Self::new()
    }
}

impl Write for Spool {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.inner {
            Inner::File(writer) => writer.write(buf),
            Inner::Memory(bytes) => bytes.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.inner {
            Inner::File(writer) => writer.flush(),
            Inner::Memory(_) => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_is_copied_out_in_order() {
        let mut spool = Spool::new();
        spool.write_all(b"first, ").unwrap();
        spool.write_all(b"second").unwrap();
        let mut out = Vec::new();
        spool.copy_to(&mut out).unwrap();
        assert_eq!(out, b"first, second");
    }
}
