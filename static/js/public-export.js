// The "正在生成 Excel 文件" page: ask with HEAD every few seconds whether the file is ready
// (the same URL answers 202 while it is written, 200 with the file when done), then start
// the download once and say so in the role="status" region. Without JavaScript the page
// has a "刷新本页" link instead.
(function () {
  "use strict";
  var box = document.getElementById("public-export-status");
  if (!box || !box.dataset.fileUrl) return;
  var seconds = Number(box.dataset.pollSeconds) || 5;
  function poll() {
    fetch(box.dataset.fileUrl, { method: "HEAD", credentials: "same-origin" })
      .then(function (response) {
        if (response.status === 200) {
          box.innerHTML = "<p>文件已生成，正在开始下载。如未开始，请点击下方“刷新本页”。</p>";
          window.location.href = box.dataset.fileUrl;
        } else {
          window.setTimeout(poll, seconds * 1000);
        }
      })
      .catch(function () { window.setTimeout(poll, seconds * 3000); });
  }
  window.setTimeout(poll, seconds * 1000);
})();
