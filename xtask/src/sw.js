// Alliance Map's service worker: a site that has been visited once keeps working offline.
//
// `cargo xtask dist` writes dist/sw.js as two generated lines (VERSION: a digest of the build;
// FILES: every file of the build, relative to this script) followed by this file.
//
// Network first, cache second: a reader who is online always gets the files as published (no
// stale dataset after an update); the cache answers only when the network does not. Only GET
// requests to this origin are touched; the app makes no others.

const CACHE = "alliance-map-" + VERSION;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(FILES))
      .then(() => self.skipWaiting()),
  );
});

// A new build's cache replaces the old one; the open pages are taken over at once, so a reader
// who goes offline after the first visit can still reload.
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names
            .filter((name) => name.startsWith("alliance-map-") && name !== CACHE)
            .map((name) => caches.delete(name)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) {
    return;
  }
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok && response.type === "basic") {
          const copy = response.clone();
          event.waitUntil(
            caches
              .open(CACHE)
              .then((cache) => cache.put(request, copy))
              .catch(() => {}),
          );
        }
        return response;
      })
      .catch(() =>
        // A view is an address with a query (`?country=jp&select=…`): any of them is the page.
        caches
          .match(request, { ignoreSearch: request.mode === "navigate" })
          .then((hit) => hit || Response.error()),
      ),
  );
});
