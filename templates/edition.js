(function () {
  "use strict";
  var root = document.documentElement;
  var toggle = document.getElementById("ui-toggle");
  if (toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var english = root.getAttribute("data-ui") !== "en";
      root.setAttribute("data-ui", english ? "en" : "ja");
      toggle.setAttribute("aria-pressed", english ? "true" : "false");
    });
  }

  /* the drawer (a details element, so it opens by keyboard without script): Escape closes it and
     gives focus back to its button; printing opens it so the overview is printed */
  var drawer = document.getElementById("drawer");
  if (drawer) {
    drawer.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.open) {
        drawer.open = false;
        drawer.querySelector("summary").focus();
      }
    });
    drawer.addEventListener("click", function (event) {
      var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
      if (link && !drawer.querySelector(".drawer-tabs").contains(link)) { drawer.open = false; }
    });
    window.addEventListener("beforeprint", function () { drawer.open = true; });
  }

  var lit = [];
  function clear() {
    lit.forEach(function (el) { el.classList.remove("peer", "lit"); });
    lit = [];
  }
  function owner(node) {
    return node && node.closest ? node.closest("[data-peers]") : null;
  }
  function light(el) {
    clear();
    if (!el) { return; }
    el.classList.add("lit");
    lit.push(el);
    el.getAttribute("data-peers").split(" ").forEach(function (id) {
      var peer = id ? document.getElementById(id) : null;
      if (peer) {
        peer.classList.add("peer");
        lit.push(peer);
      }
    });
  }

  var hovered = null;
  document.addEventListener("mouseover", function (event) {
    var el = owner(event.target);
    if (el !== hovered) {
      hovered = el;
      light(el);
    }
  });
  document.addEventListener("focusin", function (event) { light(owner(event.target)); });
  document.addEventListener("focusout", function () {
    clear();
    hovered = null;
  });

  var current = null;
  function show(target) {
    if (current) { current.classList.remove("current"); }
    current = target;
    target.classList.add("current");
    target.scrollIntoView({block: "center", inline: "nearest"});
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
    var target = link ? document.getElementById(link.getAttribute("href").slice(1)) : null;
    if (target) {
      window.requestAnimationFrame(function () { show(target); });
    }
  });
  if (window.location.hash.length > 1) {
    var first = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (first) { show(first); }
  }
}());
