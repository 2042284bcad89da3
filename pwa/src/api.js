// The API client: JSON in and out, the access token attached and refreshed, coded errors.
// Callers switch on error.code (the server's stable codes), never on the message.
import { currentLanguage } from "./i18n.js";
import { deleteMeta, getMeta, putMeta } from "./db/meta.js";
import { isUnlocked, seal, unseal } from "./vault.js";

const TIMEOUT_MS = 20000;

export class ApiError extends Error {
  constructor(status, body) {
    const error = (body && body.error) || {};
    super(error.message || `HTTP ${status}`);
    this.status = status;
    this.code = error.code || `http.${status}`;
    this.fields = error.fields || {};
    this.problems = error.problems || [];
  }
}

// No answer at all (offline, timeout, connection cut): worth retrying later.
export class NetworkError extends Error {}

// The signed-in user. The tokens are sealed with the user's vault: while it is locked the
// session has no tokens (and `locked: true`), so nothing can be sent or fetched in their name.
const TOKENS = ["access_token", "refresh_token"];

export async function getSession() {
  const row = await getMeta("session");
  if (!row || !row.sealed) return row; // none, or kept by a version without encryption
  const { sealed, ...clear } = row;
  if (!isUnlocked(clear.user.id)) return { ...clear, locked: true };
  return { ...clear, ...(await unseal(clear.user.id, "meta:session", sealed)), locked: false };
}

export async function saveSession(session) {
  const { locked, ...clear } = session;
  const tokens = {};
  for (const name of TOKENS) {
    tokens[name] = clear[name];
    delete clear[name];
  }
  await putMeta("session", { ...clear, sealed: await seal(clear.user.id, "meta:session", tokens) });
}

export async function forgetSession() {
  await deleteMeta("session");
}

async function send(method, path, { body, token, timeout = TIMEOUT_MS } = {}) {
  const headers = { Accept: "application/json", "Accept-Language": currentLanguage() };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (token) headers.Authorization = `Bearer ${token}`;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeout);
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
      cache: "no-store",
      credentials: "omit",
    });
  } catch (error) {
    throw new NetworkError(String(error && error.message));
  } finally {
    clearTimeout(timer);
  }
  let payload = null;
  try {
    payload = await response.json();
  } catch {
    payload = null;
  }
  if (!response.ok) throw new ApiError(response.status, payload);
  return { status: response.status, body: payload, headers: response.headers };
}

// Is the server really there? (navigator.onLine only says a network cable or Wi-Fi is up.)
export async function serverReachable() {
  try {
    const { body } = await send("GET", "/api/health", { timeout: 6000 });
    return Boolean(body && body.status === "ok");
  } catch {
    return false;
  }
}

// Sign in online. The session is not stored yet: it is sealed once the vault is open (see the
// login screen), with the device key fetched here while the fresh token is in hand.
export async function login(username, password) {
  const { body } = await send("POST", "/api/v1/auth/login", { body: { username, password } });
  const { body: device } = await send("GET", "/api/v1/auth/device-key", { token: body.access_token });
  const session = {
    user: body.user,
    access_token: body.access_token,
    refresh_token: body.refresh_token,
    access_expires_at: Date.now() + (body.expires_in - 60) * 1000,
    signed_in_at: Date.now(),
    needs_login: false,
  };
  return { session, deviceKey: device.key };
}

// Tell the server this sign-in is over (its tokens stop working). Best effort: offline, the
// tokens are forgotten here anyway and expire on their own.
export async function logout(session) {
  if (!session || !session.refresh_token) return;
  try {
    await send("POST", "/api/v1/auth/logout", {
      body: { access_token: session.access_token || null },
      token: session.refresh_token,
      timeout: 5000,
    });
  } catch {
    // offline or already signed out
  }
}

export class LoginNeeded extends Error {}

async function refreshed(session) {
  try {
    const { body } = await send("POST", "/api/v1/auth/refresh", { token: session.refresh_token });
    const next = {
      ...session,
      access_token: body.access_token,
      access_expires_at: Date.now() + (body.expires_in - 60) * 1000,
      needs_login: false,
    };
    await saveSession(next);
    return next;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 422)) {
      await saveSession({ ...session, needs_login: true });
      throw new LoginNeeded(error.code);
    }
    throw error;
  }
}

// A signed request: refresh the access token first when it has expired, and once more on a 401.
export async function call(method, path, body) {
  let session = await getSession();
  if (!session || session.needs_login || session.locked) throw new LoginNeeded("no session");
  if (!session.access_token || Date.now() >= session.access_expires_at) {
    session = await refreshed(session);
  }
  try {
    return await send(method, path, { body, token: session.access_token });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
  }
  session = await refreshed(session);
  try {
    return await send(method, path, { body, token: session.access_token });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      await saveSession({ ...session, needs_login: true });
      throw new LoginNeeded(error.code);
    }
    throw error;
  }
}

export async function publicGet(path) {
  return send("GET", path);
}
