/* Optional helper for pages that embed the report viewer in an <iframe>.
 * Include it once on the host page: <script src="https://YOUR-HOST/PATH/embed-resize.js" async></script>
 * The viewer posts {"type": "crt-viewer:height", "height": <CSS px>} (plus the Datawrapper-style
 * {"datawrapper-height": {"<id>": <px>}}) to its parent whenever its content height changes.
 * This script sets the height of the iframe that sent the message, and nothing else: it only
 * accepts a finite number between 100 and 100000 from a window that is one of this page's iframes. */
(function () {
  "use strict";
  if (window.__crtViewerResize) return;
  window.__crtViewerResize = true;
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (!data || typeof data !== "object" || data.type !== "crt-viewer:height") return;
    var height = Number(data.height);
    if (!isFinite(height) || height < 100 || height > 100000) return;
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = Math.ceil(height) + "px";
        return;
      }
    }
  });
})();
