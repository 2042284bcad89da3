// Reference data the app needs offline (no family data): the form definitions, the signature
// statements and the state's settings. Network first, then the copy kept in IndexedDB.
import { publicGet } from "./api.js";
import { getReference, putReference } from "./db/index.js";
import { buildForm } from "./forms/answers.js";

const built = new Map();

async function fetchOrKept(path, key) {
  try {
    const { body } = await publicGet(path);
    await putReference(key, body);
    return body;
  } catch {
    return getReference(key);
  }
}

function remember(body) {
  if (!body) return null;
  if (!built.has(body.version)) built.set(body.version, buildForm(body.definition));
  return built.get(body.version);
}

// The definition new COEs are captured with.
export async function currentForm() {
  const body = await fetchOrKept("/api/v1/forms/coe", "form:coe:current");
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

export async function statements() {
  return (await fetchOrKept("/api/v1/statements", "statements")) || {};
}

let settings = { state: "CA", time_zone: "America/Los_Angeles" };

export async function loadSettings() {
  settings = (await fetchOrKept("/api/v1/settings", "settings")) || settings;
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
