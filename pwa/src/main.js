// Start the app: language, storage, service worker, the outbox, and the screens.
import { forgetSession, getSession, logout, saveSession } from "./api.js";
import { getMeta, putMeta, outboxStates } from "./db/index.js";
import { browserLanguage, currentLanguage, onLanguageChange, preloadLanguages, setLanguage, t } from "./i18n.js";
import { refreshHandoverKey } from "./handover.js";
import { loadSettings } from "./reference.js";
import { applyUpdate, onUpdateReady, registerServiceWorker } from "./sw-bridge.js";
import { onSyncChange, startSync, syncStatus } from "./sync.js";
import { ask, clear, h, icon } from "./ui.js";
import { hasPin, isUnlocked, lock } from "./vault.js";
import * as audit from "./screens/audit.js";
import * as child from "./screens/child.js";
import * as conflict from "./screens/conflict.js";
import * as handover from "./screens/handover.js";
import * as historyImport from "./screens/history_import.js";
import * as home from "./screens/home.js";
import * as locator from "./screens/locator.js";
import * as lockScreen from "./screens/lock.js";
import * as login from "./screens/login.js";
import * as reports from "./screens/reports.js";
import * as wizard from "./screens/wizard.js";
import * as duplicates from "./screens/duplicates.js";
import * as regional from "./screens/regional.js";
import * as reinterviews from "./screens/reinterviews.js";
import * as review from "./screens/review.js";
import * as quality from "./screens/quality.js";
import * as moveNotices from "./screens/move_notices.js";
import * as msix from "./screens/msix.js";
import { homeRoute, roleNav } from "./screens/nav.js";

const SCREENS = {
  login,
  home,
  wizard,
  handover,
  conflict,
  reports,
  locator,
  child,
  review,
  regional,
  duplicates,
  "history-import": historyImport,
  quality,
  moveNotices,
  msix,
  audit,
  reinterviews,
  unlock: lockScreen,
  pin: lockScreen,
};
const state = { session: null, storagePersisted: null, updateReady: false, hasPin: false, settings: {} };
let current = null; // the screen on display: {name, cleanup}
let lastActivity = Date.now();

export function navigate(hash) {
  if (window.location.hash === hash) render();
  else window.location.hash = hash;
}

