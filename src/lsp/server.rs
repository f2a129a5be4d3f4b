//! The server loop: the protocol's lifecycle, the store of open documents (incremental changes),
//! debounced checks and the diagnostics they publish, and the requests (code actions, hover,
//! document symbols).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crossbeam_channel::RecvTimeoutError;
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, DocumentSymbolResponse, Hover,
    HoverContents, HoverProviderCapability, InitializeParams, InitializeResult, MarkupContent,
    MarkupKind, OneOf, PositionEncodingKind, PublishDiagnosticsParams, SaveOptions,
    ServerCapabilities, ServerInfo, TextDocumentContentChangeEvent, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Url,
};
use serde_json::Value;

use super::actions;
use super::convert::{self, Encoding, LineMap, Parts};
use super::explain::Explanations;
use super::symbols;
use super::workspace::{self, Checked, ClientSettings, Overlay, Workspace, normalize};
use crate::config::CONFIG_NAMES;
use crate::source::Format;

/// How long the server waits after a change before checking, unless the client says otherwise.
const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(100);

/// An open document, as the editor holds it.
struct OpenDocument {
    path: Option<PathBuf>,
    format: Option<Format>,
    version: i32,
    text: String,
}

/// The last check of a document (a main file and the files it includes).
struct Analysis {
    checked: Checked,
    parts: Parts,
    /// The configuration file in force for it.
    config: Option<PathBuf>,
    /// Every URI its diagnostics were published to, to clear those that have none any more.
    published: HashSet<Url>,
}

struct Server {
    connection: Connection,
    encoding: Encoding,
    workspace: Workspace,
    folders: Vec<PathBuf>,
    documents: HashMap<Url, OpenDocument>,
    /// Buffers of open files, by path: included files are read from them.
    overlay: Overlay,
    /// Checks by the URI of the document checked (a main file).
    analyses: HashMap<Url, Analysis>,
    /// For every file URI a check covered, the check it belongs to.
    owners: HashMap<Url, Url>,
    /// Documents to check again, and when.
    pending: HashMap<Url, Instant>,
    explanations: Explanations,
    /// Configuration files holding an error now shown as a diagnostic, with what is shown.
    config_errors_shown: HashMap<Url, Vec<lsp_types::Diagnostic>>,
    shutdown: bool,
    watch_files: bool,
    next_id: i32,
}

/// Runs the protocol on `connection` until `exit`; returns the process's exit code.
pub fn serve(connection: Connection) -> u8 {
    let Some((id, params)) = wait_for_initialize(&connection) else {
        return 1;
    };
    let encoding = negotiate_encoding(&params);
    let mut server = Server::new(connection, encoding, &params);
    let result = InitializeResult {
        capabilities: capabilities(encoding),
        server_info: Some(ServerInfo {
            name: "galley".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    };
    server.respond(Response::new_ok(id, result));
    server.run()
}

/// Answers everything before `initialize` as the protocol asks: requests with an error,
/// notifications dropped (`exit` ends the server).
fn wait_for_initialize(connection: &Connection) -> Option<(RequestId, InitializeParams)> {
    for message in &connection.receiver {
        match message {
            Message::Request(request) if request.method == req::Initialize::METHOD => {
                match serde_json::from_value::<InitializeParams>(request.params) {
                    Ok(params) => return Some((request.id, params)),
                    Err(error) => send(
                        connection,
                        Message::Response(Response::new_err(
                            request.id,
                            ErrorCode::InvalidParams as i32,
                            format!("bad initialize parameters: {error}"),
                        )),
                    ),
                }
            }
            Message::Request(request) => send(
                connection,
                Message::Response(Response::new_err(
                    request.id,
                    ErrorCode::ServerNotInitialized as i32,
                    "the server is not initialized yet".into(),
                )),
            ),
            Message::Notification(n) if n.method == note::Exit::METHOD => return None,
            _ => {}
        }
    }
    None
}

fn send(connection: &Connection, message: Message) {
    let _ = connection.sender.send(message);
}

/// UTF-8 columns when the client offers them (no counting of UTF-16 units), else UTF-16.
fn negotiate_encoding(params: &InitializeParams) -> Encoding {
    let offered = params
        .capabilities
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref());
    match offered {
        Some(list) if list.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
        _ => Encoding::Utf16,
    }
}

fn capabilities(encoding: Encoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(match encoding {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                will_save: None,
                will_save_wait_until: None,
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
            },
        )),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            work_done_progress_options: Default::default(),
            resolve_provider: Some(false),
        })),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        ..ServerCapabilities::default()
    }
}

