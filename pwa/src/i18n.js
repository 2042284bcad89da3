// The app's words: written in English in the code as t("English text") and translated through the
// server's Babel catalogue (translations/es/LC_MESSAGES/messages.po, extracted with `-k t`),
// served by GET /api/v1/i18n/<lang> and kept in IndexedDB for offline starts.
import { getReference, putReference } from "./db/index.js";

export const LANGUAGES = ["en", "es"];
let language = "en";
let messages = {};
const listeners = new Set();

// The text of a message in the current language, with %(name)s placeholders filled in.
export function t(text, params) {
  const translated = (language !== "en" && messages[text]) || text;
  if (!params) return translated;
  return translated.replace(/%\((\w+)\)s/g, (whole, name) =>
    name in params ? String(params[name]) : whole,
  );
}

// A definition's {en, es} text in the current language.
export function pick(text) {
  if (text === null || text === undefined) return "";
  if (typeof text === "string") return text;
  return text[language] || text.en || "";
}

export function currentLanguage() {
  return language;
}

export function browserLanguage() {
  const wanted = (navigator.languages || [navigator.language || "en"]).map((l) => l.slice(0, 2));
  return wanted.find((l) => LANGUAGES.includes(l)) || "en";
}

// Each catalogue is read once a run, so switching languages mid-interview costs no request: the
// copy kept from the last start at once, refreshed from the server in the background (a new
// version's words show as soon as they arrive); with no copy yet, from the server.
const catalogs = new Map();

async function downloadCatalog(lang) {
  try {
    const response = await fetch(`/api/v1/i18n/${lang}`);
    if (!response.ok) return null;
    const body = await response.json();
    await putReference(`i18n:${lang}`, body.messages);
    return body.messages;
  } catch {
    return null; // offline: the kept copy stays
  }
}

function same(a, b) {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => a[key] === b[key]);
}

async function refreshCatalog(lang) {
  const fresh = await downloadCatalog(lang);
  if (!fresh || same(fresh, catalogs.get(lang) || {})) return;
  catalogs.set(lang, fresh);
  if (language === lang) {
    messages = fresh;
    for (const listener of listeners) listener(lang);
  }
}

async function loadCatalog(lang) {
  if (lang === "en") return {};
  if (!catalogs.has(lang)) {
    const kept = await getReference(`i18n:${lang}`);
    if (kept) {
      catalogs.set(lang, kept);
      refreshCatalog(lang);
    } else {
      catalogs.set(lang, (await downloadCatalog(lang)) || {});
    }
  }
  return catalogs.get(lang);
}

// Loads the languages not shown yet, so that the first switch is as quick as the others.
export async function preloadLanguages() {
  for (const lang of LANGUAGES) await loadCatalog(lang);
}

export async function setLanguage(lang) {
  const wanted = LANGUAGES.includes(lang) ? lang : "en";
  messages = await loadCatalog(wanted);
  language = wanted;
  document.documentElement.lang = wanted;
  for (const listener of listeners) listener(wanted);
}

export function onLanguageChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Dates as people read them, in the current language ("22 Nov 2026" / "22 nov 2026").
export function formatDate(iso) {
  if (!iso) return "";
  const [year, month, day] = iso.slice(0, 10).split("-").map(Number);
  if (!year || !month || !day) return iso;
  const date = new Date(Date.UTC(year, month - 1, day));
  return new Intl.DateTimeFormat(language === "es" ? "es-MX" : "en-US", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  }).format(date);
}

export function formatDateTime(timestamp) {
  if (!timestamp) return "";
  return new Intl.DateTimeFormat(language === "es" ? "es-MX" : "en-US", {
    day: "numeric",
    month: "short",
    hour: "numeric",
    minute: "2-digit",
  }).format(new Date(timestamp));
}
