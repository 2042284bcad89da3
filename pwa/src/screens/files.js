// Files to and from the server for every staff screen (CSV lists, data quality, MSIX, the audit
// trail, history imports): a signed download saved under the server's file name, and a signed
// upload of a file. call() in api.js speaks JSON only; these use its token (refreshed first) and
// its coded errors.
import { ApiError, call, getSession } from "../api.js";
import { currentLanguage } from "../i18n.js";
import { h } from "../ui.js";

async function freshToken() {
  await call("GET", "/api/v1/me"); // refreshes the access token when it has expired
  const session = await getSession();
  return session.access_token;
}

async function failure(response) {
  let body = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  return new ApiError(response.status, body);
}

function fileName(response, fallback) {
  const found = /filename="([^"]+)"/.exec(response.headers.get("Content-Disposition") || "");
  return found ? found[1] : fallback;
}

// Fetch a file and hand it to the browser to save; resolves with the response's headers and
// the name it was saved under. Throws ApiError (coded, localized) or NetworkError.
export async function download(path, fallbackName) {
  const token = await freshToken();
  const response = await fetch(path, {
    headers: { Authorization: `Bearer ${token}`, Accept: "text/csv", "Accept-Language": currentLanguage() },
    cache: "no-store",
    credentials: "omit",
  });
  if (!response.ok) throw await failure(response);
  const name = fileName(response, fallbackName);
  const url = URL.createObjectURL(await response.blob());
  const link = h("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  return { headers: response.headers, name };
}

// POST a file (or text) as it is; resolves with the JSON answer and its status.
export async function upload(path, text, contentType = "text/csv") {
  const token = await freshToken();
  const response = await fetch(path, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${token}`,
      Accept: "application/json",
      "Accept-Language": currentLanguage(),
      "Content-Type": contentType,
    },
    body: text,
    cache: "no-store",
    credentials: "omit",
  });
  if (!response.ok) throw await failure(response);
  return { status: response.status, body: await response.json() };
}
