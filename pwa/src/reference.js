// Reference data the app needs offline (no family data): the form definitions, the signature
// statements and the state's settings, kept in IndexedDB. Signing in downloads them (network
// first); during an interview the kept copy is used at once and refreshed in the background, so a
// weak signal in a field never holds a step for the 20 s a request may take to time out.
import { publicGet } from "./api.js";
import { getReference, putReference } from "./db/index.js";
import { buildForm } from "./forms/answers.js";

const built = new Map();
const refreshing = new Map(); // key -> the background download under way, once per app run

async function download(path, key) {
  const { body } = await publicGet(path);
  await putReference(key, body);
  return body;
}

async function fetchOrKept(path, key) {
  try {
    return await download(path, key);
  } catch {
    return getReference(key);
  }
}

function refreshOnce(path, key) {
  if (!refreshing.has(key)) {
    refreshing.set(
      key,
      download(path, key).catch(() => {
        refreshing.delete(key); // try again on the next use
        return null;
      }),
    );
  }
  return refreshing.get(key);
}

async function keptOrFetched(path, key) {
  const kept = await getReference(key);
  const refresh = refreshOnce(path, key);
  return kept || (await refresh);
}

function remember(body) {
  if (!body) return null;
  if (!built.has(body.version)) built.set(body.version, buildForm(body.definition));
  return built.get(body.version);
}

// The definition new COEs are captured with (a newer one published today is used from the next
// COE on, once the background download has landed).
export async function currentForm() {
  const body = await keptOrFetched("/api/v1/forms/coe", "form:coe:current");
  if (body) await putReference(`form:coe:${body.version}`, body);
  return remember(body);
}

// A published version a COE was captured with (a returned COE keeps its version).
export async function formVersion(version) {
  if (built.has(version)) return built.get(version);
  const kept = await getReference(`form:coe:${version}`);
  if (kept) return remember(kept);
  return remember(await fetchOrKept(`/api/v1/forms/coe/${version}`, `form:coe:${version}`));
}

// Online at sign-in: download the current form and the statements now, network first.
export async function downloadReferences() {
  const [form] = await Promise.all([
    fetchOrKept("/api/v1/forms/coe", "form:coe:current"),
    fetchOrKept("/api/v1/statements", "statements"),
  ]);
  if (form) await putReference(`form:coe:${form.version}`, form);
  return remember(form);
}

export async function statements() {
  return (await keptOrFetched("/api/v1/statements", "statements")) || {};
}

let settings = { state: "CA", time_zone: "America/Los_Angeles" };

// The kept copy first (a start on a weak signal must not wait on the network); a change made
// on the server applies from the next start.
export async function loadSettings() {
  settings = (await keptOrFetched("/api/v1/settings", "settings")) || settings;
  return settings;
}

// Building a formatter costs milliseconds on a tablet; the rules ask for today on every keystroke.
let todayFormat = null;
let todayZone = null;

// The state's date today (the eligibility rules' "today"), as the server takes it.
export function stateToday() {
  try {
    if (!todayFormat || todayZone !== settings.time_zone) {
      todayZone = settings.time_zone;
      todayFormat = new Intl.DateTimeFormat("en-CA", {
        timeZone: settings.time_zone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
      });
    }
    return todayFormat.format(new Date());
  } catch {
    return new Date().toISOString().slice(0, 10);
  }
}
