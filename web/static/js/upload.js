// Upload with a progress bar. The same multipart form the page posts without
// JavaScript is sent to the JSON API with XMLHttpRequest (upload progress events)
// and the X-CSRF-Token header; the file part stays last, after the small fields.

const form = document.querySelector("form[data-upload]");
if (form) {
  enhance(form);
}

function enhance(form) {
  document.documentElement.classList.add("js");
  const messages = JSON.parse(form.dataset.messages || "{}");
  const input = form.querySelector('input[type="file"]');
  input.required = false;
  const chosen = form.querySelector("[data-chosen]");
  input.addEventListener("change", () => showChosen(chosen, input.files[0]));
  addFilePicker(form, input, chosen);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!input.files || input.files.length === 0) {
      showProblem(messages.invalid_input);
      return;
    }
    send(form, messages);
  });
}

// Camera capture cannot pick a PDF on many phones: offer a second, plain file chooser.
function addFilePicker(form, input, chosen) {
  const template = document.getElementById("pick-file-template");
  if (!template) {
    return;
  }
  const plain = document.createElement("input");
  plain.type = "file";
  plain.accept = input.accept;
  plain.hidden = true;
  const button = template.content.firstElementChild.cloneNode(true);
  button.addEventListener("click", () => plain.click());
  plain.addEventListener("change", () => {
    if (plain.files.length > 0) {
      input.files = plain.files;
      showChosen(chosen, input.files[0]);
    }
  });
  chosen.after(button, plain);
}

function showChosen(chosen, file) {
  if (file) {
    chosen.textContent = `${file.name} (${Math.max(1, Math.round(file.size / 1024))} KB)`;
  }
}

function send(form, messages) {
  const progress = form.querySelector("[data-progress]");
  const bar = progress.querySelector("progress");
  const text = progress.querySelector("[data-progress-text]");
  const button = form.querySelector('button[type="submit"]');
  const body = new FormData(form);
  const request = new XMLHttpRequest();
  request.open("POST", form.dataset.upload);
  request.setRequestHeader("X-CSRF-Token", form.elements.csrf_token.value);
  request.setRequestHeader("Accept", "application/json");
  request.upload.addEventListener("progress", (event) => {
    if (event.lengthComputable) {
      const percent = Math.round((event.loaded * 100) / event.total);
      bar.value = percent;
      text.textContent = messages.sending.replace("{percent}", String(percent));
    }
  });
  request.upload.addEventListener("load", () => {
    bar.removeAttribute("value");
    text.textContent = messages.locking;
  });
  request.addEventListener("load", () => finished(request, form, messages, () => reset(progress, button)));
  request.addEventListener("error", () => {
    reset(progress, button);
    showProblem(messages.network);
  });
  showProblem(null);
  button.disabled = true;
  progress.hidden = false;
  bar.value = 0;
  text.textContent = messages.sending.replace("{percent}", "0");
  request.send(body);
}

function finished(request, form, messages, undo) {
  if (request.status === 201) {
    window.location.assign(form.dataset.done || "/documents?notice=added");
    return;
  }
  if (request.status === 401) {
    window.location.assign("/login?next=" + encodeURIComponent(window.location.pathname));
    return;
  }
  undo();
  let code = "error";
  try {
    code = JSON.parse(request.responseText).error || "error";
  } catch (ignored) {
    code = "error";
  }
  showProblem(messages[code] || messages.error);
}

function reset(progress, button) {
  progress.hidden = true;
  button.disabled = false;
}

function showProblem(message) {
  const box = document.querySelector("[data-upload-problem]");
  box.hidden = !message;
  box.querySelector("span").textContent = message || "";
  if (message) {
    box.scrollIntoView({ block: "center" });
  }
}
