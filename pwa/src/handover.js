// The escape hatch: export the unsent COEs to a sealed file that only the server can open.
//
// For a tablet that cannot sync (no signal for weeks, broken, about to be wiped). Each record is
// the very requests the outbox would send (see sync.js); the file is encrypted with a fresh
// AES-256-GCM key, wrapped with the server's RSA-OAEP public key (GET /api/v1/handover/key, kept
// for offline use). Regional staff import it (POST /api/v1/handover/imports, or the "Import a
// tablet's file" screen). The records stay in the outbox: exporting never removes anything.
// The layout matches backend/campo/handover/sealing.py.
import { publicGet } from "./api.js";
import { getReference, outboxOf, putReference } from "./db/index.js";
import { putBody, submitBody } from "./sync.js";
import { fromBase64 } from "./vault.js";

const FORMAT = "campo-outbox-export";
const VERSION = 1;

export class NoHandoverKey extends Error {}

// Fetch the server's public key while online; keep it for the day there is no connection.
export async function refreshHandoverKey() {
  try {
    const { body } = await publicGet("/api/v1/handover/key");
    await putReference("handover_key", body);
  } catch {
    // the kept copy serves
  }
}

function toBase64(buffer) {
  const bytes = new Uint8Array(buffer);
  let binary = "";
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}

export async function sealedOutbox(session) {
  const key = await getReference("handover_key");
  if (!key) throw new NoHandoverKey();
  const entries = await outboxOf(session.user.id);
  const payload = {
    exported_at: new Date().toISOString(),
    owner: { id: session.user.id, username: session.user.username },
    records: entries.map((entry) => ({ id: entry.id, put: putBody(entry), submit: submitBody(entry) })),
  };
  const publicKey = await crypto.subtle.importKey(
    "spki",
    fromBase64(key.public_key),
    { name: "RSA-OAEP", hash: "SHA-256" },
    false,
    ["encrypt"],
  );
  const contentKey = crypto.getRandomValues(new Uint8Array(32));
  const aes = await crypto.subtle.importKey("raw", contentKey, "AES-GCM", false, ["encrypt"]);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ciphertext = await crypto.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(`${FORMAT}:${VERSION}:${key.key_id}`) },
    aes,
    new TextEncoder().encode(JSON.stringify(payload)),
  );
  const wrapped = await crypto.subtle.encrypt({ name: "RSA-OAEP" }, publicKey, contentKey);
  contentKey.fill(0);
  const file = {
    format: FORMAT,
    version: VERSION,
    key_id: key.key_id,
    wrapped_key: toBase64(wrapped),
    iv: toBase64(iv),
    ciphertext: toBase64(ciphertext),
  };
  return { file, count: entries.length };
}

// Save the sealed file through the browser's download.
export async function downloadSealedOutbox(session) {
  const { file, count } = await sealedOutbox(session);
  const blob = new Blob([JSON.stringify(file)], { type: "application/json" });
  const url = URL.createObjectURL(blob);
  const day = new Date().toISOString().slice(0, 10);
  const link = Object.assign(document.createElement("a"), {
    href: url,
    download: `campo-unsent-${session.user.username}-${day}.json`,
  });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return count;
}
