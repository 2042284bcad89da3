// Move notices: children moving into the reader's region (incoming), with "Acted on" once the
// region has looked for the family, and the notices the region sent (outgoing). A state admin
// sees the whole state's and records the notices other states send through MSIX.
// Online only: read from the server each time (each list is audited).
import { ApiError, call } from "../api.js";
import { formatDate, formatDateTime, t } from "../i18n.js";
import { clear, h, icon, toast } from "../ui.js";
import { loadFailure } from "./staff.js";

// The list's choices, kept across re-renders (a language switch) while the app is open.
const view = { box: "incoming", status: "open" };

function place(state, region) {
  if (!region) return state;
  const name = region.name || t("Region %(code)s", { code: region.code });
  return region.phone ? [name, region.phone].join(" · ") : name;
}

function noticeRow(notice, box, reload) {
  const name = [notice.first_name, notice.last_name1, notice.last_name2].filter(Boolean).join(" ");
  const open = notice.status === "open";
  const facts = [
    [t("Born"), formatDate(notice.birth_date)],
    [t("Statewide number"), notice.statewide_number],
    [t("MSIX ID"), notice.msix_id],
    [t("Eligible until"), notice.eligibility_end_date ? formatDate(notice.eligibility_end_date) : null],
    [t("From"), place(notice.from_state, notice.from_region)],
    [t("To"), place(notice.to_state, notice.to_region) || t("Not assigned to a region yet")],
    [t("City"), notice.destination_city],
    [t("Expected move date"), notice.expected_move_date ? formatDate(notice.expected_move_date) : null],
    [t("Sent on"), formatDateTime(notice.sent_at)],
    [t("Acted on"), notice.acknowledged_at ? formatDateTime(notice.acknowledged_at) : null],
  ].filter(([, value]) => value);
  const acknowledge = async (event) => {
    const button = event.currentTarget;
    button.disabled = true;
    try {
      await call("POST", `/api/v1/move-notices/${notice.id}/acknowledge`);
      toast(t("Marked as acted on."), { kind: "success" });
      await reload();
    } catch (error) {
      button.disabled = false;
      toast(error instanceof ApiError ? error.message : t("This needs a connection. Try again when you are online."), { kind: "danger" });
    }
  };
  return h(
    "li",
    { class: "record move-notice-row", dataset: { id: notice.id, status: notice.status } },
    h(
      "div",
      { class: "record-main" },
      h("div", { class: "record-title" }, name),
      h("dl", { class: "facts notice-facts" }, facts.map(([term, value]) => [h("dt", {}, term), h("dd", {}, value)])),
      notice.comment ? h("p", { class: "comment" }, notice.comment) : null,
    ),
    h(
      "div",
      { class: "record-side" },
      h("span", { class: `badge badge-${open ? "warning" : "success"}` }, open ? t("Open") : t("Acted on")),
      notice.child_id ? h("a", { class: "button secondary small", href: `#/child/${notice.child_id}` }, t("Open history")) : null,
      box === "incoming" && open
        ? h("button", { type: "button", class: "button primary small acknowledge", onclick: acknowledge, "aria-label": [t("Acted on"), name].join(": ") }, icon("check"), h("span", {}, t("Acted on")))
        : null,
    ),
  );
}

async function showList(list) {
  clear(list).append(h("p", { class: "empty", role: "status" }, t("Loading…")));
  const params = new URLSearchParams({ box: view.box });
  if (view.status) params.set("status", view.status);
  let notices;
  try {
    ({ body: notices } = await call("GET", `/api/v1/move-notices?${params}`));
  } catch (error) {
    clear(list).append(loadFailure(error));
    return;
  }
  clear(list).append(
    notices.length
      ? h("ul", { class: "records", id: "notice-list" }, notices.map((notice) => noticeRow(notice, view.box, () => showList(list))))
      : h("p", { class: "empty", id: "notice-none" }, t("No move notices here.")),
  );
}

function toggle(list, rerender) {
  const tab = (box, text) =>
    h("button", { type: "button", class: "button ghost small", id: `box-${box}`, "aria-pressed": String(view.box === box), onclick: () => {
      view.box = box;
      rerender();
    } }, text);
  const statusSelect = h(
    "select",
    { id: "notice-status", onchange: () => {
      view.status = statusSelect.value;
      showList(list);
    } },
    [["open", t("Open")], ["acknowledged", t("Acted on")], ["", t("All")]].map(([value, text]) => h("option", { value, selected: view.status === value }, text)),
  );
  return h(
    "div",
    { class: "notice-controls" },
    h("div", { class: "segmented", role: "group", "aria-label": t("Which notices") }, tab("incoming", t("Incoming")), tab("outgoing", t("Sent"))),
    h("div", { class: "filter" }, h("label", { for: "notice-status" }, t("Status")), statusSelect),
  );
}

const INCOMING_FIELDS = [
  ["from_state", () => t("From state (two letters)"), "text", { required: true, maxlength: 2, autocapitalize: "characters" }],
  ["first_name", () => t("First name"), "text", { required: true, maxlength: 50 }],
  ["last_name1", () => t("Last name"), "text", { required: true, maxlength: 50 }],
  ["last_name2", () => t("Second last name"), "text", { maxlength: 50 }],
  ["birth_date", () => t("Date of birth"), "date", { required: true }],
  ["msix_id", () => t("MSIX ID (12 digits)"), "text", { maxlength: 12, inputmode: "numeric" }],
  ["destination_city", () => t("City, if known"), "text", { maxlength: 80 }],
  ["expected_move_date", () => t("Expected move date"), "date", {}],
];

