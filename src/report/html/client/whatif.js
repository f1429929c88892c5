/*
 * The report's what-if panel: switch any idle space's conversions on or off (one checkbox per service
 * that fits the space; together they must fit its floor area, as the plan validator asks), and the
 * coverage by service and age band updates at once with the engine's rule (coverage.js). The map gets
 * the what-if plan as a state of its own. The plan downloads as a plan.json that `quarterhour compare`
 * reads. Test hooks: data-testid="whatif-<space id>-<service id>" on each checkbox,
 * data-testid="coverage-all" on the all-services share, data-testid="coverage-<service>-<band|all>".
 */
var QHWhatIf = (function () {
  'use strict';

  /** ctx: {data, t, tn, el, table, num, pct, serviceLabel, bandName, onChange(state), focus(lat, lon)}. */
  function mount(ctx, box) {
    var data = ctx.data, w = data.whatIf, t = ctx.t, el = ctx.el;
    var m = QHCoverage.model(w);
    var S = m.S, NB = data.bands.length;
    var today = QHCoverage.evaluate(m, []).summary;
    /** chosen[c] = the service indices switched on at space c, ascending. */
    var chosen = w.spaces.map(function () { return []; });
    function setPlan(list) {
      chosen = w.spaces.map(function () { return []; });
      list.forEach(function (c) { chosen[c.space] = c.services.slice().sort(function (a, b) { return a - b; }); });
    }
    setPlan(w.initial);

    box.appendChild(el('p', 'note', t('wiIntro')));
    if (w.compact) box.appendChild(el('p', 'note', t('wiBig')));
    var bar = el('div', 'whatif-bar');
    function button(id, text, onClick) {
      var b = el('button', null, text);
      b.type = 'button';
      b.id = id;
      b.addEventListener('click', onClick);
      bar.appendChild(b);
      return b;
    }
    button('whatif-reset', t('wiReset'), function () { setPlan(w.initial); syncBoxes(); refresh(); });
    button('whatif-clear', t('wiClear'), function () { setPlan([]); syncBoxes(); refresh(); });
    button('whatif-download', t('wiDownload'), download);
    var filter = el('input');
    filter.type = 'search';
    filter.id = 'whatif-filter';
    filter.placeholder = t('wiFilter');
    bar.appendChild(filter);
    box.appendChild(bar);
    var summaryLine = el('p', 'whatif-summary');
    summaryLine.id = 'whatif-summary';
    box.appendChild(summaryLine);
    var status = el('p', 'whatif-status');
    status.id = 'whatif-status';
    status.setAttribute('role', 'status');
    box.appendChild(status);
    box.appendChild(el('h3', null, t('wiCoverage')));
    var coverageBox = el('div');
    box.appendChild(coverageBox);

    // ---- the idle spaces and their toggles ----
    var boxes = [];
    var scroll = el('div', 'whatif-spaces');
    var st = el('table');
    st.id = 'whatif-spaces';
    var hr = el('tr');
    [t('colSpace'), t('colName'), t('colKind'), t('colArea2'), t('colServicesFit')].forEach(function (h, c) { hr.appendChild(el('th', c === 3 ? 'num' : null, h)); });
    st.appendChild(hr);
    /** Rows are built when first shown, and at most LIMIT at once: a big scenario has thousands of spaces. */
    var LIMIT = 200;
    var rowOf = [];
    var textOf = w.spaces.map(function (sp) { return (sp.id + ' ' + sp.name + ' ' + sp.kindName).toLowerCase(); });
    function buildRow(c) {
      var sp = w.spaces[c];
      var tr = el('tr');
      var idCell = el('td', 'link', sp.id);
      idCell.addEventListener('click', function () { ctx.focus(sp.lat, sp.lon); });
      tr.appendChild(idCell);
      tr.appendChild(el('td', null, sp.name));
      tr.appendChild(el('td', null, sp.kindName));
      tr.appendChild(el('td', 'num', ctx.num(sp.areaM2, 1)));
      var td = el('td');
      var cell = el('div', 'options');
      td.appendChild(cell);
      sp.options.forEach(function (o) {
        var sid = data.services[o.service].id;
        var lab = el('label', 'option');
        var cb = el('input');
        cb.type = 'checkbox';
        cb.setAttribute('data-testid', 'whatif-' + sp.id + '-' + sid);
        cb.checked = chosen[c].indexOf(o.service) >= 0;
        cb.addEventListener('change', function () { toggle(c, o, cb); });
        boxes.push({ c: c, s: o.service, input: cb });
        lab.appendChild(cb);
        lab.appendChild(QHSymbols.svg([o.service], 11));
        lab.appendChild(el('span', null, ctx.serviceLabel(sid) + ' (' + ctx.num(o.cost, 0) + ')'));
        cell.appendChild(lab);
      });
      tr.appendChild(td);
      return tr;
    }
    var more = el('p', 'note');
    more.id = 'whatif-more';
    function renderSpaces() {
      var q = filter.value.trim().toLowerCase();
      while (st.rows.length > 1) st.removeChild(st.rows[st.rows.length - 1]);
      var shown = 0, matching = 0;
      for (var c = 0; c < w.spaces.length; c++) {
        if (q !== '' && textOf[c].indexOf(q) < 0) continue;
        matching++;
        if (shown >= LIMIT) continue;
        if (!rowOf[c]) rowOf[c] = buildRow(c);
        st.appendChild(rowOf[c]);
        shown++;
      }
      more.textContent = matching > shown ? t('wiMore', { shown: ctx.num(shown), matching: ctx.num(matching) }) : '';
    }
    renderSpaces();
    scroll.appendChild(st);
    box.appendChild(more);
    box.appendChild(scroll);
    if (w.spaces.length === 0) box.appendChild(el('p', 'note', t('wiNoSpaces')));
    filter.addEventListener('input', renderSpaces);

    function syncBoxes() {
      boxes.forEach(function (b) { b.input.checked = chosen[b.c].indexOf(b.s) >= 0; });
    }

    function optionOf(c, s) {
      return w.spaces[c].options.filter(function (o) { return o.service === s; })[0];
    }

    function toggle(c, o, cb) {
      status.textContent = '';
      var list = chosen[c].filter(function (s) { return s !== o.service; });
      if (cb.checked) {
        var need = o.areaM2;
        list.forEach(function (s) { need += optionOf(c, s).areaM2; });
        if (need > w.spaces[c].areaM2) {
          cb.checked = false;
          status.textContent = t('wiTooBig', { space: w.spaces[c].id, service: ctx.serviceLabel(data.services[o.service].id), need: ctx.num(need, 1), area: ctx.num(w.spaces[c].areaM2, 1) });
          return;
        }
        list.push(o.service);
      }
      chosen[c] = list.sort(function (a, b) { return a - b; });
      refresh();
    }

    /** The current plan, in space order: [{space, services}]. */
    function plan() {
      var out = [];
      chosen.forEach(function (list, c) { if (list.length) out.push({ space: c, services: list.slice() }); });
      return out;
    }

    /** The plan.json document of the current plan (the form `quarterhour compare` reads). */
    function planDocument() {
      return {
        format: 'quarterhour-plan',
        version: 1,
        scenario: data.scenario,
        seed: data.seed,
        conversions: plan().map(function (c) {
          return { candidate: w.spaces[c.space].id, services: c.services.map(function (s) { return data.services[s].id; }) };
        }),
      };
    }

    function download() {
      var blob = new Blob([JSON.stringify(planDocument(), null, 2) + '\n'], { type: 'application/json' });
      var a = el('a');
      a.href = URL.createObjectURL(blob);
      a.download = 'plan.json';
      document.body.appendChild(a);
      a.click();
      setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
    }

    function delta(x, base) {
      var d = Math.round((x - base) * 1000) / 10;
      return d === 0 ? '' : ' (' + (d > 0 ? '+' : '') + d.toFixed(1) + ')';
    }
    function shareCell(x, base, testid) {
      var td = el('td', 'num');
      var v = el('span', null, ctx.pct(x, 1));
      v.setAttribute('data-testid', testid);
      td.appendChild(v);
      var d = delta(x, base);
      if (d) td.appendChild(el('span', x > base ? 'delta gain' : 'delta loss', d));
      return td;
    }

    function drawCoverage(sum) {
      coverageBox.textContent = '';
      var tb = el('table');
      tb.id = 'whatif-coverage';
      var hr2 = el('tr');
      [t('colService')].concat(data.bands.map(ctx.bandName)).concat([t('colAll')]).forEach(function (h, c) { hr2.appendChild(el('th', c ? 'num' : null, h)); });
      tb.appendChild(hr2);
      data.services.forEach(function (svc, s) {
        var tr = el('tr');
        tr.appendChild(el('td', null, ctx.serviceLabel(svc.id) + ' (' + t('minutes', { n: svc.thresholdMin }) + ')'));
        for (var b = 0; b <= NB; b++) tr.appendChild(shareCell(sum.byService[s][b], today.byService[s][b], 'coverage-' + svc.id + '-' + (b < NB ? data.bands[b] : 'all')));
        tb.appendChild(tr);
      });
      var all = el('tr', 'total');
      all.appendChild(el('td', null, t('wiAllServices')));
      for (var b2 = 0; b2 < NB; b2++) all.appendChild(shareCell(sum.byAgeBand[b2], today.byAgeBand[b2], 'coverage-all-' + data.bands[b2]));
      all.appendChild(shareCell(sum.allServices, today.allServices, 'coverage-all'));
      tb.appendChild(all);
      var basic = el('tr', 'total');
      basic.appendChild(el('td', null, t('wiEveryBasic')));
      for (var b3 = 0; b3 < NB; b3++) basic.appendChild(shareCell(sum.allBasicByAgeBand[b3], today.allBasicByAgeBand[b3], 'coverage-basic-' + data.bands[b3]));
      basic.appendChild(shareCell(sum.allBasic, today.allBasic, 'coverage-basic'));
      tb.appendChild(basic);
      coverageBox.appendChild(tb);
    }

    function refresh() {
      var p = plan();
      var r = QHCoverage.evaluate(m, p);
      drawCoverage(r.summary);
      var cost = 0, area = 0, conversions = 0;
      var conv = p.map(function (c) {
        var sp = w.spaces[c.space];
        var cc = 0, aa = 0;
        c.services.forEach(function (s) { var o = optionOf(c.space, s); cc += o.cost; aa += o.areaM2; });
        cost += cc;
        area += aa;
        conversions += c.services.length;
        return { candidate: sp.id, name: sp.name, kind: sp.kind, services: c.services.map(function (s) { return data.services[s].id; }), areaM2Used: aa, cost: Math.round(cc), lon: sp.lon, lat: sp.lat };
      });
      cost = Math.round(cost);
      var limits = [];
      var over = false;
      if (w.budget.maxConversions !== null) { limits.push(t('wiMaxConversions', { n: w.budget.maxConversions })); over = over || conversions > w.budget.maxConversions; }
      if (w.budget.maxCost !== null) { limits.push(t('wiMaxCost', { n: ctx.num(w.budget.maxCost, 0) })); over = over || cost > w.budget.maxCost; }
      summaryLine.textContent = t('wiSummary', { spaces: ctx.tn('spaces', p.length), conversions: ctx.tn('conversions', conversions), area: ctx.num(area, 1), cost: ctx.num(cost, 0) }) +
        (limits.length ? '; ' + t('wiBudget', { limits: limits.join(', ') }) : '') + (over ? ' — ' + t('wiOver') : '');
      summaryLine.className = 'whatif-summary' + (over ? ' loss' : '');
      var min = new Float64Array(r.table.minutes.length);
      for (var k = 0; k < min.length; k++) { var x = r.table.minutes[k]; min[k] = isFinite(x) ? Math.round(x * 10) / 10 : NaN; }
      ctx.onChange({ label: t('stateWhatIf'), min: min, cov: r.table.covered, conversions: conv, isochrones: [], totals: null, explanation: null });
    }

    syncBoxes();
    refresh();
    return { planDocument: planDocument };
  }

  return { mount: mount };
})();
