// Campo's service worker: the app shell offline. No UI code here; the page reaches it through
// src/sw-bridge.js. The server writes in the version and the shell's file list (see
// backend/campo/pwa_app.py), so any change to the app makes a new cache.
//
// Never cached: API answers with personal data (COEs, children, the user). Only the form
// definitions, the catalogues, the signature statements and the settings are, and they are
// public. A new version installs in the background and waits: the page offers it to the
// recruiter, who switches when it suits (skip-waiting message), or it takes over at the next start.
const VERSION = "__CAMPO_VERSION__";
const SHELL = ["__CAMPO_SHELL__"];
const CACHE = `campo-shell-${VERSION}`;
const PUBLIC_API = [/^\/api\/v1\/forms\//, /^\/api\/v1\/i18n\//, /^\/api\/v1\/statements$/, /^\/api\/v1\/settings$/];

// One file of the shell, tried again after a failure: a single dropped request on a weak signal
// (or a busy server) must not fail the whole install and leave the tablet without its offline app.
async function precache(cache, url, attempts = 4) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const response = await fetch(new Request(url, { cache: "reload" }));
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
      await cache.put(url, response);
      return;
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
    }
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.all(SHELL.map((url) => precache(cache, url)))));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("campo-") && name !== CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "skip-waiting") self.skipWaiting();
});

async function publicApi(request) {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(request, response.clone());
    return response;
  } catch (error) {
    const kept = await cache.match(request);
    if (kept) return kept;
    throw error;
  }
}

async function shell(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request, { ignoreSearch: true });
  if (kept) return kept;
  try {
    return await fetch(request);
  } catch (error) {
    if (request.mode === "navigate") {
      const page = await cache.match("/");
      if (page) return page;
    }
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/api/")) {
    if (PUBLIC_API.some((pattern) => pattern.test(url.pathname))) event.respondWith(publicApi(request));
    return; // personal data: straight to the network, never into the Cache API
  }
  if (request.mode === "navigate") {
    event.respondWith(shell(new Request("/")));
    return;
  }
  event.respondWith(shell(request));
});
