// While documents on this page are still being read ("tagging…"), check the list
// now and then (it writes nothing to the journal) and reload once they are done,
// keeping the search the page shows.

const waiting = Array.from(document.querySelectorAll("[data-tagging]"), (badge) => badge.dataset.tagging);
if (waiting.length > 0) {
  poll(waiting, 0);
}

function poll(ids, round) {
  if (round >= 40) {
    return;
  }
  window.setTimeout(() => check(ids, round), 3000 + round * 1000);
}

async function check(ids, round) {
  try {
    const response = await fetch("/api/v1/documents", { headers: { Accept: "application/json" }, credentials: "same-origin" });
    if (response.status !== 200) {
      return;
    }
    const states = new Map((await response.json()).map((found) => [found.id, found.tag_state]));
    if (ids.some((id) => states.get(id) === "tagging")) {
      poll(ids, round + 1);
      return;
    }
    const kept = new URLSearchParams(window.location.search);
    kept.delete("notice");
    const query = kept.toString();
    window.location.replace(window.location.pathname + (query ? "?" + query : ""));
  } catch (ignored) {
    poll(ids, round + 1);
  }
}
