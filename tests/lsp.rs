//! `galley lsp` driven over standard input and output as an editor drives it: initialize, open a
//! document, receive its diagnostics, change it, ask for code actions, hover and the outline,
//! shut down and exit. Everything the server writes must be a framed JSON-RPC message.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::thread::JoinHandle;
use std::time::Duration;

use serde_json::{Value, json};

/// How long to wait for any one message before the test fails (a hang, not a timing assert).
const PATIENCE: Duration = Duration::from_secs(30);

struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    messages: Receiver<Value>,
    /// Ends with what the server wrote that was not a framed message, if anything.
    reader: Option<JoinHandle<Result<(), String>>>,
    next_id: i64,
}

impl Client {
    fn start() -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_galley"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("galley starts");
        let stdout = child.stdout.take().unwrap();
        let (sender, messages) = channel();
        let reader = std::thread::spawn(move || read_frames(stdout, &sender));
        Client {
            stdin: child.stdin.take(),
            child,
            messages,
            reader: Some(reader),
            next_id: 0,
        }
    }

    fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().unwrap();
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and returns its response, answering what the server asks meanwhile.
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait_for(|m| m.get("id") == Some(&json!(id)) && m.get("method").is_none())
    }

    /// The next message that `wanted` accepts; others are dropped (server requests answered).
    fn wait_for(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            let message = self
                .messages
                .recv_timeout(PATIENCE)
                .expect("the server answers in time");
            if wanted(&message) {
                return message;
            }
            if let (Some(id), Some(_)) = (message.get("id"), message.get("method")) {
                let id = id.clone();
                self.send(&json!({"jsonrpc": "2.0", "id": id, "result": null}));
            }
        }
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics_for(&mut self, uri: &str) -> Vec<Value> {
        let message = self.wait_for(|m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        message["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn initialize(&mut self, root: &Path, capabilities: Value) -> Value {
        let root_uri = file_uri(root);
        let response = self.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root_uri,
                "workspaceFolders": [{"uri": root_uri, "name": "paper"}],
                "capabilities": capabilities,
            }),
        );
        self.notify("initialized", json!({}));
        response
    }

    /// Shuts down and exits; returns the exit code and whether anything stray reached stdout.
    fn finish(mut self) -> (Option<i32>, Result<(), String>) {
        let response = self.request("shutdown", Value::Null);
        assert_eq!(response["result"], Value::Null);
        self.notify("exit", Value::Null);
        drop(self.stdin.take());
        let status = self.child.wait().unwrap();
        let framing = self.reader.take().unwrap().join().unwrap();
        (status.code(), framing)
    }
}

/// Reads `Content-Length` framed messages until the end of the stream; anything else is stray.
fn read_frames(stdout: impl Read, sender: &std::sync::mpsc::Sender<Value>) -> Result<(), String> {
    let mut input = BufReader::new(stdout);
    loop {
        let mut header = String::new();
        if input.read_line(&mut header).map_err(|e| e.to_string())? == 0 {
            return Ok(());
        }
        let length: usize = header
            .strip_prefix("Content-Length: ")
            .and_then(|h| h.strip_suffix("\r\n"))
            .and_then(|n| n.parse().ok())
            .ok_or_else(|| format!("stray output on stdout: {header:?}"))?;
        let mut blank = String::new();
        input.read_line(&mut blank).map_err(|e| e.to_string())?;
        if blank != "\r\n" {
            return Err(format!("stray header on stdout: {blank:?}"));
        }
        let mut body = vec![0; length];
        input.read_exact(&mut body).map_err(|e| e.to_string())?;
        let value: Value = serde_json::from_slice(&body)
            .map_err(|e| format!("a message that is not JSON: {e}"))?;
        if sender.send(value).is_err() {
            return Ok(());
        }
    }
}

fn file_uri(path: &Path) -> String {
    let path = path.canonicalize().unwrap();
    format!("file://{}", path.display())
}

fn position(line: u64, character: u64) -> Value {
    json!({"line": line, "character": character})
}

/// Applies a workspace edit's changes for `uri` to `text` (UTF-16 positions, ASCII lines here).
fn apply_edits(text: &str, edits: &[Value]) -> String {
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut edits = edits.to_vec();
    edits.sort_by_key(|e| {
        (
            std::cmp::Reverse(e["range"]["start"]["line"].as_u64().unwrap()),
            std::cmp::Reverse(e["range"]["start"]["character"].as_u64().unwrap()),
        )
    });
    for edit in edits {
        let start = &edit["range"]["start"];
        let end = &edit["range"]["end"];
        assert_eq!(start["line"], end["line"], "single-line edits in this test");
        let line = &mut lines[start["line"].as_u64().unwrap() as usize];
        let (s, e) = (
            start["character"].as_u64().unwrap() as usize,
            end["character"].as_u64().unwrap() as usize,
        );
        line.replace_range(s..e, edit["newText"].as_str().unwrap());
    }
    lines.join("\n")
}

const PAPER: &str = "# Ponds in farmland\n\nWe visited forty farms in spring.\nThe sampling rules are not abode by on every farm.\n";

