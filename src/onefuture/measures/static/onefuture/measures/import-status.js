// Import status page, progressive enhancement. Without JavaScript the page offers a "Check again
// now" link; with it, while an import runs, the page re-fetches itself every few seconds and
// swaps in the new status, with a checkbox to turn that off (remembered in localStorage), so
// nothing refreshes behind the reader's back (WCAG 2.2.1, which <meta http-equiv="refresh">
// fails). When the import ends, the result replaces the status and is announced politely.
(function () {
  "use strict";
  var KEY = "onefuture.importStatus.autoCheck";

  function region(doc) {
    return doc.querySelector("[data-import-status]");
  }

  function remembered() {
    try {
      return window.localStorage.getItem(KEY) !== "off";
    } catch (e) {
      return true;
    }
  }

  function remember(on) {
    try {
      window.localStorage.setItem(KEY, on ? "on" : "off");
    } catch (e) {
      /* private browsing: the choice lasts for this page only */
    }
  }

  function start() {
    var root = region(document);
    if (!root || root.getAttribute("data-running") !== "true") return;
    var control = root.querySelector("[data-import-auto]");
    var box = control && control.querySelector("input[type=checkbox]");
    var announce = document.querySelector("[data-import-announce]");
    if (!control || !box || typeof window.fetch !== "function") return;
    var seconds = Number(root.getAttribute("data-refresh-seconds")) || 5;
    var timer = null;

    box.checked = remembered();
    control.hidden = false;

    function schedule() {
      window.clearTimeout(timer);
      timer = box.checked ? window.setTimeout(check, seconds * 1000) : null;
    }

    function check() {
      window
        .fetch(window.location.href, { credentials: "same-origin", cache: "no-store" })
        .then(function (response) {
          if (!response.ok) throw new Error("status " + response.status);
          return response.text();
        })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var fresh = region(doc);
          if (!fresh) throw new Error("no status on the page");
          if (fresh.getAttribute("data-running") === "true") {
            var now = root.querySelector("[data-import-state]");
            var next = fresh.querySelector("[data-import-state]");
            if (now && next && now.textContent !== next.textContent) {
              now.textContent = next.textContent;
            }
            schedule();
            return;
          }
          window.clearTimeout(timer);
          document.title = doc.title;
          root.replaceWith(document.adoptNode(fresh));
          if (announce) {
            var heading = fresh.querySelector("[data-import-result]");
            announce.textContent = "The import has finished. " + (heading ? heading.textContent : "");
          }
        })
        .catch(schedule);
    }

    box.addEventListener("change", function () {
      remember(box.checked);
      schedule();
    });
    schedule();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
