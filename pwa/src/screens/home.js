// Home: start a COE; drafts; the outbox with each record's state; sent and returned COEs.
import { call } from "../api.js";
import { childNames, draftFromServer, familyName, newDraft, problemMessage, ruleMessage, pathLabel, statusWords } from "../coe.js";
import { NoHandoverKey, downloadSealedOutbox } from "../handover.js";
import { IMPORTER_ROLES } from "./handover.js";
import { deleteDraft, draftsOf, getOutbox, outboxOf, putDraft, unqueue } from "../db/index.js";
import { currentLanguage, formatDate, formatDateTime, t } from "../i18n.js";
import { currentForm, formVersion } from "../reference.js";
import { STATES, lastSync, onSyncChange, sentList, syncNow, syncStatus } from "../sync.js";
import { ask, clear, h, icon, toast } from "../ui.js";

function stateBadge(entry) {
  const words = {
    [STATES.queued]: [t("Waiting to send"), "waiting"],
    [STATES.sending]: [t("Sending…"), "sending"],
    [STATES.retry]: [t("Will try again"), "waiting"],
    [STATES.login]: [t("Waiting for sign-in"), "warning"],
    [STATES.rejected]: [t("Needs correction"), "danger"],
    [STATES.conflict]: [t("Changed elsewhere"), "danger"],
  };
  const [text, kind] = words[entry.state] || words[STATES.queued];
  return h("span", { class: `badge badge-${kind}` }, text);
}

function statusBadge(status) {
  const [text, kind] = statusWords(status);
  return h("span", { class: `badge badge-${kind}` }, text);
}

async function entryProblems(entry) {
  const items = [];
  const form = await formVersion(entry.form_version);
  for (const problem of entry.problems || []) {
    const isRule = /^(R\d+|[A-Z]{2})\./.test(problem.code);
    const text = isRule && form ? ruleMessage(form, problem.code) : problemMessage(problem.code, problem.message);
    const where = form && problem.path ? pathLabel(form, problem.path, entry.answers) : "";
    items.push(h("li", {}, where ? h("strong", {}, `${where}: `) : null, text));
  }
  if (!items.length && entry.last_error && entry.state !== STATES.retry) {
    items.push(h("li", {}, entry.last_error.message || entry.last_error.code));
  }
  return items.length ? h("ul", { class: "problems" }, items) : null;
}

function explain(entry) {
  if (entry.state === STATES.retry) {
    return t("The server could not be reached. Campo tries again by itself (next try %(time)s).", {
      time: formatDateTime(entry.next_attempt_at),
    });
  }
  if (entry.state === STATES.login) return t("Sign in again to send it. It stays safe on this tablet.");
  if (entry.state === STATES.rejected) return t("The server did not accept it. Open it, correct what is marked, and queue it again.");
  if (entry.state === STATES.conflict) return t("The server holds a different version of this certificate. Compare the two and choose which one goes on.");
  return t("It is sent as soon as there is a connection.");
}

async function correct(entry, context) {
  const draft = { ...entry, step: entry.step || 0, updated_at: Date.now() };
  for (const key of ["state", "attempts", "next_attempt_at", "queued_at", "stage", "last_error", "fields"]) delete draft[key];
  draft.server_problems = entry.problems || [];
  delete draft.problems;
  await unqueue(entry, draft);
  context.navigate(`#/coe/${entry.id}`);
}

// The escape hatch for a tablet that cannot sync: a sealed file for the regional office.
function exportPanel(session) {
  const button = h(
    "button",
    {
      type: "button",
      class: "button secondary small",
      id: "export-outbox",
      onclick: async () => {
        button.disabled = true;
        try {
          const count = await downloadSealedOutbox(session);
          toast(t("File saved with %(count)s certificates. Only your regional office can open it; the certificates also stay here.", { count }));
        } catch (error) {
          if (error instanceof NoHandoverKey) toast(t("Connect once to get the key that seals the file."), { kind: "warning" });
          else throw error;
        } finally {
          button.disabled = false;
        }
      },
    },
    t("Save to a sealed file"),
  );
  return h(
    "div",
    { class: "export-panel" },
    h("p", { class: "muted small" }, t("No connection for a long time? Save what waits here to a sealed file and give it to your regional office.")),
    button,
  );
}

