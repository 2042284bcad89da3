// A signature pad (signature_pad on a canvas) that gives strokes in the API's format:
// {width, height, strokes: [[{x, y, time, pressure}]]}, checked here as the server checks them
// (backend/campo/signatures/strokes.py): ink, on the pad, forward in time, not a dot or a line.
import SignaturePad from "../../vendor/signature_pad.js";
import { t } from "../i18n.js";
import { h } from "../ui.js";

const EDGE_TOLERANCE = 2;
const MIN_EXTENT = 0.05;
const MIN_BEND = 0.03;

// The server's checks; returns a signature.* code or null when the strokes will do.
export function strokesProblem(data) {
  const { width, height, strokes } = data;
  if (!(width >= 50 && width <= 4000 && height >= 50 && height <= 4000)) return "signature.malformed";
  const points = strokes.flat();
  if (!points.length) return "signature.empty";
  if (strokes.length > 100 || points.length > 10000) return "signature.too_large";
  for (const stroke of strokes) {
    for (let i = 0; i < stroke.length; i += 1) {
      const p = stroke[i];
      if (p.x < -EDGE_TOLERANCE || p.x > width + EDGE_TOLERANCE || p.y < -EDGE_TOLERANCE || p.y > height + EDGE_TOLERANCE) {
        return "signature.out_of_bounds";
      }
      if (i > 0 && p.time < stroke[i - 1].time) return "signature.time_backwards";
    }
  }
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const extent = Math.hypot(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  if (extent < MIN_EXTENT * Math.min(width, height)) return "signature.dot";
  const distance = (a, b) => Math.hypot(a.x - b.x, a.y - b.y);
  let start = points[0];
  const end = points.reduce((best, p) => (distance(p, start) > distance(best, start) ? p : best), points[0]);
  start = points.reduce((best, p) => (distance(p, end) > distance(best, end) ? p : best), points[0]);
  const length = distance(start, end);
  const bend = Math.max(
    ...points.map((p) => Math.abs((end.x - start.x) * (start.y - p.y) - (start.x - p.x) * (end.y - start.y)) / length),
  );
  if (bend < MIN_BEND * length) return "signature.line";
  return null;
}

function round(value) {
  return Math.round(value * 100) / 100;
}

// A pad bound to one signer. onSigned(signature|null, problemCode|null) after each stroke.
export function signaturePad({ id, label, existing, onSigned, onCleared }) {
  const canvas = h("canvas", { id, class: "signature-canvas", role: "img", "aria-label": label });
  const status = h("p", { class: "signature-status", "aria-live": "polite" });
  const clearButton = h("button", { type: "button", class: "button ghost small", onclick: () => reset(true) }, t("Clear and sign again"));
  const box = h("div", { class: "signature-box" }, h("div", { class: "signature-area" }, canvas, h("span", { class: "signature-line", "aria-hidden": "true" }), h("span", { class: "signature-x", "aria-hidden": "true" }, "✕")), h("div", { class: "signature-tools" }, status, clearButton));
  let pad = null;
  let size = { width: 0, height: 0 };

  function showStatus() {
    if (existing) {
      status.textContent = t("Signed. Thank you.");
      status.className = "signature-status ok";
    } else {
      status.textContent = t("Sign inside the box with a finger or a stylus.");
      status.className = "signature-status";
    }
  }

  function reset(byHand) {
    if (pad) pad.clear();
    if (byHand) {
      existing = null;
      onCleared();
    }
    showStatus();
  }

  function mount() {
    const rect = canvas.getBoundingClientRect();
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    size = { width: Math.round(rect.width), height: Math.round(rect.height) };
    canvas.width = size.width * ratio;
    canvas.height = size.height * ratio;
    canvas.getContext("2d").scale(ratio, ratio);
    pad = new SignaturePad(canvas, { minWidth: 1, maxWidth: 3.2, penColor: "#10243e", backgroundColor: "rgba(0,0,0,0)" });
    if (existing && existing.pad_data) {
      try {
        pad.fromData(existing.pad_data);
      } catch {
        // drawn on a pad of another size: the strokes are kept, the picture is not
      }
    }
    pad.addEventListener("endStroke", () => {
      const groups = pad.toData();
      const strokes = {
        width: size.width,
        height: size.height,
        strokes: groups.map((group) =>
          group.points.map((p) => ({ x: round(p.x), y: round(p.y), time: p.time, pressure: round(p.pressure ?? 0.5) })),
        ),
      };
      const problem = strokesProblem(strokes);
      if (problem === "signature.dot" || problem === "signature.line") {
        // Maybe still signing: say so gently, keep the ink.
        existing = null;
        status.textContent = t("Keep signing: a full signature is needed.");
        status.className = "signature-status";
        onSigned(null, problem);
        return;
      }
      if (problem) {
        existing = null;
        status.textContent = t("The signature could not be used. Please clear it and sign again.");
        status.className = "signature-status error";
        onSigned(null, problem);
        return;
      }
      existing = { strokes, pad_data: groups, signed_at: new Date().toISOString() };
      showStatus();
      onSigned(existing, null);
    });
    showStatus();
  }

  // The answers changed after signing: wipe the ink (the draft's signatures are already gone).
  function wipe() {
    existing = null;
    if (pad) pad.clear();
    showStatus();
  }

  return { element: box, mount, wipe, destroy: () => pad && pad.off() };
}
