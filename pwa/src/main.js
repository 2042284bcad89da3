// Start the app: language, storage, service worker, the outbox, and the screens.
import { getSession, saveSession } from "./api.js";
import { getMeta, putMeta, outboxOf, deleteMeta } from "./db/index.js";
import { browserLanguage, currentLanguage, onLanguageChange, setLanguage, t } from "./i18n.js";
import { loadSettings } from "./reference.js";
import { applyUpdate, onUpdateReady, registerServiceWorker } from "./sw-bridge.js";
import { onSyncChange, startSync, syncNow, syncStatus } from "./sync.js";
import { ask, clear, h, icon } from "./ui.js";
import * as home from "./screens/home.js";
import * as login from "./screens/login.js";
import * as wizard from "./screens/wizard.js";

const state = { session: null, storagePersisted: null, updateReady: false, syncStarted: false };
let current = null; // the screen on display: {name, cleanup}

export function navigate(hash) {
  if (window.location.hash === hash) render();
  else window.location.hash = hash;
}

function route() {
  const hash = window.location.hash.replace(/^#/, "") || "/";
  const parts = hash.split("/").filter(Boolean);
  if (!state.session) return { name: "login" };
  if (parts[0] === "coe" && parts[1]) return { name: "wizard", id: parts[1] };
  return { name: "home" };
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
  const waiting = session ? (await outboxOf(session.user.id)).length : 0;
  if (waiting) {
    const sure = await ask(t("Certificates not sent yet: %(count)s", { count: waiting }), {
      detail: t("They stay on this tablet, and are sent after you sign in again. Nobody else can see them in Campo."),
      confirm: t("Sign out and keep them"),
    });
    if (!sure) return;
  }
  await deleteMeta("session");
  state.session = null;
  navigate("#/login");
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
    h("div", { class: "topbar-status" }, session ? connectionPill() : null),
    h(
      "div",
      { class: "topbar-actions" },
      languageSwitch(),
      session
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
  if (state.session && state.session.needs_login) {
    list.push(
      h(
        "div",
        { class: "banner banner-warning", role: "alert" },
        h("span", {}, t("Your sign-in has expired. Sign in again to send your certificates. Nothing is lost.")),
        h("button", { type: "button", class: "button small", onclick: () => navigate("#/login") }, t("Sign in")),
      ),
    );
  }
  if (state.session && state.storagePersisted === false && route().name === "home") {
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
  const where = route();
  if (current && current.cleanup) current.cleanup();
  current = { name: where.name };
  const root = document.getElementById("app");
  const main = h("main", { id: "main", class: `screen screen-${where.name}`, tabindex: "-1" });
  const screen = { login, home, wizard }[where.name];
  const context = {
    session: state.session,
    navigate,
    rerender: render,
    signedIn: onSignedIn,
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
  state.session = session;
  if (!state.syncStarted) {
    state.syncStarted = true;
    await startSync();
  } else {
    syncNow();
  }
  navigate("#/");
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
  await loadSettings();
  state.session = (await getSession()) || null;
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
    if (state.session && session && session.needs_login !== state.session.needs_login) {
      state.session = session;
      render({ keepPlace: true });
    }
  });
  await render();
  registerServiceWorker();
  checkStorage().then(() => {
    if (state.storagePersisted === false && state.session) render({ keepPlace: true });
  });
  if (state.session) {
    state.syncStarted = true;
    await startSync();
  }
}

export { saveSession };
start();
