// One connection to the tablet's IndexedDB (through idb) and small helpers per store.
import { openDB } from "../../vendor/idb.js";
import { DB_NAME, DB_VERSION, STORES, upgrade } from "./schema.js";

let connection = null;

export function db() {
  if (!connection) {
    connection = openDB(DB_NAME, DB_VERSION, {
      upgrade(database, oldVersion) {
        upgrade(database, oldVersion);
      },
      blocked() {
        // Another tab holds the old version open: it is asked to close below.
      },
      blocking() {
        // A newer version of the app wants to upgrade the schema: let it.
        connection.then((database) => database.close());
        connection = null;
      },
    });
  }
  return connection;
}

export async function getMeta(key) {
  const row = await (await db()).get(STORES.meta, key);
  return row ? row.value : undefined;
}

export async function putMeta(key, value) {
  await (await db()).put(STORES.meta, { key, value });
}

export async function deleteMeta(key) {
  await (await db()).delete(STORES.meta, key);
}

export async function getReference(key) {
  const row = await (await db()).get(STORES.reference_data, key);
  return row ? row.value : undefined;
}

export async function putReference(key, value) {
  await (await db()).put(STORES.reference_data, { key, value, stored_at: Date.now() });
}

export async function getDraft(id) {
  return (await db()).get(STORES.drafts, id);
}

export async function putDraft(draft) {
  await (await db()).put(STORES.drafts, draft);
}

export async function deleteDraft(id) {
  await (await db()).delete(STORES.drafts, id);
}

export async function draftsOf(owner) {
  const rows = await (await db()).getAllFromIndex(STORES.drafts, "owner", owner);
  return rows.sort((a, b) => b.updated_at - a.updated_at);
}

export async function getOutbox(id) {
  return (await db()).get(STORES.outbox, id);
}

export async function putOutbox(entry) {
  await (await db()).put(STORES.outbox, entry);
}

export async function outboxOf(owner) {
  const rows = await (await db()).getAllFromIndex(STORES.outbox, "owner", owner);
  return rows.sort((a, b) => a.queued_at - b.queued_at);
}

export async function allOutbox() {
  return (await db()).getAll(STORES.outbox);
}

// Move a draft into the outbox in one transaction: it is never in both, nor in neither.
export async function queueDraft(draft, entry) {
  const tx = (await db()).transaction([STORES.drafts, STORES.outbox], "readwrite");
  await Promise.all([
    tx.objectStore(STORES.outbox).put(entry),
    tx.objectStore(STORES.drafts).delete(draft.id),
    tx.done,
  ]);
}

// Take a record back from the outbox to correct it, in one transaction.
export async function unqueue(entry, draft) {
  const tx = (await db()).transaction([STORES.drafts, STORES.outbox], "readwrite");
  await Promise.all([
    tx.objectStore(STORES.drafts).put(draft),
    tx.objectStore(STORES.outbox).delete(entry.id),
    tx.done,
  ]);
}

export async function deleteOutbox(id) {
  await (await db()).delete(STORES.outbox, id);
}
