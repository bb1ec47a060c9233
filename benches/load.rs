//! Load time and memory in headless Chromium: the second half of `cargo xtask bench size`,
//! which builds both pages first and passes their folders in ALLIANCE_MAP_DIST and
//! MINIMAL_DIST. Prints figures; asserts nothing about speed.
//!
//! - time from navigation to `alliance-map:ready` for the app and for a minimal Leptos page
//!   built the same way (fresh browser profile each run, so nothing is cached), median of 5;
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

const RUNS: usize = 5;

/// Installed before anything else in `<head>` (so before the page's own policy): records when
/// the map is ready, keeps the wasm instance Trunk announces, and watches for long tasks.
const PROBE: &str = "<script>window.__probe={ready:null,longest:0,long:[]};\
addEventListener('alliance-map:ready',()=>{__probe.ready=performance.now()});\
addEventListener('TrunkApplicationStarted',e=>{__probe.wasm=e.detail.wasm});\
new PerformanceObserver(l=>{for(const e of l.getEntries()){__probe.longest=Math.max(__probe.longest,e.duration);__probe.long.push([Math.round(e.startTime),Math.round(e.duration)])}}).observe({type:'longtask',buffered:true});\
</script>";

fn with_probe(dist: &Path) -> Reply {
    let html = std::fs::read_to_string(dist.join("index.html")).expect("index.html");
    Reply::new(
        200,
        "text/html; charset=utf-8",
        html.replacen("<head>", &format!("<head>{PROBE}"), 1),
    )
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

async fn time_to_ready(dist: &Path) -> f64 {
    let server = Server::start(
        dist,
        HashMap::from([("index.html".to_string(), with_probe(dist))]),
    );
    let b = Browser::start().await;
    b.client.goto(&server.url("")).await.expect("open");
    b.wait_until("window.__probe && window.__probe.ready !== null", 60)
        .await;
    let ms = b.eval("__probe.ready").await.as_f64().unwrap_or(f64::NAN);
    b.close().await;
    ms
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

fn mb(v: &Value) -> String {
    v.as_f64()
        .map(|b| format!("{:.1} MB", b / 1_048_576.0))
        .unwrap_or_else(|| "n/a".into())
}

#[tokio::main(flavor = "multi_thread")]
async fn main() {
    // `cargo bench` passes `--bench`; there are no options.
    let app = dir("ALLIANCE_MAP_DIST");
    let minimal = dir("MINIMAL_DIST");

    println!("\n==> time from navigation to ready, headless Chromium, loopback, cold cache ({RUNS} runs)");
    let (mut a, mut m) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        a.push(time_to_ready(&app).await);
        m.push(time_to_ready(&minimal).await);
    }
    let (a_med, m_med) = (median(a.clone()), median(m.clone()));
    println!("  alliance map (real data, drawn)  median {a_med:7.1} ms   runs {a:.0?}");
    println!("  minimal Leptos page              median {m_med:7.1} ms   runs {m:.0?}");
    println!("  ratio {:.2}x (target: at most 2x)", a_med / m_med);

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
        "time_to_ready_ms": { "app": a, "minimal": m, "app_median": a_med, "minimal_median": m_med, "ratio": a_med / m_med },
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
