// The tablet's stores, with family data sealed at rest.
//
// Drafts, outbox entries and a recruiter's private lists are stored as {clear fields, sealed}: the
// clear fields are only what the app needs to find and schedule records while the vault is locked
// (ids, owner, times, sync state); everything else — answers, signatures, names, the server's
// messages — is encrypted with the owner's vault key (vault.js). Reading sealed data needs the
// owner's vault open; records written before encryption existed are sealed on the next unlock.
import { db } from "./connection.js";
import { STORES } from "./schema.js";
import { seal, unseal } from "../vault.js";

export { deleteMeta, getMeta, putMeta } from "./meta.js";

const CLEAR_FIELDS = {
  [STORES.drafts]: ["id", "owner", "created_at", "updated_at"],
  [STORES.outbox]: ["id", "owner", "state", "attempts", "next_attempt_at", "queued_at", "updated_at", "stage"],
};

async function sealRow(store, record) {
  const row = {};
  const secret = { ...record };
  for (const name of CLEAR_FIELDS[store]) {
    if (name in record) row[name] = record[name];
    delete secret[name];
  }
  row.sealed = await seal(record.owner, `${store}:${record.id}`, secret);
  return row;
}

async function openRow(store, row) {
  if (!row || !row.sealed) return row; // written before encryption: sealed on the next unlock
  const { sealed, ...clear } = row;
  return { ...(await unseal(row.owner, `${store}:${row.id}`, sealed)), ...clear };
}

const openRows = (store, rows) => Promise.all(rows.map((row) => openRow(store, row)));

export async function getReference(key) {
  const row = await (await db()).get(STORES.reference_data, key);
  return row ? row.value : undefined;
}

export async function putReference(key, value) {
  await (await db()).put(STORES.reference_data, { key, value, stored_at: Date.now() });
}

// A recruiter's own lists (their sent COEs, the server's copy of them): sealed like the drafts.
export async function getPrivate(owner, name) {
  const key = `${name}:${owner}`;
  const row = await (await db()).get(STORES.reference_data, key);
  if (!row) return undefined;
  if (!row.sealed) return row.value;
  return unseal(owner, `${STORES.reference_data}:${key}`, row.sealed);
}

export async function putPrivate(owner, name, value) {
  const key = `${name}:${owner}`;
  const sealed = await seal(owner, `${STORES.reference_data}:${key}`, value);
  await (await db()).put(STORES.reference_data, { key, owner, sealed, stored_at: Date.now() });
}

export async function getDraft(id) {
  return openRow(STORES.drafts, await (await db()).get(STORES.drafts, id));
}

export async function putDraft(draft) {
  await (await db()).put(STORES.drafts, await sealRow(STORES.drafts, draft));
}

export async function deleteDraft(id) {
  await (await db()).delete(STORES.drafts, id);
}

export async function draftsOf(owner) {
  const rows = await (await db()).getAllFromIndex(STORES.drafts, "owner", owner);
  return (await openRows(STORES.drafts, rows)).sort((a, b) => b.updated_at - a.updated_at);
}

export async function getOutbox(id) {
  return openRow(STORES.outbox, await (await db()).get(STORES.outbox, id));
}

export async function putOutbox(entry) {
  await (await db()).put(STORES.outbox, await sealRow(STORES.outbox, entry));
}

export async function outboxOf(owner) {
  const rows = await (await db()).getAllFromIndex(STORES.outbox, "owner", owner);
  return (await openRows(STORES.outbox, rows)).sort((a, b) => a.queued_at - b.queued_at);
}

// The outbox's clear fields only (sync state and times): readable while the vault is locked.
export async function outboxStates(owner) {
  const rows = await (await db()).getAllFromIndex(STORES.outbox, "owner", owner);
  return rows.map(({ sealed, ...clear }) => clear);
}

// Move a draft into the outbox in one transaction: it is never in both, nor in neither.
// Sealing happens first: an IndexedDB transaction closes if it waits on anything else.
export async function queueDraft(draft, entry) {
  const row = await sealRow(STORES.outbox, entry);
  const tx = (await db()).transaction([STORES.drafts, STORES.outbox], "readwrite");
  await Promise.all([
    tx.objectStore(STORES.outbox).put(row),
    tx.objectStore(STORES.drafts).delete(draft.id),
    tx.done,
  ]);
}

// Take a record back from the outbox to correct it, in one transaction.
export async function unqueue(entry, draft) {
  const row = await sealRow(STORES.drafts, draft);
  const tx = (await db()).transaction([STORES.drafts, STORES.outbox], "readwrite");
  await Promise.all([
    tx.objectStore(STORES.drafts).put(row),
    tx.objectStore(STORES.outbox).delete(entry.id),
    tx.done,
  ]);
}

export async function deleteOutbox(id) {
  await (await db()).delete(STORES.outbox, id);
}

// Seal what an earlier version of the app stored in the clear, once the owner's vault is open.
export async function sealLegacy(owner) {
  const database = await db();
  for (const store of [STORES.drafts, STORES.outbox]) {
    for (const row of await database.getAllFromIndex(store, "owner", owner)) {
      if (!row.sealed) await database.put(store, await sealRow(store, row));
    }
  }
  for (const name of ["sent", "server"]) {
    const row = await database.get(STORES.reference_data, `${name}:${owner}`);
    if (row && !row.sealed) await putPrivate(owner, name, row.value);
  }
}
