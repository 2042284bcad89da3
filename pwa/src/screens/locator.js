// Find a child anywhere in the state (the student locator). Needs a connection: nothing about
// other regions' children is kept on the tablet. Another region's child shows only its name,
// birth date, region and telephone, and end of eligibility; one's own opens the child's history.
import { ApiError, call } from "../api.js";
import { formatDate, t } from "../i18n.js";
import { clear, h } from "../ui.js";

const FIELDS = [
  ["first_name", () => t("First name")],
  ["last_name_1", () => t("Last name")],
  ["last_name_2", () => t("Second last name")],
  ["birth_date", () => t("Date of birth"), "date"],
  ["parent1_first", () => t("Parent's first name")],
  ["parent1_last", () => t("Parent's last name")],
  ["birth_city", () => t("City of birth")],
  ["statewide_number", () => t("Statewide student number")],
];

let lastQuery = {}; // kept while the app is open, so coming back from a history shows the search

function field([key, label, type]) {
  return h(
    "div",
    { class: "field" },
    h("label", { for: `l-${key}` }, label()),
    h("input", { id: `l-${key}`, name: key, type: type || "text", value: lastQuery[key] || "", autocomplete: "off" }),
  );
}

function result(hit) {
  const name = [hit.first_name, hit.middle_name, hit.last_name1, hit.last_name2].filter(Boolean).join(" ");
  const region = hit.region || {};
  return h(
    "li",
    { class: "record", dataset: { number: hit.statewide_number, inRegion: String(hit.in_region) } },
    h(
      "div",
      { class: "record-main" },
      h("div", { class: "record-title" }, name),
      h(
        "div",
        { class: "record-meta" },
        t("Born %(date)s", { date: formatDate(hit.birth_date) }),
        " · ",
        hit.statewide_number,
        " · ",
        hit.eligibility_end_date ? t("Eligible until %(date)s", { date: formatDate(hit.eligibility_end_date) }) : t("No current eligibility"),
      ),
      h(
        "div",
        { class: "record-meta region" },
        region.name,
        region.phone ? [" · ", h("a", { href: `tel:${region.phone}` }, region.phone)] : null,
      ),
    ),
    h(
      "div",
      { class: "record-side" },
      h("span", { class: `badge badge-${hit.band === "likely" || hit.band === "exact" ? "success" : "info"}` }, bandText(hit.band)),
      hit.in_region && hit.child_id
        ? h("a", { class: "button secondary small", href: `#/child/${hit.child_id}` }, t("Open history"))
        : h("span", { class: "hint" }, t("Call the region to reach the record")),
    ),
  );
}

function bandText(band) {
  return (
    { exact: t("Same number"), likely: t("Likely the same child"), possible: t("Possibly the same child"), unlikely: t("Unlikely") }[band] || band
  );
}

export async function render(main, context) {
  main.dataset.title = t("Find a child");
  const results = h("div", { id: "locator-results", "aria-live": "polite" });
  const form = h(
    "form",
    { class: "card locator-form", id: "locator-form", novalidate: true },
    h("div", { class: "card-head" }, h("h1", {}, t("Find a child")), h("p", { class: "lead" }, t("Search the whole state by name, birth date, parent or statewide number. Misspelt names are found too."))),
    h("div", { class: "grid" }, FIELDS.map(field)),
    h(
      "div",
      { class: "actions" },
      h("a", { class: "button secondary", href: "#/" }, t("Back")),
      h("button", { type: "submit", class: "button primary", id: "locator-search" }, t("Search")),
    ),
  );
  const search = async (event) => {
    if (event) event.preventDefault();
    const query = {};
    for (const [key] of FIELDS) {
      const value = form.elements[key].value.trim();
      if (value) query[key] = value;
    }
    lastQuery = query;
    clear(results).append(h("p", { class: "empty" }, t("Searching…")));
    try {
      const { body } = await call("POST", "/api/v1/locator/search", query);
      clear(results);
      if (!body.length) {
        results.append(h("p", { class: "empty", id: "locator-none" }, t("No child was found. Check the spelling, or add the date of birth.")));
        return;
      }
      results.append(h("ul", { class: "records", id: "locator-list" }, body.map(result)));
    } catch (error) {
      clear(results);
      const message = error instanceof ApiError ? error.message : t("Searching needs a connection. Try again when you are online.");
      results.append(h("p", { class: "banner banner-warning", role: "alert", id: "locator-error" }, message));
    }
  };
  form.addEventListener("submit", search);
  main.append(form, results);
  if (Object.keys(lastQuery).length) await search();
  context.setCleanup(() => {});
}
