// A live hint of how hard a new passphrase is to guess. It only advises: the
// server applies the real rules (minimum length, guessable choices).

for (const input of document.querySelectorAll("input[data-strength]")) {
  const meter = document.getElementById(input.dataset.strength);
  if (meter) {
    input.addEventListener("input", () => show(meter, input.value));
  }
}

function show(meter, value) {
  meter.hidden = value.length === 0;
  const level = strength(value, Number(meter.dataset.min || "10"));
  meter.dataset.level = String(level);
  meter.querySelector(".label").textContent = meter.getAttribute(`data-label-${level}`) || "";
}

function strength(value, min) {
  if (value.length < min) {
    return 0;
  }
  if (new Set(value.toLowerCase()).size < 5) {
    return 1;
  }
  const words = value.trim().split(/\s+/).filter(Boolean).length;
  if (value.length >= 32 || (value.length >= 24 && words >= 4)) {
    return 4;
  }
  if (value.length >= 16 || words >= 3) {
    return 3;
  }
  return 2;
}
