/*
 * The report's "Why this plan" section: plan.json's `explanation` block (src/plan/explanation.ts): the
 * solver's status and gap, what each conversion adds at the margin by age band, the constraints with
 * their shadow values, and why each service without a new site has none. Every field is checked before
 * use: a missing or odd one shows as a dash, never breaks the page.
 */
var QHExplain = (function () {
  'use strict';
  function isObj(v) { return v !== null && typeof v === 'object' && !Array.isArray(v); }
  function list(v) { return Array.isArray(v) ? v.filter(isObj) : []; }
  function isNum(v) { return typeof v === 'number' && isFinite(v); }

  /** ctx: {data, t, tn, el, table, num, pct, serviceLabel, bandName}; `ex` the explanation block (or null). */
  function render(ctx, box, ex) {
    var t = ctx.t, el = ctx.el;
    var zh = ctx.data.lang === 'zh';
    /** The relaxation step in the page's language: the engine writes it in English ("one more conversion", "100,000 元 more"). */
    function stepText(c) {
      if (!zh) return c.step;
      if (c.name === 'max_conversions') return t('stepConversion');
      if (c.name === 'min_count') return t('stepMinCount');
      var amount = /[\d,]+/.exec(c.step);
      return c.name === 'max_cost' && amount ? t('stepCost', { n: amount[0] }) : c.step;
    }
    /** Why a service is uncovered, in detail: the engine's English text, or in Chinese from its numbers. */
    function uncoveredDetail(u) {
      if (!zh) return typeof u.detail === 'string' ? u.detail : '';
      var parts = [];
      if (isNum(u.uncoveredWeight)) parts.push(t('uncoveredWeight', { n: n1(u.uncoveredWeight) }));
      if (isNum(u.bestOptionWeight)) parts.push(t('bestOption', { n: n1(u.bestOptionWeight) }));
      return parts.join('；');
    }
    var dash = '—';
    var n1 = function (x) { return isNum(x) ? ctx.num(x, 1) : dash; };
    var n0 = function (x) { return isNum(x) ? ctx.num(x, 0) : dash; };
    if (!isObj(ex)) {
      box.appendChild(el('p', 'note', t('exAbsent')));
      return;
    }
    var sv = isObj(ex.solver) ? ex.solver : {};
    var proven = sv.provenOptimal === true || sv.status === 'optimal';
    var solverLine = el('p', 'solver', t('exSolver', {
      name: String(sv.name === undefined ? dash : sv.name),
      status: sv.status === undefined ? dash : (t('status_' + sv.status) === 'status_' + sv.status ? String(sv.status) : t('status_' + sv.status)),
      objective: n1(sv.objective),
      bound: n1(sv.bound),
      gap: isNum(sv.gap) ? ctx.pct(sv.gap, 3) : dash,
    }) + ' (' + (proven ? t('exProven') : t('exNotProven')) + ')');
    solverLine.id = 'explanation-solver';
    box.appendChild(solverLine);
    if (isObj(ex.objective) && typeof ex.objective.note === 'string') box.appendChild(el('p', 'note', t('exObjective') + ': ' + ex.objective.note));

    box.appendChild(el('h3', null, t('exMargins')));
    var margins = list(ex.margins);
    if (margins.length === 0) box.appendChild(el('p', 'note', t('exMarginsNone')));
    else {
      var head = [t('colSpace'), t('colService'), t('colResidentsAdded')].concat(ctx.data.bands.map(ctx.bandName)).concat([t('colWeighted'), t('colCost')]);
      var rows = margins.map(function (m) {
        var byBand = isObj(m.residentsByBand) ? m.residentsByBand : {};
        return { cells: [String(m.candidate === undefined ? dash : m.candidate), ctx.serviceLabel(String(m.service))].concat([n0(m.residents)]).concat(ctx.data.bands.map(function (b) { return n0(byBand[b]); })).concat([n1(m.weightedDemand), n0(m.cost)]) };
      });
      var tm = ctx.table(head, rows, head.map(function (_, c) { return c >= 2; }));
      tm.id = 'explanation-margins';
      box.appendChild(tm);
    }

    var constraints = list(ex.constraints);
    if (constraints.length) {
      box.appendChild(el('h3', null, t('exConstraints')));
      var tc = ctx.table([t('colConstraint'), t('colUsed'), t('colLimit'), t('colBinding'), t('colShadow'), t('colNote')], constraints.map(function (c) {
        var name = t('c_' + c.name) === 'c_' + c.name ? String(c.name) : t('c_' + c.name);
        if (typeof c.service === 'string' && c.service) name += ': ' + ctx.serviceLabel(c.service);
        var share = c.name === 'equity_age_band' || c.name === 'equity_block';
        var fmt = function (x) { return share && isNum(x) ? ctx.pct(x, 1) : n1(x); };
        // a bracket (shadowRange: not solved exactly) reads as low–high
        var range = c.shadowRange && isNum(c.shadowRange.low) && isNum(c.shadowRange.high) ? n1(c.shadowRange.low) + '–' + n1(c.shadowRange.high) : null;
        var value = isNum(c.shadowValue) ? n1(c.shadowValue) : range;
        var shadow = value !== null ? (typeof c.step === 'string' && c.step ? t('perStep', { value: value, step: stepText(c) }) : value) : t('notMeasured');
        return { className: c.binding === true ? 'binding' : null, cells: [name, fmt(c.used), c.limit === null || c.limit === undefined ? dash : fmt(c.limit), c.binding === true ? t('yes') : t('no'), shadow, typeof c.note === 'string' ? c.note : ''] };
      }), [false, true, true, false, true, false]);
      tc.id = 'explanation-constraints';
      box.appendChild(tc);
    }

    box.appendChild(el('h3', null, t('exUncovered')));
    var uncovered = list(ex.uncovered);
    if (uncovered.length === 0) box.appendChild(el('p', 'note', t('exUncoveredNone')));
    else {
      var tu = ctx.table([t('colService'), t('colReason'), t('colDetail')], uncovered.map(function (u) {
        var reason = t('r_' + u.reason) === 'r_' + u.reason ? String(u.reason) : t('r_' + u.reason);
        return { cells: [ctx.serviceLabel(String(u.service)), reason, uncoveredDetail(u)] };
      }), [false, false, false]);
      tu.id = 'explanation-uncovered';
      box.appendChild(tu);
    }
  }

  return { render: render };
})();
