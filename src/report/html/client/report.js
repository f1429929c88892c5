/*
 * quarterhour report page script (inlined into report.html; runs in the browser with Leaflet and Chart.js).
 * Reads the data from <script id="report-data" type="application/json"> and builds the page with
 * textContent only: names from OSM or user files never become markup.
 */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var S = data.services.length;
  var NB = data.bands.length;
  var COLORS = ['#6b7280', '#2563eb', '#d97706', '#059669', '#7c3aed', '#db2777', '#0891b2'];
  var NO_RESIDENTS = '#9ca3af';

  /** An element with optional class and text (text only, never HTML). */
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function pct(x) { return (x * 100).toFixed(1) + '%'; }
  function num(x) { return Math.round(x).toLocaleString('en-US'); }
  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }

  var totalResidents = data.blocks.reduce(function (a, b) { return a + b.population; }, 0);
  document.getElementById('title').textContent = data.title;
  document.getElementById('subtitle').textContent = 'Scenario ' + data.scenario + ' (seed ' + data.seed + '): ' + data.blocks.length + ' blocks, ' +
    num(totalResidents) + ' residents, ' + data.facilities.length + ' facilities. A resident is covered for a service when the nearest site offering it is within the service\'s walking threshold at the resident\'s age-band speed.';

  // ---- selection and controls -------------------------------------------------------------
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
  }
  addSelect('select-state', 'Facilities', data.states.map(function (st, k) { return { value: k, text: k === 0 ? 'today' : (data.kind === 'run' ? 'with the plan' : st.label + ' (plan)') }; }), sel.state, function (v) { sel.state = Number(v); });
  addSelect('select-service', 'Service', [{ value: 'all', text: 'all services' }].concat(data.services.map(function (s) { return { value: s.id, text: s.name + ' (' + s.thresholdMin + ' min)' }; })), sel.service, function (v) { sel.service = v; });
  addSelect('select-band', 'Age band', [{ value: 'all', text: 'all ages' }].concat(data.bands.map(function (b) { return { value: b, text: b }; })), sel.band, function (v) { sel.band = v; });
  addSelect('select-mode', 'Colour by', [{ value: 'share', text: 'share of residents covered' }, { value: 'minutes', text: 'minutes to nearest / threshold' }], sel.mode, function (v) { sel.mode = v; });

  function chosenServices() {
    if (sel.service === 'all') return data.services.map(function (_, s) { return s; });
    return [data.services.findIndex(function (s) { return s.id === sel.service; })];
  }
  function chosenBands() {
    if (sel.band === 'all') return data.bands.map(function (_, b) { return b; });
    return [data.bands.indexOf(sel.band)];
  }

  /** {share, ratio, residents} of block i for the current selection: covered share, and mean of minutes/threshold (capped at 3). */
  function blockValue(i) {
    var st = data.states[sel.state];
    var pop = 0, cov = 0, ratio = 0;
    chosenServices().forEach(function (s) {
      var thr = data.services[s].thresholdMin;
      chosenBands().forEach(function (b) {
        var k = (i * S + s) * NB + b;
        var r = data.residents[k];
        var m = st.minutes[k];
        pop += r;
        if (st.covered.charAt(k) === '1') cov += r;
        ratio += r * (m === null ? 3 : Math.min(m / thr, 3));
      });
    });
    return pop > 0 ? { share: cov / pop, ratio: ratio / pop, residents: pop } : { share: null, ratio: null, residents: 0 };
  }
  function colourOf(v) {
    if (v.residents === 0) return NO_RESIDENTS;
    var hue = sel.mode === 'share' ? 120 * v.share : Math.max(0, Math.min(120, 120 - (v.ratio - 0.5) * 80));
    return 'hsl(' + Math.round(hue) + ', 70%, 45%)';
  }

  // ---- map --------------------------------------------------------------------------------
  var map = L.map('map', { attributionControl: false, zoomSnap: 0.25 });
  L.control.scale({ imperial: false }).addTo(map);
  var maxPop = Math.max.apply(null, data.blocks.map(function (b) { return b.population; }).concat([1]));
  var points = [];

  function tooltip(lines) {
    var d = el('div');
    lines.forEach(function (line, k) {
      d.appendChild(el(k === 0 ? 'strong' : 'div', null, line));
    });
    return d;
  }

  var blockLayers = data.blocks.map(function (b, i) {
    var opts = { className: 'qh-block', weight: 1, color: '#333', fillOpacity: 0.75 };
    var layer = b.polygon
      ? L.polygon(b.polygon.map(function (ring) { return ring.map(function (p) { return [p[1], p[0]]; }); }), opts)
      : L.circleMarker([b.lat, b.lon], Object.assign({ radius: 4 + 10 * Math.sqrt(b.population / maxPop) }, opts));
    points.push([b.lat, b.lon]);
    layer.bindTooltip(function () {
      var v = blockValue(i);
      var what = (sel.service === 'all' ? 'all services' : sel.service) + ', ' + (sel.band === 'all' ? 'all ages' : sel.band);
      var lines = [b.name + ' (' + b.id + ')', (b.tag ? b.tag + ', ' : '') + num(b.population) + ' residents'];
      if (v.residents === 0) lines.push('no residents in ' + what);
      else {
        lines.push(pct(v.share) + ' covered (' + what + ', ' + data.states[sel.state].label + ')');
        if (sel.service !== 'all' && sel.band !== 'all') {
          var m = data.states[sel.state].minutes[(i * S + chosenServices()[0]) * NB + chosenBands()[0]];
          lines.push(m === null ? 'no site within reach' : m + ' min to the nearest');
        }
      }
      return tooltip(lines);
    }, { sticky: true });
    return layer.addTo(map);
  });

  var facilityLayers = data.facilities.map(function (f) {
    points.push([f.lat, f.lon]);
    var layer = L.circleMarker([f.lat, f.lon], { className: 'qh-facility', radius: 4, weight: 1, color: '#111', fillColor: '#111', fillOpacity: 0.9 });
    layer.bindTooltip(function () { return tooltip([f.name + ' (' + f.id + ')', 'existing: ' + f.services.join(', ')]); });
    return layer.addTo(map);
  });

  var planLayer = L.layerGroup().addTo(map);
  data.states.forEach(function (st) { st.conversions.forEach(function (c) { points.push([c.lat, c.lon]); }); });
  if (points.length) map.fitBounds(L.latLngBounds(points).pad(0.05));
  else map.setView([0, 0], 2);

  function drawPlan() {
    planLayer.clearLayers();
    var st = data.states[sel.state];
    st.conversions.forEach(function (c) {
      var iso = st.isochrones.filter(function (x) {
        return x.candidate === c.candidate && (sel.service === 'all' || x.service === sel.service) && (sel.band === 'all' || x.band === sel.band);
      });
      // 'all' picks the smallest area shown: the slowest band's and, across services, the longest threshold's
      var byService = {};
      iso.forEach(function (x) { if (!byService[x.service] || x.metres < byService[x.service].metres) byService[x.service] = x; });
      var best = null;
      Object.keys(byService).forEach(function (k) { if (!best || byService[k].metres > best.metres) best = byService[k]; });
      if (best) {
        L.polygon(best.rings.map(function (ring) { return ring.map(function (p) { return [p[1], p[0]]; }); }), { className: 'qh-isochrone', color: '#7c3aed', weight: 1.5, dashArray: '4 4', fill: true, fillOpacity: 0.06, interactive: false }).addTo(planLayer);
      }
      var offers = sel.service === 'all' || c.services.indexOf(sel.service) >= 0;
      var m = L.circleMarker([c.lat, c.lon], { className: 'qh-conversion', radius: 7, weight: 3, color: '#7c3aed', opacity: offers ? 1 : 0.35, fillColor: '#fff', fillOpacity: offers ? 1 : 0.35 });
      m.bindTooltip(function () {
        return tooltip([c.name + ' (' + c.candidate + ')', 'new: ' + c.services.join(', '), c.kind + ', ' + c.areaM2Used + ' m², cost ' + num(c.cost), best ? 'dashed: ' + best.service + ' within ' + best.metres + ' m walk (' + best.band + ')' : '']);
      });
      m.addTo(planLayer);
    });
  }

  function drawLegend() {
    var lg = document.getElementById('legend');
    lg.textContent = '';
    var ramp = el('span');
    ramp.appendChild(el('span', null, sel.mode === 'share' ? 'blocks: 0% covered' : 'blocks: 2× threshold or more'));
    ramp.appendChild(el('span', 'ramp'));
    ramp.appendChild(el('span', null, sel.mode === 'share' ? '100%' : 'half the threshold or less'));
    lg.appendChild(ramp);
    [['#111', 'existing facility' + (sel.service === 'all' ? '' : ' (dark: offers ' + sel.service + ')')], ['#7c3aed', 'conversion in the plan' + (sel.service === 'all' ? '' : ' (faint: without ' + sel.service + ')')], [NO_RESIDENTS, 'no residents in the selection']].forEach(function (x) {
      var item = el('span');
      var sw = el('span', 'swatch');
      sw.style.background = x[0];
      item.appendChild(sw);
      item.appendChild(el('span', null, x[1]));
      lg.appendChild(item);
    });
    lg.appendChild(el('span', 'note', 'dashed: ' + data.isochroneNote));
  }

  function update() {
    blockLayers.forEach(function (layer, i) { layer.setStyle({ fillColor: colourOf(blockValue(i)) }); });
    facilityLayers.forEach(function (layer, j) {
      var offers = sel.service === 'all' || data.facilities[j].services.indexOf(sel.service) >= 0;
      layer.setStyle({ fillColor: offers ? '#111' : '#fff', opacity: offers ? 1 : 0.4, fillOpacity: offers ? 0.9 : 0.3 });
    });
    drawPlan();
    drawLegend();
  }

  // ---- charts -----------------------------------------------------------------------------
  function barChart(id, labels, valueOf) {
    return new Chart(document.getElementById(id), {
      type: 'bar',
      data: {
        labels: labels,
        datasets: data.states.map(function (st, k) {
          return { label: st.label, data: valueOf(st).map(function (x) { return Math.round(x * 1000) / 10; }), backgroundColor: COLORS[k % COLORS.length] };
        }),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { y: { min: 0, max: 100, title: { display: true, text: '% of residents covered' } } },
        plugins: { tooltip: { callbacks: { label: function (c) { return c.dataset.label + ': ' + c.parsed.y + '%'; } } } },
      },
    });
  }
  barChart('chart-bands', data.bands, function (st) { return data.bands.map(function (b) { return st.byAgeBand[b]; }); });
  barChart('chart-services', data.services.map(function (s) { return s.id; }), function (st) { return data.services.map(function (s) { return st.byService[s.id]; }); });

  // ---- tables -----------------------------------------------------------------------------
  function table(head, rows, numeric) {
    var t = el('table');
    var tr = el('tr');
    head.forEach(function (h, c) { tr.appendChild(el('th', numeric[c] ? 'num' : null, h)); });
    t.appendChild(tr);
    rows.forEach(function (r) {
      var row = el('tr', r.className || null);
      r.cells.forEach(function (v, c) {
        var td = el('td', numeric[c] ? 'num' : null);
        if (v && typeof v === 'object') { td.textContent = v.text; if (v.className) td.className += ' ' + v.className; }
        else td.textContent = v;
        row.appendChild(td);
      });
      t.appendChild(row);
    });
    return t;
  }

  var planBox = document.getElementById('plan-tables');
  var withPlans = data.states.filter(function (st) { return st.totals; });
  if (withPlans.length === 0) planBox.appendChild(el('p', 'note', 'No plan in this results folder: only today\'s facilities are shown. Compare plans with quarterhour compare, or add a plan.json.'));
  withPlans.forEach(function (st) {
    planBox.appendChild(el('h3', null, data.kind === 'run' ? 'The plan' : st.label));
    var rows = st.conversions.map(function (c) {
      return { cells: [c.candidate, c.name, c.kind, c.services.join(', '), num(c.areaM2Used), num(c.cost)] };
    });
    rows.push({ className: 'total', cells: ['total', plural(st.totals.spaces, 'space'), '', plural(st.totals.conversions, 'conversion'), num(st.totals.areaM2), num(st.totals.cost)] });
    var t = table(['space', 'name', 'kind', 'new services', 'floor m² used', 'cost'], rows, [false, false, false, false, true, true]);
    t.id = 'plan-table-' + data.states.indexOf(st);
    planBox.appendChild(t);
  });

  var diffBox = document.getElementById('difference-tables');
  if (data.kind !== 'compare') document.getElementById('differences').hidden = true;
  else {
    data.changes.forEach(function (ch) {
      diffBox.appendChild(el('h3', null, 'Residents gaining or losing access: ' + ch.plan + ' vs ' + ch.reference));
      diffBox.appendChild(table(['service', 'gaining', 'losing'], data.services.map(function (s) {
        var x = ch.byService[s.id];
        return { cells: [s.id, { text: x.gained ? '+' + num(x.gained) : '0', className: x.gained ? 'gain' : '' }, { text: x.lost ? '-' + num(x.lost) : '0', className: x.lost ? 'loss' : '' }] };
      }), [false, true, true]));
    });
    data.differences.forEach(function (d) {
      diffBox.appendChild(el('h3', null, d.plan + ' vs ' + d.reference + ' (' + plural(d.same, 'space') + ' used the same way)'));
      var rows = [];
      d.onlyInPlan.forEach(function (u) { rows.push({ cells: [u.candidate, u.name, u.services.join(', '), '—'] }); });
      d.onlyInReference.forEach(function (u) { rows.push({ cells: [u.candidate, u.name, '—', u.services.join(', ')] }); });
      d.differentServices.forEach(function (u) { rows.push({ cells: [u.candidate, u.name, u.plan.join(', '), u.reference.join(', ')] }); });
      if (rows.length === 0) diffBox.appendChild(el('p', 'note', 'The plans use the same spaces for the same services.'));
      else diffBox.appendChild(table(['space', 'name', 'in ' + d.plan, 'in ' + d.reference], rows, [false, false, false, false]));
    });
    if (data.differences.length === 0) diffBox.appendChild(el('p', 'note', 'Only one plan: compared with today above.'));
  }

  update();
  document.body.setAttribute('data-ready', 'true');
})();