async function outboxSection(session, context) {
  const entries = await outboxOf(session.user.id);
  const last = await lastSync(session.user.id);
  const sendButton = h(
    "button",
    {
      type: "button",
      class: "button primary",
      id: "send-now",
      onclick: async () => {
        sendButton.disabled = true;
        const outcome = await syncNow({ manual: true });
        sendButton.disabled = false;
        if (outcome === "offline") toast(t("No connection to the server. Your certificates are safe and wait here."), { kind: "warning" });
        else if (outcome === "busy") toast(t("Another Campo window is sending right now."));
      },
    },
    icon("send"),
    t("Send now"),
  );
  const list = h("ul", { class: "records", id: "outbox-list" });
  for (const entry of entries) {
    const item = h(
      "li",
      { class: "record", dataset: { id: entry.id, state: entry.state } },
      h(
        "div",
        { class: "record-main" },
        h("div", { class: "record-title" }, entry.family_name || familyName(entry.answers)),
        h("div", { class: "record-meta" }, childNames(entry.answers).join(", ") || "—", " · ", t("Queued %(time)s", { time: formatDateTime(entry.queued_at) })),
        h("p", { class: "record-note" }, explain(entry)),
        await entryProblems(entry),
      ),
      h(
        "div",
        { class: "record-side" },
        stateBadge(entry),
        entry.state === STATES.rejected
          ? h("button", { type: "button", class: "button secondary small", onclick: () => correct(entry, context) }, icon("edit"), t("Correct"))
          : null,
        entry.state === STATES.conflict
          ? h("a", { href: `#/conflict/${entry.id}`, class: "button secondary small", id: `compare-${entry.id}` }, t("Compare versions"))
          : null,
      ),
    );
    list.append(item);
  }
  return h(
    "section",
    { class: "card", "aria-labelledby": "outbox-title", id: "outbox" },
    h(
      "div",
      { class: "card-head" },
      h("h2", { id: "outbox-title" }, t("Outbox"), " ", h("span", { class: "count" }, String(entries.length))),
      sendButton,
    ),
    h("p", { class: "muted", id: "last-sync" }, last ? t("Last sync: %(time)s", { time: formatDateTime(last) }) : t("Not synced yet on this tablet.")),
    entries.length ? list : h("p", { class: "empty" }, t("Nothing is waiting to be sent.")),
    entries.length ? exportPanel(session) : null,
  );
}

async function draftsSection(session, context) {
  const drafts = await draftsOf(session.user.id);
  const list = h("ul", { class: "records", id: "drafts-list" });
  for (const draft of drafts) {
    const remove = async () => {
      const sure = await ask(t("Delete this draft?"), {
        detail: t("The answers and signatures of this draft are erased from this tablet. This cannot be undone."),
        confirm: t("Delete the draft"),
        danger: true,
      });
      if (!sure) return;
      await deleteDraft(draft.id);
      context.rerender({ keepPlace: true });
    };
    list.append(
      h(
        "li",
        { class: "record", dataset: { id: draft.id } },
        h(
          "div",
          { class: "record-main" },
          h("div", { class: "record-title" }, familyName(draft.answers)),
          h("div", { class: "record-meta" }, childNames(draft.answers).join(", ") || t("No children entered yet"), " · ", t("Edited %(time)s", { time: formatDateTime(draft.updated_at) })),
          draft.origin === "returned" ? h("p", { class: "record-note" }, t("Returned by the reviewer: correct it, sign again and queue it.")) : null,
        ),
        h(
          "div",
          { class: "record-side" },
          h("a", { class: "button secondary small", href: `#/coe/${draft.id}` }, t("Continue")),
          h("button", { type: "button", class: "button ghost small", "aria-label": t("Delete the draft"), onclick: remove }, icon("trash")),
        ),
      ),
    );
  }
  return h(
    "section",
    { class: "card", "aria-labelledby": "drafts-title", id: "drafts" },
    h("div", { class: "card-head" }, h("h2", { id: "drafts-title" }, t("Drafts"), " ", h("span", { class: "count" }, String(drafts.length)))),
    drafts.length ? list : h("p", { class: "empty" }, t("No drafts. Start a new certificate when you meet a family.")),
  );
}

