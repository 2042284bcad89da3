// One connection to the tablet's IndexedDB (through idb).
import { openDB } from "../../vendor/idb.js";
import { DB_NAME, DB_VERSION, upgrade } from "./schema.js";

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
