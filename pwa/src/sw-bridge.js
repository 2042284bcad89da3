// The page's only way to the service worker (pwa/sw.js): register it, tell the app when a new
// version is waiting, and switch to it only when the recruiter says so (never mid-form).
const listeners = new Set();
let waiting = null;

function announce(worker) {
  waiting = worker;
  for (const listener of listeners) listener(worker);
}

export function onUpdateReady(listener) {
  listeners.add(listener);
  if (waiting) listener(waiting);
  return () => listeners.delete(listener);
}

export function updateWaiting() {
  return Boolean(waiting);
}

export async function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return null;
  try {
    const registration = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
    if (registration.waiting && navigator.serviceWorker.controller) announce(registration.waiting);
    registration.addEventListener("updatefound", () => {
      const worker = registration.installing;
      if (!worker) return;
      worker.addEventListener("statechange", () => {
        if (worker.state === "installed" && navigator.serviceWorker.controller) announce(worker);
      });
    });
    // Look for a new version now and then (the browser also does on navigation).
    setInterval(() => registration.update().catch(() => {}), 30 * 60 * 1000);
    return registration;
  } catch {
    return null;
  }
}

// The app is already offline-ready once a service worker controls the page.
export async function offlineReady() {
  if (!("serviceWorker" in navigator)) return false;
  await navigator.serviceWorker.ready;
  return Boolean(navigator.serviceWorker.controller);
}

// Switch to the waiting version: everything typed is already in IndexedDB.
export function applyUpdate() {
  if (!waiting) return;
  navigator.serviceWorker.addEventListener("controllerchange", () => window.location.reload(), {
    once: true,
  });
  waiting.postMessage({ type: "skip-waiting" });
}
