// The background export job's page: while the job runs, fetch its status every few seconds
// and put it in place (the element is a role="status" live region, so screen readers hear
// the change). Without JavaScript the page has a "刷新本页" link instead.
(function () {
  "use strict";
  var box = document.getElementById("export-job-status");
  if (!box || !box.dataset.pollUrl) return;
  var seconds = Number(box.dataset.pollSeconds) || 3;
  function poll() {
    fetch(box.dataset.pollUrl, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
      .then(function (html) {
        var finished = html.indexOf('data-job-finished') !== -1;
        box.innerHTML = html;
        if (!finished) window.setTimeout(poll, seconds * 1000);
      })
      .catch(function () { window.setTimeout(poll, seconds * 4000); });
  }
  window.setTimeout(poll, seconds * 1000);
})();
