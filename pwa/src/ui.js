// Small DOM helpers: h() builds elements, toast() speaks briefly, ask() confirms in a dialog.
import { t } from "./i18n.js";

export function h(tag, attrs = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "class") element.className = value;
    else if (key === "dataset") Object.assign(element.dataset, value);
    else if (key.startsWith("on") && typeof value === "function") {
      element.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === "value") element.value = value;
    else if (key === "checked") element.checked = Boolean(value);
    else if (value === true) element.setAttribute(key, "");
    else element.setAttribute(key, String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function clear(element) {
  while (element.firstChild) element.firstChild.remove();
  return element;
}

export function toast(message, { kind = "info", timeout = 4000 } = {}) {
  const box = document.getElementById("toasts");
  const item = h("div", { class: `toast toast-${kind}` }, message);
  box.append(item);
  setTimeout(() => item.remove(), timeout);
}

// A modal question; resolves true when the recruiter confirms.
export function ask(message, { confirm, cancel, danger = false, detail } = {}) {
  return new Promise((resolve) => {
    const dialog = h(
      "dialog",
      { class: "dialog", "aria-labelledby": "dialog-title" },
      h("h2", { id: "dialog-title" }, message),
      detail ? h("p", {}, detail) : null,
      h(
        "div",
        { class: "actions" },
        h("button", { class: "button secondary", value: "cancel", type: "button", onclick: () => dialog.close("cancel") }, cancel || t("Cancel")),
        h("button", { class: `button ${danger ? "danger" : "primary"}`, type: "button", onclick: () => dialog.close("ok") }, confirm || t("Continue")),
      ),
    );
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(dialog.returnValue === "ok");
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

export function icon(name) {
  const paths = {
    check: "M5 12l5 5L20 7",
    cloud: "M7 18h10a4 4 0 0 0 .5-7.97A6 6 0 0 0 6 11a3.5 3.5 0 0 0 1 7z",
    off: "M3 3l18 18M7 18h10M6 11a6 6 0 0 1 3-5",
    plus: "M12 5v14M5 12h14",
    back: "M15 18l-6-6 6-6",
    next: "M9 18l6-6-6-6",
    alert: "M12 8v5M12 16.5v.5M10.3 3.9L2.5 18a2 2 0 0 0 1.7 3h15.6a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z",
    send: "M4 12l16-8-6 16-2-7-8-1z",
    trash: "M4 7h16M9 7V4h6v3M6 7l1 13h10l1-13",
    user: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 21a8 8 0 0 1 16 0",
    globe: "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM3 12h18M12 3c2.5 2.7 2.5 15.3 0 18M12 3c-2.5 2.7-2.5 15.3 0 18",
    edit: "M4 20h4L19 9l-4-4L4 16v4z",
    lock: "M6 11h12v10H6zM8 11V7a4 4 0 0 1 8 0v4",
  };
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("class", "icon");
  const path = document.createElementNS("http://www.w3.org/2000/svg", "path");
  path.setAttribute("d", paths[name] || "");
  svg.append(path);
  return svg;
}
