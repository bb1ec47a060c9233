//! A small static file server on loopback for the end-to-end tests: it serves the release
//! build as any static host would, records every request, and can replace a path's answer
//! (to serve broken data or fail a request) without touching dist/.

// Shared by several test crates; not every crate uses every part.
#![allow(dead_code)]

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;

/// What to answer for one path instead of the file.
#[derive(Clone)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    /// How long to wait before answering.
    pub delay: std::time::Duration,
}

impl Reply {
    /// A request that is accepted and never answered (the connection stays open a minute).
    pub fn never() -> Reply {
        Reply::new(NEVER, "text/plain", Vec::new())
    }

    /// A `200` whose body stops halfway through while its length promises all of it.
    pub fn cut_off(content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply::new(CUT_OFF, content_type, body)
    }

    pub fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            content_type,
            body: body.into(),
            delay: std::time::Duration::ZERO,
        }
    }

    /// The build's page (`index.html` of `dist`) with `script` first in its `<head>`, so it
    /// runs before the page's own policy and code: a probe that must see the start-up.
    pub fn page_with_script(dist: &Path, script: &str) -> Reply {
        let html = std::fs::read_to_string(dist.join("index.html")).expect("index.html");
        Reply::new(
            200,
            "text/html; charset=utf-8",
            html.replacen("<head>", &format!("<head><script>{script}</script>"), 1),
        )
    }

    /// The same answer, `ms` milliseconds late (a slow network for one file).
    pub fn late(mut self, ms: u64) -> Reply {
        self.delay = std::time::Duration::from_millis(ms);
        self
    }
}

/// Pseudo-statuses for [`Reply::never`] and [`Reply::cut_off`].
const NEVER: u16 = 0;
const CUT_OFF: u16 = 1;

pub struct Server {
    pub port: u16,
    pub requests: Arc<Mutex<Vec<String>>>,
    down: Arc<AtomicBool>,
}

impl Server {
    /// Serves `root` on 127.0.0.1 on a free port, until the test process ends.
    pub fn start(root: &Path, overrides: HashMap<String, Reply>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let port = listener.local_addr().expect("local address").port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (root, log) = (root.to_path_buf(), requests.clone());
        let overrides = Arc::new(overrides);
        let down = Arc::new(AtomicBool::new(false));
        let is_down = down.clone();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                if is_down.load(Ordering::SeqCst) {
                    // Gone: the connection is closed unanswered, as by a host that is offline.
                    drop(stream);
                    continue;
                }
                let (root, log, overrides) = (root.clone(), log.clone(), overrides.clone());
                thread::spawn(move || {
                    let _ = handle(stream, &root, &log, &overrides);
                });
            }
        });
        Server {
            port,
            requests,
            down,
        }
    }

    /// From now on every request fails as a network error.
    pub fn go_down(&self) {
        self.down.store(true, Ordering::SeqCst);
    }

    pub fn url(&self, path: &str) -> String {
        format!(
            "http://127.0.0.1:{}/{}",
            self.port,
            path.trim_start_matches('/')
        )
    }
}

fn handle(
    stream: TcpStream,
    root: &Path,
    log: &Mutex<Vec<String>>,
    overrides: &HashMap<String, Reply>,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.read_line(&mut line)?;
    // Drain the headers.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    if let Ok(mut l) = log.lock() {
        l.push(target.clone());
    }
    let path = target
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .trim_start_matches('/')
        .to_string();
    let path = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path
    };
    let reply = if let Some(r) = overrides.get(&path) {
        r.clone()
    } else if path.split('/').any(|seg| seg == "..") {
        Reply::new(403, "text/plain", b"forbidden".to_vec())
    } else {
        match std::fs::read(root.join(&path)) {
            Ok(body) => Reply::new(200, content_type(&path), body),
            Err(_) => Reply::new(404, "text/plain", b"not found".to_vec()),
        }
    };
    let mut out = stream;
    thread::sleep(reply.delay);
    if reply.status == NEVER {
        thread::sleep(std::time::Duration::from_secs(60));
        return Ok(());
    }
    let (status, sent) = match reply.status {
        CUT_OFF => (200, &reply.body[..reply.body.len() / 2]),
        s => (s, &reply.body[..]),
    };
    write!(
        out,
        "HTTP/1.1 {status} X\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        reply.content_type,
        reply.body.len()
    )?;
    out.write_all(sent)?;
    out.flush()
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("js") => "text/javascript",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css",
        Some("json") => "application/json",
        Some("png") => "image/png",
        Some("svg") => "image/svg+xml",
        Some("webmanifest") => "application/manifest+json",
        _ => "application/octet-stream",
    }
}
