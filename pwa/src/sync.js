// The outbox: sends queued COEs with the idempotent API and never loses or doubles one.
//
// For each record: PUT /api/v1/coes/<uuid> (the same body twice is one COE), then
// POST /api/v1/coes/<uuid>/submit with the signatures (a repeated submission answers 200), then
// the recruiter's duplicate decisions. A record leaves the outbox only after the server has
// acknowledged the submission. Network failures, timeouts and 5xx are retried with backoff; a
// 401 that a refresh cannot cure parks the outbox until the recruiter signs in again; 422 and
// 409 park the record with the server's problems for the recruiter to see.
// Only one tab sends at a time (Web Locks); connectivity is judged by GET /api/health.
import { ApiError, LoginNeeded, NetworkError, call, getSession, serverReachable } from "./api.js";
import { answersToSend } from "./coe.js";
import {
  deleteOutbox,
  getMeta,
  getOutbox,
  getPrivate,
  outboxOf,
  outboxStates,
  putMeta,
  putOutbox,
  putPrivate,
} from "./db/index.js";
import { beforeLock, isUnlocked } from "./vault.js";

export const STATES = {
  queued: "queued", // waiting for its first try
  sending: "sending", // a try is under way (or was cut: retried at the next start)
  retry: "retry", // the server or the network failed: retried with backoff
  login: "login", // the server wants a new sign-in before anything more is sent
  rejected: "rejected", // the server refused it (422): the recruiter must correct it
  conflict: "conflict", // the server holds another version (409)
};

const IN_RUN_DELAYS = [400, 1200]; // quick retries within one run, then backoff across runs
const BACKOFF_SECONDS = [5, 15, 45, 120, 300, 600];
const TIMER_MS = 60000;

const listeners = new Set();
let status = { online: null, running: false, checked_at: null };
let timer = null;
let wakeUp = null;

export function onSyncChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit() {
  for (const listener of listeners) listener(status);
}

export function syncStatus() {
  return status;
}

