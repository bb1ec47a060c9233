//! Load time and memory in headless Chromium: the second half of `cargo xtask bench size`,
//! which builds both pages first and passes their folders in ALLIANCE_MAP_DIST and
//! MINIMAL_DIST. Prints figures; asserts nothing about speed.
//!
//! - time from navigation to the map drawn (`alliance-map:drawn`) and to `alliance-map:ready`
//!   (the side panel built too) for the app (and an earlier build in
//!   BASELINE_DIST, if set) and for a minimal Leptos page built the same way (fresh browser
//!   profile each run, so nothing is cached), median of 9, plain and with a phone-like profile
//!   (CPU 4x slower, 4G network); the longest main-thread task before ready; the gzipped bytes
//!   of everything fetched before ready;
//! - a change of view on the map at rest (a folded body opened by its "+N" badge): the time of
//!   the click's task, the app's reaction to the change before the browser's next turn, for the
//!   app and the baseline, median of 9 (a fresh page each);
//! - for the real dataset and for a generated one of 20,000 bodies and about 40,000 relations:
//!   the JS heap, the wasm memory and the longest main-thread task.

#[path = "../tests/support/browser.rs"]
mod browser;
#[path = "../tests/support/generated.rs"]
mod generated;
#[path = "../tests/support/server.rs"]
mod server;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use browser::Browser;
use serde_json::{json, Value};
use server::{Reply, Server};

/// Runs per page and profile: the shared 2-core machines vary by a tenth from run to run, and
/// the median of 5 still moved by as much between two runs of the bench.
const RUNS: usize = 9;

/// Installed before anything else in `<head>` (so before the page's own policy): records when
/// the map is ready, keeps the wasm instance Trunk announces, and watches for long tasks.
const PROBE: &str = "window.__probe={ready:null,longest:0,long:[]};\
addEventListener('alliance-map:ready',()=>{__probe.ready=performance.now()});\
addEventListener('TrunkApplicationStarted',e=>{__probe.wasm=e.detail.wasm});\
new PerformanceObserver(l=>{for(const e of l.getEntries()){__probe.longest=Math.max(__probe.longest,e.duration);__probe.long.push([Math.round(e.startTime),Math.round(e.duration)])}}).observe({type:'longtask',buffered:true});";

fn with_probe(dist: &Path) -> Reply {
    Reply::page_with_script(dist, PROBE)
}

fn dir(var: &str) -> PathBuf {
    let dir = PathBuf::from(
        std::env::var(var)
            .unwrap_or_else(|_| panic!("{var} is not set: run `cargo xtask bench size`")),
    );
    assert!(
        dir.join("index.html").exists(),
        "no build in {}",
        dir.display()
    );
    dir
}

/// How a reader's machine is emulated.
#[derive(Clone, Copy)]
struct Profile {
    name: &'static str,
    /// CPU slowed this many times (DevTools `Emulation.setCPUThrottlingRate`).
    cpu: f64,
    /// Network latency (ms) and throughput (bytes/s), if shaped.
    network: Option<(f64, f64)>,
}

const PROFILES: [Profile; 2] = [
    Profile {
        name: "plain (loopback, no throttling)",
        cpu: 1.0,
        network: None,
    },
    Profile {
        name: "phone-like (CPU 4x slower, 4G: 40 ms, 9 Mbit/s)",
        cpu: 4.0,
        network: Some((40.0, 9_000_000.0 / 8.0)),
    },
];

/// One cold start: time from navigation to the map drawn and to ready, the longest main-thread
/// task before ready, and the page's paths fetched before it.
struct Start {
    /// The map's first picture (`alliance-map:drawn`); builds without that mark, and the
    /// minimal page, draw everything by ready.
    drawn: f64,
    ready: f64,
    longest: f64,
    fetched: Vec<String>,
}

async fn start_up(dist: &Path, profile: Profile) -> Start {
    let server = Server::start(
        dist,
        HashMap::from([("index.html".to_string(), with_probe(dist))]),
    );
    let b = Browser::start().await;
    if profile.cpu > 1.0 {
        b.cdp(
            "Emulation.setCPUThrottlingRate",
            json!({ "rate": profile.cpu }),
        )
        .await;
    }
    if let Some((latency, throughput)) = profile.network {
        b.cdp("Network.enable", json!({})).await;
        b.cdp(
            "Network.emulateNetworkConditions",
            json!({ "offline": false, "latency": latency, "downloadThroughput": throughput, "uploadThroughput": throughput }),
        )
        .await;
    }
    b.client.goto(&server.url("")).await.expect("open");
    b.wait_until("window.__probe && window.__probe.ready !== null", 120)
        .await;
    let figures = b
        .eval(
            "(() => { const r = __probe.ready; \
               const d = performance.getEntriesByName('alliance-map:drawn')[0]; \
               return { ready: r, drawn: d ? d.startTime : r, \
                 longest: Math.max(0, ...__probe.long.filter(t => t[0] < r).map(t => t[1])), \
                 fetched: performance.getEntriesByType('resource').filter(e => e.startTime < r).map(e => new URL(e.name).pathname) }; })()",
        )
        .await;
    b.close().await;
    Start {
        drawn: figures["drawn"].as_f64().unwrap_or(f64::NAN),
        ready: figures["ready"].as_f64().unwrap_or(f64::NAN),
        longest: figures["longest"].as_f64().unwrap_or(f64::NAN),
        fetched: figures["fetched"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| p.as_str().map(|p| p.trim_start_matches('/').to_string()))
            .collect(),
    }
}