#[test]
fn a_session_publishes_changes_fixes_outlines_and_exits_cleanly() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("paper.md");
    std::fs::write(&path, PAPER).unwrap();
    let uri = file_uri(&path);
    let mut client = Client::start();
    let init = client.initialize(folder.path(), json!({}));
    let capabilities = &init["result"]["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    assert_eq!(
        capabilities["textDocumentSync"]["change"], 2,
        "incremental sync"
    );

    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": PAPER}}),
    );
    let diagnostics = client.diagnostics_for(&uri);
    let abode: Vec<&Value> = diagnostics
        .iter()
        .filter(|d| d["code"] == "real-word-error")
        .collect();
    assert_eq!(abode.len(), 1, "{diagnostics:#?}");
    let found = abode[0];
    let col = PAPER.lines().nth(3).unwrap().find("abode").unwrap() as u64;
    assert_eq!(found["range"]["start"], position(3, col));
    assert_eq!(found["range"]["end"], position(3, col + 5));
    assert_eq!(found["severity"], 2, "a warning");
    assert_eq!(found["source"], "galley");
    assert!(
        found["codeDescription"]["href"]
            .as_str()
            .is_some_and(|h| h.starts_with("file://") && h.ends_with("real-word-error.md")),
        "{found}"
    );

    // Hovering the word explains the rule.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": uri}, "position": position(3, col + 2)}),
    );
    let shown = hover["result"]["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("{hover:#}"));
    assert!(shown.contains("real-word-error"), "{shown}");
    assert!(
        shown.contains("Examples"),
        "the explanation is shown: {shown}"
    );

    // The code actions: the fix, and a suppression comment.
    let actions = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": uri},
            "range": found["range"],
            "context": {"diagnostics": [found]},
        }),
    );
    let actions = actions["result"]
        .as_array()
        .unwrap_or_else(|| panic!("{actions:#}"))
        .clone();
    let fix = actions
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("Replace with “abide”")
        })
        .unwrap_or_else(|| panic!("a fix among {actions:#?}"));
    assert_eq!(fix["kind"], "quickfix");
    assert!(
        fix["title"].as_str().unwrap().contains("unsafe"),
        "unsafe fixes are labelled"
    );
    assert_eq!(fix["diagnostics"][0]["code"], "real-word-error");
    let suppress = actions
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .unwrap()
                .starts_with("Ignore real-word-error")
        })
        .expect("a suppression action");
    let suppress_edit = &suppress["edit"]["changes"][&uri][0];
    assert_eq!(
        suppress_edit["newText"], " <!-- galley-disable-next-line real-word-error -->",
        "inside a paragraph the comment ends the line before"
    );

    // Applying the suppression as the editor would: the finding goes, and comes back with the
    // comment removed.
    let suppressed = apply_edits(PAPER, suppress["edit"]["changes"][&uri].as_array().unwrap());
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": suppressed}]}),
    );
    let quiet = client.diagnostics_for(&uri);
    assert!(
        quiet.iter().all(|d| d["code"] != "real-word-error"),
        "{quiet:#?}"
    );
    client.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": PAPER}]}),
    );
    assert!(
        client
            .diagnostics_for(&uri)
            .iter()
            .any(|d| d["code"] == "real-word-error")
    );

    // Applying the fix as the editor would (an incremental change): the finding goes.
    let fixed = apply_edits(PAPER, fix["edit"]["changes"][&uri].as_array().unwrap());
    assert!(fixed.contains("are not abide by"), "{fixed}");
    let edit = &fix["edit"]["changes"][&uri][0];
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 4},
            "contentChanges": [{"range": edit["range"], "text": edit["newText"]}],
        }),
    );
    let after = client.diagnostics_for(&uri);
    assert!(
        after.iter().all(|d| d["code"] != "real-word-error"),
        "{after:#?}"
    );

    // Typing the mistake back brings it back, at the same place.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": uri, "version": 5},
            "contentChanges": [{"text": PAPER}],
        }),
    );
    let again = client.diagnostics_for(&uri);
    assert!(
        again
            .iter()
            .any(|d| d["code"] == "real-word-error" && d["range"] == found["range"])
    );

    // The outline.
    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    let names: Vec<&str> = symbols["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(names.contains(&"Ponds in farmland"), "{symbols:#}");

    let (code, framing) = client.finish();
    assert_eq!(framing, Ok(()), "nothing but framed messages on stdout");
    assert_eq!(code, Some(0), "exit after shutdown is 0");
}

#[test]
fn malformed_messages_get_no_panic_and_the_server_goes_on() {
    let folder = tempfile::tempdir().unwrap();
    let mut client = Client::start();
    // Before initialize, a request is refused with the protocol's error.
    let early = client.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], -32002);
    client.initialize(folder.path(), json!({}));
    client.send_raw(b"this is not a header\r\n\r\n");
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    client.send(
        &json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"wrong": true}}),
    );
    let bad = client.request("textDocument/codeAction", json!({"textDocument": 3}));
    assert_eq!(bad["error"]["code"], -32602, "invalid parameters: {bad}");
    let unknown = client.request("galley/nothing", json!({}));
    assert_eq!(unknown["error"]["code"], -32601);
    // A document the server never saw: no result, no crash.
    let hover = client.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere/x.md"}, "position": position(0, 0)}),
    );
    assert_eq!(hover["result"], Value::Null);
    let (code, framing) = client.finish();
    assert_eq!(framing, Ok(()));
    assert_eq!(code, Some(0));
}

