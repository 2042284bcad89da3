// The locked tablet, and choosing the PIN that unlocks it offline.
//
// "unlock": the app was locked (idle time, the lock button, a restart). The recruiter's PIN opens
// their vault without a connection; after too many wrong PINs only a sign-in with the password
// (online) opens it. "pin": just after an online sign-in, when the vault has no PIN yet (a new
// tablet, or the PIN was erased after too many wrong tries).
import { t } from "../i18n.js";
import { sealLegacy } from "../db/index.js";
import { MAX_FAILED_UNLOCKS, PIN_MIN_LENGTH, VaultLockedOut, WrongPin, setPin, unlockWithPin, vaultOf } from "../vault.js";
import { h } from "../ui.js";

function card(title, ...children) {
  return h(
    "section",
    { class: "login-card card", "aria-labelledby": "lock-title" },
    h("img", { class: "login-logo", src: "/icons/icon-192.png", alt: "", width: 72, height: 72 }),
    h("h1", { id: "lock-title" }, title),
    ...children,
  );
}

function pinInput(id, autocomplete) {
  return h("input", {
    id,
    name: id,
    type: "password",
    autocomplete,
    autocapitalize: "none",
    spellcheck: "false",
    required: true,
    minlength: String(PIN_MIN_LENGTH),
  });
}

async function renderUnlock(main, context) {
  const { session } = context;
  const owner = session.user.id;
  main.dataset.title = t("Campo is locked");
  const vault = await vaultOf(owner);
  const lockedOut = !vault || !vault.pin_wrap;
  const error = h("p", { class: "form-error", id: "unlock-error", role: "alert" });
  const pin = pinInput("pin", "current-password");
  const button = h("button", { type: "submit", class: "button primary block", id: "unlock" }, t("Unlock"));
  const form = h(
    "form",
    {
      class: "login-form",
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        error.textContent = "";
        if (!pin.value) {
          error.textContent = t("Enter your PIN.");
          return;
        }
        button.disabled = true;
        try {
          await unlockWithPin(owner, pin.value);
          await sealLegacy(owner);
          await context.unlocked();
        } catch (failure) {
          button.disabled = false;
          pin.value = "";
          if (failure instanceof WrongPin) {
            error.textContent = t("That PIN is not right. Tries left before a sign-in with your password is needed: %(count)s", { count: failure.remaining });
            pin.focus();
          } else if (failure instanceof VaultLockedOut) {
            context.rerender();
          } else {
            throw failure;
          }
        }
      },
    },
    h("label", { for: "pin" }, t("PIN")),
    pin,
    error,
    button,
  );
  const passwordInstead = h(
    "button",
    { type: "button", class: "button ghost block", id: "password-instead", onclick: () => context.navigate("#/login") },
    t("Sign in with your password instead"),
  );
  const switchUser = h(
    "button",
    { type: "button", class: "button ghost block", id: "switch-user", onclick: () => context.signOut() },
    t("Another recruiter: switch user"),
  );
  main.append(
    card(
      t("Campo is locked"),
      h("p", { class: "lead" }, t("Signed in: %(name)s", { name: session.user.full_name })),
      lockedOut
        ? h(
            "p",
            { class: "notice", id: "locked-out", role: "alert" },
            t("Too many wrong PINs (%(count)s). To protect the families, this tablet now needs your password, with a connection. Nothing is lost.", { count: MAX_FAILED_UNLOCKS }),
          )
        : form,
      lockedOut
        ? h("button", { type: "button", class: "button primary block", id: "password-instead", onclick: () => context.navigate("#/login") }, t("Sign in with your password"))
        : passwordInstead,
      switchUser,
      h("p", { class: "muted small" }, t("What you had started is saved. The families' data on this tablet is encrypted while Campo is locked.")),
    ),
  );
}

async function renderChoosePin(main, context) {
  const owner = context.session.user.id;
  main.dataset.title = t("Choose a PIN");
  const error = h("p", { class: "form-error", id: "pin-error", role: "alert" });
  const first = pinInput("new-pin", "new-password");
  const second = pinInput("new-pin-again", "new-password");
  const button = h("button", { type: "submit", class: "button primary block", id: "save-pin" }, t("Save PIN"));
  const form = h(
    "form",
    {
      class: "login-form",
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        error.textContent = "";
        if (first.value.length < PIN_MIN_LENGTH) {
          error.textContent = t("The PIN needs at least %(count)s digits or letters.", { count: PIN_MIN_LENGTH });
          first.focus();
          return;
        }
        if (/^(.)\1*$/.test(first.value) || "0123456789012345678909876543210".includes(first.value)) {
          error.textContent = t("That PIN is too easy to guess. Please choose another.");
          first.focus();
          return;
        }
        if (first.value !== second.value) {
          error.textContent = t("The two PINs are not the same.");
          second.focus();
          return;
        }
        button.disabled = true;
        await setPin(owner, first.value);
        await context.unlocked();
      },
    },
    h("label", { for: "new-pin" }, t("New PIN")),
    first,
    h("label", { for: "new-pin-again" }, t("The same PIN again")),
    second,
    error,
    button,
  );
  main.append(
    card(
      t("Choose a PIN"),
      h("p", { class: "lead" }, t("The PIN unlocks Campo on this tablet, also without a connection. It protects the families' data if the tablet is lost.")),
      form,
      h("p", { class: "muted small" }, t("Campo locks itself after %(minutes)s minutes without use. Keep the PIN to yourself.", { minutes: context.lockAfterMinutes })),
    ),
  );
}

export async function render(main, context, where) {
  if (where.name === "pin") return renderChoosePin(main, context);
  return renderUnlock(main, context);
}

export function mounted(main) {
  const field = main.querySelector("#pin, #new-pin");
  if (field) field.focus();
}
