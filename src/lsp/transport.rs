//! The wire: JSON-RPC messages framed by `Content-Length` headers on standard input and output.
//!
//! lsp-server's own stdio transport stops at the first malformed message; this one reads on past
//! a bad header or a body that is not a JSON-RPC message (saying so on standard error, the only
//! place a server may talk freely), so a confused client cannot take the server down. Nothing but
//! framed messages is ever written to standard output.

use std::io::{self, BufRead, Write};
use std::thread;

use crossbeam_channel::{Receiver, Sender, bounded, unbounded};
use lsp_server::{Connection, Message};

/// The largest message body read: far above any manuscript an editor sends.
const MAX_BODY: usize = 256 * 1024 * 1024;

/// The reader and writer threads, to wait for once the server is done.
pub struct Threads {
    reader: thread::JoinHandle<()>,
    writer: thread::JoinHandle<()>,
}

impl Threads {
    /// Waits for the writer to flush what the server sent; the reader may still be blocked on
    /// standard input, and is left to end with the process.
    pub fn join(self) {
        let _ = self.writer.join();
        drop(self.reader);
    }
}

/// A connection over standard input and output.
pub fn stdio() -> (Connection, Threads) {
    let (to_writer, from_server) = bounded::<Message>(0);
    let (to_server, from_reader) = unbounded::<Message>();
    let writer = thread::spawn(move || write_messages(&from_server));
    let reader = thread::spawn(move || {
        let stdin = io::stdin();
        read_messages(&mut stdin.lock(), &to_server);
    });
    (
        Connection {
            sender: to_writer,
            receiver: from_reader,
        },
        Threads { reader, writer },
    )
}

fn write_messages(messages: &Receiver<Message>) {
    let stdout = io::stdout();
    for message in messages {
        let mut out = stdout.lock();
        if message.write(&mut out).and_then(|()| out.flush()).is_err() {
            // The client is gone.
            return;
        }
    }
}

/// Reads framed messages until end of input or an `exit` notification, passing each on.
pub fn read_messages(input: &mut impl BufRead, to_server: &Sender<Message>) {
    loop {
        let body = match read_frame(input) {
            Ok(Some(body)) => body,
            Ok(None) => return,
            Err(Skipped(reason)) => {
                eprintln!("galley lsp: skipped a message: {reason}");
                continue;
            }
        };
        let message = match serde_json::from_slice::<Message>(&body) {
            Ok(message) => message,
            Err(error) => {
                eprintln!("galley lsp: skipped a message that is not JSON-RPC: {error}");
                continue;
            }
        };
        let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
        if to_server.send(message).is_err() || exit {
            return;
        }
    }
}

/// Why a frame was skipped.
pub struct Skipped(String);

/// One message body: headers up to a blank line, then `Content-Length` bytes. `Ok(None)` at the
/// end of input (or when it breaks off).
fn read_frame(input: &mut impl BufRead) -> Result<Option<Vec<u8>>, Skipped> {
    let mut length: Option<usize> = None;
    let mut bad_header = None;
    let mut line = Vec::new();
    loop {
        line.clear();
        match input.read_until(b'\n', &mut line) {
            Ok(0) | Err(_) => return Ok(None),
            Ok(_) => {}
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if length.is_some() || bad_header.is_some() {
                break;
            }
            // Blank lines between messages.
            continue;
        }
        match text.split_once(':') {
            Some((name, value)) if name.trim().eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(n) if n <= MAX_BODY => length = Some(n),
                    _ => bad_header = Some(format!("bad Content-Length `{}`", value.trim())),
                }
            }
            Some(_) => {}
            None => bad_header = Some(format!("malformed header `{text}`")),
        }
    }
    let Some(length) = length else {
        return Err(Skipped(
            bad_header.unwrap_or_else(|| "no Content-Length".into()),
        ));
    };
    let mut body = vec![0; length];
    if input.read_exact(&mut body).is_err() {
        return Ok(None);
    }
    Ok(Some(body))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn malformed_messages_are_skipped_and_reading_goes_on() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = [
            "garbage without a colon\r\n\r\n".to_string(),
            "Content-Length: lots\r\n\r\n".to_string(),
            frame("{not json"),
            frame(r#"{"jsonrpc":"2.0","foo":1}"#),
            frame(good),
        ]
        .concat();
        let (sender, receiver) = unbounded();
        read_messages(&mut io::Cursor::new(input.into_bytes()), &sender);
        let got: Vec<Message> = receiver.try_iter().collect();
        assert_eq!(got.len(), 1);
        assert!(matches!(&got[0], Message::Notification(n) if n.method == "initialized"));
    }
}
