/* Review mode (annotator serve): a button beside each claim opens a panel to confirm, reject,
   re-relate or add links, re-pin citations, dismiss findings and change rebuttal tags. Each
   action is sent to the server (which writes links.toml and rebuilds), then the page is
   swapped in place, keeping the scroll positions and the focus. Corpus text is only ever
   set as textContent: nothing from the edition becomes markup here. */
(function () {
  "use strict";
  var config = window.ANNOTATOR_REVIEW;
  if (!config || !window.fetch || !window.DOMParser) { return; }
  var root = document.documentElement;
  var state = null;
  var openElement = null;
  var picking = null;
  var WORDS = {
    ja: {review: "レビュー", mode: "レビューモード", undo: "元に戻す", redo: "やり直す", confirm: "確認", reject: "却下",
         add: "リンクを追加", pick: "根拠の原文の段落・文をクリック（Escで中止）", pin: "節を指定", dismiss: "誤検出として外す",
         note: "メモ（任意）", tags: "反論の型", addTag: "型を追加", remove: "外す", links: "リンク", cites: "出典",
         findings: "指摘", dismissed: "外した指摘", stale: "適用できない修正", close: "閉じる", manual: "手動",
         saved: "links.toml に保存しました", working: "保存中…"},
    en: {review: "Review", mode: "Review mode", undo: "Undo", redo: "Redo", confirm: "Confirm", reject: "Reject",
         add: "Add a link", pick: "Click the source passage it rests on (Esc cancels)", pin: "Pin to section",
         dismiss: "Dismiss as false alarm", note: "Note (optional)", tags: "Rebuttal types", addTag: "Add type",
         remove: "Remove", links: "Links", cites: "Citations", findings: "Findings", dismissed: "Dismissed findings",
         stale: "Corrections not applied", close: "Close", manual: "manual", saved: "Saved to links.toml",
         working: "Saving…"}
  };
  function word(key) { return WORDS[state && state.lang === "en" ? "en" : "ja"][key]; }

  function make(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }
  function button(label, key, handler) {
    var node = make("button", {type: "button", "data-key": key}, label);
    node.addEventListener("click", handler);
    return node;
  }

  var bar = make("aside", {id: "review-bar", "aria-label": "Review", tabindex: "-1"});
  var panel = make("aside", {id: "review-panel", hidden: "", "aria-labelledby": "review-panel-h", tabindex: "-1"});
  var status = make("p", {id: "review-status", role: "status", "aria-live": "polite"});

  function post(path, body) {
    return fetch(path, {method: "POST", credentials: "same-origin", body: JSON.stringify(body || {}),
                        headers: {"Content-Type": "application/json", "X-Annotator-Token": config.token}})
      .then(function (response) {
        return response.json().then(function (data) {
          if (!response.ok) { throw new Error(data.error || response.statusText); }
          return data;
        });
      });
  }
  function run(path, body) {
    status.textContent = word("working");
    root.setAttribute("data-review-busy", "true");
    return post(path, body).then(function (next) {
      state = next;
      return fetch("/", {credentials: "same-origin"}).then(function (r) { return r.text(); });
    }).then(function (html) {
      swap(html);
      status.textContent = word("saved");
    }).catch(function (error) {
      status.textContent = String(error.message || error);
    }).then(function () { root.removeAttribute("data-review-busy"); });
  }
  function act(body) { return run("/api/action", body); }

  /* Replace the page's content with the rebuilt one, keeping scroll positions and focus. */
  function swap(html) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var focused = document.activeElement;
    var focusKey = focused && focused.getAttribute ? (focused.getAttribute("data-key") || focused.id) : "";
    var scrolls = Array.prototype.map.call(document.querySelectorAll(".pane"), function (pane) {
      return [pane.id, pane.scrollTop];
    });
    var panelScroll = panel.scrollTop;
    var x = window.scrollX, y = window.scrollY;
    /* the header (title, language switch wired by edition.js) never changes with a correction: kept */
    var header = document.body.querySelector(":scope > header");
    Array.prototype.slice.call(document.body.children).forEach(function (child) {
      if (child !== bar && child !== panel && child !== header && child.tagName !== "SCRIPT") { child.remove(); }
    });
    var before = header;
    Array.prototype.slice.call(fresh.body.children).forEach(function (child) {
      if (child.tagName === "HEADER" && header) {
        before = panel;
      } else if (child.tagName !== "SCRIPT") {
        document.body.insertBefore(document.adoptNode(child), before || panel);
      }
    });
    scrolls.forEach(function (pair) {
      var pane = document.getElementById(pair[0]);
      if (pane) { pane.scrollTop = pair[1]; }
    });
    window.scrollTo(x, y);
    decorate();
    drawBar();
    if (openElement) { drawPanel(openElement); }
    panel.scrollTop = panelScroll;
    var wanted = focusKey ? "[data-key=\"" + CSS.escape(focusKey) + "\"]" : "";
    var again = focusKey && (panel.querySelector(wanted) || bar.querySelector(wanted) || document.getElementById(focusKey));
    (again || (openElement ? panel : bar)).focus({preventScroll: true});
  }

  function claimsAt(element) {
    return state.claims.filter(function (c) { return c.element === element; });
  }

  function decorate() {
    var done = {};
    state.claims.forEach(function (claim) {
      if (done[claim.element]) { return; }
      var element = document.getElementById(claim.element);
      if (!element) { return; }
      done[claim.element] = true;
      var own = element.querySelector(":scope > .own") || element;
      var open = button("✎ " + word("review"), "open-" + claim.element, function (event) {
        event.preventDefault();
        drawPanel(claim.element);
        panel.focus();
      });
      open.className = "review-open";
      open.setAttribute("aria-controls", "review-panel");
      own.appendChild(open);
    });
  }

  function select(options, current, key, onChange) {
    var node = make("select", {"data-key": key});
    options.forEach(function (option) {
      var item = make("option", {value: option[0]}, option[1]);
      if (option[0] === current) { item.selected = true; }
      node.appendChild(item);
    });
    node.addEventListener("change", function () { onChange(node.value); });
    return node;
  }

  function drawLinks(claim, box) {
    box.appendChild(make("h4", {}, word("links")));
    var list = make("ol", {"class": "review-links"});
    claim.links.forEach(function (link) {
      var key = claim.unit + "|" + link.to;
      var row = make("li", {"data-to": link.to, "class": link.manual ? "manual" : ""});
      row.appendChild(make("a", {href: "#u-" + link.to}, link.name));
      row.appendChild(document.createTextNode(" "));
      row.appendChild(select([["supports", state.lang === "en" ? "supports" : "支持"],
                              ["rebuts", state.lang === "en" ? "rebuts" : "反論"]], link.relation, "relation|" + key,
                             function (value) { act({action: "relation", from: claim.unit, to: link.to, relation: value}); }));
      if (link.manual) { row.appendChild(make("span", {"class": "review-manual"}, word("manual"))); }
      row.appendChild(button(word("confirm"), "confirm|" + key,
                             function () { act({action: "confirm", from: claim.unit, to: link.to}); }));
      row.appendChild(button(word("reject"), "reject|" + key,
                             function () { act({action: "reject", from: claim.unit, to: link.to}); }));
      list.appendChild(row);
    });
    box.appendChild(list);
    box.appendChild(button(word("add"), "add|" + claim.unit, function () {
      picking = claim.unit;
      root.setAttribute("data-review-picking", "true");
      panel.hidden = true;  /* the source pane must be free to click */
      status.textContent = word("pick");
      bar.focus();
    }));
  }

  function drawCitations(claim, box) {
    if (!claim.citations.length) { return; }
    box.appendChild(make("h4", {}, word("cites")));
    var list = make("ul", {"class": "review-cites"});
    claim.citations.forEach(function (cite, i) {
      var row = make("li", {}, cite.marker + " → ");
      var options = state.sections.map(function (s) { return [s.id, s.name]; });
      if (!cite.section) { options.unshift(["", "—"]); }
      row.appendChild(select(options, cite.section || "", "pin|" + claim.unit + "|" + i,
                             function (value) { if (value) { act({action: "pin", unit: claim.unit, section: value}); } }));
      if (cite.manual) { row.appendChild(make("span", {"class": "review-manual"}, word("manual"))); }
      list.appendChild(row);
    });
    box.appendChild(list);
  }

  function drawTags(claim, box) {
    if (!claim.taggable) { return; }
    box.appendChild(make("h4", {}, word("tags")));
    var kinds = state.tag_kinds.map(function (k) { return [k.id, k.label]; });
    var have = claim.tags.map(function (t) { return t.kind; });
    var list = make("ul", {"class": "review-tags"});
    claim.tags.forEach(function (tag) {
      var row = make("li", {"data-kind": tag.kind});
      var others = kinds.filter(function (k) { return k[0] === tag.kind || have.indexOf(k[0]) < 0; });
      row.appendChild(select(others, tag.kind, "retag|" + claim.unit + "|" + tag.kind, function (value) {
        if (value !== tag.kind) { act({action: "tag", unit: claim.unit, remove: tag.kind, add: value}); }
      }));
      row.appendChild(button(word("remove"), "untag|" + claim.unit + "|" + tag.kind,
                             function () { act({action: "tag", unit: claim.unit, remove: tag.kind}); }));
      list.appendChild(row);
    });
    var free = kinds.filter(function (k) { return have.indexOf(k[0]) < 0; });
    if (free.length) {
      var row = make("li");
      var choice = select(free, free[0][0], "newtag|" + claim.unit, function () {});
      row.appendChild(choice);
      row.appendChild(button(word("addTag"), "tag|" + claim.unit,
                             function () { act({action: "tag", unit: claim.unit, add: choice.value}); }));
      list.appendChild(row);
    }
    box.appendChild(list);
  }

  function drawFindings(claim, box) {
    if (!claim.findings.length) { return; }
    box.appendChild(make("h4", {}, word("findings")));
    var list = make("ul", {"class": "review-findings"});
    claim.findings.forEach(function (finding, i) {
      var row = make("li", {"data-kind": finding.kind});
      row.appendChild(make("strong", {}, finding.label));
      row.appendChild(make("span", {}, " " + finding.detail + " "));
      var note = make("input", {type: "text", maxlength: "500", placeholder: word("note"), "aria-label": word("note"),
                                "data-key": "note|" + claim.unit + "|" + i});
      row.appendChild(note);
      row.appendChild(button(word("dismiss"), "dismiss|" + claim.unit + "|" + i, function () {
        var body = {action: "dismiss", unit: claim.unit, kind: finding.kind, note: note.value};
        if (finding.target) { body.target = finding.target; }
        if (finding.quote) { body.quote = finding.quote; }
        act(body);
      }));
      list.appendChild(row);
    });
    box.appendChild(list);
  }

  function drawPanel(element) {
    openElement = element;
    panel.textContent = "";
    panel.hidden = false;
    var claims = claimsAt(element);
    panel.appendChild(make("h3", {id: "review-panel-h"}, claims.map(function (c) { return c.name; }).join(" · ")));
    panel.appendChild(button(word("close"), "close", function () {
      panel.hidden = true;
      openElement = null;
    }));
    claims.forEach(function (claim) {
      var box = make("section", {"class": "review-claim", "data-unit": claim.unit});
      if (claims.length > 1) { box.appendChild(make("h4", {"class": "review-name"}, claim.name)); }
      drawLinks(claim, box);
      drawCitations(claim, box);
      drawTags(claim, box);
      drawFindings(claim, box);
      panel.appendChild(box);
    });
  }

  function drawBar() {
    bar.textContent = "";
    bar.appendChild(make("strong", {}, word("mode")));
    var undo = button(word("undo") + " (" + state.history.undo + ")", "undo", function () { run("/api/undo"); });
    var redo = button(word("redo") + " (" + state.history.redo + ")", "redo", function () { run("/api/redo"); });
    undo.disabled = !state.history.undo;
    redo.disabled = !state.history.redo;
    bar.appendChild(undo);
    bar.appendChild(redo);
    bar.appendChild(status);
    [["stale", state.stale.map(function (line) { return [line, ""]; })],
     ["dismissed", state.dismissed.map(function (d) {
       return [d.name + " · " + d.label + ": " + d.detail, d.note];
     })]].forEach(function (group) {
      if (!group[1].length) { return; }
      var box = make("details", {"class": "review-" + group[0], open: ""});
      box.appendChild(make("summary", {}, word(group[0]) + " (" + group[1].length + ")"));
      var list = make("ul");
      group[1].forEach(function (item) {
        var row = make("li", {}, item[0]);
        if (item[1]) { row.appendChild(make("em", {}, " — " + item[1])); }
        list.appendChild(row);
      });
      box.appendChild(list);
      bar.appendChild(box);
    });
  }

  document.addEventListener("click", function (event) {
    if (!picking || panel.contains(event.target) || bar.contains(event.target)) { return; }
    var node = event.target.closest ? event.target.closest("[id^='u-']") : null;
    while (node && !Object.prototype.hasOwnProperty.call(state.targets, node.id.slice(2))) {
      node = node.parentElement ? node.parentElement.closest("[id^='u-']") : null;
    }
    if (!node) { return; }
    event.preventDefault();
    event.stopPropagation();
    var from = picking;
    picking = null;
    root.removeAttribute("data-review-picking");
    act({action: "add", from: from, to: node.id.slice(2)});
  }, true);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && picking) {
      picking = null;
      root.removeAttribute("data-review-picking");
      status.textContent = "";
      if (openElement) { drawPanel(openElement); }
    } else if (event.key === "Escape" && !panel.hidden && panel.contains(document.activeElement)) {
      var opener = document.querySelector("[data-key=\"open-" + CSS.escape(openElement) + "\"]");
      panel.hidden = true;
      openElement = null;
      if (opener) { opener.focus(); }
    }
  });

  root.setAttribute("data-review", "on");
  document.body.appendChild(panel);
  document.body.appendChild(bar);
  fetch("/api/state", {credentials: "same-origin"}).then(function (r) { return r.json(); }).then(function (data) {
    state = data;
    decorate();
    drawBar();
    root.setAttribute("data-review-ready", "true");
  });
}());