#[test]
fn utf8_positions_are_used_when_the_client_offers_them() {
    let folder = tempfile::tempdir().unwrap();
    let text = "Çok güzel: the rules are not abode by here.\n";
    let path = folder.path().join("note.txt");
    std::fs::write(&path, text).unwrap();
    let uri = file_uri(&path);
    let mut client = Client::start();
    let init = client.initialize(
        folder.path(),
        json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
    );
    assert_eq!(init["result"]["capabilities"]["positionEncoding"], "utf-8");
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}}),
    );
    let diagnostics = client.diagnostics_for(&uri);
    let found = diagnostics
        .iter()
        .find(|d| d["code"] == "real-word-error")
        .expect("found in plain text");
    assert_eq!(
        found["range"]["start"],
        position(0, text.find("abode").unwrap() as u64)
    );
    assert_eq!(client.finish(), (Some(0), Ok(())));
}

#[test]
fn configuration_is_found_and_its_errors_are_shown_in_it() {
    let folder = tempfile::tempdir().unwrap();
    std::fs::write(
        folder.path().join("galley.toml"),
        "ignore = [\"real-word-error\"]\n",
    )
    .unwrap();
    let path = folder.path().join("paper.md");
    std::fs::write(&path, PAPER).unwrap();
    let uri = file_uri(&path);
    let config_uri = file_uri(&folder.path().join("galley.toml"));
    let mut client = Client::start();
    client.initialize(folder.path(), json!({}));
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": PAPER}}),
    );
    let first = client.diagnostics_for(&uri);
    assert!(
        first.iter().all(|d| d["code"] != "real-word-error"),
        "ignored by galley.toml"
    );

    // The file changes on disk and is broken: the error shows in it, the paper is checked with
    // the defaults.
    std::fs::write(
        folder.path().join("galley.toml"),
        "ignore = [\"no-such-rule\"]\n",
    )
    .unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 2}]}),
    );
    let in_config = client.diagnostics_for(&config_uri);
    assert_eq!(in_config.len(), 1, "{in_config:#?}");
    assert_eq!(in_config[0]["range"]["start"]["line"], 0);
    assert!(
        in_config[0]["message"]
            .as_str()
            .unwrap()
            .contains("no-such-rule")
    );
    let second = client.diagnostics_for(&uri);
    assert!(second.iter().any(|d| d["code"] == "real-word-error"));

    std::fs::remove_file(folder.path().join("galley.toml")).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 3}]}),
    );
    let cleared = client.diagnostics_for(&config_uri);
    assert!(cleared.is_empty(), "the error goes with the file");
    client.diagnostics_for(&uri);

    // Client settings select rules too.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({"settings": {"galley": {"select": ["repeated-word"]}}}),
    );
    let third = client.diagnostics_for(&uri);
    assert!(
        third.iter().all(|d| d["code"] != "real-word-error"),
        "{third:#?}"
    );
    assert_eq!(client.finish(), (Some(0), Ok(())));
}

#[test]
fn latex_findings_go_to_the_included_file_they_stand_in() {
    let folder = tempfile::tempdir().unwrap();
    let main = "\\documentclass{article}\n\\begin{document}\n\\section{Ponds}\nWe sampled ponds.\n\\input{methods}\n\\end{document}\n";
    let methods = "% the methods\nThe protocol is not abode by on every farm.\n";
    std::fs::write(folder.path().join("main.tex"), main).unwrap();
    std::fs::write(folder.path().join("methods.tex"), methods).unwrap();
    let methods_uri = file_uri(&folder.path().join("methods.tex"));
    let mut client = Client::start();
    client.initialize(folder.path(), json!({}));
    // Opening only the fragment checks it as part of its main file.
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": methods_uri, "languageId": "latex", "version": 1, "text": methods}}),
    );
    let diagnostics = client.diagnostics_for(&methods_uri);
    let found = diagnostics
        .iter()
        .find(|d| d["code"] == "real-word-error")
        .unwrap_or_else(|| panic!("{diagnostics:#?}"));
    assert_eq!(found["range"]["start"]["line"], 1);
    // A suppression there is a LaTeX comment on its own line.
    let actions = client.request(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": methods_uri}, "range": found["range"], "context": {"diagnostics": []}}),
    );
    let titles: Vec<String> = actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["edit"]["changes"][&methods_uri][0]["newText"].to_string())
        .collect();
    assert!(
        titles
            .iter()
            .any(|t| t == "\"% galley-disable-next-line real-word-error\\n\""),
        "{titles:?}"
    );
    assert_eq!(client.finish(), (Some(0), Ok(())));
}