impl Server {
    fn new(connection: Connection, encoding: Encoding, params: &InitializeParams) -> Self {
        let mut folders: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| f.uri.to_file_path().ok())
            .collect();
        #[allow(deprecated)]
        if folders.is_empty()
            && let Some(root) = params.root_uri.as_ref().and_then(|u| u.to_file_path().ok())
        {
            folders.push(root);
        }
        let mut workspace = Workspace::default();
        if let Some(settings) = params
            .initialization_options
            .as_ref()
            .and_then(ClientSettings::from_json)
        {
            workspace.settings = settings;
        }
        let watch_files = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        Self {
            connection,
            encoding,
            workspace,
            folders,
            documents: HashMap::new(),
            overlay: Overlay::default(),
            analyses: HashMap::new(),
            owners: HashMap::new(),
            pending: HashMap::new(),
            explanations: Explanations::new(),
            config_errors_shown: HashMap::new(),
            shutdown: false,
            watch_files,
            next_id: 0,
        }
    }

    fn respond(&self, response: Response) {
        send(&self.connection, Message::Response(response));
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        send(
            &self.connection,
            Message::Notification(Notification::new(N::METHOD.into(), params)),
        );
    }

    fn debounce(&self) -> Duration {
        self.workspace
            .settings
            .debounce_ms
            .map_or(DEFAULT_DEBOUNCE, Duration::from_millis)
    }

    /// The loop: messages as they come, and the checks that fall due between them.
    fn run(&mut self) -> u8 {
        loop {
            let message = match self.pending.values().min().copied() {
                Some(due) => {
                    let wait = due.saturating_duration_since(Instant::now());
                    match self.connection.receiver.recv_timeout(wait) {
                        Ok(message) => Some(message),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => return 1,
                    }
                }
                None => match self.connection.receiver.recv() {
                    Ok(message) => Some(message),
                    Err(_) => return 1,
                },
            };
            match message {
                None => self.check_due(),
                Some(Message::Notification(n)) if n.method == note::Exit::METHOD => {
                    return if self.shutdown { 0 } else { 1 };
                }
                Some(message) => {
                    // A bug in a handler answers that request with an error; the server goes on.
                    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                        self.handle(message.clone())
                    }));
                    if outcome.is_err()
                        && let Message::Request(request) = message
                    {
                        self.respond(Response::new_err(
                            request.id,
                            ErrorCode::InternalError as i32,
                            "internal error in galley (a bug: please report it)".into(),
                        ));
                    }
                }
            }
        }
    }

    fn handle(&mut self, message: Message) {
        match message {
            Message::Request(request) => self.request(request),
            Message::Notification(notification) => self.notification(notification),
            // Answers to what the server asked (registering file watchers): nothing to do.
            Message::Response(_) => {}
        }
    }

    fn request(&mut self, request: Request) {
        let id = request.id.clone();
        if self.shutdown {
            self.respond(Response::new_err(
                id,
                ErrorCode::InvalidRequest as i32,
                "the server is shutting down".into(),
            ));
            return;
        }
        let result: Result<Value, (ErrorCode, String)> = match request.method.as_str() {
            req::Shutdown::METHOD => {
                self.shutdown = true;
                Ok(Value::Null)
            }
            req::Initialize::METHOD => Err((
                ErrorCode::InvalidRequest,
                "the server is already initialized".into(),
            )),
            req::CodeActionRequest::METHOD => {
                parse(request.params).map(|p| to_json(self.code_actions(p)))
            }
            req::HoverRequest::METHOD => parse(request.params).map(|p| to_json(self.hover(p))),
            req::DocumentSymbolRequest::METHOD => {
                parse(request.params).map(|p| to_json(self.symbols(p)))
            }
            other => Err((
                ErrorCode::MethodNotFound,
                format!("galley does not handle `{other}`"),
            )),
        };
        self.respond(match result {
            Ok(value) => Response::new_ok(id, value),
            Err((code, message)) => Response::new_err(id, code as i32, message),
        });
    }

    fn notification(&mut self, notification: Notification) {
        let params = notification.params;
        match notification.method.as_str() {
            note::Initialized::METHOD => self.register_watchers(),
            note::DidOpenTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidOpenTextDocumentParams>(params)
                {
                    self.open(p);
                }
            }
            note::DidChangeTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeTextDocumentParams>(params)
                {
                    self.change(p);
                }
            }
            note::DidCloseTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidCloseTextDocumentParams>(params)
                {
                    self.close(&p.text_document.uri);
                }
            }
            note::DidSaveTextDocument::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidSaveTextDocumentParams>(params)
                {
                    self.file_changed(&p.text_document.uri);
                }
            }
            note::DidChangeConfiguration::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeConfigurationParams>(params)
                    && let Some(settings) = ClientSettings::from_json(&p.settings)
                {
                    self.workspace.settings = settings;
                    self.workspace.forget_configuration();
                    self.recheck_all();
                }
            }
            note::DidChangeWatchedFiles::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeWatchedFilesParams>(params)
                {
                    for change in p.changes {
                        self.file_changed(&change.uri);
                    }
                }
            }
            note::DidChangeWorkspaceFolders::METHOD => {
                if let Ok(p) =
                    serde_json::from_value::<lsp_types::DidChangeWorkspaceFoldersParams>(params)
                {
                    let removed: Vec<PathBuf> = p
                        .event
                        .removed
                        .iter()
                        .filter_map(|f| f.uri.to_file_path().ok())
                        .collect();
                    self.folders.retain(|f| !removed.contains(f));
                    self.folders.extend(
                        p.event
                            .added
                            .iter()
                            .filter_map(|f| f.uri.to_file_path().ok()),
                    );
                }
            }
            // `$/cancelRequest`, `$/setTrace` and the rest: nothing to do.
            _ => {}
        }
    }

    /// Asks the client to report changes to configuration files and to the files a document
    /// includes, when it can.
    fn register_watchers(&mut self) {
        if !self.watch_files {
            return;
        }
        let watchers = ["**/galley.toml", "**/.galley.toml", "**/*.bib", "**/*.tex"]
            .iter()
            .map(|glob| lsp_types::FileSystemWatcher {
                glob_pattern: lsp_types::GlobPattern::String((*glob).into()),
                kind: None,
            })
            .collect();
        let options = lsp_types::DidChangeWatchedFilesRegistrationOptions { watchers };
        let params = lsp_types::RegistrationParams {
            registrations: vec![lsp_types::Registration {
                id: "galley-files".into(),
                method: note::DidChangeWatchedFiles::METHOD.into(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.next_id += 1;
        send(
            &self.connection,
            Message::Request(Request::new(
                RequestId::from(format!("galley-{}", self.next_id)),
                req::RegisterCapability::METHOD.into(),
                params,
            )),
        );
    }

    fn open(&mut self, params: lsp_types::DidOpenTextDocumentParams) {
        let item = params.text_document;
        let path = item.uri.to_file_path().ok().map(|p| normalize(&p));
        let format = workspace::format_of(&item.uri, &item.language_id);
        if let Some(path) = &path {
            self.overlay.texts.insert(path.clone(), item.text.clone());
        }
        let is_config = is_config_file(&item.uri);
        self.documents.insert(
            item.uri.clone(),
            OpenDocument {
                path,
                format,
                version: item.version,
                text: item.text,
            },
        );
        if is_config {
            return;
        }
        self.pending.remove(&item.uri);
        self.check(&item.uri);
    }

    fn change(&mut self, params: lsp_types::DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let encoding = self.encoding;
        let Some(document) = self.documents.get_mut(&uri) else {
            return;
        };
        for change in params.content_changes {
            apply_change(&mut document.text, change, encoding);
        }
        document.version = params.text_document.version;
        if let Some(path) = &document.path {
            self.overlay
                .texts
                .insert(path.clone(), document.text.clone());
        }
        if is_config_file(&uri) {
            return;
        }
        let due = Instant::now() + self.debounce();
        self.pending.insert(uri.clone(), due);
        // The open documents whose check covers this file (it is included in them) are due too.
        if let Some(owner) = self.owners.get(&uri).cloned() {
            for (other, owned_by) in &self.owners {
                if *owned_by == owner && other != &uri && self.documents.contains_key(other) {
                    self.pending.insert(other.clone(), due);
                }
            }
        }
    }

    fn close(&mut self, uri: &Url) {
        let Some(document) = self.documents.remove(uri) else {
            return;
        };
        if let Some(path) = &document.path {
            self.overlay.texts.remove(path);
        }
        self.pending.remove(uri);
        let Some(owner) = self.owners.get(uri).cloned() else {
            return;
        };
        let still_open: Vec<Url> = self
            .owners
            .iter()
            .filter(|(file, by)| **by == owner && self.documents.contains_key(*file))
            .map(|(file, _)| file.clone())
            .collect();
        if still_open.is_empty() {
            // Nothing of that check is open any more: its diagnostics go.
            if let Some(analysis) = self.analyses.remove(&owner) {
                for file in analysis.published {
                    self.owners.remove(&file);
                    self.publish(file, Vec::new(), None);
                }
            }
            self.owners.remove(uri);
        } else {
            // The rest is checked again against the file on disk.
            for file in still_open {
                self.pending.insert(file, Instant::now() + self.debounce());
            }
        }
    }

    /// A file changed on disk or was saved: a configuration file is read again; any other file
    /// may be included somewhere, so every open document is checked again.
    fn file_changed(&mut self, uri: &Url) {
        if is_config_file(uri) {
            self.workspace.forget_configuration();
            self.recheck_all();
            return;
        }
        let Ok(path) = uri.to_file_path() else {
            return;
        };
        let is_source = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("tex" | "ltx" | "bib")
        ) || !self.documents.contains_key(uri);
        if is_source {
            self.workspace.forget_main_files();
            let due = Instant::now() + self.debounce();
            let open: Vec<Url> = self.documents.keys().cloned().collect();
            for file in open {
                if !is_config_file(&file) {
                    self.pending.insert(file, due);
                }
            }
        }
    }

    fn recheck_all(&mut self) {
        let open: Vec<Url> = self
            .documents
            .keys()
            .filter(|u| !is_config_file(u))
            .cloned()
            .collect();
        for uri in open {
            self.pending.remove(&uri);
            self.check(&uri);
        }
        self.publish_config_errors();
    }

    /// Checks the documents whose wait is over, each check once.
    fn check_due(&mut self) {
        let now = Instant::now();
        let due: Vec<Url> = self
            .pending
            .iter()
            .filter(|(_, at)| **at <= now)
            .map(|(uri, _)| uri.clone())
            .collect();
        let mut done: HashSet<Url> = HashSet::new();
        for uri in due {
            self.pending.remove(&uri);
            if let Some(owner) = self.owners.get(&uri)
                && done.contains(owner)
            {
                continue;
            }
            if let Some(owner) = self.check(&uri) {
                done.insert(owner);
            }
        }
    }

    /// Checks now if a check of `uri` is waiting, so that a request sees the current text.
    fn flush(&mut self, uri: &Url) {
        if self.pending.remove(uri).is_some() || !self.owners.contains_key(uri) {
            self.check(uri);
        }
    }

    /// Checks an open document (or the main file it belongs to) and publishes the diagnostics;
    /// returns the URI of the check.
    fn check(&mut self, uri: &Url) -> Option<Url> {
        let document = self.documents.get(uri)?;
        let format = match document.format {
            Some(Format::Docx) | None => return None,
            Some(format) => format,
        };
        // A LaTeX fragment is checked as part of its main file.
        let main = document.path.as_ref().and_then(|path| {
            self.workspace
                .main_file_of(path, &document.text, &self.overlay)
        });
        let (key, path, text, version) = match main {
            Some(main) => {
                let key = Url::from_file_path(&main).ok()?;
                let text = self.overlay.text_of(&main)?;
                let version = self.documents.get(&key).map(|d| d.version);
                (key, Some(main), text, version)
            }
            None => (
                uri.clone(),
                document.path.clone(),
                document.text.clone(),
                Some(document.version),
            ),
        };
        let dir = match &path {
            Some(path) => path.parent().map(Path::to_path_buf).unwrap_or_default(),
            None => self
                .folders
                .first()
                .cloned()
                .or_else(|| std::env::current_dir().ok())
                .unwrap_or_default(),
        };
        let configured = self.workspace.rules_for(&dir);
        if configured.error.is_some() || !self.config_errors_shown.is_empty() {
            self.publish_config_errors();
        }
        let name = path
            .as_ref()
            .map_or_else(|| key.to_string(), |p| p.display().to_string());
        let checked = match workspace::check(
            &name,
            format,
            text,
            path.as_deref(),
            configured.rules.clone(),
            &self.overlay,
        ) {
            Ok(checked) => checked,
            Err(message) => {
                let diagnostic = lsp_types::Diagnostic {
                    severity: Some(lsp_types::DiagnosticSeverity::ERROR),
                    source: Some("galley".into()),
                    message: format!("galley cannot read this file: {message}"),
                    ..Default::default()
                };
                self.publish(uri.clone(), vec![diagnostic], version);
                return None;
            }
        };
        let parts = Parts::of(&checked.document, &key);
        let rules = checked.rules.clone();
        let explanations = &mut self.explanations;
        let mut by_uri = convert::diagnostics(
            &checked.document.text,
            &parts,
            &checked.diagnostics,
            self.encoding,
            &mut |id: &str| explanations.link(&rules, id),
        );
        let mut published: HashSet<Url> = parts.views.iter().map(|v| v.uri.clone()).collect();
        let previous = self
            .analyses
            .remove(&key)
            .map(|a| a.published)
            .unwrap_or_default();
        for view in &parts.views {
            self.owners.insert(view.uri.clone(), key.clone());
        }
        for file in published
            .iter()
            .chain(previous.difference(&published.clone()))
        {
            let diagnostics = by_uri.remove(file).unwrap_or_default();
            let version = self.documents.get(file).map(|d| d.version);
            self.publish(file.clone(), diagnostics, version);
        }
        for file in previous.difference(&published.clone()) {
            self.owners.remove(file);
        }
        published.insert(key.clone());
        self.analyses.insert(
            key.clone(),
            Analysis {
                checked,
                parts,
                config: configured.path,
                published,
            },
        );
        Some(key)
    }

    fn publish(&self, uri: Url, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        self.notify::<note::PublishDiagnostics>(PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        });
    }

    /// Shows each configuration error as a diagnostic in its file, and clears those fixed.
    fn publish_config_errors(&mut self) {
        let mut shown: HashMap<Url, Vec<lsp_types::Diagnostic>> = HashMap::new();
        for configured in self.workspace.configurations() {
            let Some(error) = &configured.error else {
                continue;
            };
            let (uri, text) = match (&error.file, &configured.path) {
                (Some(file), _) => (Url::from_file_path(&file.name).ok(), file.text.to_string()),
                (None, Some(path)) => (
                    Url::from_file_path(path).ok(),
                    std::fs::read_to_string(path).unwrap_or_default(),
                ),
                (None, None) => (None, String::new()),
            };
            let Some(uri) = uri else {
                continue;
            };
            let lines = LineMap::new(&text);
            let span = error.span.clone().unwrap_or(0..0);
            let mut message = error.message.clone();
            if let Some(help) = &error.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            shown.entry(uri).or_default().push(lsp_types::Diagnostic {
                range: lines.range(&text, &span, self.encoding),
                severity: Some(lsp_types::DiagnosticSeverity::ERROR),
                code: Some(lsp_types::NumberOrString::String("configuration".into())),
                source: Some("galley".into()),
                message: format!(
                    "{message}\n(galley checks with the built-in defaults until this is fixed)"
                ),
                ..Default::default()
            });
        }
        let cleared: Vec<Url> = self
            .config_errors_shown
            .keys()
            .filter(|u| !shown.contains_key(*u))
            .cloned()
            .collect();
        for uri in cleared {
            self.publish(uri, Vec::new(), None);
        }
        for (uri, diagnostics) in &shown {
            if self.config_errors_shown.get(uri) != Some(diagnostics) {
                self.publish(uri.clone(), diagnostics.clone(), None);
            }
        }
        self.config_errors_shown = shown;
    }

    /// The check covering `uri` and the index of its file in it.
    fn analysis_of(&self, uri: &Url) -> Option<(&Analysis, usize)> {
        let owner = self.owners.get(uri)?;
        let analysis = self.analyses.get(owner)?;
        let index = analysis.parts.index_of(uri)?;
        Some((analysis, index))
    }

    fn code_actions(
        &mut self,
        params: lsp_types::CodeActionParams,
    ) -> Option<lsp_types::CodeActionResponse> {
        let uri = params.text_document.uri;
        let encoding = self.encoding;
        let folders = self.folders.clone();
        self.flush(&uri);
        let (analysis, index) = self.analysis_of(&uri)?;
        let view = &analysis.parts.views[index];
        let text = &analysis.checked.document.text;
        let local = text.get(view.range.clone())?;
        let start = view.range.start + view.lines.offset(local, params.range.start, encoding);
        let end = view.range.start + view.lines.offset(local, params.range.end, encoding);
        let config = analysis
            .config
            .as_ref()
            .and_then(|p| Some((p.clone(), self.overlay.text_of(p)?)));
        let file = uri.to_file_path().ok();
        let new_config_dir = file.as_ref().and_then(|f| {
            folders
                .iter()
                .find(|folder| f.starts_with(folder))
                .cloned()
                .or_else(|| f.parent().map(Path::to_path_buf))
        });
        let context = actions::Context {
            checked: &analysis.checked,
            parts: &analysis.parts,
            index,
            span: start.min(end)..end.max(start),
            encoding,
            config,
            new_config_dir,
            client_diagnostics: &params.context.diagnostics,
        };
        Some(actions::actions(&context))
    }

    fn hover(&mut self, params: lsp_types::HoverParams) -> Option<Hover> {
        let at = params.text_document_position_params;
        let encoding = self.encoding;
        self.flush(&at.text_document.uri);
        let (analysis, index) = self.analysis_of(&at.text_document.uri)?;
        let view = &analysis.parts.views[index];
        let text = &analysis.checked.document.text;
        let local = text.get(view.range.clone())?;
        let offset = view.range.start + view.lines.offset(local, at.position, encoding);
        let under: Vec<_> = analysis
            .checked
            .diagnostics
            .iter()
            .filter(|d| d.span.start <= offset && offset <= d.span.end)
            .filter(|d| view.range.start <= d.span.start && d.span.start <= view.range.end)
            .collect();
        let first = under.first()?;
        let mut shown: Vec<String> = Vec::new();
        let mut explained: HashSet<&str> = HashSet::new();
        for d in &under {
            let mut block = format!("**{}[{}]**: {}", d.severity.as_str(), d.rule, d.message);
            if let Some(help) = &d.help {
                block.push_str(&format!("\n\nhelp: {help}"));
            }
            for note in &d.notes {
                block.push_str(&format!("\n\nnote: {note}"));
            }
            if explained.insert(d.rule.as_str())
                && let Some(explanation) = Explanations::text(&analysis.checked.rules, &d.rule)
            {
                block.push_str("\n\n---\n\n");
                block.push_str(&demote_headings(&explanation));
            }
            shown.push(block);
        }
        let (_, range) = analysis.parts.locate(text, &first.span, encoding)?;
        Some(Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: shown.join("\n\n---\n\n"),
            }),
            range: Some(range),
        })
    }

    fn symbols(
        &mut self,
        params: lsp_types::DocumentSymbolParams,
    ) -> Option<DocumentSymbolResponse> {
        let encoding = self.encoding;
        self.flush(&params.text_document.uri);
        let (analysis, index) = self.analysis_of(&params.text_document.uri)?;
        Some(DocumentSymbolResponse::Nested(symbols::outline(
            &analysis.checked.document.text,
            &analysis.checked.manuscript,
            &analysis.parts,
            index,
            encoding,
        )))
    }
}