async function openReturned(item, session, context) {
  try {
    const { body: coe } = await call("GET", `/api/v1/coes/${item.id}`);
    const form = await formVersion(coe.form_version);
    if (!form) throw new Error("form");
    await putDraft(draftFromServer(form, coe, session.user.id, "returned"));
    context.navigate(`#/coe/${coe.id}`);
  } catch {
    toast(t("This certificate can only be opened with a connection."), { kind: "warning" });
  }
}

async function sentSection(session, context) {
  const items = await sentList(session.user.id);
  const drafts = new Set((await draftsOf(session.user.id)).map((d) => d.id));
  const list = h("ul", { class: "records", id: "sent-list" });
  for (const item of items.slice(0, 30)) {
    if (drafts.has(item.id) || (await getOutbox(item.id))) continue;
    list.append(
      h(
        "li",
        { class: "record", dataset: { id: item.id, status: item.status } },
        h(
          "div",
          { class: "record-main" },
          h("div", { class: "record-title" }, item.family_name || t("Family")),
          h(
            "div",
            { class: "record-meta" },
            t("Children: %(count)s", { count: item.child_count ?? "?" }),
            item.submitted_at ? [" · ", t("Submitted %(date)s", { date: formatDate(item.submitted_at) })] : null,
          ),
        ),
        h(
          "div",
          { class: "record-side" },
          statusBadge(item.status),
          item.status === "returned"
            ? h("button", { type: "button", class: "button secondary small", onclick: () => openReturned(item, session, context) }, t("Correct and resend"))
            : null,
        ),
      ),
    );
  }
  return h(
    "section",
    { class: "card", "aria-labelledby": "sent-title", id: "sent" },
    h("div", { class: "card-head" }, h("h2", { id: "sent-title" }, t("Sent and returned"))),
    list.children.length ? list : h("p", { class: "empty" }, t("Certificates you send appear here with the reviewer's decision.")),
  );
}

export async function render(main, context) {
  const session = context.session;
  main.dataset.title = t("Home");
  const start = async () => {
    const form = await currentForm();
    if (!form) {
      toast(t("The form is not on this tablet yet. Connect once to download it."), { kind: "warning" });
      return;
    }
    const draft = newDraft(form, { owner: session.user.id, language: currentLanguage() });
    await putDraft(draft);
    context.navigate(`#/coe/${draft.id}`);
  };
  const name = (session.user.full_name || session.user.username).split(" ")[0];
  main.append(
    h(
      "div",
      { class: "home-head" },
      h("div", {}, h("h1", {}, t("Hello, %(name)s", { name })), h("p", { class: "lead" }, t("Certificates of Eligibility on this tablet"))),
      h(
        "div",
        { class: "home-actions" },
        IMPORTER_ROLES.includes(session.user.role)
          ? h("a", { href: "#/handover", class: "button secondary large", id: "open-handover" }, t("Import a tablet's file"))
          : null,
        h("button", { type: "button", class: "button primary large", id: "new-coe", onclick: start }, icon("plus"), t("New certificate")),
      ),
    ),
    h(
      "div",
      { class: "home-grid" },
      h("div", { class: "home-col" }, await outboxSection(session, context), await draftsSection(session, context)),
      h("div", { class: "home-col" }, await sentSection(session, context)),
    ),
  );
  let pending = null;
  const refresh = () => {
    clearTimeout(pending);
    pending = setTimeout(async () => {
      if (!main.isConnected) return;
      const outbox = await outboxSection(session, context);
      const sent = await sentSection(session, context);
      const oldOutbox = main.querySelector("#outbox");
      const oldSent = main.querySelector("#sent");
      if (oldOutbox) oldOutbox.replaceWith(outbox);
      if (oldSent) oldSent.replaceWith(sent);
    }, 150);
  };
  const stop = onSyncChange(() => {
    refresh();
  });
  context.setCleanup(stop);
}

export { clear };
