// The recovery sheet's Print button (hidden when JavaScript is off: the browser menu still prints).
for (const button of document.querySelectorAll("[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
