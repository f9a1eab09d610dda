// Show the print buttons ([data-print]) only where JavaScript runs, and print on click;
// the "use the browser's print" hint ([data-print-hint]) is then not needed.
document.querySelectorAll("[data-print]").forEach(function (button) {
  if (button.dataset.printReady) return; // wired once, even if this file runs twice
  button.dataset.printReady = "1";
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
document.querySelectorAll("[data-print-hint]").forEach(function (hint) { hint.hidden = true; });