// Where the hash points, unless the vault decides otherwise: a locked vault shows the lock
// screen (the hash is kept, so unlocking goes back to the same place), an open vault without
// a PIN asks for one first.
function route() {
  const hash = window.location.hash.replace(/^#/, "") || "/";
  const parts = hash.split("/").filter(Boolean);
  if (!state.session) return { name: "login" };
  if (!isUnlocked(state.session.user.id)) return { name: parts[0] === "login" ? "login" : "unlock" };
  if (!state.hasPin) return { name: "pin" };
  if (parts[0] === "coe" && parts[1]) return { name: "wizard", id: parts[1] };
  if (parts[0] === "handover") return { name: "handover" };
  if (parts[0] === "conflict" && parts[1]) return { name: "conflict", id: parts[1] };
  if (parts[0] === "reports") return { name: "reports" };
  if (parts[0] === "locator") return { name: "locator" };
  if (parts[0] === "child" && parts[1]) return { name: "child", id: parts[1] };
  // The reviewers' and regional staff's screens (screens/nav.js says who gets which).
  if (parts[0] === "review") return parts[1] ? { name: "review", id: parts[1] } : { name: "review" };
  if (parts[0] === "regional") return { name: "regional" };
  if (parts[0] === "history-import") return { name: "history-import" };
  // The state admin's audit trail, and re-interview quality control.
  if (parts[0] === "audit") return { name: "audit" };
  if (parts[0] === "reinterviews") return parts[1] ? { name: "reinterviews", id: parts[1] } : { name: "reinterviews" };
  if (parts[0] === "duplicates" && parts[2]) return { name: "duplicates", id: parts[1], position: Number(parts[2]) };
  // The state's exchange: data quality, move notices, MSIX files.
  if (parts[0] === "quality") return { name: "quality" };
  if (parts[0] === "move-notices") return { name: "moveNotices" };
  if (parts[0] === "msix") return { name: "msix" };
  return homeRoute(state.session);
}

function unlockedView() {
  return state.session && isUnlocked(state.session.user.id) && state.hasPin;
}

function languageSwitch() {
  const choose = async (lang) => {
    if (lang === currentLanguage()) return;
    await putMeta("ui_language", lang);
    await setLanguage(lang);
  };
  return h(
    "div",
    { class: "lang-switch", role: "group", "aria-label": t("Language") },
    h("button", { type: "button", id: "lang-en", lang: "en", "aria-pressed": String(currentLanguage() === "en"), onclick: () => choose("en") }, "English"),
    h("button", { type: "button", id: "lang-es", lang: "es", "aria-pressed": String(currentLanguage() === "es"), onclick: () => choose("es") }, "Español"),
  );
}

function connectionPill() {
  const status = syncStatus();
  let text = t("Checking connection…");
  let kind = "checking";
  if (status.running && status.online) {
    text = t("Sending…");
    kind = "sending";
  } else if (status.online === true) {
    text = t("Online");
    kind = "online";
  } else if (status.online === false) {
    text = t("Offline: work is saved on this tablet");
    kind = "offline";
  }
  return h("span", { class: `pill pill-${kind}`, id: "connection", role: "status" }, icon(kind === "offline" ? "off" : "cloud"), h("span", {}, text));
}

async function signOut() {
  const session = state.session;
  const waiting = session ? (await outboxStates(session.user.id)).length : 0;
  if (waiting) {
    const sure = await ask(t("Certificates not sent yet: %(count)s", { count: waiting }), {
      detail: t("They stay on this tablet, and are sent after you sign in again. Nobody else can see them in Campo."),
      confirm: t("Sign out and keep them"),
    });
    if (!sure) return;
  }
  await logout(await getSession());
  await lock();
  await forgetSession();
  state.session = null;
  state.hasPin = false;
  navigate("#/login");
}

// Lock now: the screen first (nothing stays on display), then the key is forgotten once the
// pending save and the record being sent are stored.
async function lockNow() {
  if (!state.session || !isUnlocked(state.session.user.id)) return;
  state.hasPin = false;
  const locking = lock();
  state.session = await getSession();
  await locking;
  state.session = await getSession();
  render();
}

function noteActivity() {
  lastActivity = Date.now();
}

function checkIdle() {
  const minutes = Number(state.settings.lock_after_minutes) || 10;
  if (unlockedView() && Date.now() - lastActivity >= minutes * 60000) lockNow();
}

function header() {
  const session = state.session;
  return h(
    "header",
    { class: "topbar" },
    h(
      "div",
      { class: "brand" },
      h("img", { src: "/icons/icon-192.png", alt: "", width: 36, height: 36 }),
      h("span", { class: "brand-name" }, "Campo"),
    ),
    h("div", { class: "topbar-status" }, unlockedView() ? connectionPill() : null),
    unlockedView() ? roleNav(session, route().name) : null,
    h(
      "div",
      { class: "topbar-actions" },
      languageSwitch(),
      unlockedView() ? h("a", { class: "button ghost small", id: "find-child", href: "#/locator" }, t("Find a child")) : null,
      unlockedView() && session.user.role !== "recruiter"
        ? h("a", { href: "#/reports", class: "button ghost small", id: "reports-link" }, t("Reports"))
        : null,
      unlockedView()
        ? h("button", { type: "button", class: "button ghost small", id: "lock-now", onclick: lockNow }, icon("lock"), h("span", {}, t("Lock")))
        : null,
      unlockedView()
        ? h("button", { type: "button", class: "button ghost small", onclick: signOut }, t("Sign out"))
        : null,
    ),
  );
}

function banners() {
  const list = [];
  if (state.updateReady) {
    list.push(
      h(
        "div",
        { class: "banner banner-info", role: "status" },
        h("span", {}, t("A new version of Campo is ready. Your work is saved: switch when it suits you.")),
        h("button", { type: "button", class: "button small", onclick: applyUpdate }, t("Use the new version")),
      ),
    );
  }
  if (unlockedView() && state.session.needs_login) {
    list.push(
      h(
        "div",
        { class: "banner banner-warning", role: "alert" },
        h("span", {}, t("Your sign-in has expired. Sign in again to send your certificates. Nothing is lost.")),
        h("button", { type: "button", class: "button small", onclick: () => navigate("#/login") }, t("Sign in")),
      ),
    );
  }
  if (unlockedView() && state.storagePersisted === false && route().name === "home") {
    list.push(
      h(
        "div",
        { class: "banner banner-muted", role: "note", id: "storage-banner" },
        h("span", {}, t("This browser has not promised to keep Campo's data. Send certificates when you can, and install Campo on the home screen.")),
      ),
    );
  }
  return list.length ? h("div", { class: "banners" }, list) : null;
}

// Keep the focused field and the scroll position across a re-render (a language switch).
function snapshot() {
  const active = document.activeElement;
  return {
    id: active && active.id,
    start: active && "selectionStart" in active ? active.selectionStart : null,
    end: active && "selectionEnd" in active ? active.selectionEnd : null,
    scroll: window.scrollY,
  };
}

function restore(saved) {
  if (saved.id) {
    const element = document.getElementById(saved.id);
    if (element) {
      element.focus({ preventScroll: true });
      try {
        if (saved.start !== null) element.setSelectionRange(saved.start, saved.end);
      } catch {
        // not a text field
      }
    }
  }
  window.scrollTo(0, saved.scroll);
}

export async function render({ keepPlace = false } = {}) {
  const saved = keepPlace ? snapshot() : null;
  // Once a PIN is known it stays for the session (a wrong-PIN lockout happens while locked).
  if (state.session && !state.hasPin) state.hasPin = await hasPin(state.session.user.id);
  const where = route();
  if (current && current.cleanup) current.cleanup();
  current = { name: where.name };
  const root = document.getElementById("app");
  const main = h("main", { id: "main", class: `screen screen-${where.name}`, tabindex: "-1" });
  const screen = SCREENS[where.name];
  const context = {
    session: state.session,
    navigate,
    rerender: render,
    signedIn: onSignedIn,
    unlocked: onUnlocked,
    signOut,
    lockAfterMinutes: Number(state.settings.lock_after_minutes) || 10,
    setCleanup: (cleanup) => {
      current.cleanup = cleanup;
    },
  };
  await screen.render(main, context, where);
  clear(root);
  root.append(header(), banners() || "", main);
  document.title = main.dataset.title ? `${main.dataset.title} · Campo` : "Campo";
  if (saved) restore(saved);
  else if (current.name !== where.name || !keepPlace) window.scrollTo(0, 0);
  if (typeof screen.mounted === "function") screen.mounted(main, context);
}

async function onSignedIn(session) {
  state.session = await getSession();
  state.hasPin = false;
  noteActivity();
  if (await hasPin(session.user.id)) await startSync();
  navigate("#/");
}

// The vault is open (a PIN, or a PIN just chosen): back to where the recruiter was.
async function onUnlocked() {
  state.session = await getSession();
  noteActivity();
  await startSync();
  if (window.location.hash.startsWith("#/login")) navigate("#/");
  else render();
}

async function checkStorage() {
  if (!navigator.storage || !navigator.storage.persisted) return;
  let persisted = await navigator.storage.persisted();
  if (!persisted && navigator.storage.persist) persisted = await navigator.storage.persist();
  state.storagePersisted = persisted;
}

async function start() {
  const language = (await getMeta("ui_language")) || browserLanguage();
  await setLanguage(language);
  state.settings = await loadSettings();
  refreshHandoverKey();
  state.session = (await getSession()) || null;
  // A session kept by a version without encryption: its tokens are dropped, and an online
  // sign-in makes the vault that seals what that version stored.
  if (state.session && !state.session.user) state.session = null;
  if (state.session && state.session.locked === undefined) {
    await forgetSession();
    state.session = null;
  }
  for (const name of ["pointerdown", "keydown", "input", "wheel", "touchstart"]) {
    window.addEventListener(name, noteActivity, { capture: true, passive: true });
  }
  setInterval(checkIdle, 5000);
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") checkIdle();
  });
  onLanguageChange(() => render({ keepPlace: true }));
  window.addEventListener("hashchange", () => render());
  onUpdateReady(() => {
    state.updateReady = true;
    render({ keepPlace: true });
  });
  onSyncChange(async () => {
    const pill = document.getElementById("connection");
    if (pill) pill.replaceWith(connectionPill());
    const session = await getSession();
    if (unlockedView() && session && session.needs_login !== state.session.needs_login) {
      state.session = session;
      render({ keepPlace: true });
    }
  });
  await render();
  registerServiceWorker();
  // Both languages in memory once the first screen is up: a switch mid-interview is instant.
  setTimeout(preloadLanguages, 1000);
  checkStorage().then(() => {
    if (state.storagePersisted === false && state.session) render({ keepPlace: true });
  });
}

export { saveSession };
start();
