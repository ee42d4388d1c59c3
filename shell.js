// The page shell's boot script: classic, tiny and render-blocking on purpose, so it runs before
// the body is parsed and the first paint already has the right layout. It
// - marks the document as scripted (`js`: the controls that need the app are shown);
// - applies the embed layout (`embed=1`);
// - hides the pre-rendered events while the address asks for another view (`view-pending`) or
//   another report (`report-pending`); the app removes the class once it has applied the state;
// - opens and closes the disclosures (`data-disclosure`: the filters on narrow screens, the
//   timeline and map summaries), before and after the app starts, with no state lost;
// - starts the app once the first view has been painted (Paint Timing's first contentful
//   paint): inserts the loader script and the preloads of the app's JS and wasm that the build
//   keeps in <template id="app-start">, so the first paint competes with no download or
//   start-up work (tools/defer-app.mjs);
// - remembers a button pressed before the app is ready and presses it again once it is;
// - if the app cannot start (its script or wasm fails to load), shows the static page as it is
//   and says so (`app-failed`).
// No inline script or style anywhere: the strict CSP holds. The app sets data-app="ready".
(function () {
  "use strict";
  var root = document.documentElement;
  var params = new URLSearchParams(location.search);
  // The parameters that change which events are shown, or how (see docs/search-and-url.md);
  // others (embed, id, cite, para, unknown ones) leave the pre-rendered events as they are.
  var view = { q: 1, cat: 1, place: 1, actor: 1, month: 1, from: 1, to: 1, sort: 1, event: 1 };
  root.classList.add("js");
  var embed = params.get("embed");
  if (embed !== null && /^(|1|true|yes)$/.test(embed.trim())) root.classList.add("embed");
  // The report the address names: the last non-empty `report`, as the app reads it
  // (report_core::url_state).
  var report = params.getAll("report").filter(function (r) { return r.trim() !== ""; }).pop();
  // A collection (`collection` without `report`) is another page than the pre-rendered one too.
  var collection = params.getAll("collection").filter(function (r) { return r.trim() !== ""; }).pop();
  if (report !== undefined || collection !== undefined) {
    root.classList.add("report-pending");
  } else {
    params.forEach(function (value, key) {
      if (view[key]) root.classList.add("view-pending");
    });
  }

  document.addEventListener("click", function (e) {
    var button = e.target instanceof Element && e.target.closest("[data-disclosure]");
    if (!button) return;
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    var host = button.closest("[data-open]");
    if (host) host.setAttribute("data-open", String(open));
  });

  // A button of the app pressed before the app is ready (the pre-rendered page shows them from
  // its first paint) is remembered, the last one only, marked busy, and pressed again as soon
  // as the app has taken the page over: the press is never lost.
  var pending = null;
  function forget() {
    if (pending) pending.removeAttribute("aria-busy");
    pending = null;
  }
  document.addEventListener("click", function (e) {
    if (root.getAttribute("data-app") === "ready") return;
    var button = e.target instanceof Element && e.target.closest("button:not([data-disclosure])");
    if (!button) return;
    forget();
    pending = button;
    button.setAttribute("aria-busy", "true");
  });
  new MutationObserver(function () {
    if (root.getAttribute("data-app") !== "ready" || !pending) return;
    var button = pending;
    forget();
    if (button.isConnected) button.click();
  }).observe(root, { attributes: true, attributeFilter: ["data-app"] });

  var started = false;
  function start() {
    var t = document.getElementById("app-start");
    if (started || !t) return;
    started = true;
    document.head.appendChild(t.content.cloneNode(true));
  }
  // Once the first contentful paint is on screen (Paint Timing), then a task. Not at the first
  // animation frame: Chromium runs a few frames' callbacks before it paints anything, and the
  // app's start-up would then delay the first paint. Where Paint Timing is missing, two frames
  // and a task; in any case at most 3 s after this script. A page in a background tab paints
  // nothing: there the load event starts the app. Not in a visible one, for the same reason.
  function later() {
    setTimeout(start, 0);
  }
  var types = window.PerformanceObserver && PerformanceObserver.supportedEntryTypes;
  if (types && types.indexOf("paint") >= 0) {
    new PerformanceObserver(function (list) {
      if (list.getEntriesByName("first-contentful-paint").length) later();
    }).observe({ type: "paint", buffered: true });
  } else {
    requestAnimationFrame(function () {
      requestAnimationFrame(later);
    });
  }
  setTimeout(start, 3000);
  window.addEventListener("load", function () {
    if (document.visibilityState === "hidden") start();
  });

  function failed() {
    // Only before the app has started: once it has, it says its failures in place.
    if (root.hasAttribute("data-app")) return;
    root.classList.add("app-failed");
    forget();
    root.classList.remove("view-pending");
  }
  // A script, module or wasm that fails to load (capture: load errors do not bubble).
  window.addEventListener("error", function (e) {
    var t = e.target;
    if (t && t !== window && (t.tagName === "SCRIPT" || t.tagName === "LINK")) failed();
    else if (!(t && t !== window)) failed();
  }, true);
  window.addEventListener("unhandledrejection", failed);
})();