/// Headings of an explanation one level down, under the finding's own line in a hover.
fn demote_headings(text: &str) -> String {
    text.lines()
        .map(|line| {
            if line.starts_with('#') {
                format!("#{line}")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn is_config_file(uri: &Url) -> bool {
    uri.path_segments()
        .and_then(|mut s| s.next_back())
        .is_some_and(|name| CONFIG_NAMES.contains(&name))
}

/// Applies one change the client sent (a range replaced, or the whole text).
fn apply_change(text: &mut String, change: TextDocumentContentChangeEvent, encoding: Encoding) {
    match change.range {
        None => *text = change.text,
        Some(range) => {
            let lines = LineMap::new(text);
            let start = lines.offset(text, range.start, encoding);
            let end = lines.offset(text, range.end, encoding).max(start);
            text.replace_range(start..end, &change.text);
        }
    }
}

fn parse<P: serde::de::DeserializeOwned>(params: Value) -> Result<P, (ErrorCode, String)> {
    serde_json::from_value(params)
        .map_err(|e| (ErrorCode::InvalidParams, format!("bad parameters: {e}")))
}

fn to_json<T: serde::Serialize>(value: T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn incremental_changes_apply_in_utf16() {
        let mut text = "a😀 is not abode by\n".to_string();
        let change = TextDocumentContentChangeEvent {
            range: Some(lsp_types::Range::new(
                lsp_types::Position::new(0, 11),
                lsp_types::Position::new(0, 16),
            )),
            range_length: None,
            text: "abided".into(),
        };
        apply_change(&mut text, change, Encoding::Utf16);
        assert_eq!(text, "a😀 is not abided by\n");
    }
}