function backoff(attempts) {
  const base = BACKOFF_SECONDS[Math.min(attempts - 1, BACKOFF_SECONDS.length - 1)];
  return Math.round(base * 1000 * (0.8 + Math.random() * 0.4));
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function retryable(error) {
  return (
    error instanceof NetworkError ||
    (error instanceof ApiError && (error.status >= 500 || error.status === 408 || error.status === 429))
  );
}

async function attempt(operation) {
  for (let index = 0; ; index += 1) {
    try {
      return await operation();
    } catch (error) {
      if (!retryable(error) || index >= IN_RUN_DELAYS.length) throw error;
      await sleep(IN_RUN_DELAYS[index]);
    }
  }
}

export function putBody(entry) {
  const body = {
    language: entry.language,
    form_version: entry.form_version,
    answers: answersToSend(entry.answers),
  };
  const base = entry.server_version ?? entry.base_version;
  if (base !== null && base !== undefined) body.base_version = base;
  return body;
}

export function submitBody(entry) {
  return {
    base_version: entry.server_version,
    signatures: ["interviewee", "recruiter"]
      .filter((role) => entry.signatures && entry.signatures[role])
      .map((role) => {
        const signature = entry.signatures[role];
        return {
          role,
          signer_name: role === "interviewee" ? signature.signer_name || null : null,
          strokes: signature.strokes,
          signed_at: signature.signed_at,
        };
      }),
  };
}

async function update(entry, changes) {
  Object.assign(entry, changes, { updated_at: Date.now() });
  await putOutbox(entry);
  emit();
}

// Remember a COE the server acknowledged, for the home screen's "sent" list.
async function rememberSent(owner, coe, entry) {
  const list = (await getPrivate(owner, "sent")) || [];
  const summary = {
    id: coe.id,
    status: coe.status,
    version: coe.version,
    family_name: entry.family_name,
    child_count: (coe.children || []).length,
    submitted_at: coe.submitted_at,
    updated_at: coe.updated_at,
    duplicate_pending: !coe.duplicate_check,
  };
  await putPrivate(owner, "sent", [summary, ...list.filter((item) => item.id !== coe.id)].slice(0, 100));
}

async function sendDecisions(entry) {
  const notes = [];
  for (const [position, match] of Object.entries(entry.matches || {})) {
    const path = `/api/v1/coes/${entry.id}/children/${position}`;
    try {
      if (match.decision === "link") await call("POST", `${path}/link`, { child_id: match.child_id });
      else if (match.decision === "new") await call("POST", `${path}/confirm-new`, {});
    } catch (error) {
      // The COE is in; the reviewer resolves the child if the decision could not be recorded.
      notes.push({ position, code: error.code || "network" });
    }
  }
  return notes;
}

async function sendOne(entry) {
  await update(entry, { state: STATES.sending, attempts: (entry.attempts || 0) + 1 });
  try {
    if (entry.stage !== "submit") {
      const { body } = await attempt(() => call("PUT", `/api/v1/coes/${entry.id}`, putBody(entry)));
      await update(entry, { server_version: body.version, stage: "submit" });
    }
    const { body: coe } = await attempt(() =>
      call("POST", `/api/v1/coes/${entry.id}/submit`, submitBody(entry)),
    );
    await sendDecisions(entry);
    await rememberSent(entry.owner, coe, entry);
    await deleteOutbox(entry.id);
    emit();
    return "sent";
  } catch (error) {
    if (error instanceof LoginNeeded) {
      await update(entry, { state: STATES.login, last_error: { code: "auth.login_needed" } });
      return "login";
    }
    if (retryable(error)) {
      await update(entry, {
        state: STATES.retry,
        next_attempt_at: Date.now() + backoff(entry.attempts),
        last_error: { code: error.code || "network", message: error.message },
      });
      return "retry";
    }
    if (error instanceof ApiError && error.status === 409) {
      await update(entry, {
        state: STATES.conflict,
        last_error: { code: error.code, message: error.message },
      });
      return "conflict";
    }
    const apiError = error instanceof ApiError;
    await update(entry, {
      state: STATES.rejected,
      last_error: {
        code: apiError ? error.code : "client.error",
        message: error.message,
        status: apiError ? error.status : null,
      },
      problems: apiError ? error.problems : [],
      fields: apiError ? error.fields : {},
    });
    return "rejected";
  }
}

// The recruiter's sent and returned COEs, from the server when it answers.
async function refreshSentList(owner) {
  try {
    const { body } = await call("GET", "/api/v1/coes?mine=true&page_size=50");
    await putPrivate(owner, "server", { fetched_at: Date.now(), items: body });
  } catch {
    // kept from the last time
  }
}

export async function sentList(owner) {
  const server = (await getPrivate(owner, "server")) || { items: [] };
  const local = (await getPrivate(owner, "sent")) || [];
  const byId = new Map();
  for (const item of local) byId.set(item.id, item);
  for (const item of server.items) byId.set(item.id, { ...byId.get(item.id), ...item });
  return [...byId.values()].sort((a, b) =>
    String(b.updated_at || "").localeCompare(String(a.updated_at || "")),
  );
}

let running = null; // the run under way, which locking waits for
let closing = false; // the vault is about to lock: finish the record in hand, start no other

async function run({ manual }) {
  status = { ...status, running: true };
  emit();
  try {
    const online = await serverReachable();
    status = { ...status, online, checked_at: Date.now() };
    emit();
    if (!online) return "offline";
    const session = await getSession();
    if (!session || session.needs_login || session.locked) return "login";
    const owner = session.user.id;
    let outcome = "idle";
    for (const entry of await outboxOf(owner)) {
      if (closing || !isUnlocked(owner)) return "locked";
      const fresh = await getOutbox(entry.id);
      if (!fresh || [STATES.rejected, STATES.conflict].includes(fresh.state)) continue;
      if (!manual && fresh.state === STATES.retry && fresh.next_attempt_at > Date.now()) continue;
      outcome = await sendOne(fresh);
      if (outcome === "login") break;
    }
    if (outcome !== "login" && !closing) {
      await refreshSentList(owner);
      await putMeta(`last_sync:${owner}`, Date.now());
    }
    return outcome;
  } finally {
    status = { ...status, running: false };
    emit();
    await scheduleRetry();
  }
}

function tracked(promise) {
  running = promise;
  return promise.finally(() => {
    if (running === promise) running = null;
  });
}

// Send what is waiting. Resolves to "busy" when another tab is sending, "locked" while the
// vault is locked (nothing can be read or sent then).
export async function syncNow({ manual = false } = {}) {
  const session = await getSession();
  if (closing || !session || session.locked) return "locked";
  if (navigator.locks && navigator.locks.request) {
    return navigator.locks.request("campo-outbox", { ifAvailable: true }, async (lock) =>
      lock ? tracked(run({ manual })) : "busy",
    );
  }
  if (status.running) return "busy";
  return tracked(run({ manual }));
}

// Locking waits for the record being sent, so that its state is stored before the key is gone.
beforeLock(async () => {
  closing = true;
  clearTimeout(wakeUp);
  try {
    if (running) await running;
  } finally {
    closing = false;
  }
});

async function scheduleRetry() {
  clearTimeout(wakeUp);
  const session = await getSession();
  if (!session || session.locked) return;
  const waiting = (await outboxStates(session.user.id)).filter((e) => e.state === STATES.retry);
  if (!waiting.length) return;
  const next = Math.min(...waiting.map((e) => e.next_attempt_at || 0));
  wakeUp = setTimeout(() => syncNow(), Math.max(1000, next - Date.now()));
}

export async function lastSync(owner) {
  return getMeta(`last_sync:${owner}`);
}

// Records cut mid-send (tab closed, device restarted) are tried again.
async function recoverInterrupted() {
  const session = await getSession();
  if (!session || session.locked) return;
  for (const entry of await outboxOf(session.user.id)) {
    if (entry.state === STATES.sending) await putOutbox({ ...entry, state: STATES.retry, next_attempt_at: 0 });
  }
}

// Sync on start, when the network comes back, when the app returns to the foreground, and on
// a timer. Background Sync is not relied on (iOS Safari has none).
// Called at every unlock: the listeners are added once.
let started = false;

export async function startSync() {
  await recoverInterrupted();
  if (started) {
    syncNow();
    return;
  }
  started = true;
  window.addEventListener("online", () => syncNow());
  window.addEventListener("offline", () => {
    status = { ...status, online: false };
    emit();
  });
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") syncNow();
  });
  clearInterval(timer);
  timer = setInterval(() => syncNow(), TIMER_MS);
  syncNow();
}
