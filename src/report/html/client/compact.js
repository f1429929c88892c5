/*
 * The report's data in the page: a big report's compact form (src/report/html/compact.ts: columns and
 * base64 typed arrays) expanded to the block, facility and idle-space objects the page uses, and a
 * state's cells as typed arrays when it is first shown (`cells`, both forms): st.cov (Uint8Array, 1 = covered), st.min (Float64Array,
 * minutes to 1 decimal, NaN when no site is within reach), and data.res (residents per cell).
 * Plain ES5 with no DOM (runs after coverage.js).
 */
var QHCompact = (function () {
  'use strict';
  var NB = 6;
  var TYPES = { u16: Uint16Array, u32: Uint32Array, i32: Int32Array, f64: Float64Array };

  /** A QuantizedColumn (compact.ts) as a Float64Array: q / scale, `noneValue` where q is the column's none. */
  function column(c, noneValue) {
    var q = QHCoverage.decode(c.data, TYPES[c.type]);
    var out = new Float64Array(q.length);
    for (var k = 0; k < q.length; k++) out[k] = c.none !== null && q[k] === c.none ? noneValue : (c.scale === 1 ? q[k] : q[k] / c.scale);
    return out;
  }
  function dict(d) {
    var idx = QHCoverage.decode(d.index, Int32Array);
    var out = new Array(idx.length);
    for (var k = 0; k < idx.length; k++) out[k] = d.values[idx[k]];
    return out;
  }
  function round1(x) { return Math.round(x * 10) / 10; }

  function blocksOf(cb) {
    var pop = QHCoverage.decode(cb.population, Int32Array);
    var ll = QHCoverage.decode(cb.lonLat, Int32Array);
    var tags = dict(cb.tags);
    var poly = null;
    if (cb.polygons) poly = { br: QHCoverage.decode(cb.polygons.blockRings, Int32Array), rp: QHCoverage.decode(cb.polygons.ringPoints, Int32Array), ll: QHCoverage.decode(cb.polygons.lonLat, Int32Array) };
    var out = new Array(cb.count);
    for (var i = 0; i < cb.count; i++) {
      var rings = null;
      if (poly && poly.br[i + 1] > poly.br[i]) {
        rings = [];
        for (var r = poly.br[i]; r < poly.br[i + 1]; r++) {
          var ring = [];
          for (var p = poly.rp[r]; p < poly.rp[r + 1]; p++) ring.push([poly.ll[2 * p] / 1e6, poly.ll[2 * p + 1] / 1e6]);
          rings.push(ring);
        }
      }
      out[i] = { id: cb.ids[i], name: cb.names[i], tag: tags[i], population: pop[i], lon: ll[2 * i] / 1e6, lat: ll[2 * i + 1] / 1e6, polygon: rings };
    }
    return out;
  }

  function facilitiesOf(cf, services) {
    var off = QHCoverage.decode(cf.serviceOffsets, Int32Array);
    var idx = QHCoverage.decode(cf.serviceIndex, Int32Array);
    var ll = QHCoverage.decode(cf.lonLat, Int32Array);
    var out = new Array(cf.count);
    for (var j = 0; j < cf.count; j++) {
      var svc = [];
      for (var p = off[j]; p < off[j + 1]; p++) svc.push(services[idx[p]].id);
      out[j] = { id: cf.ids[j], name: cf.names[j], services: svc, lon: ll[2 * j] / 1e6, lat: ll[2 * j + 1] / 1e6 };
    }
    return out;
  }

  function spacesOf(cs, kindNames) {
    var kinds = dict(cs.kinds);
    var ll = QHCoverage.decode(cs.lonLat, Int32Array);
    var area = column(cs.areaM2, 0);
    var off = QHCoverage.decode(cs.optionOffsets, Int32Array);
    var svc = QHCoverage.decode(cs.optionService, Int32Array);
    var oa = column(cs.optionArea, 0);
    var oc = column(cs.optionCost, 0);
    var out = new Array(cs.count);
    for (var c = 0; c < cs.count; c++) {
      var options = [];
      for (var p = off[c]; p < off[c + 1]; p++) options.push({ service: svc[p], areaM2: oa[p], cost: oc[p] });
      out[c] = { id: cs.ids[c], name: cs.names[c], kind: kinds[c], kindName: kindNames[kinds[c]] || kinds[c], lon: ll[2 * c] / 1e6, lat: ll[2 * c + 1] / 1e6, areaM2: area[c], options: options };
    }
    return out;
  }

  /** A state's cells as typed arrays: st.cov, st.min. */
  function stateCells(data, st, nCells) {
    if (st.compact) {
      var bits = QHCoverage.decode(st.compact.covered, Uint8Array);
      var metres = column(st.compact.nearest, NaN);
      var speeds = data.compact.speeds;
      st.cov = new Uint8Array(nCells);
      st.min = new Float64Array(nCells);
      for (var c = 0, k = 0; c < metres.length; c++) {
        for (var b = 0; b < NB; b++, k++) {
          st.cov[k] = (bits[k >> 3] >> (k & 7)) & 1;
          st.min[k] = round1(metres[c] / speeds[b] / 60);
        }
      }
      return;
    }
    st.cov = new Uint8Array(nCells);
    st.min = new Float64Array(nCells);
    for (var k2 = 0; k2 < nCells; k2++) {
      st.cov[k2] = st.covered.charCodeAt(k2) === 49 ? 1 : 0;
      st.min[k2] = st.minutes[k2] === null ? NaN : st.minutes[k2];
    }
  }

  /** A big report's what-if data, expanded when the panel is built (after the map's first frame). */
  function expandWhatIf(data) {
    var w = data.whatIf;
    if (!w || !w.compact || w.nearestValues) return;
    var shares = data.ageSharesValues;
    w.spaces = spacesOf(w.compact.spaces, data.kindNames);
    w.population = data.blocks.map(function (b) { return b.population; });
    w.ageSharesValues = shares;
    w.nearestValues = column(w.compact.nearest, Infinity);
    w.metresValues = column(w.compact.reachMetres, Infinity);
    // block indices within each space are stored as differences (whatif.ts blockDeltas)
    var off = QHCoverage.decode(w.reach.offsets, Int32Array);
    var bl = QHCoverage.decode(w.reach.blocks, Int32Array);
    for (var c = 0; c + 1 < off.length; c++) for (var p = off[c] + 1; p < off[c + 1]; p++) bl[p] += bl[p - 1];
    w.blocksValues = bl;
  }

  /** Expand `data` in place (see above); returns it. */
  function expand(data) {
    var S = data.services.length;
    if (data.compact) {
      var cb = data.compact.blocks;
      data.blocks = blocksOf(cb);
      data.facilities = facilitiesOf(data.compact.facilities, data.services);
      var shares = column(cb.ageShares, 0);
      var pop = QHCoverage.decode(cb.population, Int32Array);
      data.res = new Float64Array(cb.count * S * NB);
      for (var i = 0, k = 0; i < cb.count; i++) {
        for (var s = 0; s < S; s++) for (var b = 0; b < NB; b++) data.res[k++] = Math.round(pop[i] * shares[i * NB + b] * 100) / 100;
      }
      data.ageSharesValues = shares;
    } else data.res = Float64Array.from(data.residents);
    return data;
  }

  /** A state's cells (st.cov, st.min), decoded the first time the state is shown. */
  function cells(data, st) {
    if (!st.cov) stateCells(data, st, data.blocks.length * data.services.length * NB);
    return st;
  }

  return { expand: expand, cells: cells, expandWhatIf: expandWhatIf, column: column };
})();
