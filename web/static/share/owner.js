// The page showing a new link once: copy it, or hand it to the phone's share sheet.

const field = document.querySelector("[data-link-url]");
if (field) {
  offerCopy(field, document.querySelector("[data-copy]"), document.querySelector("[data-copied]"));
  offerShare(field, document.querySelector("[data-share]"));
  field.addEventListener("focus", () => field.select());
}

function offerCopy(field, button, copied) {
  if (!button || !navigator.clipboard) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(field.value);
      copied.hidden = false;
    } catch (ignored) {
      field.select();
    }
  });
}

function offerShare(field, button) {
  if (!button || typeof navigator.share !== "function") {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", () => {
    navigator.share({ url: field.value }).catch(() => field.select());
  });
}
