//! Headless Chromium driven through Debian's ChromeDriver, with the flags this machine needs
//! (no background networking: the page must be the only thing that talks, and only to us).

// Shared by several test crates; not every crate uses every part.
#![allow(dead_code)]

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder};
use serde_json::{json, Value};

/// The map is drawn and at rest (no layout running): what a test waits for after a change.
pub const SETTLED: &str = "document.documentElement.dataset.mapReady === 'true' \
    && document.documentElement.dataset.complete === 'true' \
    && document.querySelector('svg.map-canvas')?.dataset.layout === 'settled'";

/// The entries of a browser log that are errors.
pub fn severe(console: &[(String, String)]) -> Vec<&(String, String)> {
    console
        .iter()
        .filter(|(level, _)| level == "SEVERE")
        .collect()
}

pub struct Browser {
    pub client: Client,
    /// Where downloads land (inside the throw-away profile).
    pub downloads: std::path::PathBuf,
    driver: Child,
    _profile: TempDir,
}

struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

impl Browser {
    pub async fn start() -> Browser {
        Self::start_with(&[]).await
    }

    /// Starts Chromium with extra command-line switches (e.g. to force dark mode).
    pub async fn start_with(extra: &[&str]) -> Browser {
        let chromedriver =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("free port");
        let driver = Command::new(&chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("could not start {chromedriver}: {e}"));
        let profile =
            std::env::temp_dir().join(format!("alliance-map-e2e-{}-{port}", std::process::id()));
        let mut args: Vec<String> = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--window-size=1280,800",
        ]
        .iter()
        .map(|a| a.to_string())
        .collect();
        args.push(format!("--user-data-dir={}", profile.display()));
        args.extend(extra.iter().map(|a| a.to_string()));
        let downloads = profile.join("downloads");
        let caps = json!({
            "goog:chromeOptions": {
                "binary": chromium,
                "args": args,
                "prefs": {
                    "download.default_directory": downloads,
                    "download.prompt_for_download": false
                }
            },
            "goog:loggingPrefs": { "browser": "ALL" }
        });
        let caps = caps.as_object().cloned().unwrap_or_default();
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(c) => break c,
                Err(e) if Instant::now() > deadline => panic!("ChromeDriver did not answer: {e}"),
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        };
        Browser {
            client,
            downloads,
            driver,
            _profile: TempDir(profile),
        }
    }

    /// Entries of the browser console (level and message) since the last call.
    pub async fn console(&self) -> Vec<(String, String)> {
        let log = self
            .client
            .issue_cmd(BrowserLog)
            .await
            .expect("read the browser log");
        log.as_array()
            .map(|entries| {
                entries
                    .iter()
                    .map(|e| {
                        (
                            e["level"].as_str().unwrap_or("").to_string(),
                            e["message"].as_str().unwrap_or("").to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Polls a JavaScript expression until it is true, or fails after `secs`.
    pub async fn wait_until(&self, expr: &str, secs: u64) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let v = self
                .client
                .execute(&format!("return !!({expr});"), vec![])
                .await
                .unwrap_or(Value::Bool(false));
            if v == Value::Bool(true) {
                return;
            }
            if Instant::now() > deadline {
                panic!(
                    "timed out after {secs} s waiting for: {expr}\nconsole: {:#?}",
                    self.console().await
                );
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Drags the element matching `selector` with the mouse by each (dx, dy) in turn (200 ms
    /// per move), as a person would.
    pub async fn drag(&self, selector: &str, moves: &[(f64, f64)]) {
        use fantoccini::actions::{InputSource, MouseActions, PointerAction, MOUSE_BUTTON_LEFT};
        let element = self
            .client
            .find(fantoccini::Locator::Css(selector))
            .await
            .unwrap_or_else(|e| panic!("{selector}: {e}"));
        let mut drag = MouseActions::new("mouse".into())
            .then(PointerAction::MoveToElement {
                element,
                duration: None,
                x: 0.0,
                y: 0.0,
            })
            .then(PointerAction::Down {
                button: MOUSE_BUTTON_LEFT,
            });
        for &(x, y) in moves {
            drag = drag.then(PointerAction::MoveBy {
                duration: Some(Duration::from_millis(200)),
                x,
                y,
            });
        }
        drag = drag.then(PointerAction::Up {
            button: MOUSE_BUTTON_LEFT,
        });
        self.client.perform_actions(drag).await.expect("drag");
    }

    /// The text of the first element matching `selector` ("" when there is none).
    pub async fn text(&self, selector: &str) -> String {
        let expr = format!(
            "(document.querySelector({}) || {{}}).textContent || ''",
            serde_json::to_string(selector).unwrap_or_default()
        );
        self.eval(&expr).await.as_str().unwrap_or("").to_string()
    }

    pub async fn eval(&self, expr: &str) -> Value {
        self.client
            .execute(&format!("return ({expr});"), vec![])
            .await
            .unwrap_or_else(|e| panic!("{expr}: {e}"))
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// ChromeDriver's log endpoint (not part of W3C WebDriver, so fantoccini has no method).
#[derive(Debug)]
struct BrowserLog;

/// A Chrome DevTools Protocol command through ChromeDriver.
#[derive(Debug)]
struct Cdp(Value);

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.0.to_string()))
    }
}

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(r#"{"type":"browser"}"#.to_string()),
        )
    }
}

impl Browser {
    /// How many bodies the map's first view may open to on this screen (the map says it in
    /// `data-budget`; the core's `visible_in` takes it).
    pub async fn budget(&self) -> usize {
        self.eval("Number(document.querySelector('svg.map-canvas')?.dataset.budget)")
            .await
            .as_u64()
            .expect("the map says its budget") as usize
    }

    /// Opens `url` and waits until the map is drawn and at rest.
    pub async fn goto_settled(&self, url: &str) {
        self.client.goto(url).await.expect("open the page");
        self.wait_until(SETTLED, 60).await;
    }

    /// Waits until a change of view has been laid out and has come to rest.
    pub async fn settle(&self) {
        tokio::time::sleep(Duration::from_millis(150)).await;
        self.wait_until(SETTLED, 30).await;
    }

    /// Clicks the element `css` finds, as a person would (WebDriver refuses covered elements).
    pub async fn click(&self, css: &str) {
        self.client
            .find(fantoccini::Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css}: {e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("click {css}: {e}"));
    }

    /// Waits for a finished download called `name` in the profile's download folder.
    pub async fn downloaded(&self, name: &str) -> std::path::PathBuf {
        let path = self.downloads.join(name);
        let deadline = Instant::now() + Duration::from_secs(30);
        while !path.exists() {
            assert!(Instant::now() < deadline, "{name} was not downloaded");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        // Chromium writes to a temporary name and renames when done; give it a moment.
        tokio::time::sleep(Duration::from_millis(300)).await;
        path
    }

    /// Types `keys` into the element that has focus (WebDriver key codes for Tab, Enter...).
    pub async fn press(&self, keys: &str) {
        let el = self
            .client
            .active_element()
            .await
            .expect("an active element");
        el.send_keys(keys).await.expect("send keys");
    }

    /// Sends a Chrome DevTools Protocol command to the page (e.g. CPU or network throttling).
    pub async fn cdp(&self, cmd: &str, params: Value) {
        self.client
            .issue_cmd(Cdp(json!({ "cmd": cmd, "params": params })))
            .await
            .unwrap_or_else(|e| panic!("{cmd}: {e}"));
    }

    /// Makes the page a phone's: a `width`×`height` CSS px viewport, touch, mobile (Chromium's
    /// device emulation: a headless window cannot be made narrower than 500 px). Reload after.
    pub async fn emulate_phone(&self, width: u32, height: u32) {
        self.emulate(width, height, true).await;
    }

    /// Gives the page exactly a `width`×`height` CSS px viewport (a window's size includes
    /// what the browser itself takes). Reload after.
    pub async fn emulate(&self, width: u32, height: u32, mobile: bool) {
        self.client
            .issue_cmd(Cdp(json!({
                "cmd": "Emulation.setDeviceMetricsOverride",
                "params": { "width": width, "height": height, "deviceScaleFactor": if mobile { 2 } else { 1 }, "mobile": mobile }
            })))
            .await
            .expect("device emulation");
    }

    /// Runs axe-core (installed into .tools/ by `cargo xtask test`) on the current page with all
    /// its rules that are on by default, best practices included; returns the violations,
    /// summarised.
    pub async fn axe(&self) -> Vec<Value> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join(".tools/node_modules/axe-core/axe.min.js");
        let source = std::fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{} is missing ({e}): `cargo xtask test` installs axe-core into .tools/",
                path.display()
            )
        });
        self.client
            .execute(&source, vec![])
            .await
            .expect("load axe-core");
        let script = "const done = arguments[arguments.length - 1];
            axe.run(document)
              .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, count: v.nodes.length,
                  examples: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' :: ' + n.failureSummary) }))))
              .catch(e => done([{ id: 'axe-error', help: String(e) }]));";
        let out = self
            .client
            .execute_async(script, vec![])
            .await
            .expect("run axe-core");
        out.as_array().cloned().unwrap_or_default()
    }
}
