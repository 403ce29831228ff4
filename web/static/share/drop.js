// The uploader's page of a deposit link: the token from the fragment goes in a header
// with the file (raw body, with a progress bar). Nothing about the vault comes back
// except how many more files the link takes.

import { Voice, fragmentSecret, readableSize } from "./page.js";

const ERRORS = {
  link_expired: "drop.expired", link_revoked: "drop.revoked", link_used_up: "drop.used_up", not_found: "drop.missing",
  too_large: "drop.too_large", unsupported_media_type: "drop.unsupported", invalid_input: "drop.empty",
  rate_limited: "drop.rate_limited",
};
const ENDED = new Set(["link_expired", "link_revoked", "link_used_up", "not_found"]);

const section = document.querySelector("[data-deposit]");
if (section) {
  start(section, new Voice(document.querySelector("main")));
}

function start(section, voice) {
  voice.offerLanguages();
  window.addEventListener("hashchange", () => window.location.reload());
  if (section.dataset.status !== "active") {
    return;
  }
  const token = fragmentSecret();
  const intro = section.querySelector("[data-intro]");
  if (token === null) {
    voice.problem("drop.fragment");
    intro.hidden = true;
    return;
  }
  document.documentElement.classList.add("js");
  const form = section.querySelector("[data-drop-form]");
  const input = form.querySelector('input[type="file"]');
  const chosen = form.querySelector("[data-chosen]");
  input.addEventListener("change", () => {
    chosen.textContent = input.files[0] ? `${input.files[0].name} (${readableSize(input.files[0].size)})` : "";
  });
  form.hidden = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const file = input.files[0];
    if (!file) {
      voice.problem("drop.choose_first");
    } else if (file.size > Number(section.dataset.maxBytes)) {
      voice.problem("drop.too_large");
    } else {
      send(section, voice, token, form, file);
    }
  });
}

function send(section, voice, token, form, file) {
  const progress = form.querySelector("[data-progress]");
  const bar = progress.querySelector("progress");
  const text = progress.querySelector("[data-progress-text]");
  const button = form.querySelector('button[type="submit"]');
  const request = new XMLHttpRequest();
  request.open("POST", `/api/v1/deposit-links/${section.dataset.deposit}/files?filename=${encodeURIComponent(file.name)}`);
  request.setRequestHeader("X-Deposit-Token", token);
  request.setRequestHeader("Content-Type", file.type || "application/octet-stream");
  request.setRequestHeader("Accept", "application/json");
  request.upload.addEventListener("progress", (event) => {
    if (event.lengthComputable) {
      bar.value = Math.round((event.loaded * 100) / event.total);
      text.textContent = voice.text("drop.sending", { percent: bar.value });
    }
  });
  request.upload.addEventListener("load", () => {
    bar.removeAttribute("value");
    text.textContent = voice.text("drop.locking");
  });
  const done = () => {
    progress.hidden = true;
    button.disabled = false;
  };
  request.addEventListener("load", () => {
    done();
    finished(section, voice, form, request);
  });
  request.addEventListener("error", () => {
    done();
    voice.problem("drop.network");
  });
  voice.clearProblem();
  section.querySelector("[data-done]").hidden = true;
  button.disabled = true;
  progress.hidden = false;
  bar.value = 0;
  request.send(file);
}

function finished(section, voice, form, request) {
  let body = {};
  try {
    body = JSON.parse(request.responseText);
  } catch (ignored) {
    body = {};
  }
  if (request.status === 201) {
    form.reset();
    form.querySelector("[data-chosen]").textContent = "";
    section.querySelector("[data-done]").hidden = false;
    const remaining = section.querySelector("[data-remaining]");
    const values = { ...JSON.parse(remaining.dataset.values), n: body.remaining };
    remaining.dataset.values = JSON.stringify(values);
    remaining.textContent = voice.text("drop.remaining", values);
    if (body.remaining === 0) {
      form.hidden = true;
    }
    return;
  }
  const code = body.error || "error";
  if (ENDED.has(code)) {
    form.hidden = true;
  }
  voice.problem(ERRORS[code] || "drop.error");
}
