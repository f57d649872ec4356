/* The graph explorer: panels, filters, search, path, colour, size, export and level-of-detail labels
   over the batched canvas renderer of canvas.js. kgExplore(root, data) wires one view inside `root`; several views may share a page
   (and one copy of the scripts). The data comes from kg/views/render.py. */
(function () {
  "use strict";
  if (window.kgExplore) { return; }
  var MODALITIES = ["asserted", "planned", "hypothetical", "reported"];
  var DASHES = {planned: [8, 5], hypothetical: [2, 5], reported: [10, 4, 2, 4]};
  var LABEL_PX = 13, EDGE_LABEL_PX = 11, MAX_LABELS = 250, MAX_EDGE_LABELS = 150, TIP_ITEMS = 6;
  var LIST_CAP = 30;

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"}[c];
    });
  }
  function el(tag, attrs, html) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (html !== undefined) { e.innerHTML = html; }
    return e;
  }
  function fold(s) { return String(s).toLocaleLowerCase(); }
  function csvCell(v) {
    var s = String(v === undefined || v === null ? "" : v);
    return /[",\n\r]/.test(s) ? "\"" + s.replace(/"/g, "\"\"") + "\"" : s;
  }
  function download(root, name, href) {
    var a = el("a", {href: href, download: name});
    a.style.display = "none";
    root.appendChild(a);
    a.click();
    root.removeChild(a);
  }

  window.kgExplore = function (root, D) {
    var $ = function (sel) { return root.querySelector(sel); };
    var $$ = function (sel) { return Array.prototype.slice.call(root.querySelectorAll(sel)); };
    var byId = new Map(), edgeById = new Map(), adj = new Map();
    D.nodes.forEach(function (n) { byId.set(n.id, n); adj.set(n.id, []); });
    D.edges.forEach(function (e) {
      edgeById.set(e.id, e);
      adj.get(e.from).push(e);
      if (e.to !== e.from) { adj.get(e.to).push(e); }
    });
    var big = D.edges.length > 1500 || D.nodes.length > 1000;
    var F = {
      classes: new Set(D.nodes.map(function (n) { return n.cls; })),
      relations: new Set(D.edges.map(function (e) { return e.label; })),
      modalities: new Set(MODALITIES), conf: 0, from: "", to: "",
      publishers: new Set(D.documents.map(function (d) { return d.publisher; })),
      allPublishers: 0, hidden: new Set(), forced: new Set(), collapsed: new Set(), onlyLinked: false
    };
    F.allPublishers = F.publishers.size;
    var measure = "pr", colourBy = "class";

    // ---- the network
    function nodeSize(n) {
      var top = D.meta.max[measure] || 1;
      return Math.round((8 + 28 * Math.sqrt((n[measure] || 0) / top)) * 10) / 10;
    }
    function nodeColour(n) {
      var c = colourBy === "community"
        ? (n.comm >= 0 && n.comm < D.meta.communityColours.length && D.meta.communitySizes[n.comm] > 1
          ? D.meta.communityColours[n.comm] : D.meta.otherCommunity)
        : D.meta.classColours[n.cls];
      return n.id === D.meta.centre ? {background: c, border: "#111111"} : c;
    }
    var nodes = new KGNetwork.DataSet(D.nodes.map(function (n) {
      return {id: n.id, x: n.x, y: n.y, label: "", size: nodeSize(n), color: nodeColour(n),
              borderWidth: n.id === D.meta.centre ? 4 : 1};
    }));
    var edges = new KGNetwork.DataSet(D.edges.map(function (e) {
      return {id: e.id, from: e.from, to: e.to, dashes: e.dashes, smooth: e.smooth,
              width: 1 + Math.min(3, Math.log2(1 + e.st.length) / 2)};
    }));
    var container = $(".kg-network");
    var options = D.options;
    var network = new KGNetwork(container, {nodes: nodes, edges: edges}, options);
    root.kgNetwork = network;
    root.setAttribute("data-node-count", String(D.nodes.length));
    root.setAttribute("data-edge-count", String(D.edges.length));

    // ---- filters
    function docPassesDates(d) {
      if (F.from && (!d.date || d.date.slice(0, 10) < F.from)) { return false; }
      if (F.to && (!d.date || d.date.slice(0, 10) > F.to)) { return false; }
      return true;
    }
    function docFilterOn() { return !!(F.from || F.to || F.publishers.size < F.allPublishers); }
    function docPasses(di) {
      if (!docFilterOn()) { return true; }
      var d = di >= 0 ? D.documents[di] : null;
      return !!d && docPassesDates(d) && F.publishers.has(d.publisher);
    }
    function stmtPasses(si) {
      var st = D.statements[si];
      return F.modalities.has(st[2]) && docPasses(st[1]);
    }
    function edgePasses(e) {
      if (!F.relations.has(e.label) || e.conf < F.conf) { return false; }
      if (!e.st.length) { return F.modalities.has(e.modality) && !docFilterOn(); }
      return e.st.some(stmtPasses);
    }
    function nodePasses(n) {
      if (F.hidden.has(n.id)) { return false; }
      if (F.forced.has(n.id)) { return true; }
      if (F.collapsed.has(n.id) || !F.classes.has(n.cls)) { return false; }
      return !docFilterOn() || n.docs.some(docPasses);
    }
    var shown = new Set(), visibleEdges = new Set();
    function apply() {
      var next = new Set(), linked = new Set(), nextEdges = new Set();
      D.nodes.forEach(function (n) { if (nodePasses(n)) { next.add(n.id); } });
      D.edges.forEach(function (e) {
        if (next.has(e.from) && next.has(e.to) && edgePasses(e)) {
          nextEdges.add(e.id); linked.add(e.from); linked.add(e.to);
        }
      });
      if (F.onlyLinked) { next = new Set(Array.from(next).filter(function (id) { return linked.has(id) || F.forced.has(id); })); }
      var nu = [], eu = [];
      D.nodes.forEach(function (n) { if (next.has(n.id) !== shown.has(n.id) || !apply.done) { nu.push({id: n.id, hidden: !next.has(n.id)}); } });
      D.edges.forEach(function (e) { if (nextEdges.has(e.id) !== visibleEdges.has(e.id) || !apply.done) { eu.push({id: e.id, hidden: !nextEdges.has(e.id)}); } });
      shown = next; visibleEdges = nextEdges; apply.done = true;
      if (nu.length) { nodes.update(nu); }
      if (eu.length) { edges.update(eu); }
      counts();
      scheduleLod();
    }
    function counts() {
      $(".kg-counts").textContent = shown.size.toLocaleString("en") + " of " + D.nodes.length.toLocaleString("en") +
        " entities, " + visibleEdges.size.toLocaleString("en") + " of " + D.edges.length.toLocaleString("en") + " relations";
      root.setAttribute("data-visible-count", String(shown.size));
      root.setAttribute("data-visible-edges", String(visibleEdges.size));
      var perClass = {};
      shown.forEach(function (id) { var c = byId.get(id).cls; perClass[c] = (perClass[c] || 0) + 1; });
      $$(".kg-class-count").forEach(function (span) {
        var c = span.getAttribute("data-class");
        span.textContent = "(" + (perClass[c] || 0) + "/" + span.getAttribute("data-total") + ")";
      });
      var hidden = $(".kg-hidden");
      hidden.style.display = F.hidden.size ? "" : "none";
      $(".kg-hidden-count").textContent = String(F.hidden.size);
    }
    function boxes(kind) { return $$("input[data-" + kind + "]"); }
    function readBoxes(kind, set) {
      set.clear();
      boxes(kind).forEach(function (b) { if (b.checked) { set.add(b.getAttribute("data-" + kind)); } });
    }
    [["class", F.classes], ["relation", F.relations], ["modality", F.modalities], ["publisher", F.publishers]]
      .forEach(function (pair) {
        var kind = pair[0], set = pair[1];
        boxes(kind).forEach(function (b) { b.addEventListener("change", function () { readBoxes(kind, set); apply(); }); });
        $$("button[data-all='" + kind + "'], button[data-none='" + kind + "']").forEach(function (btn) {
          btn.addEventListener("click", function () {
            var on = btn.hasAttribute("data-all");
            boxes(kind).forEach(function (b) { b.checked = on; });
            readBoxes(kind, set); apply();
          });
        });
      });
    var conf = $(".kg-conf");
    conf.addEventListener("input", function () {
      F.conf = parseFloat(conf.value) || 0;
      $(".kg-conf-value").textContent = F.conf.toFixed(2);
      apply();
    });
    [".kg-date-from", ".kg-date-to"].forEach(function (sel) {
      $(sel).addEventListener("change", function () { F.from = $(".kg-date-from").value; F.to = $(".kg-date-to").value; apply(); });
    });
    $(".kg-only-linked").addEventListener("change", function (ev) { F.onlyLinked = ev.target.checked; apply(); });
    $(".kg-unhide").addEventListener("click", function () { F.hidden.clear(); apply(); });

    // ---- level of detail: labels only where they fit, relation labels when zoomed in
    var labelled = new Set(), edgeLabelled = new Set(), hoverEdge = null, lodTimer = null, moving = false;
    function scheduleLod() { clearTimeout(lodTimer); lodTimer = setTimeout(lod, 80); }
    function lod() {
      if (moving) { return; }
      var scale = network.getScale(), view = network.getViewPosition();
      var w = container.clientWidth, h = container.clientHeight;
      var x0 = view.x - w / 2 / scale, x1 = view.x + w / 2 / scale, y0 = view.y - h / 2 / scale, y1 = view.y + h / 2 / scale;
      var body = network.body.nodes, inView = [];
      shown.forEach(function (id) {
        var b = body[id];
        if (b && b.x >= x0 && b.x <= x1 && b.y >= y0 && b.y <= y1) { inView.push(byId.get(id)); }
      });
      var selected = root.getAttribute("data-selected");
      inView.sort(function (a, b) { return (b.id === selected) - (a.id === selected) || (b[measure] - a[measure]) || (a.id < b.id ? -1 : 1); });
      var taken = [], accepted = new Set();
      for (var i = 0; i < inView.length && accepted.size < MAX_LABELS; i++) {
        var n = inView[i], b = body[n.id];
        var sx = (b.x - x0) * scale, sy = (b.y - y0) * scale + (nodes.get(n.id).size || 10) * scale + 2;
        var bw = n.label.length * LABEL_PX * 0.56 + 6, bh = LABEL_PX + 4;
        var box = [sx - bw / 2, sy, sx + bw / 2, sy + bh];
        var clash = taken.some(function (t) { return box[0] < t[2] && box[2] > t[0] && box[1] < t[3] && box[3] > t[1]; });
        if (!clash) { taken.push(box); accepted.add(n.id); }
      }
      var nu = [];
      accepted.forEach(function (id) { nu.push({id: id, label: byId.get(id).label, font: {size: LABEL_PX / scale, vadjust: 0}}); });
      labelled.forEach(function (id) { if (!accepted.has(id)) { nu.push({id: id, label: ""}); } });
      labelled = accepted;
      if (nu.length) { nodes.update(nu); }
      root.setAttribute("data-label-count", String(accepted.size));
      root.setAttribute("data-scale", scale.toFixed(3));
      var wantEdges = new Set();
      if (scale >= 0.8) {
        visibleEdges.forEach(function (id) {
          if (wantEdges.size >= MAX_EDGE_LABELS) { return; }
          var e = edgeById.get(id), a = body[e.from], c = body[e.to];
          if (a.x >= x0 && a.x <= x1 && a.y >= y0 && a.y <= y1 && c.x >= x0 && c.x <= x1 && c.y >= y0 && c.y <= y1) { wantEdges.add(id); }
        });
      }
      if (hoverEdge) { wantEdges.add(hoverEdge); }
      var eu = [];
      wantEdges.forEach(function (id) { if (!edgeLabelled.has(id)) { eu.push({id: id, label: edgeById.get(id).label, font: {size: EDGE_LABEL_PX / scale}}); } });
      edgeLabelled.forEach(function (id) { if (!wantEdges.has(id)) { eu.push({id: id, label: ""}); } });
      edgeLabelled = wantEdges;
      if (eu.length) { edges.update(eu); }
      root.setAttribute("data-edge-label-count", String(wantEdges.size));
    }
    network.on("dragStart", function () { moving = true; });
    network.on("dragEnd", function () { moving = false; scheduleLod(); });
    network.on("zoom", function () { moving = false; scheduleLod(); });
    network.on("animationFinished", scheduleLod);
    network.once("afterDrawing", function () {
      root.setAttribute("data-drawn", "true");
      root.setAttribute("data-drawn-at", String(Math.round(performance.now())));
    });

    // ---- tooltips: a bounded summary; the panel has everything
    var tip = $(".kg-tip");
    function nodeSummary(n) {
      var rel = adj.get(n.id).filter(function (e) { return visibleEdges.has(e.id); });
      var lines = ["<b>" + esc(n.label) + "</b>", esc(n.classes.join(" / "))];
      if (n.aliases.length) { lines.push("also: " + esc(n.aliases.slice(0, 5).join(", ")) + (n.aliases.length > 5 ? " …" : "")); }
      rel.slice(0, TIP_ITEMS).forEach(function (e) { lines.push(esc(relationText(e, n.id))); });
      if (rel.length > TIP_ITEMS) { lines.push("<i>" + (rel.length - TIP_ITEMS) + " more relations: click for all</i>"); }
      return lines.join("<br>");
    }
    function linkModality(e) {
      // as the link's dashes say: a fact only ever asserted by someone quoted is reported
      return e.hedged && e.modality === "asserted" ? "reported" : e.modality;
    }
    function edgeSummary(e) {
      var lines = ["<b>" + esc(byId.get(e.from).label + " — " + e.label + " → " + byId.get(e.to).label) + "</b>"];
      if (linkModality(e) !== "asserted") { lines.push("modality: " + esc(linkModality(e))); }
      e.st.slice(0, 2).forEach(function (si) {
        var st = D.statements[si], text = D.texts[st[0]];
        var mod = st[2] !== "asserted" ? "<i>" + esc(st[2]) + ":</i> " : "";
        lines.push(mod + "“" + esc(text.length > 160 ? text.slice(0, 157) + "…" : text) + "” " + esc(docName(st[1])));
      });
      if (e.st.length > 2) { lines.push("<i>" + (e.st.length - 2) + " more sentences: click for all</i>"); }
      return lines.join("<br>");
    }
    function showTip(html, pointer) {
      tip.innerHTML = html;
      tip.style.display = "block";
      var w = container.clientWidth, x = Math.min(pointer.x + 14, w - tip.offsetWidth - 8);
      tip.style.left = Math.max(4, x) + "px";
      tip.style.top = Math.max(4, Math.min(pointer.y + 14, container.clientHeight - tip.offsetHeight - 8)) + "px";
    }
    network.on("hoverNode", function (p) { showTip(nodeSummary(byId.get(p.node)), p.pointer.DOM); });
    network.on("blurNode", function () { tip.style.display = "none"; });
    network.on("hoverEdge", function (p) {
      showTip(edgeSummary(edgeById.get(p.edge)), p.pointer.DOM);
      hoverEdge = p.edge; lod();
    });
    network.on("blurEdge", function () { tip.style.display = "none"; hoverEdge = null; lod(); });

    // ---- panels
    var panel = $(".kg-panel"), panelBody = $(".kg-panel-body");
    function docName(di) {
      if (di < 0) { return ""; }
      var d = D.documents[di];
      return "[" + (d.title || d.id) + (d.date ? ", " + d.date.slice(0, 10) : "") + (d.publisher ? ", " + d.publisher : "") + "]";
    }
    function docLink(di) {
      if (di < 0) { return ""; }
      var d = D.documents[di];
      var title = esc(d.title || "document " + d.id);
      var link = d.url ? "<a href=\"" + esc(d.url) + "\" target=\"_blank\" rel=\"noopener\">" + title + "</a>" : title;
      return "<span class=\"kg-doc\">" + link + (d.date ? " · " + esc(d.date.slice(0, 10)) : "") +
        (d.publisher ? " · " + esc(d.publisher) : "") + "</span>";
    }
    function relationText(e, from) {
      return e.from === from ? "→ " + e.label + " → " + byId.get(e.to).label : "← " + byId.get(e.from).label + " " + e.label;
    }
    function sentenceItem(si) {
      var st = D.statements[si];
      var bits = [];
      if (st[2] !== "asserted") { bits.push("<span class=\"kg-mod kg-mod-" + esc(st[2]) + "\">" + esc(st[2]) + "</span>"); }
      if (st[4].length) { bits.push("according to " + esc(st[4].join(", "))); }
      bits.push("confidence " + st[3].toFixed(2));
      return "<li class=\"kg-sentence\"><q>" + esc(D.texts[st[0]]) + "</q><br>" + docLink(st[1]) +
        " <span class=\"kg-qual\">" + bits.join(" · ") + "</span></li>";
    }
    function openPanel(html, kind, id) {
      panelBody.innerHTML = html;
      panel.style.display = "flex";
      panelBody.scrollTop = 0;
      root.setAttribute("data-panel", kind);
      root.setAttribute("data-panel-id", id);
    }
    function entityPanel(id) {
      var n = byId.get(id), rel = adj.get(id).slice();
      rel.sort(function (a, b) {
        var oa = byId.get(a.from === id ? a.to : a.from), ob = byId.get(b.from === id ? b.to : b.from);
        return (b.st.length - a.st.length) || (ob.pr - oa.pr) || (a.id < b.id ? -1 : 1);
      });
      var html = "<h2>" + esc(n.label) + "</h2><p class=\"kg-classes\">" + esc(n.classes.join(" / ")) + "</p>";
      if (n.aliases.length) { html += "<p><b>Also:</b> " + esc(n.aliases.join(", ")) + "</p>"; }
      if (n.roles.length) { html += "<p><b>Roles:</b> " + esc(n.roles.join("; ")) + "</p>"; }
      n.wd.forEach(function (q) {
        html += "<p><b>Wikidata:</b> <a class=\"kg-wikidata\" href=\"" + esc(q.replace("http://www.wikidata.org/entity/", "https://www.wikidata.org/wiki/")) +
          "\" target=\"_blank\" rel=\"noopener\">" + esc(q.split("/").pop()) + "</a></p>";
      });
      html += "<div class=\"kg-actions\"><button data-act=\"expand\">Expand neighbours</button>" +
        "<button data-act=\"collapse\">Collapse neighbours</button><button data-act=\"hide\">Hide</button>" +
        "<button data-act=\"from\">Path from here</button><button data-act=\"to\">Path to here</button></div>";
      var outs = rel.filter(function (e) { return e.from === id; }), ins = rel.filter(function (e) { return e.from !== id; });
      [["Facts out", outs], ["Facts in", ins]].forEach(function (group) {
        html += "<h3>" + group[0] + " (" + group[1].length + ")</h3><ul class=\"kg-facts\">";
        group[1].forEach(function (e) {
          var other = e.from === id ? e.to : e.from;
          html += "<li class=\"kg-fact\" data-edge=\"" + esc(e.id) + "\"><a href=\"#\" data-open-edge=\"" + esc(e.id) + "\">" +
            esc(relationText(e, id)) + "</a>" + (linkModality(e) !== "asserted" ? " <span class=\"kg-mod kg-mod-" + esc(linkModality(e)) + "\">" + esc(linkModality(e)) + "</span>" : "") +
            " <span class=\"kg-qual\">confidence " + e.conf.toFixed(2) + "</span>" +
            (shown.has(other) ? "" : " <span class=\"kg-qual\">(hidden)</span>") +
            "<details data-sentences=\"" + esc(e.id) + "\"><summary>" + e.st.length + " sentence" + (e.st.length === 1 ? "" : "s") + "</summary></details></li>";
        });
        html += "</ul>";
      });
      html += "<h3>Documents (" + n.docs.length + ")</h3><ul class=\"kg-docs\">";
      n.docs.slice().sort(function (a, b) {
        var da = D.documents[a].date, db = D.documents[b].date;
        return da < db ? 1 : da > db ? -1 : a - b;
      }).forEach(function (di) { html += "<li>" + docLink(di) + "</li>"; });
      html += "</ul>";
      openPanel(html, "entity", id);
      // sentences are built when a fact is opened: a hub's thousands stay out of the page until asked for
      $$(".kg-panel details[data-sentences]").forEach(function (d) {
        d.addEventListener("toggle", function () {
          if (d.open && !d.querySelector("ul")) {
            var e = edgeById.get(d.getAttribute("data-sentences"));
            d.insertAdjacentHTML("beforeend", "<ul class=\"kg-sentences\">" + e.st.map(sentenceItem).join("") + "</ul>");
          }
        });
      });
    }
    function edgePanel(id) {
      var e = edgeById.get(id);
      var html = "<h2>" + esc(byId.get(e.from).label) + " — " + esc(e.label) + " → " + esc(byId.get(e.to).label) + "</h2>";
      html += "<p>" + (linkModality(e) !== "asserted" ? "<span class=\"kg-mod kg-mod-" + esc(linkModality(e)) + "\">" + esc(linkModality(e)) + "</span> · " : "stated as fact · ") +
        "confidence " + e.conf.toFixed(2) + (e.by.length ? " · according to " + esc(e.by.join(", ")) : "") + "</p>";
      html += "<p><a href=\"#\" data-open-node=\"" + esc(e.from) + "\">" + esc(byId.get(e.from).label) + "</a> · " +
        "<a href=\"#\" data-open-node=\"" + esc(e.to) + "\">" + esc(byId.get(e.to).label) + "</a></p>";
      html += "<h3>" + e.st.length + " sentence" + (e.st.length === 1 ? "" : "s") + "</h3><ul class=\"kg-sentences\">" +
        e.st.map(sentenceItem).join("") + "</ul>";
      openPanel(html, "edge", id);
    }
    panel.addEventListener("click", function (ev) {
      var t = ev.target.closest("[data-open-edge], [data-open-node], button[data-act]");
      if (!t) { return; }
      var id = root.getAttribute("data-panel-id");
      if (t.hasAttribute("data-open-edge")) { ev.preventDefault(); selectEdge(t.getAttribute("data-open-edge")); return; }
      if (t.hasAttribute("data-open-node")) { ev.preventDefault(); select(t.getAttribute("data-open-node"), true); return; }
      var act = t.getAttribute("data-act");
      if (act === "expand") { expand(id); } else if (act === "collapse") { collapse(id); } else if (act === "hide") { hide(id); }
      else if (act === "from") { $(".kg-path-from").value = byId.get(id).label; } else if (act === "to") { $(".kg-path-to").value = byId.get(id).label; findPath(); }
    });
    $(".kg-panel-close").addEventListener("click", function () { panel.style.display = "none"; root.setAttribute("data-panel", ""); });

    // ---- expand, collapse, hide
    function neighbours(id) {
      var out = new Set();
      adj.get(id).forEach(function (e) { var o = e.from === id ? e.to : e.from; if (o !== id) { out.add(o); } });
      return out;
    }
    function expand(id) {
      neighbours(id).forEach(function (o) { F.collapsed.delete(o); F.hidden.delete(o); F.forced.add(o); });
      F.forced.add(id);
      apply();
      root.setAttribute("data-last-action", "expand");
    }
    function collapse(id) {
      // only the neighbours that hang on this entity alone: collapsing a hub leaves the rest of the graph whole
      neighbours(id).forEach(function (o) {
        var onlyHere = adj.get(o).every(function (e) { return e.from === id || e.to === id || !visibleEdges.has(e.id); });
        if (onlyHere) { F.forced.delete(o); F.collapsed.add(o); }
      });
      apply();
      root.setAttribute("data-last-action", "collapse");
    }
    function hide(id) {
      F.hidden.add(id); F.forced.delete(id);
      apply();
      panel.style.display = "none";
    }

    // ---- selection and focus
    function focusScale(id) {
      // zoom so the nearest shown neighbour is ~110 px away on screen: labels stay readable and apart
      var n = network.body.nodes[id], best = Infinity;
      shown.forEach(function (o) {
        if (o === id) { return; }
        var b = network.body.nodes[o], d = Math.hypot(b.x - n.x, b.y - n.y);
        if (d < best) { best = d; }
      });
      return Math.max(0.35, Math.min(1.0, isFinite(best) ? 110 / best : 1.0));
    }
    function reveal(id) {
      if (!shown.has(id)) { F.hidden.delete(id); F.collapsed.delete(id); F.forced.add(id); apply(); }
    }
    function select(id, openIt) {
      reveal(id);
      network.selectNodes([id]);
      var scale = focusScale(id);
      network.focus(id, {scale: scale, animation: big ? false : {duration: 300, easingFunction: "easeInOutQuad"}});
      root.setAttribute("data-selected", id);
      root.setAttribute("data-focus-scale", scale.toFixed(3));
      if (openIt) { entityPanel(id); }
      scheduleLod();
    }
    function selectEdge(id) {
      var e = edgeById.get(id);
      reveal(e.from); reveal(e.to);
      network.selectEdges([id]);
      root.setAttribute("data-selected", id);
      edgePanel(id);
    }
    network.on("click", function (p) {
      if (p.nodes.length) { select(p.nodes[0], true); } else if (p.edges.length) { selectEdge(p.edges[0]); }
    });

    // ---- search over names, aliases and sentences
    var names = [], slugs = new Map();
    D.nodes.forEach(function (n) {
      var slug = n.id.split(/[\/#]/).pop();
      if (!slugs.has(slug)) { slugs.set(slug, n.id); }
      names.push([fold(n.label), n.id, true]);
      n.aliases.forEach(function (a) { names.push([fold(a), n.id, false]); });
    });
    var textsFolded = null, textEdges = null;
    function sentenceIndex() {
      if (textsFolded) { return; }
      textsFolded = D.texts.map(fold);
      textEdges = D.texts.map(function () { return []; });
      D.edges.forEach(function (e) {
        e.st.forEach(function (si) {
          var list = textEdges[D.statements[si][0]];
          if (list[list.length - 1] !== e.id) { list.push(e.id); }
        });
      });
    }
    function resolveName(text) {
      var q = fold(text.trim());
      if (!q) { return null; }
      if (byId.has(text)) { return text; }
      if (slugs.has(text)) { return slugs.get(text); }  // report links use an IRI's last part
      var best = null, bestScore = 9;
      names.forEach(function (row) {
        var score = row[0] === q ? (row[2] ? 0 : 1) : row[0].indexOf(q) === 0 ? 2 : row[0].indexOf(q) >= 0 ? 3 : 9;
        if (score < bestScore || (score === bestScore && score < 9 && byId.get(row[1]).pr > byId.get(best).pr)) {
          best = row[1]; bestScore = score;
        }
      });
      return best;
    }
    function matches(text) {
      var q = fold(text.trim()), ents = new Map(), sents = [];
      if (!q) { return {entities: [], sentences: []}; }
      names.forEach(function (row) {
        var score = row[0] === q ? 0 : row[0].indexOf(q) === 0 ? 1 : row[0].indexOf(q) >= 0 ? 2 : 9;
        if (score < 9 && (!ents.has(row[1]) || ents.get(row[1]) > score)) { ents.set(row[1], score); }
      });
      var entList = Array.from(ents.keys()).sort(function (a, b) { return (ents.get(a) - ents.get(b)) || (byId.get(b).pr - byId.get(a).pr); });
      if (q.length >= 3) {
        sentenceIndex();
        textsFolded.forEach(function (t, i) { if (t.indexOf(q) >= 0) { textEdges[i].forEach(function (eid) { sents.push([i, eid]); }); } });
      }
      return {entities: entList, sentences: sents};
    }
    var search = $(".kg-search"), status = $(".kg-search-status"), list = $(".kg-matches");
    function showMatches() {
      var m = matches(search.value), html = "";
      m.entities.slice(0, LIST_CAP).forEach(function (id) {
        var n = byId.get(id);
        html += "<li><a href=\"#\" data-open-node=\"" + esc(id) + "\">" + esc(n.label) + "</a> <span class=\"kg-qual\">" + esc(n.cls) + "</span></li>";
      });
      if (m.entities.length > LIST_CAP) { html += "<li class=\"kg-more\">" + (m.entities.length - LIST_CAP) + " more entities</li>"; }
      m.sentences.slice(0, LIST_CAP).forEach(function (pair) {
        var e = edgeById.get(pair[1]), t = D.texts[pair[0]];
        html += "<li><a href=\"#\" data-open-edge=\"" + esc(pair[1]) + "\">" + esc(byId.get(e.from).label + " " + e.label + " " + byId.get(e.to).label) +
          "</a><br><span class=\"kg-qual\">" + esc(t.length > 120 ? t.slice(0, 117) + "…" : t) + "</span></li>";
      });
      if (m.sentences.length > LIST_CAP) { html += "<li class=\"kg-more\">" + (m.sentences.length - LIST_CAP) + " more sentences</li>"; }
      list.innerHTML = html;
      list.style.display = html ? "block" : "none";
      root.setAttribute("data-match-count", String(m.entities.length + m.sentences.length));
      status.textContent = search.value.trim() && !html ? "no match" : "";
      return m;
    }
    function go() {
      var m = showMatches();
      if (m.entities.length) { select(m.entities[0], true); list.style.display = "none"; }
      else if (m.sentences.length) { selectEdge(m.sentences[0][1]); list.style.display = "none"; }
    }
    search.addEventListener("input", showMatches);
    search.addEventListener("keydown", function (e) { if (e.key === "Enter") { go(); } });
    list.addEventListener("click", function (ev) {
      var t = ev.target.closest("a");
      if (!t) { return; }
      ev.preventDefault();
      list.style.display = "none";
      if (t.hasAttribute("data-open-node")) { select(t.getAttribute("data-open-node"), true); } else { selectEdge(t.getAttribute("data-open-edge")); }
    });

    // ---- path between two entities
    function bfs(from, to, usable) {
      var prev = new Map([[from, null]]), queue = [from];
      while (queue.length) {
        var cur = queue.shift();
        if (cur === to) { break; }
        adj.get(cur).forEach(function (e) {
          var o = e.from === cur ? e.to : e.from;
          if (!prev.has(o) && usable(e)) { prev.set(o, [cur, e.id]); queue.push(o); }
        });
      }
      if (!prev.has(to)) { return null; }
      var nodesOut = [to], edgesOut = [], at = to;
      while (prev.get(at)) { edgesOut.unshift(prev.get(at)[1]); at = prev.get(at)[0]; nodesOut.unshift(at); }
      return {nodes: nodesOut, edges: edgesOut};
    }
    function findPath() {
      var a = resolveName($(".kg-path-from").value), b = resolveName($(".kg-path-to").value);
      var out = $(".kg-path-status");
      if (!a || !b) { out.textContent = "name not found"; root.setAttribute("data-path", ""); return; }
      var path = bfs(a, b, function (e) { return visibleEdges.has(e.id); }), note = "";
      if (!path) {
        path = bfs(a, b, function () { return true; });
        note = path ? " (through entities the filters hide; now shown)" : "";
      }
      if (!path) { out.textContent = "no path"; root.setAttribute("data-path", ""); return; }
      path.nodes.forEach(function (id) { F.hidden.delete(id); F.collapsed.delete(id); F.forced.add(id); });
      path.edges.forEach(function (id) { visibleEdges.add(id); });
      apply();
      path.edges.forEach(function (id) { if (!visibleEdges.has(id)) { edges.update({id: id, hidden: false}); } });
      network.setSelection({nodes: path.nodes, edges: path.edges}, {highlightEdges: false});
      network.fit({nodes: path.nodes, animation: big ? false : {duration: 300}});
      out.textContent = (path.nodes.length - 1) + " step" + (path.nodes.length === 2 ? "" : "s") + note;
      root.setAttribute("data-path", path.nodes.join("|"));
      var html = "<h2>Path: " + esc(byId.get(a).label) + " → " + esc(byId.get(b).label) + "</h2><ol class=\"kg-path\">";
      path.edges.forEach(function (id, i) {
        var e = edgeById.get(id), here = path.nodes[i];
        html += "<li><a href=\"#\" data-open-node=\"" + esc(here) + "\">" + esc(byId.get(here).label) + "</a> " +
          "<a href=\"#\" data-open-edge=\"" + esc(id) + "\">" + esc(e.from === here ? e.label + " →" : "← " + e.label) + "</a></li>";
      });
      html += "<li><a href=\"#\" data-open-node=\"" + esc(b) + "\">" + esc(byId.get(b).label) + "</a></li></ol>";
      openPanel(html, "path", a + "|" + b);
    }
    $(".kg-path-go").addEventListener("click", findPath);

    // ---- colour and size
    function restyle() {
      nodes.update(D.nodes.map(function (n) { return {id: n.id, color: nodeColour(n), size: nodeSize(n)}; }));
      root.setAttribute("data-colour", colourBy);
      root.setAttribute("data-size", measure);
      scheduleLod();
    }
    $(".kg-colour").addEventListener("change", function (ev) { colourBy = ev.target.value; restyle(); });
    $(".kg-size").addEventListener("change", function (ev) { measure = ev.target.value; restyle(); });

    // ---- export
    function factsCsv() {
      var rows = [["subject", "relation", "object", "modality", "confidence", "according_to", "document", "title", "date",
                   "publisher", "url", "sentence"]];
      D.edges.forEach(function (e) {
        if (!visibleEdges.has(e.id)) { return; }
        var s = byId.get(e.from).label, o = byId.get(e.to).label;
        var sts = e.st.filter(stmtPasses);
        if (!sts.length) { rows.push([s, e.label, o, e.modality, e.conf, "", "", "", "", "", "", ""]); }
        sts.forEach(function (si) {
          var st = D.statements[si], d = st[1] >= 0 ? D.documents[st[1]] : {};
          rows.push([s, e.label, o, st[2], st[3], st[4].join("; "), d.id || "", d.title || "", d.date || "",
                     d.publisher || "", d.url || "", D.texts[st[0]]]);
        });
      });
      return rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
    }
    function viewPng() {
      var canvas = container.querySelector("canvas"), out = document.createElement("canvas");
      out.width = canvas.width; out.height = canvas.height;
      var ctx = out.getContext("2d");
      ctx.fillStyle = "#ffffff"; ctx.fillRect(0, 0, out.width, out.height);
      ctx.drawImage(canvas, 0, 0);
      return out.toDataURL("image/png");
    }
    root.kgExport = {csv: factsCsv, png: viewPng};
    $(".kg-export-csv").addEventListener("click", function () {
      var text = factsCsv();
      root.setAttribute("data-last-export", "csv:" + (text.split("\r\n").length - 2));
      download(root, "facts.csv", URL.createObjectURL(new Blob([text], {type: "text/csv;charset=utf-8"})));
    });
    $(".kg-export-png").addEventListener("click", function () {
      var url = viewPng();
      root.setAttribute("data-last-export", "png:" + url.length);
      download(root, "graph-view.png", url);
    });

    // ---- header controls
    $(".kg-fit").addEventListener("click", function () { network.fit({animation: big ? false : {duration: 300}}); });
    $(".kg-toggle-side").addEventListener("click", function () { root.classList.toggle("kg-side-open"); root.classList.toggle("kg-side-closed"); });

    apply();
    // deep links: #entity=<IRI, label or alias> opens its panel, #search=<text> searches
    function followHash() {
      var hash = window.location.hash || "";
      var m = /^#(entity|search)=(.*)$/.exec(hash);
      if (!m) { return; }
      var value = decodeURIComponent(m[2].replace(/\+/g, " "));
      if (m[1] === "search") { search.value = value; go(); return; }
      var id = resolveName(value);
      if (id) { select(id, true); } else { status.textContent = "no match"; }
    }
    if (root === document.body || root.hasAttribute("data-follow-hash")) {
      followHash();
      window.addEventListener("hashchange", followHash);
    }
    if (window.parent !== window) {
      window.parent.postMessage({kgNodeCount: D.nodes.length}, "*");
    }
    return network;
  };
})();
