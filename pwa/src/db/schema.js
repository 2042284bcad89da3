// The tablet's IndexedDB schema, versioned like the server's migrations: bump DB_VERSION and add
// a step to the ladder; never change a step that has shipped (tablets upgrade from any version).
export const DB_NAME = "campo";
export const DB_VERSION = 1;

export const STORES = {
  // COEs being filled in, keyed by their client-made UUID; indexed by owner (user id).
  drafts: "drafts",
  // COEs queued for the server, with their sync state; a record leaves only when acknowledged.
  outbox: "outbox",
  // What the app needs offline and holds no family data: form definitions, catalogues,
  // statements; plus the recruiter's list of sent COEs (per owner).
  reference_data: "reference_data",
  // The session, the last sync time, settings.
  meta: "meta",
};

export function upgrade(db, oldVersion) {
  if (oldVersion < 1) {
    // 2026-11-22: the first schema (issue 6).
    const drafts = db.createObjectStore(STORES.drafts, { keyPath: "id" });
    drafts.createIndex("owner", "owner");
    const outbox = db.createObjectStore(STORES.outbox, { keyPath: "id" });
    outbox.createIndex("owner", "owner");
    db.createObjectStore(STORES.reference_data, { keyPath: "key" });
    db.createObjectStore(STORES.meta, { keyPath: "key" });
  }
}