// A state admin records a notice another state sent (the child is moving here).
function incomingForm(regions, onRecorded) {
  const status = h("div", { id: "in-status", "aria-live": "polite" });
  const input = ([name, label, type, attrs]) =>
    h(
      "div",
      { class: "field" },
      h("label", { class: "field-label", for: `in-${name}` }, label(), attrs.required ? h("span", { class: "muted" }, " ", t("(required)")) : null),
      h("input", { id: `in-${name}`, name, type, autocomplete: "off", "aria-describedby": `in-${name}-error`, ...attrs }),
      h("p", { class: "field-error", id: `in-${name}-error` }),
    );
  const form = h(
    "form",
    { id: "incoming-form", novalidate: true },
    h(
      "div",
      { class: "grid move-notice-grid" },
      INCOMING_FIELDS.map(input),
      h(
        "div",
        { class: "field" },
        h("label", { class: "field-label", for: "in-sex" }, t("Sex")),
        h("select", { id: "in-sex", name: "sex", "aria-describedby": "in-sex-error" }, h("option", { value: "" }, t("Not given")), h("option", { value: "F" }, t("Female")), h("option", { value: "M" }, t("Male"))),
        h("p", { class: "field-error", id: "in-sex-error" }),
      ),
      h(
        "div",
        { class: "field" },
        h("label", { class: "field-label", for: "in-to_region_id" }, t("Region it goes to")),
        h(
          "select",
          { id: "in-to_region_id", name: "to_region_id", "aria-describedby": "in-to_region_id-error" },
          h("option", { value: "" }, t("The region of the child, if known")),
          regions.map((region) => h("option", { value: String(region.id) }, region.name || region.code)),
        ),
        h("p", { class: "field-error", id: "in-to_region_id-error" }),
      ),
    ),
    h("div", { class: "field" }, h("label", { class: "field-label", for: "in-comment" }, t("Comment")), h("textarea", { id: "in-comment", name: "comment", rows: 3, maxlength: 1000, "aria-describedby": "in-comment-error" }), h("p", { class: "field-error", id: "in-comment-error" })),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button primary", id: "in-record" }, t("Record the notice"))),
    status,
  );
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    for (const element of form.querySelectorAll(".field-error")) element.textContent = "";
    clear(status);
    const value = (name) => form.elements[name].value.trim() || null;
    const body = {};
    for (const [name] of INCOMING_FIELDS) body[name] = value(name);
    body.from_state = (body.from_state || "").toUpperCase();
    body.sex = value("sex");
    body.to_region_id = value("to_region_id") ? Number(value("to_region_id")) : null;
    body.comment = value("comment");
    const button = form.querySelector("#in-record");
    button.disabled = true;
    try {
      const { body: notice } = await call("POST", "/api/v1/move-notices/incoming", body);
      form.reset();
      const to = notice.to_region ? t("Region %(code)s", { code: notice.to_region.code }) : t("the state (no region yet)");
      status.append(h("p", { class: "banner banner-info inline banner-line", role: "status", id: "in-recorded" }, icon("check"), h("span", {}, t("Notice recorded for %(to)s.", { to }))));
      await onRecorded();
    } catch (error) {
      for (const [name, messages] of Object.entries((error && error.fields) || {})) {
        const spot = form.querySelector(`#in-${name}-error`);
        if (spot) spot.textContent = [].concat(messages).join(" ");
      }
      const message = error instanceof ApiError ? error.message : t("This needs a connection. Try again when you are online.");
      status.append(h("p", { class: "banner banner-warning inline banner-line", role: "alert", id: "in-error" }, icon("alert"), h("span", {}, message)));
    } finally {
      button.disabled = false;
    }
  });
  return h(
    "section",
    { class: "card", id: "incoming-notice", "aria-labelledby": "incoming-title" },
    h("h2", { id: "incoming-title" }, t("Record a notice from another state")),
    h("p", { class: "muted" }, t("Another state told us through MSIX that a child is moving here. The child is matched to the state's children; the notice goes to the region you choose, or to the child's region.")),
    form,
  );
}

export async function render(main, context) {
  main.dataset.title = t("Move notices");
  const list = h("div", { id: "notices", "aria-live": "polite" });
  const rerender = () => context.rerender({ keepPlace: true });
  main.append(
    h(
      "div",
      { class: "page-head" },
      h("div", {}, h("h1", {}, t("Move notices")), h("p", { class: "lead" }, t("Children moving into your region, and the notices your region sent."))),
    ),
    h("section", { class: "card", "aria-labelledby": "notices-title" }, h("h2", { id: "notices-title" }, view.box === "incoming" ? t("Incoming notices") : t("Notices sent")), toggle(list, rerender), list),
  );
  if (context.session.user.role === "state_admin") {
    let regions = [];
    try {
      ({ body: regions } = await call("GET", "/api/v1/regions"));
    } catch {
      regions = [];
    }
    main.append(
      incomingForm(regions, async () => {
        if (view.box === "incoming") await showList(list);
      }),
    );
  }
  context.setCleanup(() => {});
  await showList(list);
}
