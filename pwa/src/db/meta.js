// The meta store: the session, vaults, the last sync time, settings. Values are stored as given;
// what must be secret is sealed by the caller (see vault.js and index.js).
import { db } from "./connection.js";
import { STORES } from "./schema.js";

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
