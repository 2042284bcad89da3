// "Send a move notice" on a child's history: the child is moving to another region of this
// state or to another state, so the receiving side can look for the family. The server sends
// only what the receiving side needs (name, birth date, number, eligibility, our contact).
import { ApiError, call } from "../api.js";
import { t } from "../i18n.js";
import { clear, h, icon } from "../ui.js";

// Regions other than the child's, read once per visit of the screen.
async function otherRegions(regionId) {
  try {
    const { body } = await call("GET", "/api/v1/regions");
    return body.filter((region) => region.id !== regionId);
  } catch {
    return [];
  }
}

function fieldError(name) {
  return h("p", { class: "field-error", id: `mn-${name}-error` });
}

// The form, as a section the child screen appends; the regions fill in when they arrive.
export function moveNoticeSection(child) {
  const status = h("div", { id: "mn-status", "aria-live": "polite" });
  const regionSelect = h("select", { id: "mn-region", name: "to_region_id", "aria-describedby": "mn-to_region_id-error" }, h("option", { value: "" }, t("Choose a region")));
  const stateInput = h("input", {
    id: "mn-state",
    name: "to_state",
    type: "text",
    maxlength: 2,
    autocapitalize: "characters",
    autocomplete: "off",
    "aria-describedby": "mn-state-hint mn-to_state-error",
  });
  const where = (kind) =>
    h(
      "label",
      { class: "choice" },
      h("input", { type: "radio", name: "destination", value: kind, id: `mn-to-${kind}`, checked: kind === "region" }),
      h("span", {}, kind === "region" ? t("Another region of this state") : t("Another state")),
    );
  const form = h(
    "form",
    { id: "move-notice-form", novalidate: true },
    h(
      "fieldset",
      { class: "field" },
      h("legend", { class: "field-label" }, t("Where is the child moving?")),
      h("div", { class: "choices" }, where("region"), where("state")),
    ),
    h(
      "div",
      { class: "grid move-notice-grid" },
      h("div", { class: "field", id: "mn-region-field" }, h("label", { class: "field-label", for: "mn-region" }, t("Region")), regionSelect, fieldError("to_region_id")),
      h(
        "div",
        { class: "field", id: "mn-state-field", hidden: true },
        h("label", { class: "field-label", for: "mn-state" }, t("State")),
        h("p", { class: "field-help", id: "mn-state-hint" }, t("Two letters, e.g. TX")),
        stateInput,
        fieldError("to_state"),
      ),
      h("div", { class: "field" }, h("label", { class: "field-label", for: "mn-city" }, t("City, if known")), h("input", { id: "mn-city", name: "destination_city", type: "text", maxlength: 80, "aria-describedby": "mn-destination_city-error" }), fieldError("destination_city")),
      h("div", { class: "field" }, h("label", { class: "field-label", for: "mn-date" }, t("Expected move date")), h("input", { id: "mn-date", name: "expected_move_date", type: "date", "aria-describedby": "mn-expected_move_date-error" }), fieldError("expected_move_date")),
    ),
    h("div", { class: "field" }, h("label", { class: "field-label", for: "mn-comment" }, t("Comment for the receiving side")), h("textarea", { id: "mn-comment", name: "comment", rows: 3, maxlength: 1000, "aria-describedby": "mn-comment-error" }), fieldError("comment")),
    h("div", { class: "actions" }, h("button", { type: "submit", class: "button primary", id: "mn-send" }, icon("send"), h("span", {}, t("Send the move notice")))),
    status,
  );
  // Only the destination chosen is asked for: a region of this state, or another state.
  const showDestination = () => {
    const toState = form.elements.destination.value === "state";
    form.querySelector("#mn-state-field").hidden = !toState;
    form.querySelector("#mn-region-field").hidden = toState;
  };
  form.addEventListener("change", (event) => {
    if (event.target.name === "destination") showDestination();
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    for (const element of form.querySelectorAll(".field-error")) element.textContent = "";
    clear(status);
    const toState = form.elements.destination.value === "state";
    const value = (name) => form.elements[name].value.trim() || null;
    const body = {
      child_id: child.id,
      to_state: toState ? (value("to_state") || "").toUpperCase() || null : null,
      to_region_id: toState || !regionSelect.value ? null : Number(regionSelect.value),
      destination_city: value("destination_city"),
      expected_move_date: value("expected_move_date"),
      comment: value("comment"),
    };
    const button = form.querySelector("#mn-send");
    button.disabled = true;
    try {
      const { body: notice } = await call("POST", "/api/v1/move-notices", body);
      const to = notice.to_region ? t("Region %(code)s", { code: notice.to_region.code }) : notice.to_state;
      form.reset();
      form.querySelector("#mn-to-region").checked = true;
      showDestination();
      status.append(
        h(
          "p",
          { class: "banner banner-info inline banner-line", role: "status", id: "mn-sent" },
          icon("check"),
          h("span", {}, t("Move notice sent to %(to)s.", { to }), " "),
          h("a", { href: "#/move-notices" }, t("See the notices")),
        ),
      );
    } catch (error) {
      const message = error instanceof ApiError ? error.message : t("The notice needs a connection. Try again when you are online.");
      for (const [name, messages] of Object.entries((error && error.fields) || {})) {
        const place = form.querySelector(`#mn-${name}-error`);
        if (place) place.textContent = [].concat(messages).join(" ");
      }
      status.append(h("p", { class: "banner banner-warning inline banner-line", role: "alert", id: "mn-error" }, icon("alert"), h("span", {}, message)));
    } finally {
      button.disabled = false;
    }
  });
  otherRegions(child.region && child.region.id).then((regions) => {
    for (const region of regions) regionSelect.append(h("option", { value: String(region.id) }, region.name || region.code));
  });
  return h(
    "section",
    { class: "card", id: "move-notice", "aria-labelledby": "move-notice-title" },
    h("h2", { id: "move-notice-title" }, t("Send a move notice")),
    h("p", { class: "muted" }, t("The child is moving away: tell the receiving region or state, so they can find the family and keep the child's records.")),
    form,
  );
}
