/*
 * quarterhour batch report script (inlined; runs in the browser with Chart.js). For the chosen metric,
 * one curve per series (combination of swept parameters other than the x axis and the seed): the mean
 * over seeds at each x, with a shaded band from the lowest to the highest seed. DOM built with
 * textContent only.
 */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var COLORS = ['#2563eb', '#d97706', '#059669', '#7c3aed', '#db2777', '#0891b2', '#6b7280'];
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  var ok = data.rows.filter(function (r) { return r.status === 'ok'; });
  var failed = data.rows.length - ok.length;
  document.getElementById('title').textContent = data.title;
  document.getElementById('subtitle').textContent = data.rows.length + ' runs (' + failed + ' failed). Curves run along ' + data.x +
    (data.seriesBy.length ? '; one curve per ' + data.seriesBy.join(' x ') : '') + '; the line is the mean over seeds, the band spans the lowest to the highest seed.';

  var metric = data.metrics[0];
  var controls = document.getElementById('controls');
  var label = el('label', null, 'metric ');
  var select = el('select');
  select.id = 'metric';
  data.metrics.forEach(function (m) { var o = el('option', null, m); o.value = m; select.appendChild(o); });
  label.appendChild(select);
  controls.appendChild(label);

  function seriesKey(r) { return data.seriesBy.map(function (c) { return c + '=' + r[c]; }).join(', ') || 'all runs'; }
  function datasets(m) {
    var groups = {};
    ok.forEach(function (r) {
      var k = seriesKey(r);
      var x = Number(r[data.x]);
      var y = Number(r[m]);
      if (r[m] === '' || !isFinite(y)) return;
      groups[k] = groups[k] || {};
      (groups[k][x] = groups[k][x] || []).push(y);
    });
    var out = [];
    Object.keys(groups).forEach(function (k, i) {
      var xs = Object.keys(groups[k]).map(Number).sort(function (a, b) { return a - b; });
      var c = COLORS[i % COLORS.length];
      var stat = xs.map(function (x) {
        var v = groups[k][x];
        return { x: x, mean: v.reduce(function (a, b) { return a + b; }, 0) / v.length, min: Math.min.apply(null, v), max: Math.max.apply(null, v) };
      });
      out.push({ label: k + ' (max)', data: stat.map(function (s) { return { x: s.x, y: s.max }; }), borderColor: 'transparent', backgroundColor: c + '33', pointRadius: 0, fill: false });
      out.push({ label: k + ' (min)', data: stat.map(function (s) { return { x: s.x, y: s.min }; }), borderColor: 'transparent', backgroundColor: c + '33', pointRadius: 0, fill: '-1' });
      out.push({ label: k, data: stat.map(function (s) { return { x: s.x, y: s.mean }; }), borderColor: c, backgroundColor: c, pointRadius: 3, fill: false });
    });
    return out;
  }
  var chart = new Chart(document.getElementById('chart-curve'), {
    type: 'line',
    data: { datasets: datasets(metric) },
    options: {
      animation: false, responsive: true, maintainAspectRatio: false,
      scales: { x: { type: 'linear', title: { display: true, text: data.x } }, y: { title: { display: true, text: metric } } },
      plugins: { legend: { labels: { filter: function (item) { return !/\((min|max)\)$/.test(item.text); } } } },
    },
  });
  function caption() { document.getElementById('curve-caption').textContent = metric + ' against ' + data.x; }
  caption();
  select.addEventListener('change', function () {
    metric = select.value;
    chart.data.datasets = datasets(metric);
    chart.options.scales.y.title.text = metric;
    chart.update();
    caption();
  });

  var shown = ['run_id', 'status', 'error', data.x].concat(data.seriesBy, ['seed', 'solver_status', 'gap', 'plan_conversions', 'plan_cost', 'coverage_plan_every_basic', 'within_plan', 'f15_plan'])
    .filter(function (c, i, a) { return data.columns.indexOf(c) >= 0 && a.indexOf(c) === i; });
  var table = el('table');
  var head = el('tr');
  shown.forEach(function (c) { head.appendChild(el('th', null, c)); });
  table.appendChild(head);
  data.rows.forEach(function (r) {
    var tr = el('tr');
    shown.forEach(function (c) { tr.appendChild(el('td', null, r[c])); });
    table.appendChild(tr);
  });
  document.getElementById('run-table').appendChild(table);

  // a batch over several circles: the ranking by gain per yuan, and the coverage distribution
  var pf = data.portfolio;
  if (pf) {
    document.getElementById('portfolio').hidden = false;
    var SHOWN = 100;
    document.getElementById('portfolio-caption').textContent = pf.circles + ' circles, ' + pf.services.length + ' services. Gain: resident-service pairs the plan brings within threshold; per 10,000 元 of the plan\'s cost.' +
      (pf.circles > SHOWN ? ' The first ' + SHOWN + ' are shown.' : '');
    var cols = [['rank', null], ['circle', 'scenario'], ['residents', 'residents'], ['coverage today', 'coverageToday'], ['with the plan', 'coveragePlan'], ['gain', 'gain'], ['plan cost (元)', 'planCost'], ['gain per 10,000 元', 'gainPer10k']];
    var pt = el('table');
    var ph = el('tr');
    cols.forEach(function (c) { ph.appendChild(el('th', null, c[0])); });
    pt.appendChild(ph);
    pf.ranking.slice(0, SHOWN).forEach(function (r, i) {
      var tr = el('tr');
      cols.forEach(function (c) {
        var v = c[1] === null ? i + 1 : r[c[1]];
        if (c[1] === 'coverageToday' || c[1] === 'coveragePlan') v = (v * 100).toFixed(1) + '%';
        if (v === null) v = '—';
        tr.appendChild(el('td', null, v));
      });
      pt.appendChild(tr);
    });
    document.getElementById('portfolio-table').appendChild(pt);
    new Chart(document.getElementById('chart-distribution'), {
      type: 'bar',
      data: { labels: pf.distribution.bins, datasets: [
        { label: 'today', data: pf.distribution.today, backgroundColor: '#9ca3af' },
        { label: 'with the plan', data: pf.distribution.plan, backgroundColor: '#2563eb' },
      ] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { y: { title: { display: true, text: 'circles' } } } },
    });
  }
  document.body.setAttribute('data-ready', 'true');
})();
