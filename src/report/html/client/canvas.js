/*
 * A big report's blocks and facilities on one canvas (Leaflet layer): thousands of Leaflet vector
 * layers, SVG or canvas, each with its events and tooltip, take seconds to create and restyle; this
 * draws plain arrays in one pass and finds what is under the pointer itself. Runs after Leaflet.
 *
 * groups: [{ n, lat(i), lon(i), radius(i) (px), rings(i) ([[lon, lat]...] rings or null), fill(i),
 *            alpha(i) (0..1), stroke (colour or null) }], drawn in order; hit() looks from the last.
 */
var QHCanvas = (function () {
  'use strict';

  var Layer = L.Layer.extend({
    initialize: function (groups) {
      this._groups = groups;
      this._xy = groups.map(function (g) { return new Float32Array(2 * g.n); });
      this._rings = groups.map(function () { return []; });
    },
    onAdd: function (map) {
      this._canvas = L.DomUtil.create('canvas', 'qh-canvas leaflet-zoom-hide');
      this.getPane().appendChild(this._canvas);
      map.on('moveend viewreset resize zoomend', this._reset, this);
      this._reset();
    },
    onRemove: function (map) {
      map.off('moveend viewreset resize zoomend', this._reset, this);
      L.DomUtil.remove(this._canvas);
    },
    redraw: function () { if (this._map) this._draw(); return this; },
    _reset: function () {
      var map = this._map;
      var size = map.getSize();
      var dpr = window.devicePixelRatio || 1;
      L.DomUtil.setPosition(this._canvas, map.containerPointToLayerPoint([0, 0]));
      this._canvas.width = Math.round(size.x * dpr);
      this._canvas.height = Math.round(size.y * dpr);
      this._canvas.style.width = size.x + 'px';
      this._canvas.style.height = size.y + 'px';
      this._dpr = dpr;
      this._draw();
    },
    _draw: function () {
      var map = this._map;
      var ctx = this._canvas.getContext('2d');
      var size = map.getSize();
      ctx.setTransform(this._dpr, 0, 0, this._dpr, 0, 0);
      ctx.clearRect(0, 0, size.x, size.y);
      // container pixels by Leaflet's Web Mercator (EPSG:3857) arithmetic, without an object per point
      var scale = 256 * Math.pow(2, map.getZoom());
      var origin = map.getPixelOrigin();
      var c0 = map.containerPointToLayerPoint([0, 0]);
      var ox = origin.x + c0.x, oy = origin.y + c0.y;
      var MAX = 85.0511287798, D = Math.PI / 180;
      var pt = { x: 0, y: 0 };
      function px(lat, lon) {
        var la = Math.max(Math.min(lat, MAX), -MAX) * D;
        pt.x = scale * (lon / 360 + 0.5) - ox;
        pt.y = scale * (0.5 - Math.log(Math.tan(Math.PI / 4 + la / 2)) / (2 * Math.PI)) - oy;
        return pt;
      }
      for (var g = 0; g < this._groups.length; g++) {
        var gr = this._groups[g];
        var xy = this._xy[g];
        var ringsPx = this._rings[g] = new Array(gr.n);
        for (var i = 0; i < gr.n; i++) {
          var p = px(gr.lat(i), gr.lon(i));
          xy[2 * i] = p.x;
          xy[2 * i + 1] = p.y;
          var r = gr.radius(i);
          var rings = gr.rings(i);
          if (rings) {
            var rp = rings.map(function (ring) { return ring.map(function (q) { var t = px(q[1], q[0]); return [t.x, t.y]; }); });
            ringsPx[i] = rp;
          }
          if (!rings && (p.x < -r || p.y < -r || p.x > size.x + r || p.y > size.y + r)) continue;
          ctx.globalAlpha = gr.alpha(i);
          ctx.fillStyle = gr.fill(i);
          ctx.beginPath();
          if (rings) {
            ringsPx[i].forEach(function (ring) {
              ring.forEach(function (q, k) { if (k === 0) ctx.moveTo(q[0], q[1]); else ctx.lineTo(q[0], q[1]); });
              ctx.closePath();
            });
            ctx.fill('evenodd');
          } else {
            ctx.arc(p.x, p.y, r, 0, 2 * Math.PI);
            ctx.fill();
          }
          if (gr.stroke) {
            ctx.globalAlpha = 1;
            ctx.strokeStyle = gr.stroke;
            ctx.lineWidth = 0.5;
            ctx.stroke();
          }
        }
      }
      ctx.globalAlpha = 1;
    },
    /** What is under container point `pt`: {group, index}, or null. */
    hit: function (pt) {
      for (var g = this._groups.length - 1; g >= 0; g--) {
        var gr = this._groups[g];
        var xy = this._xy[g];
        var best = -1, bestD = Infinity;
        for (var i = 0; i < gr.n; i++) {
          var rp = this._rings[g][i];
          if (rp) {
            if (inside(rp, pt.x, pt.y)) return { group: g, index: i };
            continue;
          }
          var dx = xy[2 * i] - pt.x, dy = xy[2 * i + 1] - pt.y;
          var d = dx * dx + dy * dy;
          var r = gr.radius(i) + 2;
          if (d <= r * r && d < bestD) { best = i; bestD = d; }
        }
        if (best >= 0) return { group: g, index: best };
      }
      return null;
    },
  });

  /** Point in polygon (even-odd over all rings). */
  function inside(rings, x, y) {
    var c = false;
    rings.forEach(function (ring) {
      for (var a = 0, b = ring.length - 1; a < ring.length; b = a++) {
        var ya = ring[a][1], yb = ring[b][1];
        if ((ya > y) !== (yb > y) && x < ((ring[b][0] - ring[a][0]) * (y - ya)) / (yb - ya) + ring[a][0]) c = !c;
      }
    });
    return c;
  }

  return { layer: function (groups) { return new Layer(groups); } };
})();
