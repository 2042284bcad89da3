// Encryption at rest: what a lost tablet holds about families is unreadable without the recruiter.
//
// Each recruiter who signs in on a tablet gets a vault: a random AES-GCM data key that seals
// their drafts, their outbox, their lists of sent COEs and their tokens. The data key is stored
// only wrapped, twice:
//   - by a key derived from the recruiter's PIN (PBKDF2-SHA-256), so the app unlocks offline;
//   - by the recruiter's device key, which the server derives from its secret and hands out only
//     to a signed-in user (GET /api/v1/auth/device-key) and which the tablet never stores, so an
//     online sign-in always opens the vault again, even after a forgotten PIN.
// The unwrapped key lives only in this module's memory: locking (idle time, the lock button,
// signing out, closing the page) forgets it. After MAX_FAILED_UNLOCKS wrong PINs the PIN's
// wrapping is erased: only an online sign-in opens the vault then, and a new PIN is chosen.
// Vaults are per user: on a shared tablet nobody can open, or delete, another recruiter's records.
import { deleteMeta, getMeta, putMeta } from "./db/meta.js";

export const MAX_FAILED_UNLOCKS = 5;
export const PIN_MIN_LENGTH = 6;
// OWASP's 2023 advice for PBKDF2-HMAC-SHA256; about half a second on a mid-range tablet.
const PBKDF2_ITERATIONS = 600000;
const SEALED_VERSION = 1;

const vaultKey = (owner) => `vault:${owner}`;
let opened = null; // {owner, key}: the one unlocked vault, in memory only
const lockListeners = new Set();

export class WrongPin extends Error {
  constructor(remaining) {
    super("wrong PIN");
    this.remaining = remaining;
  }
}

export class VaultLockedOut extends Error {}

export class VaultLocked extends Error {}

function bytes(text) {
  return new TextEncoder().encode(text);
}

function randomBytes(length) {
  return crypto.getRandomValues(new Uint8Array(length));
}

export function fromBase64(text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (character) => character.charCodeAt(0));
}

async function pinKey(pin, salt, iterations) {
  const material = await crypto.subtle.importKey("raw", bytes(pin), "PBKDF2", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt, iterations },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["wrapKey", "unwrapKey"],
  );
}

async function deviceKey(raw) {
  return crypto.subtle.importKey("raw", raw, { name: "AES-GCM" }, false, ["wrapKey", "unwrapKey"]);
}

async function wrap(key, wrappingKey, owner, purpose) {
  const iv = randomBytes(12);
  const data = await crypto.subtle.wrapKey("raw", key, wrappingKey, {
    name: "AES-GCM",
    iv,
    additionalData: bytes(`campo:${owner}:${purpose}`),
  });
  return { iv, data };
}

// The data key stays extractable in memory so that a new PIN can wrap it again.
async function unwrap(wrapped, wrappingKey, owner, purpose) {
  return crypto.subtle.unwrapKey(
    "raw",
    wrapped.data,
    wrappingKey,
    { name: "AES-GCM", iv: wrapped.iv, additionalData: bytes(`campo:${owner}:${purpose}`) },
    { name: "AES-GCM" },
    true,
    ["encrypt", "decrypt"],
  );
}

export async function vaultOf(owner) {
  return getMeta(vaultKey(owner));
}

export function isUnlocked(owner) {
  return Boolean(opened && opened.owner === owner);
}

export function unlockedOwner() {
  return opened ? opened.owner : null;
}

// Whether this user can unlock offline (they chose a PIN and have not been locked out).
export async function hasPin(owner) {
  const vault = await vaultOf(owner);
  return Boolean(vault && vault.pin_wrap);
}

// After an online sign-in: open the user's vault with their device key, or make one.
export async function openWithDeviceKey(owner, rawDeviceKey) {
  const wrappingKey = await deviceKey(rawDeviceKey);
  const vault = await vaultOf(owner);
  if (vault) {
    const key = await unwrap(vault.device_wrap, wrappingKey, owner, "device");
    await putMeta(vaultKey(owner), { ...vault, failed_unlocks: 0 });
    opened = { owner, key };
    return;
  }
  const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, true, [
    "encrypt",
    "decrypt",
  ]);
  await putMeta(vaultKey(owner), {
    owner,
    created_at: Date.now(),
    device_wrap: await wrap(key, wrappingKey, owner, "device"),
    pin_wrap: null,
    failed_unlocks: 0,
  });
  opened = { owner, key };
}

// Choose (or change) the PIN of the open vault.
export async function setPin(owner, pin) {
  if (!isUnlocked(owner)) throw new VaultLocked();
  const vault = await vaultOf(owner);
  const salt = randomBytes(16);
  const wrappingKey = await pinKey(pin, salt, PBKDF2_ITERATIONS);
  await putMeta(vaultKey(owner), {
    ...vault,
    pin_salt: salt,
    pin_iterations: PBKDF2_ITERATIONS,
    pin_wrap: await wrap(opened.key, wrappingKey, owner, "pin"),
    failed_unlocks: 0,
  });
}

// Offline unlock. Wrong PINs are counted on the tablet; at the limit the PIN stops working.
export async function unlockWithPin(owner, pin) {
  const vault = await vaultOf(owner);
  if (!vault || !vault.pin_wrap) throw new VaultLockedOut();
  try {
    const wrappingKey = await pinKey(pin, vault.pin_salt, vault.pin_iterations);
    const key = await unwrap(vault.pin_wrap, wrappingKey, owner, "pin");
    await putMeta(vaultKey(owner), { ...vault, failed_unlocks: 0 });
    opened = { owner, key };
  } catch (error) {
    if (!(error instanceof DOMException)) throw error;
    const failed = (vault.failed_unlocks || 0) + 1;
    const lockedOut = failed >= MAX_FAILED_UNLOCKS;
    await putMeta(vaultKey(owner), {
      ...vault,
      failed_unlocks: failed,
      pin_wrap: lockedOut ? null : vault.pin_wrap,
    });
    if (lockedOut) throw new VaultLockedOut();
    throw new WrongPin(MAX_FAILED_UNLOCKS - failed);
  }
}

// Forget the key. Listeners (the wizard's pending save) run first, while it is still known.
export async function lock() {
  for (const listener of lockListeners) {
    try {
      await listener();
    } catch {
      // a listener's failure must never keep the vault open
    }
  }
  opened = null;
}

export function beforeLock(listener) {
  lockListeners.add(listener);
  return () => lockListeners.delete(listener);
}

// Remove a user's vault (and so, in effect, their records) — only for an account removed on purpose.
export async function destroyVault(owner) {
  if (isUnlocked(owner)) opened = null;
  await deleteMeta(vaultKey(owner));
}

// Seal a value for `context` (the store and key it is kept under, so a sealed value cannot be
// moved to another record unnoticed).
export async function seal(owner, context, value) {
  if (!isUnlocked(owner)) throw new VaultLocked();
  const iv = randomBytes(12);
  const data = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: bytes(context) },
    opened.key,
    bytes(JSON.stringify(value)),
  );
  return { v: SEALED_VERSION, iv, data };
}

export async function unseal(owner, context, sealed) {
  if (!isUnlocked(owner)) throw new VaultLocked();
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: sealed.iv, additionalData: bytes(context) },
    opened.key,
    sealed.data,
  );
  return JSON.parse(new TextDecoder().decode(plain));
}
