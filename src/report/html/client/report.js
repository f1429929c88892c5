/*
 * quarterhour report page script (inlined into report.html; runs in the browser with Leaflet and Chart.js,
 * after load.js, coverage.js, compact.js, whatif.js, explain.js and symbols.js). Reads the data from
 * <script id="report-data" type="application/json"> (a big report's gzipped: load.js) and builds the page with textContent only: names
 * from OSM or user files never become markup. Words come from data.strings (src/i18n/report.ts).
 */
QHLoad.load(function (raw) {
  'use strict';
  // a big report's compact form becomes the same objects, and every state's cells typed arrays (compact.js)
  var data = QHCompact.expand(raw);
  if (window.performance && performance.mark) performance.mark('qh-expanded');
  /** A big report draws its blocks and facilities on one canvas: thousands of SVG elements are slow to draw. */
  var BIG = !!data.compact;
  var S = data.services.length;
  var NB = data.bands.length;
  var ZH = data.lang === 'zh';
  var LOCALE = ZH ? 'zh-CN' : 'en-US';
  var COLORS = ['#6b7280', '#2563eb', '#d97706', '#059669', '#7c3aed', '#db2777', '#0891b2'];
  var NO_RESIDENTS = '#9ca3af';

  /** The page's string `key` with its {placeholders} filled; the key itself when there is no such string. */
  function t(key, values) {
    var s = Object.prototype.hasOwnProperty.call(data.strings, key) ? data.strings[key] : key;
    return s.replace(/\{(\w+)\}/g, function (m, k) { return values && Object.prototype.hasOwnProperty.call(values, k) ? String(values[k]) : m; });
  }
  /** A counted string: key_one or key_other with {n}. */
  function tn(key, n) { return t(key + (n === 1 ? '_one' : '_other'), { n: num(n, 0) }); }
  /** An element with optional class and text (text only, never HTML). */
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function pct(x, digits) { return (x * 100).toFixed(digits === undefined ? 1 : digits) + '%'; }
  var formats = {};
  function num(x, digits) {
    var d = digits === undefined ? 0 : digits;
    if (!formats[d]) formats[d] = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: d });
    return formats[d].format(Number(x));
  }
  var serviceById = {};
  data.services.forEach(function (s, k) { serviceById[s.id] = k; });
  /** A service's name as shown: its id in English (as in the files), its Chinese name in Chinese. */
  function serviceLabel(id) { var k = serviceById[id]; return k === undefined ? id : (ZH ? data.services[k].label : id); }
  function bandName(band) { var b = data.bands.indexOf(band); return b < 0 ? band : data.bandNames[b]; }
  function kindName(kind) { return data.kindNames[kind] || kind; }
  /** A compared state's label: compare's baseline 'today' in the page's language, a plan's label (its file name) as it is. */
  function planLabel(label) { return label === data.states[0].label ? t('stateToday') : label; }
  function stateLabel(k) {
    if (k >= data.states.length) return t('stateWhatIf');
    if (k === 0) return t('stateToday');
    return data.kind === 'run' ? t('stateWithPlan') : data.states[k].label;
  }

  var totalResidents = data.blocks.reduce(function (a, b) { return a + b.population; }, 0);
  document.getElementById('title').textContent = data.title;
  document.getElementById('subtitle').textContent = t('subtitle', { scenario: data.scenario, seed: data.seed, blocks: num(data.blocks.length), residents: num(totalResidents), facilities: num(data.facilities.length) });

  // ---- warnings (summary.json) ---------------------------------------------------------------
  if (data.warnings && data.warnings.length) {
    var wl = document.getElementById('warning-list');
    data.warnings.forEach(function (w) { wl.appendChild(el('li', null, w)); });
    document.getElementById('warnings').hidden = false;
  }

  // ---- selection and controls -------------------------------------------------------------
  /** The map's states: the data's, then the what-if plan's (set by the what-if panel). */
  var states = data.states.slice();
  var sel = { state: data.states.length > 1 ? 1 : 0, service: 'all', band: 'all', mode: 'share' };

  function addSelect(id, label, options, value, onChange) {
    var wrap = el('label', null, label);
    var s = el('select');
    s.id = id;
    options.forEach(function (o) {
      var opt = el('option', null, o.text);
      opt.value = String(o.value);
      s.appendChild(opt);
    });
    s.value = String(value);
    s.addEventListener('change', function () { onChange(s.value); update(); });
    wrap.appendChild(s);
    document.getElementById('controls').appendChild(wrap);
    return s;
  }
  var stateOptions = data.states.map(function (st, k) { return { value: k, text: k === 0 ? t('optToday') : (data.kind === 'run' ? t('optWithPlan') : t('optPlan', { label: st.label })) }; });
  if (data.whatIf) stateOptions.push({ value: data.states.length, text: t('optWhatIf') });
  addSelect('select-state', t('ctlFacilities'), stateOptions, sel.state, function (v) { sel.state = Number(v); });
  addSelect('select-service', t('ctlService'), [{ value: 'all', text: t('optAllServices') }].concat(data.services.map(function (s) { return { value: s.id, text: (ZH ? s.label : s.name) + ' (' + t('minutes', { n: s.thresholdMin }) + ')' }; })), sel.service, function (v) { sel.service = v; });
  addSelect('select-band', t('ctlBand'), [{ value: 'all', text: t('optAllAges') }].concat(data.bands.map(function (b, k) { return { value: b, text: data.bandNames[k] }; })), sel.band, function (v) { sel.band = v; });
  addSelect('select-mode', t('ctlColour'), [{ value: 'share', text: t('optShare') }, { value: 'minutes', text: t('optMinutes') }], sel.mode, function (v) { sel.mode = v; });

  function chosenServices() {
    if (sel.service === 'all') return data.services.map(function (_, s) { return s; });
    return [serviceById[sel.service]];
  }
  function chosenBands() {
    if (sel.band === 'all') return data.bands.map(function (_, b) { return b; });
    return [data.bands.indexOf(sel.band)];
  }

  /** {share, ratio, residents} of block i for the current selection: covered share, and mean of minutes/threshold (capped at 3). */
  function blockValue(i, services, bands) {
    var st = QHCompact.cells(data, states[sel.state]);
    var ss = services || chosenServices(), bs = bands || chosenBands();
    var pop = 0, cov = 0, ratio = 0;
    for (var a = 0; a < ss.length; a++) {
      var s = ss[a];
      var thr = data.services[s].thresholdMin;
      for (var c = 0; c < bs.length; c++) {
        var k = (i * S + s) * NB + bs[c];
        var r = data.res[k];
        var m = st.min[k];
        pop += r;
        if (st.cov[k]) cov += r;
        ratio += r * (m !== m ? 3 : Math.min(m / thr, 3));
      }
    }
    return pop > 0 ? { share: cov / pop, ratio: ratio / pop, residents: pop } : { share: null, ratio: null, residents: 0 };
  }
  /** Every block's colour for the current selection into `out`, without an object per block (a big report). */
  var hueColours = {};
  function blockFills(out) {
    var st = QHCompact.cells(data, states[sel.state]);
    var ss = chosenServices(), bs = chosenBands();
    var thr = ss.map(function (s) { return data.services[s].thresholdMin; });
    var share = sel.mode === 'share';
    for (var i = 0; i < data.blocks.length; i++) {
      var pop = 0, cov = 0, ratio = 0;
      for (var a = 0; a < ss.length; a++) {
        var base = (i * S + ss[a]) * NB;
        for (var c = 0; c < bs.length; c++) {
          var k = base + bs[c];
          var r = data.res[k];
          pop += r;
          if (st.cov[k]) cov += r;
          if (!share) { var m = st.min[k]; ratio += r * (m !== m ? 3 : Math.min(m / thr[a], 3)); }
        }
      }
      if (pop === 0) { out[i] = NO_RESIDENTS; continue; }
      var hue = Math.round(share ? 120 * (cov / pop) : Math.max(0, Math.min(120, 120 - (ratio / pop - 0.5) * 80)));
      out[i] = hueColours[hue] || (hueColours[hue] = 'hsl(' + hue + ', 70%, 45%)');
    }
  }
  function colourOf(v) {
    if (v.residents === 0) return NO_RESIDENTS;
    var hue = sel.mode === 'share' ? 120 * v.share : Math.max(0, Math.min(120, 120 - (v.ratio - 0.5) * 80));
    return 'hsl(' + Math.round(hue) + ', 70%, 45%)';
  }

  // ---- map --------------------------------------------------------------------------------
  var map = L.map('map', { attributionControl: false, zoomSnap: 0.25 });
  L.control.scale({ imperial: false }).addTo(map);
  var maxPop = data.blocks.reduce(function (a, b) { return Math.max(a, b.population); }, 1);
  function blockRadius(pop) { return BIG ? 1.5 + 4 * Math.sqrt(pop / maxPop) : 4 + 10 * Math.sqrt(pop / maxPop); }
  // the view first: a layer added before the map has a view waits on its 'load' event, one listener
  // each, and thousands of them cost seconds
  var points = [];
  data.blocks.forEach(function (b) { points.push([b.lat, b.lon]); });
  data.facilities.forEach(function (f) { points.push([f.lat, f.lon]); });
  data.states.forEach(function (st) { st.conversions.forEach(function (c) { points.push([c.lat, c.lon]); }); });
  if (points.length) map.fitBounds(L.latLngBounds(points).pad(0.05));
  else map.setView([0, 0], 2);
  // for bench/report.ts: when Leaflet's map was loaded (its first view set)
  map.whenReady(function () { if (window.performance && performance.mark) performance.mark('qh-map-load'); });

  /**
   * A tooltip kept inside the map: after Leaflet places it, it is moved back within the map's edges
   * (a sticky tooltip at a block near the bottom edge would otherwise be cut off).
   */
  var InsideTooltip = L.Tooltip.extend({
    _setPosition: function (pos) {
      L.Tooltip.prototype._setPosition.call(this, pos);
      var c = this._container;
      if (!this._map || !c) return;
      var at = L.DomUtil.getPosition(c);
      var tl = this._map.layerPointToContainerPoint(at);
      var size = this._map.getSize();
      var margin = 4;
      var dx = 0, dy = 0;
      if (tl.x + c.offsetWidth > size.x - margin) dx = size.x - margin - c.offsetWidth - tl.x;
      if (tl.x + dx < margin) dx = margin - tl.x;
      if (tl.y + c.offsetHeight > size.y - margin) dy = size.y - margin - c.offsetHeight - tl.y;
      if (tl.y + dy < margin) dy = margin - tl.y;
      if (dx || dy) L.DomUtil.setPosition(c, at.add([dx, dy]));
    },
  });
  function bindTip(layer, content, options) {
    var tip = new InsideTooltip(options || {});
    tip.setContent(content);
    layer.bindTooltip(tip);
  }
  function tooltip(lines) {
    var d = el('div', 'qh-tip');
    lines.forEach(function (line, k) {
      if (line) d.appendChild(el(k === 0 ? 'strong' : 'div', null, line));
    });
    return d;
  }

  // streets (an OSM scenario): one SVG path on a pane under the blocks
  var streetKm = null;
  if (data.streets && data.streets.count > 0) {
    map.createPane('streets');
    map.getPane('streets').style.zIndex = 350;
    var offs = QHCoverage.decode(data.streets.offsets, Uint32Array);
    var ll = QHCoverage.decode(data.streets.lonLat, Int32Array);
    var lines = [];
    for (var li = 0; li < data.streets.count; li++) {
      var line = [];
      for (var p = offs[li]; p < offs[li + 1]; p++) line.push([ll[2 * p + 1] / 1e6, ll[2 * p] / 1e6]);
      if (line.length > 1) lines.push(line);
    }
    L.polyline(lines, { pane: 'streets', renderer: L.svg({ pane: 'streets' }), className: 'qh-streets', color: '#8a94a3', weight: 1.2, opacity: 0.8, interactive: false, smoothFactor: 1 }).addTo(map);
    streetKm = data.streets.lengthKm;
  }

  /** A block's tooltip lines for the current selection. */
  function blockTip(i) {
    var b = data.blocks[i];
    var v = blockValue(i);
    var what = (sel.service === 'all' ? t('optAllServices') : serviceLabel(sel.service)) + ', ' + (sel.band === 'all' ? t('optAllAges') : bandName(sel.band));
    var lines = [b.name + ' (' + b.id + ')', (b.tag ? b.tag + ', ' : '') + t('tipResidents', { n: num(b.population) })];
    if (v.residents === 0) lines.push(t('tipNoResidents', { what: what }));
    else {
      lines.push(t('tipCovered', { share: pct(v.share), what: what, state: stateLabel(sel.state) }));
      if (sel.service !== 'all' && sel.band !== 'all') {
        var m = QHCompact.cells(data, states[sel.state]).min[(i * S + chosenServices()[0]) * NB + chosenBands()[0]];
        lines.push(m !== m ? t('tipNoSite') : t('tipMinutes', { n: m }));
      }
    }
    return tooltip(lines);
  }
  function facilityTip(j) {
    var f = data.facilities[j];
    return tooltip([f.name + ' (' + f.id + ')', t('tipExisting', { services: f.services.map(serviceLabel).join(', ') })]);
  }
  function facilityOffers(j) { return sel.service === 'all' || data.facilities[j].services.indexOf(sel.service) >= 0; }

  var blockLayers = [], facilityLayers = [], blockCanvas = null, blockFill = [];
  if (BIG) {
    // one canvas for every block and facility (canvas.js), one tooltip that follows the pointer
    var blockRings = data.blocks.map(function (b) { return b.polygon; });
    blockCanvas = QHCanvas.layer([
      { n: data.blocks.length, lat: function (i) { return data.blocks[i].lat; }, lon: function (i) { return data.blocks[i].lon; }, radius: function (i) { return blockRadius(data.blocks[i].population); }, rings: function (i) { return blockRings[i]; }, fill: function (i) { return blockFill[i]; }, alpha: function () { return 0.85; }, stroke: null },
      { n: data.facilities.length, lat: function (j) { return data.facilities[j].lat; }, lon: function (j) { return data.facilities[j].lon; }, radius: function () { return 1.5; }, rings: function () { return null; }, fill: function (j) { return facilityOffers(j) ? '#111' : '#fff'; }, alpha: function (j) { return facilityOffers(j) ? 0.9 : 0.3; }, stroke: null },
    ]);
    var tip = new InsideTooltip({ sticky: true });
    var tipOpen = false;
    map.on('mousemove', function (e) {
      var h = blockCanvas.hit(e.containerPoint);
      if (!h) { if (tipOpen) { map.closeTooltip(tip); tipOpen = false; } return; }
      tip.setContent(h.group === 0 ? blockTip(h.index) : facilityTip(h.index));
      if (!tipOpen) { map.openTooltip(tip, e.latlng); tipOpen = true; } else tip.setLatLng(e.latlng);
    });
    map.on('mouseout', function () { if (tipOpen) { map.closeTooltip(tip); tipOpen = false; } });
  } else {
    blockLayers = data.blocks.map(function (b, i) {
      var opts = { className: 'qh-block', weight: 1, color: '#333', fillOpacity: 0.75 };
      var layer = b.polygon
        ? L.polygon(b.polygon.map(function (ring) { return ring.map(function (p) { return [p[1], p[0]]; }); }), opts)
        : L.circleMarker([b.lat, b.lon], Object.assign({ radius: blockRadius(b.population) }, opts));
      bindTip(layer, function () { return blockTip(i); }, { sticky: true });
      return layer.addTo(map);
    });
    facilityLayers = data.facilities.map(function (f, j) {
      var layer = L.circleMarker([f.lat, f.lon], { className: 'qh-facility', radius: 4, weight: 1, color: '#111', fillColor: '#111', fillOpacity: 0.9 });
      bindTip(layer, function () { return facilityTip(j); });
      return layer.addTo(map);
    });
  }
  var pointBlocks = data.blocks.some(function (b) { return !b.polygon; });

  var planLayer = L.layerGroup().addTo(map);
  var MAX_SYMBOLS = 300;
  /** A big report draws the plan's rings and areas on a canvas too (a plan may convert a thousand spaces). */
  var planRenderer = BIG ? L.canvas({ padding: 0.2 }) : undefined;

  function drawPlan() {
    planLayer.clearLayers();
    var st = states[sel.state];
    st.conversions.forEach(function (c) {
      // the state's areas by candidate, indexed once (a plan may convert a thousand spaces)
      if (!st.isoBy) {
        st.isoBy = {};
        st.isochrones.forEach(function (x) { (st.isoBy[x.candidate] = st.isoBy[x.candidate] || []).push(x); });
      }
      var iso = (st.isoBy[c.candidate] || []).filter(function (x) {
        return (sel.service === 'all' || x.service === sel.service) && (sel.band === 'all' || x.band === sel.band);
      });
      // 'all' picks the smallest area shown: the slowest band's and, across services, the longest threshold's
      var byService = {};
      iso.forEach(function (x) { if (!byService[x.service] || x.metres < byService[x.service].metres) byService[x.service] = x; });
      var best = null;
      Object.keys(byService).forEach(function (k) { if (!best || byService[k].metres > best.metres) best = byService[k]; });
      if (best) {
        var isoStyle = { className: 'qh-isochrone', color: '#7c3aed', weight: 1.5, dashArray: '4 4', fill: true, fillOpacity: 0.06, interactive: false, renderer: planRenderer };
        // a big report gives a circle by its radius alone
        if (best.rings.length === 0) L.circle([c.lat, c.lon], Object.assign({ radius: best.radiusM }, isoStyle)).addTo(planLayer);
        else L.polygon(best.rings.map(function (ring) { return ring.map(function (p) { return [p[1], p[0]]; }); }), isoStyle).addTo(planLayer);
      }
      var offers = sel.service === 'all' || c.services.indexOf(sel.service) >= 0;
      var m = L.circleMarker([c.lat, c.lon], { renderer: planRenderer, className: 'qh-conversion', radius: 7, weight: 3, color: '#7c3aed', opacity: offers ? 1 : 0.35, fillColor: '#fff', fillOpacity: offers ? 1 : 0.35 });
      bindTip(m, function () {
        return tooltip([c.name + ' (' + c.candidate + ')', t('tipNew', { services: c.services.map(serviceLabel).join(', ') }), t('tipSpace', { kind: kindName(c.kind), area: num(c.areaM2Used, 1), cost: num(c.cost) }), best ? t(best.radiusM !== null && best.radiusM !== best.metres ? 'tipDashedRadius' : 'tipDashed', { service: serviceLabel(best.service), metres: num(best.metres), radius: num(best.radiusM), band: bandName(best.band) }) : '']);
      });
      m.addTo(planLayer);
      // the services' symbols, to the right of the ring (one DOM element each: not for a plan of hundreds)
      if (st.conversions.length > MAX_SYMBOLS) return;
      var idx = c.services.map(function (id) { return serviceById[id]; });
      var icon = L.divIcon({ className: 'qh-conversion-symbol', html: QHSymbols.svg(idx, 14), iconSize: [14 * idx.length, 14], iconAnchor: [-9, 7] });
      L.marker([c.lat, c.lon], { icon: icon, interactive: false, keyboard: false, opacity: offers ? 1 : 0.35 }).addTo(planLayer);
    });
  }

  function legendItem(lg, swatch, text) {
    var item = el('span', 'legend-item');
    item.appendChild(swatch);
    item.appendChild(el('span', null, text));
    lg.appendChild(item);
  }
  function swatch(colour) {
    var sw = el('span', 'swatch');
    sw.style.background = colour;
    return sw;
  }
  function sizeLegend() {
    var NS = 'http://www.w3.org/2000/svg';
    var pops = [maxPop, Math.round(maxPop / 4), Math.round(maxPop / 16)].filter(function (p, k, a) { return p > 0 && a.indexOf(p) === k; });
    var wrap = el('span', 'legend-item');
    wrap.id = 'legend-size';
    wrap.appendChild(el('span', null, t('legendSize') + ':'));
    pops.forEach(function (p) {
      var r = blockRadius(p);
      var svg = document.createElementNS(NS, 'svg');
      svg.setAttribute('width', String(2 * r + 2));
      svg.setAttribute('height', String(2 * r + 2));
      var c = document.createElementNS(NS, 'circle');
      c.setAttribute('cx', String(r + 1));
      c.setAttribute('cy', String(r + 1));
      c.setAttribute('r', String(r));
      c.setAttribute('fill', '#d1d5db');
      c.setAttribute('stroke', '#333');
      svg.appendChild(c);
      wrap.appendChild(svg);
      wrap.appendChild(el('span', null, num(p)));
    });
    return wrap;
  }

  function drawLegend() {
    var lg = document.getElementById('legend');
    lg.textContent = '';
    var ramp = el('span', 'legend-item');
    ramp.appendChild(el('span', null, sel.mode === 'share' ? t('legendShareLow') : t('legendRatioLow')));
    ramp.appendChild(el('span', 'ramp'));
    ramp.appendChild(el('span', null, sel.mode === 'share' ? t('legendShareHigh') : t('legendRatioHigh')));
    lg.appendChild(ramp);
    legendItem(lg, swatch('#111'), sel.service === 'all' ? t('legendFacility') : t('legendFacilityOffers', { service: serviceLabel(sel.service) }));
    legendItem(lg, swatch('#7c3aed'), sel.service === 'all' ? t('legendConversion') : t('legendConversionOffers', { service: serviceLabel(sel.service) }));
    legendItem(lg, swatch(NO_RESIDENTS), t('legendNoResidents'));
    if (pointBlocks) lg.appendChild(sizeLegend());
    if (streetKm !== null) {
      var line = el('span', 'street-swatch');
      legendItem(lg, line, t('legendStreets', { km: num(streetKm, 1) }));
    }
    // one symbol per service of the conversions shown
    var shown = {};
    states[sel.state].conversions.forEach(function (c) { c.services.forEach(function (id) { shown[id] = true; }); });
    var symbols = el('span', 'legend-item legend-symbols');
    symbols.id = 'legend-symbols';
    data.services.forEach(function (s, k) {
      if (!shown[s.id]) return;
      var item = el('span', 'legend-symbol');
      item.appendChild(QHSymbols.svg([k], 12));
      item.appendChild(el('span', null, serviceLabel(s.id)));
      symbols.appendChild(item);
    });
    if (symbols.childNodes.length) lg.appendChild(symbols);
    lg.appendChild(el('span', 'note', t('legendDashed', { note: data.isochroneNote })));
  }

  function update() {
    if (blockCanvas) {
      blockFills(blockFill);
      if (!blockCanvas._map) blockCanvas.addTo(map);
      else blockCanvas.redraw();
    }
    blockLayers.forEach(function (layer, i) { layer.setStyle({ fillColor: colourOf(blockValue(i)) }); });
    facilityLayers.forEach(function (layer, j) {
      var offers = facilityOffers(j);
      layer.setStyle({ fillColor: offers ? '#111' : '#fff', opacity: offers ? 1 : 0.4, fillOpacity: offers ? 0.9 : 0.3 });
    });
    drawPlan();
    drawLegend();
  }

  /** Zoom the map to a point (a plan-table row, an idle space of the what-if panel). */
  function focus(lat, lon) {
    map.setView([lat, lon], Math.max(map.getZoom(), 18));
    document.getElementById('map').scrollIntoView({ block: 'nearest' });
  }

  // ---- charts -----------------------------------------------------------------------------
  function barChart(id, labels, valueOf) {
    return new Chart(document.getElementById(id), {
      type: 'bar',
      data: {
        labels: labels,
        datasets: data.states.map(function (st, k) {
          return { label: stateLabel(k), data: valueOf(st).map(function (x) { return Math.round(x * 1000) / 10; }), backgroundColor: COLORS[k % COLORS.length] };
        }),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { y: { min: 0, max: 100, title: { display: true, text: t('axisShare') } } },
        plugins: { tooltip: { callbacks: { label: function (c) { return c.dataset.label + ': ' + c.parsed.y + '%'; } } } },
      },
    });
  }
  function charts() {
    barChart('chart-bands', data.bandNames, function (st) { return data.bands.map(function (b) { return st.byAgeBand[b]; }); });
    barChart('chart-services', data.services.map(function (s) { return serviceLabel(s.id); }), function (st) { return data.services.map(function (s) { return st.byService[s.id]; }); });
  }
  // a big report draws its charts after the map's first frame
  if (!BIG) charts();

  // ---- tables -----------------------------------------------------------------------------
  function table(head, rows, numeric) {
    var tb = el('table');
    var tr = el('tr');
    head.forEach(function (h, c) { tr.appendChild(el('th', numeric[c] ? 'num' : null, h)); });
    tb.appendChild(tr);
    rows.forEach(function (r) {
      var row = el('tr', r.className || null);
      r.cells.forEach(function (v, c) {
        var td = el('td', numeric[c] ? 'num' : null);
        if (v && typeof v === 'object') { td.textContent = v.text; if (v.className) td.className += ' ' + v.className; }
        else td.textContent = v;
        row.appendChild(td);
      });
      if (r.onClick) { row.addEventListener('click', r.onClick); row.className += ' clickable'; }
      tb.appendChild(row);
    });
    return tb;
  }

  /** The plan tables (a plan may convert a thousand spaces: a big report builds them after the map's first frame). */
  function planTables() {
    var planBox = document.getElementById('plan-tables');
    var withPlans = data.states.filter(function (st) { return st.totals; });
    if (withPlans.length === 0) planBox.appendChild(el('p', 'note', t('noPlan')));
    else planBox.appendChild(el('p', 'note', t('rowClick')));
    withPlans.forEach(function (st) {
      var k = data.states.indexOf(st);
      planBox.appendChild(el('h3', null, data.kind === 'run' ? t('planHeadRun') : st.label));
      var rows = st.conversions.map(function (c) {
        return {
          cells: [c.candidate, c.name, kindName(c.kind), c.services.map(serviceLabel).join(', '), num(c.areaM2Used, 1), num(c.cost)],
          onClick: function () {
            if (sel.state !== k) { sel.state = k; document.getElementById('select-state').value = String(k); update(); }
            focus(c.lat, c.lon);
          },
        };
      });
      rows.push({ className: 'total', cells: [t('total'), tn('spaces', st.totals.spaces), '', tn('conversions', st.totals.conversions), num(st.totals.areaM2, 1), num(st.totals.cost)] });
      var tb = table([t('colSpace'), t('colName'), t('colKind'), t('colNewServices'), t('colArea'), t('colCost')], rows, [false, false, false, false, true, true]);
      tb.id = 'plan-table-' + k;
      planBox.appendChild(tb);
    });
  }
  if (!BIG) planTables();

  var ctx = { data: data, t: t, tn: tn, el: el, table: table, num: num, pct: pct, serviceLabel: serviceLabel, bandName: bandName, focus: focus };

  // ---- why this plan (a run's plan.json explanation) ----------------------------------------
  function explanation() {
    if (data.kind === 'run' && data.states.length > 1) {
      QHExplain.render(ctx, document.getElementById('explanation-body'), data.states[1].explanation);
      document.getElementById('explanation').hidden = false;
    }
  }
  if (!BIG) explanation();

  // ---- what if ------------------------------------------------------------------------------
  var whatIf = null;
  function mountWhatIf() {
    if (!data.whatIf) return;
    QHCompact.expandWhatIf(data);
    var whatIfIndex = data.states.length;
    ctx.onChange = function (state) {
      states[whatIfIndex] = state;
      if (sel.state === whatIfIndex) update();
    };
    whatIf = QHWhatIf.mount(ctx, document.getElementById('whatif-body'));
    document.getElementById('whatif').hidden = false;
  }
  // a big report's what-if panel (coverage of millions of cells, twice) comes after the map's first frame
  if (!BIG) mountWhatIf();

  // ---- differences (compare) ------------------------------------------------------------------
  var diffBox = document.getElementById('difference-tables');
  if (data.kind !== 'compare') document.getElementById('differences').hidden = true;
  else {
    data.changes.forEach(function (ch) {
      diffBox.appendChild(el('h3', null, t('changesHead', { plan: planLabel(ch.plan), reference: planLabel(ch.reference) })));
      diffBox.appendChild(table([t('colService'), t('colGaining'), t('colLosing')], data.services.map(function (s) {
        var x = ch.byService[s.id];
        return { cells: [serviceLabel(s.id), { text: x.gained ? '+' + num(x.gained) : '0', className: x.gained ? 'gain' : '' }, { text: x.lost ? '-' + num(x.lost) : '0', className: x.lost ? 'loss' : '' }] };
      }), [false, true, true]));
    });
    data.differences.forEach(function (d) {
      diffBox.appendChild(el('h3', null, t('diffHead', { plan: d.plan, reference: d.reference, same: tn('spaces', d.same) })));
      var rows = [];
      d.onlyInPlan.forEach(function (u) { rows.push({ cells: [u.candidate, u.name, u.services.map(serviceLabel).join(', '), '—'] }); });
      d.onlyInReference.forEach(function (u) { rows.push({ cells: [u.candidate, u.name, '—', u.services.map(serviceLabel).join(', ')] }); });
      d.differentServices.forEach(function (u) { rows.push({ cells: [u.candidate, u.name, u.plan.map(serviceLabel).join(', '), u.reference.map(serviceLabel).join(', ')] }); });
      if (rows.length === 0) diffBox.appendChild(el('p', 'note', t('diffSame')));
      else diffBox.appendChild(table([t('colSpace'), t('colName'), t('colIn', { plan: d.plan }), t('colIn', { plan: d.reference })], rows, [false, false, false, false]));
    });
    if (data.differences.length === 0) diffBox.appendChild(el('p', 'note', t('diffOne')));
  }

  update();
  function ready() {
    /** For tests and the curious: the map and the what-if plan, and how the blocks are drawn. */
    window.quarterhourReport = { map: map, whatIf: whatIf, compact: BIG, renderer: BIG ? 'canvas' : 'svg', blocks: data.blocks.length };
    document.body.setAttribute('data-ready', 'true');
  }
  function mark(name) { if (window.performance && performance.mark) performance.mark(name); }
  // for bench/report.ts: just after the first frame drawn with the map, the charts and the tables
  if (!window.requestAnimationFrame) { if (BIG) { charts(); planTables(); explanation(); mountWhatIf(); } ready(); }
  else {
    if (!BIG) ready();
    requestAnimationFrame(function () {
      setTimeout(function () {
        mark('qh-first-frame');
        if (BIG) { charts(); planTables(); explanation(); mountWhatIf(); ready(); }
      }, 0);
    });
  }
});