/// Gzipped size (level 9) of the page and of every file fetched before the map was ready.
fn first_load_bytes(dist: &Path, fetched: &[String]) -> (usize, Vec<(String, usize)>) {
    let mut files = vec!["index.html".to_string()];
    files.extend(fetched.iter().filter(|f| !f.is_empty()).cloned());
    files.sort();
    files.dedup();
    let rows: Vec<(String, usize)> = files
        .into_iter()
        .filter_map(|f| {
            let bytes = std::fs::read(dist.join(&f)).ok()?;
            let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            std::io::Write::write_all(&mut gz, &bytes).ok()?;
            Some((f, gz.finish().ok()?.len()))
        })
        .collect();
    (rows.iter().map(|r| r.1).sum(), rows)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Opens `query` on the app and waits for `done`; returns heap, wasm memory, longest task.
async fn memory(app: &Path, overrides: Vec<(String, Reply)>, query: &str, done: &str) -> Value {
    let mut overrides: HashMap<String, Reply> = overrides.into_iter().collect();
    overrides.insert("index.html".to_string(), with_probe(app));
    let server = Server::start(app, overrides);
    let b = Browser::start_with(&["--enable-precise-memory-info"]).await;
    let started = std::time::Instant::now();
    b.client.goto(&server.url(query)).await.expect("open");
    b.wait_until(done, 180).await;
    let seconds = started.elapsed().as_secs_f64();
    // Let the layout settle and the collector run before reading memory.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let figures = b
        .eval(
            "({ heap: performance.memory.usedJSHeapSize, \
               wasm: __probe.wasm ? __probe.wasm.memory.buffer.byteLength : null, \
               longest: __probe.longest, \
               long_tasks: __probe.long, \
               drawn: document.querySelectorAll('[data-node-id]').length, \
               marks: Object.fromEntries(performance.getEntriesByType('mark').map(m => [m.name, Math.round(m.startTime)])), \
               alert: (document.querySelector('[role=alert]') || {}).textContent || null })",
        )
        .await;
    b.close().await;
    let mut figures = figures;
    figures["seconds_to_done"] = json!(seconds);
    figures
}

/// Opens the app, waits for the map at rest, clicks the first "+N" badge and returns how long
/// the app took to react: from the click to a zero-delay timeout queued in it (the click's task
/// and the effects it ran), in ms.
async fn open_a_body(dist: &Path) -> f64 {
    let server = Server::start(dist, HashMap::new());
    let b = Browser::start().await;
    b.goto_settled(&server.url("")).await;
    b.wait_until("document.documentElement.dataset.complete === 'true'", 60)
        .await;
    let ms = b
        .eval(
            "(() => { const badge = document.querySelector('text.badge'); if (!badge) return null; \
               window.__reacted = null; const t0 = performance.now(); \
               setTimeout(() => { window.__reacted = performance.now() - t0; }, 0); \
               badge.dispatchEvent(new MouseEvent('click', { bubbles: true })); return true; })()",
        )
        .await;
    assert_eq!(
        ms,
        json!(true),
        "no folded body to open in {}",
        dist.display()
    );
    b.wait_until("window.__reacted !== null", 30).await;
    let ms = b
        .eval("window.__reacted")
        .await
        .as_f64()
        .unwrap_or(f64::NAN);
    b.close().await;
    ms
}

fn mb(v: &Value) -> String {
    v.as_f64()
        .map(|b| format!("{:.1} MB", b / 1_048_576.0))
        .unwrap_or_else(|| "n/a".into())
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    // `cargo bench` passes `--bench`; there are no options. BASELINE_DIST (optional): an
    // earlier build measured in the same run, for before/after figures.
    let app = dir("ALLIANCE_MAP_DIST");
    let minimal = dir("MINIMAL_DIST");
    let mut pages: Vec<(&str, PathBuf)> = vec![("minimal Leptos page", minimal)];
    if std::env::var_os("BASELINE_DIST").is_some() {
        pages.push(("alliance map, baseline", dir("BASELINE_DIST")));
    }
    pages.push(("alliance map, this build", app.clone()));

    let mut report = serde_json::Map::new();
    for profile in PROFILES {
        println!(
            "\n==> start-up, {}: cold cache, fresh profile, median of {RUNS} runs",
            profile.name
        );
        // Runs interleaved (each page once per round), so a busy moment of the machine falls
        // on every page alike.
        let mut all: Vec<Vec<Start>> = pages.iter().map(|_| Vec::new()).collect();
        for _ in 0..RUNS {
            for (k, (_, dist)) in pages.iter().enumerate() {
                all[k].push(start_up(dist, profile).await);
            }
        }
        let mut medians = Vec::new();
        for ((name, dist), runs) in pages.iter().zip(all) {
            let drawn = median(runs.iter().map(|r| r.drawn).collect());
            let ready = median(runs.iter().map(|r| r.ready).collect());
            let longest = median(runs.iter().map(|r| r.longest).collect());
            let (bytes, files) = first_load_bytes(dist, &runs[0].fetched);
            println!(
                "  {name:<28} map drawn {drawn:7.0} ms   ready {ready:7.0} ms   longest task before ready {longest:5.0} ms   first load {:6.1} KB gzip",
                bytes as f64 / 1024.0
            );
            println!(
                "  {:<28} runs {:.0?} ms; files: {}",
                "",
                runs.iter().map(|r| r.ready).collect::<Vec<_>>(),
                files
                    .iter()
                    .map(|(f, b)| format!("{f} {:.1}", *b as f64 / 1024.0))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            medians.push((name.to_string(), drawn, ready));
            report.insert(
                format!("{} / {name}", profile.name),
                json!({ "drawn_ms": runs.iter().map(|r| r.drawn).collect::<Vec<_>>(), "drawn_median": drawn,
                        "ready_ms": runs.iter().map(|r| r.ready).collect::<Vec<_>>(), "ready_median": ready,
                        "longest_task_median": longest, "first_load_gzip": bytes,
                        "files": files.iter().map(|(f, b)| json!({ "file": f, "gzip": b })).collect::<Vec<_>>() }),
            );
        }
        let base = medians[0].2;
        for (name, drawn, ready) in &medians[1..] {
            println!(
                "  ratio {name}: map drawn {:.1}x the minimal page (goal: at most 3x), ready {:.1}x",
                drawn / base,
                ready / base
            );
        }
    }

    println!("\n==> a change of view (plain): a folded body opened by its badge, median of {RUNS}");
    let mut reactions = serde_json::Map::new();
    for (name, dist) in &pages[1..] {
        let mut runs = Vec::new();
        for _ in 0..RUNS {
            runs.push(open_a_body(dist).await);
        }
        let med = median(runs.clone());
        println!("  {name:<28} the click's task {med:6.1} ms   runs {runs:.0?} ms");
        reactions.insert(name.to_string(), json!({ "ms": runs, "median": med }));
    }

    println!("\n==> memory (after ready + 2 s)");
    let real = memory(
        &app,
        Vec::new(),
        "",
        "document.documentElement.dataset.mapReady === 'true'",
    )
    .await;
    println!(
        "  real dataset        JS heap {:>9}  wasm memory {:>9}  longest task {:>6.0} ms  drawn {}",
        mb(&real["heap"]),
        mb(&real["wasm"]),
        real["longest"].as_f64().unwrap_or(f64::NAN),
        real["drawn"]
    );
    println!(
        "  real dataset, start-up marks (ms after navigation): {}",
        real["marks"]
    );
    println!(
        "  real dataset, long tasks [start, duration] (ms): {}",
        real["long_tasks"]
    );
    let big = memory(
        &app,
        generated::linked("big", 20_000),
        "?data=big/",
        "!!document.querySelector('[role=alert]')",
    )
    .await;
    println!(
        "  20,000 bodies       JS heap {:>9}  wasm memory {:>9}  longest task {:>6.0} ms  drawn {}  ({:.1} s to the message)",
        mb(&big["heap"]),
        mb(&big["wasm"]),
        big["longest"].as_f64().unwrap_or(f64::NAN),
        big["drawn"],
        big["seconds_to_done"].as_f64().unwrap_or(f64::NAN)
    );
    println!(
        "  20,000 bodies: {}",
        big["alert"].as_str().unwrap_or("(no message)")
    );

    let out = json!({
        "start_up": report,
        "open_a_body": reactions,
        "memory": { "real": real, "generated_20k": big },
    });
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench/load.json");
    let _ = std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")));
    match std::fs::write(
        &path,
        serde_json::to_string_pretty(&out).unwrap_or_default(),
    ) {
        Ok(()) => println!("\nwrote {}", path.display()),
        Err(e) => eprintln!("could not write {}: {e}", path.display()),
    }
}
