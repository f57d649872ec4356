/* A small canvas renderer for the explorer, built for 10,000 entities and 50,000 links.

   Draws in batches (one path per colour or dash pattern, not one per item), culls what is off
   screen, hides links while the view moves on a big graph, and hit-tests in plain arrays. Its API
   (DataSet, on/emit, fit, focus, moveTo, selection, canvasToDOM) follows vis-network's names,
   which the explorer used before; no graph library is loaded. README "Why its own renderer". */
(function () {
  "use strict";
  if (window.KGNetwork) { return; }

  function DataSet(items) {
    this._map = new Map();
    this._listeners = [];
    var self = this;
    (items || []).forEach(function (it) { self._map.set(it.id, Object.assign({}, it)); });
  }
  DataSet.prototype.get = function (id) {
    if (id === undefined) { return Array.from(this._map.values()); }
    return this._map.get(id) || null;
  };
  DataSet.prototype.forEach = function (fn) { this._map.forEach(function (v) { fn(v); }); };
  DataSet.prototype.update = function (items) {
    var self = this;
    (Array.isArray(items) ? items : [items]).forEach(function (it) {
      var cur = self._map.get(it.id);
      if (cur) { Object.assign(cur, it); } else { self._map.set(it.id, Object.assign({}, it)); }
    });
    this._listeners.forEach(function (fn) { fn(); });
  };

  function KGNetwork(container, data, options) {
    this.container = container;
    this.nodes = data.nodes;
    this.edges = data.edges;
    this.options = options || {};
    this.scale = 1; this.tx = 0; this.ty = 0;  // screen = canvas * scale + translation
    this.handlers = {};
    this.selectedNodes = new Set(); this.selectedEdges = new Set();
    this.hoverNode = null; this.hoverEdge = null;
    this.renderer = {dragging: false, zooming: false, _redraw: this._draw.bind(this)};
    this.body = {nodes: {}, data: {nodes: this.nodes, edges: this.edges}};
    var self = this;
    this.nodes.forEach(function (n) { self.body.nodes[n.id] = n; });
    this.canvas = document.createElement("canvas");
    this.canvas.style.display = "block";
    this.canvas.style.touchAction = "none";
    container.appendChild(this.canvas);
    this.ctx = this.canvas.getContext("2d");
    this.nodes._listeners.push(function () { self.redraw(); });
    this.edges._listeners.push(function () { self.redraw(); });
    this._resize();
    if (window.ResizeObserver) { new ResizeObserver(function () { self._resize(); }).observe(container); }
    this._wire();
    this.fit();
  }

  var P = KGNetwork.prototype;
  P.on = function (name, fn) { (this.handlers[name] = this.handlers[name] || []).push(fn); };
  P.once = function (name, fn) {
    var self = this;
    var wrapped = function (p) { self.off(name, wrapped); fn(p); };
    this.on(name, wrapped);
  };
  P.off = function (name, fn) { this.handlers[name] = (this.handlers[name] || []).filter(function (f) { return f !== fn; }); };
  P.emit = function (name, params) { (this.handlers[name] || []).slice().forEach(function (fn) { fn(params); }); };
  P._resize = function () {
    var r = this.container.getBoundingClientRect(), dpr = window.devicePixelRatio || 1;
    this.width = Math.max(1, r.width); this.height = Math.max(1, r.height);
    this.canvas.width = Math.round(this.width * dpr); this.canvas.height = Math.round(this.height * dpr);
    this.canvas.style.width = this.width + "px"; this.canvas.style.height = this.height + "px";
    this.dpr = dpr;
    this.redraw();
  };
  P.getScale = function () { return this.scale; };
  P.getViewPosition = function () {
    return {x: (this.width / 2 - this.tx) / this.scale, y: (this.height / 2 - this.ty) / this.scale};
  };
  P.canvasToDOM = function (p) { return {x: p.x * this.scale + this.tx, y: p.y * this.scale + this.ty}; };
  P.DOMtoCanvas = function (p) { return {x: (p.x - this.tx) / this.scale, y: (p.y - this.ty) / this.scale}; };
  P.getPosition = function (id) { var n = this.nodes.get(id); return {x: n.x, y: n.y}; };
  P.getPositions = function (ids) {
    var out = {}, self = this;
    (ids || Array.from(this.nodes._map.keys())).forEach(function (id) { out[id] = self.getPosition(id); });
    return out;
  };
  P._apply = function (pos, scale) {
    this.scale = scale;
    this.tx = this.width / 2 - pos.x * scale; this.ty = this.height / 2 - pos.y * scale;
  };
  P.moveTo = function (opts) {
    var target = opts.position || this.getViewPosition(), scale = opts.scale || this.scale, self = this;
    var anim = opts.animation;
    if (!anim) { this._apply(target, scale); this.redraw(); return; }
    var from = this.getViewPosition(), s0 = this.scale, dur = anim.duration || 300, t0 = performance.now();
    this.renderer.zooming = true;
    (function step() {
      var t = Math.min(1, (performance.now() - t0) / dur), k = t < 0.5 ? 2 * t * t : 1 - Math.pow(-2 * t + 2, 2) / 2;
      self._apply({x: from.x + (target.x - from.x) * k, y: from.y + (target.y - from.y) * k}, s0 + (scale - s0) * k);
      self._draw();
      if (t < 1) { requestAnimationFrame(step); } else { self.renderer.zooming = false; self.redraw(); self.emit("animationFinished"); }
    })();
  };
  P.fit = function (opts) {
    opts = opts || {};
    var ids = opts.nodes, minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    this.nodes.forEach(function (n) {
      if ((ids && ids.indexOf(n.id) < 0) || (!ids && n.hidden)) { return; }
      var r = n.size || 10;
      minX = Math.min(minX, n.x - r); maxX = Math.max(maxX, n.x + r);
      minY = Math.min(minY, n.y - r); maxY = Math.max(maxY, n.y + r);
    });
    if (!isFinite(minX)) { this._apply({x: 0, y: 0}, 1); this.redraw(); return; }
    var scale = Math.min(this.width / (maxX - minX + 80), this.height / (maxY - minY + 80), 1.0);
    this.moveTo({position: {x: (minX + maxX) / 2, y: (minY + maxY) / 2}, scale: scale, animation: opts.animation});
  };
  P.focus = function (id, opts) {
    var n = this.nodes.get(id);
    this.moveTo({position: {x: n.x, y: n.y}, scale: (opts && opts.scale) || this.scale, animation: opts && opts.animation});
  };
  P.selectNodes = function (ids) { this.selectedNodes = new Set(ids); this.selectedEdges = new Set(); this.redraw(); };
  P.selectEdges = function (ids) { this.selectedEdges = new Set(ids); this.selectedNodes = new Set(); this.redraw(); };
  P.setSelection = function (sel) {
    this.selectedNodes = new Set(sel.nodes || []); this.selectedEdges = new Set(sel.edges || []); this.redraw();
  };
  P.getSelectedNodes = function () { return Array.from(this.selectedNodes); };
  P.getSelectedEdges = function () { return Array.from(this.selectedEdges); };
  P.redraw = function () {
    var self = this;
    if (this._pending) { return; }
    this._pending = true;
    requestAnimationFrame(function () { self._pending = false; self._draw(); });
  };

  // ---- drawing
  P._view = function () {
    var pad = 60 / this.scale;
    return {x0: -this.tx / this.scale - pad, y0: -this.ty / this.scale - pad,
            x1: (this.width - this.tx) / this.scale + pad, y1: (this.height - this.ty) / this.scale + pad};
  };
  P._draw = function () {
    var ctx = this.ctx, s = this.scale, v = this._view(), o = this.options;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, this.width, this.height);
    ctx.setTransform(this.dpr * s, 0, 0, this.dpr * s, this.dpr * this.tx, this.dpr * this.ty);
    var moving = this.renderer.dragging || this.renderer.zooming;
    var nodes = this.body.nodes, visible = [];
    this.nodes.forEach(function (n) {
      if (!n.hidden && n.x >= v.x0 && n.x <= v.x1 && n.y >= v.y0 && n.y <= v.y1) { visible.push(n); }
    });
    if (!(moving && o.hideEdgesOnMove)) { this._drawEdges(ctx, v, nodes); }
    this._drawNodes(ctx, visible);
    if (!moving || !o.hideEdgesOnMove) { this._drawLabels(ctx, visible, v, nodes); }
    this.emit("afterDrawing", ctx);
    return visible.length;
  };
  function inView(a, b, v) {
    return !((a.x < v.x0 && b.x < v.x0) || (a.x > v.x1 && b.x > v.x1) || (a.y < v.y0 && b.y < v.y0) || (a.y > v.y1 && b.y > v.y1));
  }
  function curveControl(a, b, roundness) {
    var mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2, dx = b.x - a.x, dy = b.y - a.y;
    return {x: mx - dy * roundness, y: my + dx * roundness};
  }
  P._edgeGeometry = function (e, a, b) {
    var r = e.smooth && e.smooth.enabled ? e.smooth.roundness || 0.25 : 0;
    return r ? curveControl(a, b, r) : null;
  };
  P._drawEdges = function (ctx, v, nodes) {
    var s = this.scale, groups = new Map(), arrows = [], self = this, o = this.options;
    var showArrows = s > 0.18;
    this.edges.forEach(function (e) {
      if (e.hidden) { return; }
      var a = nodes[e.from], b = nodes[e.to];
      if (!a || !b || a.hidden || b.hidden || !inView(a, b, v)) { return; }
      var sel = self.selectedEdges.has(e.id) || self.selectedNodes.has(e.from) || self.selectedNodes.has(e.to);
      var hov = self.hoverEdge === e.id;
      var key = (sel ? "s" : hov ? "h" : "n") + "|" + (e.dashes ? e.dashes.join(",") : "") + "|" + (e.width || 1).toFixed(1);
      if (!groups.has(key)) { groups.set(key, []); }
      groups.get(key).push(e);
      if (showArrows) { arrows.push([e, sel || hov]); }
    });
    groups.forEach(function (list, key) {
      var parts = key.split("|"), state = parts[0];
      ctx.beginPath();
      list.forEach(function (e) {
        var a = nodes[e.from], b = nodes[e.to], c = self._edgeGeometry(e, a, b);
        ctx.moveTo(a.x, a.y);
        if (c) { ctx.quadraticCurveTo(c.x, c.y, b.x, b.y); } else { ctx.lineTo(b.x, b.y); }
      });
      ctx.setLineDash(parts[1] ? parts[1].split(",").map(function (d) { return Number(d) / Math.max(s, 0.3); }) : []);
      ctx.lineWidth = (state === "n" ? Number(parts[2]) : Number(parts[2]) + 1) / Math.max(s, 0.5);
      ctx.strokeStyle = state === "s" ? "#d62728" : state === "h" ? "#555555" : o.edgeColour;
      ctx.globalAlpha = state === "n" ? o.edgeOpacity : 1;
      ctx.stroke();
    });
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
    // arrow heads, batched: one path for plain links, one for highlighted ones
    [false, true].forEach(function (hot) {
      ctx.beginPath();
      arrows.forEach(function (pair) {
        if (pair[1] !== hot) { return; }
        var e = pair[0], a = nodes[e.from], b = nodes[e.to], c = self._edgeGeometry(e, a, b) || a;
        var dx = b.x - c.x, dy = b.y - c.y, len = Math.hypot(dx, dy) || 1, ux = dx / len, uy = dy / len;
        var r = (b.size || 10) + 1, size = 9 / Math.max(s, 0.5);
        var tipX = b.x - ux * r, tipY = b.y - uy * r;
        ctx.moveTo(tipX, tipY);
        ctx.lineTo(tipX - ux * size - uy * size * 0.45, tipY - uy * size + ux * size * 0.45);
        ctx.lineTo(tipX - ux * size + uy * size * 0.45, tipY - uy * size - ux * size * 0.45);
        ctx.closePath();
      });
      ctx.fillStyle = hot ? "#d62728" : o.edgeColour;
      ctx.globalAlpha = hot ? 1 : Math.min(1, o.edgeOpacity + 0.2);
      ctx.fill();
    });
    ctx.globalAlpha = 1;
  };
  function colourOf(n) { return typeof n.color === "string" ? n.color : (n.color && n.color.background) || "#97c2fc"; }
  P._drawNodes = function (ctx, visible) {
    var groups = new Map(), s = this.scale, self = this;
    visible.forEach(function (n) {
      var c = colourOf(n);
      if (!groups.has(c)) { groups.set(c, []); }
      groups.get(c).push(n);
    });
    var minR = 1.5 / s;  // never smaller than a dot on screen
    groups.forEach(function (list, colour) {
      ctx.beginPath();
      list.forEach(function (n) {
        var r = Math.max(n.size || 10, minR);
        ctx.moveTo(n.x + r, n.y);
        ctx.arc(n.x, n.y, r, 0, 2 * Math.PI);
      });
      ctx.fillStyle = colour;
      ctx.fill();
    });
    if (s * 10 > 3) {  // borders only once dots are big enough to show them
      ctx.beginPath();
      visible.forEach(function (n) {
        var r = Math.max(n.size || 10, minR);
        ctx.moveTo(n.x + r, n.y);
        ctx.arc(n.x, n.y, r, 0, 2 * Math.PI);
      });
      ctx.lineWidth = 1 / s;
      ctx.strokeStyle = "#555555";
      ctx.stroke();
    }
    visible.forEach(function (n) {
      var thick = self.selectedNodes.has(n.id) ? 3 : (n.borderWidth || 1) > 1 ? n.borderWidth : self.hoverNode === n.id ? 2 : 0;
      if (!thick) { return; }
      ctx.beginPath();
      ctx.arc(n.x, n.y, Math.max(n.size || 10, minR) + thick / s / 2, 0, 2 * Math.PI);
      ctx.lineWidth = thick / s;
      ctx.strokeStyle = self.selectedNodes.has(n.id) ? "#d62728" : "#111111";
      ctx.stroke();
    });
  };
  P._drawLabels = function (ctx, visible, v, nodes) {
    var self = this;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    ctx.lineJoin = "round";
    this.edges.forEach(function (e) {
      if (e.hidden || !e.label) { return; }
      var a = nodes[e.from], b = nodes[e.to];
      if (a.hidden || b.hidden) { return; }
      var c = self._edgeGeometry(e, a, b), mx = c ? (a.x + 2 * c.x + b.x) / 4 : (a.x + b.x) / 2,
        my = c ? (a.y + 2 * c.y + b.y) / 4 : (a.y + b.y) / 2;
      var size = (e.font && e.font.size) || 11;
      ctx.font = size + "px Helvetica, Arial, sans-serif";
      ctx.lineWidth = size / 3; ctx.strokeStyle = "#ffffff"; ctx.fillStyle = "#444444";
      ctx.strokeText(e.label, mx, my - size / 2); ctx.fillText(e.label, mx, my - size / 2);
    });
    visible.forEach(function (n) {
      if (!n.label) { return; }
      var size = (n.font && n.font.size) || 13, y = n.y + (n.size || 10) + 2 / self.scale;
      ctx.font = size + "px Helvetica, Arial, sans-serif";
      ctx.lineWidth = size / 3.2; ctx.strokeStyle = "#ffffff"; ctx.fillStyle = "#222222";
      ctx.strokeText(n.label, n.x, y); ctx.fillText(n.label, n.x, y);
    });
  };

  // ---- hit testing and interaction
  P._nodeAt = function (p) {
    var best = null, bestD = Infinity, slack = 3 / this.scale;
    this.nodes.forEach(function (n) {
      if (n.hidden) { return; }
      var d = Math.hypot(n.x - p.x, n.y - p.y);
      if (d <= (n.size || 10) + slack && d < bestD) { best = n.id; bestD = d; }
    });
    return best;
  };
  P._edgeAt = function (p) {
    var best = null, bestD = 5 / this.scale, nodes = this.body.nodes, self = this;
    this.edges.forEach(function (e) {
      if (e.hidden) { return; }
      var a = nodes[e.from], b = nodes[e.to];
      if (a.hidden || b.hidden) { return; }
      var c = self._edgeGeometry(e, a, b), d;
      if (c) {  // a curve: its distance at a few points along it
        d = Infinity;
        for (var t = 0; t <= 1; t += 0.1) {
          var x = (1 - t) * (1 - t) * a.x + 2 * (1 - t) * t * c.x + t * t * b.x,
            y = (1 - t) * (1 - t) * a.y + 2 * (1 - t) * t * c.y + t * t * b.y;
          d = Math.min(d, Math.hypot(x - p.x, y - p.y));
        }
      } else {
        var dx = b.x - a.x, dy = b.y - a.y, l2 = dx * dx + dy * dy || 1;
        var t2 = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / l2));
        d = Math.hypot(a.x + t2 * dx - p.x, a.y + t2 * dy - p.y);
      }
      if (d < bestD) { best = e.id; bestD = d; }
    });
    return best;
  };
  P._wire = function () {
    var self = this, c = this.canvas, down = null, lastMove = 0;
    function local(ev) { var r = c.getBoundingClientRect(); return {x: ev.clientX - r.left, y: ev.clientY - r.top}; }
    c.addEventListener("pointerdown", function (ev) {
      down = {p: local(ev), tx: self.tx, ty: self.ty, moved: false};
      c.setPointerCapture(ev.pointerId);
    });
    c.addEventListener("pointermove", function (ev) {
      var p = local(ev);
      if (down) {
        if (!down.moved && Math.hypot(p.x - down.p.x, p.y - down.p.y) > 4) {
          down.moved = true; self.renderer.dragging = true; self.emit("dragStart", {pointer: {DOM: p}});
        }
        if (down.moved) { self.tx = down.tx + p.x - down.p.x; self.ty = down.ty + p.y - down.p.y; self.redraw(); }
        return;
      }
      var now = performance.now();
      if (now - lastMove < 40) { return; }  // hover hit-tests at most 25 times a second
      lastMove = now;
      self._hover(p);
    });
    c.addEventListener("pointerup", function (ev) {
      var p = local(ev);
      if (down && down.moved) {
        self.renderer.dragging = false; self.redraw(); self.emit("dragEnd", {pointer: {DOM: p}});
      } else if (down) {
        var cp = self.DOMtoCanvas(p), node = self._nodeAt(cp), edge = node ? null : self._edgeAt(cp);
        self.emit("click", {nodes: node ? [node] : [], edges: edge ? [edge] : [], pointer: {DOM: p, canvas: cp}});
      }
      down = null;
    });
    c.addEventListener("pointerleave", function () { self._hover(null); });
    var wheelTimer = null;
    c.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var p = local(ev), before = self.DOMtoCanvas(p);
      var scale = Math.max(0.02, Math.min(6, self.scale * Math.exp(-ev.deltaY * 0.0015)));
      self.scale = scale; self.tx = p.x - before.x * scale; self.ty = p.y - before.y * scale;
      self.renderer.zooming = true;
      self.redraw();
      clearTimeout(wheelTimer);
      wheelTimer = setTimeout(function () { self.renderer.zooming = false; self.redraw(); self.emit("zoom", {scale: scale}); }, 120);
    }, {passive: false});
  };
  P._hover = function (p) {
    var cp = p ? this.DOMtoCanvas(p) : null, node = cp ? this._nodeAt(cp) : null;
    var edge = cp && !node && this.edges._map.size <= 60000 ? this._edgeAt(cp) : null;
    if (node !== this.hoverNode) {
      if (this.hoverNode) { this.emit("blurNode", {node: this.hoverNode}); }
      this.hoverNode = node;
      if (node) { this.emit("hoverNode", {node: node, pointer: {DOM: p}}); }
      this.redraw();
    }
    if (edge !== this.hoverEdge) {
      if (this.hoverEdge) { this.emit("blurEdge", {edge: this.hoverEdge}); }
      this.hoverEdge = edge;
      if (edge) { this.emit("hoverEdge", {edge: edge, pointer: {DOM: p}}); }
      this.redraw();
    }
    this.canvas.style.cursor = node || edge ? "pointer" : "default";
  };

  window.KGNetwork = KGNetwork;
  window.KGNetwork.DataSet = DataSet;
})();
