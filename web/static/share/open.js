// The recipient's page of a share link: reads the secret from the fragment (never sent
// to any server), proves it to the server to receive the link slots, then opens the
// slots, the metadata and each document in this browser and shows them.

import {
  DecryptionError,
  decryptDocument,
  fromBase64Url,
  hasWebCrypto,
  linkProof,
  openLinkSlot,
  openMetadata,
  toBase64Url,
} from "./crypto.js";
import { Voice, fragmentSecret, readableSize } from "./page.js";

const IMAGES = new Set(["image/jpeg", "image/png", "image/webp", "image/gif"]);
const ENDED = {
  link_expired: "recipient.expired", link_revoked: "recipient.revoked", link_used_up: "recipient.used_up",
  link_locked: "recipient.locked", not_found: "recipient.missing",
};
const RETRY = {
  wrong_pin: "recipient.wrong_pin", pin_required: "recipient.pin_required", link_damaged: "recipient.fragment",
  rate_limited: "recipient.rate_limited",
};

const section = document.querySelector("[data-share]");
if (section) {
  start(section, new Voice(document.querySelector("main")));
}

function start(section, voice) {
  voice.offerLanguages();
  window.addEventListener("hashchange", () => window.location.reload());
  const intro = section.querySelector("[data-intro]");
  if (!hasWebCrypto()) {
    voice.problem("recipient.insecure");
    hide(intro);
    return;
  }
  if (section.dataset.status !== "active") {
    return;
  }
  const encoded = fragmentSecret();
  if (encoded === null) {
    voice.problem("recipient.fragment");
    hide(intro);
    return;
  }
  const form = section.querySelector("[data-open-form]");
  form.hidden = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    open(section, voice, fromBase64Url(encoded), form);
  });
}

async function open(section, voice, secret, form) {
  const shareId = section.dataset.share;
  const button = form.querySelector('button[type="submit"]');
  const busy = section.querySelector("[data-busy]");
  const pin = form.elements.pin ? form.elements.pin.value.trim() : null;
  button.disabled = true;
  busy.hidden = false;
  voice.clearProblem();
  try {
    const opened = await askForKeys(shareId, secret, pin);
    if (opened.problem) {
      explain(voice, opened.problem, section);
      return;
    }
    hide(section.querySelector("[data-intro]"));
    for (const released of opened.body.documents) {
      await show(section, voice, { shareId, secret, access: opened.body.access_token, released });
    }
  } catch (failure) {
    voice.problem(failure instanceof TypeError ? "recipient.network" : "recipient.error");
  } finally {
    button.disabled = false;
    busy.hidden = true;
  }
}

async function askForKeys(shareId, secret, pin) {
  const proof = toBase64Url(await linkProof(secret, shareId));
  const response = await fetch(`/api/v1/links/${shareId}/open`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify(pin ? { proof, pin } : { proof }),
    cache: "no-store",
    credentials: "omit",
    referrerPolicy: "no-referrer",
  });
  const body = await response.json().catch(() => ({}));
  return response.ok ? { body } : { problem: body };
}

function explain(voice, problem, section) {
  const code = problem.error || "error";
  if (code in ENDED) {
    hide(section.querySelector("[data-intro]"));
    voice.problem(ENDED[code]);
    return;
  }
  voice.problem(RETRY[code] || "recipient.error", { n: problem.tries_left ?? "" });
}

async function show(section, voice, { shareId, secret, access, released }) {
  const card = document.getElementById("shared-document").content.firstElementChild.cloneNode(true);
  section.querySelector("[data-documents]").append(card);
  voice.speak(voice.language);
  try {
    const dek = await openLinkSlot(fromBase64Url(released.link_slot), secret, shareId);
    const meta = await openMetadata(dek, released.id, fromBase64Url(released.metadata));
    const blob = await fetchCiphertext(shareId, released, access);
    const plaintext = await decryptDocument(dek, released.id, blob);
    await requireDigest(plaintext, meta.sha256);
    fill(card, meta, plaintext);
  } catch (failure) {
    card.remove();
    voice.problem(failure instanceof DecryptionError ? "recipient.damaged" : "recipient.network");
  }
}

async function fetchCiphertext(shareId, released, access) {
  const response = await fetch(`/api/v1/links/${shareId}/documents/${released.id}`, {
    headers: { "X-Link-Access": access }, cache: "no-store", credentials: "omit", referrerPolicy: "no-referrer",
  });
  if (!response.ok) {
    throw new TypeError(`the document did not arrive (${response.status})`);
  }
  const blob = new Uint8Array(await response.arrayBuffer());
  if (blob.length !== released.size) {
    throw new DecryptionError();
  }
  return blob;
}

async function requireDigest(plaintext, expected) {
  if (typeof expected !== "string") {
    return;
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", plaintext));
  const hex = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
  if (hex !== expected) {
    throw new DecryptionError();
  }
}

// Previews come from blob: URLs: raster images in <img>, PDFs in a sandboxed frame when
// the browser has a PDF viewer at all (phones mostly do not; some browsers also refuse to
// show a PDF in a sandboxed frame, hence the hint); nothing else is shown inline (an SVG
// or a web page would be active content). Every document can be downloaded.
function fill(card, meta, plaintext) {
  const filename = safeName(meta.filename || "document");
  card.querySelector("[data-title]").textContent = meta.title || filename;
  card.querySelector("[data-filename]").textContent = filename;
  card.querySelector("[data-size]").textContent = readableSize(plaintext.length);
  const download = card.querySelector("[data-download]");
  download.href = URL.createObjectURL(new Blob([plaintext], { type: "application/octet-stream" }));
  download.download = filename;
  showPreview(card, meta, plaintext, meta.title || filename);
}

function showPreview(card, meta, plaintext, title) {
  const preview = card.querySelector("[data-preview]");
  if (IMAGES.has(meta.mime)) {
    const image = document.createElement("img");
    image.alt = title;
    image.src = URL.createObjectURL(new Blob([plaintext], { type: meta.mime }));
    preview.append(image);
    preview.hidden = false;
  } else if (meta.mime === "application/pdf" && navigator.pdfViewerEnabled) {
    const frame = document.createElement("iframe");
    frame.setAttribute("sandbox", "");
    frame.title = title;
    frame.src = URL.createObjectURL(new Blob([plaintext], { type: "application/pdf" }));
    preview.append(frame);
    preview.hidden = false;
    card.querySelector("[data-pdf-hint]").hidden = false;
  } else if (meta.mime === "application/pdf") {
    card.querySelector("[data-pdf-hint]").hidden = false;
  } else {
    card.querySelector("[data-no-preview]").hidden = false;
  }
}

// A filename is data: no path, no control or bidi-override characters.
function safeName(name) {
  const cleaned = String(name).split(/[\\/]/).pop().replace(/[\u0000-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "").trim();
  return cleaned.replace(/^\.+/, "") || "document";
}

function hide(element) {
  if (element) {
    element.hidden = true;
  }
}
