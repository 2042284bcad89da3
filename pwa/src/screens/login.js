// Sign in: online once; after that the app opens and works offline.
import { ApiError, NetworkError, getSession, login, saveSession } from "../api.js";
import { sealLegacy } from "../db/index.js";
import { refreshHandoverKey } from "../handover.js";
import { t } from "../i18n.js";
import { downloadReferences } from "../reference.js";
import { h } from "../ui.js";
import { fromBase64, lock, openWithDeviceKey } from "../vault.js";

let typed = { username: "", password: "" }; // kept across a language switch

export async function render(main, context) {
  main.dataset.title = t("Sign in");
  const previous = await getSession();
  if (!typed.username && previous && previous.user) typed.username = previous.user.username;
  const error = h("p", { class: "form-error", id: "login-error", role: "alert" });
  const username = h("input", {
    id: "username",
    name: "username",
    autocomplete: "username",
    autocapitalize: "none",
    spellcheck: "false",
    required: true,
    value: typed.username,
    oninput: (event) => {
      typed.username = event.target.value;
    },
  });
  const password = h("input", {
    id: "password",
    name: "password",
    type: "password",
    autocomplete: "current-password",
    required: true,
    value: typed.password,
    oninput: (event) => {
      typed.password = event.target.value;
    },
  });
  const button = h("button", { type: "submit", class: "button primary block" }, t("Sign in"));
  const form = h(
    "form",
    {
      class: "login-form",
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        error.textContent = "";
        if (!username.value.trim() || !password.value) {
          error.textContent = t("Enter your username and password.");
          return;
        }
        button.disabled = true;
        button.textContent = t("Signing in…");
        try {
          const { session, deviceKey } = await login(username.value.trim(), password.value);
          typed = { username: "", password: "" };
          // Open (or make) this user's vault with the key the server just gave, then keep the
          // session sealed in it. Another user's vault, if open, is locked first.
          await lock();
          await openWithDeviceKey(session.user.id, fromBase64(deviceKey));
          await sealLegacy(session.user.id);
          await saveSession(session);
          // What the app needs offline, fetched while the connection is here.
          await Promise.all([downloadReferences(), refreshHandoverKey()]);
          await context.signedIn(session);
        } catch (failure) {
          button.disabled = false;
          button.textContent = t("Sign in");
          if (failure instanceof NetworkError) {
            error.textContent = t("There is no connection. The first sign-in needs one; after that Campo works offline.");
          } else if (failure instanceof ApiError && failure.code === "auth.invalid_credentials") {
            error.textContent = t("The username or password is not right. Please try again.");
          } else if (failure instanceof ApiError && (failure.code === "auth.account_locked" || failure.code === "auth.rate_limited")) {
            error.textContent = failure.message; // the server says how long to wait, in this language
          } else if (failure instanceof ApiError && failure.code === "auth.account_disabled") {
            error.textContent = t("This account cannot sign in. Please call your regional office.");
          } else {
            error.textContent = t("Campo could not sign you in right now. Please try again in a moment.");
          }
        }
      },
    },
    h("label", { for: "username" }, t("Username")),
    username,
    h("label", { for: "password" }, t("Password")),
    password,
    error,
    button,
  );
  main.append(
    h(
      "section",
      { class: "login-card card", "aria-labelledby": "login-title" },
      h("img", { class: "login-logo", src: "/icons/icon-192.png", alt: "", width: 72, height: 72 }),
      h("h1", { id: "login-title" }, "Campo"),
      h("p", { class: "lead" }, t("Migrant Education Program: recruitment and eligibility")),
      previous && previous.needs_login
        ? h("p", { class: "notice" }, t("Sign in again to send the certificates waiting on this tablet. Nothing is lost."))
        : null,
      form,
      h("p", { class: "muted small" }, t("Sign in once with a connection. After that, Campo works without signal, and sends your certificates when the connection comes back.")),
    ),
  );
}
